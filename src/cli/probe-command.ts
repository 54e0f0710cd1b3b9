// `http-conflicts probe FILE#NAME [--writers N] [--json]`: does the API behind this write
// prevent lost updates? Exit 0 protected, 1 lost updates, 3 inconclusive, 2 usage/file errors.
import type { ProbeResult } from '../core/probe/lost-update-probe';
import { probeLostUpdates } from '../core/probe/lost-update-probe';
import type { ProbeWrite } from '../core/probe/probe-verdict';
import { loadHttpFile, requestNamed } from './load-http-file';
import { closeSenderAgents } from '../core/send/agent-cache';
import type { SendOptions } from '../core/send/send-model';
import { sendRequest } from '../core/send/send-request';
import { redactUrl } from '../core/redact';
import type { CliArgs } from './cli-args';
import type { Output, SecretValues } from './cli-writer';
import { parseTarget } from './cli-args';
import { cliVariableSources } from './cli-environment';
import { projectFiles } from './project-root';

type Write = (line: string) => void;

const exitCodes = { protected: 0, 'lost-updates': 1, inconclusive: 3 } as const;

const outcomeWords: Record<ProbeWrite['outcome'], string> = {
  accepted: 'accepted',
  rejected: 'refused as a conflict',
  'precondition-required': 'refused: precondition required',
  other: 'refused for another reason',
  failed: 'no answer',
};

function probeJson(result: ProbeResult, secrets: readonly string[]) {
  return { ...result, url: redactUrl(result.url, secrets) };
}

function printProbe(result: ProbeResult, secrets: readonly string[], out: Write): void {
  out(
    `Probe: ${result.method} ${redactUrl(result.url, secrets)} — ${result.writers} concurrent writes based on the same version`,
  );
  for (const d of result.dependencies)
    out(`  read first: ${d.name ?? d.method} (line ${d.line}) → ${d.status ?? d.problem}`);
  for (const w of result.writes) {
    const label = w.kind === 'concurrent' ? `write ${w.index}` : `write ${w.index} (without precondition)`;
    // A long reason phrase (Azure sends its error message there) would push the column out.
    const full = w.status === undefined ? '—' : `${w.status} ${w.statusText ?? ''}`.trim();
    const status = full.length > 26 ? `${full.slice(0, 25).trimEnd()}…` : full;
    out(
      `  ${label.padEnd(34)} ${status.padEnd(26)} ${outcomeWords[w.outcome]}${w.outcome === 'failed' && w.detail ? `: ${w.detail}` : ''}`,
    );
  }
  const required = result.requiresPrecondition === null ? 'not tested' : result.requiresPrecondition ? 'yes' : 'no';
  out(`verdict: ${result.verdict} (${result.accepted} accepted, ${result.rejected} refused)`);
  out(`dialect: ${result.dialectLabel ?? 'none recognised'}`);
  out(`requires a precondition: ${required}`);
  out(result.summary);
}

export async function runProbe(
  args: CliArgs,
  cwd: string,
  options: SendOptions,
  stdout: Output,
  stderr: Output,
  secretValues: SecretValues,
): Promise<number> {
  const out = (line: string) => stdout.line(line);
  const err = (line: string) => stderr.line(line);
  const named = parseTarget(args.targets[0]);
  if (!named.name && !named.line) {
    err('http-conflicts: probe needs the write to test: FILE#NAME (its # @name) or FILE:LINE');
    return 2;
  }
  const loaded = await loadHttpFile(args.targets[0], cwd, err);
  if (!loaded) return 2;
  const { path, target, file } = loaded;
  const write = requestNamed(file, target);
  if (!write) {
    err(
      `http-conflicts: no request ${target.name ? `named "${target.name}"` : `at line ${target.line}`} in ${target.file}`,
    );
    return 2;
  }
  const project = await projectFiles(path, cwd, args.allowIncludesOutside);
  if ('error' in project) {
    err(`http-conflicts: ${project.error}`);
    return 2;
  }
  const sources = await cliVariableSources(path, project.root, args.env);
  if ('error' in sources) {
    err(`http-conflicts: ${sources.error}`);
    return 2;
  }
  let result: ProbeResult;
  try {
    result = await probeLostUpdates({
      file,
      write,
      writers: args.writers,
      sources,
      files: project.files,
      send: (request, signal) => sendRequest(request, { ...options, signal }),
    });
  } finally {
    await closeSenderAgents();
  }
  const secrets = sources.secretValues ?? [];
  secretValues.add(secrets);
  if (args.json) stdout.json(probeJson(result, secrets));
  else printProbe(result, secrets, out);
  return exitCodes[result.verdict];
}
