// Substitutes `{{...}}` the way REST Client does: request and system variables are known
// by their syntax; a plain name is looked up in prompt answers, then file variables, then
// the environment. File and environment values may themselves contain placeholders.
// A placeholder that cannot be resolved stays in the text exactly as written and is
// reported, so the user sees it before anything is sent.
import type { FileVariable } from '../http-file/http-file-model';
import type { ExpressionValue, ResolvedText, Unresolved, UnresolvedReason, VariableSources } from './variable-model';
import { findVariableReferences } from './find-variable-references';
import { isRequestVariableExpression, resolveRequestVariable } from './request-variables';
import { isSystemVariableExpression, resolveSystemVariable } from './system-variables';

export interface VariableResolver {
  /** Every placeholder in `text` substituted, or left as written and listed in `unresolved`. */
  resolveText(text: string): ResolvedText;
  /** One expression, the text between the braces, e.g. `doc.response.headers.ETag`. */
  resolveName(expression: string): ExpressionValue;
}

/** Stops `@a = {{b}}{{b}}`, `@b = {{c}}{{c}}`, … from growing without bound. */
export const maxVariableValueLength = 1_000_000;

/**
 * Variables made of variables, this many deep at most. Each level is a few stack frames: a
 * chain of ~2,000 (`@v1 = {{v0}}`, `@v2 = {{v1}}`, …) overflowed the stack and took the CLI
 * and the editor's diagnostics down with it. Real files nest a handful.
 */
export const maxVariableDepth = 64;

type Failure = { readonly ok: false; readonly reason: UnresolvedReason; readonly message: string };
type Success = { readonly ok: true; readonly value: string; readonly secrets: readonly string[] };
/** A failure inside another variable's value remembers which values it passed through. */
type Outcome = Success | (Failure & { readonly via: readonly string[] });

interface Nested {
  readonly key: string;
  readonly name: string;
  readonly raw: string;
  readonly secret: boolean;
}

const fileValuesByList = new WeakMap<
  readonly FileVariable[],
  { readonly count: number; readonly values: ReadonlyMap<string, string> }
>();
const noSecrets: ReadonlySet<string> = new Set();

/** Built once per parsed file (a resolver is created per send; the file's variables do not change). */
function fileValuesOf(fileVariables: readonly FileVariable[]): ReadonlyMap<string, string> {
  const cached = fileValuesByList.get(fileVariables);
  if (cached && cached.count === fileVariables.length) return cached.values;
  const values = new Map<string, string>();
  for (const variable of fileVariables) values.set(variable.name, variable.value);
  fileValuesByList.set(fileVariables, { count: fileVariables.length, values });
  return values;
}

function secretSetOf(list: readonly string[] | undefined): ReadonlySet<string> {
  // Built per resolver, never cached by identity: a list changed in place must still redact.
  return list && list.length > 0 ? new Set(list.filter((value) => value !== '')) : noSecrets;
}

const nothing: readonly never[] = Object.freeze([]);

/**
 * One resolver per send (or per diagnostics pass): a file variable is computed once, so
 * `@id = {{$guid}}` gives the same id everywhere `{{id}}` appears in that request.
 */
export function createResolver(fileVariables: readonly FileVariable[], sources: VariableSources): VariableResolver {
  const fileValues = fileValuesOf(fileVariables);
  const secretValues = secretSetOf(sources.secretValues);
  const cache = new Map<string, Success>();

  function lookup(expression: string, stack: readonly string[]): Outcome {
    if (expression === '')
      return fail('bad-arguments', 'Empty placeholder {{}} — put a variable name between the braces');
    if (isSystemVariableExpression(expression)) return withVia(resolveSystemVariable(expression, sources));
    if (isRequestVariableExpression(expression)) return withVia(resolveRequestVariable(expression, sources));
    if (Object.hasOwn(sources.prompts, expression)) {
      const value = sources.prompts[expression];
      return { ok: true, value, secrets: secretValues.has(value) ? [value] : [] };
    }
    const fileValue = fileValues.get(expression);
    if (fileValue !== undefined)
      return nested({ key: `file:${expression}`, name: expression, raw: fileValue, secret: false }, stack);
    if (Object.hasOwn(sources.environment, expression)) {
      const raw = sources.environment[expression];
      return nested({ key: `env:${expression}`, name: expression, raw, secret: secretValues.has(raw) }, stack);
    }
    return fail('undefined', notDefinedMessage(expression, sources));
  }

  function nested(variable: Nested, stack: readonly string[]): Outcome {
    const cached = cache.get(variable.key);
    if (cached) return cached;
    const cycleStart = stack.indexOf(variable.key);
    if (cycleStart >= 0) {
      const chain = [...stack.slice(cycleStart), variable.key].map((key) => `"${key.slice(key.indexOf(':') + 1)}"`);
      return fail('cycle', `Variables refer to each other in a cycle: ${chain.join(' → ')}`);
    }
    if (stack.length > maxVariableDepth) {
      const named = (key: string) => `"${key.slice(key.indexOf(':') + 1)}"`;
      return fail(
        'bad-arguments',
        `Variables nest more than ${maxVariableDepth} levels deep (${named(stack[0])} → ${named(stack[1] ?? variable.key)} → … → ${named(variable.key)}); shorten the chain`,
      );
    }
    // A plain value (`@origin = http://…`, most file variables) needs no walk through it.
    const inner = variable.raw.includes('{{')
      ? substitute(variable.raw, [...stack, variable.key])
      : { text: variable.raw, secrets: [] as string[], failure: undefined };
    if (inner.failure) {
      const via = inner.failure.reason === 'cycle' ? [] : [...inner.failure.via, variable.name];
      return { ...inner.failure, via };
    }
    if (inner.text.length > maxVariableValueLength) {
      return fail(
        'bad-arguments',
        `Variable "${variable.name}" expands to more than ${maxVariableValueLength} characters`,
      );
    }
    const secrets = variable.secret ? [...inner.secrets, inner.text] : inner.secrets;
    const result: Success = { ok: true, value: inner.text, secrets };
    cache.set(variable.key, result);
    return result;
  }

  /** Resolves a variable's value; the first failure makes the whole value fail. */
  function substitute(raw: string, stack: readonly string[]) {
    let text = '';
    let last = 0;
    const secrets: string[] = [];
    for (const reference of findVariableReferences(raw)) {
      const outcome = lookup(reference.expression, stack);
      if (!outcome.ok) return { text: raw, secrets, failure: outcome };
      text += raw.slice(last, reference.start) + outcome.value;
      secrets.push(...outcome.secrets);
      last = reference.end;
    }
    return { text: text + raw.slice(last), secrets, failure: undefined };
  }

  function resolveName(expression: string): ExpressionValue {
    const outcome = lookup(expression.trim(), []);
    if (outcome.ok) return { ok: true, value: outcome.value, secrets: unique(outcome.secrets) };
    return { ok: false, reason: outcome.reason, message: describeFailure(outcome) };
  }

  function resolveText(text: string): ResolvedText {
    // Most header values and many bodies hold no placeholder at all.
    if (!text.includes('{{')) return { text, unresolved: nothing, secrets: nothing };
    let output = '';
    let last = 0;
    const unresolved: Unresolved[] = [];
    const secrets: string[] = [];
    for (const reference of findVariableReferences(text)) {
      const result = resolveName(reference.expression);
      output += text.slice(last, reference.start);
      if (result.ok) {
        output += result.value;
        secrets.push(...result.secrets);
      } else {
        output += text.slice(reference.start, reference.end);
        unresolved.push({ reference, reason: result.reason, message: result.message });
      }
      last = reference.end;
    }
    return { text: output + text.slice(last), unresolved, secrets: unique(secrets) };
  }

  return { resolveText, resolveName };
}

function fail(reason: UnresolvedReason, message: string): Outcome {
  return { ok: false, reason, message, via: [] };
}

function withVia(value: ExpressionValue): Outcome {
  return value.ok ? value : { ...value, via: [] };
}

function describeFailure(failure: Failure & { readonly via: readonly string[] }): string {
  if (failure.via.length === 0) return failure.message;
  // A long chain is summed up: its first links and the variable the text used.
  const via =
    failure.via.length > 4 ? [...failure.via.slice(0, 3), '…', failure.via[failure.via.length - 1]] : failure.via;
  return `${failure.message} (used by ${via.map((name) => (name === '…' ? name : `"${name}"`)).join(', used by ')})`;
}

function notDefinedMessage(name: string, sources: VariableSources): string {
  if (sources.environmentName) {
    return `Variable "${name}" is not defined in this file or in environment "${sources.environmentName}"`;
  }
  if (Object.keys(sources.environment).length === 0) {
    return `Variable "${name}" is not defined in this file, and no environment is selected`;
  }
  return `Variable "${name}" is not defined in this file or in the environment`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
