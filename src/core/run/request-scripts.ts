// Runs the scripts of one request at the two moments they belong to: pre-request scripts
// before the request is prepared (they may set `request.variables`), response handlers and
// `??` assertions once the response is in. A failing script is a failed test, never a throw.
import type { ParsedRequest, RequestScript } from '../http-file/http-file-model';
import { evaluateAssertion } from '../script/httpyac-assertions';
import type { JetBrainsScript } from '../script/jetbrains-sandbox';
import { runJetBrainsScript } from '../script/jetbrains-sandbox';
import type { ScriptOutcome, ScriptResponse, ScriptState, ScriptTest } from '../script/script-model';
import type { FileAccess } from './include-files';

export interface ScriptOptions {
  /** Per script (and per `??` expression); the runner's default when omitted. */
  readonly timeoutMs?: number;
}

async function loadScript(script: RequestScript, files: FileAccess): Promise<JetBrainsScript | ScriptTest> {
  const label = script.phase === 'pre-request' ? 'pre-request script' : 'response handler';
  const line = script.range.start.line + 1;
  if (script.code !== undefined) {
    return {
      phase: script.phase,
      code: script.code,
      fileName: `${label} at line ${line}`,
      startLine: script.codeStart.line,
    };
  }
  const path = script.path ?? '';
  const check = files.resolveInclude(path);
  if (!check.ok) return { name: `${label} ${path}`, passed: false, message: check.message, line };
  try {
    const code = await files.readText(check.path);
    return { phase: script.phase, code, fileName: path, startLine: 0, reportFile: path };
  } catch (error) {
    return {
      name: `${label} ${path}`,
      passed: false,
      message: `could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      line,
    };
  }
}

export async function runRequestScripts(
  request: ParsedRequest,
  phase: RequestScript['phase'],
  state: ScriptState,
  files: FileAccess,
  options: ScriptOptions,
  response?: ScriptResponse,
): Promise<ScriptOutcome> {
  const tests: ScriptTest[] = [];
  const logs: string[] = [];
  for (const script of request.scripts ?? []) {
    if (script.phase !== phase) continue;
    const loaded = await loadScript(script, files);
    if (!('code' in loaded)) {
      tests.push(loaded);
      continue;
    }
    const outcome = await runJetBrainsScript({ script: loaded, state, response, timeoutMs: options.timeoutMs });
    tests.push(...outcome.tests);
    logs.push(...outcome.logs);
  }
  return { tests, logs };
}

export function runAssertions(
  request: ParsedRequest,
  response: ScriptResponse,
  state: ScriptState,
  resolve: (text: string) => string,
  options: ScriptOptions,
): ScriptTest[] {
  const variables = {
    ...state.environment,
    ...Object.fromEntries(state.globals),
    ...Object.fromEntries(state.requestVariables),
  };
  return (request.assertions ?? []).map((assertion) =>
    evaluateAssertion({
      text: assertion.text,
      line: assertion.range.start.line + 1,
      response,
      resolve,
      variables,
      timeoutMs: options.timeoutMs,
    }),
  );
}
