// What a write's body is to the resource, which decides how it rebases: a whole document, a
// JSON Merge Patch (RFC 7396) or a JSON Patch (RFC 6902). The media type says so when it is
// one of the patch types; otherwise a PATCH (or Azure Table's MERGE, or a POST tunnelling
// either) with a JSON object body is a partial update — a merge patch in all but name — and
// one with an array of operations is a JSON Patch.
import type { WriteBodyKind } from '../merge/merge-model';
import { parseSourceTree } from '../merge/json-source-tree';
import type { OutgoingRequest } from '../send/send-model';
import { headerValue } from '../send/send-model';

function mediaType(request: OutgoingRequest): string | undefined {
  const value = headerValue(request.headers, 'content-type');
  return value?.split(';')[0].trim().toLowerCase() || undefined;
}

function effectiveMethod(request: OutgoingRequest): string {
  const tunnelled =
    headerValue(request.headers, 'x-http-method') ?? headerValue(request.headers, 'x-http-method-override');
  return (request.method.toUpperCase() === 'POST' && tunnelled ? tunnelled : request.method).trim().toUpperCase();
}

function isOperationList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (op) =>
        typeof op === 'object' &&
        op !== null &&
        typeof (op as Record<string, unknown>).op === 'string' &&
        typeof (op as Record<string, unknown>).path === 'string',
    )
  );
}

export function writeBodyKind(
  request: OutgoingRequest,
  bodyText: string | undefined,
  resolvePlaceholders?: (text: string) => string,
): WriteBodyKind {
  const media = mediaType(request);
  if (media === 'application/json-patch+json') return 'json-patch';
  // Kubernetes' strategic merge patch merges some lists by key; read as a merge patch,
  // whose lists are replaced whole, it conflicts more often, never less.
  if (media === 'application/merge-patch+json' || media === 'application/strategic-merge-patch+json')
    return 'merge-patch';
  const method = effectiveMethod(request);
  if (method !== 'PATCH' && method !== 'MERGE') return 'document';
  if (media !== undefined && media !== 'application/json' && media !== 'text/json' && !media.endsWith('+json'))
    return 'document';
  const tree = bodyText === undefined ? undefined : parseSourceTree(bodyText, { resolvePlaceholders });
  if (tree?.kind === 'object') return 'merge-patch';
  if (tree?.kind === 'array' && isOperationList(tree.value)) return 'json-patch';
  return 'document';
}
