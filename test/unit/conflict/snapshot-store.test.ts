import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureSnapshot } from '../../../src/core/conflict/snapshot-capture';
import type { Snapshot, StoreProblem } from '../../../src/core/conflict/snapshot-store';
import {
  FileSnapshotStore,
  findBase,
  MemorySnapshotStore,
  snapshotsPerResource,
} from '../../../src/core/conflict/snapshot-store';
import { exchange, outgoing } from './exchange-builder';

function snapshot(url: string, etag: string, body: object): Snapshot {
  return {
    url,
    status: 200,
    tokens: [{ value: etag, location: { kind: 'header', name: 'If-Match' } }],
    bodyText: JSON.stringify(body),
    contentType: 'application/json',
    time: '2026-01-01T00:00:00.000Z',
  };
}

describe('snapshot store: the base a later conflict merges from', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conflict-snapshots-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps snapshots across a restart (a new store over the same folder)', async () => {
    const first = new FileSnapshotStore(dir);
    await first.record(snapshot('http://API.test:80/documents/42#top', '"v5"', { title: 'A' }));
    await first.record(snapshot('http://api.test/documents/42', '"v6"', { title: 'B' }));
    const restarted = new FileSnapshotStore(dir);
    const history = await restarted.history('http://api.test/documents/42');
    assert.deepEqual(
      history.map((s) => s.tokens[0].value),
      ['"v6"', '"v5"'],
    );
    assert.equal(history[0].url, 'http://api.test/documents/42');
    assert.deepEqual(restarted.problems, []);
  });

  it('finds the snapshot the edit started from by the token the request sent', async () => {
    const store = new FileSnapshotStore(dir);
    await store.record(snapshot('http://api.test/d/1', '"v5"', { title: 'A' }));
    await store.record(snapshot('http://api.test/d/1', '"v6"', { title: 'B' }));
    const base = await findBase(store, 'http://api.test/d/1', [
      { value: '"v5"', location: { kind: 'header', name: 'If-Match' } },
    ]);
    assert.equal(base?.bodyText, '{"title":"A"}');
    assert.equal(
      await findBase(store, 'http://api.test/d/1', [{ value: '"v4"', location: { kind: 'header', name: 'If-Match' } }]),
      undefined,
      'an unknown token means no base (two-way), never a guess',
    );
    assert.equal((await findBase(store, 'http://api.test/d/1', []))?.bodyText, '{"title":"B"}');
  });

  it('keeps a bounded history per resource', async () => {
    const store = new MemorySnapshotStore();
    for (let i = 0; i < snapshotsPerResource + 3; i++)
      await store.record(snapshot('http://api.test/d/1', `"v${i}"`, { i }));
    assert.equal((await store.history('http://api.test/d/1')).length, snapshotsPerResource);
  });

  it('writes atomically: no temporary files are left behind, even for concurrent records', async () => {
    const store = new FileSnapshotStore(dir);
    await Promise.all([1, 2, 3, 4].map((i) => store.record(snapshot('http://api.test/d/1', `"v${i}"`, { i }))));
    const files = await readdir(dir);
    assert.equal(files.length, 1);
    assert.ok(files[0].endsWith('.json'));
    assert.equal((await store.history('http://api.test/d/1')).length, 4, 'no record lost to a concurrent one');
  });

  it('loses nothing when separate stores (as separate processes do) record the same resource at once', async () => {
    const stores = [
      new FileSnapshotStore(dir),
      new FileSnapshotStore(dir),
      new FileSnapshotStore(dir),
      new FileSnapshotStore(dir),
    ];
    await Promise.all(
      stores.flatMap((store, s) =>
        [0, 1].map((i) => store.record(snapshot('http://api.test/d/1', `"s${s}-${i}"`, { s, i }))),
      ),
    );
    const kept = (await new FileSnapshotStore(dir).history('http://api.test/d/1')).map((x) => x.tokens[0].value);
    assert.equal(kept.length, 8, kept.join(' '));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => !f.endsWith('.json')),
      [],
      'no lock or temporary file is left',
    );
  });

  it('takes over a lock left by a process that died mid-write', async () => {
    const store = new FileSnapshotStore(dir);
    await writeFile(`${store.fileFor('http://api.test/d/1')}.lock`, '999999999', 'utf8');
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    assert.equal((await store.history('http://api.test/d/1')).length, 1);
    assert.deepEqual(store.problems, []);
  });

  it('makes its folder again when it was removed between two records (a cache cleaner)', async () => {
    const nested = join(dir, 'cache', 'snapshots');
    const store = new FileSnapshotStore(nested);
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    await rm(join(dir, 'cache'), { recursive: true, force: true });
    await store.record(snapshot('http://api.test/d/2', '"v2"', { b: 2 }));
    assert.equal((await store.history('http://api.test/d/2')).length, 1);
    assert.equal((await stat(nested)).mode & 0o777, 0o700);
    assert.deepEqual(store.problems, []);
  });

  it('creates its folder 0700 and its files 0600: they hold response bodies', async () => {
    const nested = join(dir, 'cache', 'snapshots');
    const store = new FileSnapshotStore(nested);
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    assert.equal((await stat(nested)).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, 'cache'))).mode & 0o777, 0o700);
    assert.equal((await stat(store.fileFor('http://api.test/d/1'))).mode & 0o777, 0o600);
  });

  it('moves a corrupt file aside, reports it, and carries on without throwing', async () => {
    const seen: StoreProblem[] = [];
    const store = new FileSnapshotStore(dir, {
      onProblem: (p) => seen.push(p),
      now: () => new Date('2026-03-04T05:06:07.000Z'),
    });
    const file = store.fileFor('http://api.test/d/1');
    await writeFile(file, '{"format":1,"url":"http://api.test/d/1","snapshots":[{"url":', 'utf8');
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].kind, 'corrupt');
    assert.equal(seen[0].movedTo, `${file}.corrupt-2026-03-04T05-06-07-000Z`);
    assert.equal(
      await readFile(seen[0].movedTo!, 'utf8'),
      '{"format":1,"url":"http://api.test/d/1","snapshots":[{"url":',
    );
    await store.record(snapshot('http://api.test/d/1', '"v7"', { ok: true }));
    assert.equal((await new FileSnapshotStore(dir).history('http://api.test/d/1'))[0].tokens[0].value, '"v7"');
  });

  it('rejects a file of the right syntax but the wrong shape as corrupt', async () => {
    const store = new FileSnapshotStore(dir);
    await writeFile(
      store.fileFor('http://api.test/d/2'),
      JSON.stringify({ format: 1, url: 'x', snapshots: [{ url: 'x', tokens: 'nope' }] }),
      'utf8',
    );
    assert.deepEqual(await store.history('http://api.test/d/2'), []);
    assert.equal(store.problems[0]?.kind, 'corrupt');
  });

  it('stores no request headers or credentials', async () => {
    const store = new FileSnapshotStore(dir);
    const read = exchange(
      outgoing('GET', 'http://api.test/d/1', [
        ['Authorization', 'Bearer s3cret-token'],
        ['Cookie', 'session=abc'],
      ]),
      {
        status: 200,
        headers: [
          ['ETag', '"v1"'],
          ['Content-Type', 'application/json'],
          ['Set-Cookie', 'session=zzz'],
        ],
        body: { title: 'A' },
      },
    );
    const captured = captureSnapshot(read);
    assert.ok(captured);
    await store.record(captured);
    const text = await readFile(store.fileFor('http://api.test/d/1'), 'utf8');
    assert.doesNotMatch(text, /s3cret|session=/);
  });
});

describe('snapshot store: damaged or unusable on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conflict-snapshots-damaged-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const damagedFiles: Array<[string, string]> = [
    ['an empty file', ''],
    [
      'a file cut off mid-way by a crash',
      '{"format":1,"url":"http://api.test/d/1","snapshots":[{"url":"http://api.test/d/1","status":200,"tok',
    ],
    ['a JSON array', '[1,2,3]'],
    ['a JSON null', 'null'],
    ['another format version', JSON.stringify({ format: 2, url: 'http://api.test/d/1', snapshots: [] })],
    ['snapshots that are not a list', JSON.stringify({ format: 1, url: 'http://api.test/d/1', snapshots: { 0: {} } })],
    [
      'a snapshot without a body',
      JSON.stringify({
        format: 1,
        url: 'http://api.test/d/1',
        snapshots: [{ url: 'x', status: 200, tokens: [], time: 't' }],
      }),
    ],
    [
      'a token of the wrong shape',
      JSON.stringify({
        format: 1,
        url: 'x',
        snapshots: [{ url: 'x', status: 200, tokens: [{ value: {} }], bodyText: '', time: 't' }],
      }),
    ],
    ['binary garbage', '\u0000\u0001\uFFFD\u202E{'],
  ];
  for (const [what, text] of damagedFiles) {
    it(`sets aside ${what}, reports it, and records again afterwards`, async () => {
      const store = new FileSnapshotStore(dir);
      const file = store.fileFor('http://api.test/d/1');
      await writeFile(file, text, 'utf8');
      assert.deepEqual(await store.history('http://api.test/d/1'), []);
      assert.equal(store.problems.length, 1);
      assert.equal(store.problems[0].kind, 'corrupt');
      assert.ok(store.problems[0].movedTo, 'moved aside');
      assert.equal(await readFile(store.problems[0].movedTo!, 'utf8'), text, 'the damaged file is kept for inspection');
      await store.record(snapshot('http://api.test/d/1', '"v2"', { ok: 1 }));
      assert.deepEqual(
        (await new FileSnapshotStore(dir).history('http://api.test/d/1')).map((s) => s.tokens[0].value),
        ['"v2"'],
      );
    });
  }

  it('skips a named pipe where a snapshot file should be instead of hanging on it, and records over it', async () => {
    const store = new FileSnapshotStore(dir);
    const file = store.fileFor('http://api.test/d/1');
    execFileSync('mkfifo', [file]);
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.match(store.problems[0]?.message ?? '', /named pipe, not a regular file/);
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    assert.equal((await store.history('http://api.test/d/1')).length, 1);
  });

  it('does not follow a symbolic link where a snapshot file should be', async () => {
    const store = new FileSnapshotStore(dir);
    await writeFile(
      join(dir, 'elsewhere.json'),
      JSON.stringify({ format: 1, url: 'x', snapshots: [snapshot('http://api.test/d/1', '"planted"', {})] }),
      'utf8',
    );
    await symlink(join(dir, 'elsewhere.json'), store.fileFor('http://api.test/d/1'));
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.match(store.problems[0]?.message ?? '', /symbolic link/);
  });

  it('reads a __proto__ key in a file as data and leaves Object.prototype alone', async () => {
    const store = new FileSnapshotStore(dir);
    await writeFile(
      store.fileFor('http://api.test/d/1'),
      '{"__proto__":{"polluted":true},"format":1,"url":"x","snapshots":[]}',
      'utf8',
    );
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('sets aside a folder where a snapshot file should be, and records that resource again', async () => {
    const store = new FileSnapshotStore(dir);
    const file = store.fileFor('http://api.test/d/1');
    await mkdir(file);
    await writeFile(join(file, 'inside.txt'), 'kept', 'utf8');
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.equal(store.problems.length, 1);
    assert.equal(store.problems[0].kind, 'corrupt');
    assert.equal(await readFile(join(store.problems[0].movedTo!, 'inside.txt'), 'utf8'), 'kept');
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    assert.equal((await store.history('http://api.test/d/1'))[0].bodyText, '{"a":1}');
  });

  it('reports a store folder that cannot be created or written, and never rejects a record', async () => {
    // A file where the folder should be fails for every user, root included (chmod does not stop root).
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, 'x', 'utf8');
    const seen: StoreProblem[] = [];
    const store = new FileSnapshotStore(join(blocked, 'snapshots'), { onProblem: (p) => seen.push(p) });
    await store.record(snapshot('http://api.test/d/1', '"v1"', { a: 1 }));
    assert.deepEqual(await store.history('http://api.test/d/1'), []);
    assert.ok(seen.length >= 1);
    assert.equal(seen[0].kind, 'io');
    assert.match(seen[0].message, /Could not (save|read)/);
  });

  it('keeps no URL userinfo or token-like query values in the files', async () => {
    const store = new FileSnapshotStore(dir);
    const url = 'http://bob:hunter2-pass@api.test/d/9?access_token=tok-77777&page=2';
    await store.record(snapshot(url, '"v1"', { a: 1 }));
    const [name] = await readdir(dir);
    const text = await readFile(join(dir, name), 'utf8');
    assert.doesNotMatch(text, /hunter2|bob|tok-77777/);
    assert.match(text, /page=2/);
    assert.equal((await store.history(url)).length, 1, 'still found by the URL as written');
  });
});

describe('captureSnapshot: which exchanges become snapshots', () => {
  it('records a read with its tokens, and the URL without token parameters', () => {
    const captured = captureSnapshot(
      exchange(outgoing('GET', 'http://es.test/index/_doc/42?if_seq_no=1&if_primary_term=1'), {
        status: 200,
        body: { _index: 'index', _id: '42', _version: 2, _seq_no: 5, _primary_term: 1, found: true, _source: { a: 1 } },
      }),
    );
    assert.equal(captured?.url, 'http://es.test/index/_doc/42');
    assert.deepEqual(
      captured?.tokens.map((t) => t.value),
      ['5', '1'],
    );
  });

  it('records a write that answered with only a token as the body that was written, carrying the new token', () => {
    const written = '{ "title": "B", "_rev": "1-aaa" }';
    const captured = captureSnapshot(
      exchange(outgoing('PUT', 'http://couch.test/db/d', [], written), {
        status: 201,
        body: { ok: true, id: 'd', rev: '2-bbb' },
      }),
    );
    assert.equal(
      captured?.bodyText,
      '{ "title": "B", "_rev": "2-bbb" }',
      'a request variable read from it names the new revision',
    );
    assert.deepEqual(captured?.tokens, [{ value: '2-bbb', location: { kind: 'body', path: ['_rev'] } }]);
  });

  it('does not record failures, truncated bodies, or a PATCH without a representation', () => {
    assert.equal(
      captureSnapshot(exchange(outgoing('GET', 'http://api.test/d'), { status: 404, body: { error: 'x' } })),
      undefined,
    );
    const cut = exchange(outgoing('GET', 'http://api.test/d'), {
      status: 200,
      headers: [['ETag', '"v1"']],
      body: '{"a":',
    });
    assert.equal(captureSnapshot({ ...cut, response: { ...cut.response, truncated: true } }), undefined);
    assert.equal(
      captureSnapshot(
        exchange(outgoing('PATCH', 'http://api.test/d', [], { a: 1 }), { status: 204, headers: [['ETag', '"v2"']] }),
      ),
      undefined,
    );
  });
});
