import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

/** Parses, checks ranges, and returns each diagnostic as [code, severity, the text it covers]. */
function problems(text: string): Array<[string, string, string]> {
  const parsed = parseHttpFile(text);
  assertAllRangesConsistent(text, parsed);
  return parsed.diagnostics.map((d) => [d.code, d.severity, sliceRange(text, d.range)]);
}

describe('parseHttpFile: diagnostics', () => {
  it('reports nothing for a well-formed file', () => {
    assert.deepEqual(problems('@a = 1\n# @name x\nPOST /a HTTP/1.1\nX: 1\n\n{}\n###\nGET /b'), []);
  });

  it('reports a request line with only a method as missing-url', () => {
    assert.deepEqual(problems('POST\nContent-Type: application/json\n'), [['missing-url', 'error', 'POST']]);
    assert.deepEqual(problems('DELETE   HTTP/1.1'), [['missing-url', 'error', 'DELETE   HTTP/1.1']]);
  });

  it('still returns the request whose URL is missing, so the editor can show it', () => {
    const { requests } = parseHttpFile('###\nPOST');
    assert.equal(requests.length, 1);
    assert.equal(requests[0].method, 'POST');
    assert.equal(requests[0].url, '');
  });

  it('reports a misspelt method as invalid-method on the method only', () => {
    assert.deepEqual(problems('Get2 https://example.com'), [['invalid-method', 'error', 'Get2']]);
    assert.deepEqual(problems('pots /items'), [['invalid-method', 'error', 'pots']]);
  });

  it('reports header lines without a colon or with a bad name as invalid-header', () => {
    assert.deepEqual(problems('GET /a\nAccept application/json\nGood: yes\nBad Name: x\n'), [
      ['invalid-header', 'error', 'Accept application/json'],
      ['invalid-header', 'error', 'Bad Name: x'],
    ]);
    const { requests } = parseHttpFile('GET /a\nAccept application/json\nGood: yes\n');
    assert.deepEqual(
      requests[0].headers.map((h) => h.name),
      ['Good'],
    );
  });

  it('ends the URL at the HTTP version, so a query line after it is reported', () => {
    const parsed = parseHttpFile('POST /b HTTP/1.1\n  ?a=1\n');
    assert.equal(parsed.requests[0].url, '/b');
    assert.deepEqual(problems('POST /b HTTP/1.1\n  ?a=1\n'), [['invalid-header', 'error', '?a=1']]);
    assert.match(parsed.diagnostics[0].message, /before the HTTP version/);
  });

  it('reports a line that is neither header nor body opener as invalid-header with a hint', () => {
    const parsed = parseHttpFile('POST /a\nContent-Type: application/x-www-form-urlencoded\nname=value');
    assert.equal(parsed.diagnostics.length, 1);
    assert.equal(parsed.diagnostics[0].code, 'invalid-header');
    assert.match(parsed.diagnostics[0].message, /blank line/);
  });

  it('reports a variable line without = or without a name as invalid-variable', () => {
    assert.deepEqual(problems('@host example.com\n@ = 1\n@\nGET /a'), [
      ['invalid-variable', 'error', '@host example.com'],
      ['invalid-variable', 'error', '@ = 1'],
      ['invalid-variable', 'error', '@'],
    ]);
    assert.deepEqual(parseHttpFile('@host example.com\nGET /a').fileVariables, []);
  });

  it('warns about metadata with no request line as empty-request', () => {
    assert.deepEqual(problems('# @name lonely\n###\nGET /b'), [['empty-request', 'warning', '@name lonely']]);
  });

  it('reads a titled separator with no request as a section heading, without a warning', () => {
    // Real files use `### Health`, `### ─────` and `### Variables` blocks as banners.
    assert.deepEqual(problems('GET /a\n### Orphan\n\n# just a comment\n###\nGET /b'), []);
    assert.deepEqual(problems('### Variables\n@host = x\n### ─────\n### Health\nGET /a'), []);
  });

  it('stays quiet about a trailing or leading bare separator', () => {
    assert.deepEqual(problems('###\nGET /a\n###\n\n'), []);
  });

  it('warns on a second request with the same @name as duplicate-name', () => {
    const text = '# @name login\nPOST /a\n###\n# @name other\nGET /b\n###\n# @name login\nPOST /c';
    assert.deepEqual(problems(text), [['duplicate-name', 'warning', 'login']]);
    assert.equal(parseHttpFile(text).diagnostics[0].range.start.line, 6);
  });

  it('warns when a header comes after the blank line that starts the body', () => {
    assert.deepEqual(problems('POST /a\n\nContent-Type: application/json\n\n{"a":1}'), [
      ['header-in-body', 'warning', 'Content-Type: application/json'],
    ]);
  });

  it('warns when a request-like line opens a body but is not followed by headers', () => {
    assert.deepEqual(problems('POST /a\n\nPOST https://example.com/b\nthen some text\n'), [
      ['missing-separator', 'warning', 'POST https://example.com/b'],
    ]);
  });

  it('warns about empty @name and @prompt metadata', () => {
    assert.deepEqual(problems('# @name\n# @prompt\nGET /a'), [
      ['invalid-metadata', 'warning', '@name'],
      ['invalid-metadata', 'warning', '@prompt'],
    ]);
  });

  it('reports JetBrains pre-request scripts as information and still reads the request', () => {
    const text = '< {%\n  request.variables.set("a", "1")\n%}\nPOST http://example.com/{{a}}\n';
    const parsed = parseHttpFile(text);
    assert.deepEqual(problems(text), [['unsupported-script', 'information', '< {%']]);
    assert.equal(parsed.requests[0].url, 'http://example.com/{{a}}');
  });
});
