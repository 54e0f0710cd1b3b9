// Start-up case, run in a fresh Node process per sample: maps `vscode` to a stub and times
// `require` of the extension bundle (module evaluation only; activate is not called), or with
// --lazy of one of the bundles the extension loads on first use (dist/sender.js, …). Prints
// the wall-clock time and the process's CPU time over the same span (steadier on a busy machine).
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

// Any property, call or `new` on a stub yields a stub, so module-level code such as
// `class X extends vscode.Disposable` or `vscode.Uri.file(...)` evaluates.
function stub() {
  const target = function vscodeStub() {};
  const proxy = new Proxy(target, {
    get: (t, key) => (key === 'prototype' ? t.prototype : key === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

// The bundle copies the module's own properties (esbuild's __toESM), so the stub module is a
// plain object holding one stub per name the real API exports, read from @types/vscode.
function vscodeModule() {
  const types = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set();
  for (const m of types.matchAll(/^\t?(?: {4})?export (?:namespace|class|enum|const|let|function) (\w+)/gm))
    names.add(m[1]);
  return Object.fromEntries([...names].map((name) => [name, stub()]));
}

const stubs = { vscode: vscodeModule() };
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithStubs(request, ...rest) {
  return Object.hasOwn(stubs, request) ? request : resolve.call(this, request, ...rest);
};
for (const [id, exports] of Object.entries(stubs)) require.cache[id] = { id, filename: id, loaded: true, exports };

// With --host-builtins, the Node modules VS Code's extension host requires for itself (read
// from its extensionHostProcess.js) are loaded before the clock starts: in the editor the
// extension finds them loaded, in a fresh process its own require pays for them.
if (process.argv.includes('--host-builtins'))
  for (const name of ['crypto', 'stream', 'net', 'tls', 'https', 'zlib', 'os', 'vm', 'fs/promises'])
    require(`node:${name}`);

const bundle = process.argv[2];
const cpuBefore = process.cpuUsage();
const started = performance.now();
const loaded = require(bundle);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
if (process.argv.includes('--lazy')) {
  if (!Object.values(loaded).some((value) => typeof value === 'function')) throw new Error(`${bundle} exports nothing`);
} else if (typeof loaded.activate !== 'function') throw new Error(`${bundle} exports no activate()`);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, stubbedNames: Object.keys(stubs.vscode).length })}\n`);
