// Section 2: sequential requests to a keep-alive server on 127.0.0.1 (its own process):
// both CLIs end to end on one .http file, and in process our engine vs a bare undici loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBruno, writeCollection } from './bruno-peer.mjs';
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
    child.stdout.once('data', (d) =>
      resolvePromise({ port: JSON.parse(String(d)).port, stop: () => stopServer(child) }),
    );
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

const httpYacTarget = 'CLI ≥ 10× faster than httpYac end to end';
const brunoTarget = 'CLI ≥ 6× faster than Bruno end to end';

/** A peer that ran out of time still bounds the ratio from below: budget / our time. */
function cliVerdict(target, goal, oursMs, peerMs, peerBudgetMs, count, failure, peerName) {
  if (oursMs && peerMs)
    return {
      target,
      status: peerMs / oursMs >= goal ? 'met' : 'missed',
      detail: `${ms(oursMs)} vs ${ms(peerMs)} for ${count} requests = ${times(peerMs / oursMs)}`,
    };
  if (oursMs && peerBudgetMs) {
    const atLeast = peerBudgetMs / oursMs;
    return {
      target,
      status: atLeast >= goal ? 'met' : 'not measured',
      detail: `ours ${ms(oursMs)} for ${count} requests; ${peerName} did not finish within ${peerBudgetMs / 1000} s, so at least ${times(atLeast)}`,
    };
  }
  return { target, status: 'not measured', detail: failure ?? 'ours did not run' };
}

export async function sendSection({ mode, scripts, repoRoot, productDist, workDir, log }) {
  const plan = plans[mode];
  // BENCH_SEND_PART=engine (or cli): only the in-process rows (or only the CLI rows), for
  // working on one of them; a full run measures both.
  const part = process.env.BENCH_SEND_PART;
  // Outside the repo: httpYac's file glob skips dot-folders such as bench/.work.
  const dir = mkdtempSync(join(tmpdir(), 'http-conflicts-bench-'));
  const server = await startServer(join(repoRoot, 'bench', 'loopback-server.mjs'));
  const crashes = [];
  const rows = [];
  const verdicts = [];
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const { generateSendFile, generateBruCollection } = createRequire(import.meta.url)(scripts['send-file-generator']);
    writeFileSync(join(dir, 'send.http'), generateSendFile(plan.count, origin));

    if (part !== 'cli') {
      log(`send ${plan.count} requests in process: undici, sendRequest, RequestSession (${plan.engineRounds} rounds)`);
      const engine = await runCase(
        scripts['send-engine-bench'],
        [
          '--origin',
          origin,
          '--count',
          String(plan.count),
          '--warmup',
          String(plan.engineWarmup),
          '--rounds',
          String(plan.engineRounds),
          '--http-file',
          join(dir, 'send.http'),
        ],
        { budgetMs: plan.budgetMs, cwd: repoRoot },
      );
      await takeServedCount(server.port);
      if (engine.status !== 'ok') {
        crashes.push(`send engine: ${engine.detail}`);
        rows.push([`${plan.count} requests, in process`, 'all', engine.detail.split('\n')[0], '', '', '']);
        verdicts.push({
          target: 'Engine per-request overhead within 15% of bare undici',
          status: 'not measured',
          detail: engine.detail,
        });
      } else {
        const perRequest = (name) => engine.value.medianMs[name] / plan.count;
        const floor = perRequest('undici');
        for (const [name, label] of [
          ['undici', 'bare undici request() loop (floor)'],
          ['sender', 'ours: sendRequest loop'],
          ['session', 'ours: RequestSession (engine)'],
        ]) {
          const extra = perRequest(name) - floor;
          rows.push([
            name === 'undici' ? `${plan.count} requests, in process` : '',
            label,
            ms(engine.value.medianMs[name]),
            String(plan.engineRounds),
            name === 'undici' ? '' : `${times(perRequest(name) / floor)} of floor`,
            `${ms(perRequest(name))}/request${name === 'undici' ? '' : `, ${extra < 0 ? '−' : '+'}${Math.abs(extra * 1000).toFixed(0)} µs`}`,
          ]);
        }
        const ratio = perRequest('session') / floor;
        verdicts.push({
          target: 'Engine per-request overhead within 15% of bare undici',
          status: ratio <= 1.15 ? 'met' : 'missed',
          detail: `RequestSession ${ms(perRequest('session'))}/request vs undici ${ms(floor)} = ${times(ratio)} (sendRequest alone ${times(perRequest('sender') / floor)})`,
        });
      }
    }
    if (part !== 'engine') {
      const clis = {
        ours: [
          process.execPath,
          [join(productDist, 'cli.js'), 'run', 'send.http', '--snapshots', join(dir, 'snapshots')],
          dir,
        ],
        httpyac: [
          process.execPath,
          [join(repoRoot, 'node_modules', 'httpyac', 'bin', 'httpyac.js'), 'send', 'send.http', '--all', '-o', 'short'],
          dir,
        ],
      };
      const cliFailures = {};
      const bruno = ensureBruno(workDir, log);
      if (bruno.ok) {
        const collection = join(dir, 'bruno');
        writeCollection(collection, generateBruCollection(plan.count, origin));
        clis.bruno = [process.execPath, [bruno.bin, 'run', '--env', 'bench'], collection];
      } else {
        log(`send: ${bruno.reason}; the Bruno rows are left out`);
        cliFailures.bruno = bruno.reason;
      }
      const names = Object.keys(clis);
      const cliTimes = Object.fromEntries(names.map((n) => [n, []]));
      const cliRss = Object.fromEntries(names.map((n) => [n, []]));
      const cliTimedOut = {};
      for (let run = 0; run < plan.cliRuns; run++) {
        // Rotated, so no CLI always runs first or right after the slowest one.
        for (let k = 0; k < names.length; k++) {
          const name = names[(run + k) % names.length];
          if (cliFailures[name]) continue;
          log(`send ${plan.count} requests with the ${name} CLI (run ${run + 1}/${plan.cliRuns})`);
          const [command, args, cwd] = clis[name];
          const result = await timeCommand(command, args, { cwd, budgetMs: plan.budgetMs });
          const served = await takeServedCount(server.port);
          if (result.timedOut) {
            cliFailures[name] = `did not finish within ${plan.budgetMs / 1000} s`;
            cliTimedOut[name] = true;
          } else if (result.code !== 0 || served !== plan.count) {
            cliFailures[name] =
              `exit ${result.code}, server saw ${served} of ${plan.count} requests ${result.stderr.split('\n')[0]}`;
            // Bruno is installed by the bench itself: its failure is a row that says so, not a crash.
            if (name !== 'bruno') crashes.push(`send CLI ${name}: ${cliFailures[name]}`);
          } else {
            cliTimes[name].push(result.ms);
            if (result.rssKb !== undefined) cliRss[name].push(result.rssKb);
          }
        }
      }
      const medianOf = (name) => (cliTimes[name]?.length ? median(cliTimes[name]) : undefined);
      const rssOf = (name) => (cliRss[name]?.length ? Math.max(...cliRss[name]) / 1024 : undefined);
      const oursCli = medianOf('ours');
      const oursRss = rssOf('ours');
      // A CLI that failed after some good runs keeps their median; the failure goes in the note.
      const cliRow = (name, label, peerName) => {
        const medianMs = medianOf(name);
        const rss = rssOf(name);
        const ratio = peerName
          ? [faster(oursCli, medianMs, peerName), rss && oursRss ? `RSS ${times(rss / oursRss)} ours` : '']
              .filter(Boolean)
              .join('; ')
          : '';
        return [
          name === 'ours' ? `${plan.count} requests, CLI end to end` : '',
          label,
          medianMs === undefined ? (cliFailures[name] ?? '—') : ms(medianMs),
          String(cliTimes[name]?.length ?? 0),
          ratio,
          [
            medianMs === undefined ? '' : `${ms(medianMs / plan.count)}/request incl. start-up`,
            rss === undefined ? '' : `peak RSS ${rss.toFixed(0)} MB`,
            medianMs !== undefined && cliFailures[name] ? `a later run ${cliFailures[name]}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        ];
      };
      rows.push(cliRow('ours', 'ours: node dist/cli.js run'));
      rows.push(cliRow('httpyac', 'httpYac: httpyac send --all -o short', 'httpYac'));
      rows.push(cliRow('bruno', `Bruno: bru run --env bench${bruno.ok ? ` (${bruno.version})` : ''}`, 'Bruno'));
      verdicts.push(
        cliVerdict(
          httpYacTarget,
          10,
          oursCli,
          medianOf('httpyac'),
          cliTimedOut.httpyac ? plan.budgetMs : undefined,
          plan.count,
          cliFailures.httpyac,
          'httpYac',
        ),
      );
      verdicts.push(
        cliVerdict(
          brunoTarget,
          6,
          oursCli,
          medianOf('bruno'),
          cliTimedOut.bruno ? plan.budgetMs : undefined,
          plan.count,
          cliFailures.bruno,
          'Bruno',
        ),
      );
      const brunoRss = rssOf('bruno');
      verdicts.push(
        oursRss && brunoRss
          ? {
              target: "CLI peak RSS ≤ ⅓ of Bruno's",
              status: oursRss * 3 <= brunoRss ? 'met' : 'missed',
              detail: `${oursRss.toFixed(0)} MB vs ${brunoRss.toFixed(0)} MB (httpYac ${rssOf('httpyac')?.toFixed(0) ?? '—'} MB), highest of the runs`,
            }
          : {
              target: "CLI peak RSS ≤ ⅓ of Bruno's",
              status: 'not measured',
              detail: cliFailures.bruno ?? cliFailures.ours ?? 'no peak RSS reading',
            },
      );
    }
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
      "CLIs: a fresh `node` per run, output piped to the bench and discarded; the order rotates run by run. Our CLI also writes a snapshot file per GET (to a temporary --snapshots folder), as it does for users. Bruno runs the same requests as a generated collection (one `.bru` file per request, `{{origin}}` from an environment), installed by the bench into bench/.work/peers (not a devDependency). Peak RSS: GNU time's maximum resident set size of the CLI process (or /proc VmHWM polled every 20 ms where there is no /usr/bin/time), the highest of the runs.",
    ],
  };
}
