import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The language assets are plain JSON read by VS Code, so these tests read them the same way:
// from disk, relative to the repository root (the test runs from a bundle under out/).
function findRepoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'syntaxes'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`repository root not found above ${__dirname}`);
}

const root = findRepoRoot();
const readJson = (relativePath: string): unknown => JSON.parse(readFileSync(join(root, relativePath), 'utf8'));

interface Capture {
  name?: string;
  patterns?: Rule[];
}
interface Rule {
  name?: string;
  contentName?: string;
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  patterns?: Rule[];
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  whileCaptures?: Record<string, Capture>;
}
interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
  injections?: Record<string, Rule>;
}

const grammar = readJson('syntaxes/http.tmLanguage.json') as Grammar;
const regexKeys = ['match', 'begin', 'end', 'while'] as const;
const captureKeys = ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const;
const externalGrammars = new Set(['source.json', 'text.xml', 'source.graphql', 'source.js']);

/** Every rule object in the grammar, with a readable path for failure messages. */
function allRules(): Array<{ path: string; rule: Rule }> {
  const out: Array<{ path: string; rule: Rule }> = [];
  const visit = (rule: Rule, path: string): void => {
    out.push({ path, rule });
    rule.patterns?.forEach((child, i) => visit(child, `${path}.patterns[${i}]`));
    for (const key of captureKeys) {
      for (const [group, capture] of Object.entries(rule[key] ?? {})) {
        capture.patterns?.forEach((child, i) => visit(child, `${path}.${key}[${group}].patterns[${i}]`));
      }
    }
  };
  visit(grammar, '$');
  for (const [name, rule] of Object.entries(grammar.repository)) visit(rule, `repository.${name}`);
  for (const [selector, rule] of Object.entries(grammar.injections ?? {})) visit(rule, `injections[${selector}]`);
  return out;
}

// The 'u' flag makes JS reject unknown escapes (\h, \A, \G, \z …) that Oniguruma accepts,
// so a pattern that compiles here uses only syntax both engines read the same way.
const compile = (source: string): RegExp => new RegExp(source, 'u');
const repo = (name: string): Rule => {
  const rule = grammar.repository[name];
  assert.ok(rule, `repository has no rule "${name}"`);
  return rule;
};
const subRule = (name: string, scope: string): Rule => {
  const rule = repo(name).patterns?.find((p) => p.name === scope);
  assert.ok(rule, `rule "${name}" has no pattern named ${scope}`);
  return rule;
};
const exec = (source: string | undefined, line: string): RegExpExecArray | null => compile(source ?? '(?!)').exec(line);

function resolve(patterns: Rule[]): Rule[] {
  return patterns.flatMap((p) => {
    if (!p.include) return [p];
    if (p.include.startsWith('#')) {
      const target = repo(p.include.slice(1));
      return target.patterns && !target.begin && !target.match ? resolve(target.patterns) : [target];
    }
    return [];
  });
}

/**
 * A line-level stand-in for vscode-textmate, enough to check block structure: which rule owns
 * each line. It honours `while` (checked on every line for every frame, outermost first),
 * `begin`/`end`, and the order of patterns. Only line-anchored patterns classify a line.
 */
function classifyLines(text: string): string[] {
  const stack: Rule[] = [];
  const result: string[] = [];
  for (const line of text.split('\n')) {
    const failing = stack.findIndex((frame) => frame.while !== undefined && !compile(frame.while).test(line));
    if (failing >= 0) stack.length = failing;
    const top = stack[stack.length - 1];
    if (top?.end !== undefined) {
      if (compile(top.end).test(line)) stack.pop();
      result.push(top.name ?? '');
      continue;
    }
    let scope = top?.name ?? '';
    for (const candidate of resolve(top ? (top.patterns ?? []) : (grammar.patterns ?? []))) {
      const source = candidate.match ?? candidate.begin;
      if (!source?.startsWith('^') || !compile(source).test(line)) continue;
      scope = candidate.name ?? '';
      if (candidate.begin !== undefined) stack.push(candidate);
      break;
    }
    result.push(scope);
  }
  return result;
}

describe('grammar: the .http TextMate grammar', () => {
  it('is valid JSON named source.http', () => {
    assert.equal(grammar.scopeName, 'source.http');
    assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
  });

  it('uses only regular expressions that compile in JavaScript as they are', () => {
    let count = 0;
    for (const { path, rule } of allRules()) {
      for (const key of regexKeys) {
        const source = rule[key];
        if (source === undefined) continue;
        count++;
        assert.doesNotThrow(() => compile(source), `${path}.${key} does not compile: ${source}`);
        const outsideClasses = source.replace(/\[(?:\\.|[^\]\\])*\]/g, '[]');
        assert.doesNotMatch(
          outsideClasses,
          /\(\?[imx]+[:)]|\(\?>|[*+?}]\+/,
          `${path}.${key} uses an Oniguruma-only construct`,
        );
      }
    }
    assert.ok(count >= 25, `expected the grammar's regexes to be found, saw ${count}`);
  });

  it('never names a capture group that its regex does not have', () => {
    for (const { path, rule } of allRules()) {
      const pairs: Array<[string | undefined, Record<string, Capture> | undefined]> = [
        [rule.match ?? rule.begin, rule.match !== undefined ? rule.captures : rule.beginCaptures],
        [rule.end, rule.endCaptures],
        [rule.while, rule.whileCaptures],
      ];
      for (const [source, captures] of pairs) {
        if (source === undefined || captures === undefined) continue;
        const groups = (new RegExp(`${source}|`, 'u').exec('') ?? []).length - 1;
        for (const group of Object.keys(captures)) {
          assert.ok(Number(group) <= groups, `${path}: capture ${group} but the regex has ${groups} groups`);
        }
      }
    }
  });

  it('includes only rules that exist, or the embedded json, xml, graphql and js grammars', () => {
    for (const { path, rule } of allRules()) {
      if (rule.include === undefined) continue;
      if (rule.include.startsWith('#')) {
        assert.ok(grammar.repository[rule.include.slice(1)], `${path} includes missing ${rule.include}`);
      } else {
        assert.ok(externalGrammars.has(rule.include), `${path} includes unexpected ${rule.include}`);
      }
    }
  });

  it('captures method, URL and HTTP version of a request line', () => {
    const m = exec(repo('request').begin, 'PUT {{base}}/documents/42 HTTP/1.1');
    assert.deepEqual(m && [m[1], m[2], m[3]], ['PUT', '{{base}}/documents/42', 'HTTP/1.1']);
    const noVersion = exec(repo('request').begin, 'DELETE https://api.example.com/x?force=true');
    assert.deepEqual(noVersion && [noVersion[1], noVersion[2], noVersion[3]], [
      'DELETE',
      'https://api.example.com/x?force=true',
      undefined,
    ]);
    assert.equal(exec(repo('request').begin, 'PUTTY is not a method'), null);
    assert.equal(exec(repo('request').begin, 'Get lowercase words'), null);
  });

  it('recognises a request line without a method', () => {
    const m = exec(repo('request-without-method').begin, 'https://example.com/comments/1 HTTP/2');
    assert.deepEqual(m && [m[1], m[2]], ['https://example.com/comments/1', 'HTTP/2']);
    assert.ok(exec(repo('request-without-method').begin, '{{base}}/documents'));
    assert.equal(exec(repo('request-without-method').begin, 'just some words'), null);
  });

  it('splits a header into name, colon and value', () => {
    const m = exec(repo('header').match, 'If-Match: "v5"');
    assert.deepEqual(m && [m[1], m[2], m[3]], ['If-Match', ':', '"v5"']);
    const variable = exec(repo('header').match, 'If-Match: {{doc.response.headers.ETag}}');
    assert.equal(variable?.[3], '{{doc.response.headers.ETag}}');
    assert.equal(exec(repo('header').match, '# not: a header'), null);
    assert.equal(exec(repo('header').match, 'no colon here'), null);
  });

  it('takes the title of a ### separator', () => {
    assert.equal(exec(repo('separator').match, '### Change its title')?.[2], 'Change its title');
    assert.equal(exec(repo('separator').match, '###')?.[2], undefined);
    assert.equal(exec(repo('separator').match, '## two hashes is a comment'), null);
  });

  it('highlights # @name, @prompt and other metadata apart from comments', () => {
    assert.equal(exec(subRule('metadata', 'meta.metadata.name.http').match, '# @name doc')?.[3], 'doc');
    assert.equal(exec(subRule('metadata', 'meta.metadata.name.http').match, '// @name doc')?.[3], 'doc');
    const prompt = exec(subRule('metadata', 'meta.metadata.prompt.http').match, '# @prompt otp One-time password');
    assert.deepEqual(prompt && [prompt[3], prompt[4]], ['otp', 'One-time password']);
    assert.equal(exec(subRule('metadata', 'meta.metadata.http').match, '# @no-redirect')?.[2], '@no-redirect');
    assert.equal(exec(subRule('metadata', 'meta.metadata.http').match, '# plain comment'), null);
  });

  it('reads a file variable definition', () => {
    const m = exec(repo('file-variable').match, '@baseUrl = http://localhost:3000');
    assert.deepEqual(m && [m[2], m[4]], ['baseUrl', 'http://localhost:3000']);
  });

  it('finds {{variables}} of every kind', () => {
    const outer = compile(repo('variable').match ?? '');
    assert.equal(outer.exec('X-Id: {{$guid}} and {{b}}')?.[2], '$guid');
    assert.equal(outer.exec('{{ spaced }}')?.[2], 'spaced');
    const system = exec(repo('system-variable').match, '$randomInt 1 100');
    assert.deepEqual(system && [system[2], system[3]], ['randomInt', ' 1 100']);
    const request = exec(repo('request-variable').match, 'doc.response.headers.ETag');
    assert.deepEqual(request && [request[1], request[3], request[5], request[6]], [
      'doc',
      'response',
      'headers',
      '.ETag',
    ]);
    assert.equal(exec(repo('request-variable').match, 'doc.response.body.$.version')?.[6], '.$.version');
    assert.equal(exec(repo('named-variable').match, 'baseUrl')?.[2], 'baseUrl');
  });

  it('splits query parameters in the URL and on continuation lines', () => {
    const query = compile(repo('query-parameter').match ?? '');
    assert.deepEqual(
      [...'/x?a=1&b={{c}}'.matchAll(new RegExp(query, 'gu'))].map((m) => [m[2], m[4]]),
      [
        ['a', '1'],
        ['b', '{{c}}'],
      ],
    );
    assert.equal(exec(repo('query-continuation').match, '    &pageSize=10')?.[1], '&pageSize=10');
    assert.equal(exec(repo('query-continuation').match, 'Accept: */*'), null);
  });

  it('starts a JSON body at { or [ but not at a {{variable}}', () => {
    assert.ok(exec(repo('json-body').begin, '{"title": "x"}'));
    assert.ok(exec(repo('json-body').begin, '  ['));
    assert.equal(exec(repo('json-body').begin, '{{payload}}'), null);
    assert.ok(exec(repo('xml-body').begin, '<?xml version="1.0"?>'));
    assert.equal(exec(repo('xml-body').begin, '< ./body.xml'), null);
    const include = exec(repo('file-include').match, '<@utf8 ./bodies/{{name}}.json');
    assert.deepEqual(include && [include[2], include[3], include[4]], ['@', 'utf8', './bodies/{{name}}.json']);
  });

  it('gives every line of a realistic file to the right rule', () => {
    const lines: Array<[string, string]> = [
      ['@baseUrl = http://localhost:3000', 'meta.variable.definition.http'],
      ['', ''],
      ['### Read the document', 'meta.separator.http'],
      ['# @name doc', 'meta.metadata.name.http'],
      ['GET {{baseUrl}}/documents/42 HTTP/1.1', 'meta.request.http'],
      ['Accept: application/json', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['### Change its title', 'meta.separator.http'],
      ['# @no-redirect', 'meta.metadata.http'],
      ['// why: the server wants the latest version', 'comment.line.double-slash.http'],
      ['# plain comment', 'comment.line.number-sign.http'],
      ['PUT {{baseUrl}}/documents/42 HTTP/1.1', 'meta.request.http'],
      ['    ?force=true', 'meta.query.continuation.http'],
      ['    &reason={{$guid}}', 'meta.query.continuation.http'],
      ['Content-Type: application/json', 'meta.header.http'],
      ['If-Match: {{doc.response.headers.ETag}}', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['{', 'meta.embedded.block.json.http'],
      ['  "title": "{{title}}",', 'meta.embedded.block.json.http'],
      ['  "id": {{id}}', 'meta.embedded.block.json.http'],
      ['}', 'meta.embedded.block.json.http'],
      ['> {%', 'meta.script.http'],
      ['  client.global.set("etag", response.headers.valueOf("ETag"));', 'meta.script.http'],
      ['%}', 'meta.script.http'],
      ['###', 'meta.separator.http'],
      ['POST https://example.com/upload', 'meta.request.http'],
      ['Content-Type: multipart/form-data; boundary=B', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['--B', 'meta.separator.multipart.http'],
      ['Content-Disposition: form-data; name="meta"', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['{"kind": "note"}', 'meta.embedded.block.json.http'],
      ['--B', 'meta.separator.multipart.http'],
      ['Content-Disposition: form-data; name="file"; filename="a.txt"', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['< ./a.txt', 'meta.file-include.http'],
      ['--B--', 'meta.separator.multipart.http'],
      ['###', 'meta.separator.http'],
      ['{{baseUrl}}/graphql', 'meta.request.http'],
      ['X-Request-Type: GraphQL', 'meta.header.http'],
      ['', 'meta.body.http'],
      ['query Doc($id: ID!) {', 'meta.embedded.block.graphql.http'],
      ['  document(id: $id) { id }', 'meta.embedded.block.graphql.http'],
      ['}', 'meta.embedded.block.graphql.http'],
      ['', 'meta.body.http'],
      ['{ "id": 1 }', 'meta.embedded.block.json.http'],
      ['###', 'meta.separator.http'],
      ['POST {{baseUrl}}/xml', 'meta.request.http'],
      ['', 'meta.body.http'],
      ['<?xml version="1.0"?>', 'meta.embedded.block.xml.http'],
      ['<doc id="{{id}}"/>', 'meta.embedded.block.xml.http'],
    ];
    const actual = classifyLines(lines.map(([line]) => line).join('\n'));
    assert.deepEqual(
      actual.map((scope, i) => `${lines[i]?.[0]} => ${scope}`),
      lines.map(([line, scope]) => `${line} => ${scope}`),
    );
  });

  it('injects {{variables}} into the embedded JSON, XML and GraphQL bodies', () => {
    const selectors = Object.keys(grammar.injections ?? {}).join(',');
    for (const scope of ['meta.embedded.block.json', 'meta.embedded.block.xml', 'meta.embedded.block.graphql']) {
      assert.ok(selectors.includes(`L:${scope}`), `no left-priority injection for ${scope}`);
    }
  });
});

// ---- snippets ----

const knownSnippetVariables = new Set([
  'TM_SELECTED_TEXT',
  'TM_CURRENT_LINE',
  'TM_CURRENT_WORD',
  'TM_LINE_INDEX',
  'TM_LINE_NUMBER',
  'TM_FILENAME',
  'TM_FILENAME_BASE',
  'TM_DIRECTORY',
  'TM_FILEPATH',
  'CLIPBOARD',
  'CURRENT_YEAR',
  'CURRENT_MONTH',
  'CURRENT_DATE',
  'CURRENT_HOUR',
  'CURRENT_MINUTE',
  'CURRENT_SECOND',
  'UUID',
  'RANDOM',
  'RANDOM_HEX',
]);

interface SnippetParse {
  expanded: string;
  defaults: Map<number, Set<string>>;
}

/**
 * Parses VS Code snippet syntax strictly: `\` escapes, `$n`, `${n}`, `${n:default}` (nested),
 * `${n|a,b|}` and `$VAR`/`${VAR}`. Throws on an unclosed placeholder or an unknown variable,
 * which is what a stray `{{$guid}}` (unescaped `$`) turns into. Returns the text expanded
 * with defaults, mirrors taking their placeholder's default.
 */
function parseSnippet(body: string): SnippetParse {
  const defaults = new Map<number, Set<string>>();
  const mirrors: Array<{ at: number; n: number }> = [];
  let i = 0;
  const parse = (nested: boolean): string => {
    let out = '';
    while (i < body.length) {
      const ch = body[i] ?? '';
      if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1] ?? '')) {
        out += body[i + 1];
        i += 2;
      } else if (ch === '}' && nested) {
        i++;
        return out;
      } else if (ch === '$') {
        out += parseDollar(out.length);
      } else {
        out += ch;
        i++;
      }
    }
    if (nested) throw new Error(`unclosed placeholder in: ${body}`);
    return out;
  };
  const record = (n: number, value: string): void => {
    defaults.set(n, (defaults.get(n) ?? new Set()).add(value));
  };
  const parseDollar = (at: number): string => {
    i++;
    const rest = body.slice(i);
    const plain = /^(\d+)|^([A-Za-z_]\w*)/.exec(rest);
    if (plain) {
      i += plain[0].length;
      if (plain[2] !== undefined && !knownSnippetVariables.has(plain[2]))
        throw new Error(`unknown snippet variable $${plain[2]}`);
      if (plain[1] !== undefined) mirrors.push({ at, n: Number(plain[1]) });
      return '';
    }
    const braced = /^\{(\d+|[A-Za-z_]\w*)(:|\||\})/.exec(rest);
    if (!braced) throw new Error(`stray $ at ${i - 1} in: ${body}`);
    const id = braced[1] ?? '';
    const n = /^\d+$/.test(id) ? Number(id) : undefined;
    if (n === undefined && !knownSnippetVariables.has(id)) throw new Error(`unknown snippet variable \${${id}}`);
    i += braced[0].length;
    if (braced[2] === '}') {
      if (n !== undefined) mirrors.push({ at, n });
      return '';
    }
    if (braced[2] === '|') {
      const close = body.indexOf('|}', i);
      if (close < 0) throw new Error(`unclosed choice in: ${body}`);
      const first = body.slice(i, close).split(',')[0] ?? '';
      i = close + 2;
      if (n !== undefined) record(n, first);
      return first;
    }
    const inner = parse(true);
    if (n !== undefined) record(n, inner);
    return inner;
  };
  let expanded = parse(false);
  for (const { at, n } of [...mirrors].reverse()) {
    const value = [...(defaults.get(n) ?? [''])][0] ?? '';
    expanded = expanded.slice(0, at) + value + expanded.slice(at);
  }
  return { expanded, defaults };
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}
const snippets = readJson('snippets/http.json') as Record<string, Snippet>;
const snippetText = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const expandedSnippet = (name: string): string => {
  const snippet = snippets[name];
  assert.ok(snippet, `no snippet "${name}"`);
  return parseSnippet(snippetText(snippet)).expanded;
};

describe('grammar: snippets', () => {
  it('offers GET, POST JSON, PUT If-Match, PATCH, DELETE, GraphQL, multipart, file variable and separator', () => {
    const bodies = Object.values(snippets).map(snippetText);
    for (const needle of [
      'GET ',
      'POST ',
      'PUT ',
      'PATCH ',
      'DELETE ',
      'X-Request-Type: GraphQL',
      'multipart/form-data',
      '@${1',
      '### ',
    ]) {
      assert.ok(
        bodies.some((b) => b.includes(needle)),
        `no snippet contains ${needle}`,
      );
    }
  });

  it('has a prefix, a description and well-formed placeholders in every snippet', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(snippet.prefix.length > 0 && snippet.description.length > 0, name);
      const { defaults } = parseSnippet(snippetText(snippet));
      for (const [n, values] of defaults) assert.equal(values.size, 1, `${name}: tab stop ${n} has different defaults`);
    }
  });

  it('rejects what VS Code would mangle, so the check above can fail', () => {
    assert.throws(() => parseSnippet('X-Id: {{$guid}}'), /unknown snippet variable/);
    assert.throws(() => parseSnippet('GET ${1:baseUrl'), /unclosed/);
    assert.equal(parseSnippet('X-Id: {{\\$guid}} ${1:a} $1').expanded, 'X-Id: {{$guid}} a a');
  });

  it('expands the PUT snippet to a named read and If-Match from its ETag', () => {
    const text = expandedSnippet('PUT with If-Match from a named read');
    assert.match(text, /^# @name doc$/m);
    assert.match(text, /^PUT \{\{baseUrl\}\}\/documents\/42 HTTP\/1\.1$/m);
    assert.match(text, /^If-Match: \{\{doc\.response\.headers\.ETag\}\}$/m);
  });

  it('expands every request snippet to lines the grammar reads as request, headers and body', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const text = parseSnippet(snippetText(snippet)).expanded;
      if (!/^[A-Z]+ /m.test(text)) continue;
      const scopes = classifyLines(text);
      assert.ok(scopes.includes('meta.request.http'), `${name}: no request line in\n${text}`);
      text.split('\n').forEach((line, i) => {
        if (
          /^[\w-]+: /.test(line) &&
          scopes.slice(0, i).includes('meta.request.http') &&
          !scopes.slice(0, i).includes('meta.body.http')
        ) {
          assert.equal(scopes[i], 'meta.header.http', `${name}: "${line}" is not read as a header`);
        }
      });
    }
  });
});

// ---- language configuration and the contribution fragments proposed for package.json ----

const proposedContributes = {
  languages: [{ id: 'http', configuration: './language-configuration.json' }],
  grammars: [
    {
      language: 'http',
      scopeName: 'source.http',
      path: './syntaxes/http.tmLanguage.json',
      embeddedLanguages: {
        'meta.embedded.block.json': 'json',
        'meta.embedded.block.xml': 'xml',
        'meta.embedded.block.javascript': 'javascript',
      },
    },
  ],
  snippets: [{ language: 'http', path: './snippets/http.json' }],
};

describe('grammar: language configuration and contributions', () => {
  it('comments with #, pairs brackets and quotes, and closes {{ as {{}}', () => {
    const config = readJson('language-configuration.json') as {
      comments: { lineComment: string };
      brackets: string[][];
      autoClosingPairs: Array<{ open: string; close: string }>;
      surroundingPairs: string[][];
      folding: { markers: { start: string; end: string } };
    };
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ]);
    const closes = new Map(config.autoClosingPairs.map((p) => [p.open, p.close]));
    // Typing `{` twice gives `{{}}` because each `{` closes itself.
    assert.equal(closes.get('{'), '}');
    assert.equal(closes.get('"'), '"');
    assert.ok(config.surroundingPairs.some(([a, b]) => a === '"' && b === '"'));
    assert.ok(compile(config.folding.markers.start).test('# region Documents'));
    assert.ok(compile(config.folding.markers.end).test('# endregion'));
    assert.equal(compile(config.folding.markers.start).test('# endregion'), false);
  });

  it('proposes contributions whose files exist and whose scopes the grammar produces', () => {
    for (const { configuration } of proposedContributes.languages)
      assert.ok(existsSync(join(root, configuration)), configuration);
    for (const { path } of proposedContributes.snippets) assert.ok(existsSync(join(root, path)), path);
    const grammarText = readFileSync(join(root, 'syntaxes/http.tmLanguage.json'), 'utf8');
    for (const contribution of proposedContributes.grammars) {
      assert.ok(existsSync(join(root, contribution.path)), contribution.path);
      assert.equal(contribution.scopeName, grammar.scopeName);
      for (const scope of Object.keys(contribution.embeddedLanguages)) {
        assert.ok(grammarText.includes(`"${scope}.http"`), `the grammar never produces ${scope}`);
      }
    }
  });

  it('keeps package.json consistent with these files where it already references them', () => {
    const manifest = readJson('package.json') as {
      contributes?: {
        languages?: Array<{ id: string; configuration?: string }>;
        grammars?: Array<{ path: string; scopeName: string }>;
        snippets?: Array<{ path: string }>;
      };
    };
    const http = manifest.contributes?.languages?.find((l) => l.id === 'http');
    assert.ok(http, 'package.json declares the http language');
    const referenced = [
      http.configuration,
      ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
      ...(manifest.contributes?.snippets ?? []).map((s) => s.path),
    ].filter((p): p is string => p !== undefined);
    for (const path of referenced) assert.ok(existsSync(join(root, path)), `package.json references missing ${path}`);
  });
});
