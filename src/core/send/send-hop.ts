// One request/response exchange up to the response head: no redirects, no body reading.
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { redactUrl } from '../redact';
import type { Deadline } from './deadline';
import { traceDispatch, requestWasWritten, type ExchangeTrace } from './exchange-trace';
import type { Hop } from './follow-redirects';
import { HopHandler, type ResponseBody } from './hop-handler';
import { mapFailure, type FailureContext } from './map-failure';
import { prepareBody, type PreparedBody } from './request-body';
import type { FailurePhase, HeaderList, SendFailure, SendOptions } from './send-model';
import { attemptTimings } from './timings';

export interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderList;
  readonly body: ResponseBody;
  readonly trace: ExchangeTrace;
  readonly sentBody?: PreparedBody;
}

export type HopResult =
  { readonly ok: true; readonly head: ResponseHead } | { readonly ok: false; readonly failure: SendFailure };

export interface HopContext {
  readonly dispatcher: Dispatcher;
  readonly options: SendOptions;
  readonly deadline: Deadline;
  readonly proxy?: URL;
  readonly exchangeStartedAt: number;
}

/** The phase a traced attempt had reached; undefined when it could not be traced. */
export function tracedPhase(trace: ExchangeTrace, responseArrived: boolean): FailurePhase | undefined {
  if (responseArrived) return 'body';
  if (!trace.request) return undefined;
  if (trace.bodySentAt !== undefined) return 'headers';
  if (trace.headersWrittenAt !== undefined) return 'request';
  return 'connect';
}

export function failureContext(
  hop: Hop,
  context: HopContext,
  trace: ExchangeTrace,
  extra: Partial<FailureContext>,
): FailureContext {
  const { options } = context;
  return {
    method: hop.method,
    url: hop.url,
    tracedPhase: tracedPhase(trace, trace.responseAt !== undefined),
    requestWritten: requestWasWritten(trace),
    bodyBytesReceived: 0,
    stopCause: context.deadline.cause(),
    ...(context.proxy ? { proxy: context.proxy } : {}),
    bodySourceFailed: false,
    timeouts: {
      connectMs: options.connectTimeoutMs,
      headersMs: options.headersTimeoutMs,
      bodyMs: options.bodyTimeoutMs,
      totalMs: options.totalTimeoutMs,
    },
    timings: attemptTimings(trace, context.exchangeStartedAt, { url: hop.url, proxy: context.proxy }),
    ...extra,
  };
}

/** Header pairs for undici, with Content-Length set from the body when its size is known. */
function wireHeaders(headers: HeaderList, body: PreparedBody | undefined): string[] {
  const flat: string[] = [];
  const lengthKnown = body?.length !== undefined;
  for (const [name, value] of headers) {
    if (lengthKnown && name.toLowerCase() === 'content-length') continue;
    flat.push(name, value);
  }
  if (lengthKnown) flat.push('content-length', String(body?.length));
  return flat;
}

export async function sendHop(hop: Hop, context: HopContext, previousBody?: PreparedBody): Promise<HopResult> {
  let sentBody: PreparedBody | undefined;
  if (hop.body) {
    const prepared = prepareBody(hop.body, previousBody);
    if (!prepared.ok) {
      const message = prepared.replay
        ? `The server redirected to ${redactUrl(hop.url.href)} and asked for the body to be sent again, but the body is a stream that cannot be replayed. Send the request to that address yourself.`
        : `Could not open the request body: ${prepared.error instanceof Error ? prepared.error.message : String(prepared.error)}.`;
      return { ok: false, failure: { code: 'body-source', phase: 'prepare', message, mayHaveReachedServer: false } };
    }
    sentBody = prepared.body;
  }
  const { options, deadline } = context;
  const handler = new HopHandler(sentBody?.payload);
  const { trace } = traceDispatch(() =>
    context.dispatcher.dispatch(
      {
        origin: hop.url.origin,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method as Dispatcher.HttpMethod,
        headers: wireHeaders(hop.headers, sentBody),
        body: sentBody?.payload ?? null,
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
      },
      handler,
    ),
  );
  deadline.watch(handler);
  try {
    const start = await handler.head;
    trace.responseAt = performance.now();
    return {
      ok: true,
      head: {
        status: start.status,
        statusText: start.statusText,
        headers: start.headers,
        body: handler,
        trace,
        ...(sentBody ? { sentBody } : {}),
      },
    };
  } catch (error) {
    trace.endedAt = performance.now();
    const bodySourceFailed = sentBody !== undefined && sentBody.sourceError() !== undefined;
    return { ok: false, failure: mapFailure(error, failureContext(hop, context, trace, { bodySourceFailed })) };
  }
}
