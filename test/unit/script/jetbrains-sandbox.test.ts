// The JetBrains script API as real files use it, and the promise that a script which loops,
// throws or reaches for Node fails as a test with its line instead of hanging or crashing.
import { strict as assert } from 'node:assert';
import { runJetBrainsScript } from '../../../src/core/script/jetbrains-sandbox';
import type { ScriptResponse, ScriptState } from '../../../src/core/script/script-model';

function state(environment: Record<string, string> = {}): ScriptState {
  return { globals: new Map(), requestVariables: new Map(), environment };
}

const json: ScriptResponse = {
  status: 201,
  headers: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Set-Cookie', 'a=1'],
    ['set-cookie', 'b=2'],
  ],
  bodyText: '{"token":"abc123","items":[1,2,3]}',
  durationMs: 12,
};

function run(code: string, s = state(), response: ScriptResponse | undefined = json, timeoutMs?: number) {
  return runJetBrainsScript({
    script: { phase: response ? 'response' : 'pre-request', code, fileName: 'handler at line 10', startLine: 9 },
    state: s,
    response,
    timeoutMs,
  });
}

describe('JetBrains scripts', () => {
  it('stores client.global values that later requests can use', async () => {
    const s = state();
    const out = await run('client.global.set("token", response.body.token); client.global.set("n", 42);', s);
    assert.deepEqual(out.tests, []);
    assert.equal(s.globals.get('token'), 'abc123');
    assert.equal(s.globals.get('n'), '42');
  });

  it('reads, tests for and clears globals', async () => {
    const s = state();
    s.globals.set('a', '1');
    s.globals.set('b', '2');
    const out = await run(
      `
      client.log(client.global.get("a"), client.global.get("missing"), client.global.isEmpty());
      client.global.clear("a");
      client.log(client.global.get("a"));
      client.global.clearAll();
      client.log(client.global.isEmpty());`,
      s,
    );
    assert.deepEqual(out.logs, ['1 null false', 'null', 'true']);
    assert.equal(s.globals.size, 0);
  });

  it('reports passing and failing client.test with the failing line', async () => {
    const out = await run(`client.test("created", function () {
  client.assert(response.status === 201, "expected 201");
});
client.test("has four items", function () {
  client.assert(response.body.items.length === 4, "expected four items");
});`);
    assert.equal(out.tests.length, 2);
    assert.deepEqual(out.tests[0], { name: 'created', passed: true });
    assert.equal(out.tests[1].passed, false);
    assert.equal(out.tests[1].message, 'expected four items');
    assert.equal(out.tests[1].line, 14, 'line 5 of a script that starts on line 10 of the file');
  });

  it('fails the handler when client.assert fails outside a test', async () => {
    const out = await run('\nclient.assert(false, "no token");');
    assert.equal(out.tests.length, 1);
    assert.equal(out.tests[0].passed, false);
    assert.equal(out.tests[0].message, 'no token');
    assert.equal(out.tests[0].line, 11);
  });

  it('exposes headers, status and content type', async () => {
    const out =
      await run(`client.log(response.status, response.headers.valueOf("content-type"), response.headers.valuesOf("set-cookie").join("|"), response.headers.valueOf("x-none"));
client.log(response.contentType.mimeType, response.contentType.charset);`);
    assert.deepEqual(out.logs, ['201 application/json; charset=utf-8 a=1|b=2 null', 'application/json utf-8']);
  });

  it('gives a text body when the response is not JSON', async () => {
    const out = await run('client.log(typeof response.body, response.body)', state(), {
      status: 200,
      headers: [['Content-Type', 'text/plain']],
      bodyText: 'hello',
      durationMs: 1,
    });
    assert.deepEqual(out.logs, ['string hello']);
  });

  it('lets a pre-request script set request variables and read the environment', async () => {
    const s = state({ user: 'ana' });
    const out = await run(
      'request.variables.set("who", request.environment.get("user") + "!"); client.log(request.variables.get("who"), request.environment.get("nope"))',
      s,
      undefined,
    );
    assert.deepEqual(out.tests, []);
    assert.equal(s.requestVariables.get('who'), 'ana!');
    assert.deepEqual(out.logs, ['ana! null']);
  });

  it('stops at client.exit without failing', async () => {
    const out = await run('client.log("before"); client.exit(); client.log("after");');
    assert.deepEqual(out.logs, ['before']);
    assert.deepEqual(out.tests, []);
  });

  it('stops a script that never ends and reports it as a failed test', async () => {
    const out = await run('while (true) {}', state(), json, 100);
    assert.equal(out.tests.length, 1);
    assert.equal(out.tests[0].passed, false);
    assert.match(out.tests[0].message ?? '', /did not finish within 100 ms/);
    assert.equal(out.tests[0].line, 10);
  });

  it('stops a loop queued as a promise job too', async () => {
    const out = await run('Promise.resolve().then(() => { while (true) {} })', state(), json, 100);
    assert.equal(out.tests[0]?.passed, false);
    assert.match(out.tests[0].message ?? '', /did not finish/);
  });

  it('reports a thrown error with the script line', async () => {
    const out = await run('const a = 1;\nnull.boom;');
    assert.equal(out.tests.length, 1);
    assert.equal(out.tests[0].passed, false);
    assert.match(out.tests[0].message ?? '', /Cannot read properties of null/);
    assert.equal(out.tests[0].line, 11);
  });

  it('fails a test whose promise rejects, and a rejection nobody handles', async () => {
    const out = await run(
      'client.test("async", async () => { throw new Error("late") }); Promise.reject(new Error("floating"));',
    );
    const byName = new Map(out.tests.map((t) => [t.name, t]));
    assert.equal(byName.get('async')?.passed, false);
    assert.equal(byName.get('async')?.message, 'late');
    assert.equal(byName.get('unhandled promise rejection')?.message, 'floating');
  });

  it('offers no Node API: no require, process, timers, Buffer or code generation', async () => {
    const out =
      await run(`client.log(typeof require, typeof process, typeof setTimeout, typeof Buffer, typeof fetch, typeof module);
client.test("no Function constructor escape", () => { client.assert(client.log.constructor("return typeof process")() === "undefined", "reached process"); });`);
    assert.deepEqual(out.logs, ['undefined undefined undefined undefined undefined undefined']);
    // Code generation from strings is off in the context: the attempt fails instead of reaching the host.
    assert.equal(out.tests[0].passed, false);
    assert.match(out.tests[0].message ?? '', /Code generation from strings disallowed/);
  });

  it('keeps the host function out of reach of the script', async () => {
    const out = await run('client.log(Object.keys(globalThis).sort().join(","))');
    assert.deepEqual(out.logs, ['__scriptFailed,client,console,request,response']);
  });
});
