// What scripts and assertions see and what they report. Plain data: the runner takes the
// response as text and headers, and hands back tests, log lines and the variables it set.
import type { HeaderList } from '../http-headers';

/** The response a handler or an assertion reads. */
export interface ScriptResponse {
  readonly status: number;
  readonly headers: HeaderList;
  /** The decoded body text. */
  readonly bodyText: string;
  /** Time to the complete response, in milliseconds (httpYac's `duration`). */
  readonly durationMs: number;
}

/** One test result: a `client.test`, an `??` assertion, or a script that failed on its own. */
export interface ScriptTest {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed, in the script's own words where it gave any. */
  readonly message?: string;
  /** 1-based line in the .http (or script) file where it failed or was declared. */
  readonly line?: number;
  /** The file that line is in, when it is a `> ./handler.js` file rather than the .http file. */
  readonly file?: string;
}

/** Variables scripts read and write during one run of a file. */
export interface ScriptState {
  /** `client.global`: kept across the requests of a run; resolves `{{name}}` in later requests. */
  readonly globals: Map<string, string>;
  /** `request.variables`: set by a pre-request script, for this request only. */
  readonly requestVariables: Map<string, string>;
  /** `request.environment.get(name)`: the selected environment. */
  readonly environment: Readonly<Record<string, string>>;
}

export interface ScriptOutcome {
  readonly tests: readonly ScriptTest[];
  readonly logs: readonly string[];
}

/** One second: enough for any handler that parses a response, short enough to notice a loop. */
export const defaultScriptTimeoutMs = 1000;
