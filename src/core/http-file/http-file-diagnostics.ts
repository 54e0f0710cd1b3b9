// Stable codes for everything the parser reports; the editor keys quick fixes on them.
import type { Diagnostic, Range, Severity } from '../text-range';

export type HttpFileDiagnosticCode =
  | 'missing-url'
  | 'invalid-method'
  | 'invalid-header'
  | 'invalid-variable'
  | 'invalid-metadata'
  | 'empty-request'
  | 'duplicate-name'
  | 'header-in-body'
  | 'missing-separator'
  | 'unsupported-script'
  | 'unclosed-script'
  | 'unsupported-syntax'
  | 'unknown-graphql-fragment'
  | 'ignored-text';

export function httpFileDiagnostic(
  code: HttpFileDiagnosticCode,
  severity: Severity,
  range: Range,
  message: string,
): Diagnostic {
  return { code, severity, range, message };
}
