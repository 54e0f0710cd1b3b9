// Environments from the three places users already keep them: REST Client's
// `rest-client.environmentVariables` setting, JetBrains' `http-client.env.json` (+ the
// private file), and `.env`. Everything here is pure: callers read the files and pass text.
// Maps, not plain objects, hold names from files, so a variable called `__proto__` or
// `constructor` is just a variable.
import { parse as parseDotenvText } from 'dotenv';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../text-range';

export const sharedEnvironmentName = '$shared';

export interface EnvironmentVariable {
  readonly value: string;
  /** Came from a private file: redact wherever it shows up. */
  readonly secret: boolean;
}

/** Environment name (including `$shared`) → its variables, in source order. */
export type EnvironmentTable = ReadonlyMap<string, ReadonlyMap<string, EnvironmentVariable>>;

/** A broken environment source, positioned like a Diagnostic so the editor can underline it. */
export interface EnvironmentLoadError {
  readonly ok: false;
  readonly message: string;
  /** Which source: a file name or the setting's name. */
  readonly source: string;
  /** Zero-based, like `Position`; 0 for a settings object, which has no text. */
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
}

export type EnvironmentLoadResult = { readonly ok: true; readonly table: EnvironmentTable } | EnvironmentLoadError;

export interface BuiltEnvironment {
  readonly name: string;
  /** `$shared` underneath, the named environment on top, references between them resolved. */
  readonly variables: Record<string, string>;
  /** Values of variables from private files, for `VariableSources.secretValues`. */
  readonly secretValues: readonly string[];
}

const restClientSettingName = 'rest-client.environmentVariables';

/** The object of the `rest-client.environmentVariables` setting. */
export function loadRestClientEnvironments(setting: unknown): EnvironmentLoadResult {
  if (setting === undefined || setting === null) return { ok: true, table: new Map() };
  if (!isPlainObject(setting)) return settingError(`${restClientSettingName} must be an object of environments`);
  const table = new Map<string, Map<string, EnvironmentVariable>>();
  for (const [envName, vars] of Object.entries(setting)) {
    if (!isPlainObject(vars)) {
      return settingError(`Environment "${envName}" in ${restClientSettingName} must be an object of variables`);
    }
    const variables = new Map<string, EnvironmentVariable>();
    for (const [name, value] of Object.entries(vars)) {
      const text = scalarToString(value);
      if (text !== undefined) variables.set(name, { value: text, secret: false });
    }
    table.set(envName, variables);
  }
  return { ok: true, table };
}

export interface JetBrainsEnvironmentTexts {
  /** Text of `http-client.env.json`, when the file exists. */
  readonly publicText?: string;
  /** Text of `http-client.private.env.json`; leave out in Restricted Mode. */
  readonly privateText?: string;
  readonly publicFileName?: string;
  readonly privateFileName?: string;
}

/** Merges the public and private JetBrains files per environment name; private wins. */
export function loadJetBrainsEnvironments(texts: JetBrainsEnvironmentTexts): EnvironmentLoadResult {
  const publicFile = parseJetBrainsFile(texts.publicText, texts.publicFileName ?? 'http-client.env.json', false);
  if (!publicFile.ok) return publicFile;
  const privateFile = parseJetBrainsFile(
    texts.privateText,
    texts.privateFileName ?? 'http-client.private.env.json',
    true,
  );
  if (!privateFile.ok) return privateFile;
  return { ok: true, table: mergeTables([publicFile.table, privateFile.table]) };
}

/** `.env` text → variables, with dotenv's own rules for quotes, comments and `export`. */
export function parseDotenv(text: string): Record<string, string> {
  return Object.fromEntries(Object.entries(parseDotenvText(text)));
}

/** Every environment name across the sources, first appearance first, without `$shared`. */
export function listEnvironmentNames(sources: readonly EnvironmentTable[]): string[] {
  const names = new Set<string>();
  for (const table of sources) for (const name of table.keys()) if (name !== sharedEnvironmentName) names.add(name);
  return [...names];
}

/**
 * Later sources win over earlier ones; any source's named environment wins over every
 * `$shared`, so a value set for `dev` is never hidden by a shared default elsewhere.
 */
export function buildEnvironment(name: string, sources: readonly EnvironmentTable[]): BuiltEnvironment {
  const shared = new Map<string, EnvironmentVariable>();
  const merged = new Map<string, EnvironmentVariable>();
  for (const table of sources) for (const [k, v] of table.get(sharedEnvironmentName) ?? []) shared.set(k, v);
  for (const [k, v] of shared) merged.set(k, v);
  if (name !== sharedEnvironmentName) {
    for (const table of sources) for (const [k, v] of table.get(name) ?? []) merged.set(k, v);
  }
  const expanded = expandEnvironmentReferences(merged, shared);
  const secretValues = new Set<string>();
  for (const [k, v] of merged) if (v.secret && expanded.get(k)) secretValues.add(expanded.get(k)!);
  return { name, variables: Object.fromEntries(expanded), secretValues: [...secretValues] };
}

const envReference = /\{\{\s*(\$shared\s+)?([^\s{}]+)\s*\}\}/g;
const maxExpansionDepth = 10;

/**
 * REST Client lets environment values say `{{$shared host}}` or `{{otherVar}}`. Anything
 * else (system variables, unknown names, cycles) is left as written for the resolver to
 * handle or report.
 */
function expandEnvironmentReferences(
  merged: ReadonlyMap<string, EnvironmentVariable>,
  shared: ReadonlyMap<string, EnvironmentVariable>,
): Map<string, string> {
  const expand = (value: string, visiting: readonly string[]): string =>
    value.replace(envReference, (whole, sharedPrefix: string | undefined, ref: string) => {
      const source = sharedPrefix ? shared : merged;
      const key = (sharedPrefix ? '$shared ' : '') + ref;
      const target = source.get(ref);
      if (!target || visiting.includes(key) || visiting.length >= maxExpansionDepth) return whole;
      return expand(target.value, [...visiting, key]);
    });
  const result = new Map<string, string>();
  for (const [k, v] of merged) result.set(k, expand(v.value, [k]));
  return result;
}

function mergeTables(tables: readonly EnvironmentTable[]): EnvironmentTable {
  const merged = new Map<string, Map<string, EnvironmentVariable>>();
  for (const table of tables) {
    for (const [envName, vars] of table) {
      const target = merged.get(envName) ?? new Map<string, EnvironmentVariable>();
      for (const [k, v] of vars) target.set(k, v);
      merged.set(envName, target);
    }
  }
  return merged;
}

function parseJetBrainsFile(text: string | undefined, fileName: string, secret: boolean): EnvironmentLoadResult {
  if (text === undefined || text.trim() === '') return { ok: true, table: new Map() };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    return fileError(text, fileName, first.offset, first.length, describeParseError(printParseErrorCode(first.error)));
  }
  if (!root || root.type !== 'object') {
    return fileError(text, fileName, root?.offset ?? 0, root?.length ?? 0, 'expected an object of environments');
  }
  const table = new Map<string, Map<string, EnvironmentVariable>>();
  for (const [envName, envNode] of properties(root)) {
    if (envNode.type !== 'object') {
      const what = `environment "${envName}" must be an object of variables`;
      return fileError(text, fileName, envNode.offset, envNode.length, what);
    }
    const variables = new Map<string, EnvironmentVariable>();
    for (const [name, valueNode] of properties(envNode)) {
      // Objects are JetBrains settings blocks (SSLConfiguration, Security), not variables.
      const value = scalarToString(valueNode.value);
      if (valueNode.type !== 'object' && valueNode.type !== 'array' && value !== undefined) {
        variables.set(name, { value, secret });
      }
    }
    table.set(envName, variables);
  }
  return { ok: true, table };
}

function* properties(objectNode: Node): Generator<[string, Node]> {
  for (const property of objectNode.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && typeof key.value === 'string') yield [key.value, value];
  }
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the JSON',
    UnexpectedEndOfString: 'string is not closed',
    UnexpectedEndOfComment: 'comment is not closed',
  };
  return Object.hasOwn(words, code) ? words[code] : code;
}

function fileError(text: string, source: string, offset: number, length: number, what: string): EnvironmentLoadError {
  const position = new LineIndex(text).positionAt(offset);
  return {
    ok: false,
    message: `${source}, line ${position.line + 1}, column ${position.character + 1}: ${what}`,
    source,
    line: position.line,
    column: position.character,
    offset: position.offset,
    length,
  };
}

function settingError(message: string): EnvironmentLoadError {
  return { ok: false, message, source: restClientSettingName, line: 0, column: 0, offset: 0, length: 0 };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
