// The first thing a user does: install the extension, open a .http file, send a request.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureWorkspace, repoRoot, startEditor, vsixUnderTest } from './harness';
import type { Editor } from './harness';

describe('Sending a request from a .http file', function () {
  this.timeout(180_000);
  let editor: Editor;

  before(async () => {
    editor = await startEditor({ workspace: fixtureWorkspace(), vsix: vsixUnderTest() });
  });

  after(async () => {
    await editor?.stop();
  });

  it('installs from the VSIX', () => {
    const { publisher, name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.ok(
      editor.installedExtensions.includes(`${publisher}.${name}@${version}`),
      `installed: ${editor.installedExtensions.join(', ')}`,
    );
  });

  it('shows sample.http in the editor when it is opened from the Explorer', async () => {
    await editor.openFile('sample.http');
    const text = await editor.editorText();
    assert.match(text, /^GET \{\{baseUrl\}\}\/items\/1$/m);
    assert.match(text, /^PUT \{\{baseUrl\}\}\/items\/1$/m);
  });

  it('says in plain words when "HTTP: Send Request" finds no server listening', async () => {
    // sample.http points at 127.0.0.1:9, where nothing listens.
    await editor.gotoLine(5);
    await editor.runCommand('HTTP: Send Request');
    const message = await editor.waitForNotification('refused');
    await editor.screenshot('send-request-refused');
    assert.match(message, /Connection refused by 127\.0\.0\.1:9/);
  });
});
