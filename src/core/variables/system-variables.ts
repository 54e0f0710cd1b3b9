// `{{$guid}}`, `{{$randomInt}}`, `{{$timestamp}}`, `{{$datetime}}`, `{{$localDatetime}}`,
// `{{$processEnv}}`, `{{$dotenv}}` — REST Client's system variables, plus the JetBrains
// spellings `$uuid`, `$random.uuid` and `$isoTimestamp` and the rest of JetBrains' `$random.*`
// family (jetbrains-random-variables.ts). Clock and randomness come from
// the sources so every result is reproducible in tests. This is a closed grammar: nothing
// in an expression is ever evaluated as code.
import type { ExpressionValue, VariableSources } from './variable-model';
import { formatDate, offsetUnits, shiftDate, shiftLocalDate, type OffsetUnit } from './format-datetime';
import { jetbrainsRandomVariables, splitCall } from './jetbrains-random-variables';
import { badArguments, ok, parseWholeNumber, randomBelow } from './system-variable-parts';

type SystemVariable = (args: readonly string[], sources: VariableSources, expression: string) => ExpressionValue;

const systemVariables: Readonly<Record<string, SystemVariable>> = {
  $guid: guid,
  $uuid: guid,
  '$random.uuid': guid,
  $randomInt: randomInt,
  $timestamp: timestamp,
  $isoTimestamp: (args, sources, expression) => datetime(['iso8601', ...args], sources, expression, false),
  $datetime: (args, sources, expression) => datetime(args, sources, expression, false),
  $localDatetime: (args, sources, expression) => datetime(args, sources, expression, true),
  $processEnv: (args, sources, expression) => lookupLocalSecret(args, sources, expression, 'processEnv'),
  $dotenv: (args, sources, expression) => lookupLocalSecret(args, sources, expression, 'dotenv'),
  ...jetbrainsRandomVariables,
};

const unsupportedSystemVariables = new Set(['$aadToken', '$aadV2Token', '$oidcAccessToken']);

export function isSystemVariableExpression(expression: string): boolean {
  return expression.startsWith('$');
}

/** `expression` is the placeholder's text without braces, e.g. `$randomInt 1 10`. */
export function resolveSystemVariable(expression: string, sources: VariableSources): ExpressionValue {
  // JetBrains writes arguments as a call, `$random.integer(1, 10)`; REST Client as words.
  const call = splitCall(expression);
  const [name = '', ...args] = call !== undefined ? [call.name, ...call.args] : splitArguments(expression);
  if (Object.hasOwn(systemVariables, name)) return systemVariables[name](args, sources, expression);
  if (unsupportedSystemVariables.has(name)) {
    return { ok: false, reason: 'unsupported', message: `System variable ${name} is not supported` };
  }
  const known = Object.keys(systemVariables).join(', ');
  return { ok: false, reason: 'undefined', message: `Unknown system variable "${name}" — supported: ${known}` };
}

/** Splits on spaces, keeping `"quoted text"` and `'quoted text'` (quotes included) whole. */
function splitArguments(expression: string): string[] {
  return expression.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
}

function guid(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  if (args.length > 0) return badArguments(expression, 'takes no arguments');
  const bytes = Array.from({ length: 16 }, () => randomBelow(sources, 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return ok(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
}

/** Like REST Client: min inclusive, max exclusive. JetBrains' bare `$randomInt` is 0–999. */
function randomInt(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  const usage = 'expects two whole numbers, min (inclusive) and max (exclusive), e.g. {{$randomInt 1 100}}';
  if (args.length === 0) return ok(String(randomBelow(sources, 1000)));
  if (args.length !== 2) return badArguments(expression, usage);
  const [min, max] = args.map(parseWholeNumber);
  if (min === undefined || max === undefined) return badArguments(expression, usage);
  if (min >= max) return badArguments(expression, `min (${min}) must be less than max (${max})`);
  return ok(String(min + randomBelow(sources, max - min)));
}

function timestamp(args: readonly string[], sources: VariableSources, expression: string): ExpressionValue {
  const offset = parseOffset(args, expression, '{{$timestamp}} or {{$timestamp -1 d}}');
  if (!offset.ok) return offset.error;
  const at = offset.amount === 0 ? sources.now() : shiftDate(sources.now(), offset.amount, offset.unit);
  if (!isValidDate(at)) return badArguments(expression, 'the offset moves the date out of range');
  return ok(String(Math.floor(at.getTime() / 1000)));
}

function datetime(
  args: readonly string[],
  sources: VariableSources,
  expression: string,
  local: boolean,
): ExpressionValue {
  const usage = 'expects rfc1123, iso8601 or a quoted format such as "YYYY-MM-DD", then an optional offset like 1 d';
  const [format, ...rest] = args;
  if (format === undefined) return badArguments(expression, usage);
  const custom = unquote(format);
  if (custom === undefined && format !== 'rfc1123' && format !== 'iso8601') return badArguments(expression, usage);
  const offset = parseOffset(rest, expression, usage);
  if (!offset.ok) return offset.error;
  const offsetAt = local ? (sources.timeZoneOffsetMinutes ?? hostOffsetMinutes) : () => 0;
  const now = sources.now();
  const at =
    offset.amount === 0
      ? now
      : local
        ? shiftLocalDate(now, offset.amount, offset.unit, offsetAt)
        : shiftDate(now, offset.amount, offset.unit);
  if (!isValidDate(at)) return badArguments(expression, 'the offset moves the date out of range');
  const zone = offsetAt(at);
  if (custom !== undefined) return ok(formatDate(at, zone, custom));
  // The UTC forms match what REST Client sends: Date's own RFC 1123 and ISO 8601 strings.
  if (!local) return ok(format === 'rfc1123' ? at.toUTCString() : at.toISOString());
  return ok(formatDate(at, zone, format === 'rfc1123' ? 'ddd, DD MMM YYYY HH:mm:ss ZZ' : 'YYYY-MM-DDTHH:mm:ssZ'));
}

function lookupLocalSecret(
  args: readonly string[],
  sources: VariableSources,
  expression: string,
  kind: 'processEnv' | 'dotenv',
): ExpressionValue {
  const label = kind === 'processEnv' ? 'process environment' : '.env file';
  if (args.length !== 1) return badArguments(expression, `expects one variable name, e.g. {{$${kind} API_TOKEN}}`);
  if (!sources.allowProcessEnv) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: `{{${expression}}} is not resolved in Restricted Mode: it reads the ${label}. Trust this workspace to allow it.`,
    };
  }
  let name = args[0];
  if (name.startsWith('%')) {
    // `%name`: the environment says which variable to read, so one .http file serves several setups.
    const envName = name.slice(1);
    if (!Object.hasOwn(sources.environment, envName)) {
      const where = sources.environmentName ? ` in environment "${sources.environmentName}"` : '';
      return {
        ok: false,
        reason: 'undefined',
        message: `{{${expression}}}: variable "${envName}" is not defined${where}`,
      };
    }
    name = sources.environment[envName];
  }
  const table = kind === 'processEnv' ? sources.processEnv : sources.dotenv;
  const value = Object.hasOwn(table, name) ? table[name] : undefined;
  if (value === undefined) {
    const what =
      kind === 'processEnv' ? `Process environment variable "${name}" is not set` : `"${name}" is not in the .env file`;
    return { ok: false, reason: 'undefined', message: what };
  }
  // Whatever lives in the process environment or .env is treated as a credential.
  return ok(value, value === '' ? [] : [value]);
}

type ParsedOffset =
  | { readonly ok: true; readonly amount: number; readonly unit: OffsetUnit }
  | { readonly ok: false; readonly error: ExpressionValue };

function parseOffset(args: readonly string[], expression: string, usage: string): ParsedOffset {
  if (args.length === 0) return { ok: true, amount: 0, unit: 'ms' };
  const amount = args.length === 2 ? parseWholeNumber(args[0]) : undefined;
  const unit = offsetUnits.find((u) => u === args[1]);
  if (amount === undefined || unit === undefined) {
    return { ok: false, error: badArguments(expression, `${usage}; offset units are ${offsetUnits.join(' ')}`) };
  }
  return { ok: true, amount, unit };
}

function unquote(text: string): string | undefined {
  const quote = text[0];
  if ((quote === '"' || quote === "'") && text.length >= 2 && text.endsWith(quote)) return text.slice(1, -1);
  return undefined;
}

function isValidDate(date: Date): boolean {
  return Number.isFinite(date.getTime());
}

function hostOffsetMinutes(at: Date): number {
  return -at.getTimezoneOffset();
}
