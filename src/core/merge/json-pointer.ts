import type { JsonPath } from './merge-model';

/** RFC 6901 pointer: `/tags/0`, `` for the whole body. */
export function toPointer(path: JsonPath): string {
  let out = '';
  for (const segment of path) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/** How a person reads a path: `items[2].title`, `(the whole body)` for the root. */
export function pathLabel(path: JsonPath): string {
  if (path.length === 0) return '(the whole body)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += (out ? '.' : '') + segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
