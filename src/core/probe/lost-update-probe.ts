// The probe: does this API prevent lost updates? It sends the named requests the write
// depends on (so the write names the version just read), then N identical copies of the
// write at once — all based on that same version. A protected API accepts one and refuses
// the rest as conflicts; a naive one accepts them all, and all but the last change are lost.
// When the write carries a precondition, one more copy without it is sent afterwards, only
// to learn whether the API requires one; that copy writes if the API lets it.
import type { ParsedHttpFile, ParsedRequest } from '../http-file/http-file-model';
import type { FileAccess } from '../run/include-files';
import { createFileResolver } from '../run/create-file-resolver';
import type { ResolverFactory } from '../run/request-session';
import { RequestSession } from '../run/request-session';
import type { OutgoingRequest, SendResult } from '../send/send-model';
import { defaultSendOptions, headerValue } from '../send/send-model';
import type { VariableSources } from '../variables/variable-model';
import type { ClassifyOptions } from '../conflict/classify-conflict';
import { classifyConflict, conflictOptions } from '../conflict/classify-conflict';
import type { ConflictOptions, Dialect, Exchange, TokenUpdate } from '../conflict/conflict-model';
import { dialects as registeredDialects } from '../conflict/dialects';
import { isSuccess } from '../conflict/exchange-body';
import type { ProbeVerdict, ProbeWrite, WriteOutcome } from './probe-verdict';
import { judgeProbe } from './probe-verdict';
import type { SendFn } from '../conflict/resolve-conflict';
import { dialectIdForLocation } from '../conflict/location-dialect';
import { readAllTokens } from '../conflict/snapshot-capture';
import { chooseTokens } from '../conflict/unguarded-write-fix';
import { writeDependencies } from '../conflict/write-dependencies';
import { locationKey, placeTokens, removeHeaders } from '../conflict/token-placement';
import { isMarkedWrite } from '../conflict/write-precondition';

export interface ProbeInput {
  readonly file: ParsedHttpFile;
  readonly write: ParsedRequest;
  /** Concurrent copies of the write (at least 2). */
  readonly writers: number;
  readonly sources: Omit<VariableSources, 'requests'>;
  readonly files: FileAccess;
  readonly send: SendFn;
  readonly createResolver?: ResolverFactory;
  readonly classify?: ClassifyOptions;
  readonly signal?: AbortSignal;
  /** Called before each stage, for progress in the editor. */
  readonly onStage?: (stage: 'dependencies' | 'concurrent' | 'without-precondition') => void;
}

export interface ProbeDependency {
  readonly name?: string;
  readonly method: string;
  readonly line: number;
  readonly status?: number;
  readonly problem?: string;
}

export interface ProbeResult {
  readonly verdict: ProbeVerdict;
  readonly writers: number;
  readonly accepted: number;
  readonly rejected: number;
  /** The concurrent copies' statuses, in the order they were started; null: no answer. */
  readonly statuses: ReadonlyArray<number | null>;
  readonly requiresPrecondition: boolean | null;
  readonly dialect: string | null;
  readonly dialectLabel: string | null;
  readonly summary: string;
  readonly method: string;
  readonly url: string;
  readonly dependencies: readonly ProbeDependency[];
  /** One row per copy sent: the concurrent ones, then the one without a precondition. */
  readonly writes: readonly ProbeWrite[];
}

export const probableMethods: ReadonlySet<string> = new Set(['PUT', 'PATCH', 'DELETE', 'POST', 'MERGE']);

/** A method that writes, or any request the user marked `# @write`. */
export function isProbable(request: ParsedRequest): boolean {
  return probableMethods.has(request.method) || isMarkedWrite(request);
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The write's URL for a probe that stopped before resolving it: file and environment
 * variables filled in, and anything that needs a response (or is unknown) shown as `…`,
 * never as a raw `{{placeholder}}`.
 */
function writtenUrl(input: ProbeInput): string {
  const resolver = (input.createResolver ?? createFileResolver)(input.file, { ...input.sources, requests: new Map() });
  const resolved = resolver.resolveText(input.write.url);
  return resolved.text.replace(/\{\{[^{}]*\}\}/g, '…');
}

function inconclusive(
  input: ProbeInput,
  summary: string,
  dependencies: readonly ProbeDependency[] = [],
  url = writtenUrl(input),
): ProbeResult {
  return {
    verdict: 'inconclusive',
    writers: input.writers,
    accepted: 0,
    rejected: 0,
    statuses: [],
    requiresPrecondition: null,
    dialect: null,
    dialectLabel: null,
    summary,
    method: input.write.method,
    url,
    dependencies,
    writes: [],
  };
}

function outcomeOf(
  exchange: Exchange,
  classify?: ClassifyOptions,
): { outcome: WriteOutcome; detail?: string; dialect?: Dialect } {
  const { status } = exchange.response;
  const report = classifyConflict(exchange, classify);
  if (isSuccess(status)) {
    // A GraphQL mutation refused inside a 200 (Shopify's CHANGE_FROM_QUANTITY_STALE) was not
    // accepted: its stale-write code is the API refusing a copy based on an old version.
    if (!report) return { outcome: 'accepted' };
    const said = report.retry?.code
      ? `${report.retry.code}${report.retry.message ? `: ${report.retry.message}` : ''}`
      : report.summary;
    return { outcome: report.retry?.case === 'stale-write' ? 'rejected' : 'other', detail: said };
  }
  const dialect = report
    ? (classify?.dialects ?? registeredDialects).find((d) => d.id === report.dialectId)
    : undefined;
  const detail = report?.serverMessage ?? (utf8.decode(exchange.response.body.slice(0, 200)) || undefined);
  if (report?.kind === 'precondition-required') return { outcome: 'precondition-required', detail, dialect };
  if (report?.kind === 'version-conflict' && (status === 409 || status === 412))
    return { outcome: 'rejected', detail, dialect };
  return { outcome: 'other', detail };
}

/** Every place the write names its version, as the dialects see it, to remove for the extra copy. */
function preconditionLocations(
  exchange: Exchange,
  from: readonly Dialect[],
  classify?: ClassifyOptions,
): { updates: TokenUpdate[]; dialect?: Dialect } {
  const options = conflictOptions(classify);
  const seen = new Set<string>();
  const updates: TokenUpdate[] = [];
  let dialect: Dialect | undefined;
  for (const d of from) {
    for (const token of d.staleTokens(exchange, options)) {
      dialect ??= from.find((x) => x.id === dialectIdForLocation(token.location));
      const key = locationKey(token.location);
      if (!seen.has(key)) {
        seen.add(key);
        updates.push({ location: token.location, value: '', remove: true });
      }
    }
  }
  return { updates, dialect };
}

function withoutPrecondition(
  request: OutgoingRequest,
  bodyText: string | undefined,
  updates: readonly TokenUpdate[],
): OutgoingRequest {
  const placed = placeTokens(request, bodyText, updates);
  const body =
    placed.bodyText !== undefined && placed.bodyText !== bodyText
      ? { kind: 'text' as const, text: placed.bodyText }
      : request.body;
  return {
    ...placed.request,
    headers: body === request.body ? placed.request.headers : removeHeaders(placed.request.headers, ['content-length']),
    body,
  };
}

function row(
  index: number,
  kind: ProbeWrite['kind'],
  result: SendResult,
  request: OutgoingRequest,
  bodyText: string | undefined,
  classify?: ClassifyOptions,
): { write: ProbeWrite; dialect?: Dialect } {
  if (!result.ok) return { write: { index, kind, outcome: 'failed', detail: result.failure.message } };
  const judged = outcomeOf({ request, requestBodyText: bodyText, response: result.response }, classify);
  return {
    write: {
      index,
      kind,
      outcome: judged.outcome,
      status: result.response.status,
      statusText: result.response.statusText,
      ...(judged.detail ? { detail: judged.detail } : {}),
    },
    dialect: judged.dialect,
  };
}

export async function probeLostUpdates(input: ProbeInput): Promise<ProbeResult> {
  const { write, classify } = input;
  const from = classify?.dialects ?? registeredDialects;
  if (!isProbable(write)) {
    return inconclusive(
      input,
      `Nothing was sent: ${write.method} is not a write, so it cannot lose an update. If it does write, mark it with \`# @write\` above the request.`,
    );
  }
  const session = new RequestSession<undefined>({
    send: (request) => input.send(request, input.signal),
    createResolver: input.createResolver ?? createFileResolver,
    files: input.files,
    observer: { observe: async () => undefined },
  });
  const call = (request: ParsedRequest) => ({
    file: input.file,
    request,
    sources: input.sources,
    options: defaultSendOptions,
  });

  input.onStage?.('dependencies');
  const dependencies: ProbeDependency[] = [];
  let readDialect: Dialect | undefined;
  for (const dependency of writeDependencies(input.file, write)) {
    const outcome = await session.send(call(dependency));
    const base = {
      ...(dependency.metadata.name ? { name: dependency.metadata.name } : {}),
      method: dependency.method,
      line: dependency.requestLineRange.start.line + 1,
    };
    if (outcome.kind !== 'response') {
      const problem = outcome.kind === 'failed' ? outcome.failure.message : outcome.problems.join('; ');
      dependencies.push({ ...base, problem });
      return inconclusive(
        input,
        `Nothing was written: request "${dependency.metadata.name}" the write depends on could not be sent: ${problem}`,
        dependencies,
      );
    }
    dependencies.push({ ...base, status: outcome.response.status });
    if (!isSuccess(outcome.response.status)) {
      return inconclusive(
        input,
        `Nothing was written: request "${dependency.metadata.name}" the write depends on answered ${outcome.response.status} ${outcome.response.statusText}.`,
        dependencies,
      );
    }
    const exchange = {
      request: outcome.prepared.request,
      requestBodyText: outcome.prepared.bodyText,
      response: outcome.response,
    };
    const token = chooseTokens(readAllTokens(exchange, from, conflictOptions(classify)))[0];
    readDialect ??= token && from.find((d) => d.id === dialectIdForLocation(token.location));
  }

  const prepared = await session.prepare(call(write));
  if (!prepared.ok) return inconclusive(input, `Nothing was written: ${prepared.problems.join('; ')}`, dependencies);
  const { request, bodyText } = prepared.prepared;
  if (input.signal?.aborted)
    return inconclusive(input, 'Cancelled before any write was sent.', dependencies, request.url);

  input.onStage?.('concurrent');
  // All copies start in the same tick, with the same resolved values: the same version.
  const results = await Promise.all(Array.from({ length: input.writers }, () => input.send(request, input.signal)));
  const rows = results.map((result, i) => row(i + 1, 'concurrent', result, request, bodyText, classify));
  const writes = rows.map((r) => r.write);

  const sent = preconditionLocations({ request, requestBodyText: bodyText, response: emptyResponse }, from, classify);
  let extra: ProbeWrite | undefined;
  if (sent.updates.length > 0 && !input.signal?.aborted) {
    input.onStage?.('without-precondition');
    const bare = withoutPrecondition(request, bodyText, sent.updates);
    const bareText = bare.body?.kind === 'text' ? bare.body.text : bodyText;
    extra = row(
      input.writers + 1,
      'without-precondition',
      await input.send(bare, input.signal),
      bare,
      bareText,
      classify,
    ).write;
    writes.push(extra);
  }

  const dialect = rows.find((r) => r.dialect)?.dialect ?? sent.dialect ?? readDialect;
  const sentExchange = { request, requestBodyText: bodyText, response: emptyResponse };
  const unchangedVersion = unchangedBy(sentExchange, results, from, conflictOptions(classify));
  const ifMatch = headerValue(request.headers, 'if-match')?.trim();
  const judged = judgeProbe({
    writers: input.writers,
    writes,
    // A copy refused as stale inside a 200 (a GraphQL compare-and-set) shows the write does carry
    // a version — in its variables, where no dialect can place one, so no bare copy was sent.
    carriesPrecondition:
      sent.updates.length > 0 ||
      writes.some((w) => w.outcome === 'rejected' && w.status !== undefined && isSuccess(w.status)),
    withoutPrecondition: extra,
    ...(unchangedVersion !== undefined ? { unchangedVersion } : {}),
    ...(ifMatch?.startsWith('W/') ? { weakIfMatch: ifMatch } : {}),
  });
  return {
    verdict: judged.verdict,
    writers: input.writers,
    accepted: judged.accepted,
    rejected: judged.rejected,
    statuses: rows.map((r) => r.write.status ?? null),
    requiresPrecondition: judged.requiresPrecondition,
    dialect: dialect?.id ?? null,
    dialectLabel: dialect?.label ?? null,
    summary: judged.summary,
    method: request.method,
    url: request.url,
    dependencies,
    writes,
  };
}

/**
 * The version the copies sent, when every accepted copy's answer names that same version:
 * the write changed nothing, so accepting them all lost nothing (Radicale's content-hash
 * ETag, Kubernetes skipping a no-op update). Undefined when fewer than two were accepted or
 * any answer names another version or none.
 */
function unchangedBy(
  sent: Exchange,
  results: readonly SendResult[],
  from: readonly Dialect[],
  options: ConflictOptions,
): string | undefined {
  const stale = new Map<string, string>();
  for (const d of from)
    for (const t of d.staleTokens(sent, options)) stale.set(locationKey(t.location), String(t.value));
  if (stale.size === 0) return undefined;
  const accepted = results.filter((r): r is Extract<SendResult, { ok: true }> => r.ok && isSuccess(r.response.status));
  if (accepted.length < 2) return undefined;
  let same: string | undefined;
  for (const result of accepted) {
    const answered = readAllTokens(
      { request: sent.request, requestBodyText: sent.requestBodyText, response: result.response },
      from,
      options,
    );
    const match = answered.find((t) => stale.get(locationKey(t.location)) === String(t.value));
    if (!match) return undefined;
    same = String(match.value);
  }
  return same;
}

/** Stale tokens are read from the request alone; the response is never looked at. */
const emptyResponse = {
  status: 0,
  statusText: '',
  httpVersion: '1.1',
  headers: [],
  body: new Uint8Array(0),
  truncated: false,
  wireBytes: 0,
  timings: { dns: 0, connect: 0, tls: 0, firstByte: 0, download: 0, total: 0 },
  url: '',
  redirects: [],
  notices: [],
};
