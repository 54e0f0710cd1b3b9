// Evaluates one httpYac expression (`?? js response.parsedBody.id == 42`) in a fresh vm
// context, under the same time limit and with no Node API, like the JetBrains sandbox (and
// with the same caveat: a guard against accidents, not a security boundary). The value comes
// back as JSON, so nothing of the context's realm leaks into the caller.
import { createContext, runInContext } from 'node:vm';
import { defaultScriptTimeoutMs } from './script-model';

export type ExpressionResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** `scope` is plain data (JSON-serialisable): each key becomes a global of the expression. */
export function evaluateExpression(
  expression: string,
  scope: Readonly<Record<string, unknown>>,
  timeoutMs = defaultScriptTimeoutMs,
): ExpressionResult {
  const context = createContext(Object.create(null) as object, {
    microtaskMode: 'afterEvaluate',
    codeGeneration: { strings: false, wasm: false },
  });
  const source = `(() => {
    const scope = JSON.parse(${JSON.stringify(JSON.stringify(scope))});
    for (const key of Object.keys(scope)) globalThis[key] = scope[key];
    try {
      const value = (${expression}
);
      return value === undefined ? '{"undefined":true}' : JSON.stringify({ value });
    } catch (e) {
      return JSON.stringify({ error: e && typeof e.message === 'string' ? e.message : String(e) });
    }
  })()`;
  try {
    const out = JSON.parse(runInContext(source, context, { timeout: timeoutMs }) as string) as {
      value?: unknown;
      undefined?: true;
      error?: string;
    };
    if (out.error !== undefined) return { ok: false, message: out.error };
    return { ok: true, value: out.undefined ? undefined : out.value };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message:
        code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? `did not finish within ${timeoutMs} ms` : (error as Error).message,
    };
  }
}
