// `http-conflicts`: the command-line runner over src/core — the same engine as the editor.
// Exit codes: 0 done; 1 a transport error, an unresolved conflict, or (with
// --fail-on-status) a 4xx/5xx; 2 usage or file errors.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { classifyConflict } from '../core/conflict/classify-conflict';
import type { ConflictReport, Exchange } from '../core/conflict/conflict-model';
import type { ContendedResolution } from '../core/conflict/contended-resolve';
import { resolveUnderContention } from '../core/conflict/contended-resolve';
import type { ResolveSteps } from '../core/conflict/resolve-conflict';
import { recordExchange } from '../core/conflict/snapshot-capture';
import { FileSnapshotStore } from '../core/conflict/snapshot-store';
import { WeakIfMatchEvidence } from '../core/conflict/weak-tag-evidence';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { mergeBodies } from '../core/merge/merge-bodies';
import { createFileResolver } from '../core/run/create-file-resolver';
import { createFileAccess } from '../core/run/include-files';
import type { SendCall, SessionOutcome } from '../core/run/request-session';
import { RequestSession } from '../core/run/request-session';
import { closeSenderAgents } from '../core/send/agent-cache';
import type { SendOptions } from '../core/send/send-model';
import { defaultSendOptions } from '../core/send/send-model';
import { sendRequest } from '../core/send/send-request';
import type { CliArgs } from './cli-args';
import { parseCliArgs, usage } from './cli-args';
import { loadHttpFile, requestNamed } from './load-http-file';
import { cliVariableSources } from './cli-environment';
import { runCheck } from './check-command';
import { outcomeJson, printOutcome, printResolution, resolutionJson } from './cli-output';
import { runProbe } from './probe-command';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function sendOptions(args: CliArgs): SendOptions {
  return {
    ...defaultSendOptions,
    env: process.env,
    followRedirects: !args.noRedirect,
    ...(args.timeoutMs ? { totalTimeoutMs: args.timeoutMs } : {}),
    ...(args.maxSizeMb ? { maxBodyBytes: args.maxSizeMb * 1024 * 1024 } : {}),
    tls: { verify: !args.insecure },
  };
}

function pickRequest(file: ParsedHttpFile, target: { line?: number; name?: string }): ParsedRequest | string {
  if (!target.name && !target.line) return file.requests[0] ?? 'The file holds no request.';
  return requestNamed(file, target) ?? (target.name ? `No request named "${target.name}" in the file.` : `No request at line ${target.line}.`);
}

function failed(outcome: SessionOutcome<ConflictReport>, args: CliArgs, resolution?: ResolveSteps): boolean {
  if (outcome.kind !== 'response') return true;
  if (outcome.conflict && outcome.conflict.kind !== 'not-a-version-conflict') return resolution?.outcome !== 'resolved' && resolution?.outcome !== 'already-applied';
  return args.failOnStatus && outcome.response.status >= 400;
}

/** Every round of --on-conflict=rebase, so a script sees why it gave up. */
function roundsJson(contended: ContendedResolution, secrets: readonly string[]) {
  return {
    outcome: contended.outcome,
    message: contended.message,
    rounds: contended.rounds.map((r) => ({ round: r.round, delayMs: r.delayMs, ...resolutionJson(r.steps, secrets) })),
  };
}

function printRounds(contended: ContendedResolution, write: (line: string) => void): void {
  for (const r of contended.rounds) {
    if (contended.rounds.length > 1) write(`  round ${r.round}${r.delayMs ? ` (after ${r.delayMs} ms)` : ''}:`);
    const last = r === contended.rounds[contended.rounds.length - 1];
    const again = `The resend was refused: the resource changed again meanwhile. ${last ? 'No rounds left.' : 'Merging onto the newest version next.'}`;
    printResolution(r.steps.outcome === 'conflict-again' ? { ...r.steps, message: again } : r.steps, write);
  }
  if (contended.outcome === 'retries-exhausted') write(`  ✘ ${contended.message}`);
}

export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? err : out)(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const args = parseCliArgs(argv);
  if ('error' in args) {
    err(`http-conflicts: ${args.error}\n\n${usage}`);
    return 2;
  }
  if (args.command === 'check') return runCheck(args, cwd, out, err);
  if (args.command === 'probe') return runProbe(args, cwd, sendOptions(args), out, err);
  const loaded = await loadHttpFile(args.targets[0], cwd, err);
  if (!loaded) return 2;
  const { path, target, file } = loaded;
  for (const d of file.diagnostics.filter((x) => x.severity === 'error')) err(`${target.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  const sources = await cliVariableSources(path, cwd, args.env);
  if ('error' in sources) {
    err(`http-conflicts: ${sources.error}`);
    return 2;
  }
  if (args.insecure) err('warning: TLS certificate verification is OFF (--insecure)');

  const snapshots = new FileSnapshotStore(args.snapshots ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'http-conflicts', 'snapshots'), {
    onProblem: (p) => err(`warning: snapshot store: ${p.message}`),
  });
  const options = sendOptions(args);
  const pendingSnapshots: Array<Promise<unknown>> = [];
  const weakTags = new WeakIfMatchEvidence();
  const session = new RequestSession<ConflictReport>({
    send: sendRequest,
    createResolver: createFileResolver,
    files: createFileAccess({ httpFile: path, roots: [cwd], allowOutside: false }),
    observer: {
      async observe(exchange: Exchange) {
        weakTags.observe(exchange);
        const report = classifyConflict(exchange);
        // Written in the background: the next request need not wait for the disk. The store
        // chains writes per resource, and a base lookup waits for them.
        if (!report) pendingSnapshots.push(recordExchange(snapshots, exchange).catch((e: Error) => err(`warning: snapshot not kept: ${e.message}`)));
        return report;
      },
    },
  });

  const requests = args.command === 'run' ? file.requests : [pickRequest(file, target)];
  const results: object[] = [];
  let exitCode = 0;
  try {
    for (const request of requests) {
      if (typeof request === 'string') {
        err(`http-conflicts: ${request}`);
        return 2;
      }
      // Named requests this one depends on are never sent behind the user's back: re-reading
      // `doc` just before a write would hand it a fresh ETag and make If-Match meaningless.
      const call: SendCall = { file, request, sources, options };
      const outcome = await session.send(call);
      let resolution: ResolveSteps | undefined;
      let contended: ContendedResolution | undefined;
      if (outcome.kind === 'response' && outcome.conflict && outcome.conflict.kind !== 'not-a-version-conflict' && args.onConflict === 'rebase') {
        const resolver = createFileResolver(file, { ...sources, requests: session.records });
        const written = request.body && request.body.parts.every((p) => p.kind === 'text') ? request.body.text : undefined;
        contended = await resolveUnderContention({
          rounds: args.retries,
          exchange: { request: outcome.prepared.request, requestBodyText: outcome.prepared.bodyText, response: outcome.response },
          userBodyText: written,
          resolvePlaceholders: (t) => resolver.resolveText(t).text,
          report: outcome.conflict,
          snapshots,
          send: (r, signal) => sendRequest(r, { ...options, signal }),
          merge: mergeBodies,
          classify: { acceptedWeakIfMatch: weakTags.accepted },
        });
        resolution = contended.final;
      }
      if (args.json) results.push({ ...outcomeJson(outcome, resolution), ...(contended ? { rebase: roundsJson(contended, outcome.kind === 'response' ? outcome.prepared.secrets : []) } : {}) });
      else {
        printOutcome(outcome, args.command === 'send' || args.verbose, out);
        if (contended) printRounds(contended, out);
      }
      if (failed(outcome, args, resolution)) exitCode = 1;
      if (outcome.kind === 'failed' && args.command === 'run') break;
    }
  } finally {
    await Promise.all(pendingSnapshots);
    await closeSenderAgents();
  }
  if (args.json) out(JSON.stringify(args.command === 'run' ? { results } : results[0], null, 2));
  return exitCode;
}

if (require.main === module) {
  // `http-conflicts … | head` closes stdout early: that is not an error worth a stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  runCli(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      err(`http-conflicts: unexpected error: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 2;
    },
  );
}
