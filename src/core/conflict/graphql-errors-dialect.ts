// A GraphQL mutation refused inside a 200: GraphQL servers answer 200 and put the refusal in the
// body, either as `errors[].extensions.code` (Apollo, DGS's `errorDetail`/`errorType`, AppSync's
// `errorType`) or as a payload's `userErrors[].code` (Shopify). A stale or concurrent write is
// named there — Shopify's CHANGE_FROM_QUANTITY_STALE / COMPARE_QUANTITY_STALE, DGS's CONFLICT,
// AppSync's ConflictUnhandled, an ABORTED transaction — and nothing else tells the user it failed.
//
// Only mutations count: a query's errors (a missing field, a denied path) are never a conflict,
// whatever their codes say, and a mutation's errors count only when a code names a clash.
// There is no version a rebase could fold in (the body is a query plus variables), so this is a
// conflict to read again and redo, with the server's own code and words.
import type { Dialect, Exchange, Recognition, RetryAdvice } from './conflict-model';
import { isObject, parseJson, requestBodyText, responseJson } from './exchange-body';
import { namedInBodyDialect } from './named-in-body-dialect';

/** Codes that name a stale, conflicting or aborted write (upper-cased, `-`/space as `_`). */
const staleCode =
  /STALE|CONFLICT|ABORTED|CONCURRENT_(MODIFICATION|UPDATE|WRITE)|VERSION_MISMATCH|CONDITIONAL_?CHECK_?FAILED|OPTIMISTIC_?LOCK/;
/** Shopify: the same idempotency key is still running, or came back with other parameters. */
const inFlightCode = /^IDEMPOTENCY_CONCURRENT_REQUEST$/;
const keyReusedCode = /^IDEMPOTENCY_KEY_PARAMETER_MISMATCH$/;

const duplicateWords = /duplicate|already exists|already taken|unique (constraint|violation|key)/i;

/** Variables that carry the version the mutation was based on (Shopify, AppSync/Amplify, Graphback). */
const versionVariable = /^(_?version|expectedVersion|changeFromQuantity|compareQuantity|etag|revision|rev)$/;

const maxRequestChars = 200_000;
const maxResponseBytes = 1024 * 1024;

interface Found {
  readonly code: string;
  readonly source: string;
  readonly message?: string;
}

function normalise(code: string): string {
  return code.toUpperCase().replace(/[-\s]+/g, '_');
}

/** The GraphQL document and variables of a POST, as JSON or as `application/graphql` text. */
function graphqlRequest(
  exchange: Exchange,
): { document: string; variables: unknown; operationName?: string } | undefined {
  if (exchange.request.method.toUpperCase() !== 'POST') return undefined;
  const text = requestBodyText(exchange);
  if (text === undefined || text.length > maxRequestChars || !text.includes('mutation')) return undefined;
  const json = parseJson(text);
  if (isObject(json)) {
    if (typeof json.query !== 'string') return undefined;
    return {
      document: json.query,
      variables: json.variables,
      ...(typeof json.operationName === 'string' ? { operationName: json.operationName } : {}),
    };
  }
  return json === undefined ? { document: text, variables: undefined } : undefined;
}

/** A document with a `mutation` operation at its top level (comments, strings and fields named `mutation` cannot fake one). */
export function isMutation(document: string): boolean {
  const code = document.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, ' ');
  let depth = 0;
  for (const token of code.matchAll(/[{}()]|[_A-Za-z][_0-9A-Za-z]*/g)) {
    const t = token[0];
    if (t === '{' || t === '(') depth += 1;
    else if (t === '}' || t === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t === 'mutation') return true;
  }
  return false;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 500) : undefined;
}

function codesOfError(error: Record<string, unknown>, index: number): Found[] {
  const found: Found[] = [];
  const message = text(error.message);
  const extensions = isObject(error.extensions) ? error.extensions : {};
  for (const key of ['code', 'errorDetail', 'errorType', 'classification']) {
    const code = text(extensions[key]);
    if (code) found.push({ code, source: `errors[${index}].extensions.${key}`, message });
  }
  const appsync = text(error.errorType);
  if (appsync) found.push({ code: appsync, source: `errors[${index}].errorType`, message });
  return found;
}

function userErrors(data: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  for (const [field, payload] of Object.entries(data).slice(0, 50)) {
    if (!isObject(payload) || !Array.isArray(payload.userErrors)) continue;
    payload.userErrors.slice(0, 50).forEach((e, i) => {
      if (!isObject(e)) return;
      const code = text(e.code);
      if (code) found.push({ code, source: `data.${field}.userErrors[${i}].code`, message: text(e.message) });
    });
  }
  return found;
}

/** Every code the response names, errors first, then the payloads' userErrors. */
function namedCodes(body: Record<string, unknown>): Found[] {
  const errors = Array.isArray(body.errors) ? body.errors.slice(0, 50) : [];
  return [
    ...errors.flatMap((e, i) => (isObject(e) ? codesOfError(e, i) : [])),
    ...(isObject(body.data) ? userErrors(body.data) : []),
  ];
}

/** `changeFromQuantity 7`, `_version 3`: what the mutation said it was based on, when it said. */
function sentVersions(variables: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 6 || out.length >= 3) return out;
  if (Array.isArray(variables)) variables.slice(0, 20).forEach((v) => sentVersions(v, depth + 1, out));
  else if (isObject(variables)) {
    for (const [key, value] of Object.entries(variables).slice(0, 50)) {
      if (versionVariable.test(key) && (typeof value === 'string' || typeof value === 'number'))
        out.push(`${key} ${String(value)}`);
      else sentVersions(value, depth + 1, out);
    }
  }
  return out;
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (exchange.response.body.length > maxResponseBytes) return undefined;
  const request = graphqlRequest(exchange);
  if (!request || !isMutation(request.document)) return undefined;
  // A document may hold a query and a mutation: the one that ran is the one named.
  if (
    request.operationName &&
    !new RegExp(`\\bmutation\\s+${request.operationName.replace(/[^_0-9A-Za-z]/g, '')}\\b`).test(request.document)
  )
    return undefined;
  const body = responseJson(exchange.response);
  if (!isObject(body)) return undefined;
  const codes = namedCodes(body);
  const inFlight = codes.find((c) => inFlightCode.test(normalise(c.code)));
  const reused = codes.find((c) => keyReusedCode.test(normalise(c.code)));
  // CONFLICT also names a duplicate key in some schemas: words about one are not a stale write.
  const stale = codes.find((c) => staleCode.test(normalise(c.code)) && !duplicateWords.test(c.message ?? ''));
  const hit = inFlight ?? reused ?? stale;
  if (!hit) return undefined;
  const said = `${hit.code}${hit.message ? ` — “${hit.message.replace(/[.!]+$/, '')}”` : ''}`;
  const evidence = [
    `A GraphQL mutation answered ${exchange.response.status} with ${hit.source} = ${hit.code}, a code that names a ${hit === stale ? 'stale or conflicting write' : 'request still in progress or a reused idempotency key'}.`,
  ];
  const retry = (advice: Omit<RetryAdvice, 'code' | 'source' | 'message'>): RetryAdvice => ({
    ...advice,
    code: hit.code,
    source: hit.source,
    ...(hit.message ? { message: hit.message } : {}),
  });
  if (hit === inFlight) {
    return {
      confidence: 0.9,
      kind: 'not-a-version-conflict',
      evidence,
      summary: `The server is still processing a request with the same idempotency key (${said}). Nothing was merged: send this mutation again unchanged after a pause.`,
      retry: retry({
        case: 'in-flight',
        advice:
          'Send the same mutation again after a pause — same variables, same idempotency key. A new key could apply it twice.',
      }),
    };
  }
  if (hit === reused) {
    return {
      confidence: 0.9,
      kind: 'not-a-version-conflict',
      evidence,
      summary: `The idempotency key was already used with different parameters (${said}). Nothing was applied.`,
      retry: retry({
        case: 'key-reused',
        advice:
          'Same operation: send the original variables again. A new operation: give it a new idempotency key on purpose — nothing here picks one for you.',
      }),
    };
  }
  const versions = sentVersions(request.variables);
  const based = versions.length
    ? ` The mutation was based on ${versions.join(', ')}; the server holds something else now.`
    : '';
  return {
    confidence: 0.9,
    kind: 'not-a-version-conflict',
    evidence: versions.length
      ? [...evidence, `The mutation's variables carry the version it was based on: ${versions.join(', ')}.`]
      : evidence,
    summary: `The server refused this mutation as a stale or conflicting write, although it answered ${exchange.response.status}: ${said}.${based} Nothing was merged or resent.`,
    retry: retry({
      case: 'stale-write',
      advice: versions.length
        ? `Read it again (run the query that gave you ${versions.map((v) => v.split(' ')[0]).join(', ')}), redo your change on what it returns, and send the mutation with the new value${versions.length > 1 ? 's' : ''}.`
        : 'Read it again (run the query that fetched what you changed), redo your change on what it returns, then send the mutation again. Retrying it unchanged would meet the same refusal.',
    }),
  };
}

export const graphqlErrorsDialect: Dialect = namedInBodyDialect(
  'graphql-errors',
  'GraphQL error codes (errors[].extensions.code, userErrors[].code)',
  recognise,
);
