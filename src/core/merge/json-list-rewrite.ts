// Rewrites the inside of an object or array when members come and go, reusing each kept
// member's own text (with the comment at the end of its line and the comments above it),
// so the user's layout survives; commas are placed anew, which is where hand-made edits
// to JSON usually go wrong. The result is reduced to the span that actually changed.
import type { TextEdit } from './merge-model';
import { lineIndentAt, startsLine, type JsonStyle } from './json-format';
import type { SourceMember, SourceNode } from './json-source-tree';
import { skipString } from './jsonc-mask';

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
  const compactValues =
    containers.length > 0 && containers.every((m) => !text.slice(m.node.start, m.node.end).includes('\n'));
  return { multiline, memberIndent, colon, compactValues };
}

/**
 * The trivia around each member, read on demand: a long list changed in two places only
 * reads the text around those two places.
 */
class Segments {
  private readonly members: readonly SourceMember[];
  private readonly close: number;

  constructor(
    private readonly text: string,
    private readonly node: SourceNode,
  ) {
    this.members = node.members;
    this.close = node.end - 1;
  }

  get trailingComma(): boolean {
    const last = this.members[this.members.length - 1];
    return last !== undefined && last.comma >= 0;
  }

  /** Trivia before a member (from the line break after the previous member). */
  lead(i: number): string {
    const from = i === 0 ? this.node.start + 1 : this.trailEnd(i - 1);
    return this.text.slice(from, this.members[i].start);
  }

  /** Trivia between a member's value and its comma (nearly always empty). */
  afterEnd(i: number): string {
    const m = this.members[i];
    return m.comma >= 0 ? this.text.slice(m.end, m.comma) : '';
  }

  /** A comment on the member's own line after its comma. */
  trail(i: number): string {
    return this.text.slice(this.after(i), this.trailEnd(i));
  }

  /** After the last member (and its comment) up to the closing bracket. */
  tail(): string {
    return this.members.length ? this.text.slice(this.trailEnd(this.members.length - 1), this.close) : '';
  }

  private after(i: number): number {
    const m = this.members[i];
    return m.comma >= 0 ? m.comma + 1 : m.end;
  }

  /**
   * Where the comments on the member's own line end: up to the line break when only
   * spaces and comments follow the member there (a block comment that runs on to later
   * lines is taken whole, never cut in two), else right after the member.
   */
  private trailEnd(i: number): number {
    const { text } = this;
    const after = this.after(i);
    const nextStart = i + 1 < this.members.length ? this.members[i + 1].start : this.close;
    let pos = after;
    let commented = false;
    while (pos < nextStart) {
      const ch = text.charCodeAt(pos);
      if (ch === 32 || ch === 9) {
        pos++;
      } else if (ch === 47 && text.charCodeAt(pos + 1) === 47) {
        const nl = text.indexOf('\n', pos);
        if (nl < 0 || nl >= nextStart) return after;
        return nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      } else if (ch === 47 && text.charCodeAt(pos + 1) === 42) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0 || close + 2 > nextStart) return after;
        pos = close + 2;
        commented = true;
      } else if (ch === 10 || ch === 13) {
        return commented ? pos : after;
      } else {
        return after;
      }
    }
    return after;
  }
}

/** A stretch of the user's text kept as it is. */
interface Verbatim {
  readonly start: number;
  readonly end: number;
}

/**
 * Edits turning the container's members into `entries`. Kept members without a body are
 * not touched (they must appear in their original order); only the text between them changes.
 */
export function rewriteList(
  text: string,
  node: SourceNode,
  entries: readonly ListEntry[],
  layout: ListLayout,
  style: JsonStyle,
): TextEdit[] {
  const members = node.members;
  const n = members.length;
  const seg = new Segments(text, node);
  const lead1 = n >= 2 ? seg.lead(1) : '';
  const lead0 = n > 0 ? seg.lead(0) : '';
  const sep = layout.multiline ? style.eol + layout.memberIndent : n >= 2 && lead1.trim() === '' ? lead1 : ' ';
  const firstLead = layout.multiline ? sep : n > 0 && lead0.trim() === '' ? lead0 : '';
  const comma = (p: number): string => (p < entries.length - 1 || seg.trailingComma ? ',' : '');
  const parts = new Parts(style.eol + layout.memberIndent);
  let p = 0;
  while (p < entries.length) {
    const entry = entries[p];
    if (entry.kind === 'new') {
      parts.push(p === 0 ? firstLead : sep, entry.text, comma(p));
      p++;
      continue;
    }
    const i = entry.index;
    const own = seg.lead(i);
    const commented = hasComment(own);
    if (p === 0) parts.push(i === 0 || commented ? own : firstLead);
    else parts.push(i > 0 || commented ? own : sep);
    // Members that follow each other as before keep the text between them as it is.
    let q = p;
    if (entry.body === undefined) {
      while (q + 1 < entries.length) {
        const next = entries[q + 1];
        if (
          next.kind !== 'kept' ||
          next.body !== undefined ||
          next.index !== (entries[q] as { index: number }).index + 1
        )
          break;
        q++;
      }
    }
    const j = (entries[q] as { index: number }).index;
    parts.push(entry.body ?? { start: members[i].start, end: members[j].end }, seg.afterEnd(j), comma(q), seg.trail(j));
    p = q + 1;
  }
  if (entries.length > 0) {
    parts.push(n > 0 ? seg.tail() : layout.multiline ? style.eol + lineIndentAt(text, node.start) : '');
  }
  parts.close(style.eol + lineIndentAt(text, node.start));
  return gapEdits(text, node, parts.list);
}

/**
 * The pieces of a rewritten container. A piece that ends in a `//` comment runs to the end
 * of its line, so whatever comes next starts on a new line: a member placed after a kept
 * member's comment, or the closing bracket, must never end up inside the comment.
 */
class Parts {
  readonly list: Array<string | Verbatim> = [];
  private openComment = false;

  constructor(private readonly lineBreak: string) {}

  push(...parts: Array<string | Verbatim>): void {
    for (const part of parts) {
      if (part === '') continue;
      if (this.openComment && (typeof part !== 'string' || !/^[ \t]*\r?\n/.test(part))) {
        this.list.push(this.lineBreak);
        this.openComment = false;
        // The line break takes the place of the spaces that would have separated them.
        if (typeof part === 'string' && /^[ \t]+$/.test(part)) continue;
      }
      this.list.push(part);
      // Kept members end with their value, never inside a comment.
      this.openComment = typeof part === 'string' && endsInLineComment(part);
    }
  }

  /** Before the closing bracket, which is not itself a part. */
  close(lineBreak: string): void {
    if (this.openComment) this.list.push(lineBreak);
    this.openComment = false;
  }
}

/** Whether JSONC text ends inside a `//` comment (one not closed by a line break). */
export function endsInLineComment(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (open) {
      if (ch === 10 || ch === 13) open = false;
    } else if (ch === 34) {
      const end = skipString(text, i);
      if (end < 0) return false;
      i = end - 1;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 47) {
      open = true;
      i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 1;
    }
  }
  return open;
}

/** The text between kept members becomes what `parts` puts there. */
function gapEdits(text: string, node: SourceNode, parts: ReadonlyArray<string | Verbatim>): TextEdit[] {
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
function minimalEdit(text: string, start: number, end: number, newText: string): TextEdit | undefined {
  let prefix = 0;
  const max = Math.min(end - start, newText.length);
  while (prefix < max && text.charCodeAt(start + prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(end - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix))
    suffix++;
  if (prefix === end - start && prefix === newText.length) return undefined;
  return { start: start + prefix, end: end - suffix, newText: newText.slice(prefix, newText.length - suffix) };
}
