// What the editor asks before a send: the values of `# @prompt` variables, and — in Restricted
// Mode — whether the request may leave the machine at all.
import * as vscode from 'vscode';
import type { ParsedRequest } from '../core/http-file/http-file-model';

/** The answers to the request's `# @prompt` lines; undefined when the user cancelled one. */
export async function askPrompts(request: ParsedRequest): Promise<Record<string, string> | undefined> {
  const answers: Record<string, string> = {};
  for (const prompt of request.metadata.prompts) {
    const secret = /pass|secret|token|key/i.test(prompt.name);
    const value = await vscode.window.showInputBox({
      title: `Value for {{${prompt.name}}}`,
      prompt: prompt.description ?? prompt.name,
      password: secret,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    answers[prompt.name] = value;
  }
  return answers;
}

/** The modal question of Restricted Mode: send this once, for the session, or not at all. */
export async function askToSendUntrusted(url: string): Promise<'once' | 'always' | 'no'> {
  const send = 'Send';
  const always = "Send and Don't Ask Again This Session";
  const answer = await vscode.window.showWarningMessage(
    `This workspace is in Restricted Mode. Send the request to ${url}?`,
    {
      modal: true,
      detail:
        'Requests from files you have not trusted could send data to any server. File includes, $processEnv and $dotenv stay off until you trust the workspace.',
    },
    send,
    always,
  );
  return answer === always ? 'always' : answer === send ? 'once' : 'no';
}
