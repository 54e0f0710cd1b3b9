// "What changed since last time": a change summary between two responses, for people
// (one line, then one line per change) and for tools (the same data as JSON). JSON bodies are
// compared by path; other bodies line by line. Noise a server changes on every response
// (Date, ETag, request ids, cookies' values) and paths the caller names are left out, so what
// remains is a change someone should look at.
import type { HeaderList } from '../http-headers';
import type { IgnorePattern, PathSegment } from './ignore-paths';
import { isIgnored } from './ignore-paths';
import { identityKeys } from '../merge/json-values';

/** A response as compared: bodies are text, already masked by whoever kept them. */
export interface ComparableResponse {
  readonly status: number;
  readonly headers: HeaderList;
  readonly bodyText: string;
  /** Set when the body was not kept (too big, binary): why, in words. */
  readonly bodyOmitted?: string;
  /** sha256 of the whole body, so an omitted body still shows whether it changed. */
  readonly bodyDigest?: string;
}

export type FieldChangeKind = 'added' | 'removed' | 'changed' | 'type-changed';

export interface FieldChange {
  readonly kind: FieldChangeKind;
  /** `/title`, `/tags/0`, `/items[id=7]/price`: JSON Pointer, a keyed list element shown by its key. */
  readonly path: string;
  /** Shortened JSON of the old value (absent when added). */
  readonly old?: string;
  /** Shortened JSON of the new value (absent when removed). */
  readonly new?: string;
  readonly oldType?: string;
  readonly newType?: string;
}

/** How the elements of a list that changed were paired up. */
export interface ListMatching {
  readonly path: string;
  /** `id`, `_id`, `key` or `name` when every element has a distinct one; otherwise position. */
  readonly by: string;
}

export interface HeaderChange {
  readonly name: string;
  readonly old?: string;
  readonly new?: string;
}

export type BodyChanges =
  | { readonly kind: 'same' }
  | { readonly kind: 'json'; readonly fields: readonly FieldChange[]; readonly lists: readonly ListMatching[] }
  | { readonly kind: 'text'; readonly changedLines: number; readonly oldLines: number; readonly newLines: number }
  | { readonly kind: 'not-compared'; readonly reason: string; readonly changed?: boolean };

export interface ResponseChanges {
  readonly changed: boolean;
  readonly status?: { readonly old: number; readonly new: number };
  readonly headers: readonly HeaderChange[];
  readonly body: BodyChanges;
  /** `3 fields changed: /title, /tags/0, /owner`, or `no changes`. */
  readonly summary: string;
}

export interface CompareOptions {
  readonly ignore?: readonly IgnorePattern[];
  /** Longest shown value, in characters. */
  readonly maxValueChars?: number;
}

// Headers that differ on every response without anything having changed: clocks, caches,
// validators (the body shows the change they stand for) and request/trace ids.
const noiseHeaders = new Set([
  'date',
  'etag',
  'last-modified',
  'age',
  'expires',
  'content-length',
  'connection',
  'keep-alive',
  'via',
  'server-timing',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'correlation-id',
  'x-trace-id',
  'traceparent',
  'tracestate',
  'cf-ray',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-trace-id',
  'x-amz-cf-id',
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'x-github-request-id',
  'x-cloud-trace-context',
  'x-runtime',
  'x-response-time',
  'x-envoy-upstream-service-time',
  'x-served-by',
  'x-cache',
  'x-cache-hits',
  'x-timer',
  'x-vercel-id',
  'fly-request-id',
]);

export function isNoiseHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return noiseHeaders.has(lower) || lower.startsWith('x-b3-') || /(^|-)request-?id$/.test(lower);
}

/** Cookies are compared by name: their values (sessions, CSRF tokens) change on every response. */
function cookieNames(headers: HeaderList): string | undefined {
  const names = headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v.split('=')[0].trim());
  return names.length ? [...new Set(names)].sort().join(', ') : undefined;
}

/** The headers worth comparing, lower-cased, repeated ones joined. */
export function comparedHeaders(headers: HeaderList): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of headers) {
    const lower = name.trim().toLowerCase();
    if (lower === 'set-cookie' || isNoiseHeader(lower)) continue;
    out.set(lower, out.has(lower) ? `${out.get(lower)}, ${value}` : value);
  }
  const cookies = cookieNames(headers);
  if (cookies) out.set('set-cookie (names)', cookies);
  return out;
}

function headerChanges(oldHeaders: HeaderList, newHeaders: HeaderList): HeaderChange[] {
  const a = comparedHeaders(oldHeaders);
  const b = comparedHeaders(newHeaders);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names
    .filter((n) => a.get(n) !== b.get(n))
    .map((name) => ({
      name,
      ...(a.has(name) ? { old: a.get(name) } : {}),
      ...(b.has(name) ? { new: b.get(name) } : {}),
    }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parseJson(text: string): { value: Json } | undefined {
  if (!/^\s*[[{"\d\-tfn]/.test(text)) return undefined;
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return undefined;
  }
}

function typeOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function shorten(value: Json, max: number): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** The identity key shared by every element of both lists, with distinct values in each. */
function identityKey(a: readonly Json[], b: readonly Json[]): string | undefined {
  const all = [...a, ...b];
  if (all.length === 0 || !all.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e))) return undefined;
  return identityKeys.find((key) =>
    [a, b].every((list) => {
      const ids = list.map((e) => (e as Record<string, Json>)[key]);
      return (
        ids.every((id) => typeof id === 'string' || typeof id === 'number') &&
        new Set(ids.map((id) => JSON.stringify(id))).size === ids.length
      );
    }),
  );
}

interface Step {
  readonly segment: PathSegment;
  /** How the step is shown: `/title`, `/0`, `[id=7]`. */
  readonly label: string;
}

function pointerKey(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

class JsonComparison {
  readonly fields: FieldChange[] = [];
  readonly lists: ListMatching[] = [];

  constructor(
    private readonly ignore: readonly IgnorePattern[],
    private readonly max: number,
  ) {}

  private show(path: readonly Step[]): string {
    const text = path.map((s) => s.label).join('');
    return text.startsWith('/') ? text : `/${text}`;
  }

  private ignored(path: readonly Step[]): boolean {
    return isIgnored(
      path.map((s) => s.segment),
      this.ignore,
    );
  }

  private add(kind: FieldChangeKind, path: readonly Step[], old?: Json, now?: Json): void {
    if (this.ignored(path)) return;
    const change: FieldChange = {
      kind,
      path: this.show(path),
      ...(old !== undefined ? { old: shorten(old, this.max) } : {}),
      ...(now !== undefined ? { new: shorten(now, this.max) } : {}),
      ...(kind === 'type-changed' && old !== undefined && now !== undefined
        ? { oldType: typeOf(old), newType: typeOf(now) }
        : {}),
    };
    this.fields.push(change);
  }

  compare(old: Json, now: Json, path: readonly Step[]): void {
    if (this.ignored(path)) return;
    const [ta, tb] = [typeOf(old), typeOf(now)];
    if (ta !== tb) return this.add('type-changed', path, old, now);
    if (ta === 'array') return this.compareLists(old as Json[], now as Json[], path);
    if (ta === 'object') return this.compareObjects(old as Record<string, Json>, now as Record<string, Json>, path);
    if (old !== now) this.add('changed', path, old, now);
  }

  private compareObjects(a: Record<string, Json>, b: Record<string, Json>, path: readonly Step[]): void {
    for (const key of Object.keys(a)) {
      const step = [...path, { segment: { kind: 'key', key }, label: pointerKey(key) } as Step];
      if (!Object.prototype.hasOwnProperty.call(b, key)) this.add('removed', step, a[key]);
      else this.compare(a[key], b[key], step);
    }
    for (const key of Object.keys(b)) {
      if (!Object.prototype.hasOwnProperty.call(a, key))
        this.add('added', [...path, { segment: { kind: 'key', key }, label: pointerKey(key) }], undefined, b[key]);
    }
  }

  private compareLists(a: Json[], b: Json[], path: readonly Step[]): void {
    const before = this.fields.length;
    const key = identityKey(a, b);
    if (key) {
      const idOf = (e: Json) => JSON.stringify((e as Record<string, Json>)[key]);
      const label = (e: Json) => `[${key}=${shorten((e as Record<string, Json>)[key], this.max)}]`;
      const byId = new Map(b.map((e, i) => [idOf(e), { e, i }]));
      const oldIds = new Set(a.map(idOf));
      a.forEach((e, i) => {
        const match = byId.get(idOf(e));
        if (!match) this.add('removed', [...path, { segment: { kind: 'index', index: i }, label: label(e) }], e);
        else this.compare(e, match.e, [...path, { segment: { kind: 'index', index: match.i }, label: label(e) }]);
      });
      b.forEach((e, i) => {
        if (!oldIds.has(idOf(e)))
          this.add('added', [...path, { segment: { kind: 'index', index: i }, label: label(e) }], undefined, e);
      });
    } else {
      const step = (i: number): Step => ({ segment: { kind: 'index', index: i }, label: `/${i}` });
      for (let i = 0; i < Math.min(a.length, b.length); i++) this.compare(a[i], b[i], [...path, step(i)]);
      for (let i = b.length; i < a.length; i++) this.add('removed', [...path, step(i)], a[i]);
      for (let i = a.length; i < b.length; i++) this.add('added', [...path, step(i)], undefined, b[i]);
    }
    if (this.fields.length > before) this.lists.push({ path: this.show(path), by: key ?? 'position' });
  }
}

function lines(text: string): string[] {
  return text.length === 0 ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

/** Past this many cells the middle is counted whole rather than diffed: a count, cheaply. */
const maxLcsCells = 4_000_000;

function commonLines(a: readonly string[], b: readonly string[]): number {
  if (a.length * b.length > maxLcsCells) return 0;
  let previous = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      row[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    [previous, row] = [row, previous];
  }
  return previous[b.length];
}

/**
 * How many lines changed: a line replaced counts once, as does one added or removed
 * (the larger of the two sides of a line diff). A count for the summary, not a diff.
 */
function textChanges(old: string, now: string): BodyChanges {
  const a = lines(old);
  const b = lines(now);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const common = commonLines(midA, midB);
  return {
    kind: 'text',
    changedLines: Math.max(midA.length - common, midB.length - common),
    oldLines: a.length,
    newLines: b.length,
  };
}

function bodyChanges(old: ComparableResponse, now: ComparableResponse, options: CompareOptions): BodyChanges {
  if (old.bodyOmitted || now.bodyOmitted) {
    const changed = old.bodyDigest && now.bodyDigest ? old.bodyDigest !== now.bodyDigest : undefined;
    const reason = [old.bodyOmitted && `before: ${old.bodyOmitted}`, now.bodyOmitted && `now: ${now.bodyOmitted}`]
      .filter(Boolean)
      .join('; ');
    return { kind: 'not-compared', reason, ...(changed !== undefined ? { changed } : {}) };
  }
  if (old.bodyText === now.bodyText) return { kind: 'same' };
  const a = parseJson(old.bodyText);
  const b = parseJson(now.bodyText);
  if (a && b) {
    const comparison = new JsonComparison(options.ignore ?? [], options.maxValueChars ?? 60);
    try {
      comparison.compare(a.value, b.value, []);
    } catch (error) {
      // Nesting deeper than the stack (a hostile `[[[[…`): counted as text instead of crashing the run.
      if (error instanceof RangeError) return textChanges(old.bodyText, now.bodyText);
      throw error;
    }
    return comparison.fields.length
      ? { kind: 'json', fields: comparison.fields, lists: comparison.lists }
      : { kind: 'same' };
  }
  return textChanges(old.bodyText, now.bodyText);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summarize(status: ResponseChanges['status'], headers: readonly HeaderChange[], body: BodyChanges): string {
  const parts: string[] = [];
  if (status) parts.push(`status ${status.old} → ${status.new}`);
  if (body.kind === 'json') {
    const shown = body.fields.slice(0, 5).map((f) => f.path);
    const more = body.fields.length > shown.length ? `, …${body.fields.length - shown.length} more` : '';
    parts.push(`${plural(body.fields.length, 'field')} changed: ${shown.join(', ')}${more}`);
  } else if (body.kind === 'text') parts.push(`body changed (${plural(body.changedLines, 'line')})`);
  else if (body.kind === 'not-compared')
    parts.push(
      body.changed === true
        ? 'body changed (not compared field by field)'
        : body.changed === false
          ? 'body unchanged'
          : 'body not compared',
    );
  if (headers.length)
    parts.push(`${plural(headers.length, 'header')} changed: ${headers.map((h) => h.name).join(', ')}`);
  const meaningful = parts.filter((p) => p !== 'body unchanged' && p !== 'body not compared');
  return meaningful.length ? parts.join('; ') : parts.length ? `no changes (${parts.join('; ')})` : 'no changes';
}

export function compareResponses(
  old: ComparableResponse,
  now: ComparableResponse,
  options: CompareOptions = {},
): ResponseChanges {
  const status = old.status !== now.status ? { old: old.status, new: now.status } : undefined;
  const headers = headerChanges(old.headers, now.headers);
  const body = bodyChanges(old, now, options);
  const bodyChanged =
    body.kind === 'json' || body.kind === 'text' || (body.kind === 'not-compared' && body.changed === true);
  return {
    changed: Boolean(status) || headers.length > 0 || bodyChanged,
    ...(status ? { status } : {}),
    headers,
    body,
    summary: summarize(status, headers, body),
  };
}

/** One line per change, for people: `~ /title: "Draft" → "Final"`. */
export function describeChanges(changes: ResponseChanges): string[] {
  const out: string[] = [];
  if (changes.status) out.push(`~ status: ${changes.status.old} → ${changes.status.new}`);
  for (const h of changes.headers) {
    out.push(
      h.old === undefined
        ? `+ header ${h.name}: ${h.new}`
        : h.new === undefined
          ? `- header ${h.name}: ${h.old}`
          : `~ header ${h.name}: ${h.old} → ${h.new}`,
    );
  }
  const body = changes.body;
  if (body.kind === 'json') {
    for (const f of body.fields) {
      if (f.kind === 'added') out.push(`+ ${f.path}: ${f.new}`);
      else if (f.kind === 'removed') out.push(`- ${f.path}: ${f.old}`);
      else if (f.kind === 'type-changed') out.push(`~ ${f.path}: ${f.old} → ${f.new} (${f.oldType} → ${f.newType})`);
      else out.push(`~ ${f.path}: ${f.old} → ${f.new}`);
    }
    for (const l of body.lists)
      out.push(`  (list ${l.path} matched by ${l.by === 'position' ? 'position; added/removed at the end' : l.by})`);
  } else if (body.kind === 'text')
    out.push(`~ body: ${plural(body.changedLines, 'line')} changed (${body.oldLines} → ${body.newLines} lines)`);
  else if (body.kind === 'not-compared')
    out.push(
      `! body not compared field by field: ${body.reason}${body.changed === true ? ' — it changed' : body.changed === false ? ' — it is the same' : ''}`,
    );
  return out;
}
