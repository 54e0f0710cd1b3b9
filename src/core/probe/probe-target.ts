// Which request the lost-update probe may run on: the same decision for the CLI's `probe`, the
// probe itself, and the editor's "Test Lost-Update Protection…" command — a write by its
// method (MERGE included) or by the user's `# @write` mark. The editor once checked the method
// alone, so a `# @write` REPORT or PROPPATCH could be probed from the CLI but not from the editor.
import type { ParsedRequest } from '../http-file/http-file-model';
import { isProbable } from './lost-update-probe';

/** Why the probe cannot run on this request, in words for a notification; undefined when it can. */
export function probeTargetRefusal(request: ParsedRequest | undefined): string | undefined {
  if (request && isProbable(request)) return undefined;
  const what = request ? `${request.method} is not a write` : 'There is no request here';
  return `${what}: put the cursor on a write (PUT, PATCH, DELETE, POST or MERGE — or any request marked \`# @write\` above it) to test whether the API prevents lost updates.`;
}
