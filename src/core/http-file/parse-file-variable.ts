// `@name = value` (spaces optional), REST Client's and JetBrains' file variables.
import type { Diagnostic } from '../text-range';
import type { FileVariable } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export function parseFileVariable(src: SourceLines, at: number, lineEnd: number): FileVariable | Diagnostic {
  const text = src.text;
  const end = trimmedEnd(text, at, lineEnd);
  let nameEnd = at + 1;
  while (nameEnd < end) {
    const code = text.charCodeAt(nameEnd);
    if (code === 61 /* = */ || code === 32 || code === 9) break;
    nameEnd++;
  }
  let eq = nameEnd;
  while (eq < end && (text.charCodeAt(eq) === 32 || text.charCodeAt(eq) === 9)) eq++;
  const lineRange = src.span(at, end);
  if (nameEnd === at + 1) {
    return httpFileDiagnostic('invalid-variable', 'error', lineRange, 'A file variable needs a name: `@name = value`.');
  }
  if (eq >= end || text.charCodeAt(eq) !== 61) {
    const name = text.slice(at + 1, nameEnd);
    return httpFileDiagnostic(
      'invalid-variable',
      'error',
      lineRange,
      `File variable "${name}" has no value: write \`@${name} = value\`.`,
    );
  }
  let valueStart = eq + 1;
  while (valueStart < end && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
  return {
    name: text.slice(at + 1, nameEnd),
    value: text.slice(valueStart, end),
    range: lineRange,
    nameRange: src.span(at + 1, nameEnd),
    valueRange: src.span(valueStart, end),
  };
}

export function isDiagnostic(value: FileVariable | Diagnostic): value is Diagnostic {
  return 'code' in value;
}
