// Runs JetBrains HTTP Client scripts (`> {% … %}` handlers, `< {% … %}` pre-request scripts)
// with the API real files use: client.global, client.test/assert/log/exit, response.body/
// headers/status/contentType, request.variables, request.environment.
//
// node:vm is NOT a security boundary: code that sets out to escape a vm context can. This
// guards against accidents — a script that loops, throws, or reaches for `require` fails as a
// test instead of hanging or crashing the run — and scripts run only where the user trusts the
// files (the CLI unless --no-scripts; the editor only in trusted workspaces). Within that:
// - the context is fresh and holds no Node API: no require, process, Buffer, timers, fetch;
// - the API objects are built inside the context from plain strings, and the one host
//   function they call is captured in a closure, never put on a global, so script code only
//   ever touches objects of its own realm;
// - the script and every promise job it queues run under the vm timeout (microtasks are
//   drained inside the evaluation), so `while (true) {}` in a `.then` is stopped too.
import { runInContext, Script, createContext } from 'node:vm';
import type { Context } from 'node:vm';
import type { ScriptOutcome, ScriptResponse, ScriptState, ScriptTest } from './script-model';
import { defaultScriptTimeoutMs } from './script-model';

export interface JetBrainsScript {
  readonly phase: 'pre-request' | 'response';
  readonly code: string;
  /** Shown in failures and used to find the failing line in a stack trace. */
  readonly fileName: string;
  /** 0-based line and character where `code` starts in that file. */
  readonly startLine: number;
  /** A file path to report with failures (`> ./handler.js`); omitted for inline code. */
  readonly reportFile?: string;
}

export interface JetBrainsRunInput {
  readonly script: JetBrainsScript;
  readonly state: ScriptState;
  readonly response?: ScriptResponse;
  readonly timeoutMs?: number;
}

// The API, built inside the context. `host` is the only way out and stays in this closure.
const bootstrapSource = `(function (host, data) {
  'use strict';
  const exitSignal = {};
  const text = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const show = (v) => { try { return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v); } catch (e) { return String(v); } };
  const describe = (e) => {
    if (e && typeof e === 'object' && typeof e.message === 'string') return [e.message, typeof e.stack === 'string' ? e.stack : ''];
    return [show(e), ''];
  };
  const client = Object.freeze({
    global: Object.freeze({
      set(name, value) { host('global.set', String(name), text(value)); },
      get(name) { return host('global.get', String(name)); },
      isEmpty() { return host('global.isEmpty'); },
      clear(name) { host('global.clear', String(name)); },
      clearAll() { host('global.clearAll'); },
    }),
    test(name, fn) {
      const label = String(name);
      try {
        const result = typeof fn === 'function' ? fn() : undefined;
        if (result && typeof result.then === 'function') {
          host('test.pending', label);
          result.then(() => host('test', label, true), (e) => host('test', label, false, ...describe(e)));
        } else {
          host('test', label, true);
        }
      } catch (e) {
        if (e === exitSignal) throw e;
        host('test', label, false, ...describe(e));
      }
    },
    assert(condition, message) {
      if (condition) return;
      const error = new Error(message === undefined ? 'Assertion failed' : String(message));
      error.name = 'AssertionError';
      throw error;
    },
    log(...values) { host('log', values.map(show).join(' ')); },
    exit() { throw exitSignal; },
  });
  const headerList = data.response ? data.response.headers : [];
  const valuesOf = (name) => headerList.filter((h) => h[0].toLowerCase() === String(name).toLowerCase()).map((h) => h[1]);
  let body;
  if (data.response) {
    body = data.response.bodyText;
    if (/json/i.test(data.response.mimeType)) { try { body = JSON.parse(body); } catch (e) { /* not JSON after all: the text */ } }
  }
  const response = data.response ? Object.freeze({
    status: data.response.status,
    body,
    contentType: Object.freeze({ mimeType: data.response.mimeType, charset: data.response.charset }),
    headers: Object.freeze({
      valueOf(name) { const all = valuesOf(name); return all.length ? all[0] : null; },
      valuesOf,
    }),
  }) : undefined;
  const request = Object.freeze({
    variables: Object.freeze({
      set(name, value) { host('var.set', String(name), text(value)); },
      get(name) { return host('var.get', String(name)); },
    }),
    environment: Object.freeze({ get(name) { return host('env.get', String(name)); } }),
  });
  globalThis.client = client;
  if (response) globalThis.response = response;
  globalThis.request = request;
  globalThis.console = Object.freeze({ log: client.log, info: client.log, warn: client.log, error: client.log });
  globalThis.__scriptFailed = (e) => { if (e !== exitSignal) host('error', ...describe(e)); };
})`;

const registryKey = Symbol.for('http-conflict-resolver.script-rejections');

/**
 * Script promises that were rejected with no handler, per context (keyed by the context's
 * `Promise.prototype`). A promise rejected with no handler inside a script context reaches
 * Node's process-wide `unhandledRejection`, where it would end the CLI; it is recorded against
 * its script instead. One registry and one listener per process, however many copies of this
 * module are loaded (the extension's lazy bundles, each unit-test bundle): a second listener
 * with its own map would treat the first one's script promises as strangers and rethrow them.
 */
function scriptRejections(): WeakMap<object, string[]> {
  const slot = globalThis as { [registryKey]?: WeakMap<object, string[]> };
  const existing = slot[registryKey];
  if (existing) return existing;
  const registry = new WeakMap<object, string[]>();
  slot[registryKey] = registry;
  process.on('unhandledRejection', (reason, promise) => {
    const list = registry.get(Object.getPrototypeOf(promise) as object);
    if (list) {
      list.push(
        reason !== null && typeof reason === 'object' && typeof (reason as Error).message === 'string'
          ? (reason as Error).message
          : String(reason),
      );
      return;
    }
    // Anyone else's rejection: where we are the only listener (the CLI), listening took away
    // Node's default of ending the process, so it is rethrown as Node would; where the host has
    // its own listener (the editor's extension host, a test runner), it is left to that one.
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
  return registry;
}

function mimeParts(headers: ScriptResponse['headers']): { mimeType: string; charset: string } {
  const value = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const [mime, ...params] = value.split(';');
  const charset =
    params
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith('charset='))
      ?.slice(8)
      .replace(/^"|"$/g, '') ?? 'UTF-8';
  return { mimeType: mime.trim(), charset };
}

/** The line of the script's own file in a stack trace, 1-based. */
function lineIn(stack: string, fileName: string): number | undefined {
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(`${fileName}:`);
    if (at < 0) continue;
    const match = /^:(\d+):\d+/.exec(frame.slice(at + fileName.length));
    if (match) return Number(match[1]);
  }
  return undefined;
}

export async function runJetBrainsScript(input: JetBrainsRunInput): Promise<ScriptOutcome> {
  const { script, state } = input;
  const timeoutMs = input.timeoutMs ?? defaultScriptTimeoutMs;
  const tests: ScriptTest[] = [];
  const logs: string[] = [];
  const pending = new Set<string>();
  const where = (stack: string) => ({
    line: lineIn(stack, script.fileName) ?? script.startLine + 1,
    ...(script.reportFile ? { file: script.reportFile } : {}),
  });
  const host = (op: string, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown => {
    const name = String(a);
    switch (op) {
      case 'global.set':
        state.globals.set(name, String(b));
        return undefined;
      case 'global.get':
        return state.globals.get(name) ?? null;
      case 'global.isEmpty':
        return state.globals.size === 0;
      case 'global.clear':
        state.globals.delete(name);
        return undefined;
      case 'global.clearAll':
        state.globals.clear();
        return undefined;
      case 'var.set':
        state.requestVariables.set(name, String(b));
        return undefined;
      case 'var.get':
        return state.requestVariables.get(name) ?? state.globals.get(name) ?? null;
      case 'env.get':
        return Object.hasOwn(state.environment, name) ? state.environment[name] : null;
      case 'log':
        logs.push(name);
        return undefined;
      case 'test.pending':
        pending.add(name);
        return undefined;
      case 'test':
        pending.delete(name);
        tests.push(
          b === true ? { name, passed: true } : { name, passed: false, message: String(c), ...where(String(d ?? '')) },
        );
        return undefined;
      case 'error':
        tests.push({
          name: `${script.phase === 'pre-request' ? 'pre-request script' : 'response handler'} failed`,
          passed: false,
          message: name,
          ...where(String(b ?? '')),
        });
        return undefined;
      default:
        return undefined;
    }
  };

  const context: Context = createContext(Object.create(null) as object, {
    name: script.fileName,
    microtaskMode: 'afterEvaluate',
    codeGeneration: { strings: false, wasm: false },
  });
  const data = input.response
    ? {
        response: {
          status: input.response.status,
          headers: input.response.headers.map(([n, v]) => [n, v]),
          bodyText: input.response.bodyText,
          ...mimeParts(input.response.headers),
        },
      }
    : {};
  const setup = runInContext(bootstrapSource, context, { timeout: timeoutMs }) as (h: typeof host, d: unknown) => void;
  // Plain data crosses as JSON text and is parsed inside, so the script sees its own realm's objects.
  (runInContext('(s, h, t) => s(h, JSON.parse(t))', context) as (s: unknown, h: unknown, t: string) => void)(
    setup,
    host,
    JSON.stringify(data),
  );
  scriptRejections().set(runInContext('Promise.prototype', context) as object, []);

  // On one line with the code's first line, so the script's line numbers are the file's.
  const wrapped = `try { (function () {${script.code}\n}).call(undefined); } catch (e) { __scriptFailed(e); }`;
  try {
    new Script(wrapped, { filename: script.fileName, lineOffset: script.startLine }).runInContext(context, {
      timeout: timeoutMs,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
        ? `did not finish within ${timeoutMs} ms (a loop that never ends?) and was stopped`
        : `could not run: ${(error as Error).message}`;
    tests.push({
      name: `${script.phase === 'pre-request' ? 'pre-request script' : 'response handler'} stopped`,
      passed: false,
      message,
      line: script.startLine + 1,
      ...(script.reportFile ? { file: script.reportFile } : {}),
    });
  }
  // Node reports unhandled rejections after the current macrotask: give it one.
  await new Promise((resolve) => setImmediate(resolve));
  const rejections = scriptRejections().get(runInContext('Promise.prototype', context) as object) ?? [];
  for (const reason of rejections) {
    tests.push({
      name: 'unhandled promise rejection',
      passed: false,
      message: reason,
      line: script.startLine + 1,
      ...(script.reportFile ? { file: script.reportFile } : {}),
    });
  }
  for (const name of pending) {
    tests.push({
      name,
      passed: false,
      message: 'its promise never settled: scripts have no timers or network to wait for',
      line: script.startLine + 1,
    });
  }
  return { tests, logs };
}
