// undici and Node report what went wrong in `err.code`; some wrap the real error (`cause`,
// or an AggregateError from happy-eyeballs connects). Branch on these codes, never on text.

interface CodedError {
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as CodedError;
  if (typeof e.code === 'string') return e.code;
  if (Array.isArray(e.errors) && e.errors.length > 0) return errorCode(e.errors[0]);
  if (e.cause !== undefined && e.cause !== error) return errorCode(e.cause);
  // undici 7 leaves `code` undefined on some llhttp errors (bad chunk size); the class name
  // still tells us it was a parse error.
  if (typeof e.name === 'string' && ['AbortError', 'TimeoutError', 'HTTPParserError'].includes(e.name)) return e.name;
  return undefined;
}

/** Extra detail Node attaches to TLS name mismatches (`reason`), for the message only. */
export function errorReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : undefined;
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'UND_ERR_PRX_TLS',
]);

export function isTlsCode(code: string): boolean {
  return tlsCodes.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

const connectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Codes that can only come from opening the connection, before any request byte was written. */
export function isConnectCode(code: string): boolean {
  return connectCodes.has(code) || isTlsCode(code);
}
