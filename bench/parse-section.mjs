// Section 1: parse generated .http files with our parser and httpYac's, in separate processes.
import { failureText, faster, growthPer10x, ms, pool, times } from './figures.mjs';
import { runCase } from './case-runner.mjs';

const plans = {
  quick: {
    sizes: [1000, 10_000],
    ours: { 1000: [2, 5], 10_000: [1, 3] },
    httpyac: { 1000: [1, 2], 10_000: [0, 1] },
    budgetMs: 30_000,
    rounds: 1,
  },
  full: {
    sizes: [1000, 10_000, 50_000],
    ours: { 1000: [3, 9], 10_000: [2, 7], 50_000: [1, 5] },
    httpyac: { 1000: [1, 5], 10_000: [0, 3], 50_000: [0, 1] },
    budgetMs: 180_000,
    rounds: 3,
  },
};

export async function parseSection({ mode, scripts, repoRoot, log }) {
  const plan = plans[mode];
  const results = {};
  const crashes = [];
  // Rounds: every case runs once per round in a fresh process, the peers' order rotating, and
  // the timed runs of all rounds are pooled. One process per case let a busy minute land on one
  // size or one peer only; the growth figure compares processes minutes apart.
  for (let round = 0; round < plan.rounds; round++) {
    for (const size of plan.sizes) {
      const order = round % 2 ? ['httpyac', 'ours'] : ['ours', 'httpyac'];
      for (const peer of order) {
        const key = `${peer}:${size}`;
        if (results[key]?.failure) continue;
        const [warmup, runs] = plan[peer][size];
        log(`parse ${size} requests: ${peer} (round ${round + 1} of ${plan.rounds}, ${runs} runs)`);
        const outcome = await runCase(
          scripts['parse-bench'],
          ['--size', String(size), '--peer', peer, '--warmup', String(warmup), '--runs', String(runs)],
          { budgetMs: plan.budgetMs, cwd: repoRoot },
        );
        if (outcome.status === 'crashed') crashes.push(`parse ${size} ${peer}: ${outcome.detail}`);
        results[key] = outcome.status === 'ok' ? pool(results[key], outcome.value) : { failure: failureText(outcome) };
      }
    }
  }

  const rows = [];
  for (const size of plan.sizes) {
    const ours = results[`ours:${size}`];
    const peer = results[`httpyac:${size}`];
    const ratio = ours.median && peer.median ? peer.median / ours.median : undefined;
    const mb = ours.bytes ? `${(ours.bytes / 2 ** 20).toFixed(1)} MB` : '';
    rows.push([
      `${size.toLocaleString('en')} requests (${mb})`,
      'ours',
      ours.failure || ms(ours.median),
      String(ours.runs ?? '—'),
      '',
      '',
    ]);
    rows.push([
      '',
      'httpYac',
      peer.failure || ms(peer.median),
      String(peer.runs ?? '—'),
      ratio ? faster(ours.median, peer.median, 'httpYac') : '—',
      peer.requests ? `both found ${peer.requests} requests` : '',
    ]);
  }
  const growth = [];
  for (let i = 1; i < plan.sizes.length; i++) {
    const [a, b] = [plan.sizes[i - 1], plan.sizes[i]];
    for (const peer of ['ours', 'httpyac']) {
      const [ra, rb] = [results[`${peer}:${a}`], results[`${peer}:${b}`]];
      if (ra.median && rb.median)
        growth.push({ peer, from: a, to: b, factor: growthPer10x(a, ra.median, b, rb.median) });
    }
  }
  for (const g of growth)
    rows.push([
      `growth ${g.from / 1000}k → ${g.to / 1000}k`,
      g.peer === 'ours' ? 'ours' : 'httpYac',
      `${times(g.factor)} time per 10× size`,
      '',
      '',
      '',
    ]);

  const ratios = plan.sizes.map((s) =>
    results[`ours:${s}`].median && results[`httpyac:${s}`].median
      ? results[`httpyac:${s}`].median / results[`ours:${s}`].median
      : undefined,
  );
  const minRatio = Math.min(...ratios.filter((r) => r !== undefined));
  const ourGrowth = growth.filter((g) => g.peer === 'ours').map((g) => g.factor);
  const verdicts = [
    ratios.some((r) => r === undefined)
      ? { target: 'Parse ≥ 3× faster than httpYac', status: 'not measured', detail: 'a case produced no figure' }
      : {
          target: 'Parse ≥ 3× faster than httpYac',
          status: minRatio >= 3 ? 'met' : 'missed',
          detail: `slowest ratio ${times(minRatio)} (${ratios.map(times).join(', ')} at ${plan.sizes.map((s) => s / 1000 + 'k').join(', ')})`,
        },
    {
      target: 'Parse grows linearly (≤ 11× time per 10× size at every step)',
      status: ourGrowth.length ? (Math.max(...ourGrowth) <= 11 ? 'met' : 'missed') : 'not measured',
      detail: ourGrowth.length ? `ours ${ourGrowth.map(times).join(', ')} per 10×` : '',
    },
  ];
  return {
    title: '1. Parse',
    columns: ['case', 'peer', 'median', 'runs', 'ratio', 'note'],
    rows,
    verdicts,
    crashes,
    notes: [
      'Same generated text for both: `###` titles, `#`/`//` comments, `# @name`, file variables, placeholders in URLs, headers and bodies; JSON, form and text bodies. Each peer parses in its own process; the bench fails if either finds a different number of requests.',
      "httpYac: only `store.parseHttpFile(httpFile, text, store)` is timed, on an HttpFile prepared by `HttpFileStore.initHttpFile` outside the timing (the config loading that `HttpFileStore.parse` adds is left out, in httpYac's favour).",
      'Growth per 10× is (t2/t1)^(1/log10(n2/n1)): 10× is linear.',
      `Each case runs in ${plan.rounds} fresh process${plan.rounds > 1 ? 'es, one per round, the peers taking turns first' : ''}; the median is of every timed run${plan.rounds > 1 ? ' of all rounds' : ''} ("runs").`,
    ],
  };
}
