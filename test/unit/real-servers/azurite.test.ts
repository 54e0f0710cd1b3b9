// Azurite, Microsoft's Azure Storage emulator, one process for both services:
// - Table: OData entities whose ETags are weak (`W/"datetime'…'"`) and are compared in
//   If-Match — current tag 204, stale tag 412. A PUT or MERGE without If-Match is an upsert
//   that overwrites whatever is there.
// - Blob: strong ETags (`"0x…"`), If-Match honoured on PUT; without it a PUT replaces the blob.
import { strict as assert } from 'node:assert';
import type { Azurite } from '../../fixtures/real-servers/azurite-server';
import { startAzurite } from '../../fixtures/real-servers/azurite-server';
import type { Workspace } from './real-cli';
import { headerOf, read, results, shown, workspace, write } from './real-cli';

describe('real server: Azurite', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let ws: Workspace;
  before(async () => {
    azurite = await startAzurite();
    ws = workspace('azurite');
  });
  after(async () => {
    ws?.remove();
    await azurite?.close();
  });

  describe('Table (OData, weak ETags)', () => {
    const table = 'docs';
    let n = 0;

    before(async () => {
      const status = await write(
        'POST',
        `${azurite.tableUrl}/Tables?${azurite.sas}`,
        JSON.stringify({ TableName: table }),
        {
          'content-type': 'application/json',
          accept: 'application/json;odata=nometadata',
        },
      );
      assert.equal(status, 201, 'the table was created');
    });

    /** A fresh entity per test: PartitionKey p, RowKey rN. */
    async function entity(fields: Record<string, string>): Promise<string> {
      n += 1;
      const url = `${azurite.tableUrl}/${table}(PartitionKey='p',RowKey='r${n}')`;
      const status = await write('PUT', `${url}?${azurite.sas}`, JSON.stringify(fields), {
        'content-type': 'application/json',
      });
      assert.equal(status, 204);
      return url;
    }

    async function current(url: string): Promise<{ etag: string | null; fields: Record<string, unknown> }> {
      const got = await read(`${url}?${azurite.sas}`, { accept: 'application/json;odata=nometadata' });
      assert.equal(got.status, 200);
      return { etag: got.etag, fields: JSON.parse(got.text) as Record<string, unknown> };
    }

    const header = (url: string) => `@entity = ${url}\n@sas = ${azurite.sas}\n`;

    it('probe: a PUT with the weak If-Match is protected, twice in a row; MERGE too', async () => {
      const url = await entity({ title: 'Quarterly report', owner: 'ana' });
      const file = ws.write(
        'probe.http',
        `${header(url)}
  ### Read
  # @name doc
  GET {{entity}}?{{sas}}
  Accept: application/json;odata=nometadata

  ### Replace
  # @name update
  PUT {{entity}}?{{sas}}
  Content-Type: application/json
  If-Match: {{doc.response.headers.ETag}}

  { "title": "Probed", "owner": "ana" }

  ### Merge
  # @name merge
  MERGE {{entity}}?{{sas}}
  Content-Type: application/json
  If-Match: {{doc.response.headers.ETag}}

  { "title": "Merged" }
  `,
      );
      for (const round of [1, 2]) {
        const { run, result } = await ws.probe(`${file}#update`);
        assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
        assert.deepEqual(
          [result.verdict, result.accepted, result.rejected],
          ['protected', 1, 3],
          `round ${round}: ${result.summary}`,
        );
        assert.deepEqual(result.statuses.slice().sort(), [204, 412, 412, 412]);
        assert.equal(result.requiresPrecondition, false, 'Azure Table accepts an unconditional PUT (upsert)');
        assert.doesNotMatch(result.url, /\{\{/);
      }
      const merged = await ws.probe(`${file}#merge`);
      assert.equal(merged.run.code, 0, shown(merged.run));
      assert.deepEqual([merged.result.verdict, merged.result.accepted, merged.result.rejected], ['protected', 1, 3]);
      const human = await ws.run(['probe', `${file}#merge`, '--writers', '2']);
      assert.equal(human.code, 0, shown(human));
      assert.match(
        human.stdout,
        /^Probe: MERGE http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/docs\(PartitionKey='p',RowKey='r\d+'\)\?/,
      );
      assert.doesNotMatch(human.stdout, /\{\{/);
    });

    it('probe: a PUT without If-Match loses updates (exit 1), and check flags it and the MERGE', async () => {
      const url = await entity({ title: 'Quarterly report', owner: 'ana' });
      const file = ws.write(
        'naive.http',
        `${header(url)}
  ### Read
  # @name doc
  GET {{entity}}?{{sas}}
  Accept: application/json;odata=nometadata

  ### Replace, no precondition
  # @name update
  PUT {{entity}}?{{sas}}
  Content-Type: application/json

  { "title": "Blind", "owner": "ana" }

  ### Merge, no precondition
  MERGE {{entity}}?{{sas}}
  Content-Type: application/json

  { "title": "Blind merge" }
  `,
      );
      const { run, result } = await ws.probe(`${file}#update`);
      assert.equal(run.code, 1, shown(run));
      assert.deepEqual([result.verdict, result.accepted], ['lost-updates', 4]);
      const check = await ws.run(['check', file]);
      assert.equal(check.code, 1, shown(check));
      assert.equal(check.stdout.trim().split('\n').length, 2, check.stdout);
      assert.match(check.stdout, /naive\.http:\d+: This write can silently overwrite/);
      assert.match(check.stdout.split('\n')[1], /fix: add If-Match/);
    });

    it("rebase: another writer's field and ours both land; the weak tag is resent as it is (exit 0)", async () => {
      const url = await entity({ title: 'Quarterly report', owner: 'ana', status: 'draft' });
      const file = ws.write(
        'rebase.http',
        `${header(url)}
  ### Read
  # @name doc
  GET {{entity}}?{{sas}}
  Accept: application/json;odata=nometadata

  ### Someone else moves it to review
  MERGE {{entity}}?{{sas}}
  Content-Type: application/json
  If-Match: *

  { "status": "review" }

  ### Change the title
  # @name update
  PUT {{entity}}?{{sas}}
  Content-Type: application/json
  Accept: application/json;odata=nometadata
  If-Match: {{doc.response.headers.ETag}}

  { "PartitionKey": "p", "RowKey": "${url.replace(/.*RowKey='(r\d+)'.*/, '$1')}", "title": "Updated Title", "owner": "ana", "status": "draft" }
  `,
      );
      const run = await ws.rebase(file);
      assert.equal(run.code, 0, shown(run));
      assert.match(run.stdout, /✘ 412 Precondition Failed {2}PUT /);
      assert.match(run.stdout, /Rebased onto the current version and resent: 204/);
      assert.match(run.stdout, /resent with If-Match: W\/"datetime'[^']+'" .*weak ETag.*compare/i);
      const now = await current(url);
      assert.equal(now.fields.title, 'Updated Title');
      assert.equal(now.fields.status, 'review', "the other writer's change survived");
      assert.equal(now.fields.owner, 'ana');
    });

    it('a same-field clash exits 1 and leaves the entity as the other writer left it', async () => {
      const url = await entity({ title: 'Quarterly report', owner: 'ana' });
      const file = ws.write(
        'clash.http',
        `${header(url)}
  ### Read
  # @name doc
  GET {{entity}}?{{sas}}
  Accept: application/json;odata=nometadata

  ### Someone else renames it
  MERGE {{entity}}?{{sas}}
  Content-Type: application/json
  If-Match: *

  { "title": "Their title" }

  ### Rename it too
  # @name update
  PUT {{entity}}?{{sas}}
  Content-Type: application/json
  If-Match: {{doc.response.headers.ETag}}

  { "title": "My title", "owner": "ana" }
  `,
      );
      const run = await ws.rebase(file, ['--json']);
      assert.equal(run.code, 1, shown(run));
      const [, theirs, mine] = results(run);
      assert.equal(mine.rebase?.outcome, 'conflicts-remain', mine.rebase?.message);
      assert.match(mine.rebase?.message ?? '', /1 conflict still to resolve: title/);
      const now = await current(url);
      assert.equal(now.fields.title, 'Their title');
      assert.equal(now.etag, headerOf(theirs, 'etag'), 'the entity is still the version the other writer left');
    });
  });

  describe('Blob (strong ETags, JSON content)', () => {
    let n = 0;
    before(async () => {
      assert.equal(
        await write('PUT', `${azurite.blobUrl}/docs?restype=container&${azurite.sas}`, ''),
        201,
        'the container was created',
      );
    });

    async function blob(document: object): Promise<string> {
      n += 1;
      const url = `${azurite.blobUrl}/docs/doc${n}.json`;
      const status = await write('PUT', `${url}?${azurite.sas}`, JSON.stringify(document, null, 2), {
        'x-ms-blob-type': 'BlockBlob',
        'content-type': 'application/json',
      });
      assert.equal(status, 201);
      return url;
    }

    const file = (
      url: string,
      title: string,
      other?: string,
      precondition = 'If-Match: {{doc.response.headers.ETag}}\n',
    ) => `@blob = ${url}
  @sas = ${azurite.sas}

  ### Read
  # @name doc
  GET {{blob}}?{{sas}}
  ${
    other
      ? `
  ### Someone else writes meanwhile
  PUT {{blob}}?{{sas}}
  x-ms-blob-type: BlockBlob
  Content-Type: application/json

  ${other}
  `
      : ''
  }
  ### Write
  # @name update
  PUT {{blob}}?{{sas}}
  x-ms-blob-type: BlockBlob
  Content-Type: application/json
  ${precondition}
  {
    "title": "${title}",
    "tags": ["finance"],
    "owner": "ana"
  }
  `;
    const original = { title: 'Quarterly report', tags: ['finance'], owner: 'ana' };

    it('probe: a PUT with If-Match is protected, twice in a row', async () => {
      const url = await blob(original);
      const name = ws.write('blob-probe.http', file(url, 'Probed'));
      for (const round of [1, 2]) {
        const { run, result } = await ws.probe(`${name}#update`);
        assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
        assert.deepEqual([result.verdict, result.accepted, result.rejected], ['protected', 1, 3], result.summary);
        assert.deepEqual(result.statuses.slice().sort(), [201, 412, 412, 412]);
        assert.equal(result.requiresPrecondition, false);
      }
    });

    it('probe: a PUT without If-Match loses updates (exit 1)', async () => {
      const url = await blob(original);
      const name = ws.write('blob-naive.http', file(url, 'Blind', undefined, ''));
      const { run, result } = await ws.probe(`${name}#update`);
      assert.equal(run.code, 1, shown(run));
      assert.deepEqual([result.verdict, result.accepted], ['lost-updates', 4]);
    });

    it("rebase: the other writer's tag and our title both land in the JSON blob (exit 0)", async () => {
      const url = await blob(original);
      const name = ws.write(
        'blob-rebase.http',
        file(url, 'Updated Title', JSON.stringify({ ...original, tags: ['finance', 'q3'] }, null, 2)),
      );
      const run = await ws.rebase(name);
      assert.equal(run.code, 0, shown(run));
      assert.match(run.stdout, /✘ 412 .*PUT /);
      assert.match(run.stdout, /Rebased onto the current version and resent: 201/);
      assert.match(run.stdout, /resent with If-Match: "0x[0-9A-F]+" \(was "0x[0-9A-F]+"\)/);
      const now = JSON.parse((await read(`${url}?${azurite.sas}`)).text) as typeof original;
      assert.deepEqual(now, { title: 'Updated Title', tags: ['finance', 'q3'], owner: 'ana' });
    });

    it('a same-field clash exits 1 and leaves the blob as the other writer left it', async () => {
      const url = await blob(original);
      const name = ws.write(
        'blob-clash.http',
        file(url, 'My title', JSON.stringify({ ...original, title: 'Their title' }, null, 2)),
      );
      const run = await ws.rebase(name, ['--json']);
      assert.equal(run.code, 1, shown(run));
      const [, theirs, mine] = results(run);
      assert.equal(mine.rebase?.outcome, 'conflicts-remain', mine.rebase?.message);
      const now = await read(`${url}?${azurite.sas}`);
      assert.equal((JSON.parse(now.text) as typeof original).title, 'Their title');
      assert.equal(now.etag, headerOf(theirs, 'etag'), 'the blob is still the version the other writer left');
    });
  });
});
