// The probe's text table keeps its columns when a server puts a sentence in the reason
// phrase (Azure Storage does: "412 The update condition specified in the request was not
// satisfied."), through the built CLI against a loopback server that answers so.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';

describe('probe table', () => {
  let server: Server;
  let url = '';
  let version = 1;
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'GET') {
          res.writeHead(200, { etag: `"${version}"`, 'content-type': 'application/json' });
          res.end('{"title":"A"}');
        } else if (req.headers['if-match'] === `"${version}"`) {
          version += 1;
          res.writeHead(204, 'No Content', { etag: `"${version}"` });
          res.end();
        } else {
          res.writeHead(412, 'The update condition specified in the request was not satisfied.', {
            'content-type': 'application/json',
          });
          res.end(
            '{"error":{"code":"UpdateConditionNotSatisfied","message":"The update condition specified in the request was not satisfied."}}',
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('clips a long reason phrase so the outcome column stays aligned', async () => {
    const cli = join(repoRoot(), 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
    const dir = mkdtempSync(join(tmpdir(), 'probe-table-'));
    try {
      writeFileSync(
        join(dir, 'p.http'),
        `# @name doc\nGET ${url}/doc\n\n###\n# @name update\nPUT ${url}/doc\nIf-Match: {{doc.response.headers.ETag}}\nContent-Type: application/json\n\n{"title":"B"}\n`,
      );
      const stdout = await new Promise<string>((done) => {
        execFile(
          process.execPath,
          [cli, 'probe', 'p.http#update', '--writers', '3'],
          { cwd: dir, timeout: 30_000 },
          (_e, out) => done(out),
        );
      });
      const rows = stdout.split('\n').filter((l) => /^ {2}write \d/.test(l));
      assert.equal(rows.length, 4, stdout);
      const column = (row: string) => row.search(/accepted|refused/);
      assert.ok(
        rows.some((r) => r.includes('412 The update condition… ')),
        stdout,
      );
      assert.equal(new Set(rows.map(column)).size, 1, `the outcome column is aligned:\n${rows.join('\n')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
