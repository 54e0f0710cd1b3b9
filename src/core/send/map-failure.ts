// Turns whatever undici, Node or a body stream threw into a SendFailure with a stable code
// and a message in plain words: what happened, what it means, what to do next.
import type { FailureCode, FailurePhase, SendFailure, Timings } from './send-model';
import type { StopCause } from './deadline';
import { describeBytes, describeHostPort, describeSeconds } from './describe-amount';
import { errorCode, errorReason, isConnectCode, isTlsCode } from './error-code';
import { isSafeMethod } from '../http-methods';

export interface FailureContext {
  readonly method: string;
  readonly url: URL;
  /** Phase the trace saw; undefined when the attempt could not be traced. */
  readonly tracedPhase?: FailurePhase;
  readonly requestWritten: boolean;
  readonly bodyBytesReceived: number;
  readonly bodyBytesExpected?: number;
  readonly stopCause?: StopCause;
  readonly proxy?: URL;
  /** The request body stream itself failed (file missing, read error). */
  readonly bodySourceFailed: boolean;
  readonly timeouts: {
    readonly connectMs: number;
    readonly headersMs: number;
    readonly bodyMs: number;
    readonly totalMs: number;
  };
  readonly timings?: Partial<Timings>;
}

/**
 * PUT and DELETE are idempotent in theory, but for a conflict tool "did my write land?" is
 * exactly the question, so every method that changes state counts here.
 */
function changesState(method: string): boolean {
  return !isSafeMethod(method);
}

function phaseFor(code: string | undefined, context: FailureContext): FailurePhase {
  if (code && isConnectCode(code)) return 'connect';
  if (context.tracedPhase) return context.tracedPhase;
  if (code === 'UND_ERR_BODY_TIMEOUT') return 'body';
  return 'headers';
}

function failure(
  code: FailureCode,
  phase: FailurePhase,
  message: string,
  cause: string | undefined,
  context: FailureContext,
): SendFailure {
  const reached =
    phase !== 'connect' && phase !== 'prepare' && (context.requestWritten || context.tracedPhase === undefined);
  return {
    code,
    phase,
    message,
    ...(cause ? { cause } : {}),
    mayHaveReachedServer: reached && changesState(context.method),
    ...(context.timings ? { timings: context.timings } : {}),
  };
}

function unknownOutcomeHint(context: FailureContext): string {
  return changesState(context.method)
    ? ` The ${context.method.toUpperCase()} may have reached the server: refetch to check before sending it again.`
    : ' Try again.';
}

/** After garbage instead of a status line, a write has still reached the server. */
function writeOutcomeHint(phase: FailurePhase, context: FailureContext): string {
  return phase !== 'body' && changesState(context.method) ? unknownOutcomeHint(context) : '';
}

function receivedSoFar(context: FailureContext): string {
  const got = describeBytes(context.bodyBytesReceived);
  return context.bodyBytesExpected !== undefined ? `${got} of ${describeBytes(context.bodyBytesExpected)}` : got;
}

function stoppedFailure(context: FailureContext, phase: FailurePhase, cause: string | undefined): SendFailure {
  if (context.stopCause === 'user') return failure('aborted', phase, 'Request cancelled', cause, context);
  const host = describeHostPort(context.url);
  const within = describeSeconds(context.timeouts.totalMs);
  const message =
    phase === 'body'
      ? `The response from ${host} did not finish within ${within} (${receivedSoFar(context)} of the body arrived). Raise the overall timeout if the server is just slow.`
      : `No response from ${host} within ${within}.${phase === 'connect' ? '' : unknownOutcomeHint(context)}`;
  return failure('timeout', phase, message, cause, context);
}

function tlsMessage(code: string, error: unknown, host: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `The certificate of ${host} is self-signed, so it cannot be trusted. Add its CA certificate to the TLS settings, or turn off verification for this host if you trust it.`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${host} has expired. Renew it on the server, or turn off verification for this host if you trust it.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate of ${host} is not valid yet. Check the clocks of this machine and the server.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate of ${host} was issued for a different host name${errorReason(error) ? ` (${errorReason(error)})` : ''}. Use the name the certificate was issued for.`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `The certificate of ${host} was issued by an authority this machine does not know. Add that CA certificate to the TLS settings.`;
    case 'UND_ERR_PRX_TLS':
      return `The TLS connection to the proxy failed. Check the proxy address and its certificate.`;
    default:
      return code.startsWith('ERR_SSL_') || code === 'EPROTO'
        ? `The TLS handshake with ${host} failed (${code}). Is this really an HTTPS port?`
        : `The certificate of ${host} was rejected (${code}).`;
  }
}

function resetMessage(phase: FailurePhase, context: FailureContext): string {
  const host = describeHostPort(context.url);
  if (phase === 'body') {
    return `The connection was reset after ${receivedSoFar(context)} of the body arrived; the response is incomplete. Try again.`;
  }
  if (phase === 'connect') return `The connection to ${host} was reset before the request was sent. Try again.`;
  return `The connection to ${host} was closed before a response arrived.${unknownOutcomeHint(context)}`;
}

function proxyFailure(code: string, context: FailureContext): SendFailure | undefined {
  if (!context.proxy) return undefined;
  const proxyHost = describeHostPort(context.proxy);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return failure(
      'proxy',
      'connect',
      `Could not reach the proxy ${proxyHost} (${code}). Check the proxy setting or HTTP_PROXY/HTTPS_PROXY.`,
      code,
      context,
    );
  }
  if (code === 'UND_ERR_ABORTED' && context.tracedPhase === 'connect') {
    return failure(
      'proxy',
      'connect',
      `The proxy ${proxyHost} refused to open a tunnel to ${describeHostPort(context.url)}. Check the proxy's credentials and rules.`,
      code,
      context,
    );
  }
  return undefined;
}

export function mapFailure(error: unknown, context: FailureContext): SendFailure {
  const code = errorCode(error);
  const phase = phaseFor(code, context);
  if (context.stopCause) return stoppedFailure(context, phase, code);
  if (context.bodySourceFailed) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    return failure(
      'body-source',
      'request',
      `Could not read the request body${detail}. Check the file or stream it comes from.`,
      code,
      context,
    );
  }
  const host = describeHostPort(context.url);
  if (code === undefined) {
    return failure('unknown', phase, `The request to ${host} failed: ${String(error)}`, undefined, context);
  }
  const viaProxy = proxyFailure(code, context);
  if (viaProxy) return viaProxy;
  if (isTlsCode(code)) return failure('tls', 'connect', tlsMessage(code, error, host), code, context);
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', 'connect', `Connection refused by ${host} — is the server running?`, code, context);
    case 'ENOTFOUND':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
      return failure(
        'dns',
        'connect',
        `Could not find the host ${context.url.hostname}. Check the spelling of the URL and your network.`,
        code,
        context,
      );
    case 'EAI_AGAIN':
      return failure(
        'dns',
        'connect',
        `Looking up ${context.url.hostname} failed for now (DNS did not answer). Check your network and try again.`,
        code,
        context,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return failure(
        'refused',
        'connect',
        `${host} cannot be reached from this machine (${code}). Check the network or VPN.`,
        code,
        context,
      );
    case 'UND_ERR_CONNECT_TIMEOUT':
      return failure(
        'timeout',
        'connect',
        `Could not connect to ${host} within ${describeSeconds(context.timeouts.connectMs)}. Is the host reachable?`,
        code,
        context,
      );
    case 'UND_ERR_HEADERS_TIMEOUT':
      return failure(
        'timeout',
        'headers',
        `No response from ${host} within ${describeSeconds(context.timeouts.headersMs)}.${unknownOutcomeHint(context)}`,
        code,
        context,
      );
    case 'UND_ERR_BODY_TIMEOUT':
      return failure(
        'timeout',
        'body',
        `${host} stopped sending the body for ${describeSeconds(context.timeouts.bodyMs)} after ${receivedSoFar(context)} arrived. Try again, or raise the body timeout.`,
        code,
        context,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return failure('reset', phase, resetMessage(phase, context), code, context);
    case 'UND_ERR_HEADERS_OVERFLOW':
      return failure(
        'protocol',
        'headers',
        `The response headers from ${host} are too large to read.${writeOutcomeHint('headers', context)}`,
        code,
        context,
      );
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return failure(
        'protocol',
        'body',
        `The body from ${host} does not match its Content-Length (${receivedSoFar(context)} arrived); the response is incomplete.`,
        code,
        context,
      );
    case 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH':
      return failure(
        'body-source',
        'request',
        `The request body does not have the length that was announced for it. Check the file or stream it comes from.`,
        code,
        context,
      );
    case 'UND_ERR_INVALID_ARG':
      return failure(
        'protocol',
        'prepare',
        `The request cannot be sent as written: ${error instanceof Error ? error.message : code}.`,
        code,
        context,
      );
    default:
      if (code.startsWith('HPE_') || code === 'HTTPParserError') {
        return failure(
          'protocol',
          phase,
          `The response from ${host} is not valid HTTP (${code}); nothing from it was kept.${writeOutcomeHint(phase, context)}`,
          code,
          context,
        );
      }
      return failure('unknown', phase, `The request to ${host} failed (${code}).`, code, context);
  }
}
