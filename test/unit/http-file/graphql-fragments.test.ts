// httpYac's GraphQL `fragment` blocks outside the requests (issue 19): appended to the query of
// each GraphQL request that spreads them, directly or through other fragments, each once.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedHttpFile } from '../../../src/core/http-file/http-file-model';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import type { FileAccess } from '../../../src/core/run/include-files';
import { noFileAccess } from '../../../src/core/run/include-files';
import { prepareRequest } from '../../../src/core/run/prepare-request';
import type { VariableSources } from '../../../src/core/variables/variable-model';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

const sources: VariableSources = {
  environment: { owner: 'octo' },
  secretValues: [],
  dotenv: {},
  processEnv: {},
  prompts: {},
  requests: new Map(),
  allowProcessEnv: false,
  now: () => new Date(0),
  random: () => 0.5,
};

function parse(text: string): ParsedHttpFile {
  const parsed = parseHttpFile(text);
  assertAllRangesConsistent(text, parsed);
  for (const request of parsed.requests)
    if (request.body) assert.equal(sliceRange(text, request.body.range), request.body.text);
  return parsed;
}

/** Files in memory, by the path written after `<`. */
function filesOf(contents: Record<string, string>): FileAccess {
  return {
    resolveInclude: (written) =>
      written in contents ? { ok: true, path: written } : { ok: false, message: `no ${written}` },
    readText: async (path) => contents[path],
    size: async (path) => Buffer.byteLength(contents[path]),
    openStream: () => {
      throw new Error('a GraphQL query file is read as text, not streamed');
    },
  };
}

async function sentBody(text: string, index = 0, files: FileAccess = noFileAccess): Promise<unknown> {
  const file = parseHttpFile(text);
  const result = await prepareRequest(file.requests[index], createFileResolver(file, sources), files);
  assert.ok(result.ok, JSON.stringify(result));
  const body = result.prepared.request.body as { kind: string; text: string };
  assert.equal(body.kind, 'text');
  return JSON.parse(body.text);
}

const codes = (parsed: ParsedHttpFile) => parsed.diagnostics.map((d) => d.code);
const REQUEST = 'POST http://127.0.0.1/graphql\nContent-Type: application/json\n\n';

describe('parseHttpFile: GraphQL fragment blocks outside the requests', () => {
  it('appends a fragment defined before the request that spreads it', () => {
    const parsed = parse(`fragment Parts on Repo {\n  name\n}\n\n${REQUEST}query { repo { ...Parts } }`);
    assert.deepEqual(
      parsed.requests.map((r) => `${r.method} ${r.url}`),
      ['POST http://127.0.0.1/graphql'],
    );
    assert.equal(parsed.requests[0].body?.kind, 'graphql');
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo {\n  name\n}');
    assert.deepEqual(codes(parsed), []);
  });

  it('appends a fragment defined after the request, in a later block', () => {
    const parsed = parse(
      `${REQUEST}query { repo { ...Parts } }\n\n###\nfragment Parts on Repo {\n  name\n}\n\n###\nGET http://127.0.0.1/b`,
    );
    assert.equal(parsed.requests.length, 2);
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo {\n  name\n}');
    assert.equal(parsed.requests[1].body, undefined);
    assert.deepEqual(codes(parsed), []);
  });

  it('appends the fragments a fragment spreads, each once, in file order', () => {
    const parsed = parse(
      'fragment Owner on User { login }\n\n' +
        'fragment Parts on Repo { name owner { ...Owner } }\n\n' +
        'fragment Unused on Repo { id }\n\n' +
        `${REQUEST}query { a: repo { ...Parts } b: repo { ...Parts owner { ...Owner } } }`,
    );
    assert.equal(
      parsed.requests[0].body?.graphqlFragments,
      'fragment Owner on User { login }\nfragment Parts on Repo { name owner { ...Owner } }',
    );
    assert.deepEqual(codes(parsed), []);
  });

  it('appends nothing when the query spreads none of the fragments', () => {
    const parsed = parse(`fragment Unused on Repo { id }\n\n${REQUEST}query { repo { name ... on Repo { id } } }`);
    assert.equal(parsed.requests[0].body?.kind, 'graphql');
    assert.equal(parsed.requests[0].body?.graphqlFragments, undefined);
    assert.deepEqual(codes(parsed), []);
  });

  it('warns on a spread of a fragment defined nowhere, at the spread, and still sends the request', async () => {
    const text = `fragment Parts on Repo { name }\n\n${REQUEST}query {\n  repo { ...Parts ...Missing }\n}`;
    const parsed = parse(text);
    assert.deepEqual(codes(parsed), ['unknown-graphql-fragment']);
    const diagnostic = parsed.diagnostics[0];
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(diagnostic.range.start.line, 6);
    assert.equal(sliceRange(text, diagnostic.range), '...Missing');
    assert.match(diagnostic.message, /"Missing"/);
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo { name }');
    assert.deepEqual(await sentBody(text), {
      query: 'query {\n  repo { ...Parts ...Missing }\n}\n\nfragment Parts on Repo { name }',
    });
  });

  it('leaves a fragment written inside the request body as it is, and does not add it twice', () => {
    const body = 'query { repo { ...Parts } }\n\nfragment Parts on Repo { name }';
    const parsed = parse(`fragment Parts on Repo { id }\n\n${REQUEST}${body}`);
    assert.equal(parsed.requests[0].body?.text, body);
    assert.equal(parsed.requests[0].body?.graphqlFragments, undefined);
    assert.deepEqual(codes(parsed), []);
  });
});

describe('prepareRequest: GraphQL fragments in the sent body', () => {
  it('sends the used fragments after the query, variables resolved, unused ones left out', async () => {
    const text =
      'fragment Owner on User {\n  login\n}\n\n' +
      '###\n' +
      `${REQUEST}query Repo($name: String!) {\n  repository(name: $name, owner: "{{owner}}") { ...Parts }\n}\n\n{"name": "x"}\n\n` +
      '###\n' +
      'fragment Parts on Repository {\n  name\n  owner { ...Owner }\n}\n\n' +
      'fragment Unused on Repository { id }\n';
    assert.deepEqual(await sentBody(text), {
      query:
        'query Repo($name: String!) {\n  repository(name: $name, owner: "octo") { ...Parts }\n}\n\n' +
        'fragment Owner on User {\n  login\n}\nfragment Parts on Repository {\n  name\n  owner { ...Owner }\n}',
      operationName: 'Repo',
      variables: { name: 'x' },
    });
  });
});

describe('GraphQL fragments: spreads and definitions read the way GraphQL reads them', () => {
  it('does not count a spread inside a # comment, a string or a block string', () => {
    const query =
      'query {\n' +
      '  # was: ...Old\n' +
      '  repo(note: "see ...Quoted", doc: """\n  ...Block \\""" ...StillBlock\n  """) { ...Parts }\n' +
      '}';
    const parsed = parse(
      'fragment Old on Repo { a }\n\nfragment Quoted on Repo { b }\n\nfragment Block on Repo { c }\n\n' +
        'fragment StillBlock on Repo { d }\n\nfragment Parts on Repo { e }\n\n' +
        `${REQUEST}${query}`,
    );
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo { e }');
    assert.deepEqual(codes(parsed), []);
  });

  it('does not warn about an unknown spread that is only in a comment or a string', () => {
    const parsed = parse(`${REQUEST}query {\n  # ...Gone\n  repo(q: "...Missing") { name }\n}`);
    assert.deepEqual(codes(parsed), []);
  });

  it('does not take a fragment in a comment of the body for a definition', () => {
    const parsed = parse(
      `fragment Parts on Repo { name }\n\n${REQUEST}query {\n  # fragment Parts on Repo { id }\n  repo { ...Parts }\n}`,
    );
    assert.match(parsed.requests[0].body?.text ?? '', /# fragment Parts/);
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo { name }');
  });

  it('does not follow a spread in a comment of a fragment block', () => {
    const parsed = parse(
      'fragment Owner on User { login }\n\nfragment Parts on Repo {\n  name # ...Owner\n}\n\n' +
        `${REQUEST}query { repo { ...Parts } }`,
    );
    assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo {\n  name # ...Owner\n}');
  });
});

describe('GraphQL fragments for a query loaded from a file', () => {
  const FILE_REQUEST = 'POST http://127.0.0.1/graphql\nX-Request-Type: GraphQL\n\n< ./repo.graphql\n';

  it('appends the fragments of the .http file that the loaded query spreads, and no others', async () => {
    const text =
      'fragment Owner on User { login }\n\nfragment Parts on Repo { name owner { ...Owner } }\n\n' +
      `fragment Unused on Repo { id }\n\n###\n${FILE_REQUEST}`;
    const parsed = parse(text);
    assert.equal(parsed.requests[0].body?.kind, 'graphql');
    assert.deepEqual(
      parsed.requests[0].body?.graphqlFragmentDefinitions?.map((d) => d.name),
      ['Owner', 'Parts', 'Unused'],
    );
    assert.deepEqual(codes(parsed), []);
    const files = filesOf({ './repo.graphql': 'query Repo {\n  # not ...Unused\n  repo { ...Parts }\n}\n' });
    assert.deepEqual(await sentBody(text, 0, files), {
      query:
        'query Repo {\n  # not ...Unused\n  repo { ...Parts }\n}\n\n' +
        'fragment Owner on User { login }\nfragment Parts on Repo { name owner { ...Owner } }',
      operationName: 'Repo',
    });
  });

  it('sends a loaded query that spreads no fragment as JSON, without variables replaced by a plain <', async () => {
    const text = `fragment Unused on Repo { id }\n\n###\n${FILE_REQUEST}`;
    const files = filesOf({ './repo.graphql': 'query { repo(owner: "{{owner}}") { name } }' });
    assert.deepEqual(await sentBody(text, 0, files), { query: 'query { repo(owner: "{{owner}}") { name } }' });
  });
});

describe("httpYac's gql name < ./query.gql body line", () => {
  const GQL =
    'fragment Parts on Repo { name }\n\n' +
    'POST http://127.0.0.1/graphql\nContent-Type: application/json\n\ngql repoQuery < ./repo.gql\n\n{"owner": "x"}';

  it('reads the line as the query loaded from the file, without a warning', () => {
    const parsed = parse(GQL);
    const body = parsed.requests[0].body;
    assert.equal(body?.kind, 'graphql');
    assert.deepEqual(
      body?.parts.map((p) => (p.kind === 'include' ? `include ${p.path} ${p.processVariables}` : p.text)),
      ['include ./repo.gql true', '\n\n{"owner": "x"}'],
    );
    assert.deepEqual(codes(parsed), []);
  });

  it('sends the file query with its variables replaced, the fragments it spreads and the JSON variables', async () => {
    const files = filesOf({ './repo.gql': 'query repo {\n  repository(owner: "{{owner}}") { ...Parts }\n}\n' });
    assert.deepEqual(await sentBody(GQL, 0, files), {
      query: 'query repo {\n  repository(owner: "octo") { ...Parts }\n}\n\nfragment Parts on Repo { name }',
      operationName: 'repo',
      variables: { owner: 'x' },
    });
  });
});
