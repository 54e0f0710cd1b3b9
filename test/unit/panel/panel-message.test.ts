import { strict as assert } from 'node:assert';
import { panelActions, parsePanelMessage } from '../../../src/protocol';

describe('messages from the response panel', () => {
  it('accepts ready, every known action and a conflict decision', () => {
    assert.deepEqual(parsePanelMessage({ type: 'ready' }), { type: 'ready' });
    for (const action of panelActions)
      assert.deepEqual(parsePanelMessage({ type: 'action', action }), { type: 'action', action });
    assert.deepEqual(parsePanelMessage({ type: 'decideConflict', conflictId: '/title', choice: 'theirs' }), {
      type: 'decideConflict',
      conflictId: '/title',
      choice: 'theirs',
    });
  });

  it('rejects unknown message types and non-objects', () => {
    for (const value of [
      undefined,
      null,
      'ready',
      42,
      [],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'READY' },
    ]) {
      assert.equal(parsePanelMessage(value), undefined, JSON.stringify(value));
    }
  });

  it('rejects actions that are not on the allow-list', () => {
    for (const action of [
      'workbench.action.openSettings',
      'toString',
      '__proto__',
      'constructor',
      '',
      42,
      undefined,
      ['refetch'],
    ]) {
      assert.equal(parsePanelMessage({ type: 'action', action }), undefined, String(action));
    }
  });

  it('rejects conflict decisions of the wrong shape', () => {
    const bad = [
      { type: 'decideConflict', conflictId: '/a', choice: 'both' },
      { type: 'decideConflict', conflictId: 7, choice: 'ours' },
      { type: 'decideConflict', choice: 'ours' },
      { type: 'decideConflict', conflictId: '/a' },
      { type: 'decideConflict', conflictId: 'x'.repeat(5000), choice: 'ours' },
    ];
    for (const value of bad) assert.equal(parsePanelMessage(value), undefined, JSON.stringify(value).slice(0, 80));
  });

  it('passes on only the checked fields, never extra ones from the webview', () => {
    const parsed = parsePanelMessage({ type: 'action', action: 'copyBody', command: 'evil', args: [1] });
    assert.deepEqual(parsed, { type: 'action', action: 'copyBody' });
  });
  it('ignores forged messages from a compromised webview, whatever they carry', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const forged: unknown[] = [
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'action', action: 'workbench.action.terminal.new' },
      { type: 'action', action: huge },
      { type: huge },
      { type: 'overwrite', id: 'nope' },
      { type: 'action', action: { toString: () => 'refetch' } },
      { type: ['ready'] },
      { type: 'decideConflict', conflictId: huge, choice: 'ours' },
      { type: 'decideConflict', conflictId: '/a', choice: 'ours; rm -rf /' },
      { type: 'decideConflict', conflictId: '/a', choice: { valueOf: () => 'ours' } },
      JSON.parse('{"__proto__":{"type":"ready"}}'),
      Object.create(null),
      new Proxy({}, { get: () => undefined }),
    ];
    for (const message of forged)
      assert.equal(parsePanelMessage(message), undefined, String(JSON.stringify(message)).slice(0, 80));
  });

  it('keeps the conflict key an action or decision names, and refuses a key that is not a short string', () => {
    assert.deepEqual(parsePanelMessage({ type: 'action', action: 'rebase', conflictKey: 'conflict-1' }), {
      type: 'action',
      action: 'rebase',
      conflictKey: 'conflict-1',
    });
    assert.deepEqual(
      parsePanelMessage({ type: 'decideConflict', conflictId: '/t', choice: 'ours', conflictKey: 'conflict-2' }),
      { type: 'decideConflict', conflictId: '/t', choice: 'ours', conflictKey: 'conflict-2' },
    );
    for (const conflictKey of [7, '', 'k'.repeat(201), { toString: () => 'conflict-1' }, null]) {
      assert.equal(
        parsePanelMessage({ type: 'action', action: 'rebase', conflictKey }),
        undefined,
        String(conflictKey),
      );
      assert.equal(
        parsePanelMessage({ type: 'decideConflict', conflictId: '/t', choice: 'ours', conflictKey }),
        undefined,
        String(conflictKey),
      );
    }
  });
});
