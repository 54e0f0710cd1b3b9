// httpYac's `??` assertions, with httpYac's grammar and predicates:
//   ?? status == 201          ?? header content-type includes json     ?? duration < 500
//   ?? body contains "ok"     ?? body $.id … (a path after `body` is a JS property path)
//   ?? js response.parsedBody.items.length > 0
// The expected value is converted to the type of the actual one (httpYac's rule), so
// `?? status == 201` compares numbers and `?? js response.parsedBody.ok == true` booleans.
import { createHash } from 'node:crypto';
import type { ScriptResponse, ScriptTest } from './script-model';
import { evaluateExpression } from './script-expression';

type Predicate = (actual: unknown, expected: unknown) => boolean;

const asText = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : v === undefined || v === null
      ? undefined
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
const asNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isNaN(n) ? undefined : n;
};
const compare =
  (test: (a: number, b: number) => boolean): Predicate =>
  (a, b) => {
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== undefined && y !== undefined && test(x, y);
  };
const digest =
  (algorithm: string): Predicate =>
  (a, b) => {
    const text = asText(a);
    return text !== undefined && createHash(algorithm).update(text).digest('base64') === b;
  };

/** Each name httpYac accepts, and whether the expected value keeps its text (no conversion). */
const predicates: ReadonlyArray<{ names: readonly string[]; test: Predicate; raw?: boolean }> = [
  {
    names: ['==', '===', 'equals'],
    test: (a, b) => (typeof a === 'object' && a !== null ? JSON.stringify(a) === JSON.stringify(b) : a === b),
  },
  {
    names: ['!=', '!==', 'not equals'],
    test: (a, b) => (typeof a === 'object' && a !== null ? JSON.stringify(a) !== JSON.stringify(b) : a !== b),
  },
  { names: ['>='], test: compare((a, b) => a >= b) },
  { names: ['<='], test: compare((a, b) => a <= b) },
  { names: ['>'], test: compare((a, b) => a > b) },
  { names: ['<'], test: compare((a, b) => a < b) },
  {
    names: ['contains', 'includes'],
    test: (a, b) =>
      Array.isArray(a)
        ? a.some((item) => item === b || asText(item) === asText(b))
        : (asText(a)?.includes(asText(b) ?? '\u0000') ?? false),
  },
  { names: ['startsWith'], test: (a, b) => asText(a)?.startsWith(asText(b) ?? '\u0000') ?? false },
  { names: ['endsWith'], test: (a, b) => asText(a)?.endsWith(asText(b) ?? '\u0000') ?? false },
  {
    names: ['matches'],
    raw: true,
    test: (a, b) => {
      const t = asText(a);
      return t !== undefined && new RegExp(String(b), 'u').test(t);
    },
  },
  { names: ['exists', 'isTrue'], test: (a) => !!a },
  { names: ['isFalse'], test: (a) => !a },
  { names: ['isArray'], test: (a) => Array.isArray(a) },
  { names: ['isBoolean'], test: (a) => typeof a === 'boolean' },
  { names: ['isNumber'], test: (a) => typeof a === 'number' },
  { names: ['isString'], test: (a) => typeof a === 'string' },
  { names: ['md5'], raw: true, test: digest('md5') },
  { names: ['sha256'], raw: true, test: digest('sha256') },
  { names: ['sha512'], raw: true, test: digest('sha512') },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// httpYac's own pattern: `?? type [value] predicate [expected]`.
const grammar = new RegExp(
  `^\\s*(?<type>\\S*)(?:\\s+(?<value>.*))?\\s+(?<predicate>${predicates
    .flatMap((p) => p.names)
    .map(escape)
    .join('|')})(?:\\s+(?<expected>.*?))?\\s*$`,
  'iu',
);

/** The expected text converted to the actual value's type, as httpYac does. */
function convert(actual: unknown, expected: string | undefined): unknown {
  if (expected === undefined) return undefined;
  if (typeof actual === 'number') return asNumber(expected);
  if (typeof actual === 'boolean') return expected === 'true' ? true : expected === 'false' ? false : !!expected;
  if (typeof actual === 'string') return expected;
  if (actual === null && expected === 'null') return null;
  if (typeof actual === 'object') {
    try {
      return JSON.parse(expected) as unknown;
    } catch {
      return expected;
    }
  }
  return expected;
}

function parsedBody(response: ScriptResponse): unknown {
  try {
    return JSON.parse(response.bodyText) as unknown;
  } catch {
    return undefined;
  }
}

export interface AssertionInput {
  /** The text after `??`. */
  readonly text: string;
  /** 1-based line of the assertion in the .http file. */
  readonly line: number;
  readonly response: ScriptResponse;
  /** Substitutes `{{variables}}` in the expected value. */
  readonly resolve: (text: string) => string;
  /** Variables visible by name inside `js` expressions (httpYac exposes them). */
  readonly variables: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export function evaluateAssertion(input: AssertionInput): ScriptTest {
  const { text, line } = input;
  const match = grammar.exec(text);
  const type = match?.groups?.type.toLowerCase();
  if (!match?.groups || !type)
    return {
      name: `?? ${text}`,
      passed: false,
      message:
        'not an assertion httpYac understands: write `?? status == 200`, `?? header name includes text`, `?? js expression > 0` …',
      line,
    };
  const value = match.groups.value;
  const predicateName = match.groups.predicate;
  const predicate = predicates.find((p) => p.names.some((n) => n.toLowerCase() === predicateName.toLowerCase()))!;
  const expected =
    match.groups.expected === undefined || match.groups.expected === ''
      ? undefined
      : input.resolve(match.groups.expected);
  const name = `${value ?? type} ${predicateName}${expected === undefined ? '' : ` ${expected}`}`;

  const actual = actualValue(type, value, input);
  if (!actual.ok) return { name, passed: false, message: actual.message, line };
  const wanted = predicate.raw ? expected : convert(actual.value, expected);
  let passed: boolean;
  try {
    passed = predicate.test(actual.value, wanted);
  } catch (error) {
    return { name, passed: false, message: (error as Error).message, line };
  }
  if (passed) return { name, passed: true, line };
  return {
    name,
    passed: false,
    message: `${value ?? type} (${asText(actual.value) ?? String(actual.value)}) ${predicateName}${expected === undefined ? '' : ` ${expected}`}`,
    line,
  };
}

function actualValue(
  type: string,
  value: string | undefined,
  input: AssertionInput,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const { response } = input;
  switch (type) {
    case 'status':
      return { ok: true, value: response.status };
    case 'duration':
      return { ok: true, value: Math.round(response.durationMs) };
    case 'header': {
      if (!value) return { ok: false, message: 'name the header: `?? header content-type includes json`' };
      const values = response.headers.filter(([n]) => n.toLowerCase() === value.toLowerCase()).map(([, v]) => v);
      return { ok: true, value: values.length === 0 ? undefined : values.join(', ') };
    }
    case 'body': {
      if (!value) return { ok: true, value: response.bodyText };
      return evaluate(`(response.parsedBody || response.body).${value}`, input);
    }
    case 'js':
      if (!value) return { ok: false, message: 'give an expression: `?? js response.parsedBody.id == 42`' };
      return evaluate(value, input);
    default:
      return {
        ok: false,
        message: `"${type}" assertions are not supported (status, header, body, duration and js are)`,
      };
  }
}

function evaluate(
  expression: string,
  input: AssertionInput,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const { response } = input;
  const headers: Record<string, string> = {};
  for (const [n, v] of response.headers)
    headers[n.toLowerCase()] = headers[n.toLowerCase()] === undefined ? v : `${headers[n.toLowerCase()]}, ${v}`;
  const scoped = {
    ...input.variables,
    response: {
      statusCode: response.status,
      headers,
      body: response.bodyText,
      parsedBody: parsedBody(response),
      timings: { total: response.durationMs },
    },
  };
  const result = evaluateExpression(expression, scoped, input.timeoutMs);
  return result.ok ? result : { ok: false, message: `the expression failed: ${result.message}` };
}
