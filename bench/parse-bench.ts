// Parse case: our parseHttpFile vs httpYac's parser, used as a library, on the same generated
// text. Both must find the same number of requests, or the comparison means nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as httpyac from 'httpyac';
import { parseHttpFile } from '../src/core/http-file/parse-http-file';
import { numberArg, readArgs, report, stringArg } from './bench-args';
import { generateHttpFile } from './http-file-generator';
import { timePreparedRuns, timeRuns, type RunPlan } from './measure';

type Peer = 'ours' | 'httpyac';

async function measureOurs(text: string, plan: RunPlan): Promise<{ times: number[]; requests: number }> {
  const parsed = parseHttpFile(text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(`our parser reported ${errors.length} errors on the generated file: ${errors[0].message}`);
  const times = await timeRuns(plan, () => parseHttpFile(text));
  return { times, requests: parsed.requests.length };
}

/**
 * httpYac's `HttpFileStore.parse` also loads its config on every call; only the parse proper
 * (`store.parseHttpFile` on a freshly initialised HttpFile) is timed, which favours httpYac.
 */
async function measureHttpyac(text: string, plan: RunPlan): Promise<{ times: number[]; requests: number }> {
  httpyac.cli.initFileProvider();
  const store = new httpyac.store.HttpFileStore();
  // httpYac looks for its config and env files around the file: give it an empty folder.
  const workingDir = mkdtempSync(join(tmpdir(), 'httpyac-parse-'));
  const fileName = join(workingDir, 'generated.http');
  let requests = 0;
  const times = await timePreparedRuns(
    plan,
    () => store.initHttpFile(fileName, { workingDir }),
    async (httpFile) => {
      await httpyac.store.parseHttpFile(httpFile, text, store);
      requests = httpFile.httpRegions.filter((region) => region.request !== undefined).length;
    },
  );
  rmSync(workingDir, { recursive: true, force: true });
  return { times, requests };
}

async function main(): Promise<void> {
  const args = readArgs();
  const size = numberArg(args, 'size');
  const peer = stringArg(args, 'peer') as Peer;
  const plan: RunPlan = { warmup: numberArg(args, 'warmup'), runs: numberArg(args, 'runs') };
  const text = generateHttpFile(size);
  const result = peer === 'ours' ? await measureOurs(text, plan) : await measureHttpyac(text, plan);
  if (result.requests !== size) throw new Error(`${peer} parsed ${result.requests} requests, the file holds ${size}`);
  report({ ...result, bytes: Buffer.byteLength(text) });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
