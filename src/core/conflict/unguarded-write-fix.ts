// The fix for a write without a precondition, as text edits into the .http file: the header,
// body field or query parameter the dialect wants, preferably as a reference to the named
// read (`{{doc.response.headers.ETag}}`) so it stays fresh on every send, with a `# @name`
// added to the read when it has none. The editor applies the edits as one undoable change;
// the CLI prints them.
import type { ParsedRequest } from '../http-file/http-file-model';
import type { TextEdit } from '../merge/merge-model';
import type { TokenLocation, VersionToken } from './conflict-model';
import { dialectIdForLocation } from './location-dialect';
import { writtenBodyText, writtenJsonBody } from './write-precondition';

export interface UnguardedWriteFix {
  /** Plain words: `add If-Match: {{doc.response.headers.ETag}}`. */
  readonly description: string;
  /** The dialect whose token the fix adds (`http-validators`, `couchdb`, …). */
  readonly dialect: string;
  /** Where the version goes in the write (If-Match, `_rev`, `rev`, …). */
  readonly locations: readonly TokenLocation[];
  /** Non-overlapping edits, in ascending offset order, applied together. */
  readonly edits: readonly TextEdit[];
  /** The name the read gets when it had none (the edits insert `# @name` for it). */
  readonly addsReadName?: string;
}

/** What to send, and where: one or two tokens (Elasticsearch needs seq_no and term together). */
interface Placement {
  readonly location: TokenLocation;
  /** The value as a reference into the read's response, e.g. `response.headers.ETag`. */
  readonly reference?: string;
  /** The literal token from the latest snapshot, for when no reference can express it. */
  readonly literal?: string | number;
  /** A JSON number in the body is written without quotes. */
  readonly numeric?: boolean;
}

const ifMatch: TokenLocation = { kind: 'header', name: 'If-Match' };

/** Where a read's response holds the token that goes to this location in a write. */
function referenceFor(location: TokenLocation): string | undefined {
  switch (location.kind) {
    case 'header':
      if (location.name.toLowerCase() === 'if-match') return 'response.headers.ETag';
      if (location.name.toLowerCase() === 'if-unmodified-since') return 'response.headers.Last-Modified';
      return undefined;
    case 'body':
      return location.path.every((p) => typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p))
        ? `response.body.$.${location.path.join('.')}`
        : undefined;
    case 'query':
      if (location.name === 'rev') return 'response.body.$._rev';
      if (location.name === 'if_seq_no') return 'response.body.$._seq_no';
      if (location.name === 'if_primary_term') return 'response.body.$._primary_term';
      return undefined;
  }
}

function isProtocolToken(token: VersionToken): boolean {
  const l = token.location;
  if (l.kind === 'query') return true;
  return l.kind === 'body' && ['_rev', 'metadata', 'sha'].includes(String(l.path[0]));
}

/**
 * Which of the read's tokens the write should carry. A protocol's own token (CouchDB `_rev`,
 * Kubernetes `resourceVersion`, Elasticsearch `seq_no`) is what that server checks; then a
 * strong ETag, the standard; then a version field in the body; then Last-Modified. A weak
 * ETag can never pass If-Match, so it is never chosen.
 */
export function chooseTokens(tokens: readonly VersionToken[]): VersionToken[] {
  const usable = tokens.filter((t) => !t.weak);
  const protocol = usable.filter(isProtocolToken);
  if (protocol.length)
    return protocol.some((t) => t.location.kind === 'query')
      ? protocol.filter((t) => t.location.kind === 'query')
      : [protocol[0]];
  const rank = (t: VersionToken) =>
    t.location.kind === 'header' && t.location.name.toLowerCase() === 'if-match'
      ? 0
      : t.location.kind === 'body'
        ? 1
        : t.location.kind === 'header'
          ? 2
          : 3;
  const best = [...usable].sort((a, b) => rank(a) - rank(b))[0];
  return best ? [best] : [];
}

function placementsFor(write: ParsedRequest, tokens: readonly VersionToken[] | undefined): Placement[] {
  const chosen = chooseTokens(tokens ?? []);
  if (chosen.length === 0) return [{ location: ifMatch, reference: referenceFor(ifMatch) }];
  return chosen.map((token) => {
    let location = token.location;
    // A body token cannot travel in a write without a JSON body (a CouchDB DELETE): `?rev=`.
    if (location.kind === 'body' && !hasJsonObjectBody(write))
      location = location.path[0] === '_rev' ? { kind: 'query', name: 'rev' } : ifMatch;
    return {
      location,
      reference: referenceFor(location),
      literal: token.value,
      numeric: typeof token.value === 'number',
    };
  });
}

function hasJsonObjectBody(request: ParsedRequest): boolean {
  return writtenBodyText(request)?.trim().startsWith('{') ?? false;
}

function valueText(placement: Placement, readName: string): string {
  return placement.reference ? `{{${readName}.${placement.reference}}}` : String(placement.literal ?? '');
}

function describe(location: TokenLocation, value: string): string {
  if (location.kind === 'header') return `${location.name}: ${value}`;
  if (location.kind === 'query') return `?${location.name}=${value}`;
  return `"${location.path.join('.')}": ${value}`;
}

export interface FixInput {
  readonly write: ParsedRequest;
  readonly read: ParsedRequest;
  /** What reads of this URL returned, when known; undefined → ETag / If-Match. */
  readonly tokens?: readonly VersionToken[];
  /** Name for the read when it has none. */
  readonly generatedName: string;
  readonly eol: string;
}

function headerEdit(write: ParsedRequest, name: string, value: string, eol: string): TextEdit {
  const last = write.headers.length
    ? write.headers[write.headers.length - 1].range.end.offset
    : write.requestLineRange.end.offset;
  return { start: last, end: last, newText: `${eol}${name}: ${value}` };
}

function queryEdit(write: ParsedRequest, name: string, value: string): TextEdit {
  const at = write.urlRange.end.offset;
  return { start: at, end: at, newText: `${write.url.includes('?') ? '&' : '?'}${name}=${value}` };
}

/**
 * Inserted as the object's first member, with the spacing that follows the brace. A nested
 * location (Kubernetes `metadata.resourceVersion`) is only written when the body has no such
 * object yet: editing inside the user's own object is left to the user.
 */
function bodyEdit(
  write: ParsedRequest,
  path: readonly string[],
  value: string,
  numeric: boolean,
): TextEdit | undefined {
  const body = write.body;
  const text = writtenBodyText(write);
  const brace = text?.indexOf('{') ?? -1;
  if (!body || text === undefined || brace < 0) return undefined;
  if (path.length > 1 && writtenJsonBody(write)?.[path[0]] !== undefined) return undefined;
  const leaf = numeric && value.startsWith('{{') ? value : JSON.stringify(value);
  const inner = path.slice(1).reduceRight((nested, key) => `{ "${key}": ${nested} }`, leaf);
  const member = `"${path[0]}": ${path.length > 1 ? inner : leaf}`;
  const spacing = /^\s*/.exec(text.slice(brace + 1))?.[0] ?? '';
  const empty = text.charAt(brace + 1 + spacing.length) === '}';
  const at = body.range.start.offset + brace + 1;
  return { start: at, end: at, newText: empty ? ` ${member} ` : `${spacing || ' '}${member},` };
}

/** Two query parameters inserted at the same spot become one edit: `?a=…&b=…`. */
function joinQueryEdits(edits: readonly TextEdit[]): TextEdit[] {
  const joined: TextEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const prev = joined[joined.length - 1];
    if (prev && prev.start === edit.start && prev.end === edit.end)
      joined[joined.length - 1] = { ...prev, newText: `${prev.newText}&${edit.newText.slice(1)}` };
    else joined.push(edit);
  }
  return joined;
}

/** Optimal string alignment distance (a swap of two neighbours counts once: Macth → Match). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Real headers a near miss must never be taken for (If-Modified-Since is one edit from If-Unmodified-Since). */
const otherConditionalHeaders = ['if-none-match', 'if-modified-since', 'if-range'];

/**
 * A header the user meant as the precondition but misspelt (`If-Macth`, `IfMatch`,
 * `If-Unmodifed-Since`): the server ignores it, so the write is unguarded — and the fix is
 * to correct the name where it stands, keeping the value the user wrote.
 */
export function misspeltPrecondition(
  write: ParsedRequest,
): { header: ParsedRequest['headers'][number]; name: string } | undefined {
  const squash = (name: string) => name.toLowerCase().replace(/[-_\s]/g, '');
  for (const header of write.headers) {
    const lower = header.name.toLowerCase();
    if (otherConditionalHeaders.includes(lower)) continue;
    for (const [name, allowed] of [
      ['If-Match', 1],
      ['If-Unmodified-Since', 2],
    ] as const) {
      if (lower !== name.toLowerCase() && editDistance(squash(header.name), squash(name)) <= allowed)
        return { header, name };
    }
  }
  return undefined;
}

function renameFix(found: NonNullable<ReturnType<typeof misspeltPrecondition>>): UnguardedWriteFix {
  const start = found.header.range.start.offset;
  const location: TokenLocation = { kind: 'header', name: found.name };
  return {
    description: `rename ${found.header.name} to ${found.name}`,
    dialect: dialectIdForLocation(location),
    locations: [location],
    edits: [{ start, end: start + found.header.name.length, newText: found.name }],
  };
}

/** Undefined when the fix cannot be expressed as an edit (a body field in a non-JSON body). */
export function buildFix(input: FixInput): UnguardedWriteFix | undefined {
  const { write, read, eol } = input;
  const misspelt = misspeltPrecondition(write);
  if (misspelt) return renameFix(misspelt);
  const placements = placementsFor(write, input.tokens);
  const needsName = placements.some((p) => p.reference) && !read.metadata.name;
  const readName = read.metadata.name ?? input.generatedName;
  const edits: TextEdit[] = [];
  if (needsName) {
    const at = read.requestLineRange.start.offset;
    edits.push({ start: at, end: at, newText: `# @name ${readName}${eol}` });
  }
  const parts: string[] = [];
  for (const placement of placements) {
    const value = valueText(placement, readName);
    const { location } = placement;
    let edit: TextEdit | undefined;
    if (location.kind === 'header') edit = headerEdit(write, location.name, value, eol);
    else if (location.kind === 'query') edit = queryEdit(write, location.name, value);
    else edit = bodyEdit(write, location.path.map(String), value, placement.numeric ?? false);
    if (!edit) return undefined;
    edits.push(edit);
    parts.push(
      describe(
        location,
        location.kind === 'body' && !(placement.numeric && value.startsWith('{{')) ? JSON.stringify(value) : value,
      ),
    );
  }
  const named = needsName ? ` (and # @name ${readName} on the read)` : '';
  return {
    description: `add ${parts.join(' and ')}${named}`,
    dialect: dialectIdForLocation(placements[0].location),
    locations: placements.map((p) => p.location),
    edits: joinQueryEdits(edits),
    ...(needsName ? { addsReadName: readName } : {}),
  };
}
