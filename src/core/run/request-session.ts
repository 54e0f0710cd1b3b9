// One place where a parsed request becomes an exchange: prepare it (variables, includes),
// send it, remember named results for `{{name.response…}}`, and hand the exchange to the
// conflict engine, which keeps snapshots of reads and recognises conflicts. The CLI and the
// editor both drive requests through a session, so they behave the same.
import type { ParsedHttpFile, ParsedRequest } from '../http-file/http-file-model';
import type { HttpResponse, OutgoingRequest, SendFailure, SendOptions, SendResult } from '../send/send-model';
import type { RequestRecord, Unresolved, VariableSources } from '../variables/variable-model';
import type { FileAccess } from './include-files';
import type { PreparedRequest, PrepareResult, TextResolver } from './prepare-request';
import { prepareRequest, prepareRequestNow } from './prepare-request';
import { responseText } from '../send/response-text';
import type { ScriptState, ScriptTest } from '../script/script-model';
import type { ScriptOptions } from './request-scripts';
import { runAssertions, runRequestScripts } from './request-scripts';
import { VersionedMap } from './versioned-map';

/** Names of script variables whose values are credentials: never logged, printed or reported. */
const secretName = /token|secret|pass(word|wd)?|pwd|api[-_]?key|auth|credential|session|cookie|bearer/i;

/** Values scripts set under secret-looking names (`client.global.set("token", …)`). */
export function scriptSecrets(...maps: ReadonlyArray<ReadonlyMap<string, string>>): string[] {
  return maps.flatMap((map) =>
    [...map].filter(([name, value]) => secretName.test(name) && value.length >= 4).map(([, value]) => value),
  );
}

export type ResolverFactory = (file: ParsedHttpFile, sources: VariableSources) => TextResolver;

/**
 * What the conflict engine says about an exchange (undefined: nothing to say). An observer
 * with nothing to wait for may answer at once; the session then does not wait a turn.
 */
export interface ExchangeObserver<Report> {
  observe(exchange: {
    request: OutgoingRequest;
    requestBodyText?: string;
    response: HttpResponse;
  }): Report | undefined | Promise<Report | undefined>;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

export interface SessionDeps<Report> {
  /** `secrets`: values to redact wherever the request is logged. */
  readonly send: (request: OutgoingRequest, options: SendOptions, secrets: readonly string[]) => Promise<SendResult>;
  readonly createResolver: ResolverFactory;
  readonly files: FileAccess;
  readonly observer: ExchangeObserver<Report>;
  /**
   * Run JetBrains scripts and httpYac `??` assertions. Only where the files are trusted:
   * the vm context they run in guards against accidents, not against hostile code.
   */
  readonly scripts?: ScriptOptions;
}

/** What scripts and assertions reported for one request (absent when scripts are off). */
export interface ScriptResults {
  readonly tests?: readonly ScriptTest[];
  readonly logs?: readonly string[];
}

export type SessionOutcome<Report> =
  | ({
      readonly kind: 'not-sent';
      readonly request: ParsedRequest;
      readonly problems: readonly string[];
      readonly unresolved: readonly Unresolved[];
    } & ScriptResults)
  | ({
      readonly kind: 'failed';
      readonly request: ParsedRequest;
      readonly prepared: PreparedRequest;
      readonly failure: SendFailure;
    } & ScriptResults)
  | ({
      readonly kind: 'response';
      readonly request: ParsedRequest;
      readonly prepared: PreparedRequest;
      readonly response: HttpResponse;
      /** The conflict engine's report for a 409/412/428. */
      readonly conflict?: Report;
    } & ScriptResults);

/** Per send: the variables a pre-request script set, and how to resolve `{{…}}` for assertions. */
export interface ScriptScope {
  readonly state: ScriptState;
  readonly resolve: (text: string) => string;
  readonly before: ScriptResults;
}

export interface SendCall {
  readonly file: ParsedHttpFile;
  readonly request: ParsedRequest;
  readonly sources: Omit<VariableSources, 'requests'>;
  readonly options: SendOptions;
  /** Send named requests this one depends on (`{{doc.response…}}`) when they were never sent. */
  readonly sendDependencies?: boolean;
}

export class RequestSession<Report> {
  /** Latest result of each named request, for `{{name.request…}}` / `{{name.response…}}`. */
  readonly records = new Map<string, RequestRecord>();
  /**
   * `client.global` of the scripts: kept for the session, resolves `{{name}}` in later requests.
   * Versioned: the variable sources merged with it are cached until it changes.
   */
  readonly globals = new VersionedMap<string, string>();
  /** The last merged variable sources (see `mergedSources`), and what they were merged from. */
  private merged?: {
    readonly sources: SendCall['sources'];
    readonly globalsVersion: number;
    readonly value: VariableSources;
  };

  constructor(private readonly deps: SessionDeps<Report>) {}

  /**
   * `carried`: the pre-request scripts already ran for this call (it is being retried after
   * its dependencies were sent), so they do not run a second time.
   */
  send(
    call: SendCall,
    dependencyDepth = 0,
    carried?: { requestVariables: Map<string, string>; before: ScriptResults },
  ): Promise<SessionOutcome<Report>> {
    // No scripts to run and no file to read: prepared at once, and on the wire in this turn.
    if (carried || this.deps.scripts) return this.sendScripted(call, dependencyDepth, carried);
    let prepared: PrepareResult | undefined;
    try {
      prepared = prepareRequestNow(call.request, this.resolverFor(call));
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (prepared?.ok) return this.sendPrepared(call.request, this.withScriptSecrets(prepared.prepared), call.options);
    return this.sendScripted(call, dependencyDepth, undefined, prepared);
  }

  /** `send` for the rest: scripts to run, an include to read, or variables that did not resolve. */
  private async sendScripted(
    call: SendCall,
    dependencyDepth: number,
    carried?: { requestVariables: Map<string, string>; before: ScriptResults },
    preparedNow?: PrepareResult,
  ): Promise<SessionOutcome<Report>> {
    const requestVariables = carried?.requestVariables ?? new Map<string, string>();
    const state: ScriptState = { globals: this.globals, requestVariables, environment: call.sources.environment };
    const scripts = this.deps.scripts;
    const before = carried
      ? carried.before
      : scripts
        ? await runRequestScripts(call.request, 'pre-request', state, this.deps.files, scripts)
        : {};
    const prepared = preparedNow ?? (await this.prepare(call, requestVariables));
    if (!prepared.ok) {
      const missing =
        call.sendDependencies && dependencyDepth < 8 ? this.missingDependencies(call, prepared.unresolved) : [];
      if (missing.length === 0)
        return {
          kind: 'not-sent',
          request: call.request,
          problems: prepared.problems,
          unresolved: prepared.unresolved,
          ...before,
        };
      for (const dependency of missing) {
        const outcome = await this.send({ ...call, request: dependency }, dependencyDepth + 1);
        if (outcome.kind !== 'response') {
          return {
            kind: 'not-sent',
            request: call.request,
            problems: [dependencyNotSent(dependency, outcome)],
            unresolved: prepared.unresolved,
            ...before,
          };
        }
      }
      return this.send({ ...call, sendDependencies: false }, dependencyDepth + 1, { requestVariables, before });
    }
    const resolve = (text: string) => this.resolverFor(call, requestVariables).resolveText(text).text;
    return await this.sendPrepared(
      call.request,
      this.withScriptSecrets(prepared.prepared, requestVariables),
      call.options,
      { state, resolve, before },
    );
  }

  /**
   * For a caller that prepares the request itself (the editor: adopted versions, prompts, the
   * conflict guard) and then calls `sendPrepared`: runs the pre-request scripts and gives the
   * variable sources with what scripts set (`client.global`, `request.variables`), plus the
   * scope to hand to `sendPrepared` so handlers and `??` assertions run on the response.
   * Without scripts (off, or an untrusted workspace) the sources still carry the globals.
   */
  async beginScripts(
    call: Pick<SendCall, 'file' | 'request' | 'sources'>,
  ): Promise<{ sources: SendCall['sources']; scope?: ScriptScope }> {
    const requestVariables = new Map<string, string>();
    const scripts = this.deps.scripts;
    if (!scripts) return { sources: this.scriptedSources(call.sources) };
    const state: ScriptState = { globals: this.globals, requestVariables, environment: call.sources.environment };
    const before = await runRequestScripts(call.request, 'pre-request', state, this.deps.files, scripts);
    const resolve = (text: string) => this.resolverFor(call, requestVariables).resolveText(text).text;
    return { sources: this.scriptedSources(call.sources, requestVariables), scope: { state, resolve, before } };
  }

  /** Sends an already prepared request (resend after a rebase goes through here too). */
  async sendPrepared(
    request: ParsedRequest,
    prepared: PreparedRequest,
    options: SendOptions,
    scope?: ScriptScope,
  ): Promise<SessionOutcome<Report>> {
    const result = await this.deps.send(prepared.request, options, prepared.secrets);
    if (!result.ok) return { kind: 'failed', request, prepared, failure: result.failure, ...scope?.before };
    const response = result.response;
    this.remember(request, prepared, response);
    const observed = this.deps.observer.observe({
      request: prepared.request,
      requestBodyText: prepared.bodyText,
      response,
    });
    const conflict = isPromise(observed) ? await observed : observed;
    const scripts = this.deps.scripts;
    const after = scope && scripts ? await this.afterResponse(request, response, scope, scripts) : {};
    return { kind: 'response', request, prepared, response, conflict, ...after };
  }

  /**
   * The request's response handlers and `??` assertions on a later response to the same
   * request — the resend after a rebase, sent past the session — so `client.global.set` from
   * the final response takes effect and the tests judge what the server finally answered.
   * That response becomes the request's named result (`{{name.response…}}`) too.
   */
  async afterResend(
    call: Pick<SendCall, 'file' | 'request' | 'sources'>,
    resent: { readonly request: OutgoingRequest; readonly requestBodyText?: string; readonly response: HttpResponse },
  ): Promise<ScriptResults> {
    this.remember(call.request, { request: resent.request, bodyText: resent.requestBodyText }, resent.response);
    const scripts = this.deps.scripts;
    if (!scripts) return {};
    const requestVariables = new Map<string, string>();
    const state: ScriptState = { globals: this.globals, requestVariables, environment: call.sources.environment };
    const resolve = (text: string) => this.resolverFor(call, requestVariables).resolveText(text).text;
    return this.afterResponse(call.request, resent.response, { state, resolve, before: {} }, scripts);
  }

  /** The prepared request with the secret-looking values scripts set added to its secrets. */
  withScriptSecrets(prepared: PreparedRequest, requestVariables?: ReadonlyMap<string, string>): PreparedRequest {
    // Nothing set by scripts (always so with scripts off): no values to add, and no arrays built per send.
    if (this.globals.size === 0 && (requestVariables?.size ?? 0) === 0) return prepared;
    const extra = scriptSecrets(this.globals, requestVariables ?? new Map()).filter(
      (s) => !prepared.secrets.includes(s),
    );
    return extra.length ? { ...prepared, secrets: [...prepared.secrets, ...extra] } : prepared;
  }

  prepare(call: SendCall, requestVariables?: ReadonlyMap<string, string>) {
    return prepareRequest(call.request, this.resolverFor(call, requestVariables), this.deps.files);
  }

  /**
   * Script variables resolve `{{name}}` ahead of file and environment variables, as in the
   * JetBrains client: `request.variables` first, then `client.global`. Prompt answers, given
   * for this very send, still win.
   */
  private resolverFor(call: Pick<SendCall, 'file' | 'sources'>, requestVariables?: ReadonlyMap<string, string>) {
    return this.deps.createResolver(call.file, this.mergedSources(call.sources, requestVariables));
  }

  /**
   * The caller's sources with the scripts' variables and the named results. Merged once and
   * reused while nothing they are merged from changed: the same sources object (a caller
   * passes a new one for new prompt answers or another environment; they are read-only), the
   * same globals (their version counts every change). Named results need no check: `records`
   * goes in as the live map. Variables a script set for one request are merged per send.
   */
  private mergedSources(sources: SendCall['sources'], requestVariables?: ReadonlyMap<string, string>): VariableSources {
    if ((requestVariables?.size ?? 0) > 0)
      return { ...this.scriptedSources(sources, requestVariables), requests: this.records };
    const globalsVersion = this.globals.version;
    const merged = this.merged;
    if (merged && merged.sources === sources && merged.globalsVersion === globalsVersion) return merged.value;
    const value = { ...this.scriptedSources(sources), requests: this.records };
    this.merged = { sources, globalsVersion, value };
    return value;
  }

  private scriptedSources(
    sources: SendCall['sources'],
    requestVariables?: ReadonlyMap<string, string>,
  ): SendCall['sources'] {
    const scripted = this.globals.size > 0 || (requestVariables?.size ?? 0) > 0;
    return scripted
      ? {
          ...sources,
          prompts: {
            ...Object.fromEntries(this.globals),
            ...Object.fromEntries(requestVariables ?? []),
            ...sources.prompts,
          },
        }
      : sources;
  }

  private async afterResponse(
    request: ParsedRequest,
    response: HttpResponse,
    scope: ScriptScope,
    options: ScriptOptions,
  ): Promise<ScriptResults> {
    const seen = {
      status: response.status,
      headers: response.headers,
      // Decoded only if a handler or an assertion reads it: a 10 MB body is tens of ms before the panel sees it.
      get bodyText() {
        return responseText(response);
      },
      durationMs: response.timings.total,
    };
    const handled = await runRequestScripts(request, 'response', scope.state, this.deps.files, options, seen);
    const assertions = runAssertions(request, seen, scope.state, scope.resolve, options);
    const tests = [...(scope.before.tests ?? []), ...handled.tests, ...assertions];
    const logs = [...(scope.before.logs ?? []), ...handled.logs];
    return tests.length || logs.length ? { tests, logs } : {};
  }

  private remember(
    request: ParsedRequest,
    prepared: Pick<PreparedRequest, 'request' | 'bodyText'>,
    response: HttpResponse,
  ): void {
    const name = request.metadata.name;
    if (!name) return;
    this.records.set(name, {
      request: {
        url: prepared.request.url,
        method: prepared.request.method,
        headers: prepared.request.headers,
        body: prepared.bodyText,
      },
      // The same decoded text the conflict engine reads next (responseText caches it per response).
      response: { status: response.status, headers: response.headers, body: responseText(response) },
    });
  }

  private missingDependencies(call: SendCall, unresolved: readonly Unresolved[]): ParsedRequest[] {
    const names = new Set(
      unresolved.filter((u) => u.reason === 'request-not-sent').map((u) => u.reference.expression.split('.')[0]),
    );
    return call.file.requests.filter(
      (r) => r.metadata.name !== undefined && names.has(r.metadata.name) && r !== call.request,
    );
  }
}

/** Why a request was not sent: a named request it reads (`{{login.response…}}`) got no response. */
export function dependencyNotSent(
  dependency: ParsedRequest,
  outcome:
    | { readonly kind: 'failed'; readonly failure: { readonly message: string } }
    | { readonly kind: 'not-sent'; readonly problems: readonly string[] },
): string {
  const why = outcome.kind === 'failed' ? outcome.failure.message : outcome.problems.join('; ');
  return `Request "${dependency.metadata.name}" it depends on could not be sent: ${why}`;
}
