// One place where a parsed request becomes an exchange: prepare it (variables, includes),
// send it, remember named results for `{{name.response…}}`, and hand the exchange to the
// conflict engine, which keeps snapshots of reads and recognises conflicts. The CLI and the
// editor both drive requests through a session, so they behave the same.
import type { ParsedHttpFile, ParsedRequest } from '../http-file/http-file-model';
import type { HttpResponse, OutgoingRequest, SendFailure, SendOptions, SendResult } from '../send/send-model';
import type { RequestRecord, Unresolved, VariableSources } from '../variables/variable-model';
import type { FileAccess } from './include-files';
import type { PreparedRequest, TextResolver } from './prepare-request';
import { prepareRequest } from './prepare-request';
import { responseText } from '../send/response-text';

export type ResolverFactory = (file: ParsedHttpFile, sources: VariableSources) => TextResolver;

/** What the conflict engine says about an exchange (undefined: nothing to say). */
export interface ExchangeObserver<Report> {
  observe(exchange: { request: OutgoingRequest; requestBodyText?: string; response: HttpResponse }): Promise<Report | undefined>;
}

export interface SessionDeps<Report> {
  /** `secrets`: values to redact wherever the request is logged. */
  readonly send: (request: OutgoingRequest, options: SendOptions, secrets: readonly string[]) => Promise<SendResult>;
  readonly createResolver: ResolverFactory;
  readonly files: FileAccess;
  readonly observer: ExchangeObserver<Report>;
}

export type SessionOutcome<Report> =
  | { readonly kind: 'not-sent'; readonly request: ParsedRequest; readonly problems: readonly string[]; readonly unresolved: readonly Unresolved[] }
  | { readonly kind: 'failed'; readonly request: ParsedRequest; readonly prepared: PreparedRequest; readonly failure: SendFailure }
  | {
      readonly kind: 'response';
      readonly request: ParsedRequest;
      readonly prepared: PreparedRequest;
      readonly response: HttpResponse;
      /** The conflict engine's report for a 409/412/428. */
      readonly conflict?: Report;
    };

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

  constructor(private readonly deps: SessionDeps<Report>) {}

  async send(call: SendCall, dependencyDepth = 0): Promise<SessionOutcome<Report>> {
    const prepared = await this.prepare(call);
    if (!prepared.ok) {
      const missing = call.sendDependencies && dependencyDepth < 8 ? this.missingDependencies(call, prepared.unresolved) : [];
      if (missing.length === 0) return { kind: 'not-sent', request: call.request, problems: prepared.problems, unresolved: prepared.unresolved };
      for (const dependency of missing) {
        const outcome = await this.send({ ...call, request: dependency }, dependencyDepth + 1);
        if (outcome.kind !== 'response') {
          const why = outcome.kind === 'failed' ? outcome.failure.message : outcome.problems.join('; ');
          return { kind: 'not-sent', request: call.request, problems: [`Request "${dependency.metadata.name}" it depends on could not be sent: ${why}`], unresolved: prepared.unresolved };
        }
      }
      return this.send({ ...call, sendDependencies: false }, dependencyDepth + 1);
    }
    return this.sendPrepared(call.request, prepared.prepared, call.options);
  }

  /** Sends an already prepared request (resend after a rebase goes through here too). */
  async sendPrepared(request: ParsedRequest, prepared: PreparedRequest, options: SendOptions): Promise<SessionOutcome<Report>> {
    const result = await this.deps.send(prepared.request, options, prepared.secrets);
    if (!result.ok) return { kind: 'failed', request, prepared, failure: result.failure };
    const response = result.response;
    this.remember(request, prepared, response);
    const conflict = await this.deps.observer.observe({ request: prepared.request, requestBodyText: prepared.bodyText, response });
    return { kind: 'response', request, prepared, response, conflict };
  }

  prepare(call: SendCall) {
    const resolver = this.deps.createResolver(call.file, { ...call.sources, requests: this.records });
    return prepareRequest(call.request, resolver, this.deps.files);
  }

  private remember(request: ParsedRequest, prepared: PreparedRequest, response: HttpResponse): void {
    const name = request.metadata.name;
    if (!name) return;
    this.records.set(name, {
      request: { url: prepared.request.url, method: prepared.request.method, headers: prepared.request.headers, body: prepared.bodyText },
      // The same decoded text the conflict engine reads next (responseText caches it per response).
      response: { status: response.status, headers: response.headers, body: responseText(response) },
    });
  }

  private missingDependencies(call: SendCall, unresolved: readonly Unresolved[]): ParsedRequest[] {
    const names = new Set(
      unresolved.filter((u) => u.reason === 'request-not-sent').map((u) => u.reference.expression.split('.')[0]),
    );
    return call.file.requests.filter((r) => r.metadata.name !== undefined && names.has(r.metadata.name) && r !== call.request);
  }
}
