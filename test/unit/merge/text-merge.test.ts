import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

const xml = (...lines: string[]): string => lines.join('\n') + '\n';

describe('text merge', () => {
  const base = xml('<doc>', '  <title>Old</title>', '  <body>text</body>', '  <tags/>', '</doc>');

  it('merges changes to different lines of an XML body', () => {
    const input: MergeInput = {
      base,
      ours: xml('<doc>', '  <title>New</title>', '  <body>text</body>', '  <tags/>', '</doc>'),
      theirs: xml('<doc>', '  <title>Old</title>', '  <body>text</body>', '  <tags><tag>x</tag></tags>', '</doc>'),
      contentType: 'application/xml',
    };
    const result = mergeBodies(input);
    assert.equal(result.kind, 'text');
    assert.deepEqual(result.conflicts, []);
    assert.equal(
      result.merged,
      xml('<doc>', '  <title>New</title>', '  <body>text</body>', '  <tags><tag>x</tag></tags>', '</doc>'),
    );
    assert.equal(applyTextEdits(input.ours, result.edits), result.merged);
    assert.deepEqual(result.theirsChanges, [
      { at: 'lines:4-4', kind: 'changed', before: '  <tags/>', after: '  <tags><tag>x</tag></tags>' },
    ]);
    assert.deepEqual(result.oursChanges, [
      { at: 'lines:2-2', kind: 'changed', before: '  <title>Old</title>', after: '  <title>New</title>' },
    ]);
  });

  it('marks conflicting lines with markers VS Code recognises', () => {
    const input: MergeInput = {
      base,
      ours: xml('<doc>', '  <title>Mine</title>', '  <body>text</body>', '  <tags/>', '</doc>'),
      theirs: xml('<doc>', '  <title>Theirs</title>', '  <body>text</body>', '  <tags/>', '</doc>'),
    };
    const result = mergeBodies(input);
    assert.equal(
      result.merged,
      xml(
        '<doc>',
        '<<<<<<< mine',
        '  <title>Mine</title>',
        '||||||| base',
        '  <title>Old</title>',
        '=======',
        '  <title>Theirs</title>',
        '>>>>>>> current',
        '  <body>text</body>',
        '  <tags/>',
        '</doc>',
      ),
    );
    assert.equal(applyTextEdits(input.ours, result.edits), result.merged);
    assert.deepEqual(result.conflicts, [
      {
        id: 'lines:2-2',
        description: 'line 2: you and the server both changed this part differently',
        base: '  <title>Old</title>',
        ours: '  <title>Mine</title>',
        theirs: '  <title>Theirs</title>',
      },
    ]);
  });

  it('conflicts on changes to adjacent lines, as git does', () => {
    const result = mergeBodies({ base: 'a=1\n', ours: 'a=2\n', theirs: 'a=1\nb=1\n' });
    assert.equal(result.conflicts.length, 1);
    assert.ok(result.merged.startsWith('<<<<<<< mine\na=2\n||||||| base\na=1\n=======\na=1\nb=1\n>>>>>>> current\n'));
  });

  it("resolves a text conflict with the server's lines or a typed value", () => {
    const input: MergeInput = { base: 'x\nkeep\ny\n', ours: 'X1\nkeep\ny\n', theirs: 'X2\nkeep\ny\n' };
    const [conflict] = mergeBodies(input).conflicts;
    assert.equal(
      resolveConflicts(input, new Map([[conflict.id, { kind: 'theirs' } as const]])).merged,
      'X2\nkeep\ny\n',
    );
    assert.equal(resolveConflicts(input, new Map([[conflict.id, { kind: 'ours' } as const]])).merged, 'X1\nkeep\ny\n');
    const typed = resolveConflicts(input, new Map([[conflict.id, { kind: 'value', text: 'X3\nX4' } as const]]));
    assert.deepEqual(typed.conflicts, []);
    assert.equal(typed.merged, 'X3\nX4\nkeep\ny\n');
  });

  it("compares lines across CRLF and LF and writes in the user's line ending", () => {
    const result = mergeBodies({ base: 'a\nb\nc\n', ours: 'A\r\nb\r\nc\r\n', theirs: 'a\nb\nc\nd\n' });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, 'A\r\nb\r\nc\r\nd\r\n');
  });

  it('keeps a body without a final newline that way', () => {
    const result = mergeBodies({ base: 'a\nb', ours: 'A\nb', theirs: 'a\nb\nc' });
    assert.equal(result.merged, 'A\nb\nc');
  });

  it('marks every difference in two-way mode without a base section', () => {
    const result = mergeBodies({ ours: 'same\nmine\n', theirs: 'same\ntheirs\n' });
    assert.equal(result.mode, 'two-way');
    assert.equal(result.merged, 'same\n<<<<<<< mine\nmine\n=======\ntheirs\n>>>>>>> current\n');
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0].base, undefined);
  });
});
