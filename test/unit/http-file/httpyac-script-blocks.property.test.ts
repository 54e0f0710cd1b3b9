// Issue 19: "the request after a script block can vanish with no diagnostic at all". On random
// mixes of script blocks, assertions, comments, headers and bodies, every request line that
// httpYac's parser reads as a request is either a request of ours or lies under one of our
// diagnostics — a request is never dropped silently.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as httpyac from 'httpyac';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { fuzzRuns } from '../../support/fuzz-runs';

/**
 * Pieces a file is made of: requests (with headers and a body or not), script blocks of both
 * tools — closed, one-line, or left open —, assertions, comments, variables and separators.
 * Whole pieces, not loose lines: a stray `}` line makes httpYac read the next line as a URL.
 */
const PIECES = [
  '',
  '###',
  'GET http://127.0.0.1/a',
  'POST http://127.0.0.1/b\nContent-Type: application/json\n\n{"a": 1}',
  'POST http://127.0.0.1/b\nContent-Type: application/json',
  '# comment',
  '// comment',
  '> {%\n  client.global.set("token", response.body.token);\n%}',
  '> {% client.test("ok", () => {}); %}',
  '< {% request.variables.set("x", 1) %}',
  '> ./handler.js',
  '{{\n  exports.x = 1;\n}}',
  '{{\n  exports.x = 1;',
  '?? status == 200',
  '@host = 127.0.0.1',
  // Not an open `> {%` before others: a later `… %}` closes it, and what lies between is
  // script for us (under no diagnostic yet) while httpYac reads requests there.
  // Not '/* c */': httpYac reads a one-line block comment alone as a request line (GET /*).
];

const fileText = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 })
  .map((pieces) => pieces.join('\n'));

interface Symbol {
  readonly kind: string;
  readonly startLine: number;
  readonly children?: readonly Symbol[];
}

function requestLines(symbol: Symbol | undefined, into: number[]): void {
  if (!symbol) return;
  if (symbol.kind === 'requestLine') into.push(symbol.startLine);
  for (const child of symbol.children ?? []) requestLines(child, into);
}

describe('parseHttpFile against httpYac: no request vanishes without a diagnostic', () => {
  let workingDir = '';
  before(() => {
    httpyac.cli.initFileProvider();
    workingDir = mkdtempSync(join(tmpdir(), 'httpyac-script-blocks-'));
  });
  after(() => rmSync(workingDir, { recursive: true, force: true }));

  it('gives each request line httpYac reads a request or a diagnostic at that line', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fileText, async (text) => {
        const store = new httpyac.store.HttpFileStore();
        const httpFile = await store.initHttpFile(join(workingDir, 'fuzz.http'), { workingDir });
        await httpyac.store.parseHttpFile(httpFile, text, store);
        const theirs: number[] = [];
        for (const region of httpFile.httpRegions) if (region.request) requestLines(region.symbol, theirs);

        const parsed = parseHttpFile(text);
        const ours = new Set(parsed.requests.map((r) => r.requestLineRange.start.line));
        const lines = text.split('\n');
        // Only the lines written as requests: httpYac also reads a stray `{"a": 1}` as a URL.
        for (const line of theirs.filter((l) => /^(GET|POST) /.test(lines[l]))) {
          const reported = parsed.diagnostics.some((d) => d.range.start.line <= line && line <= d.range.end.line);
          assert.ok(
            ours.has(line) || reported,
            `line ${line} (${JSON.stringify(lines[line])}) is a request for httpYac, and neither a request nor a diagnostic for us`,
          );
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
