// Google-style error bodies, `{"error":{"code":409,"status":"ABORTED","message":…}}` (every
// Google API's JSON mapping of google.rpc.Status, and the APIs modelled on it). ABORTED is
// "a concurrency issue such as a sequencer check failure or transaction abort" (HTTP 409):
// Cloud Resource Manager's setIamPolicy answers it to a stale policy etag with "There were
// concurrent policy changes. Please retry the whole read-modify-write with exponential backoff."
// FAILED_PRECONDITION (HTTP 400) is broader — "the system is not in a state required for the
// operation", e.g. a bucket that is not empty — so it counts only when its words speak of a
// version (etag, stale, concurrent, modified).
//
// Such a body may also arrive with 200 (a batch part, a proxy): then only a write counts.
// The version lives inside the body (`policy.etag`), where no refetch of the URL can find it,
// so this is a conflict to read again and redo. When the request did carry a version a
// dialect can rebase (If-Match, a top-level `etag`), those dialects outbid this one.
import { isSafeMethod } from '../http-methods';
import type { Dialect, Exchange, Recognition } from './conflict-model';
import { isObject, responseJson, responseText } from './exchange-body';
import { namedInBodyDialect } from './named-in-body-dialect';

const versionWords = /etag|version|stale|concurren|modified|changed since|read-modify-write/i;
const maxResponseBytes = 1024 * 1024;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 500) : undefined;
}

function mayHoldErrorKey(text: string): boolean {
  return text.includes('"error"') || text.includes('\\u');
}

function recognise(exchange: Exchange): Recognition | undefined {
  const { request, response } = exchange;
  if (isSafeMethod(request.method) || response.body.length > maxResponseBytes) return undefined;
  // Every write's answer comes here, most of them successes: no `error` key in the text (nor
  // an escape that could spell one), no need to parse it.
  if (!mayHoldErrorKey(responseText(response))) return undefined;
  const body = responseJson(response);
  if (!isObject(body) || !isObject(body.error)) return undefined;
  const status = text(body.error.status);
  if (status !== 'ABORTED' && status !== 'FAILED_PRECONDITION') return undefined;
  const message = text(body.error.message);
  if (status === 'FAILED_PRECONDITION' && !versionWords.test(message ?? '')) return undefined;
  const said = message ? ` — “${message.replace(/[.!]+$/, '')}”` : '';
  return {
    // Below every dialect that found a version in the request: when one did, a rebase can work.
    confidence: 0.55,
    kind: 'not-a-version-conflict',
    evidence: [
      `A Google-style error body with error.status = ${status}${response.status < 400 ? `, inside a ${response.status}` : ''}: ${status === 'ABORTED' ? 'a concurrent change aborted this write' : 'the write was based on a state that no longer holds'}.`,
    ],
    summary:
      `The server refused this write as a concurrent or stale change: ${status}${said}. ` +
      'No version a rebase could use is in the request, so nothing was merged or resent.',
    retry: {
      case: 'stale-write',
      code: status,
      source: 'error.status',
      ...(message ? { message } : {}),
      advice:
        status === 'ABORTED'
          ? 'Redo the whole read-modify-write: read the resource again (with its etag), apply your change to what it returns, and send that — after a short pause, longer each time if it keeps happening.'
          : 'Read the resource again and check its state first: the write was based on one that no longer holds. Sending it unchanged will fail the same way.',
    },
  };
}

export const googleStatusDialect: Dialect = namedInBodyDialect(
  'google-status',
  'Google API error status (ABORTED, FAILED_PRECONDITION)',
  recognise,
);
