// The probe where real servers differ from the textbook: a no-op write on a content-hash ETag
// server, MERGE and `# @write` as writes, a weak If-Match compared strongly, a write without
// a version refused as a conflict, and no `{{placeholder}}` in the URL it reports.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import type { ProbeResult } from '../../../src/core/probe/lost-update-probe';
import { probeLostUpdates } from '../../../src/core/probe/lost-update-probe';
import type { ProbeWrite, WriteOutcome } from '../../../src/core/probe/probe-verdict';
import { judgeProbe } from '../../../src/core/probe/probe-verdict';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { findUnguardedWrites } from '../../../src/core/conflict/unguarded-writes';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { noFileAccess } from '../../../src/core/run/include-files';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { QuirksServer } from '../../fixtures/servers/protocol-quirks-server';
import { startQuirksServer } from '../../fixtures/servers/protocol-quirks-server';

const sources = {
  environment: {},
  dotenv: {},
  processEnv: {},
  prompts: {},
  allowProcessEnv: false,
  now: () => new Date(),
  random: () => 0.5,
};

function copies(...answers: Array<[WriteOutcome, number?]>): ProbeWrite[] {
  return answers.map(([outcome, status], i) => ({
    index: i + 1,
    kind: 'concurrent',
    outcome,
    ...(status ? { status } : {}),
  }));
}

describe('probe on real protocols', () => {
  describe('judgeProbe', () => {
    it('calls accepted copies that changed nothing inconclusive, with the reason and what to change', () => {
      const v = judgeProbe({
        writers: 3,
        writes: copies(['accepted', 201], ['accepted', 201], ['accepted', 201]),
        carriesPrecondition: true,
        unchangedVersion: '"abc"',
      });
      assert.equal(v.verdict, 'inconclusive');
      assert.match(
        v.summary,
        /the write changes nothing: every answer names the very version the copies sent \("abc"\)/,
      );
      assert.match(v.summary, /\{\{\$guid\}\}/);
    });

    it('explains a weak If-Match that nothing matched', () => {
      const v = judgeProbe({
        writers: 2,
        writes: copies(['rejected', 412], ['rejected', 412]),
        carriesPrecondition: true,
        weakIfMatch: 'W/"5"',
      });
      assert.equal(v.verdict, 'inconclusive');
      assert.match(v.summary, /weak ETag in If-Match \(W\/"5"\), and this server compares If-Match strongly/);
    });

    it('counts a write with no version that every copy got refused as a conflict (CouchDB without _rev) as protected', () => {
      const v = judgeProbe({
        writers: 3,
        writes: copies(['rejected', 409], ['rejected', 409], ['rejected', 409]),
        carriesPrecondition: false,
      });
      assert.deepEqual([v.verdict, v.requiresPrecondition], ['protected', true]);
      assert.doesNotMatch(v.summary, /428/);
    });

    it('takes a conflict to the copy without a precondition as "required"', () => {
      const extra: ProbeWrite = { index: 3, kind: 'without-precondition', outcome: 'rejected', status: 409 };
      const v = judgeProbe({
        writers: 2,
        writes: [...copies(['accepted', 201], ['rejected', 409]), extra],
        carriesPrecondition: true,
        withoutPrecondition: extra,
      });
      assert.equal(v.requiresPrecondition, true);
    });
  });

  describe('probeLostUpdates against fixtures', () => {
    let api: QuirksServer;
    let agent: Agent;
    let send: SendFn;
    beforeEach(async () => {
      api = await startQuirksServer();
      agent = new Agent({ connections: 16 });
      send = (request, signal) =>
        sendRequest(request, { ...defaultSendOptions, totalTimeoutMs: 8_000, dispatcher: agent, env: {}, signal });
    });
    afterEach(async () => {
      await agent.close();
      await api.close();
    });

    function probe(text: string, name = 'update', writers = 3): Promise<ProbeResult> {
      const file = parseHttpFile(text);
      const write = file.requests.find((r) => r.metadata.name === name);
      assert.ok(write);
      return probeLostUpdates({ file, write, writers, sources, files: noFileAccess, send });
    }

    const itemFile = (base: string, summary: string) =>
      `# @name ev\nGET ${base}/hash/ev1.ics\n\n###\n# @name update\nPUT ${base}/hash/ev1.ics\nIf-Match: {{ev.response.headers.ETag}}\nContent-Type: text/calendar\n\nBEGIN:VEVENT\nUID:ev1\nSUMMARY:${summary}\nEND:VEVENT\n`;

    it('content-hash ETags: protected, then inconclusive (never lost updates) once the write is a no-op', async () => {
      const first = await probe(itemFile(api.url, 'Moved'));
      assert.deepEqual([first.verdict, first.accepted, first.rejected], ['protected', 1, 2], first.summary);
      const second = await probe(itemFile(api.url, 'Moved'));
      assert.deepEqual([second.verdict, second.accepted], ['inconclusive', 3], second.summary);
      assert.match(second.summary, /changes nothing/);
      const changing = await probe(itemFile(api.url, 'Moved {{$guid}}'));
      assert.equal(changing.verdict, 'protected', 'a write that changes something is judged as ever');
    });

    it('MERGE is a write: probed, and protected on an OData service', async () => {
      const result = await probe(
        `@base = ${api.url}\n\n# @name doc\nGET {{base}}/odata/Docs(1)\n\n###\n# @name update\nMERGE {{base}}/odata/Docs(1)\nIf-Match: {{doc.response.headers.ETag}}\nContent-Type: application/json\n\n{ "Title": "Merged" }\n`,
      );
      assert.deepEqual(
        [result.verdict, result.method, result.accepted, result.rejected],
        ['protected', 'MERGE', 1, 2],
        result.summary,
      );
      assert.equal(result.url, `${api.url}/odata/Docs(1)`);
    });

    it('a weak If-Match that the server compares strongly: inconclusive, and says why', async () => {
      api.fresh = true;
      const result = await probe(
        `# @name note\nGET ${api.url}/apache/note.txt\n\n###\n# @name update\nPUT ${api.url}/apache/note.txt\nIf-Match: {{note.response.headers.ETag}}\n\nnew text {{$guid}}\n`,
      );
      assert.deepEqual([result.verdict, result.accepted], ['inconclusive', 0]);
      assert.match(result.summary, /weak ETag in If-Match/);
    });

    it('a request that is not a write is not sent, and its URL is shown resolved, never with {{…}}', async () => {
      const result = await probe(
        `@base = ${api.url}\n\n# @name doc\nGET {{base}}/odata/Docs(1)\n\n###\n# @name update\nGET {{base}}/hash/{{doc.response.body.$.Id}}\n`,
      );
      assert.equal(result.verdict, 'inconclusive');
      assert.match(result.summary, /GET is not a write/);
      assert.match(result.summary, /# @write/);
      assert.equal(result.url, `${api.url}/hash/…`);
      assert.equal(api.exchanges.length, 0, 'nothing was sent');
    });

    it('# @write makes any method a write for the probe', async () => {
      const result = await probe(
        `# @name update\n# @write\nPOST ${api.url}/hash/ev1.ics\nContent-Type: text/calendar\n\nBEGIN:VEVENT\nUID:ev1\nSUMMARY:Posted {{$guid}}\nEND:VEVENT\n`,
      );
      assert.notEqual(result.writes.length, 0, 'copies were sent');
    });
  });

  describe('check', () => {
    it('flags MERGE and a # @write request without a precondition, like PUT', () => {
      const text = [
        '# @name doc',
        'GET http://h.test/docs(1)',
        '',
        '###',
        'MERGE http://h.test/docs(1)',
        'Content-Type: application/json',
        '',
        '{ "a": 1 }',
        '',
        '###',
        '# @write',
        'POST http://h.test/docs(1)',
        'Content-Type: application/json',
        '',
        '{ "a": 2 }',
        '',
        '###',
        'POST http://h.test/docs(1)',
        'Content-Type: application/json',
        '',
        '{ "a": 3 }',
        '',
      ].join('\n');
      const findings = findUnguardedWrites(parseHttpFile(text), { text });
      assert.deepEqual(
        findings.map((f) => f.write.method),
        ['MERGE', 'POST'],
      );
    });
  });
});
