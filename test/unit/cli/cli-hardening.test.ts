// Issue 13, tried from the outside: the built dist/cli.js in a child process against a
// server that attacks its client (test/fixtures/servers/hostile-api-server.ts). Each test
// names the promise it checks; all of them failed on the CLI before the fixes.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceKey } from '../../../src/core/conflict/resource-url';
import { repoRoot } from '../../support/repo-root';
import type { HostileApi } from '../../fixtures/servers/hostile-api-server';
import { escapes, startHostileApi } from '../../fixtures/servers/hostile-api-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, env: options.env ?? process.env },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
      },
    );
  });
}

/** Any character a terminal could act on: C0 but TAB/LF, DEL, C1, line separators, bidi controls. */
const actionable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('http-conflicts CLI against a hostile server (issue 13)', () => {
  let api: HostileApi;
  let dir: string;
  let snaps: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    api = await startHostileApi();
    dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
    snaps = join(dir, 'snaps');
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  describe('a conflict stops the run', () => {
    const saveThenPublish = (save: string) => `@base = ${api.url}

### Save the draft
# @name save
${save}

### Publish it
# @name publish
POST {{base}}/drafts/1/publish

### Delete the draft
DELETE {{base}}/drafts/1
`;

    it('sends nothing after a 412 with the default --on-conflict=fail, and says what was not sent', async () => {
      write(
        'publish.http',
        saveThenPublish(
          'PUT {{base}}/drafts/1\nIf-Match: "d1"\nContent-Type: application/json\n\n{ "id": 1, "title": "Draft v2" }',
        ),
      );
      const { code, stdout } = await run(['run', 'publish.http', '--snapshots', snaps], dir);
      assert.equal(code, 1, stdout);
      assert.deepEqual(
        api.writes().map((r) => r.method),
        ['PUT'],
        'neither the publish nor the delete reached the server',
      );
      assert.match(stdout, /not sent.*line 1[0-9].*publish/i);
      assert.match(stdout, /not sent.*line 1[0-9].*DELETE/i);
      assert.match(stdout, /stopped.*conflict/i);
    });

    it('lists the requests it did not send in --json', async () => {
      write(
        'publish.http',
        saveThenPublish(
          'PUT {{base}}/drafts/1\nIf-Match: "d1"\nContent-Type: application/json\n\n{ "id": 1, "title": "Draft v2" }',
        ),
      );
      const { code, stdout } = await run(['run', 'publish.http', '--json', '--snapshots', snaps], dir);
      assert.equal(code, 1);
      const out = JSON.parse(stdout) as {
        results: unknown[];
        skipped?: Array<{ name: string | null; method: string; reason: string }>;
      };
      assert.equal(out.results.length, 1);
      assert.deepEqual(
        out.skipped?.map((s) => s.method),
        ['POST', 'DELETE'],
      );
      assert.equal(out.skipped?.[0].name, 'publish');
      assert.match(out.skipped?.[0].reason ?? '', /conflict/i);
      assert.equal(api.writes().length, 1);
    });

    it('stops after a rebase that cannot resend (a write with no body to merge)', async () => {
      write('publish.http', saveThenPublish('PUT {{base}}/drafts/1\nIf-Match: "d1"'));
      const { code, stdout } = await run(['run', 'publish.http', '--on-conflict=rebase', '--snapshots', snaps], dir);
      assert.equal(code, 1, stdout);
      assert.deepEqual(
        api.writes().map((r) => r.method),
        ['PUT'],
      );
      assert.match(stdout, /not sent.*publish/i);
    });

    it('stops at a request whose variable did not resolve (no ETag from a failed read)', async () => {
      write(
        'publish.http',
        `@base = ${api.url}

# @name doc
GET {{base}}/missing/1

###
PUT {{base}}/drafts/1
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{ "id": 1 }

###
# @name publish
POST {{base}}/drafts/1/publish
`,
      );
      const { code, stdout } = await run(['run', 'publish.http', '--snapshots', snaps], dir);
      assert.equal(code, 1, stdout);
      assert.equal(api.writes().length, 0, 'neither the unguarded PUT nor the publish was sent');
      assert.match(stdout, /not sent.*publish/i);
    });

    it('says in its usage that a conflict stops the run', async () => {
      const { stdout } = await run(['--help'], dir);
      assert.match(stdout, /--on-conflict=fail\|rebase[^\n]*\n?[^\n]*stop/i);
      assert.match(stdout, /run FILE[^\n]*stops at the first/i);
    });
  });

  describe('never merges onto an older version', () => {
    const replicaWrite = (kind: string) => `PUT ${api.url}/replica/${kind}/doc
If-Match: "v1"
Content-Type: application/json

{ "id": 1, "title": "Q3 report (final)", "tags": ["finance"] }
`;

    it('refuses when the 412 named "v2" and a lagging replica answers the refetch with no validator', async () => {
      write('replica.http', replicaWrite('none'));
      const { code, stdout } = await run(['send', 'replica.http', '--on-conflict=rebase', '--snapshots', snaps], dir);
      assert.equal(code, 1, stdout);
      assert.equal(api.writes().length, 1, 'only the first PUT was sent: nothing was written on a stale merge');
      assert.deepEqual(api.primary('none').document.tags, ['finance', 'q3'], "the other writer's tag survived");
      assert.match(stdout, /"v2"/);
      assert.match(stdout, /no version token|cannot be proven/i);
      assert.doesNotMatch(stdout, /resent: 200/);
    });

    it('never sends the lagging copy with the token the 412 named, and stops when the server keeps naming the same version', async () => {
      // Read first (the replica answers: v1), so the merge has a base and is clean.
      write(
        'replica.http',
        `# @name doc\nGET ${api.url}/replica/older/doc\n\n###\n${replicaWrite('older').replace('If-Match: "v1"', 'If-Match: {{doc.response.headers.ETag}}')}`,
      );
      const { code, stdout } = await run(
        ['run', 'replica.http', '--on-conflict=rebase', '--json', '--snapshots', snaps],
        dir,
      );
      assert.equal(code, 1, stdout);
      const out = JSON.parse(stdout) as { results: Array<{ rebase?: { outcome: string; message: string } }> };
      const resolution = out.results.at(-1)?.rebase;
      assert.equal(resolution?.outcome, 'stale-refetch', stdout);
      assert.match(resolution?.message ?? '', /still names "v2".*returned "v1"/);
      const writes = api.writes();
      assert.equal(writes.length, 2, 'the write, then one resend with the refetched token, which the primary refused');
      assert.equal(writes[1].headers['if-match'], '"v1"', 'the token of the copy merged onto, never "v2"');
      assert.deepEqual(
        api.primary('older').document.tags,
        ['finance', 'q3'],
        "the other writer's change is still there",
      );
      assert.equal(api.primary('older').etag, '"v2"');
    });
  });

  describe('tokens with control characters', () => {
    it('never sends a current version holding CR/LF or escape sequences, and says why', async () => {
      write(
        'tokens.http',
        `PUT ${api.url}/tokens/doc
Content-Type: application/json

{ "id": 7, "title": "Mine", "version": 7 }
`,
      );
      const { code, stdout } = await run(['send', 'tokens.http', '--on-conflict=rebase', '--snapshots', snaps], dir);
      assert.equal(code, 1, stdout);
      assert.equal(api.writes('/tokens/doc').length, 1, 'the hostile token was never sent');
      assert.ok(!api.requests.some((r) => r.path === '/steal'));
      assert.match(stdout, /control character/i);
    });
  });

  describe('includes and env files are confined to the project', () => {
    let home: string;
    let project: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
      home = join(dir, 'home');
      project = join(home, 'Downloads', 'project');
      mkdirSync(join(home, '.aws'), { recursive: true });
      mkdirSync(join(project, '.git'), { recursive: true });
      writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_secret_access_key = HOME-AWS-S3CRET\n');
      writeFileSync(join(home, 'Downloads', 'sibling.txt'), 'SIBLING-S3CRET');
      writeFileSync(join(home, '.env'), 'TOKEN=HOME-DOTENV-S3CRET\n');
      writeFileSync(
        join(home, 'http-client.private.env.json'),
        JSON.stringify({ dev: { token: 'HOME-PRIVATE-S3CRET' } }),
      );
      env = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
    });

    const sink = () =>
      api.requests
        .filter((r) => r.path === '/sink')
        .map((r) => r.bodyText + r.url + JSON.stringify(r.headers))
        .join('\n');

    for (const include of ['< ~/.aws/credentials', '<@ ~/.aws/credentials', '< ../sibling.txt']) {
      it(`refuses "${include}" from a downloaded project run from HOME, and names the way to allow it`, async () => {
        writeFileSync(join(project, 'api.http'), `POST ${api.url}/sink\nContent-Type: text/plain\n\n${include}\n`);
        const { code, stdout, stderr } = await run(['send', 'Downloads/project/api.http'], home, { env });
        assert.equal(code, 1, stdout + stderr);
        assert.doesNotMatch(sink(), /S3CRET/);
        assert.match(stdout, /outside the project/);
        assert.match(stdout, /--allow-includes-outside/);
      });
    }

    it('reads neither ~/.env nor ~/http-client.private.env.json for a project below HOME', async () => {
      writeFileSync(join(project, 'dotenv.http'), `POST ${api.url}/sink\n\n{{$dotenv TOKEN}}\n`);
      writeFileSync(join(project, 'private.http'), `POST ${api.url}/sink\nAuthorization: Bearer {{token}}\n`);
      const dotenv = await run(['send', 'Downloads/project/dotenv.http'], home, { env });
      const privateEnv = await run(['send', 'Downloads/project/private.http', '--env', 'dev'], home, { env });
      assert.notEqual(dotenv.code, 0);
      assert.notEqual(privateEnv.code, 0);
      assert.doesNotMatch(sink(), /S3CRET/);
    });

    it('sends "< ./payload.json" beside the file when run from another folder', async () => {
      writeFileSync(join(project, 'payload.json'), '{ "from": "beside the file" }');
      writeFileSync(
        join(project, 'beside.http'),
        `POST ${api.url}/sink\nContent-Type: application/json\n\n< ./payload.json\n`,
      );
      const elsewhere = mkdtempSync(join(tmpdir(), 'cli-elsewhere-'));
      try {
        const { code, stdout } = await run(['send', join(project, 'beside.http'), '--snapshots', snaps], elsewhere, {
          env,
        });
        assert.equal(code, 0, stdout);
        assert.match(sink(), /beside the file/);
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('refuses a .. escape and a symlink out of the project even when run from above it, until --allow-includes-outside names the folder', async () => {
      mkdirSync(join(project, 'requests'));
      mkdirSync(join(project, 'shared'));
      writeFileSync(join(project, 'shared', 'inside.json'), '{ "inside": true }');
      writeFileSync(join(home, 'Downloads', 'outside.txt'), 'OUTSIDE-S3CRET');
      symlinkSync(join(home, 'Downloads', 'outside.txt'), join(project, 'requests', 'link.txt'));
      writeFileSync(join(project, 'requests', 'inside.http'), `POST ${api.url}/sink\n\n< ../shared/inside.json\n`);
      writeFileSync(join(project, 'requests', 'dotdot.http'), `POST ${api.url}/sink\n\n< ../../outside.txt\n`);
      writeFileSync(join(project, 'requests', 'link.http'), `POST ${api.url}/sink\n\n< ./link.txt\n`);
      const downloads = join(home, 'Downloads');
      const inside = await run(['send', 'project/requests/inside.http'], downloads, { env });
      assert.equal(inside.code, 0, inside.stdout);
      for (const name of ['dotdot.http', 'link.http']) {
        const refused = await run(['send', `project/requests/${name}`], downloads, { env });
        assert.equal(refused.code, 1, `${name}: ${refused.stdout}`);
      }
      assert.doesNotMatch(sink(), /OUTSIDE-S3CRET/);
      const allowed = await run(
        ['send', 'project/requests/dotdot.http', '--allow-includes-outside', downloads],
        downloads,
        { env },
      );
      assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
      assert.match(sink(), /OUTSIDE-S3CRET/);
    });
  });

  describe('terminal-safe output', () => {
    const assertInert = (text: string, what: string) => {
      const found = actionable.exec(text);
      assert.equal(
        found,
        null,
        `${what} holds a raw U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, '0')}: ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))}`,
      );
    };

    it('prints the reason phrase, headers and body of a response inert, and keeps --json exact', async () => {
      write('reason.http', `GET ${api.url}/terminal/reason\n`);
      const text = await run(['send', 'reason.http', '--snapshots', snaps], dir);
      assertInert(text.stdout + text.stderr, 'send');
      assert.match(text.stdout, /\\u001b\[2J|\\x1b\[2J|\\e\[2J/, 'the escape is shown, made visible');
      const json = await run(['send', 'reason.http', '--json', '--snapshots', snaps], dir);
      assertInert(json.stdout, 'send --json');
      const parsed = JSON.parse(json.stdout) as { response: { statusText: string; body: string } };
      assert.equal(
        parsed.response.statusText,
        `OK${escapes.clearScreen}${escapes.title}${escapes.clipboard}${escapes.bidi}`,
        'JSON keeps the exact text',
      );
    });

    it('prints a conflict, its problem details and its tokens inert, and a CR/LF cannot forge a line', async () => {
      write(
        'conflict.http',
        `PUT ${api.url}/terminal/conflict\nIf-Match: "t1"\nContent-Type: application/json\n\n{ "id": 3, "title": "Mine" }\n`,
      );
      for (const extra of [[], ['--on-conflict=rebase'], ['-v']]) {
        const { stdout, stderr } = await run(['run', 'conflict.http', '--snapshots', snaps, ...extra], dir);
        assertInert(stdout + stderr, `run ${extra.join(' ')}`);
        assert.ok(!stdout.split('\n').some((line) => line.startsWith('✔')), `no forged success line: ${stdout}`);
      }
    });

    it('prints the probe table inert', async () => {
      write('probe.http', `# @name w\nPUT ${api.url}/terminal/reason\nContent-Type: application/json\n\n{ "x": 1 }\n`);
      for (const extra of [[], ['--json']]) {
        const { stdout, stderr } = await run(['probe', 'probe.http#w', '--writers', '2', ...extra], dir);
        assertInert(stdout + stderr, `probe ${extra.join(' ')}`);
      }
    });
  });

  describe('smaller failures', () => {
    it('keeps every snapshot when eight CLI runs record the same resource at once', async () => {
      write('read.http', `GET ${api.url}/barrier/doc\n`);
      api.barrier = 8;
      const runs = await Promise.all(
        Array.from({ length: 8 }, () => run(['send', 'read.http', '--snapshots', snaps], dir)),
      );
      for (const r of runs) assert.equal(r.code, 0, r.stdout + r.stderr);
      const file = join(
        snaps,
        `${createHash('sha256')
          .update(resourceKey(`${api.url}/barrier/doc`))
          .digest('hex')
          .slice(0, 40)}.json`,
      );
      const stored = JSON.parse(readFileSync(file, 'utf8')) as {
        snapshots: Array<{ tokens: Array<{ value: string }> }>;
      };
      const versions = stored.snapshots.map((s) => s.tokens[0].value).sort();
      assert.equal(versions.length, 8, `kept ${versions.join(', ')}`);
      assert.deepEqual(
        readdirSync(snaps).filter((f) => !f.endsWith('.json')),
        [],
        'no lock or temporary file left behind',
      );
    });

    it('reports two gzip bombs in --json readably instead of crashing', async function () {
      this.timeout(60_000);
      write('bombs.http', `GET ${api.url}/bomb?mb=60\n\n###\nGET ${api.url}/bomb?mb=60\n`);
      const { code, stdout, stderr } = await run(['run', 'bombs.http', '--json', '--snapshots', snaps], dir, {
        timeoutMs: 50_000,
      });
      assert.doesNotMatch(stderr, /unexpected error|RangeError|\n\s+at /, stderr);
      assert.equal(code, 0, stderr);
      const out = JSON.parse(stdout) as {
        results: Array<{ response: { truncated: boolean; body: string | null; bodyOmitted?: string } }>;
      };
      assert.equal(out.results.length, 2);
      for (const r of out.results) {
        assert.equal(r.response.truncated, true);
        assert.equal(r.response.body, null);
        assert.match(r.response.bodyOmitted ?? '', /binary/);
      }
    });

    it('explains a chain of 2,000 variables instead of overflowing the stack', async () => {
      const lines = ['@v0 = end'];
      for (let i = 1; i <= 2000; i++) lines.push(`@v${i} = {{v${i - 1}}}`);
      write('chain.http', `${lines.join('\n')}\n\nGET ${api.url}/sink?x={{v2000}}\n`);
      const { code, stdout, stderr } = await run(['send', 'chain.http', '--snapshots', snaps], dir);
      assert.doesNotMatch(stderr, /Maximum call stack|unexpected error/, stderr);
      assert.equal(code, 1, stdout + stderr);
      assert.match(stdout, /nest/i);
      assert.equal(api.requests.length, 0);
    });

    it('skips a named pipe in the snapshot folder instead of hanging on it', async function () {
      this.timeout(20_000);
      const url = `${api.url}/drafts/1`;
      mkdirSync(snaps, { recursive: true });
      execFileSync('mkfifo', [
        join(snaps, `${createHash('sha256').update(resourceKey(url)).digest('hex').slice(0, 40)}.json`),
      ]);
      write('read.http', `GET ${url}\n`);
      const { code, stdout, stderr } = await run(['send', 'read.http', '--snapshots', snaps], dir, {
        timeoutMs: 10_000,
      });
      assert.equal(code, 0, `exit ${code}: ${stdout}${stderr}`);
      assert.match(stderr, /not a regular file/);
    });
  });

  describe('secrets', () => {
    it('creates the snapshot folder 0700 and its files 0600', async () => {
      write('read.http', `GET ${api.url}/drafts/1\n`);
      const { code } = await run(['send', 'read.http', '--snapshots', snaps], dir);
      assert.equal(code, 0);
      assert.equal(statSync(snaps).mode & 0o777, 0o700);
      for (const f of readdirSync(snaps)) assert.equal(statSync(join(snaps, f)).mode & 0o777, 0o600, f);
    });

    it('masks token parameters and private env values in every --json string, encoded or not', async () => {
      write('http-client.env.json', JSON.stringify({ dev: {} }));
      write('http-client.private.env.json', JSON.stringify({ dev: { priv: 'PRIV/+=x-s3cr3t' } }));
      const params = [
        'access_token=at-s3cr3t',
        'id_token=idt-s3cr3t',
        'refresh_token=rt-s3cr3t',
        'code=code-s3cr3t',
        'sig=sig-s3cr3t',
        'X-Amz-Signature=amzsig-s3cr3t',
        'X-Amz-Security-Token=amztok-s3cr3t',
      ];
      write(
        'leak.http',
        `GET ${api.url}/sink?${params.join('&')}&p={{priv}}\n\n###\nPOST ${api.url}/sink?q={{priv}}\nContent-Type: text/plain\n\nsecret={{priv}}\n`,
      );
      for (const extra of [['--json'], ['-v'], []]) {
        const { code, stdout, stderr } = await run(
          ['run', 'leak.http', '--env', 'dev', '--snapshots', snaps, ...extra],
          dir,
        );
        assert.equal(code, 0, stdout + stderr);
        assert.doesNotMatch(stdout + stderr, /s3cr3t/i, `${extra.join(' ')}: ${stdout}`);
      }
    });
  });
});
