// A version token in a JSON Patch body lives in an operation, not in a field: Kubernetes
// clients guard a patch with `{"op":"test","path":"/metadata/resourceVersion","value":"…"}`
// (or a replace of it). The fresh token goes into the value of the operations naming that
// path; a body without such an operation has no place for it. The body is read as written,
// `{{placeholders}}` and all: it is located masked (json-text-edit.ts), so a bare placeholder
// (`"value": {{rv}}`) is one value, and an edit replaces all of it.
import { applyEdits, modify, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { JsonPath } from '../merge/merge-model';
import { toPointer } from '../merge/json-pointer';
import { locatable } from './json-text-edit';

const CARRIERS = new Set(['test', 'replace', 'add']);

function stringMember(node: Node, key: string): string | undefined {
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key && value?.type === 'string') return value.value as string;
  }
  return undefined;
}

/** Undefined when the text is not a list of operations; else the operations carrying `path`. */
export function operationsNaming(text: string, path: JsonPath): number[] | undefined {
  const root = parseTree(locatable(text));
  if (root?.type !== 'array' || !root.children?.length) return undefined;
  if (!root.children.every((op) => op.type === 'object' && stringMember(op, 'op') !== undefined)) return undefined;
  const pointer = toPointer(path);
  const out: number[] = [];
  root.children.forEach((op, i) => {
    if (CARRIERS.has(stringMember(op, 'op') ?? '') && stringMember(op, 'path') === pointer) out.push(i);
  });
  return out;
}

/** The text with the token written into each operation naming `path`; undefined when it is no operation list. */
export function setTokenInOperations(text: string, path: JsonPath, value: unknown): string | undefined {
  const carriers = operationsNaming(text, path);
  if (!carriers) return undefined;
  let out = text;
  // Each edit is located in the masked text, whose offsets are the text's own.
  for (const i of carriers)
    out = applyEdits(
      out,
      modify(locatable(out), [i, 'value'], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
    );
  return out;
}
