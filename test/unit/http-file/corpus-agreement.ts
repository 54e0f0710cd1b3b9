// The corpus agreement figures of issue 19, printed by scripts/corpus-agreement.mjs: how many
// corpus files and requests our parser reads as their authors meant (method, URL, header
// names, body, name — the corpus test's measure), and, on the coarser shape that httpYac's
// parser can be compared on (method, URL, body or not), ours next to httpYac's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as httpyac from 'httpyac';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { httpyacShapes } from './httpyac-shapes';
import { corpusExpectations } from './real-world-corpus-expectations';
import { measureCorpus, readCorpusFile } from './real-world-corpus';

interface ShapeScore {
  files: number;
  requests: number;
  disagreements: string[];
}

/** Longest common subsequence: one missing or extra request costs one, not all that follow. */
function matched(actual: readonly string[], wanted: readonly string[]): number {
  let previous = new Array<number>(wanted.length + 1).fill(0);
  for (const a of actual) {
    const row = [0];
    for (let j = 1; j <= wanted.length; j++)
      row.push(a === wanted[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]));
    previous = row;
  }
  return previous[wanted.length];
}

function score(file: string, actual: readonly string[], wanted: readonly string[], into: ShapeScore): void {
  const n = matched(actual, wanted);
  into.requests += n;
  if (n === wanted.length && actual.length === wanted.length) into.files++;
  else into.disagreements.push(`${file}: ${n}/${wanted.length} (gives ${actual.length})`);
}

const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

async function main(): Promise<void> {
  const files = Object.keys(corpusExpectations).sort();
  const full = measureCorpus(parseHttpFile);
  const ours: ShapeScore = { files: 0, requests: 0, disagreements: [] };
  const theirs: ShapeScore = { files: 0, requests: 0, disagreements: [] };
  let requests = 0;
  httpyac.cli.initFileProvider();
  const workingDir = mkdtempSync(join(tmpdir(), 'corpus-agreement-'));
  try {
    for (const file of files) {
      const text = readCorpusFile(file);
      // A row marked as a known gap never counts as read as meant (as in measureCorpus).
      const wanted = corpusExpectations[file].requests.map((e, i) =>
        e.gap !== undefined ? `\u0000gap ${i}` : `${e.m} ${e.u} ${e.b ? 'body' : 'no body'}`,
      );
      requests += wanted.length;
      const mine = parseHttpFile(text).requests.map((r) => `${r.method} ${r.url} ${r.body ? 'body' : 'no body'}`);
      score(file, mine, wanted, ours);
      score(file, await httpyacShapes(file, text, workingDir), wanted, theirs);
    }
  } finally {
    rmSync(workingDir, { recursive: true, force: true });
  }
  const lines = [
    `corpus: ${files.length} files, ${requests} requests (test/fixtures/http/corpus)`,
    `ours, full (method, URL, headers, body, name): files ${full.filesAsMeant}/${full.files} ${percent(full.filesAsMeant, full.files)}, requests ${full.requestsAsMeant}/${full.requests} ${percent(full.requestsAsMeant, full.requests)}`,
    `ours, shape (method, URL, body or not):       files ${ours.files}/${files.length} ${percent(ours.files, files.length)}, requests ${ours.requests}/${requests} ${percent(ours.requests, requests)}`,
    `httpYac, shape (method, URL, body or not):    files ${theirs.files}/${files.length} ${percent(theirs.files, files.length)}, requests ${theirs.requests}/${requests} ${percent(theirs.requests, requests)}`,
    ...ours.disagreements.map((d) => `  ours differs    ${d}`),
    ...theirs.disagreements.map((d) => `  httpYac differs ${d}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
