// Turns unresolved placeholders into editor diagnostics before anything is sent. A request
// that has not been sent yet is a warning (the user's next step is obvious and harmless);
// anything else would send a literal `{{name}}` to the server, so it is an error.
import type { Diagnostic, LineIndex } from '../text-range';
import type { Unresolved } from './variable-model';
import type { VariableResolver } from './resolve-variables';

export const unresolvedVariableCode = 'unresolved-variable';

/**
 * `unresolved` came from resolving a slice of a document that starts at `baseOffset`;
 * `lineIndex` indexes the whole document, so the ranges land on the placeholders.
 */
export function unresolvedToDiagnostics(
  unresolved: readonly Unresolved[],
  baseOffset: number,
  lineIndex: LineIndex,
): Diagnostic[] {
  return unresolved.map(({ reference, reason, message }) => ({
    range: lineIndex.range(baseOffset + reference.start, baseOffset + reference.end),
    message,
    severity: reason === 'request-not-sent' ? 'warning' : 'error',
    code: unresolvedVariableCode,
  }));
}

/** Resolves `text` (found at `baseOffset` in the document behind `lineIndex`) and reports what is left. */
export function unresolvedDiagnostics(
  resolver: VariableResolver,
  text: string,
  baseOffset: number,
  lineIndex: LineIndex,
): Diagnostic[] {
  return unresolvedToDiagnostics(resolver.resolveText(text).unresolved, baseOffset, lineIndex);
}
