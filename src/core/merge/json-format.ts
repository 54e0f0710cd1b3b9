// Writing values from the server into the user's text so they look typed by the user:
// their indentation unit, their line ending, inline where the surrounding text is inline.
import { ExactNumber, ExactNumberInJson } from './exact-number';
import type { SourceNode } from './json-source-tree';
import { isObject } from './json-values';

export interface JsonStyle {
  /** One level of indentation as the user writes it: `  `, `   `, `\t`. */
  readonly unit: string;
  readonly eol: string;
  /** Whether the body spans several lines; empty containers open up only then. */
  readonly multiline: boolean;
}

export interface FormatOptions {
  readonly multiline: boolean;
  /** Indentation of the line the value starts on; continuation lines are indented from it. */
  readonly indent: string;
  readonly style: JsonStyle;
  /** No spaces after `,` and `:` when on one line, as JSON.stringify writes. */
  readonly compact?: boolean;
}

const PRETTY: JsonStyle = { unit: '  ', eol: '\n', multiline: true };

/**
 * JSON text of a value, as JSON.stringify(value) or JSON.stringify(value, null, 2) writes
 * it, with exact numbers in their own digits. Natively when there are none, which is nearly
 * always: an exact number stops JSON.stringify, and only then does our writer take over.
 */
export function jsonText(value: unknown, pretty = false): string {
  try {
    return JSON.stringify(value, null, pretty ? 2 : undefined);
  } catch (error) {
    if (!(error instanceof ExactNumberInJson)) throw error;
    return formatJson(value, { multiline: pretty, indent: '', style: PRETTY, compact: !pretty });
  }
}

export function formatJson(value: unknown, options: FormatOptions): string {
  const parts: string[] = [];
  write(value, options.indent, options, parts);
  return parts.join('');
}

function write(value: unknown, indent: string, options: FormatOptions, parts: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      parts.push('[]');
      return;
    }
    const inner = indent + options.style.unit;
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      parts.push(i ? ',' : '', options.multiline ? options.style.eol + inner : i && !options.compact ? ' ' : '');
      write(value[i], inner, options, parts);
    }
    parts.push(options.multiline ? options.style.eol + indent + ']' : ']');
    return;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      parts.push('{}');
      return;
    }
    const inner = indent + options.style.unit;
    parts.push('{');
    for (let i = 0; i < keys.length; i++) {
      const space = options.compact && !options.multiline ? '' : ' ';
      parts.push(
        i ? ',' : '',
        options.multiline ? options.style.eol + inner : i ? space : '',
        JSON.stringify(keys[i]),
        ':' + space,
      );
      write(value[keys[i]], inner, options, parts);
    }
    parts.push(options.multiline ? options.style.eol + indent + '}' : '}');
    return;
  }
  // An exact number goes out as its writer wrote it: the server's digits, never a rounding.
  if (value instanceof ExactNumber) parts.push(value.text);
  else parts.push(value === undefined ? 'null' : JSON.stringify(value));
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (end < offset && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return text.slice(lineStart, end);
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 10) return true;
    if (ch !== 32 && ch !== 9 && ch !== 13) return false;
  }
  return true;
}

/** Reads the user's indentation unit from the first container whose members sit on their own lines. */
export function detectStyle(text: string, root: SourceNode): JsonStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const multiline = text.slice(root.start, root.end).includes('\n');
  const queue: SourceNode[] = [root];
  for (let seen = 0; seen < queue.length && seen < 200; seen++) {
    const node = queue[seen];
    const first = node.members[0];
    if (first && startsLine(text, first.start)) {
      const outer = lineIndentAt(text, node.start);
      const inner = lineIndentAt(text, first.start);
      if (inner.length > outer.length && inner.startsWith(outer)) {
        return { unit: inner.slice(outer.length), eol, multiline };
      }
    }
    for (const member of node.members) {
      if (queue.length >= 200) break;
      if (member.node.kind !== 'scalar') queue.push(member.node);
    }
  }
  return { unit: '  ', eol, multiline };
}
