// Keys an object in the user's body repeats. JSON readers keep the last copy, so that is
// the one the merge writes into; the others are pointed out, since what the user sees
// first is not what is sent. Finding them costs a walk over every member, so it runs only
// when the text has more colons (json-text-scan.ts) than the parsed value kept members.
import type { SourceNode } from './json-source-tree';

/** A key the user's object holds more than once; JSON readers keep the last copy. */
export interface DuplicateKey {
  readonly path: ReadonlyArray<string | number>;
  /** Each copy, key to end of value, in text order: the last is the one that counts. */
  readonly ranges: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/** Every repeated key, walking only the copies that count (a repeated key's last). */
export function findDuplicateKeys(root: SourceNode): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Array<{ readonly node: SourceNode; readonly path: ReadonlyArray<string | number> }> = [
    { node: root, path: [] },
  ];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const members = node.members;
    if (node.kind === 'array') {
      members.forEach((m, i) => {
        if (m.node.kind !== 'scalar') stack.push({ node: m.node, path: [...path, i] });
      });
      continue;
    }
    const copies = new Map<string, number[]>();
    members.forEach((m, i) => {
      const list = copies.get(m.key!);
      if (list) list.push(i);
      else copies.set(m.key!, [i]);
    });
    for (const [key, indexes] of copies) {
      const last = members[indexes[indexes.length - 1]];
      if (indexes.length > 1) {
        found.push({
          path: [...path, key],
          ranges: indexes.map((i) => ({ start: members[i].start, end: members[i].end })),
        });
      }
      if (last.node.kind !== 'scalar') stack.push({ node: last.node, path: [...path, key] });
    }
  }
  return found.sort((a, b) => a.ranges[0].start - b.ranges[0].start);
}
