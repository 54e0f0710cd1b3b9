// One typed reader over the extension's settings, read when needed so changes apply
// without a reload. Defaults live in package.json; the fallbacks here only guard against a
// missing or mistyped user value.
import * as vscode from 'vscode';
import type { SendOptions } from '../core/send/send-model';

export interface ExtensionConfig {
  readonly environment: string;
  readonly environmentVariables: Record<string, Record<string, unknown>>;
  readonly versionFields: readonly string[];
  /** JSON pointers of fields the server sets on every write (`*` within a segment). */
  readonly serverManagedFields: readonly string[];
  readonly allowIncludesOutsideWorkspace: boolean;
  readonly codeLens: boolean;
  readonly tlsFiles: { readonly ca: string; readonly cert: string; readonly key: string };
  readonly send: Omit<SendOptions, 'signal' | 'dispatcher' | 'tls'> & { readonly tlsVerify: boolean };
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function readConfig(scope?: vscode.Uri): ExtensionConfig {
  const c = vscode.workspace.getConfiguration('httpConflicts', scope);
  const own = c.get<Record<string, Record<string, unknown>>>('environmentVariables') ?? {};
  const restClient =
    vscode.workspace
      .getConfiguration('rest-client', scope)
      .get<Record<string, Record<string, unknown>>>('environmentVariables') ?? {};
  const proxy = str(c.get('proxy'));
  return {
    environment: str(c.get('environment')),
    environmentVariables: Object.keys(own).length ? own : restClient,
    versionFields: (c.get<string[]>('versionFields') ?? ['version', '_version', 'rev', 'etag']).filter(
      (f) => typeof f === 'string',
    ),
    serverManagedFields: (c.get<string[]>('serverManagedFields') ?? []).filter((f) => typeof f === 'string'),
    allowIncludesOutsideWorkspace: c.get<boolean>('allowIncludesOutsideWorkspace') === true,
    codeLens: c.get<boolean>('codeLens') !== false,
    tlsFiles: { ca: str(c.get('tls.ca')), cert: str(c.get('tls.cert')), key: str(c.get('tls.key')) },
    send: {
      connectTimeoutMs: num(c.get('timeouts.connectMs'), 10_000),
      headersTimeoutMs: num(c.get('timeouts.headersMs'), 30_000),
      bodyTimeoutMs: num(c.get('timeouts.bodyMs'), 30_000),
      totalTimeoutMs: num(c.get('timeouts.totalMs'), 120_000),
      followRedirects: c.get<boolean>('followRedirects') !== false,
      maxRedirects: num(c.get('maxRedirects'), 10),
      maxBodyBytes: Math.round(num(c.get('maxResponseSizeMB'), 50) * 1024 * 1024),
      proxy: proxy || undefined,
      env: process.env,
      tlsVerify: c.get<boolean>('tls.verify') !== false,
    },
  };
}

/** Writes back to the scope the value came from (workspace folder, workspace, or user). */
export async function writeSetting(key: string, value: unknown, scope?: vscode.Uri): Promise<void> {
  const c = vscode.workspace.getConfiguration('httpConflicts', scope);
  const inspected = c.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined || vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}
