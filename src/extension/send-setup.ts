// What every send from the editor is given: the files an include may read (none in
// Restricted Mode), the settings as send options (TLS files read at send time), and a log
// line for the request and its result with the secrets masked.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { createFileAccess, noFileAccess } from '../core/run/include-files';
import type { OutgoingRequest, SendOptions, SendResult } from '../core/send/send-model';
import { readConfig } from './config';
import { sendRequest } from './lazy-sender';
import type { Log } from './log';

export function editorFileAccess(uri: vscode.Uri) {
  if (!vscode.workspace.isTrusted || uri.scheme !== 'file') return noFileAccess;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  return createFileAccess({
    httpFile: uri.fsPath,
    roots: roots.length ? roots : [vscode.Uri.joinPath(uri, '..').fsPath],
    allowOutside: readConfig(uri).allowIncludesOutsideWorkspace,
  });
}

export async function sendLogged(
  log: Log,
  request: OutgoingRequest,
  options: SendOptions,
  secrets: readonly string[],
): Promise<SendResult> {
  log.request(request.method, request.url, request.headers, secrets);
  const result = await sendRequest(request, options, secrets);
  if (result.ok) {
    const { status, statusText, timings, body } = result.response;
    log.info(`← ${status} ${statusText} (${Math.round(timings.total)} ms, ${body.length} B)`);
  } else if (result.failure.code !== 'aborted')
    log.warn(`✘ ${result.failure.code}: ${result.failure.message}`, secrets);
  return result;
}

export async function sendOptions(uri: vscode.Uri | undefined, signal?: AbortSignal): Promise<SendOptions> {
  const config = readConfig(uri);
  const read = async (path: string) => (path ? fs.readFile(path, 'utf8') : undefined);
  const [ca, cert, key] = await Promise.all([
    read(config.tlsFiles.ca),
    read(config.tlsFiles.cert),
    read(config.tlsFiles.key),
  ]);
  const { tlsVerify, ...send } = config.send;
  return { ...send, tls: { verify: tlsVerify, ca, cert, key }, signal };
}
