// The environment picker and the variable sources of a send: the selected environment from
// the settings (REST Client's shape) and the env files beside the request, `.env` values,
// and the status-bar item that shows and switches the environment.
import * as vscode from 'vscode';
import { loadEnvironmentFiles } from '../core/run/environment-files';
import type { EnvironmentTable } from '../core/variables/environments';
import { buildEnvironment, listEnvironmentNames, loadRestClientEnvironments } from '../core/variables/environments';
import type { VariableSources } from '../core/variables/variable-model';
import { commandIds } from './command-ids';
import { readConfig, writeSetting } from './config';
import { Disposable } from './lifecycle/disposable';

export interface EnvironmentProblem {
  readonly uri: vscode.Uri;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export class Environments extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('httpConflicts.environment', vscode.StatusBarAlignment.Left, 50),
  );

  constructor() {
    super();
    this.item.name = 'HTTP Environment';
    this.item.command = commandIds.selectEnvironment;
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.refreshItem()));
    this.register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('httpConflicts.environment') && this.refreshItem(),
      ),
    );
    this.refreshItem();
  }

  private async tables(
    document: vscode.TextDocument,
  ): Promise<{ tables: EnvironmentTable[]; dotenv: Record<string, string>; problems: EnvironmentProblem[] }> {
    const config = readConfig(document.uri);
    const problems: EnvironmentProblem[] = [];
    const tables: EnvironmentTable[] = [];
    const fromSettings = loadRestClientEnvironments(config.environmentVariables);
    if (fromSettings.ok) tables.push(fromSettings.table);
    else problems.push({ uri: document.uri, message: fromSettings.message, line: 0, column: 0 });
    if (document.uri.scheme !== 'file') return { tables, dotenv: {}, problems };
    const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const files = await loadEnvironmentFiles(document.uri.fsPath, root, vscode.workspace.isTrusted);
    tables.push(...files.tables);
    for (const e of files.errors)
      problems.push({ uri: vscode.Uri.file(e.path), message: e.message, line: e.line, column: e.column });
    return { tables, dotenv: files.dotenv, problems };
  }

  async names(document: vscode.TextDocument): Promise<string[]> {
    return listEnvironmentNames((await this.tables(document)).tables);
  }

  /** Everything a resolver needs except the named-request records, which the session adds. */
  async sources(
    document: vscode.TextDocument,
    prompts: Record<string, string> = {},
  ): Promise<{ sources: Omit<VariableSources, 'requests'>; problems: EnvironmentProblem[] }> {
    const { tables, dotenv, problems } = await this.tables(document);
    const selected = readConfig(document.uri).environment;
    const env = buildEnvironment(selected || '$shared', tables);
    return {
      problems,
      sources: {
        environment: env.variables,
        environmentName: selected || undefined,
        secretValues: env.secretValues,
        dotenv,
        processEnv: process.env,
        prompts,
        allowProcessEnv: vscode.workspace.isTrusted,
        now: () => new Date(),
        random: Math.random,
      },
    };
  }

  async pick(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const names = document ? await this.names(document) : [];
    const current = readConfig(document?.uri).environment;
    const items: Array<vscode.QuickPickItem & { value: string }> = [
      { label: 'No Environment', description: current === '' ? 'current' : undefined, value: '' },
      ...names.map((name) => ({ label: name, description: name === current ? 'current' : undefined, value: name })),
    ];
    // The current environment is the highlighted one, so Enter keeps it (showQuickPick always
    // highlights the first item, "No Environment", and Enter switched the environment off).
    const chosen = await pickWithActive(
      items,
      items.find((item) => item.value === current),
      {
        title: 'HTTP: Select Environment',
        placeholder: names.length
          ? 'Variables of the chosen environment are used when sending'
          : 'No environments found: add http-client.env.json or httpConflicts.environmentVariables',
      },
    );
    if (!chosen) return;
    await writeSetting('environment', chosen.value, document?.uri);
    this.refreshItem();
  }

  private refreshItem(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'http') {
      this.item.hide();
      return;
    }
    const name = readConfig(editor.document.uri).environment;
    this.item.text = `$(server-environment) ${name || 'No Environment'}`;
    this.item.tooltip = 'HTTP environment — click to switch';
    this.item.show();
  }
}

function pickWithActive<T extends vscode.QuickPickItem>(
  items: readonly T[],
  active: T | undefined,
  options: { title: string; placeholder: string },
): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  if (active) pick.activeItems = [active];
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0] ?? pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
