import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/text-range';
import { createResolver } from '../../../src/core/variables/resolve-variables';
import { unresolvedDiagnostics, unresolvedToDiagnostics } from '../../../src/core/variables/unresolved-diagnostics';
import { testSources } from './test-sources';

describe('unresolved variable diagnostics', () => {
  const document = 'GET {{base}}/docs\nIf-Match: {{doc.response.headers.ETag}}\nX-Key: {{$processEnv KEY}}\n';
  const lineIndex = new LineIndex(document);

  it('puts each diagnostic on the placeholder in the document, naming the variable', () => {
    const headerLine = 'If-Match: {{doc.response.headers.ETag}}';
    const baseOffset = document.indexOf(headerLine);
    const resolver = createResolver([], testSources());
    const [diagnostic] = unresolvedDiagnostics(resolver, headerLine, baseOffset, lineIndex);
    assert.equal(diagnostic.code, 'unresolved-variable');
    assert.deepEqual(
      { start: diagnostic.range.start, end: diagnostic.range.end },
      {
        start: { line: 1, character: 10, offset: baseOffset + 10 },
        end: { line: 1, character: headerLine.length, offset: baseOffset + headerLine.length },
      },
    );
    assert.match(diagnostic.message, /Request "doc" has not been sent yet/);
  });

  it('makes a request not yet sent a warning and everything else an error', () => {
    const resolver = createResolver([], testSources({ allowProcessEnv: false, environmentName: 'dev' }));
    const diagnostics = unresolvedDiagnostics(resolver, document, 0, lineIndex);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity]),
      [
        [0, 'error'],
        [1, 'warning'],
        [2, 'error'],
      ],
    );
    assert.match(diagnostics[0].message, /"base"/);
    assert.match(diagnostics[2].message, /Restricted Mode/);
  });

  it('maps a resolveText result computed elsewhere', () => {
    const resolver = createResolver([], testSources());
    const body = 'X-Key: {{$processEnv KEY}}';
    const { unresolved } = resolver.resolveText(body);
    const [diagnostic] = unresolvedToDiagnostics(unresolved, document.indexOf(body), lineIndex);
    assert.equal(diagnostic.range.start.line, 2);
    assert.equal(diagnostic.range.start.character, 7);
    assert.equal(diagnostic.severity, 'error');
  });
});
