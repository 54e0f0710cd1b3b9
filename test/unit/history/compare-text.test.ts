// The two sides of Compare with Previous and the panel's one-line summary.
import { strict as assert } from 'node:assert';
import type { HistoryEntry } from '../../../src/core/history/history-entry';
import { historyEntry } from '../../../src/core/history/history-entry';
import { changeLine, compareEntries, comparisonText } from '../../../src/core/history/compare-text';
import type { IgnorePattern } from '../../../src/core/history/ignore-paths';
import { parseIgnorePath } from '../../../src/core/history/ignore-paths';

function entry(body: object, headers: Array<[string, string]> = [], status = 200): HistoryEntry {
  return historyEntry(
    {
      request: { method: 'GET', url: 'http://127.0.0.1:9/items/1', headers: [] },
      response: {
        status,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [['Content-Type', 'application/json'], ...headers],
        body: new TextEncoder().encode(JSON.stringify(body)),
        truncated: false,
        timings: { total: 1 },
      },
      time: new Date(Date.UTC(2026, 0, 1)),
    },
    [],
  );
}

const ignore = (...paths: string[]) => paths.map((p) => parseIgnorePath(p) as IgnorePattern);

describe('compare with previous: the diff sides and the summary line', () => {
  it('pretty-prints the body and leaves noise headers and ignored paths out, naming them', () => {
    const text = comparisonText(
      entry({ title: 'A', updatedAt: '2026-01-01', items: [{ id: 1, seen: 'x' }] }, [
        ['Date', 'Mon'],
        ['ETag', '"v1"'],
        ['X-Request-Id', 'r1'],
        ['Cache-Control', 'no-cache'],
      ]),
      {
        ignore: ignore('$.updatedAt', '$.items[*].seen'),
      },
    );
    assert.match(text, /^GET http:\/\/127\.0\.0\.1:9\/items\/1\nHTTP 200 OK\n/);
    assert.match(text, /cache-control: no-cache/);
    assert.doesNotMatch(text, /^date:|^etag:|x-request-id/im);
    assert.match(text, /\n {2}"title": "A",\n/);
    assert.doesNotMatch(text, /updatedAt"|"seen"/);
    assert.match(text, /left out: Date, ETag.*\$\.updatedAt, \$\.items\[\*\]\.seen/);
  });

  it('shows everything when asked to include the noise', () => {
    const text = comparisonText(entry({ updatedAt: 'x' }, [['Date', 'Mon']]), {
      ignore: ignore('$.updatedAt'),
      includeNoise: true,
    });
    assert.match(text, /Date: Mon/);
    assert.match(text, /updatedAt/);
  });

  it('says how many fields were added, removed and changed, and since when', () => {
    const changes = compareEntries(
      entry({ a: 1, b: 2, c: 3, updatedAt: 'x' }),
      entry({ a: 9, c: 3, d: 4, updatedAt: 'y' }),
      ignore('$.updatedAt'),
    );
    assert.equal(changeLine(changes, '10:42'), '3 fields changed since 10:42 (1 added, 1 removed, 1 changed)');
  });

  it('counts an ignored path as no change', () => {
    const changes = compareEntries(
      entry({ a: 1, updatedAt: 'x' }, [['Date', 'a']]),
      entry({ a: 1, updatedAt: 'y' }, [['Date', 'b']]),
      ignore('$.updatedAt'),
    );
    assert.equal(changeLine(changes, '10:42'), 'No changes since 10:42');
  });

  it('names a status and header change', () => {
    const changes = compareEntries(
      entry({ a: 1 }, [['Cache-Control', 'a']]),
      entry({ a: 1 }, [['Cache-Control', 'b']], 404),
    );
    assert.equal(changeLine(changes, '10:42'), 'Status 200 → 404 since 10:42; 1 header changed');
  });
});
