// The CLI's variable sources: env files and `.env` next to the request file or above it, up
// to the project root (see project-root.ts) and never above it, a REST Client-style
// `.vscode/settings.json` at the project root, and the process environment. The person
// running the CLI trusts their own files, not every folder between HOME and a download.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { loadEnvironmentFiles } from '../core/run/environment-files';
import type { EnvironmentTable } from '../core/variables/environments';
import { buildEnvironment, listEnvironmentNames, loadRestClientEnvironments } from '../core/variables/environments';
import type { VariableSources } from '../core/variables/variable-model';

async function settingsTable(projectRoot: string): Promise<EnvironmentTable | undefined> {
  let text: string;
  try {
    text = await fs.readFile(join(projectRoot, '.vscode', 'settings.json'), 'utf8');
  } catch {
    return undefined;
  }
  const settings = parseJsonc(text) as Record<string, unknown> | undefined;
  const value = settings?.['httpConflicts.environmentVariables'] ?? settings?.['rest-client.environmentVariables'];
  const loaded = loadRestClientEnvironments(value);
  return loaded.ok ? loaded.table : undefined;
}

export async function cliVariableSources(
  httpFile: string,
  projectRoot: string,
  envName: string | undefined,
): Promise<Omit<VariableSources, 'requests'> | { error: string }> {
  const files = await loadEnvironmentFiles(httpFile, projectRoot, true);
  if (files.errors.length) return { error: files.errors.map((e) => `${e.path}: ${e.message}`).join('\n') };
  const tables = [...files.tables];
  const fromSettings = await settingsTable(projectRoot);
  if (fromSettings) tables.unshift(fromSettings);
  if (envName && !listEnvironmentNames(tables).includes(envName)) {
    const known = listEnvironmentNames(tables);
    return {
      error: `Environment "${envName}" was not found${known.length ? ` (known: ${known.join(', ')})` : ' — no http-client.env.json or .vscode/settings.json environments next to the file'}`,
    };
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
