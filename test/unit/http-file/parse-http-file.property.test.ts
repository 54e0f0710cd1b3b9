import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { fuzzRuns } from '../../support/fuzz-runs';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

const FRAGMENTS = [
  '',
  '   ',
  '\t',
  '###',
  '### Title',
  '####',
  '  ### indented',
  '# @name a',
  '// @name=b',
  '# @name',
  '# @prompt user Your name',
  '# @prompt',
  '# @no-redirect',
  '# @timeout 5',
  '# comment',
  '// comment',
  '@host = example.com',
  '@v=1',
  '@v',
  '@',
  '@ = 2',
  'GET https://example.com/a',
  'POST /b HTTP/1.1',
  'POST',
  'DELETE HTTP/2',
  'get2 /x',
  'purge /x',
  'PURGE /x',
  'https://example.com',
  '{{host}}/x y',
  '  ?a=1',
  '  &b=2 HTTP/2',
  '    /path',
  '?? status == 200',
  'Content-Type: application/json',
  'content-type: multipart/form-data; boundary=B',
  'X-Request-Type: GraphQL',
  'Accept:',
  'Bad header',
  'Bad Name: x',
  ': no name',
  '{"a": 1}',
  '[1, 2]',
  '{',
  '}',
  '< ./f.json',
  '<@ ./g',
  '<@latin1 ./h',
  '<',
  '<@',
  '<a/>',
  '> {%',
  '> {% client.x() %}',
  '< {%',
  '%}',
  '{{',
  '}}',
  '>> out.json',
  '<> prev.json',
  'query { a }',
  'mutation M($x: ID) { b }',
  '\uFEFF',
  'é✓😀',
  '\ud800',
  '--B',
  'GRAPHQL /gql',
  // Real-world patterns (issue 19): block comments, saved responses, fragments, continuations.
  '/* c */',
  '/*',
  '*/',
  'HTTP/1.1 200 OK',
  'HTTP/2 404',
  'fragment F on T {',
  'gql q < ./f.gql',
  'Authorization: Digest a b',
  'Authorization: Basic a:b',
  '@after = body',
  'GET /a?',
  '    author=x',
  '  &page=2',
  '// CreateCommand',
  '> ./handler.js',
  'stray text',
  'REPORT /dav',
  'GET localhost:8080/x',
];

const EOLS = ['\n', '\r\n', '\r'];

/** Files assembled from lines a user might write, with every kind of line ending. */
const httpLikeText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...EOLS)), { maxLength: 40 })
  .chain((lines) =>
    fc
      .boolean()
      .map((endsWithEol) =>
        lines.map(([line, eol], i) => line + (i < lines.length - 1 || endsWithEol ? eol : '')).join(''),
      ),
  );

const anyText = fc.string({ unit: 'binary', maxLength: 300 });

const RUNS = fuzzRuns(300);

describe('parseHttpFile: properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        parseHttpFile(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on text built from .http-like lines', () => {
    fc.assert(
      fc.property(httpLikeText, (text) => {
        parseHttpFile(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives ranges that lie inside the text and agree with their line and character', () => {
    fc.assert(
      fc.property(fc.oneof(httpLikeText, anyText), (text) => {
        assertAllRangesConsistent(text, parseHttpFile(text));
      }),
      { numRuns: RUNS },
    );
  });

  it("slices the url range back to text that holds the url's first line", () => {
    fc.assert(
      fc.property(httpLikeText, (text) => {
        for (const request of parseHttpFile(text).requests) {
          const sliced = sliceRange(text, request.urlRange);
          const firstLine = sliced.split(/\r\n|\r|\n/)[0];
          assert.ok(
            request.url.startsWith(firstLine),
            `${JSON.stringify(request.url)} starts with ${JSON.stringify(firstLine)}`,
          );
          if (firstLine === sliced) assert.equal(sliced, request.url);
          assert.ok(sliceRange(text, request.requestLineRange).includes(firstLine));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('slices bodies, parts and headers back to what the parser reports', () => {
    fc.assert(
      fc.property(httpLikeText, (text) => {
        for (const request of parseHttpFile(text).requests) {
          for (const header of request.headers) assert.ok(sliceRange(text, header.range).startsWith(header.name));
          const body = request.body;
          if (!body) continue;
          assert.equal(sliceRange(text, body.range), body.text);
          assert.equal(body.parts.map((p) => sliceRange(text, p.range)).join(''), body.text);
          assert.notEqual(body.text.trim(), '', 'a body is never blank');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps each request inside its own block, in order', () => {
    fc.assert(
      fc.property(httpLikeText, (text) => {
        const { requests } = parseHttpFile(text);
        for (let i = 1; i < requests.length; i++) {
          assert.ok(requests[i - 1].range.end.offset <= requests[i].range.start.offset);
          assert.equal(requests[i].index, i);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
