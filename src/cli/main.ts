// `http-conflicts`: the command-line runner over src/core — the same engine as the editor.
// Exit codes: 0 done; 1 a transport error, an unresolved conflict, a request that could not
// be sent, a run stopped early, a failed script test or ?? assertion, or (with --fail-on-status)
// a 4xx/5xx; 2 usage or file errors; 4–8 a conflict to retry or explain, never merged
// (retry-exit-codes.ts), when nothing earned a 1.
import { homedir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';
import { classifyConflict } from '../core/conflict/classify-conflict';
import type { ConflictReport, Exchange } from '../core/conflict/conflict-model';
import type { ContendedResolution } from '../core/conflict/contended-resolve';
import { resolveUnderContention } from '../core/conflict/contended-resolve';
import type { ResolveSteps } from '../core/conflict/resolve-conflict';
import { DeferredCapture } from '../core/conflict/deferred-capture';
import { FileSnapshotStore } from '../core/conflict/snapshot-store';
import { WeakIfMatchEvidence } from '../core/conflict/weak-tag-evidence';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { mergeBodies } from '../core/merge/merge-bodies';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { ScriptResults, SendCall, SessionOutcome } from '../core/run/request-session';
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
import { outcomeJson, printOutcome, printResolution, printTests, resolutionJson, testsJson } from './cli-output';
import { junitXml } from './junit-report';
import type { JunitSuite } from './junit-report';
import { promises as fs } from 'node:fs';
import { runProbe } from './probe-command';
import { projectFiles } from './project-root';
import { createOutput, SecretValues } from './cli-writer';
import { redactText, redactUrl } from '../core/redact';
import { BaselineCheck, baselineJson, printBaseline } from './baseline-command';
import type { RetryCase } from '../core/conflict/conflict-model';
import { retryExitCodes, retryExitMeanings } from './retry-exit-codes';

function sendOptions(args: CliArgs): SendOptions {
  return {
    ...defaultSendOptions,
    // A plain copy: the sender reads HTTP(S)_PROXY / NO_PROXY per request, and every read of
    // process.env itself is a call into the runtime. A run does not change its environment.
    env: { ...process.env },
    followRedirects: !args.noRedirect,
    ...(args.timeoutMs ? { totalTimeoutMs: args.timeoutMs } : {}),
    ...(args.maxSizeMb ? { maxBodyBytes: args.maxSizeMb * 1024 * 1024 } : {}),
    tls: { verify: !args.insecure },
  };
}

function pickRequest(file: ParsedHttpFile, target: { line?: number; name?: string }): ParsedRequest | string {
  if (!target.name && !target.line) return file.requests[0] ?? 'The file holds no request.';
  return (
    requestNamed(file, target) ??
    (target.name ? `No request named "${target.name}" in the file.` : `No request at line ${target.line}.`)
  );
}

/** The conflict to retry or explain that this request met, if any: it has its own exit code. */
function retryCase(outcome: SessionOutcome<ConflictReport>, resolution?: ResolveSteps): RetryCase | undefined {
  if (outcome.kind !== 'response') return undefined;
  if (resolution?.outcome === 'already-applied') return 'own-write';
  return outcome.conflict?.retry?.case;
}

function failed(outcome: SessionOutcome<ConflictReport>, args: CliArgs, resolution?: ResolveSteps): boolean {
  if (outcome.kind !== 'response') return true;
  if (retryCase(outcome, resolution)) return false;
  if (outcome.conflict && outcome.conflict.kind !== 'not-a-version-conflict')
    return resolution?.outcome !== 'resolved' && resolution?.outcome !== 'already-applied';
  return args.failOnStatus && outcome.response.status >= 400;
}

/**
 * Why a run must not go on after this request, or undefined. A file is often a sequence
 * ("save; publish; delete the draft"): once a write was refused or a request could not be
 * sent as written, what follows was written for a state the server is not in.
 */
function stopReason(
  outcome: SessionOutcome<ConflictReport>,
  args: CliArgs,
  resolution?: ResolveSteps,
): string | undefined {
  if (outcome.kind === 'not-sent') return 'it could not be sent as written';
  if (outcome.kind === 'failed') return 'no response arrived';
  const report = outcome.conflict;
  // A write that had already landed leaves the server as the file meant: what follows may go on.
  if (!report || resolution?.outcome === 'resolved' || resolution?.outcome === 'already-applied') return undefined;
  const status = outcome.response.status;
  if (report.retry)
    return `the server refused it (${status}), not to be merged — ${retryExitMeanings[report.retry.case]}`;
  if (report.kind === 'not-a-version-conflict') return `the server refused it (${status}, not a version conflict)`;
  if (args.onConflict === 'fail') return `its ${status} conflict is left unresolved (--on-conflict=fail)`;
  return `its ${status} conflict could not be resolved (${resolution?.outcome ?? 'not tried'})`;
}

function requestLabel(request: ParsedRequest): string {
  return `line ${request.requestLineRange.start.line + 1}${request.metadata.name ? ` (${request.metadata.name})` : ''}`;
}

function skippedJson(request: ParsedRequest, reason: string) {
  return {
    name: request.metadata.name ?? null,
    line: request.requestLineRange.start.line + 1,
    method: request.method,
    url: redactUrl(request.url),
    reason,
  };
}

/** The request's test results once a resend answered it: the resend's tests, every log line. */
function resendResults(first: ScriptResults, resend: ScriptResults): ScriptResults {
  const logs = [...(first.logs ?? []), ...(resend.logs ?? [])];
  if (!resend.tests && logs.length === 0) return {};
  return { tests: resend.tests ?? [], logs };
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
    const again = !last
      ? 'The resend was refused: the resource changed again meanwhile. Merging onto the newest version next.'
      : contended.outcome === 'retries-exhausted'
        ? 'The resend was refused: the resource changed again meanwhile. No rounds left.'
        : 'The resend was refused by its precondition.';
    printResolution(r.steps.outcome === 'conflict-again' ? { ...r.steps, message: again } : r.steps, write);
  }
  // The loop itself ended it (rounds spent, or the server kept naming the version the reads never return).
  if (contended.final && contended.outcome !== contended.final.outcome) write(`  ✘ ${contended.message}`);
}

/** `secrets` fills as values are resolved; the caller's copy masks an unexpected error too. */
export async function runCli(
  argv: readonly string[],
  cwd = process.cwd(),
  secrets = new SecretValues(),
): Promise<number> {
  const stdout = createOutput(process.stdout, secrets);
  const stderr = createOutput(process.stderr, secrets);
  const out = (line: string) => stdout.line(line);
  const err = (line: string) => stderr.line(line);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? stderr : stdout).block(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const args = parseCliArgs(argv);
  if ('error' in args) {
    err(`http-conflicts: ${args.error}`);
    stderr.block(`\n${usage}`);
    return 2;
  }
  if (args.command === 'check') return runCheck(args, cwd, stdout, stderr);
  if (args.command === 'probe') return runProbe(args, cwd, sendOptions(args), stdout, stderr, secrets);
  const loaded = await loadHttpFile(args.targets[0], cwd, err);
  if (!loaded) return 2;
  const { path, target, file } = loaded;
  for (const d of file.diagnostics.filter((x) => x.severity === 'error'))
    err(`${target.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  const project = await projectFiles(path, cwd, args.allowIncludesOutside);
  if ('error' in project) {
    err(`http-conflicts: ${project.error}`);
    return 2;
  }
  const sources = await cliVariableSources(path, project.root, args.env);
  if ('error' in sources) {
    for (const line of sources.error.split('\n')) err(`http-conflicts: ${line}`);
    return 2;
  }
  secrets.add(sources.secretValues);
  if (args.insecure) err('warning: TLS certificate verification is OFF (--insecure)');
  const baseline = args.baseline
    ? BaselineCheck.open({ dir: args.baseline, ignore: args.ignore, update: args.updateBaseline })
    : undefined;
  if (baseline && 'error' in baseline) {
    err(`http-conflicts: ${baseline.error}`);
    return 2;
  }

  const fileSnapshots = new FileSnapshotStore(
    args.snapshots ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'http-conflicts', 'snapshots'),
    {
      onProblem: (p) => err(`warning: snapshot store: ${p.message}`),
    },
  );
  // Captured and written in the background: the next request need not wait for them. A base
  // lookup (rebase) reads through this store, which first captures what is still pending.
  const snapshots = new DeferredCapture(fileSnapshots, (e) => err(`warning: snapshot not kept: ${e.message}`));
  const options = sendOptions(args);
  const weakTags = new WeakIfMatchEvidence();
  const session = new RequestSession<ConflictReport>({
    send: sendRequest,
    createResolver: createFileResolver,
    files: project.files,
    ...(args.noScripts ? {} : { scripts: {} }),
    observer: {
      // Nothing to wait for: answering at once spares the session a turn per request.
      observe(exchange: Exchange) {
        weakTags.observe(exchange);
        const report = classifyConflict(exchange);
        if (!report) snapshots.capture(exchange);
        return report;
      },
    },
  });

  const picked = args.command === 'run' ? file.requests : [pickRequest(file, target)];
  if (typeof picked[0] === 'string') {
    err(`http-conflicts: ${picked[0]}`);
    return 2;
  }
  const requests = picked as readonly ParsedRequest[];
  const results: object[] = [];
  let skipped: Array<ReturnType<typeof skippedJson>> = [];
  let exitCode = 0;
  let retried: RetryCase | undefined;
  const suites: JunitSuite[] = [];
  try {
    for (const [index, request] of requests.entries()) {
      // Named requests this one depends on are never sent behind the user's back: re-reading
      // `doc` just before a write would hand it a fresh ETag and make If-Match meaningless.
      const call: SendCall = { file, request, sources, options };
      const outcome = await session.send(call);
      if (outcome.kind !== 'not-sent') secrets.add(outcome.prepared.secrets);
      let resolution: ResolveSteps | undefined;
      let contended: ContendedResolution | undefined;
      if (
        outcome.kind === 'response' &&
        outcome.conflict &&
        outcome.conflict.kind !== 'not-a-version-conflict' &&
        args.onConflict === 'rebase'
      ) {
        const resolver = createFileResolver(file, { ...sources, requests: session.records });
        const written =
          request.body && request.body.parts.every((p) => p.kind === 'text') ? request.body.text : undefined;
        contended = await resolveUnderContention({
          rounds: args.retries,
          exchange: {
            request: outcome.prepared.request,
            requestBodyText: outcome.prepared.bodyText,
            response: outcome.response,
          },
          userBodyText: written,
          resolvePlaceholders: (t) => resolver.resolveText(t).text,
          report: outcome.conflict,
          snapshots,
          send: (r, signal) => sendRequest(r, { ...options, signal }, outcome.prepared.secrets),
          merge: mergeBodies,
          classify: { acceptedWeakIfMatch: weakTags.accepted },
        });
        resolution = contended.final;
      }
      // The resend's response is the request's answer now: its handlers and assertions run on
      // it, and its tests are the ones that count. Those on the conflict response are shown apart.
      const resent = resolution?.resend?.exchange;
      const superseded = resent ? outcome.tests : undefined;
      const checked = resent ? resendResults(outcome, await session.afterResend(call, resent)) : outcome;
      const name = request.metadata.name;
      if (baseline && !name) baseline.noteUnnamed();
      const kept =
        baseline && name && outcome.kind === 'response'
          ? await baseline.check(name, outcome.prepared.request, outcome.response, secrets.list())
          : undefined;
      if (args.json)
        results.push({
          ...outcomeJson(outcome, resolution),
          ...testsJson(checked),
          ...(superseded?.length ? { testsBeforeResend: testsJson({ tests: superseded }).tests } : {}),
          ...(contended
            ? { rebase: roundsJson(contended, outcome.kind === 'response' ? outcome.prepared.secrets : []) }
            : {}),
          ...(kept ? { baseline: baselineJson(kept) } : {}),
        });
      else {
        printOutcome(outcome, args.command === 'send' || args.verbose, stdout);
        if (superseded?.length) {
          out(
            `  tests on the ${outcome.kind === 'response' ? outcome.response.status : ''} response, before the rebase (the resend's count):`,
          );
          printTests({ tests: superseded }, stdout);
        }
        if (!resent) printTests(outcome, stdout);
        if (contended) printRounds(contended, out);
        if (resent) printTests(checked, stdout);
        if (kept) printBaseline(kept, out);
      }
      if (checked.tests?.length)
        suites.push({
          name: `${request.method} ${redactUrl(request.url)} ${requestLabel(request)}`,
          tests: checked.tests,
        });
      if (kept?.state === 'error') err(`warning: ${kept.message}`);
      if (kept && args.failOnChange && (kept.state === 'changed' || kept.state === 'error')) exitCode = 1;
      if (failed(outcome, args, resolution) || checked.tests?.some((t) => !t.passed)) exitCode = 1;
      const met = retryCase(outcome, resolution);
      retried ??= met;
      const stop = stopReason(outcome, args, resolution);
      const rest = requests.slice(index + 1);
      if (stop && rest.length > 0) {
        // Stopped on a conflict to retry or explain: its own exit code says why.
        if (!met) exitCode = 1;
        const why = `the run stopped at ${requestLabel(request)}: ${stop}`;
        skipped = rest.map((r) => skippedJson(r, `not sent: ${why}`));
        if (!args.json) {
          out(`✘ ${why[0].toUpperCase()}${why.slice(1)}. Nothing after it was sent:`);
          rest.forEach((r, i) => out(`  ✘ not sent, ${requestLabel(r)}: ${skipped[i].method} ${skipped[i].url}`));
        }
        break;
      }
    }
  } finally {
    await snapshots.settled();
    await closeSenderAgents();
  }
  if (baseline && !args.json) out(baseline.summary());
  if (retried && exitCode === 0 && !args.json) out(`exit ${retryExitCodes[retried]}: ${retryExitMeanings[retried]}.`);
  if (args.json) stdout.json(args.command === 'run' ? { results, ...(skipped.length ? { skipped } : {}) } : results[0]);
  if (args.junit) {
    try {
      await fs.writeFile(
        resolvePath(cwd, args.junit),
        redactText(junitXml(basename(target.file), suites), secrets.list()),
      );
    } catch (e) {
      err(`http-conflicts: cannot write ${args.junit}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
  }
  return exitCode || (retried ? retryExitCodes[retried] : 0);
}

if (require.main === module) {
  // `http-conflicts … | head` closes stdout early: that is not an error worth a stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const secrets = new SecretValues();
  runCli(process.argv.slice(2), process.cwd(), secrets).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A stack is for the maintainers (HTTP_CONFLICTS_DEBUG=1); the user gets one readable line.
      const stderr = createOutput(process.stderr, secrets);
      stderr.line(
        `http-conflicts: unexpected error: ${(e as Error).message ?? String(e)}. Nothing more was sent; please report this.`,
      );
      if (process.env.HTTP_CONFLICTS_DEBUG) stderr.block(String((e as Error).stack));
      process.exitCode = 2;
    },
  );
}
