// Reads and writes one value inside JSON *text*, leaving every other byte alone, so a token
// update keeps the user's formatting, comments and `{{placeholders}}`. The text is located
// with bare placeholders masked (same length), because `"version": {{item.version}}` is not
// JSON and jsonc-parser would otherwise misplace the edit and break the body.
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { maskJsonc } from '../merge/jsonc-mask';
import type { JsonPath } from '../merge/merge-model';
import { isObject } from './exchange-body';

export function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(current, key))
      current = current[key];
    else return undefined;
  }
  return current;
}

function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return { insertSpaces: true, tabSize: 2 };
  if (match[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: match[1].length };
}

/**
 * The text with bare placeholders as same-length strings; offsets stay the user's offsets.
 * Every reader that locates values in a body as written parses this, never the raw text.
 */
export function locatable(text: string): string {
  return text.includes('{{') ? (maskJsonc(text)?.scan ?? text) : text;
}

/** Sets `path` to `value` in the JSON text; creates missing objects on the way. */
export function setJsonValue(text: string, path: JsonPath, value: unknown): string {
  const { insertSpaces, tabSize } = indentationOf(text);
  const edits = modify(locatable(text), [...path], value, {
    formattingOptions: { insertSpaces, tabSize, eol: text.includes('\r\n') ? '\r\n' : '\n' },
  });
  return applyEdits(text, edits);
}

/** The exact source text of the value at `path` (numbers and strings keep their literal form). */
export function jsonValueText(text: string, path: JsonPath): string | undefined {
  const root = parseTree(locatable(text));
  if (!root) return undefined;
  const node = findNodeAtLocation(root, [...path]);
  return node ? text.slice(node.offset, node.offset + node.length) : undefined;
}

/**
 * Why a JSON body with `{{placeholders}}` no longer reads as JSON, or undefined when it does.
 * The last check before a rebase writes into the user's file.
 */
export function jsonBodyProblem(text: string): string | undefined {
  const mask = maskJsonc(text);
  if (!mask) return 'a string, comment or placeholder does not close';
  try {
    JSON.parse(mask.masked);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
