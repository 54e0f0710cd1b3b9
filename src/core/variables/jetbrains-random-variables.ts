// JetBrains HTTP Client's `$random.*` family: `{{$random.integer(1, 10)}}`,
// `{{$random.float(0, 1)}}`, `{{$random.alphabetic(8)}}`, `{{$random.alphanumeric(8)}}`,
// `{{$random.hexadecimal(8)}}` and `{{$random.email}}`. Arguments are written in parentheses,
// comma-separated; like JetBrains, `from` is inclusive and `to` exclusive. Randomness comes
// from the sources so tests can script it.
import { badArguments, ok, parseWholeNumber, randomBelow } from './system-variable-parts';
import type { ExpressionValue, VariableSources } from './variable-model';

export type RandomVariable = (args: readonly string[], sources: VariableSources, expression: string) => ExpressionValue;

/** Longest string `$random.alphabetic(n)` and friends produce: enough for any test payload. */
export const maxRandomLength = 10_000;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

export const jetbrainsRandomVariables: Readonly<Record<string, RandomVariable>> = {
  '$random.integer': integer,
  '$random.float': float,
  '$random.alphabetic': (args, sources, expression) => randomString(args, sources, expression, LETTERS),
  // JetBrains: "letters, digits, and underscores".
  '$random.alphanumeric': (args, sources, expression) =>
    randomString(args, sources, expression, `${LETTERS}${DIGITS}_`),
  '$random.hexadecimal': (args, sources, expression) => randomString(args, sources, expression, '0123456789abcdef'),
  '$random.email': email,
};

/** `$random.integer(1, 10)` → name `$random.integer`, args `['1', '10']`; undefined when not of that form. */
export function splitCall(expression: string): { name: string; args: string[] } | undefined {
  const open = expression.indexOf('(');
  if (open < 0 || !expression.endsWith(')')) return undefined;
  const name = expression.slice(0, open).trim();
  if (/\s/.test(name)) return undefined;
  const inside = expression.slice(open + 1, -1).trim();
  return { name, args: inside === '' ? [] : inside.split(',').map((a) => a.trim()) };
}

function integer(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  const usage = 'expects two whole numbers, from (inclusive) and to (exclusive), e.g. {{$random.integer(1, 100)}}';
  if (args.length === 0) return ok(String(randomBelow(sources, 1000)));
  if (args.length !== 2) return badArguments(expression, usage);
  const [from, to] = args.map(parseWholeNumber);
  if (from === undefined || to === undefined) return badArguments(expression, usage);
  if (from >= to) return badArguments(expression, `from (${from}) must be less than to (${to})`);
  return ok(String(from + randomBelow(sources, to - from)));
}

function float(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  const usage = 'expects two numbers, from (inclusive) and to (exclusive), e.g. {{$random.float(0, 1.5)}}';
  if (args.length === 0) return ok(String(sources.random()));
  if (args.length !== 2) return badArguments(expression, usage);
  const [from, to] = args.map(decimalNumber);
  if (from === undefined || to === undefined) return badArguments(expression, usage);
  if (from >= to) return badArguments(expression, `from (${from}) must be less than to (${to})`);
  // A random source that returns exactly 1 must still stay below `to`.
  const value = from + Math.min(sources.random(), 1 - Number.EPSILON) * (to - from);
  return ok(String(value < to ? value : from));
}

function randomString(
  args: readonly string[],
  sources: VariableSources,
  expression: string,
  alphabet: string,
): ExpressionValue {
  const name = expression.slice(0, expression.indexOf('(') < 0 ? expression.length : expression.indexOf('(')).trim();
  const usage = `expects a length between 1 and ${maxRandomLength}, e.g. {{${name}(8)}}`;
  if (args.length !== 1) return badArguments(expression, usage);
  const length = parseWholeNumber(args[0]);
  if (length === undefined || length < 1 || length > maxRandomLength) return badArguments(expression, usage);
  let value = '';
  for (let i = 0; i < length; i++) value += alphabet[randomBelow(sources, alphabet.length)];
  return ok(value);
}

/** A random address at example.com, a domain reserved for examples, so nothing is ever mailed. */
function email(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  if (args.length > 0) return badArguments(expression, 'takes no arguments: {{$random.email}}');
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  let local = '';
  for (let i = 0; i < 10; i++) local += lower[randomBelow(sources, lower.length)];
  return ok(`${local}@example.com`);
}

function decimalNumber(text: string): number | undefined {
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
