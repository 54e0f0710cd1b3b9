// Send All reports each result and stops where the CLI's `run` stops (issue 14.9).
import { strict as assert } from 'node:assert';
import type { ConflictReport } from '../../../src/core/conflict/conflict-model';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { SessionOutcome } from '../../../src/core/run/request-session';
import type { RunSummary } from '../../../src/core/run/run-summary';
import { reportLines, runEntry, stopReason, summaryLine, unsentEntry } from '../../../src/core/run/run-summary';
import type { HttpResponse } from '../../../src/core/send/send-model';
import { httpResponse } from '../conflict/exchange-builder';

type Outcome = SessionOutcome<ConflictReport>;

const file = parseHttpFile(`# @name doc
GET http://127.0.0.1:3000/docs/42

###
PUT http://127.0.0.1:3000/docs/42?token=s3cret
If-Match: "v1"

{ "title": "x" }

###
DELETE http://127.0.0.1:3000/docs/42/draft
`);
const [read, write, cleanup] = file.requests;

function responded(
  request: typeof read,
  response: HttpResponse,
  extra: Partial<Extract<Outcome, { kind: 'response' }>> = {},
): Outcome {
  return {
    kind: 'response',
    request,
    prepared: { request: { method: request.method, url: response.url, headers: [] }, secrets: ['s3cret'] },
    response,
    ...extra,
  };
}

const conflict = {
  kind: 'version-conflict',
  status: 412,
  summary: 'The document changed on the server since you read it (ETag "v1" → "v2").',
} as ConflictReport;
const ok = responded(read, httpResponse({ status: 200, statusText: 'OK', body: {} }, 'http://127.0.0.1:3000/docs/42'));
const refused = responded(
  write,
  httpResponse({ status: 412, statusText: 'Precondition Failed' }, 'http://127.0.0.1:3000/docs/42?token=s3cret'),
  { conflict },
);

describe('the Send All report', () => {
  it('lists method, name or URL, status and verdict per request, with secrets redacted', () => {
    assert.deepEqual(runEntry(ok), {
      line: 2,
      method: 'GET',
      name: 'doc',
      sent: true,
      url: 'http://127.0.0.1:3000/docs/42',
      verdict: 'passed',
      status: 200,
      statusText: 'OK',
    });
    const entry = runEntry(refused);
    assert.equal(entry.verdict, 'conflict');
    assert.equal(entry.status, 412);
    assert.ok(!entry.url.includes('s3cret'), entry.url);
    assert.match(entry.detail ?? '', /changed on the server/);
  });

  it('stops at a conflict, a refusal, a failure and a request that was not sent — as the CLI does', () => {
    assert.equal(stopReason(ok), undefined);
    assert.equal(
      stopReason(responded(read, httpResponse({ status: 404 }))),
      undefined,
      'a 404 is reported, not a reason to stop',
    );
    assert.equal(stopReason(refused), 'its 412 conflict is unresolved');
    assert.equal(
      stopReason(
        responded(write, httpResponse({ status: 409 }), {
          conflict: { ...conflict, kind: 'not-a-version-conflict', status: 409 },
        }),
      ),
      'the server refused it (409, not a version conflict)',
    );
    const prepared = { request: { method: 'PUT', url: 'http://127.0.0.1:3000/docs/42', headers: [] }, secrets: [] };
    assert.equal(
      stopReason({
        kind: 'failed',
        request: write,
        prepared,
        failure: { code: 'refused', phase: 'connect', message: 'Connection refused', mayHaveReachedServer: false },
      }),
      'no response arrived',
    );
    assert.equal(
      stopReason({
        kind: 'failed',
        request: write,
        prepared,
        failure: { code: 'aborted', phase: 'headers', message: 'aborted', mayHaveReachedServer: true },
      }),
      'it was cancelled',
    );
    assert.equal(
      stopReason({ kind: 'not-sent', request: write, problems: ['{{doc}} is not defined'], unresolved: [] }),
      'it could not be sent as written',
    );
  });

  it('counts failures apart: a 4xx and a failed test are failed, a cancel is cancelled', () => {
    assert.equal(runEntry(responded(read, httpResponse({ status: 404 }))).verdict, 'failed');
    assert.equal(
      runEntry(responded(read, httpResponse({ status: 200 }), { tests: [{ name: 'has a title', passed: false }] }))
        .verdict,
      'failed',
    );
    const prepared = { request: { method: 'PUT', url: 'http://127.0.0.1:3000/docs/42', headers: [] }, secrets: [] };
    const cancelled = runEntry({
      kind: 'failed',
      request: write,
      prepared,
      failure: { code: 'aborted', phase: 'headers', message: 'aborted', mayHaveReachedServer: true },
    });
    assert.deepEqual([cancelled.verdict, cancelled.sent], ['cancelled', true]);
  });

  it('says in one line how many were sent, how they went and where the run stopped', () => {
    const allOk: RunSummary = { entries: [runEntry(ok), runEntry(ok)], skipped: [] };
    assert.equal(summaryLine(allOk), '2 sent: 2 OK');
    const stopped: RunSummary = {
      entries: [runEntry(ok), runEntry(refused)],
      stopped: { entry: runEntry(refused), reason: stopReason(refused)! },
      skipped: [unsentEntry(cleanup, 'not-sent')],
    };
    assert.equal(
      summaryLine(stopped),
      'Stopped at line 5: its 412 conflict is unresolved. 2 sent: 1 OK, 1 conflict; 1 not sent.',
    );
    const lines = reportLines(stopped);
    assert.match(lines[0], /^✔ 200 OK {2}GET http:\/\/127\.0\.0\.1:3000\/docs\/42 {2}line 2 \(doc\) {2}passed$/);
    assert.match(
      lines[1],
      /^✘ 412 Precondition Failed {2}PUT http:\/\/127\.0\.0\.1:3000\/docs\/42\?token=\S+ {2}line 5 {2}conflict$/,
    );
    assert.ok(
      lines.every((l) => !l.includes('s3cret')),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes('✘ The run stopped at line 5: its 412 conflict is unresolved. Nothing after it was sent:'),
      lines.join('\n'),
    );
    assert.ok(lines.includes('  ✘ not sent, line 11: DELETE http://127.0.0.1:3000/docs/42/draft'), lines.join('\n'));
    assert.equal(lines.at(-1), summaryLine(stopped));
  });
});
