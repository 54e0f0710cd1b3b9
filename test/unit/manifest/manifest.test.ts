// The manifest's promises: what runs in Restricted Mode, which settings an untrusted
// workspace may not set, how the extension activates, and the command titles of PRODUCT.md.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandIds } from '../../../src/extension/command-ids';
import { repoRoot } from '../../support/repo-root';

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { scope?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;

describe('the extension manifest', () => {
  it('supports untrusted workspaces only in a limited way', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('keeps every setting that steers where requests go or which credentials they carry out of untrusted workspaces', () => {
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
    for (const key of [
      'httpConflicts.proxy',
      'httpConflicts.tls.verify',
      'httpConflicts.tls.ca',
      'httpConflicts.tls.cert',
      'httpConflicts.tls.key',
      'httpConflicts.allowIncludesOutsideWorkspace',
      'httpConflicts.environmentVariables',
    ]) {
      assert.ok(restricted.has(key), `${key} is restricted`);
      assert.ok(manifest.contributes.configuration.properties[key], `${key} is a contributed setting`);
    }
  });

  it('activates on .http files and on a panel to restore, not on start-up', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), [
      'onLanguage:http',
      'onWebviewPanel:httpConflicts.response',
    ]);
  });

  it('contributes the commands of the product design with exactly their titles', () => {
    const titles = Object.fromEntries(
      manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]),
    );
    assert.equal(titles[commandIds.send], 'HTTP: Send Request');
    assert.equal(titles[commandIds.sendAll], 'HTTP: Send All Requests in File');
    assert.equal(titles[commandIds.cancel], 'HTTP: Cancel Request');
    assert.equal(titles[commandIds.refetch], 'HTTP: Refetch Current Version');
    assert.equal(titles[commandIds.rebase], 'HTTP: Rebase Body on Current Version');
    assert.equal(titles[commandIds.resend], 'HTTP: Resend Request');
    assert.equal(titles[commandIds.resolve], 'HTTP: Resolve Conflict (Refetch, Rebase, Resend)');
    assert.equal(titles[commandIds.compare], 'HTTP: Compare Versions');
    assert.equal(titles[commandIds.takeTheirs], 'HTTP: Discard My Changes (Use Current Version)');
    assert.equal(titles[commandIds.overwrite], 'HTTP: Overwrite Current Version…');
    assert.equal(titles[commandIds.selectEnvironment], 'HTTP: Select Environment');
    assert.equal(titles[commandIds.copyAsCurl], 'HTTP: Copy Request as cURL');
    assert.equal(titles[commandIds.probe], 'HTTP: Test Lost-Update Protection…');
    assert.deepEqual(Object.values(commandIds).sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });
});
