import { strict as assert } from 'node:assert';
import { extensionUnderTest, openWorkspaceFile, waitUntil } from './extension-under-test';

describe('Activation', () => {
  it('activates when a .http file is opened', async () => {
    const extension = extensionUnderTest();
    const editor = await openWorkspaceFile('sample.http');
    assert.equal(editor.document.languageId, 'http');
    await waitUntil(() => extension.isActive, 10_000, 'the extension to activate');
    assert.equal(extension.isActive, true);
  });
});
