// Radicale (CalDAV) from Debian: calendar objects as text/calendar, an ETag that is a hash of
// the stored content, If-Match honoured on PUT. Radicale stores what it parsed, so the texts
// below are written in the order it serialises properties.
import { strict as assert } from 'node:assert';
import type { RealServer } from '../../fixtures/real-servers/real-server-process';
import { startRadicale } from '../../fixtures/real-servers/radicale-server';
import type { Workspace } from './real-cli';
import { read, results, shown, workspace, write } from './real-cli';

const auth = { authorization: `Basic ${Buffer.from('ana:x').toString('base64')}` };

function event(uid: string, fields: { summary: string; description?: string; location?: string }): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//http-conflicts//test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTART:20260102T100000Z',
    `DESCRIPTION:${fields.description ?? 'Agenda: budget'}`,
    'DTSTAMP:20260101T000000Z',
    `LOCATION:${fields.location ?? 'Room 1'}`,
    `SUMMARY:${fields.summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('real server: Radicale (CalDAV, content-hash ETags)', function () {
  this.timeout(120_000);
  let server: RealServer;
  let ws: Workspace;
  let n = 0;

  before(async () => {
    server = await startRadicale();
    ws = workspace('radicale');
    assert.equal(await write('MKCALENDAR', `${server.url}/ana/cal/`, '', auth), 201, 'the calendar was created');
  });
  after(async () => {
    ws?.remove();
    await server?.close();
  });

  async function item(): Promise<{ url: string; uid: string }> {
    n += 1;
    const uid = `ev${n}`;
    const url = `${server.url}/ana/cal/${uid}.ics`;
    assert.equal(
      await write('PUT', url, event(uid, { summary: 'Planning' }), { ...auth, 'content-type': 'text/calendar' }),
      201,
    );
    return { url, uid };
  }

  const current = async (url: string) => {
    const got = await read(url, auth);
    assert.equal(got.status, 200);
    return got;
  };

  /** The .http file: read, maybe another writer, then the write (LF lines; Radicale takes either). */
  const file = (url: string, body: string, options: { other?: string; precondition?: boolean } = {}) => `@item = ${url}
@auth = Basic ${Buffer.from('ana:x').toString('base64')}

### Read
# @name ev
GET {{item}}
Authorization: {{auth}}
${
  options.other
    ? `
### Someone else edits it meanwhile
PUT {{item}}
Authorization: {{auth}}
Content-Type: text/calendar
If-Match: {{ev.response.headers.ETag}}

${options.other.replace(/\r\n/g, '\n')}`
    : ''
}
### Write
# @name update
PUT {{item}}
Authorization: {{auth}}
Content-Type: text/calendar
${options.precondition === false ? '' : 'If-Match: {{ev.response.headers.ETag}}\n'}
${body.replace(/\r\n/g, '\n')}`;

  it('probe: a PUT with If-Match that changes the event is protected, twice in a row', async () => {
    const { url, uid } = await item();
    // {{$guid}} is resolved once per probe: every copy is the same write, each probe a new one.
    const name = ws.write('probe.http', file(url, event(uid, { summary: 'Planning {{$guid}}' })));
    for (const round of [1, 2]) {
      const { run, result } = await ws.probe(`${name}#update`);
      assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
      assert.deepEqual([result.verdict, result.accepted, result.rejected], ['protected', 1, 3], result.summary);
      assert.deepEqual(result.statuses.slice().sort(), [201, 412, 412, 412]);
    }
  });

  it('probe: a write that changes nothing is inconclusive with the reason, never lost updates (exit 3)', async () => {
    const { url, uid } = await item();
    const name = ws.write('noop.http', file(url, event(uid, { summary: 'Planning again' })));
    const first = await ws.probe(`${name}#update`);
    assert.equal(first.result.verdict, 'protected', first.result.summary);
    // Now the event already says what the write says: every copy is a no-op, all accepted,
    // each 201 carrying the very ETag the copies sent.
    const second = await ws.probe(`${name}#update`);
    assert.equal(second.run.code, 3, shown(second.run));
    assert.deepEqual([second.result.verdict, second.result.accepted], ['inconclusive', 4]);
    assert.match(
      second.result.summary,
      /the write changes nothing: every answer names the very version the copies sent \("[0-9a-f]+"\)/,
    );
    assert.match(second.result.summary, /put \{\{\$guid\}\} or \{\{\$timestamp\}\} in the body/);
  });

  it('probe: a PUT without If-Match loses updates (exit 1), and check flags it', async () => {
    const { url, uid } = await item();
    const name = ws.write('naive.http', file(url, event(uid, { summary: 'Blind {{$guid}}' }), { precondition: false }));
    const { run, result } = await ws.probe(`${name}#update`);
    assert.equal(run.code, 1, shown(run));
    assert.deepEqual([result.verdict, result.accepted], ['lost-updates', 4]);
    assert.equal((await ws.run(['check', name])).code, 1);
  });

  it("rebase: the other writer's description and our summary both land, line by line (exit 0)", async () => {
    const { url, uid } = await item();
    const theirs = event(uid, { summary: 'Planning', description: 'Agenda: budget and hiring' });
    const name = ws.write('rebase.http', file(url, event(uid, { summary: 'Planning (moved)' }), { other: theirs }));
    const run = await ws.rebase(name);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /✘ 412 Precondition Failed {2}PUT /);
    assert.match(run.stdout, /Rebased onto the current version and resent: 20[14]/);
    assert.match(run.stdout, /resent with If-Match: "[0-9a-f]+" \(was "[0-9a-f]+"\)/);
    const now = (await current(url)).text;
    assert.match(now, /^DESCRIPTION:Agenda: budget and hiring\r?$/m);
    assert.match(now, /^SUMMARY:Planning \(moved\)\r?$/m);
  });

  it('a same-field clash exits 1 and leaves the event as the other writer left it', async () => {
    const { url, uid } = await item();
    const name = ws.write(
      'clash.http',
      file(url, event(uid, { summary: 'My summary' }), { other: event(uid, { summary: 'Their summary' }) }),
    );
    const run = await ws.rebase(name, ['--json']);
    assert.equal(run.code, 1, shown(run));
    const [, other, mine] = results(run);
    assert.equal(mine.rebase?.outcome, 'conflicts-remain', mine.rebase?.message);
    const now = await current(url);
    assert.match(now.text, /^SUMMARY:Their summary\r?$/m);
    assert.equal(
      now.etag,
      other.response?.headers.find(([h]) => h.toLowerCase() === 'etag')?.[1],
      'still the version the other writer made',
    );
  });
});
