// The response history on disk: bounds, oldest-first eviction, a restart, two processes
// writing at once, redaction (secrets planted in headers, URL and body, then searched for in
// every stored byte) and the too-big-to-keep marker.
import { strict as assert } from 'node:assert';
import { fork } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryInput } from '../../../src/core/history/history-entry';
import { historyEntry } from '../../../src/core/history/history-entry';
import { FileHistoryStore, withinLimits } from '../../../src/core/history/history-store';

function input(
  n: number,
  over: Partial<HistoryInput> = {},
  body: string = JSON.stringify({ n, title: `item ${n}` }),
): HistoryInput {
  return {
    file: 'api.http',
    label: `read ${n % 2}`,
    request: { method: 'GET', url: `http://127.0.0.1:9/items/${n % 2}`, headers: [['Accept', 'application/json']] },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode(body),
      truncated: false,
      timings: { total: 12.4, firstByte: 5 },
    },
    time: new Date(Date.UTC(2026, 0, 1, 10, 0, n)),
    ...over,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    if ((await stat(path)).isFile()) out.push(path);
  }
  return out;
}

// A second process for the concurrency test: this very bundle, started with the variable set.
const perChild = 40;
const childDir = process.env.HISTORY_STORE_CHILD_DIR;
if (childDir) {
  void (async () => {
    const store = new FileHistoryStore(childDir, { limits: () => ({ maxEntries: 1000, maxBytes: 1e9 }) });
    const tag = process.env.HISTORY_STORE_CHILD_TAG ?? 'x';
    // Both start writing at the same moment, so their read-modify-writes overlap.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Number(process.env.HISTORY_STORE_CHILD_START) - Date.now())),
    );
    for (let i = 0; i < perChild; i++) await store.add(historyEntry(input(i, { label: `${tag}-${i}` }), []));
    process.exit(store.problems.length ? 1 : 0);
  })();
} else {
  describe('response history store', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'response-history-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('lists entries newest first and keeps them across a restart', async () => {
      const store = new FileHistoryStore(dir);
      for (let i = 0; i < 3; i++) await store.add(historyEntry(input(i), []));
      const restarted = new FileHistoryStore(dir);
      const listed = await restarted.list();
      assert.deepEqual(
        listed.map((e) => e.time),
        ['2026-01-01T10:00:02.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:00.000Z'],
      );
      const entry = await restarted.get(listed[0].id);
      assert.equal(entry?.response.status, 200);
      assert.deepEqual(JSON.parse(entry?.response.bodyText ?? ''), { n: 2, title: 'item 2' });
      assert.equal(entry?.timings.firstByte, 5);
      assert.equal(entry?.durationMs, 12);
    });

    it('keeps at most maxEntries, dropping the oldest first and deleting their files', async () => {
      const store = new FileHistoryStore(dir, { limits: () => ({ maxEntries: 3, maxBytes: 1e9 }) });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await store.add(historyEntry(input(i), [])))!.id);
      assert.deepEqual(
        (await store.list()).map((e) => e.id),
        [ids[4], ids[3], ids[2]],
      );
      assert.equal(await store.get(ids[0]), undefined);
      assert.equal((await readdir(join(dir, 'entries'))).length, 3);
    });

    it('keeps at most maxBytes, dropping the oldest first', async () => {
      const probe = new FileHistoryStore(join(dir, 'probe'));
      const one = (await probe.add(historyEntry(input(0), [])))!.bytes;
      const store = new FileHistoryStore(dir, { limits: () => ({ maxEntries: 100, maxBytes: one * 2 + one / 2 }) });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await store.add(historyEntry(input(i), [])))!.id);
      const listed = await store.list();
      assert.deepEqual(
        listed.map((e) => e.id),
        [ids[3], ids[2]],
      );
      assert.ok(listed.reduce((sum, e) => sum + e.bytes, 0) <= one * 2.5);
    });

    it('applies a lowered limit on the next record', async () => {
      let maxEntries = 10;
      const store = new FileHistoryStore(dir, { limits: () => ({ maxEntries, maxBytes: 1e9 }) });
      for (let i = 0; i < 6; i++) await store.add(historyEntry(input(i), []));
      maxEntries = 2;
      await store.add(historyEntry(input(6), []));
      assert.equal((await store.list()).length, 2);
    });

    it('withinLimits keeps the newest run that fits both bounds', () => {
      const e = (id: string, bytes: number) => ({ id, time: '', method: 'GET', url: '', status: 200, bytes });
      const { kept, dropped } = withinLimits([e('a', 5), e('b', 5), e('c', 5)], { maxEntries: 5, maxBytes: 12 });
      assert.deepEqual(
        kept.map((k) => k.id),
        ['a', 'b'],
      );
      assert.deepEqual(
        dropped.map((k) => k.id),
        ['c'],
      );
    });

    it('deletes one entry, and clears all', async () => {
      const store = new FileHistoryStore(dir);
      const a = (await store.add(historyEntry(input(0), [])))!;
      const b = (await store.add(historyEntry(input(1), [])))!;
      await store.remove(a.id);
      assert.deepEqual(
        (await store.list()).map((e) => e.id),
        [b.id],
      );
      await store.clear();
      assert.deepEqual(await store.list(), []);
      assert.deepEqual(await readdir(join(dir, 'entries')), []);
    });

    it('finds the previous response of the same request', async () => {
      const store = new FileHistoryStore(dir);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await store.add(historyEntry(input(i), [])))!.id);
      // input(n) alternates between two requests (read 0 / read 1).
      assert.equal((await store.previous(ids[3]))?.id, ids[1]);
      assert.equal((await store.previous(ids[2]))?.id, ids[0]);
      assert.equal(await store.previous(ids[0]), undefined);
    });

    it('keeps who sent a refetch or a probe request, across a restart, and compares a read with the refetch before it', async () => {
      const store = new FileHistoryStore(dir);
      const read = (await store.add(historyEntry(input(0), [])))!;
      const refetch = (await store.add(historyEntry(input(2, { label: 'save', by: 'refetch' }), [])))!;
      const probe = (await store.add(historyEntry(input(3, { label: 'save', by: 'probe' }), [])))!;
      const again = (await store.add(historyEntry(input(4), [])))!;
      const restarted = new FileHistoryStore(dir);
      const listed = await restarted.list();
      assert.deepEqual(
        listed.map((e) => e.by ?? 'send'),
        ['send', 'probe', 'refetch', 'send'],
      );
      assert.equal((await restarted.get(refetch.id))?.by, 'refetch');
      assert.equal((await restarted.get(probe.id))?.by, 'probe');
      // The same GET of the same URL: the user's next read is compared with the refetch.
      assert.equal((await restarted.previous(again.id, 'resource'))?.id, refetch.id);
      assert.equal((await restarted.previous(refetch.id, 'resource'))?.id, read.id);
    });

    it('loses nothing when two processes record at the same time', async function () {
      this.timeout(30_000);
      const start = String(Date.now() + 1500);
      const run = (tag: string) =>
        new Promise<number>((resolve, reject) => {
          const child = fork(__filename, [], {
            env: {
              ...process.env,
              HISTORY_STORE_CHILD_DIR: dir,
              HISTORY_STORE_CHILD_TAG: tag,
              HISTORY_STORE_CHILD_START: start,
            },
            stdio: 'inherit',
          });
          const timer = setTimeout(() => child.kill(), 25_000);
          child.on('error', reject);
          child.on('exit', (code) => {
            clearTimeout(timer);
            resolve(code ?? -1);
          });
        });
      assert.deepEqual(await Promise.all([run('a'), run('b')]), [0, 0]);
      const listed = await new FileHistoryStore(dir).list();
      assert.equal(listed.length, 2 * perChild);
      assert.equal(new Set(listed.map((e) => e.label)).size, 2 * perChild);
      assert.equal((await readdir(join(dir, 'entries'))).length, 2 * perChild);
    });

    it('never stores a secret: headers, URL, userinfo, form and JSON bodies, response tokens', async () => {
      const secret = 'pr1v4te-S3cret-value';
      const entry = historyEntry(
        {
          file: 'login.http',
          label: 'login',
          request: {
            method: 'POST',
            url: `http://user:pw-${secret}@127.0.0.1:9/token?access_token=tok-${secret}&page=2&key=${secret}`,
            headers: [
              ['Authorization', `Bearer bearer-${secret}`],
              ['X-Api-Key', `k-${secret}`],
              ['Cookie', `sid=c-${secret}`],
              ['Content-Type', 'application/x-www-form-urlencoded'],
            ],
            bodyText: `grant_type=password&username=ana&password=pass-${secret}-form&client_secret=cs-${secret}`,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: '1.1',
            headers: [
              ['Set-Cookie', `session=sess-${secret}; HttpOnly`],
              ['Content-Type', 'application/json'],
            ],
            body: new TextEncoder().encode(
              JSON.stringify({ access_token: `at-${secret}`, refresh_token: `rt-${secret}`, user: 'ana' }),
            ),
            truncated: false,
            timings: { total: 3 },
          },
          time: new Date(),
        },
        [secret],
      );
      const jsonBody = historyEntry(
        {
          ...input(0),
          request: {
            method: 'POST',
            url: 'http://127.0.0.1:9/login',
            headers: [['Content-Type', 'application/json']],
            bodyText: JSON.stringify({ user: 'ana', password: 'hunter2-plain' }),
          },
        },
        [],
      );
      const store = new FileHistoryStore(dir);
      await store.add(entry);
      await store.add(jsonBody);
      let stored = '';
      for (const file of await filesUnder(dir)) stored += await readFile(file, 'utf8');
      for (const planted of [
        secret,
        'pw-',
        'tok-',
        'bearer-',
        'k-pr1',
        'c-pr1',
        'pass-',
        'cs-',
        'sess-',
        'at-pr1',
        'rt-pr1',
        'hunter2',
      ]) {
        assert.ok(!stored.includes(planted), `"${planted}" reached the history on disk`);
      }
      // What is not secret stays readable.
      assert.match(stored, /page=2/);
      assert.match(stored, /username=ana/);
      assert.match(stored, /Bearer •••/);
    });

    it('keeps a too-big body as a marker with its digest, not cut', async () => {
      const big = 'x'.repeat(5000);
      const entry = historyEntry(input(0, {}, JSON.stringify({ big })), [], 1024);
      assert.equal(entry.response.bodyText, '');
      assert.match(entry.response.bodyOmitted ?? '', /over the 1\.0 KB the history keeps/);
      assert.match(entry.response.bodyDigest ?? '', /^[0-9a-f]{64}$/);
      assert.equal(entry.response.sizeBytes, 5010);
      const store = new FileHistoryStore(dir);
      const summary = await store.add(entry);
      assert.equal(summary?.bodyOmitted, true);
      const stored = await readFile(join(dir, 'entries', `${entry.id}.json`), 'utf8');
      assert.ok(!stored.includes('xxxxxxxx'));
    });

    it('creates its files 0600 in a 0700 folder', async () => {
      const store = new FileHistoryStore(join(dir, 'h'));
      const summary = (await store.add(historyEntry(input(0), [])))!;
      assert.equal((await stat(join(dir, 'h'))).mode & 0o777, 0o700);
      assert.equal((await stat(join(dir, 'h', 'index.json'))).mode & 0o777, 0o600);
      assert.equal((await stat(join(dir, 'h', 'entries', `${summary.id}.json`))).mode & 0o777, 0o600);
    });

    it('moves an unreadable index aside, reports it and starts again', async () => {
      await writeFile(join(dir, 'index.json'), '{ not json', 'utf8');
      const store = new FileHistoryStore(dir);
      assert.deepEqual(await store.list(), []);
      assert.equal(store.problems[0]?.kind, 'corrupt');
      assert.ok((await readdir(dir)).some((n) => n.startsWith('index.json.corrupt-')));
      await store.add(historyEntry(input(0), []));
      assert.equal((await store.list()).length, 1);
    });

    it('refuses an id that is not one of its own (no path outside the folder)', async () => {
      const store = new FileHistoryStore(dir);
      assert.equal(await store.get('../../etc/passwd'), undefined);
    });
  });
}
