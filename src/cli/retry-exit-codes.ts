// Conflicts to retry or explain, never to merge, each with its own exit code, so a script can
// tell "send it again unchanged" from "the key was reused" from "it already exists" without
// parsing the text. Documented in the README's command-line section and in `--help`.
import type { RetryCase } from '../core/conflict/conflict-model';

export const retryExitCodes: Readonly<Record<RetryCase, number>> = {
  'in-flight': 4,
  'key-reused': 5,
  'already-exists': 6,
  'own-write': 7,
  'stale-write': 8,
};

/** The last line of a run that ended on such a case: what the exit code means. */
export const retryExitMeanings: Readonly<Record<RetryCase, string>> = {
  'in-flight': 'the same request is still being processed on the server: send it again unchanged after a pause',
  'key-reused': 'an Idempotency-Key was reused with a different body: nothing was applied',
  'already-exists':
    'a create-only write (If-None-Match: *) met a resource that already exists: nothing was overwritten',
  'own-write': 'your write had already landed (an earlier attempt got through): nothing was resent',
  'stale-write': 'a stale or concurrent write, named by the server in its own words: read again and redo the change',
};
