// Reads the real-world corpus and scores our parser against what each author meant: shared by
// the corpus test and by anyone who wants the percentage (`measureCorpus`).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedHttpFile, ParsedRequest } from '../../../src/core/http-file/http-file-model';
import type { ExpectedRequest } from './real-world-corpus-expectations';
import { corpusExpectations } from './real-world-corpus-expectations';

export const corpusDir = join(process.cwd(), 'test', 'fixtures', 'http', 'corpus');

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.http') || f.endsWith('.rest'))
    .sort();
}

export function readCorpusFile(file: string): string {
  return readFileSync(join(corpusDir, file), 'utf8');
}

function bodySummary(request: ParsedRequest): string | undefined {
  const body = request.body;
  if (body === undefined) return undefined;
  const lines = body.text.split(/\r\n|\r|\n/).map((l) => l.trim());
  const first = lines[0];
  const last = lines[lines.length - 1];
  const text = lines.length === 1 ? `${body.kind}: ${first}` : `${body.kind}: ${first} … ${last}`;
  // httpYac `fragment` blocks outside the request that are appended to the query sent.
  const fragments = [...(body.graphqlFragments ?? '').matchAll(/^fragment\s+(\w+)/gm)].map((m) => m[1]);
  return fragments.length ? `${text} + fragment ${fragments.join(', ')}` : text;
}

/** The request in the shape of an expectation, for deepEqual. */
export function summarise(request: ParsedRequest): ExpectedRequest {
  const summary: { -readonly [K in keyof ExpectedRequest]: ExpectedRequest[K] } = { m: request.method, u: request.url };
  if (request.headers.length > 0) summary.h = request.headers.map((h) => h.name).join(',');
  const body = bodySummary(request);
  if (body !== undefined) summary.b = body;
  const name = request.metadata.name ?? request.title;
  if (name !== undefined) summary.n = name;
  return summary;
}

function withoutGap(expected: ExpectedRequest): ExpectedRequest {
  const { gap: _gap, ...rest } = expected;
  return rest;
}

/**
 * How many expected requests the parser gives exactly as meant, aligned by longest common
 * subsequence so one extra or missing request costs one, not every request after it.
 */
export function scoreFile(parsed: ParsedHttpFile, expected: readonly ExpectedRequest[]): number {
  const actual = parsed.requests.map((r) => JSON.stringify(summarise(r)));
  const wanted = expected.map((e) => (e.gap !== undefined ? undefined : JSON.stringify(withoutGap(e))));
  const table: number[][] = Array.from({ length: actual.length + 1 }, () =>
    new Array<number>(wanted.length + 1).fill(0),
  );
  for (let i = 1; i <= actual.length; i++) {
    for (let j = 1; j <= wanted.length; j++) {
      table[i][j] =
        wanted[j - 1] !== undefined && actual[i - 1] === wanted[j - 1]
          ? table[i - 1][j - 1] + 1
          : Math.max(table[i - 1][j], table[i][j - 1]);
    }
  }
  return table[actual.length][wanted.length];
}

export interface CorpusScore {
  readonly files: number;
  readonly filesAsMeant: number;
  readonly requests: number;
  readonly requestsAsMeant: number;
}

export function measureCorpus(parse: (text: string) => ParsedHttpFile): CorpusScore {
  let filesAsMeant = 0;
  let requests = 0;
  let requestsAsMeant = 0;
  const files = Object.keys(corpusExpectations);
  for (const file of files) {
    const expected = corpusExpectations[file].requests;
    const parsed = parse(readCorpusFile(file));
    const score = scoreFile(parsed, expected);
    requests += expected.length;
    requestsAsMeant += score;
    if (score === expected.length && parsed.requests.length === expected.length) filesAsMeant++;
  }
  return { files: files.length, filesAsMeant, requests, requestsAsMeant };
}
