// Workspace trust for scripts: read live (trust can be granted while the editor runs), and
// the one "scripts did not run" message per session that Restricted Mode owes the user.
import * as vscode from 'vscode';
import type { ParsedRequest } from '../../core/http-file/http-file-model';
import type { ScriptGate } from './script-gate';
import { OnceNotice, restrictedModeReason, scriptGate } from './script-gate';

export class ScriptTrust {
  private readonly notice = new OnceNotice();

  gate(): ScriptGate {
    return scriptGate(vscode.workspace.isTrusted);
  }

  /** Script options for a session: read at each send, so granting trust takes effect at once. */
  get options() {
    const gate = this.gate();
    return gate.run ? gate.options : undefined;
  }

  /** Tells the user, once, that a request's scripts did not run, and how to change that. */
  noteNotRun(request: ParsedRequest): void {
    if (!this.notice.shouldShow(this.gate(), request)) return;
    const manage = 'Manage Workspace Trust';
    void vscode.window.showInformationMessage(restrictedModeReason, manage).then((answer) => {
      if (answer === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }
}
