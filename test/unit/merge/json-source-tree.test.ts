import { strict as assert } from 'node:assert';
import { parseJsonValue, parseSourceTree } from '../../../src/core/merge/json-source-tree';

describe("reading the user's JSON body", () => {
  it('reads JSONC with comments and trailing commas, with offsets into the original text', () => {
    const text = '{\n  // note\n  "a": [1, 2,], /* b */ "b": "x",\n}';
    const tree = parseSourceTree(text);
    assert.ok(tree);
    assert.deepEqual(tree.value, { a: [1, 2], b: 'x' });
    const [a, b] = tree.members;
    assert.equal(text.slice(a.start, a.end), '"a": [1, 2,]');
    assert.equal(a.comma, text.indexOf(', /*'));
    assert.equal(text.slice(b.node.start, b.node.end), '"x"');
    assert.equal(b.comma, text.lastIndexOf(','));
    assert.deepEqual(
      a.node.members.map((m) => text.slice(m.start, m.end)),
      ['1', '2'],
    );
  });

  it('reads bare placeholders as the value they resolve to', () => {
    const text = '{"n": {{count}}, "list": [{{a}}, {{b}}x], "s": "{{name}}!", "o": {{obj}}}';
    const values: Record<string, string> = { count: '3', a: 'true', b: '7', name: 'Ann', obj: '{"k": 1}' };
    const tree = parseSourceTree(text, {
      resolvePlaceholders: (t) => t.replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n]),
    });
    assert.ok(tree);
    assert.deepEqual(tree.value, { n: 3, list: [true, '7x'], s: 'Ann!', o: { k: 1 } });
    const n = tree.members[0].node;
    assert.equal(text.slice(n.start, n.end), '{{count}}');
    assert.equal(n.kind, 'scalar');
  });

  it('keeps unresolved placeholders as their text', () => {
    const tree = parseSourceTree('[{{n}}, "{{t}}"]');
    assert.deepEqual(tree?.value, ['{{n}}', '{{t}}']);
  });

  it('does not mistake comment-like text inside strings for comments', () => {
    const tree = parseSourceTree('{"url": "http://x/*y*/", "q": "a,]"}');
    assert.deepEqual(tree?.value, { url: 'http://x/*y*/', q: 'a,]' });
  });

  it('reads escaped keys and strings', () => {
    const text = '{"a\\"b": "c\\\\", "k\\u0041": 1}';
    const tree = parseSourceTree(text);
    assert.deepEqual(tree?.value, { 'a"b': 'c\\', kA: 1 });
    assert.deepEqual(
      tree?.members.map((m) => m.key),
      ['a"b', 'kA'],
    );
  });

  it('refuses what is not JSON', () => {
    for (const text of ['<doc/>', 'a=1&b=2', '{"a": }', '{"a": 1', '{"a": 1} x', '', '{{x']) {
      assert.equal(parseSourceTree(text), undefined, text);
    }
  });

  it('reads server bodies strictly first and as JSONC when needed', () => {
    assert.deepEqual(parseJsonValue('{"a": [1]}'), { ok: true, value: { a: [1] } });
    assert.deepEqual(parseJsonValue('{"a": 1, // c\n}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseJsonValue('{"a": {{x}}}'), { ok: false });
  });
});
