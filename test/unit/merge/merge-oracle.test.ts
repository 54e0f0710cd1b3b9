// "No change lost", checked by a model of the promise that shares nothing with the merge:
// its own values (numbers as the text written), its own JSONC reader and writer, its own
// equality, and its own idea of what each side changed. Only mergeBodies/resolveConflicts
// come from the code under test. The generators reach the shapes that once lost changes:
// reordered lists, lists of records with and without ids, numbers past a double, repeated
// keys and comments anywhere in the user's text.
//
// The rule checked for a merge that reports no conflict, value by value from the root:
// - a side that left a value as it was yields to the other side (its value is the result);
// - both sides made the same change: that value;
// - both changed an object: each member by the same rule;
// - both changed a list of records with ids (`id`, `_id`, `key`, `name`, as the README
//   says): each record by id by the same rule, and the order of the records all three
//   hold is the order of the side that changed it (both changed it differently: conflict);
// - both changed a list without ids: each side's change to how many times each value
//   occurs lands once (once when both made the same change), and two values of the base
//   keep the order of the side that reordered them, else the base's;
// - anything else both changed is a conflict, so a clean result there is a lost change.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fuzzRuns } from '../../support/fuzz-runs';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeResult } from '../../../src/core/merge/merge-model';

// ---------------------------------------------------------------- the model's values

/** A number as written; its value is compared exactly (see `numberValue`). */
class Num {
  constructor(readonly text: string) {}
}

/** An object as a list of members (the server's bodies never repeat a key). */
class Obj {
  constructor(readonly members: ReadonlyArray<readonly [string, Value]>) {}

  get(key: string): Value | typeof NONE {
    for (let i = this.members.length - 1; i >= 0; i--) if (this.members[i][0] === key) return this.members[i][1];
    return NONE;
  }

  keys(): string[] {
    return [...new Set(this.members.map(([key]) => key))];
  }
}

type Value = null | boolean | string | Num | Value[] | Obj;
const NONE = Symbol('none');
type Slot = Value | typeof NONE;

/** Exact decimal value of a number's text: sign, digits without outer zeros, power of ten. */
function numberValue(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a number: ${text}`);
  const digits = (match[2] + (match[3] ?? '')).replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  const power = BigInt(match[4] ?? 0) - BigInt((match[3] ?? '').length) + BigInt(digits.length - trimmed.length);
  return `${match[1]}${trimmed}*10^${power}`;
}

/** One string per value, equal exactly for equal values (object member order aside). */
function fingerprint(value: Slot): string {
  if (value === NONE) return '∅';
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Num) return '#' + numberValue(value.text);
  if (Array.isArray(value)) return '[' + value.map(fingerprint).join(',') + ']';
  return (
    '{' +
    value
      .keys()
      .sort()
      .map((key) => JSON.stringify(key) + ':' + fingerprint(value.get(key)))
      .join(',') +
    '}'
  );
}

const same = (a: Slot, b: Slot): boolean => fingerprint(a) === fingerprint(b);

// ---------------------------------------------------------------- reading JSONC

interface Reading {
  readonly value: Value;
  /** Every number token in the text, as written. */
  readonly numbers: Set<string>;
}

/** A strict reader of JSON with comments and trailing commas; a repeated key keeps the last. */
function readJsonc(text: string): Reading {
  let pos = 0;
  const numbers = new Set<string>();
  const fail = (what: string): never => {
    throw new Error(`${what} at ${pos}: ${JSON.stringify(text.slice(Math.max(0, pos - 20), pos + 20))}`);
  };
  const skip = (): void => {
    for (;;) {
      while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
      if (text.startsWith('//', pos)) {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length : nl;
      } else if (text.startsWith('/*', pos)) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) fail('unclosed comment');
        pos = close + 2;
      } else {
        return;
      }
    }
  };
  const string = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(pos, pos + 100000));
    if (!match) fail('bad string');
    pos += match![0].length;
    return JSON.parse(match![0]) as string;
  };
  const value = (): Value => {
    skip();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const members: Array<[string, Value]> = [];
      skip();
      while (text[pos] !== '}') {
        if (text[pos] !== '"') fail('expected a key');
        const key = string();
        skip();
        if (text[pos++] !== ':') fail('expected :');
        members.push([key, value()]);
        skip();
        if (text[pos] === ',') {
          pos++;
          skip();
        } else if (text[pos] !== '}') {
          fail('expected , or }');
        }
      }
      pos++;
      // Last copy wins, as JSON readers do.
      const last = new Map(members);
      return new Obj([...last.entries()]);
    }
    if (ch === '[') {
      pos++;
      const elements: Value[] = [];
      skip();
      while (text[pos] !== ']') {
        elements.push(value());
        skip();
        if (text[pos] === ',') {
          pos++;
          skip();
        } else if (text[pos] !== ']') {
          fail('expected , or ]');
        }
      }
      pos++;
      return elements;
    }
    if (ch === '"') return string();
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return literal;
      }
    }
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(pos, pos + 1000));
    if (!match) fail('unexpected character');
    pos += match![0].length;
    numbers.add(match![0]);
    return new Num(match![0]);
  };
  const result = value();
  skip();
  if (pos !== text.length) fail('text after the value');
  return { value: result, numbers };
}

// ---------------------------------------------------------------- writing

function plainJson(value: Value, pretty: boolean, indent = ''): string {
  const inner = indent + '  ';
  const open = pretty ? '\n' + inner : '';
  const close = pretty ? '\n' + indent : '';
  const comma = pretty ? ',\n' + inner : ',';
  if (value instanceof Num) return value.text;
  if (Array.isArray(value))
    return value.length ? '[' + open + value.map((v) => plainJson(v, pretty, inner)).join(comma) + close + ']' : '[]';
  if (value instanceof Obj) {
    if (value.members.length === 0) return '{}';
    return (
      '{' +
      open +
      value.members
        .map(([k, v]) => JSON.stringify(k) + (pretty ? ': ' : ':') + plainJson(v, pretty, inner))
        .join(comma) +
      close +
      '}'
    );
  }
  return JSON.stringify(value);
}

interface UserStyle {
  readonly unit: string;
  readonly eol: string;
  /** 0..1: how often trivia holds a comment. */
  readonly comments: number;
  /** 0..1: how often a member gets an earlier copy with another value. */
  readonly duplicates: number;
  readonly trailingCommas: boolean;
}

interface Written {
  readonly text: string;
  /** Pointers of the members written more than once. */
  readonly repeated: string[];
}

const COMMENTS = ['// note', '/* c */', '/* two\n lines */', '// a "quoted" // note', '/* } ] , */'];

/** The user's text: their layout, comments in the trivia, earlier copies of some keys. */
function userText(value: Value, style: UserStyle, next: () => number): Written {
  const repeated: string[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  // Trivia: maybe a comment; a line comment always ends its line.
  const trivia = (indent: string): string => {
    if (next() >= style.comments) return '';
    const comment = pick(COMMENTS);
    return comment.startsWith('//') ? ' ' + comment + style.eol + indent : ' ' + comment + ' ';
  };
  const write = (v: Value, indent: string, pointer: string): string => {
    const inner = indent + style.unit;
    const lead = style.unit ? style.eol + inner : '';
    if (v instanceof Num) return v.text;
    const items: string[] = [];
    if (Array.isArray(v)) {
      v.forEach((element, i) => items.push(trivia(inner) + write(element, inner, `${pointer}/${i}`)));
    } else if (v instanceof Obj) {
      for (const [key, element] of v.members) {
        const name = JSON.stringify(key);
        const colon = style.unit ? ': ' : ':';
        const memberPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (next() < style.duplicates) {
          repeated.push(memberPointer);
          items.push(trivia(inner) + name + colon + pick(['0', '"old"', 'null', '[1, 2]', '{"z": 1}']));
        }
        items.push(trivia(inner) + name + colon + write(element, inner, memberPointer));
      }
    } else {
      return JSON.stringify(v);
    }
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (items.length === 0) return open + close;
    const separator = ',' + lead;
    // Comments after a member's comma: a line comment ends its line, a block comment may
    // run over several.
    const after = [
      ' // after' + style.eol + inner,
      ' /* after */',
      ' /* two\n lines */',
      ' /* more */' + style.eol + inner,
    ];
    const body = items.map((item, i) => {
      const last = i === items.length - 1;
      const comma = !last || style.trailingCommas ? ',' : '';
      return item + comma + (next() < style.comments ? pick(after) : '') + (last ? '' : separator.slice(1));
    });
    return open + lead + body.join('') + (style.unit ? style.eol + indent : '') + close;
  };
  const text = trivia('') + write(value, '', '') + (next() < style.comments ? ' // end' + style.eol : '');
  return { text, repeated };
}

// ---------------------------------------------------------------- generators

const NUMBERS = [
  '0',
  '1',
  '2',
  '7',
  '-3',
  '1.5',
  '1.0',
  '10e-1',
  '0.1',
  '12345678901234567890',
  '12345678901234567891',
  '1.2345678901234567890e19',
  '9007199254740993',
  '9007199254740992',
  '1e400',
  '-1E400',
  '2.5e-400',
  '0.10000000000000000001',
];
const STRINGS = ['x', 'y', 'z', '', 'a//b', 'c/*d*/', 'http://e', '}', 'q'];
const KEYS = ['a', 'b', 'c', 'qty', 'sku', 'tags', 'n'];

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom(...NUMBERS).map((text) => new Num(text)),
  fc.constantFrom(...STRINGS),
  fc.boolean(),
  fc.constant(null),
);

const record: fc.Arbitrary<Obj> = fc
  .dictionary(fc.constantFrom('sku', 'qty', 'n', 'a'), scalar, { minKeys: 1, maxKeys: 3 })
  .map((fields) => new Obj(Object.entries(fields)));

const keyedList: fc.Arbitrary<Value[]> = fc
  .tuple(
    fc.uniqueArray(
      fc.oneof(
        fc.integer({ min: 1, max: 9 }).map((n) => String(n)),
        fc.constantFrom('12345678901234567891', '12345678901234567892'),
      ),
      { minLength: 1, maxLength: 5 },
    ),
    fc.array(record, { minLength: 5, maxLength: 5 }),
  )
  .map(([ids, records]) => ids.map((id, i) => new Obj([['id', new Num(id)], ...records[i].members])));

const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.uniqueArray(scalar, { maxLength: 5, selector: fingerprint }),
    fc.array(record, { maxLength: 4 }),
    keyedList,
    fc
      .dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 })
      .map((fields) => new Obj(Object.entries(fields))),
  ),
})).value;

/** A deterministic random source, so a case replays from its seeds. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * One side's edit. `fresh` values are the side's own; the shared pool lets both sides make
 * the same change now and then.
 */
function mutate(v: Value, next: () => number, fresh: () => Value, depth = 0): Value {
  const roll = next();
  const newValue = (): Value => (next() < 0.7 ? fresh() : [new Num('4'), 'shared', true][Math.floor(next() * 3)]);
  if (v instanceof Num) {
    // The same value written another way is no change at all.
    const respelt: Record<string, string> = {
      '1': '1.0',
      '12345678901234567890': '1.2345678901234567890e19',
      '1e400': '10e399',
    };
    if (roll < 0.2 && respelt[v.text]) return new Num(respelt[v.text]);
    if (roll < 0.35 && v.text === '9007199254740993') return new Num('9007199254740992');
  }
  if (Array.isArray(v)) {
    const out = v.slice();
    const edits = 1 + Math.floor(next() * 2);
    for (let e = 0; e < edits; e++) {
      const r = next();
      const at = Math.floor(next() * (out.length + 1));
      const keyed = out.length > 0 && out.every((x) => x instanceof Obj && x.get('id') !== NONE);
      if (r < 0.15 && out.length > 0) out.splice(Math.min(at, out.length - 1), 1);
      else if (r < 0.3)
        out.splice(
          at,
          0,
          keyed
            ? new Obj([
                ['id', new Num(String(20 + Math.floor(next() * 30)))],
                ['qty', fresh()],
              ])
            : newValue(),
        );
      else if (r < 0.45 && out.length > 1) {
        // Move one element.
        const [moved] = out.splice(Math.floor(next() * out.length), 1);
        out.splice(Math.floor(next() * (out.length + 1)), 0, moved);
      } else if (r < 0.5 && out.length > 1) out.reverse();
      else if (r < 0.6 && out.length > 2) out.push(...out.splice(0, 1 + Math.floor(next() * (out.length - 1))));
      else if (r < 0.85 && out.length > 0) {
        const i = Math.min(at, out.length - 1);
        out[i] = mutate(out[i], next, fresh, depth + 1);
      } else if (out.length > 0) out[Math.min(at, out.length - 1)] = newValue();
    }
    return out;
  }
  if (v instanceof Obj) {
    const members: Array<[string, Value]> = [];
    for (const [key, element] of v.members) {
      const r = next();
      if (r < 0.12 && key !== 'id') continue;
      members.push([key, r < 0.5 && key !== 'id' ? mutate(element, next, fresh, depth + 1) : element]);
    }
    if (next() < 0.25) {
      const key = KEYS[Math.floor(next() * KEYS.length)];
      if (!members.some(([k]) => k === key)) members.push([key, newValue()]);
    }
    return new Obj(members);
  }
  if (roll < 0.08 && depth > 0) return [newValue()];
  return roll < 0.5 ? v : newValue();
}

function freshValues(side: 'm' | 't', next: () => number): () => Value {
  let n = 0;
  return () => {
    n++;
    const r = next();
    if (r < 0.4) return `${side}${n}`;
    if (r < 0.7) return new Num(side === 'm' ? `1${n}345678901234567890` : `-${n}e401`);
    if (r < 0.85)
      return new Obj([
        ['sku', `${side}${n}`],
        ['qty', new Num(String(n))],
      ]);
    return new Num(String(100 * n + (side === 'm' ? 1 : 2)));
  };
}

// ---------------------------------------------------------------- the oracle

const IDENTITY_KEYS = ['id', '_id', 'key', 'name'];

/** The identity field every record of every list carries, unique within each list. */
function identityKey(lists: readonly Value[][]): string | undefined {
  if (lists.every((list) => list.length === 0)) return undefined;
  return IDENTITY_KEYS.find((key) =>
    lists.every((list) => {
      const seen = new Set<string>();
      for (const element of list) {
        if (!(element instanceof Obj)) return false;
        const id = element.get(key);
        if (id === NONE || id === null || Array.isArray(id) || id instanceof Obj) return false;
        const print = fingerprint(id);
        if (seen.has(print)) return false;
        seen.add(print);
      }
      return true;
    }),
  );
}

function byId(list: readonly Value[] | undefined, key: string): Map<string, Value> {
  return new Map((list ?? []).map((element) => [fingerprint((element as Obj).get(key)), element]));
}

function counts(list: readonly Value[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const element of list) map.set(fingerprint(element), (map.get(fingerprint(element)) ?? 0) + 1);
  return map;
}

const distinct = (list: readonly Value[]): boolean => counts(list).size === list.length;

/** Problems with a result the merge called clean; empty when it keeps every change. */
function lostChanges(base: Slot, mine: Slot, theirs: Slot, result: Slot, path = ''): string[] {
  const at = path || '(root)';
  if (same(mine, base) || same(mine, theirs))
    return same(result, theirs)
      ? []
      : [`${at}: expected the server's ${fingerprint(theirs)}, got ${fingerprint(result)}`];
  if (same(theirs, base))
    return same(result, mine) ? [] : [`${at}: expected mine ${fingerprint(mine)}, got ${fingerprint(result)}`];
  // Both changed it, differently. A base of another kind counts as none.
  if (mine instanceof Obj && theirs instanceof Obj) {
    if (!(result instanceof Obj)) return [`${at}: both changed an object, the result is ${fingerprint(result)}`];
    const b = base instanceof Obj ? base : undefined;
    const keys = new Set([...(b?.keys() ?? []), ...mine.keys(), ...theirs.keys(), ...result.keys()]);
    return [...keys].flatMap((key) =>
      lostChanges(b ? b.get(key) : NONE, mine.get(key), theirs.get(key), result.get(key), `${path}/${key}`),
    );
  }
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    if (!Array.isArray(result)) return [`${at}: both changed a list, the result is ${fingerprint(result)}`];
    const b = Array.isArray(base) ? base : undefined;
    const key = identityKey(b ? [b, mine, theirs] : [mine, theirs]);
    if (key) return keyedListLosses(key, b, mine, theirs, result, path);
    if (b) return sequenceLosses(b, mine, theirs, result, at);
  }
  return [
    `${at}: both changed it (mine ${fingerprint(mine)}, the server's ${fingerprint(theirs)}) and no conflict was reported`,
  ];
}

function keyedListLosses(
  key: string,
  base: Value[] | undefined,
  mine: Value[],
  theirs: Value[],
  result: Value[],
  path: string,
): string[] {
  const at = path || '(root)';
  if (!identityKey([result])) return result.length ? [`${at}: the records lost their ids`] : [];
  const [b, m, t, r] = [base, mine, theirs, result].map((list) => byId(list, key));
  const ids = new Set([...b.keys(), ...m.keys(), ...t.keys(), ...r.keys()]);
  const problems = [...ids].flatMap((id) =>
    lostChanges(b.get(id) ?? NONE, m.get(id) ?? NONE, t.get(id) ?? NONE, r.get(id) ?? NONE, `${path}/[${key}=${id}]`),
  );
  if (base) {
    const held = (list: readonly Value[]): string[] =>
      list.map((e) => fingerprint((e as Obj).get(key))).filter((id) => b.has(id) && m.has(id) && t.has(id));
    const [bo, mo, to, ro] = [held(base), held(mine), held(theirs), held(result)].map((order) => order.join(' '));
    const want = mo !== bo && to !== bo ? (mo === to ? mo : undefined) : mo !== bo ? mo : to;
    if (want === undefined) problems.push(`${at}: both reordered the records differently and no conflict was reported`);
    else if (ro !== want) problems.push(`${at}: records in order ${ro}, expected ${want}`);
  }
  return problems;
}

function sequenceLosses(base: Value[], mine: Value[], theirs: Value[], result: Value[], at: string): string[] {
  const problems: string[] = [];
  const [b, m, t, r] = [base, mine, theirs, result].map(counts);
  for (const v of new Set([...b.keys(), ...m.keys(), ...t.keys(), ...r.keys()])) {
    const nb = b.get(v) ?? 0;
    const dm = (m.get(v) ?? 0) - nb;
    const dt = (t.get(v) ?? 0) - nb;
    const want = nb + dm + (dm === dt ? 0 : dt);
    if ((r.get(v) ?? 0) !== want) problems.push(`${at}: ${v} occurs ${r.get(v) ?? 0} times, expected ${want}`);
  }
  if (problems.length === 0 && distinct(base) && distinct(mine) && distinct(theirs)) {
    const place = (list: readonly Value[]): Map<string, number> => new Map(list.map((e, i) => [fingerprint(e), i]));
    const [pb, pm, pt, pr] = [base, mine, theirs, result].map(place);
    const values = [...pb.keys()].filter((v) => pr.has(v));
    for (const u of values) {
      for (const v of values) {
        if (pb.get(u)! >= pb.get(v)!) continue;
        const order = (p: Map<string, number>): boolean | undefined =>
          p.has(u) && p.has(v) ? p.get(u)! < p.get(v)! : undefined;
        const [om, ot] = [order(pm), order(pt)];
        const forced = [om, ot].filter((o) => o === false);
        // u before v in the base; a side that put v first decides, else the base order stands.
        const want = forced.length > 0 ? false : true;
        if (order(pr) !== want) problems.push(`${at}: ${u} and ${v} are in the wrong order`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- the properties

const SEED = Number.parseInt(process.env.HTTP_CONFLICTS_SEED ?? '', 10) || 15_2024;
const RUNS = { numRuns: fuzzRuns(300), seed: SEED };

const userStyle: fc.Arbitrary<UserStyle> = fc.record({
  unit: fc.constantFrom('', '  ', '\t', '   '),
  eol: fc.constantFrom('\n', '\r\n'),
  comments: fc.constantFrom(0, 0.2, 0.5),
  duplicates: fc.constantFrom(0, 0.1, 0.3),
  trailingCommas: fc.boolean(),
});

interface Case {
  readonly base: Value;
  readonly mine: Value;
  readonly theirs: Value;
  readonly ours: Written;
  readonly input: { readonly base: string; readonly ours: string; readonly theirs: string };
}

const cases: fc.Arbitrary<Case> = fc
  .tuple(value, fc.integer(), fc.integer(), fc.integer(), userStyle, fc.boolean())
  .map(([base, seedMine, seedTheirs, seedText, style, pretty]) => {
    const mine = mutate(base, random(seedMine), freshValues('m', random(seedMine + 1)));
    const theirs = mutate(base, random(seedTheirs), freshValues('t', random(seedTheirs + 1)));
    const ours = userText(mine, style, random(seedText));
    return {
      base,
      mine,
      theirs,
      ours,
      input: { base: plainJson(base, pretty), ours: ours.text, theirs: plainJson(theirs, !pretty) },
    };
  });

function read(text: string, what: string): Reading {
  try {
    return readJsonc(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSONC: ${(error as Error).message}\n${text}`);
  }
}

/** Moves, insertions, removals and replacements in one list without ids. */
type ListEdit = readonly ['move' | 'insert' | 'remove' | 'replace', number, number, string];
const listEdit: fc.Arbitrary<ListEdit> = fc.tuple(
  fc.constantFrom('move', 'move', 'insert', 'remove', 'replace') as fc.Arbitrary<ListEdit[0]>,
  fc.nat(),
  fc.nat(),
  fc.constantFrom('a', 'b', 'x', 'y'),
);

function edited(list: readonly string[], edits: readonly ListEdit[]): string[] {
  const out = list.slice();
  for (const [kind, p, q, v] of edits) {
    const at = out.length ? p % out.length : 0;
    if (kind === 'insert') out.splice(p % (out.length + 1), 0, v);
    else if (out.length === 0) continue;
    else if (kind === 'remove') out.splice(at, 1);
    else if (kind === 'replace') out[at] = v;
    else out.splice(q % out.length, 0, ...out.splice(at, 1));
  }
  return out;
}

const listCases = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 2, maxLength: 6 }),
    fc.array(listEdit, { minLength: 1, maxLength: 2 }),
    fc.array(listEdit, { minLength: 1, maxLength: 2 }),
  )
  .map(([base, mine, theirs]) => ({ base, mine: edited(base, mine), theirs: edited(base, theirs) }));

describe('the merge against an independent model of "no change lost"', () => {
  it('merges moves, additions and removals in a list without ids as the model allows', () => {
    fc.assert(
      fc.property(listCases, ({ base, mine, theirs }) => {
        const input = {
          base: JSON.stringify({ list: base }),
          ours: JSON.stringify({ list: mine }, null, 2),
          theirs: JSON.stringify({ list: theirs }),
        };
        const result = mergeBodies(input);
        if (result.conflicts.length > 0) return;
        const b = readJsonc(input.base).value;
        assert.deepEqual(
          lostChanges(b, readJsonc(input.ours).value, readJsonc(input.theirs).value, readJsonc(result.merged).value),
          [],
          `\nbase:   ${input.base}\nours:   ${JSON.stringify(mine)}\ntheirs: ${input.theirs}\nmerged: ${result.merged}`,
        );
      }),
      RUNS,
    );
  });

  it("writes the user's text the way the model reads it", () => {
    fc.assert(
      fc.property(cases, (c) => {
        assert.equal(fingerprint(read(c.input.ours, "the user's text").value), fingerprint(c.mine));
      }),
      RUNS,
    );
  });

  it('keeps every change of both sides in a merge it calls clean, and adds nothing', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const result = mergeBodies(c.input);
        if (result.conflicts.length > 0) return;
        const merged = read(result.merged, 'the merged body');
        assert.deepEqual(
          lostChanges(c.base, c.mine, c.theirs, merged.value),
          [],
          `\nbase:   ${c.input.base}\nours:   ${c.input.ours}\ntheirs: ${c.input.theirs}\nmerged: ${result.merged}`,
        );
      }),
      RUNS,
    );
  });

  it('writes only numbers as some side wrote them', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const result = mergeBodies(c.input);
        const written = new Set(
          [c.input.base, c.input.ours, c.input.theirs].flatMap((text) => [...read(text, 'an input').numbers]),
        );
        for (const number of read(result.merged, 'the merged body').numbers)
          assert.ok(written.has(number), `${number} was written by nobody`);
      }),
      RUNS,
    );
  });

  it("points out every key the user's body repeats, and no other", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const result = mergeBodies(c.input);
        const reported = (result.warnings ?? [])
          .filter((w) => w.code === 'duplicate-key')
          .map((w) => w.at)
          .sort();
        assert.deepEqual(reported, [...new Set(c.ours.repeated)].sort());
        for (const warning of result.warnings ?? []) {
          const copies = warning.ranges.map((range) => c.input.ours.slice(range.start, range.end));
          assert.ok(
            copies.every((copy) => copy.startsWith(JSON.stringify(warning.path[warning.path.length - 1]))),
            copies.join(' | '),
          );
        }
      }),
      RUNS,
    );
  });

  it('leaves a valid body and no conflict once each conflict is decided', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom('ours', 'theirs') as fc.Arbitrary<'ours' | 'theirs'>, (c, kind) => {
        const first = mergeBodies(c.input);
        const resolved: MergeResult = resolveConflicts(
          c.input,
          new Map(first.conflicts.map((conflict) => [conflict.id, { kind }])),
        );
        assert.deepEqual(resolved.conflicts, []);
        read(resolved.merged, 'the decided body');
      }),
      RUNS,
    );
  });

  it('without a base, calls a merge clean only when both bodies hold the same value', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const result = mergeBodies({ ours: c.input.ours, theirs: c.input.theirs });
        if (result.conflicts.length === 0) {
          assert.equal(fingerprint(c.mine), fingerprint(c.theirs));
          assert.equal(fingerprint(read(result.merged, 'the merged body').value), fingerprint(c.theirs));
        }
      }),
      RUNS,
    );
  });
});
