// The CLI's variable sources: env files next to the request file (up to the current
// folder), a REST Client-style `.vscode/settings.json` in the current folder, `.env`, and
// the process environment. The person running the CLI trusts their own files.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { loadEnvironmentFiles } from '../core/run/environment-files';
import type { EnvironmentTable } from '../core/variables/environments';
import { buildEnvironment, listEnvironmentNames, loadRestClientEnvironments } from '../core/variables/environments';
import type { VariableSources } from '../core/variables/variable-model';

async function settingsTable(cwd: string): Promise<EnvironmentTable | undefined> {
  let text: string;
  try {
    text = await fs.readFile(join(cwd, '.vscode', 'settings.json'), 'utf8');
  } catch {
    return undefined;
  }
  const settings = parseJsonc(text) as Record<string, unknown> | undefined;
  const value = settings?.['httpConflicts.environmentVariables'] ?? settings?.['rest-client.environmentVariables'];
  const loaded = loadRestClientEnvironments(value);
  return loaded.ok ? loaded.table : undefined;
}

export async function cliVariableSources(httpFile: string, cwd: string, envName: string | undefined): Promise<Omit<VariableSources, 'requests'> | { error: string }> {
  const files = await loadEnvironmentFiles(httpFile, cwd, true);
  if (files.errors.length) return { error: files.errors.map((e) => `${e.path}: ${e.message}`).join('\n') };
  const tables = [...files.tables];
  const fromSettings = await settingsTable(cwd);
  if (fromSettings) tables.unshift(fromSettings);
  if (envName && !listEnvironmentNames(tables).includes(envName)) {
    const known = listEnvironmentNames(tables);
    return { error: `Environment "${envName}" was not found${known.length ? ` (known: ${known.join(', ')})` : ' — no http-client.env.json or .vscode/settings.json environments next to the file'}` };
  }
  const env = buildEnvironment(envName ?? '$shared', tables);
  return {
    environment: env.variables,
    environmentName: envName,
    secretValues: env.secretValues,
    dotenv: files.dotenv,
    processEnv: process.env,
    prompts: {},
    allowProcessEnv: true,
    now: () => new Date(),
    random: Math.random,
  };
}
