import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedHttpFile } from '../../../src/core/http-file/http-file-model';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';
import { corpusExpectations } from './real-world-corpus-expectations';
import { corpusFiles, readCorpusFile, scoreFile, summarise } from './real-world-corpus';

describe('parseHttpFile: real-world files (test/fixtures/http/corpus)', () => {
  it('has an expectation for every corpus file', () => {
    assert.deepEqual(corpusFiles(), Object.keys(corpusExpectations).sort());
  });

  for (const [file, expected] of Object.entries(corpusExpectations)) {
    describe(file, () => {
      let text = '';
      let parsed: ParsedHttpFile;
      before(() => {
        text = readCorpusFile(file);
        parsed = parseHttpFile(text);
      });

      it('reads every request as its author meant', () => {
        const actual = parsed.requests.map((request, i) => {
          const wanted = expected.requests[i];
          return wanted?.gap !== undefined ? wanted : summarise(request);
        });
        assert.deepEqual(actual, expected.requests);
        assert.equal(scoreFile(parsed, expected.requests), expected.requests.filter((r) => r.gap === undefined).length);
      });

      it('defines the file variables and reports only what the file calls for', () => {
        assert.deepEqual(
          parsed.fileVariables.map((v) => v.name),
          expected.variables ?? [],
        );
        assert.deepEqual(parsed.diagnostics.map((d) => d.code).sort(), [...(expected.codes ?? [])].sort());
        for (const gap of expected.requests.flatMap((r) => (r.gap === undefined ? [] : [r.gap]))) {
          assert.ok(
            parsed.diagnostics.some((d) => d.code === gap),
            `a request we cannot follow is reported (${gap})`,
          );
        }
      });

      it('gives ranges that agree with the text', () => {
        assertAllRangesConsistent(text, parsed);
        for (const request of parsed.requests) {
          if (request.body) assert.equal(sliceRange(text, request.body.range), request.body.text);
        }
      });
    });
  }
});
