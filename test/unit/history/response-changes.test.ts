import { strict as assert } from 'node:assert';
import type { ComparableResponse } from '../../../src/core/history/response-changes';
import { compareResponses, describeChanges } from '../../../src/core/history/response-changes';
import type { IgnorePattern } from '../../../src/core/history/ignore-paths';
import { isIgnored, parseIgnorePath } from '../../../src/core/history/ignore-paths';
import { baselineRecord } from '../../../src/core/history/baseline-record';

const json = (
  body: unknown,
  headers: Array<[string, string]> = [['Content-Type', 'application/json']],
  status = 200,
): ComparableResponse => ({
  status,
  headers,
  bodyText: JSON.stringify(body),
});

function ignore(...paths: string[]): IgnorePattern[] {
  return paths.map((p) => {
    const parsed = parseIgnorePath(p);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  });
}

function fields(a: ComparableResponse, b: ComparableResponse, paths: string[] = []) {
  const changes = compareResponses(a, b, { ignore: ignore(...paths) });
  return changes.body.kind === 'json' ? changes.body.fields : [];
}

describe('response change summary', () => {
  it('names each changed, added and removed member of an object with old → new', () => {
    const changes = compareResponses(
      json({ id: 1, title: 'Draft', owner: 'ana', meta: { n: 1 } }),
      json({ id: 1, title: 'Final', meta: { n: 2 }, tags: [] }),
    );
    assert.deepEqual(changes.body.kind === 'json' ? changes.body.fields : null, [
      { kind: 'changed', path: '/title', old: '"Draft"', new: '"Final"' },
      { kind: 'removed', path: '/owner', old: '"ana"' },
      { kind: 'changed', path: '/meta/n', old: '1', new: '2' },
      { kind: 'added', path: '/tags', new: '[]' },
    ]);
    assert.equal(changes.summary, '4 fields changed: /title, /owner, /meta/n, /tags');
    assert.equal(changes.changed, true);
  });

  it('reports a type change with both types', () => {
    assert.deepEqual(fields(json({ count: '3', tags: ['a'] }), json({ count: 3, tags: 'a' })), [
      { kind: 'type-changed', path: '/count', old: '"3"', new: '3', oldType: 'string', newType: 'number' },
      { kind: 'type-changed', path: '/tags', old: '["a"]', new: '"a"', oldType: 'array', newType: 'string' },
    ]);
  });

  it('compares lists without an identity key by position, additions and removals at the end', () => {
    const changes = compareResponses(json({ tags: ['a', 'b', 'c'] }), json({ tags: ['a', 'x'] }));
    assert.deepEqual(changes.body.kind === 'json' ? changes.body : null, {
      kind: 'json',
      fields: [
        { kind: 'changed', path: '/tags/1', old: '"b"', new: '"x"' },
        { kind: 'removed', path: '/tags/2', old: '"c"' },
      ],
      lists: [{ path: '/tags', by: 'position' }],
    });
    assert.ok(describeChanges(changes).includes('  (list /tags matched by position; added/removed at the end)'));
  });

  it('pairs list elements by id, so a reordered list with one edit shows only that edit', () => {
    const before = json({
      items: [
        { id: 1, price: 5 },
        { id: 2, price: 7 },
        { id: 3, price: 9 },
      ],
    });
    const after = json({
      items: [
        { id: 3, price: 9 },
        { id: 1, price: 6 },
        { id: 4, price: 1 },
      ],
    });
    const changes = compareResponses(before, after);
    assert.deepEqual(changes.body.kind === 'json' ? changes.body : null, {
      kind: 'json',
      fields: [
        { kind: 'changed', path: '/items[id=1]/price', old: '5', new: '6' },
        { kind: 'removed', path: '/items[id=2]', old: '{"id":2,"price":7}' },
        { kind: 'added', path: '/items[id=4]', new: '{"id":4,"price":1}' },
      ],
      lists: [{ path: '/items', by: 'id' }],
    });
  });

  it('uses _id, key or name when there is no id, and position when a key repeats', () => {
    assert.deepEqual(
      compareResponses(
        json([
          { name: 'a', v: 1 },
          { name: 'b', v: 1 },
        ]),
        json([
          { name: 'b', v: 2 },
          { name: 'a', v: 1 },
        ]),
      ).body,
      {
        kind: 'json',
        fields: [{ kind: 'changed', path: '/[name="b"]/v', old: '1', new: '2' }],
        lists: [{ path: '/', by: 'name' }],
      },
    );
    const repeated = compareResponses(
      json([
        { id: 1, v: 1 },
        { id: 1, v: 2 },
      ]),
      json([
        { id: 1, v: 1 },
        { id: 1, v: 3 },
      ]),
    );
    assert.deepEqual(repeated.body.kind === 'json' ? repeated.body.lists : null, [{ path: '/', by: 'position' }]);
  });

  it('leaves out ignored paths, including one field of every list element', () => {
    const before = json({ updatedAt: '10:00', title: 'A', items: [{ id: 1, updatedAt: '10:00', v: 1 }] });
    const after = json({ updatedAt: '10:05', title: 'B', items: [{ id: 1, updatedAt: '10:05', v: 1 }] });
    assert.deepEqual(fields(before, after, ['$.updatedAt', '$.items[*].updatedAt']), [
      { kind: 'changed', path: '/title', old: '"A"', new: '"B"' },
    ]);
    const onlyNoise = compareResponses(json({ updatedAt: 1 }), json({ updatedAt: 2 }), {
      ignore: ignore('$.updatedAt'),
    });
    assert.equal(onlyNoise.changed, false);
    assert.equal(onlyNoise.summary, 'no changes');
  });

  it('reads the documented JSONPath subset and refuses the rest', () => {
    const [p] = ignore("$['a.b'][0].*");
    assert.ok(
      isIgnored(
        [
          { kind: 'key', key: 'a.b' },
          { kind: 'index', index: 0 },
          { kind: 'key', key: 'x' },
        ],
        [p],
      ),
    );
    assert.ok(
      !isIgnored(
        [
          { kind: 'key', key: 'a.b' },
          { kind: 'index', index: 1 },
          { kind: 'key', key: 'x' },
        ],
        [p],
      ),
    );
    assert.ok('error' in parseIgnorePath('$..updatedAt'));
    assert.ok('error' in parseIgnorePath('updatedAt'));
    assert.ok('error' in parseIgnorePath('$.items[?(@.id)]'));
  });

  it('leaves noise headers out and shows the chosen ones', () => {
    const a = json({ a: 1 }, [
      ['Content-Type', 'application/json'],
      ['Date', 'Mon'],
      ['ETag', '"1"'],
      ['X-Request-Id', 'r1'],
      ['traceparent', '00-1'],
      ['CF-Ray', 'c1'],
      ['X-Amzn-RequestId', 'q1'],
      ['Set-Cookie', 'sid=1; Path=/'],
      ['Cache-Control', 'no-cache'],
    ]);
    const b = json({ a: 1 }, [
      ['content-type', 'application/json; charset=utf-8'],
      ['Date', 'Tue'],
      ['ETag', '"2"'],
      ['X-Request-Id', 'r2'],
      ['traceparent', '00-2'],
      ['CF-Ray', 'c2'],
      ['X-Amzn-RequestId', 'q2'],
      ['Set-Cookie', 'sid=2; Path=/'],
      ['Cache-Control', 'no-cache'],
    ]);
    const changes = compareResponses(a, b);
    assert.deepEqual(changes.headers, [
      { name: 'content-type', old: 'application/json', new: 'application/json; charset=utf-8' },
    ]);
    assert.equal(changes.summary, '1 header changed: content-type');
    const cookie = compareResponses(a, { ...a, headers: [...a.headers, ['Set-Cookie', 'csrf=9']] });
    assert.deepEqual(cookie.headers, [{ name: 'set-cookie (names)', old: 'sid', new: 'csrf, sid' }]);
  });

  it('says a status changed', () => {
    const changes = compareResponses(json({ a: 1 }), json({ a: 1 }, undefined, 404));
    assert.deepEqual(changes.status, { old: 200, new: 404 });
    assert.equal(changes.summary, 'status 200 → 404');
  });

  it('summarises a text body by the lines that changed', () => {
    const a: ComparableResponse = { status: 200, headers: [], bodyText: 'one\ntwo\nthree\nfour\n' };
    const b: ComparableResponse = { status: 200, headers: [], bodyText: 'one\nTWO\nTHREE\nfour\nfive\n' };
    const changes = compareResponses(a, b);
    assert.deepEqual(changes.body, { kind: 'text', changedLines: 3, oldLines: 4, newLines: 5 });
    assert.equal(changes.summary, 'body changed (3 lines)');
  });

  it('counts a body nested deeper than the stack as text instead of throwing', () => {
    const deep = (leaf: string) => `${'['.repeat(200_000)}${leaf}${']'.repeat(200_000)}`;
    const changes = compareResponses(
      { status: 200, headers: [], bodyText: deep('1') },
      { status: 200, headers: [], bodyText: deep('2') },
    );
    assert.equal(changes.changed, true);
    assert.equal(changes.body.kind, 'text');
  });

  it('shortens long values', () => {
    const long = 'x'.repeat(200);
    const [change] = fields(json({ s: 'a' }), json({ s: long }));
    assert.equal(change.new?.length, 60);
    assert.ok(change.new?.endsWith('…'));
  });

  it('treats the same JSON written differently as no change', () => {
    const changes = compareResponses(
      { status: 200, headers: [], bodyText: '{"a":1,"b":[1,2]}' },
      { status: 200, headers: [], bodyText: '{\n  "b": [1, 2],\n  "a": 1\n}' },
    );
    assert.equal(changes.changed, false);
  });

  it('names the body it could not compare instead of comparing a cut one', () => {
    const big = new Uint8Array(2048).fill(65);
    const input = {
      name: 'n',
      method: 'GET',
      url: 'http://x/',
      status: 200,
      headers: [] as Array<[string, string]>,
      body: big,
      truncated: false,
      time: new Date(0),
    };
    const a = baselineRecord(input, [], 1024);
    const b = baselineRecord({ ...input, body: new Uint8Array(2048).fill(66) }, [], 1024);
    assert.equal(a.bodyText, '');
    assert.match(a.bodyOmitted ?? '', /over the 1\.0 KB a baseline keeps/);
    const changes = compareResponses(a, b);
    assert.equal(changes.changed, true);
    assert.equal(changes.summary, 'body changed (not compared field by field)');
    assert.equal(compareResponses(a, baselineRecord(input, [], 1024)).changed, false);
  });
});

describe('baseline record', () => {
  it('keeps no secret: masked values, credential headers, token members, cookie values, URL tokens', () => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        user: 'ana',
        echo: 'key s3cr3t-value',
        access_token: 'eyJfresh',
        nested: [{ password: 'pw1234' }],
      }),
    );
    const record = baselineRecord(
      {
        name: 'login',
        method: 'POST',
        url: 'http://127.0.0.1/login?api_key=abcd&page=2&x=s3cr3t-value',
        status: 200,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Auth-Token', 'tok-999'],
          ['Set-Cookie', 'sid=sess-777; HttpOnly'],
          ['X-Echo', 's3cr3t-value'],
          ['Date', 'Mon'],
        ],
        body,
        truncated: false,
        time: new Date(0),
      },
      ['s3cr3t-value'],
    );
    const text = JSON.stringify(record);
    for (const secret of ['s3cr3t-value', 'abcd', 'eyJfresh', 'pw1234', 'tok-999', 'sess-777'])
      assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.ok(text.includes('page=2'));
    assert.ok(!text.includes('Mon'), 'noise headers are not kept');
    assert.deepEqual(JSON.parse(record.bodyText).user, 'ana');
  });
});
