// Finds `{{ expr }}` placeholders. A placeholder never spans lines and never contains
// another `{{`: in both cases the earlier `{{` is plain text, which keeps stray braces in
// bodies (templates, minified JSON) from swallowing the rest of the request.
import type { VariableReference } from './variable-model';

export function findVariableReferences(text: string): VariableReference[] {
  const references: VariableReference[] = [];
  let from = 0;
  while (from < text.length) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = findClose(text, open + 2);
    if (close.kind === 'none') break;
    if (close.kind === 'restart') {
      from = close.at;
      continue;
    }
    references.push({ expression: text.slice(open + 2, close.at).trim(), start: open, end: close.at + 2 });
    from = close.at + 2;
  }
  return references;
}

type CloseSearch = { kind: 'found'; at: number } | { kind: 'restart'; at: number } | { kind: 'none' };

function findClose(text: string, from: number): CloseSearch {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return { kind: 'restart', at: i + 1 };
    if (ch === '{' && text[i + 1] === '{') return { kind: 'restart', at: i };
    if (ch === '}' && text[i + 1] === '}') return { kind: 'found', at: i };
  }
  return { kind: 'none' };
}
