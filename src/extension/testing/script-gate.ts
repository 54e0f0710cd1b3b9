// Which requests have tests, and whether their scripts may run: the decisions the Testing view,
// a normal send and the panel share. Free of the `vscode` import so plain tests can check them.
import type { ParsedHttpFile, ParsedRequest } from '../../core/http-file/http-file-model';
import type { ScriptOptions } from '../../core/run/request-scripts';
import { redactText } from '../../core/redact';
import type { ScriptTest } from '../../core/script/script-model';
import type { TestsView } from '../../protocol';

/**
 * A request has tests when it has `??` assertions or a response handler that calls
 * `client.test` / `client.assert`. A handler in a file (`> ./check.js`) counts too: what it
 * holds is only known once it is read.
 */
export function requestHasTests(request: ParsedRequest): boolean {
  if ((request.assertions ?? []).length > 0) return true;
  return (request.scripts ?? []).some(
    (s) => s.phase === 'response' && (s.code === undefined || /\bclient\s*\.\s*(test|assert)\s*\(/.test(s.code)),
  );
}

export function fileHasTests(file: ParsedHttpFile): boolean {
  return file.requests.some(requestHasTests);
}

export function requestHasScripts(request: ParsedRequest): boolean {
  return (request.scripts ?? []).length > 0 || (request.assertions ?? []).length > 0;
}

export const restrictedModeReason =
  'Restricted Mode: scripts, response handlers and ?? assertions do not run until you trust this workspace.';

export type ScriptGate =
  { readonly run: true; readonly options: ScriptOptions } | { readonly run: false; readonly reason: string };

/**
 * The vm context scripts run in guards against accidents, not against hostile code: scripts
 * run only in a trusted workspace (the CLI's equivalent is leaving out --no-scripts).
 */
export function scriptGate(trusted: boolean): ScriptGate {
  return trusted ? { run: true, options: {} } : { run: false, reason: restrictedModeReason };
}

/** Says "scripts did not run" once per session, the first time it matters. */
export class OnceNotice {
  private shown = false;

  /** True exactly once: the first time a request with scripts meets a closed gate. */
  shouldShow(gate: ScriptGate, request: ParsedRequest): boolean {
    if (gate.run || this.shown || !requestHasScripts(request)) return false;
    this.shown = true;
    return true;
  }
}

/** The panel's Tests view of a response: messages and names redacted like the rest of it. */
export function testsView(
  tests: readonly ScriptTest[] | undefined,
  secrets: readonly string[],
  notRun?: string,
): TestsView | undefined {
  if (!tests?.length && !notRun) return undefined;
  return {
    results: (tests ?? []).map((t) => ({
      name: redactText(t.name, secrets),
      passed: t.passed,
      ...(t.message !== undefined ? { message: redactText(t.message, secrets) } : {}),
      ...(t.line !== undefined ? { line: t.line } : {}),
      ...(t.file !== undefined ? { file: t.file } : {}),
    })),
    ...(notRun ? { notRun } : {}),
  };
}
