// `Name: value` lines between the request line and the blank line before the body.
import { OffsetRange } from '../text-range';
import type { LineIndex, Range } from '../text-range';
import type { ParsedHeader } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';
import type { ParseSink } from './parse-sink';

/** RFC 9110 token characters, plus `{{ }}` so a header name may be a placeholder. */
function isHeaderNameChar(c: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  switch (c) {
    case 33:
    case 35:
    case 36:
    case 37:
    case 38:
    case 39:
    case 42:
    case 43:
    case 45:
    case 46:
    case 94:
    case 95:
    case 96:
    case 124:
    case 126:
    case 123:
    case 125:
      return true;
    default:
      return false;
  }
}

/** Where the `Name:` part ends (the colon), or -1 when the line is not header-shaped. */
export function headerColon(text: string, first: number, end: number): number {
  // A lone `{` opens a JSON body, not a `{{placeholder}}` header name.
  if (text.charCodeAt(first) === 123 && text.charCodeAt(first + 1) !== 123) return -1;
  let i = first;
  while (i < end && isHeaderNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return nameEnd > first && i < end && text.charCodeAt(i) === 58 /* : */ ? i : -1;
}

/**
 * Whether a header name is `lowerName` in any case (ASCII), without making a lower-cased copy:
 * the parser asks this of every header of every request.
 */
export function isHeaderNamed(name: string, lowerName: string): boolean {
  if (name.length !== lowerName.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

export function parseHeaderLine(
  src: SourceLines,
  first: number,
  lineEnd: number,
  sink: Pick<ParseSink, 'diagnostics' | 'strings'>,
): ParsedHeader | undefined {
  const text = src.text;
  const end = trimmedEnd(text, first, lineEnd);
  const colon = headerColon(text, first, end);
  if (colon < 0) {
    sink.diagnostics.push(
      httpFileDiagnostic('invalid-header', 'error', src.span(first, end), invalidHeaderMessage(text, first, end)),
    );
    return undefined;
  }
  let valueStart = colon + 1;
  while (valueStart < end && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
  return new SourceHeader(
    sink.strings.slice(text, first, trimmedEnd(text, first, colon)),
    sink.strings.slice(text, valueStart, end),
    src.index,
    first,
    end,
  );
}

/**
 * A header as the parser keeps it: name, value and the offsets of its line, its range made when
 * read — one object per header line instead of two, in files of many thousand requests.
 */
class SourceHeader implements ParsedHeader {
  constructor(
    readonly name: string,
    readonly value: string,
    private readonly lines: LineIndex,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}

  get range(): Range {
    return new OffsetRange(this.lines, this.startOffset, this.endOffset);
  }

  toJSON(): ParsedHeader {
    return { name: this.name, value: this.value, range: this.range };
  }

  /** Printed (logs, test failures) as the plain form, not with the whole text it points into. */
  [Symbol.for('nodejs.util.inspect.custom')](): ParsedHeader {
    return this.toJSON();
  }
}

function invalidHeaderMessage(text: string, first: number, end: number): string {
  const c = text.charCodeAt(first);
  if (c === 123 /* { */ || c === 91 /* [ */ || c === 60 /* < */) {
    return 'This looks like a body, but headers are still being read: add a blank line before the body.';
  }
  if (c === 63 /* ? */ || c === 38 /* & */) {
    return 'Query lines must directly follow the URL, before the HTTP version.';
  }
  let hasColon = false;
  for (let i = first; i < end && !hasColon; i++) hasColon = text.charCodeAt(i) === 58;
  return hasColon
    ? "Header name may only contain letters, digits and !#$%&'*+-.^_`|~ before the colon."
    : 'Expected a header `Name: value`; a blank line must separate headers from the body.';
}
