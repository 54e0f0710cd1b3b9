import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { extensionUnderTest, openWorkspaceFile, waitUntil } from './extension-under-test';

/** The bundles dist/extension.js requires on first use (esbuild.config.mjs `lazyBundles`). */
const loadedOnFirstUse = ['sender', 'resolve', 'jsonpath', 'probe'];

describe('Activation', () => {
  it('activates when a .http file is opened', async () => {
    const extension = extensionUnderTest();
    const editor = await openWorkspaceFile('sample.http');
    assert.equal(editor.document.languageId, 'http');
    await waitUntil(() => extension.isActive, 10_000, 'the extension to activate');
    assert.equal(extension.isActive, true);
  });

  // This file runs first: nothing has been sent, no conflict opened, no probe run yet.
  it('loads none of the bundles kept for first use (sender, conflict workflow, JSONPath, probe)', () => {
    const dist = join(extensionUnderTest().extensionPath, 'dist');
    for (const name of loadedOnFirstUse) {
      const file = join(dist, `${name}.js`);
      assert.ok(existsSync(file), `${file} is built beside dist/extension.js`);
      assert.equal(require.cache[file], undefined, `dist/${name}.js was loaded at activation`);
    }
  });
});
