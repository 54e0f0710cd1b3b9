// A version token from a server is data that gets written into a request line, a header, a
// query, a JSON body and — in the editor — into the user's .http file. One with a line break
// could plant a whole new request in that file (`POST http://evil…` with a $processEnv
// secret); one with escape sequences rewrites a terminal. No real version token holds a
// control character, so such a token is refused wherever tokens are produced, with the
// reason, and is neither written nor sent.
import { hasActionableCharacter, inertLine } from '../inert-text';
import type { TokenUpdate } from './conflict-model';
import { describeLocation } from './token-placement';

export interface RefusedToken {
  readonly update: TokenUpdate;
  /** Plain words for the user; the token appears with its control characters made visible. */
  readonly problem: string;
}

/** Why this token value must never be written or sent, or undefined when it is plain text. */
export function tokenValueProblem(value: string | number): string | undefined {
  const text = String(value);
  if (!hasActionableCharacter(text)) return undefined;
  return `the server's version token ${inertLine(JSON.stringify(text))} contains control characters (a line break, an escape sequence or a bidi control), which could rewrite the request or the .http file; it is neither written nor sent`;
}

/** Splits token updates into those safe to write and send, and the refused ones with reasons. */
export function checkTokenUpdates(updates: readonly TokenUpdate[]): {
  readonly safe: TokenUpdate[];
  readonly refused: RefusedToken[];
} {
  const safe: TokenUpdate[] = [];
  const refused: RefusedToken[] = [];
  for (const update of updates) {
    const problem = update.remove ? undefined : tokenValueProblem(update.value);
    if (problem) refused.push({ update, problem: `${describeLocation(update.location)}: ${problem}` });
    else safe.push(update);
  }
  return { safe, refused };
}
