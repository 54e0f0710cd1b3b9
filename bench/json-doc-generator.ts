// JSON documents of a target size and two disjoint edits of them (1% of the scalar object fields
// changed on each side), so a correct three-way merge is clean and its result is known.
import { pick, seededRandom, type Random } from './seeded-random';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const cities = ['Lisbon', 'Oslo', 'Quito', 'Hanoi', 'Perth', 'Accra', 'Tallinn', 'Osaka'];
const words = ['red', 'green', 'blue', 'amber', 'violet', 'teal', 'ochre', 'slate'];

function item(random: Random, id: number): Json {
  return {
    id,
    name: `${pick(random, words)} ${pick(random, words)} ${id}`,
    email: `user${id}@example.test`,
    tags: [pick(random, words), pick(random, words), pick(random, words)],
    score: Math.round(random() * 10_000) / 100,
    active: random() < 0.5,
    address: {
      street: `${Math.floor(random() * 900) + 1} ${pick(random, words)} street`,
      city: pick(random, cities),
      zip: `${Math.floor(random() * 90_000) + 10_000}`,
    },
    notes: random() < 0.2 ? null : `${pick(random, words)} note for ${id}`,
  };
}

/** A document whose pretty-printed (2-space) text is about `bytes` long. */
export function generateDocument(bytes: number, seed = 7): { items: Json[]; meta: Json } {
  const random = seededRandom(seed);
  const items: Json[] = [];
  const doc = { meta: { version: 1, generated: '2024-01-01T00:00:00Z', owner: 'bench' }, items };
  // Each item's share of the pretty-printed text, at the depth it sits in the document.
  const perItem = JSON.stringify({ items: [item(seededRandom(1), 1)] }, null, 2).length - 14;
  while (items.length * perItem < bytes) items.push(item(random, items.length));
  return doc;
}

type Leaf = { parent: { [key: string]: Json }; key: string };

/**
 * Scalar fields of objects. Array elements are left alone: two sides editing neighbouring
 * elements of one array is a genuine conflict for an array merge, and these edits must be clean.
 */
function fields(value: Json, out: Leaf[]): Leaf[] {
  if (Array.isArray(value)) for (const v of value) fields(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object') fields(v, out);
      else if (k !== 'id') out.push({ parent: value, key: k });
    }
  }
  return out;
}

function changed(value: Json, side: string): Json {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return `${value} (${side})`;
  return side;
}

function setLeaf(leaf: Leaf, value: Json): void {
  leaf.parent[leaf.key] = value;
}

export interface MergeCase {
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
  /** Pretty-printed text of base with both edits applied. */
  readonly expected: string;
  readonly changedPerSide: number;
  readonly fieldCount: number;
}

/** Base, ours and theirs as 2-space pretty-printed text; the edits touch disjoint fields. */
export function generateMergeCase(bytes: number, fraction = 0.01, seed = 11): MergeCase {
  const base = JSON.stringify(generateDocument(bytes));
  const docs = { ours: JSON.parse(base) as Json, theirs: JSON.parse(base) as Json, expected: JSON.parse(base) as Json };
  const leafSets = {
    ours: fields(docs.ours, []),
    theirs: fields(docs.theirs, []),
    expected: fields(docs.expected, []),
  };
  const count = leafSets.ours.length;
  const perSide = Math.max(1, Math.round(count * fraction));
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < perSide * 2) chosen.add(Math.floor(random() * count));
  const order = [...chosen];
  order.forEach((index, n) => {
    const side = n < perSide ? 'ours' : 'theirs';
    const value = changed(leafSets[side][index].parent[leafSets[side][index].key], side);
    setLeaf(leafSets[side][index], value);
    setLeaf(leafSets.expected[index], value);
  });
  const pretty = (v: Json) => JSON.stringify(v, null, 2);
  return {
    base: pretty(JSON.parse(base) as Json),
    ours: pretty(docs.ours),
    theirs: pretty(docs.theirs),
    expected: pretty(docs.expected),
    changedPerSide: perSide,
    fieldCount: count,
  };
}
