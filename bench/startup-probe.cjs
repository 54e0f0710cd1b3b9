// Start-up case, run in a fresh Node process per sample: maps `vscode` to a stub and times
// `require` of the extension bundle (module evaluation only; activate is not called), or with
// --sender of dist/sender.js, which the extension loads on the first send.
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

const bundle = process.argv[2];
const started = performance.now();
const loaded = require(bundle);
const ms = performance.now() - started;
const expected = process.argv.includes('--sender') ? 'sendRequest' : 'activate';
if (typeof loaded[expected] !== 'function') throw new Error(`${bundle} exports no ${expected}()`);
process.stdout.write(`${JSON.stringify({ ms, stubbedNames: Object.keys(stubs.vscode).length })}\n`);
