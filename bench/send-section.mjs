// Section 2: sequential requests to a keep-alive server on 127.0.0.1 (its own process):
// both CLIs end to end on one .http file, and in process our engine vs a bare undici loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCase, timeCommand } from './case-runner.mjs';
import { faster, median, ms, times } from './figures.mjs';

const plans = {
  quick: { count: 200, engineWarmup: 3, engineRounds: 3, cliRuns: 1, budgetMs: 60_000 },
  full: { count: 2000, engineWarmup: 1, engineRounds: 5, cliRuns: 3, budgetMs: 120_000 },
};

function startServer(script) {
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`loopback server exited (${code}) before listening`)));
    child.stdout.once('data', (d) => resolvePromise({ port: JSON.parse(String(d)).port, stop: () => stopServer(child) }));
  });
}

function stopServer(child) {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null) return resolvePromise();
    child.removeAllListeners('exit');
    child.once('exit', () => resolvePromise());
    child.stdin.end();
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** How many requests the server answered since the last call. */
function takeServedCount(port) {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/__count', agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolvePromise(JSON.parse(body).served));
    });
    req.on('error', reject);
    req.end();
  });
}

const cliTarget = 'CLI ≥ 2× faster than httpYac end to end';

/** A peer that ran out of time still bounds the ratio from below: budget / our time. */
function cliVerdict(oursMs, peerMs, peerBudgetMs, count, failures) {
  if (oursMs && peerMs) return { target: cliTarget, status: peerMs / oursMs >= 2 ? 'met' : 'missed', detail: `${ms(oursMs)} vs ${ms(peerMs)} for ${count} requests = ${times(peerMs / oursMs)}` };
  if (oursMs && peerBudgetMs) {
    const atLeast = peerBudgetMs / oursMs;
    return { target: cliTarget, status: atLeast >= 2 ? 'met' : 'not measured', detail: `ours ${ms(oursMs)} for ${count} requests; httpYac did not finish within ${peerBudgetMs / 1000} s, so at least ${times(atLeast)}` };
  }
  return { target: cliTarget, status: 'not measured', detail: Object.values(failures).join('; ') };
}

export async function sendSection({ mode, scripts, repoRoot, productDist, log }) {
  const plan = plans[mode];
  // Outside the repo: httpYac's file glob skips dot-folders such as bench/.work.
  const dir = mkdtempSync(join(tmpdir(), 'http-conflicts-bench-'));
  const server = await startServer(join(repoRoot, 'bench', 'loopback-server.mjs'));
  const crashes = [];
  const rows = [];
  const verdicts = [];
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const { generateSendFile } = createRequire(import.meta.url)(scripts['send-file-generator']);
    writeFileSync(join(dir, 'send.http'), generateSendFile(plan.count, origin));

    log(`send ${plan.count} requests in process: undici, sendRequest, RequestSession (${plan.engineRounds} rounds)`);
    const engine = await runCase(scripts['send-engine-bench'], ['--origin', origin, '--count', String(plan.count), '--warmup', String(plan.engineWarmup), '--rounds', String(plan.engineRounds), '--http-file', join(dir, 'send.http')], { budgetMs: plan.budgetMs, cwd: repoRoot });
    await takeServedCount(server.port);
    if (engine.status !== 'ok') {
      crashes.push(`send engine: ${engine.detail}`);
      rows.push([`${plan.count} requests, in process`, 'all', engine.detail.split('\n')[0], '', '', '']);
      verdicts.push({ target: 'Engine per-request overhead within 15% of bare undici', status: 'not measured', detail: engine.detail });
    } else {
      const perRequest = (name) => engine.value.medianMs[name] / plan.count;
      const floor = perRequest('undici');
      for (const [name, label] of [['undici', 'bare undici request() loop (floor)'], ['sender', 'ours: sendRequest loop'], ['session', 'ours: RequestSession (engine)']]) {
        const extra = perRequest(name) - floor;
        rows.push([name === 'undici' ? `${plan.count} requests, in process` : '', label, ms(engine.value.medianMs[name]), String(plan.engineRounds), name === 'undici' ? '' : `${times(perRequest(name) / floor)} of floor`, `${ms(perRequest(name))}/request${name === 'undici' ? '' : `, +${(extra * 1000).toFixed(0)} µs`}`]);
      }
      const ratio = perRequest('session') / floor;
      verdicts.push({ target: 'Engine per-request overhead within 15% of bare undici', status: ratio <= 1.15 ? 'met' : 'missed', detail: `RequestSession ${ms(perRequest('session'))}/request vs undici ${ms(floor)} = ${times(ratio)} (sendRequest alone ${times(perRequest('sender') / floor)})` });
    }

    const clis = {
      ours: [process.execPath, [join(productDist, 'cli.js'), 'run', 'send.http', '--snapshots', join(dir, 'snapshots')]],
      httpyac: [process.execPath, [join(repoRoot, 'node_modules', 'httpyac', 'bin', 'httpyac.js'), 'send', 'send.http', '--all', '-o', 'short']],
    };
    const cliTimes = { ours: [], httpyac: [] };
    const cliFailures = {};
    const cliTimedOut = {};
    for (let run = 0; run < plan.cliRuns; run++) {
      for (const name of run % 2 ? ['httpyac', 'ours'] : ['ours', 'httpyac']) {
        if (cliFailures[name]) continue;
        log(`send ${plan.count} requests with the ${name} CLI (run ${run + 1}/${plan.cliRuns})`);
        const [command, args] = clis[name];
        const result = await timeCommand(command, args, { cwd: dir, budgetMs: plan.budgetMs });
        const served = await takeServedCount(server.port);
        if (result.timedOut) {
          cliFailures[name] = `did not finish within ${plan.budgetMs / 1000} s`;
          cliTimedOut[name] = true;
        }
        else if (result.code !== 0 || served !== plan.count) {
          cliFailures[name] = `exit ${result.code}, server saw ${served} of ${plan.count} requests ${result.stderr.split('\n')[0]}`;
          crashes.push(`send CLI ${name}: ${cliFailures[name]}`);
        } else cliTimes[name].push(result.ms);
      }
    }
    const oursCli = cliTimes.ours.length ? median(cliTimes.ours) : undefined;
    const peerCli = cliTimes.httpyac.length ? median(cliTimes.httpyac) : undefined;
    // A CLI that failed after some good runs keeps their median; the failure goes in the note.
    const cliRow = (name, label, medianMs, ratio) => [
      name === 'ours' ? `${plan.count} requests, CLI end to end` : '',
      label,
      medianMs === undefined ? (cliFailures[name] ?? '—') : ms(medianMs),
      String(cliTimes[name].length),
      ratio,
      [medianMs === undefined ? '' : `${ms(medianMs / plan.count)}/request incl. start-up`, medianMs !== undefined && cliFailures[name] ? `a later run ${cliFailures[name]}` : ''].filter(Boolean).join('; '),
    ];
    rows.push(cliRow('ours', 'ours: node dist/cli.js run', oursCli, ''));
    rows.push(cliRow('httpyac', 'httpYac: httpyac send --all -o short', peerCli, faster(oursCli, peerCli, 'httpYac')));
    verdicts.push(cliVerdict(oursCli, peerCli, cliTimedOut.httpyac ? plan.budgetMs : undefined, plan.count, cliFailures));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: `2. Send (${plan.count} sequential requests)`,
    columns: ['case', 'peer', 'median', 'runs', 'ratio', 'note'],
    rows,
    verdicts,
    crashes,
    notes: [
      'Half GET, half POST with a small JSON body, to a node:http keep-alive server on 127.0.0.1 running in its own process. The bench checks the server saw every request of every run.',
      'In process, the three clients take turns round by round (order rotated) so machine noise hits all alike; each has its own keep-alive pool. The session does what the editor does per request: resolve variables, prepare, send, classify the response for conflicts and keep a snapshot of reads (in memory).',
      'CLIs: a fresh `node` per run, output piped to the bench and discarded; runs alternate between the two. Our CLI also writes a snapshot file per GET (to a temporary --snapshots folder), as it does for users.',
    ],
  };
}
