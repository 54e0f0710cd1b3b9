// "Open in Editor" for a response body: a read-only virtual document, so VS Code's own editor
// (virtualised, with its own Find, folding and search) shows a body of any size that the
// panel only shows the start of. Read-only, because it is what the server sent, not a file.
import * as vscode from 'vscode';
import { ReadOnlyDocuments } from '../documents/read-only-documents';
import { reindentJson } from './reindent-json';

export const responseScheme = 'http-response';

export interface ResponseBody {
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly label: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class ResponseDocuments extends ReadOnlyDocuments {
  private count = 0;

  constructor() {
    super(responseScheme);
  }

  /** Opens `response` in a read-only editor tab: JSON re-indented (tokens verbatim), anything else as received. */
  async open(response: ResponseBody): Promise<void> {
    const uri = this.put(response);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  put(response: ResponseBody): vscode.Uri {
    const text = utf8.decode(response.body);
    const type = (response.contentType ?? '').toLowerCase();
    const extension = /json/.test(type)
      ? 'json'
      : /xml/.test(type)
        ? 'xml'
        : /html/.test(type)
          ? 'html'
          : /json/.test(guessLanguage(text))
            ? 'json'
            : 'txt';
    const content = extension === 'json' ? (reindentJson(text)?.text ?? text) : text;
    // One document per opening: an older tab keeps the body it showed.
    this.count++;
    const name = `${
      response.label
        .replace(/[^\w.-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'response'
    }-${this.count}.${extension}`;
    return this.store(`/${name}`, content);
  }
}

function guessLanguage(text: string): string {
  const head = text.slice(0, 256).trimStart();
  return head.startsWith('{') || head.startsWith('[') ? 'json' : 'text';
}
