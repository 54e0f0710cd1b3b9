import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sliceEnd, sliceOffsets } from '../../../media/panel/body-slices';
import { formatBytes, formatConfidence, formatDuration, statusClass } from '../../../media/panel/display-format';
import { defaultArrangement, readArrangement, withCollapsed } from '../../../media/panel/view-arrangement';
import { panelTitle } from '../../../src/extension/panel/panel-title';
import type { ConflictView, ResponseView } from '../../../src/protocol';

describe('body slices', () => {
  it('cuts a 10 MB body into slices that end on line breaks', () => {
    const line = `${'x'.repeat(99)}\n`;
    const body = line.repeat(100_000);
    const first = sliceEnd(body, 0);
    assert.ok(first > 0 && first <= 50_000);
    assert.equal(body[first - 1], '\n');
    const ends = sliceOffsets(body);
    assert.equal(ends[ends.length - 1], body.length);
    assert.ok(ends.length >= 50);
  });

  it('cuts a single huge line without splitting a surrogate pair', () => {
    const body = 'a'.repeat(9) + '😀'.repeat(10);
    const end = sliceEnd(body, 0, 10);
    assert.equal(end, 9);
  });

  it('covers the whole text exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: fc.constantFrom('a', '\n', '😀', 'é') }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          let at = 0;
          let pieces = '';
          for (const end of sliceOffsets(text, max)) {
            assert.ok(end > at, 'every slice makes progress');
            pieces += text.slice(at, end);
            at = end;
          }
          assert.equal(pieces, text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('status line and summary formatting', () => {
  it('formats sizes, durations and confidence the way people read them', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(10 * 1024 * 1024), '10 MB');
    assert.equal(formatDuration(42.4), '42 ms');
    assert.equal(formatDuration(1234), '1.23 s');
    assert.equal(formatConfidence(0.92), 'high confidence (92%)');
    assert.equal(formatConfidence(0.6), 'medium confidence (60%)');
    assert.equal(formatConfidence(30), 'low confidence (30%)');
  });

  it('classes status codes by family', () => {
    assert.deepEqual([101, 200, 304, 409, 503, 0].map(statusClass), [
      'informational',
      'success',
      'redirect',
      'client-error',
      'server-error',
      'unknown',
    ]);
  });
});

describe('panel arrangement', () => {
  it('restores what was saved and ignores anything malformed', () => {
    assert.deepEqual(readArrangement({ tab: 'headers', collapsed: ['ours-changes'], scrollY: 120 }), {
      tab: 'headers',
      collapsed: ['ours-changes'],
      scrollY: 120,
    });
    assert.deepEqual(readArrangement(undefined), defaultArrangement);
    assert.deepEqual(readArrangement({ tab: 'evil', collapsed: 'x', scrollY: -4 }), defaultArrangement);
    assert.deepEqual(readArrangement({ collapsed: [1, 'a'] }).collapsed, ['a']);
  });

  it('folds and unfolds a section without duplicates', () => {
    const folded = withCollapsed(withCollapsed(defaultArrangement, 'a', true), 'a', true);
    assert.deepEqual(folded.collapsed, ['a']);
    assert.deepEqual(withCollapsed(folded, 'a', false).collapsed, []);
  });
});

describe('panel title', () => {
  const response = { status: 409, statusText: 'Conflict' } as ResponseView;
  const conflict = { kind: 'version-conflict' } as ConflictView;

  it('names the status, and asks to resolve a conflict', () => {
    assert.equal(
      panelTitle({ view: 'response', response: { ...response, status: 200, statusText: 'OK' } }),
      'Response — 200 OK',
    );
    assert.equal(panelTitle({ view: 'response', response, conflict }), '409 Conflict — Resolve');
    assert.equal(
      panelTitle({ view: 'response', response, conflict: { ...conflict, kind: 'not-a-version-conflict' } }),
      'Response — 409 Conflict',
    );
    assert.equal(panelTitle({ view: 'empty' }), 'Response');
    assert.equal(panelTitle({ view: 'sending' }), 'Response — Sending…');
  });
});
