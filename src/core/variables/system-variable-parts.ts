// The small pieces every system variable is built from: a value, a usage error, a whole-number
// argument and an injected random draw. Shared by the REST Client / JetBrains variables
// (system-variables.ts) and JetBrains' `$random.*` family (jetbrains-random-variables.ts).
import type { ExpressionValue, VariableSources } from './variable-model';

export function ok(value: string, secrets: readonly string[] = []): ExpressionValue {
  return { ok: true, value, secrets };
}

export function badArguments(expression: string, usage: string): ExpressionValue {
  return { ok: false, reason: 'bad-arguments', message: `{{${expression}}}: ${usage}` };
}

export function parseWholeNumber(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** An integer in [0, bound), robust to a random source that returns exactly 1. */
export function randomBelow(sources: VariableSources, bound: number): number {
  return Math.min(bound - 1, Math.floor(sources.random() * bound));
}
