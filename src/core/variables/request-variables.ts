// `{{name.response.body.$.path}}`, `{{name.response.headers.ETag}}` and their `request`
// twins: values taken from the latest exchange of a named request in the same file.
import { JSONPath } from 'jsonpath-plus';
import { headerValue, type HeaderList } from '../http-headers';
import type { ExpressionValue, VariableSources } from './variable-model';

const requestVariable = /^([\w-]+)\.(request|response)\.(body|headers)(?:\.(.*))?$/s;

interface RequestVariable {
  readonly requestName: string;
  readonly side: 'request' | 'response';
  readonly part: 'body' | 'headers';
  /** `*`, a JSONPath (`$.a`), an XPath (`//a`) or a header name; absent means the whole body. */
  readonly selector?: string;
}

export function isRequestVariableExpression(expression: string): boolean {
  return requestVariable.test(expression);
}

export function resolveRequestVariable(expression: string, sources: VariableSources): ExpressionValue {
  const parsed = parseRequestVariable(expression);
  if (!parsed) return { ok: false, reason: 'bad-arguments', message: `"${expression}" is not a request variable` };
  const { requestName, side, part } = parsed;
  const record = sources.requests.get(requestName);
  if (!record) {
    if (sources.requestNames && !sources.requestNames.has(requestName)) {
      const message = `No request named "${requestName}" in this file — add "# @name ${requestName}" above the request`;
      return { ok: false, reason: 'undefined', message };
    }
    return notSent(`Request "${requestName}" has not been sent yet — send it first`);
  }
  const exchange = side === 'request' ? record.request : record.response;
  if (!exchange) return notSent(`Request "${requestName}" has no response yet (its last send failed) — send it again`);
  const where = `the ${side} of "${requestName}"`;
  if (part === 'headers') return selectHeader(exchange.headers, parsed.selector, where, expression);
  return selectFromBody(exchange.body ?? '', parsed.selector, `${side} body of "${requestName}"`);
}

function parseRequestVariable(expression: string): RequestVariable | undefined {
  const match = requestVariable.exec(expression);
  if (!match) return undefined;
  const [, requestName, side, part, selector] = match;
  return {
    requestName,
    side: side as RequestVariable['side'],
    part: part as RequestVariable['part'],
    selector: selector?.trim() || undefined,
  };
}

function notSent(message: string): ExpressionValue {
  return { ok: false, reason: 'request-not-sent', message };
}

function selectHeader(
  headers: HeaderList,
  name: string | undefined,
  where: string,
  expression: string,
): ExpressionValue {
  if (!name)
    return { ok: false, reason: 'bad-arguments', message: `{{${expression}}}: name the header, e.g. ...headers.ETag` };
  const value = headerValue(headers, name);
  if (value === undefined)
    return { ok: false, reason: 'path-not-found', message: `Header "${name}" is not in ${where}` };
  return { ok: true, value, secrets: [] };
}

function selectFromBody(body: string, selector: string | undefined, where: string): ExpressionValue {
  if (selector === undefined || selector === '*') return { ok: true, value: body, secrets: [] };
  if (selector.startsWith('/')) {
    const message = `XPath "${selector}" into the ${where} is not supported — only JSONPath ($.…) and * are`;
    return { ok: false, reason: 'unsupported', message };
  }
  if (!selector.startsWith('$')) {
    const message = `"${selector}" is neither * nor a JSONPath starting with $ (reading the ${where})`;
    return { ok: false, reason: 'bad-arguments', message };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      ok: false,
      reason: 'path-not-found',
      message: `JSONPath "${selector}" cannot apply: the ${where} is not JSON`,
    };
  }
  const matches = evaluateJsonPath(selector, json);
  if (matches === undefined) {
    return { ok: false, reason: 'bad-arguments', message: `JSONPath "${selector}" is not valid` };
  }
  if (matches.length === 0) {
    return { ok: false, reason: 'path-not-found', message: `JSONPath "${selector}" matched nothing in the ${where}` };
  }
  // One match is its value; several (wildcards, filters, `..`) are sent as a JSON array.
  return { ok: true, value: jsonToText(matches.length === 1 ? matches[0] : matches), secrets: [] };
}

/**
 * Always wrapped: with `wrap: false` jsonpath-plus returns a filter's single match as an
 * array but an index's single match bare, so the two could not be told apart.
 */
function evaluateJsonPath(path: string, json: unknown): unknown[] | undefined {
  try {
    const result: unknown = JSONPath({ path, json: json as object, wrap: true, eval: 'safe' });
    return Array.isArray(result) ? result : [];
  } catch {
    return undefined;
  }
}

function jsonToText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
