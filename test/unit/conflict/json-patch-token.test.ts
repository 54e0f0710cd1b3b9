// A version token inside a JSON Patch body (`{"op":"test","path":"/metadata/resourceVersion",…}`),
// read and written in the body as the user wrote it — `{{placeholders}}` and all, masked the
// way every other reader of a written body masks them (json-text-edit.ts).
import { strict as assert } from 'node:assert';
import { operationsNaming, setTokenInOperations } from '../../../src/core/conflict/json-patch-token';

const rv = ['metadata', 'resourceVersion'];

describe('the version token in a JSON Patch body', () => {
  it('finds the operation guarding the version when a bare placeholder comes before its path', () => {
    const body = `[
  { "op": "test", "value": {{rv}}, "path": "/metadata/resourceVersion" },
  { "op": "replace", "path": "/spec/replicas", "value": {{count}} }
]`;
    assert.deepEqual(operationsNaming(body, rv), [0]);
    assert.equal(
      setTokenInOperations(body, rv, '4711'),
      `[
  { "op": "test", "value": "4711", "path": "/metadata/resourceVersion" },
  { "op": "replace", "path": "/spec/replicas", "value": {{count}} }
]`,
    );
  });

  it('replaces a placeholder standing for the token whole, and keeps the others', () => {
    const body = `[{"op":"test","path":"/metadata/resourceVersion","value":{{rv}}},{"op":"replace","path":"/spec/replicas","value":{{n}}}]`;
    assert.equal(
      setTokenInOperations(body, rv, '4711'),
      `[{"op":"test","path":"/metadata/resourceVersion","value":"4711"},{"op":"replace","path":"/spec/replicas","value":{{n}}}]`,
    );
  });
});
