// The named requests a write depends on: every `{{name.response…}}` / `{{name.request…}}` it
// uses, directly or through file variables (`@etag = {{doc.response.headers.ETag}}`), and
// what those requests depend on in turn — in file order, so they can be sent as written.
import type { ParsedHttpFile, ParsedRequest } from '../http-file/http-file-model';
import { findVariableReferences } from '../variables/find-variable-references';
import { isRequestVariableExpression } from '../variables/request-variables';

function writtenTexts(request: ParsedRequest): string[] {
  const texts = [request.url, ...request.headers.map((h) => h.value)];
  for (const part of request.body?.parts ?? []) if (part.kind === 'text') texts.push(part.text);
  return texts;
}

/** Request names referenced by these texts, following file variables (each once). */
function referencedNames(texts: readonly string[], file: ParsedHttpFile): Set<string> {
  const variables = new Map(file.fileVariables.map((v) => [v.name, v.value]));
  const names = new Set<string>();
  const seenVariables = new Set<string>();
  const pending = [...texts];
  while (pending.length) {
    const text = pending.pop() as string;
    for (const { expression } of findVariableReferences(text)) {
      if (isRequestVariableExpression(expression)) names.add(expression.split('.')[0]);
      else if (variables.has(expression) && !seenVariables.has(expression)) {
        seenVariables.add(expression);
        pending.push(variables.get(expression) as string);
      }
    }
  }
  return names;
}

export function writeDependencies(file: ParsedHttpFile, write: ParsedRequest): ParsedRequest[] {
  const byName = new Map<string, ParsedRequest>();
  for (const r of file.requests) if (r.metadata.name && !byName.has(r.metadata.name)) byName.set(r.metadata.name, r);
  const needed = new Set<ParsedRequest>();
  const pending = [write];
  while (pending.length) {
    const request = pending.pop() as ParsedRequest;
    for (const name of referencedNames(writtenTexts(request), file)) {
      const dependency = byName.get(name);
      if (dependency && dependency !== write && !needed.has(dependency)) {
        needed.add(dependency);
        pending.push(dependency);
      }
    }
  }
  return file.requests.filter((r) => needed.has(r));
}
