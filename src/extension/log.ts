// One LogOutputChannel for the extension; its level follows VS Code's "Set Log Level".
// Everything that may carry a request's credentials goes through redaction first.
import * as vscode from 'vscode';
import { redactHeaders, redactText, redactUrl } from '../core/redact';
import type { HeaderList } from '../core/send/send-model';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('HTTP Conflict Resolver', { log: true });

  request(method: string, url: string, headers: HeaderList, secrets: readonly string[]): void {
    this.channel.info(`→ ${method} ${redactUrl(url, secrets)}`);
    for (const [name, value] of redactHeaders(headers, secrets)) this.channel.debug(`  ${name}: ${value}`);
  }

  info(message: string, secrets: readonly string[] = []): void {
    this.channel.info(redactText(message, secrets));
  }

  warn(message: string, secrets: readonly string[] = []): void {
    this.channel.warn(redactText(message, secrets));
  }

  error(message: string, error?: unknown, secrets: readonly string[] = []): void {
    // The stack at error level too: it is what a bug report needs, at any log level.
    const stack = error instanceof Error && error.stack ? `\n${redactText(error.stack, secrets)}` : '';
    this.channel.error(redactText(message, secrets) + stack);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
