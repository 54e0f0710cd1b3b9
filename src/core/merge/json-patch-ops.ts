// The operations of a JSON Patch (RFC 6902) as the user wrote them: what each one does, and
// where in the user's text its `path`, `from` and `value` are, so a rebase can rewrite just
// those. An operation that is not valid RFC 6902 is kept with the reason, never guessed at.
import type { SourceNode } from './json-source-tree';
import { hasOwn, isObject } from './json-values';
import { parsePointer } from './json-pointer-syntax';
import { shortJson } from './patch-words';

export type OpName = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

const OP_NAMES = new Set<string>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

interface OpBase {
  readonly index: number;
  /** The operation object in the user's text. */
  readonly node: SourceNode;
}

export interface ValidOp extends OpBase {
  readonly valid: true;
  readonly op: OpName;
  readonly path: readonly string[];
  readonly pathText: string;
  readonly pathNode: SourceNode;
  readonly from?: readonly string[];
  readonly fromText?: string;
  readonly fromNode?: SourceNode;
  /** add, replace and test carry a value. */
  readonly value?: unknown;
  readonly valueNode?: SourceNode;
}

export interface InvalidOp extends OpBase {
  readonly valid: false;
  readonly problem: string;
}

export type PatchOp = ValidOp | InvalidOp;

/** The last member with this key: JSON keeps the last of repeated keys. */
function memberNode(node: SourceNode, key: string): SourceNode | undefined {
  let found: SourceNode | undefined;
  for (const m of node.members) if (m.key === key) found = m.node;
  return found;
}

function readOp(node: SourceNode, index: number): PatchOp {
  const value = node.value;
  const invalid = (problem: string): InvalidOp => ({ valid: false, index, node, problem });
  if (node.kind !== 'object' || !isObject(value)) return invalid('an operation must be a JSON object');
  if (typeof value.op !== 'string' || !OP_NAMES.has(value.op))
    return invalid(`"op" must be one of add, remove, replace, move, copy, test`);
  const op = value.op as OpName;
  if (typeof value.path !== 'string') return invalid('"path" must be a JSON Pointer string');
  const path = parsePointer(value.path);
  if (!path) return invalid(`"path" ${JSON.stringify(value.path)} is not a JSON Pointer`);
  let from: string[] | undefined;
  if (op === 'move' || op === 'copy') {
    if (typeof value.from !== 'string') return invalid(`"${op}" needs a "from" pointer`);
    from = parsePointer(value.from);
    if (!from) return invalid(`"from" ${JSON.stringify(value.from)} is not a JSON Pointer`);
    if (op === 'move' && from.length < path.length && from.every((s, i) => s === path[i]))
      return invalid('a value cannot be moved into itself');
  }
  const needsValue = op === 'add' || op === 'replace' || op === 'test';
  if (needsValue && !hasOwn(value, 'value')) return invalid(`"${op}" needs a "value"`);
  return {
    valid: true,
    index,
    node,
    op,
    path,
    pathText: value.path,
    pathNode: memberNode(node, 'path')!,
    ...(from ? { from, fromText: value.from as string, fromNode: memberNode(node, 'from') } : {}),
    ...(needsValue ? { value: value.value, valueNode: memberNode(node, 'value') } : {}),
  };
}

export function readOps(root: SourceNode): PatchOp[] {
  return root.members.map((m, i) => readOp(m.node, i));
}

/** The operation in words: `you replace /title with "X"`. */
export function opWords(op: ValidOp): string {
  switch (op.op) {
    case 'add':
      return `you add ${shortJson(op.value)} at ${op.pathText}`;
    case 'replace':
      return `you replace ${op.pathText} with ${shortJson(op.value)}`;
    case 'remove':
      return `you remove ${op.pathText}`;
    case 'move':
      return `you move ${op.fromText} to ${op.pathText}`;
    case 'copy':
      return `you copy ${op.fromText} to ${op.pathText}`;
    case 'test':
      return `your test of ${op.pathText} expects ${shortJson(op.value)}`;
  }
}
