// A JSON document whose array elements carry identities, so that "element 3 of the version
// the user read" can be found in the current version after the server inserted, removed or
// reordered elements. Elements of the base and the current version get the same identity
// when they are the same element: by an identity key (`id`, `_id`, `key`, `name`), else by
// a longest common subsequence of equal values. An element the server changed without an
// identity key has no counterpart: an operation on it conflicts instead of landing on a
// neighbour.
import { ABSENT, hasOwn, identityKeys, isObject } from './json-values';

/** Above this many cells the common subsequence is not computed: only shared ends pair up. */
const MAX_LCS_CELLS = 4_000_000;

export class IdSource {
  private last = 0;
  next(): number {
    return ++this.last;
  }
}

type Container = Record<string, unknown> | unknown[];

export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, cloneJson(value[key]));
    return out;
  }
  return value;
}

function identityKeyOf(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  for (const key of identityKeys) {
    const usable = (list: readonly unknown[]): boolean => {
      const seen = new Set<unknown>();
      for (const e of list) {
        if (!isObject(e) || !hasOwn(e, key)) return false;
        const id = e[key];
        if ((typeof id !== 'string' && typeof id !== 'number') || seen.has(id)) return false;
        seen.add(id);
      }
      return true;
    };
    if (usable(a) && usable(b)) return key;
  }
  return undefined;
}

/** A text that is equal for deep-equal values (object keys sorted). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Pairs [index in a, index in b] of the same elements, in order. */
export function matchElements(a: readonly unknown[], b: readonly unknown[]): Array<[number, number]> {
  const key = identityKeyOf(a, b);
  if (key) {
    const inB = new Map<unknown, number>();
    b.forEach((e, j) => inB.set((e as Record<string, unknown>)[key], j));
    const pairs: Array<[number, number]> = [];
    a.forEach((e, i) => {
      const j = inB.get((e as Record<string, unknown>)[key]);
      if (j !== undefined) pairs.push([i, j]);
    });
    return pairs;
  }
  const ca = a.map(canonical);
  const cb = b.map(canonical);
  const pairs: Array<[number, number]> = [];
  let lo = 0;
  while (lo < ca.length && lo < cb.length && ca[lo] === cb[lo]) pairs.push([lo, lo++]);
  let hiA = ca.length;
  let hiB = cb.length;
  const tail: Array<[number, number]> = [];
  while (hiA > lo && hiB > lo && ca[hiA - 1] === cb[hiB - 1]) tail.unshift([--hiA, --hiB]);
  const n = hiA - lo;
  const m = hiB - lo;
  if (n > 0 && m > 0 && n * m <= MAX_LCS_CELLS) {
    const table = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * (m + 1) + j] =
          ca[lo + i] === cb[lo + j]
            ? table[(i + 1) * (m + 1) + j + 1] + 1
            : Math.max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (ca[lo + i] === cb[lo + j]) {
        pairs.push([lo + i, lo + j]);
        i++;
        j++;
      } else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) i++;
      else j++;
    }
  }
  return pairs.concat(tail);
}

/** One simulated version: a holder `{ root }`, so the whole document is a member like any other. */
export class TaggedDocument {
  readonly holder: Record<string, unknown>;
  private readonly ids = new Map<unknown[], number[]>();

  constructor(
    root: unknown,
    private readonly source: IdSource,
  ) {
    this.holder = {};
    setOwn(this.holder, 'root', root);
  }

  idsOf(array: unknown[]): number[] {
    let list = this.ids.get(array);
    if (!list) {
      list = array.map(() => this.source.next());
      this.ids.set(array, list);
    }
    return list;
  }

  /** Gives every array in `value` fresh identities. */
  tagFresh(value: unknown): void {
    if (Array.isArray(value)) {
      this.ids.set(
        value,
        value.map(() => this.source.next()),
      );
      for (const e of value) this.tagFresh(e);
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) this.tagFresh(value[key]);
    }
  }

  /** Tags `value` (in this document) after `other` (already tagged in `otherDoc`): same elements, same identities. */
  tagLike(value: unknown, otherDoc: TaggedDocument, other: unknown): void {
    if (Array.isArray(value) && Array.isArray(other)) {
      const otherIds = otherDoc.idsOf(other);
      const ids = value.map(() => 0);
      for (const [i, j] of matchElements(other, value)) {
        ids[j] = otherIds[i];
        this.tagLike(value[j], otherDoc, other[i]);
      }
      for (let j = 0; j < value.length; j++) {
        if (ids[j] === 0) {
          ids[j] = this.source.next();
          this.tagFresh(value[j]);
        }
      }
      this.ids.set(value, ids);
    } else if (isObject(value) && isObject(other)) {
      for (const key of Object.keys(value)) {
        if (hasOwn(other, key)) this.tagLike(value[key], otherDoc, other[key]);
        else this.tagFresh(value[key]);
      }
    } else {
      this.tagFresh(value);
    }
  }

  /** The value at `path` below the holder (`['root', …]`), or ABSENT. */
  get(path: readonly string[]): unknown {
    let node: unknown = this.holder;
    for (const segment of path) {
      node = childOf(node, segment);
      if (node === ABSENT) return ABSENT;
    }
    return node;
  }

  /** Removes the member at `path`; answers what was there. */
  remove(path: readonly string[]): unknown {
    const parent = this.get(path.slice(0, -1)) as Container;
    const last = path[path.length - 1];
    if (Array.isArray(parent)) {
      const index = Number(last);
      this.idsOf(parent).splice(index, 1);
      return parent.splice(index, 1)[0];
    }
    const value = parent[last];
    delete parent[last];
    return value;
  }

  /** Adds (objects: sets) `value` at `path`; a new array element gets `id`. */
  add(path: readonly string[], value: unknown, id: number): void {
    const parent = this.get(path.slice(0, -1)) as Container;
    const last = path[path.length - 1];
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      this.idsOf(parent).splice(index, 0, id);
      parent.splice(index, 0, value);
    } else {
      setOwn(parent, last, value);
    }
  }

  /** Replaces the value at `path`; an array element keeps its identity. */
  replace(path: readonly string[], value: unknown): void {
    const parent = this.get(path.slice(0, -1)) as Container;
    const last = path[path.length - 1];
    if (Array.isArray(parent)) parent[Number(last)] = value;
    else setOwn(parent, last, value);
  }

  /** The identity of the element at `path` when its parent is an array. */
  idAt(path: readonly string[]): number | undefined {
    const parent = this.get(path.slice(0, -1));
    return Array.isArray(parent) ? this.idsOf(parent)[Number(path[path.length - 1])] : undefined;
  }
}

export function isIndex(segment: string, length: number, allowEnd: boolean): boolean {
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) return false;
  const n = Number(segment);
  return allowEnd ? n <= length : n < length;
}

export function childOf(node: unknown, segment: string): unknown {
  if (Array.isArray(node)) return isIndex(segment, node.length, false) ? node[Number(segment)] : ABSENT;
  if (isObject(node)) return hasOwn(node, segment) ? node[segment] : ABSENT;
  return ABSENT;
}
