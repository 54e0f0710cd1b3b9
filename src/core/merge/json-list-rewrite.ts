// Rewrites the inside of an object or array when members come and go, reusing each kept
// member's own text (with the comment at the end of its line and the comments above it),
// so the user's layout survives; commas are placed anew, which is where hand-made edits
// to JSON usually go wrong. The result is reduced to the span that actually changed.
import type { TextEdit } from './merge-model';
import { lineIndentAt, startsLine, type JsonStyle } from './json-format';
import type { SourceMember, SourceNode } from './json-source-tree';

export interface ListLayout {
  readonly multiline: boolean;
  /** Indentation of the member lines. */
  readonly memberIndent: string;
  /** Between a key and its value, as the user writes it: `: `, `:`, ` : `. */
  readonly colon: string;
  /** Objects and arrays among the members are written on one line each. */
  readonly compactValues: boolean;
}

/**
 * A kept member stays where it is in the text (edits inside it are the caller's), unless
 * it comes with its `body` as text, which moved members do; a new member is text.
 */
export type ListEntry =
  | { readonly kind: 'kept'; readonly index: number; readonly body?: string }
  | { readonly kind: 'new'; readonly text: string };

export function listLayout(text: string, node: SourceNode, style: JsonStyle): ListLayout {
  const members = node.members;
  const onOwnLine = members.slice(0, 2).find((m) => startsLine(text, m.start));
  const multiline = members.length === 0 ? style.multiline : onOwnLine !== undefined;
  const memberIndent = onOwnLine ? lineIndentAt(text, onOwnLine.start) : lineIndentAt(text, node.start) + style.unit;
  const first = members[0];
  const between = first?.keyEnd !== undefined ? text.slice(first.keyEnd, first.node.start) : '';
  const colon = /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
  const containers = members.slice(0, 3).filter((m) => m.node.kind !== 'scalar');
  const compactValues = containers.length > 0 && containers.every((m) => !text.slice(m.node.start, m.node.end).includes('\n'));
  return { multiline, memberIndent, colon, compactValues };
}

interface Segments {
  /** Trivia before each member (from the line break after the previous member). */
  readonly lead: string[];
  /** Trivia between a member's value and its comma (nearly always empty). */
  readonly afterEnd: string[];
  /** A comment on the member's own line after its comma. */
  readonly trail: string[];
  readonly tail: string;
  readonly trailingComma: boolean;
}

function segments(text: string, node: SourceNode): Segments {
  const members = node.members;
  const close = node.end - 1;
  const lead: string[] = [];
  const afterEnd: string[] = [];
  const trail: string[] = [];
  let cursor = node.start + 1;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    lead.push(text.slice(cursor, m.start));
    afterEnd.push(m.comma >= 0 ? text.slice(m.end, m.comma) : '');
    const after = m.comma >= 0 ? m.comma + 1 : m.end;
    const nextStart = i + 1 < members.length ? members[i + 1].start : close;
    const nl = text.indexOf('\n', after);
    let own = '';
    if (nl >= 0 && nl < nextStart) {
      const lineEnd = nl > after && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const rest = text.slice(after, lineEnd);
      if (rest.trim() !== '') own = rest;
    }
    trail.push(own);
    cursor = after + own.length;
  }
  const last = members[members.length - 1];
  return {
    lead,
    afterEnd,
    trail,
    tail: members.length ? text.slice(cursor, close) : '',
    trailingComma: last !== undefined && last.comma >= 0,
  };
}

/**
 * Edits turning the container's members into `entries`. Kept members without a body are
 * not touched (they must appear in their original order); only the text between them changes.
 */
export function rewriteList(
  text: string, node: SourceNode, entries: readonly ListEntry[], layout: ListLayout, style: JsonStyle,
): TextEdit[] {
  const n = node.members.length;
  const seg = segments(text, node);
  const sep = layout.multiline
    ? style.eol + layout.memberIndent
    : n >= 2 && seg.lead[1].trim() === '' ? seg.lead[1] : ' ';
  const firstLead = layout.multiline ? sep : n > 0 && seg.lead[0].trim() === '' ? seg.lead[0] : '';
  const parts: Array<string | SourceMember> = [];
  for (let p = 0; p < entries.length; p++) {
    const entry = entries[p];
    const last = p === entries.length - 1;
    if (entry.kind === 'kept') {
      const i = entry.index;
      const own = seg.lead[i];
      const commented = hasComment(own);
      if (p === 0) parts.push(i === 0 || commented ? own : firstLead);
      else parts.push(i > 0 || commented ? own : sep);
      parts.push(entry.body ?? node.members[i], seg.afterEnd[i], !last || seg.trailingComma ? ',' : '', seg.trail[i]);
    } else {
      parts.push(p === 0 ? firstLead : sep, entry.text, !last || seg.trailingComma ? ',' : '');
    }
  }
  if (entries.length > 0) {
    parts.push(n > 0 ? seg.tail : layout.multiline ? style.eol + lineIndentAt(text, node.start) : '');
  }
  return gapEdits(text, node, parts);
}

/** The text between kept members becomes what `parts` puts there. */
function gapEdits(text: string, node: SourceNode, parts: ReadonlyArray<string | SourceMember>): TextEdit[] {
  const edits: TextEdit[] = [];
  let cursor = node.start + 1;
  let pending = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      pending += part;
      continue;
    }
    const edit = minimalEdit(text, cursor, part.start, pending);
    if (edit) edits.push(edit);
    cursor = part.end;
    pending = '';
  }
  const edit = minimalEdit(text, cursor, node.end - 1, pending);
  if (edit) edits.push(edit);
  return edits;
}

function hasComment(trivia: string): boolean {
  return trivia.includes('/');
}

/** Trims what the old and new text share at both ends, so the edit covers only the change. */
export function minimalEdit(text: string, start: number, end: number, newText: string): TextEdit | undefined {
  let prefix = 0;
  const max = Math.min(end - start, newText.length);
  while (prefix < max && text.charCodeAt(start + prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    text.charCodeAt(end - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) suffix++;
  if (prefix === end - start && prefix === newText.length) return undefined;
  return { start: start + prefix, end: end - suffix, newText: newText.slice(prefix, newText.length - suffix) };
}
