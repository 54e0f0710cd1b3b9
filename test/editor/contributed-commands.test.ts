import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionUnderTest, readManifest } from './extension-under-test';

describe('Contributed commands', () => {
  let registered: string[];

  before(async () => {
    // Commands are registered by activate(); list them only once it has run.
    await extensionUnderTest().activate();
    registered = await vscode.commands.getCommands(true);
  });

  it('registers every command that package.json contributes', () => {
    const contributed = (readManifest().contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const missing = contributed.filter((id) => !registered.includes(id));
    assert.deepEqual(missing, [], 'contributed in package.json but not registered');
  });

  it('contributes in package.json every httpConflicts command it registers', () => {
    const contributed = new Set((readManifest().contributes?.commands ?? []).map((c) => c.command));
    const ours = registered.filter((id) => id.startsWith('httpConflicts.'));
    assert.ok(ours.length > 0, 'no httpConflicts.* command is registered');
    const undeclared = ours.filter((id) => !contributed.has(id));
    assert.deepEqual(undeclared, [], 'registered but missing from package.json');
  });
});
