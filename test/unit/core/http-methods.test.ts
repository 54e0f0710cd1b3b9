// One set of safe methods (RFC 9110 §9.2.1) for every layer that asks "does this request only
// read?": the own-write base, the Google status dialect and the failure mapping. (The own-write
// base never saw a TRACE differ: a snapshot is only ever taken of GET, PUT, POST and PATCH.)
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { isSafeMethod, safeMethods } from '../../../src/core/http-methods';
import { exchange, outgoing } from '../conflict/exchange-builder';

describe('safe methods (RFC 9110 §9.2.1)', () => {
  it('are GET, HEAD, OPTIONS and TRACE, in any case', () => {
    assert.deepEqual([...safeMethods].sort(), ['GET', 'HEAD', 'OPTIONS', 'TRACE']);
    for (const method of ['get', 'Head', 'options', 'trace']) assert.equal(isSafeMethod(method), true, method);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST', 'MERGE', 'PROPFIND'])
      assert.equal(isSafeMethod(method), false, method);
  });

  it('a Google ABORTED body answering a TRACE or an OPTIONS is no stale write', () => {
    const body = { error: { code: 409, status: 'ABORTED', message: 'Transaction was aborted.' } };
    for (const method of ['TRACE', 'OPTIONS'])
      assert.equal(
        classifyConflict(exchange(outgoing(method, 'http://127.0.0.1/v1/docs/1'), { status: 200, body })),
        undefined,
        method,
      );
    assert.equal(
      classifyConflict(exchange(outgoing('POST', 'http://127.0.0.1/v1/docs:commit', [], {}), { status: 200, body }))
        ?.retry?.case,
      'stale-write',
    );
  });
});
