// A dialect for conflicts a server names in the body's words (a GraphQL error code, a Google
// `error.status`) rather than with a version token: nothing to move in the request, and the
// way out is to read the resource again — so the refetch is the write's URL read with GET.
import type { Dialect, Exchange, Recognition } from './conflict-model';
import { refetchRequest } from './refetch-request';

export function namedInBodyDialect(
  id: string,
  label: string,
  recognise: (exchange: Exchange) => Recognition | undefined,
): Dialect {
  return {
    id,
    label,
    inSuccessBodies: true,
    recognise,
    staleTokens: () => [],
    currentTokens: () => [],
    readTokens: () => [],
    planRefetch: (exchange) => refetchRequest(exchange.request),
    applyToken: () => [],
    versionPaths: () => [],
  };
}
