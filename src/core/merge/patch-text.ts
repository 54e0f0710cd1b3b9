// Edits to the user's patch text: drop members, replace a value. Everything else — comments,
// key order, indentation, `{{placeholders}}` — stays exactly as the user wrote it, because a
// rebased patch should differ from the written one only where the rebase had to change it.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { JsonPath, TextEdit } from './merge-model';
import type { SourceNode } from './json-source-tree';
import { deepEqual } from './json-values';

/** Where the line of `offset` starts when only blanks precede it there; undefined otherwise. */
function ownLineStart(text: string, offset: number): number | undefined {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' ? i : undefined;
}

/** Past trailing blanks and a `//` comment on the same line, and the line break when `eatBreak`. */
function lineRestEnd(text: string, offset: number, eatBreak: boolean): number {
  let i = offset;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('//', i)) while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (!eatBreak) return i;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (text[i] === '\n') return i + 1;
  return i;
}

/** Removes the members at `indices` from an object or array node of `text`. */
export function removeMembers(text: string, container: SourceNode, indices: ReadonlySet<number>): TextEdit[] {
  const members = container.members;
  if (indices.size === 0) return [];
  if (members.every((_, i) => indices.has(i))) {
    const inner = text.slice(container.start + 1, container.end - 1);
    const closing = ownLineStart(text, container.end - 1);
    return [
      {
        start: container.start + 1,
        end: container.end - 1,
        newText: inner.includes('\n') && closing !== undefined ? '\n' + text.slice(closing, container.end - 1) : '',
      },
    ];
  }
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < members.length) {
    if (!indices.has(i)) {
      i++;
      continue;
    }
    const first = i;
    while (i < members.length && indices.has(i)) i++;
    const last = i - 1;
    if (i < members.length) {
      // Up to the next kept member: the removed ones' commas and comments go with them.
      const ownFirst = ownLineStart(text, members[first].start);
      const ownNext = ownLineStart(text, members[i].start);
      const whole = ownFirst !== undefined && ownNext !== undefined;
      edits.push({
        start: whole ? ownFirst : members[first].start,
        end: whole ? ownNext : members[i].start,
        newText: '',
      });
      continue;
    }
    // A run at the end: the comma before it goes, unless the last removed one had its own.
    const before = members[first - 1];
    const ownComma = members[last].comma >= 0;
    const end = ownComma ? members[last].comma + 1 : members[last].end;
    const from = before.comma >= 0 ? before.comma : before.end;
    const gap = text.slice(from, members[first].start);
    if (!gap.includes('\n')) {
      edits.push({ start: ownComma ? from + 1 : from, end: lineRestEnd(text, end, false), newText: '' });
      continue;
    }
    if (!ownComma && before.comma >= 0) edits.push({ start: before.comma, end: before.comma + 1, newText: '' });
    const own = ownLineStart(text, members[first].start);
    edits.push({ start: own ?? members[first].start, end: lineRestEnd(text, end, own !== undefined), newText: '' });
  }
  return edits;
}

export function replaceValue(node: SourceNode, newText: string): TextEdit {
  return { start: node.start, end: node.end, newText };
}

/** JSON text for a value written where `node` was: one line, or indented like its line. */
export function formatLike(text: string, node: SourceNode, value: unknown): string {
  const original = text.slice(node.start, node.end);
  if (!original.includes('\n') || typeof value !== 'object' || value === null) return JSON.stringify(value);
  const lineIndent = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', node.start - 1) + 1))?.[0] ?? '';
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${lineIndent}`);
}

/**
 * The server's own text for the value at `path` when it still reads as `value`, so numbers
 * past double precision are copied exactly as the server wrote them.
 */
export function serverValueText(serverText: string | undefined, path: JsonPath, value: unknown): string | undefined {
  if (serverText === undefined) return undefined;
  const root = parseTree(serverText);
  const node = root ? findNodeAtLocation(root, [...path]) : undefined;
  if (!node) return undefined;
  const raw = serverText.slice(node.offset, node.offset + node.length);
  try {
    return deepEqual(JSON.parse(raw), value) ? raw : undefined;
  } catch {
    return undefined;
  }
}
