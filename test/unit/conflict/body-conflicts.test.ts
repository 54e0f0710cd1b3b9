// Conflicts the server names in its body — a GraphQL mutation's userErrors / errors codes
// inside a 200, a Google-style `error.status` ABORTED / FAILED_PRECONDITION — against a fixture
// server that answers as the sources cited in test/fixtures/servers/body-conflicts-server.ts
// describe. And the false positives that must stay quiet: a read with errors, a mutation whose
// errors name no clash, a FAILED_PRECONDITION about state.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import { isMutation } from '../../../src/core/conflict/graphql-errors-dialect';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import type { HeaderList } from '../../../src/core/send/send-model';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { BodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';
import { startBodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';
import { exchange, outgoing } from './exchange-builder';

const item = 'gid://shopify/InventoryItem/30322695';
const setQuantities = `mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { reason } userErrors { code field message } }
}`;

describe('conflicts named in the body (GraphQL codes, Google error.status)', () => {
  let api: BodyConflictsServer;
  let agent: Agent;
  let send: SendFn;
  beforeEach(async () => {
    api = await startBodyConflictsServer();
    agent = new Agent();
    send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  async function post(path: string, body: object, headers: HeaderList = []): Promise<Exchange> {
    const text = JSON.stringify(body);
    const request = {
      method: 'POST',
      url: `${api.url}${path}`,
      headers: [['Content-Type', 'application/json'], ...headers] as HeaderList,
      body: { kind: 'text' as const, text },
    };
    const result = await send(request);
    if (!result.ok) throw new Error(result.failure.message);
    return { request, requestBodyText: text, response: result.response };
  }

  const shopify = (changeFromQuantity: number, quantity: number, headers: HeaderList = []) =>
    post(
      '/admin/api/2026-04/graphql.json',
      {
        query: setQuantities,
        variables: {
          input: {
            name: 'available',
            reason: 'correction',
            quantities: [
              { inventoryItemId: item, locationId: 'gid://shopify/Location/1', quantity, changeFromQuantity },
            ],
          },
        },
      },
      headers,
    );

  /** The loop must stop at the classification: no refetch, no merge, no resend. */
  async function noMerge(exchange: Exchange): Promise<void> {
    const before = api.exchanges.length;
    const steps = await resolveConflict({ exchange, snapshots: new MemorySnapshotStore(), send, merge: mergeBodies });
    assert.equal(steps.outcome, 'not-a-version-conflict', steps.message);
    assert.equal(steps.rebase, undefined);
    assert.equal(api.exchanges.length, before, 'nothing more was sent');
  }

  it('Shopify CHANGE_FROM_QUANTITY_STALE in a 200 is a stale write, with the code, the message and the quantity it was based on', async () => {
    const stale = await shopify(5, 12);
    assert.equal(stale.response.status, 200);
    const report = classifyConflict(stale);
    assert.equal(report?.dialectId, 'graphql-errors');
    assert.equal(report?.status, 200);
    assert.deepEqual(
      report?.retry && {
        case: report.retry.case,
        code: report.retry.code,
        source: report.retry.source,
        message: report.retry.message,
      },
      {
        case: 'stale-write',
        code: 'CHANGE_FROM_QUANTITY_STALE',
        source: 'data.inventorySetQuantities.userErrors[0].code',
        message: 'The changeFromQuantity value does not match persisted value.',
      },
    );
    assert.match(report!.summary, /stale or conflicting write, although it answered 200: CHANGE_FROM_QUANTITY_STALE/);
    assert.match(report!.summary, /based on changeFromQuantity 5/);
    assert.match(report!.retry!.advice, /run the query that gave you changeFromQuantity/);
    await noMerge(stale);
    assert.equal(api.quantities.get(item), 7, 'the server kept its quantity');

    const fresh = await shopify(7, 12);
    assert.equal(classifyConflict(fresh), undefined, 'a mutation that landed (empty userErrors) is no conflict');
    assert.equal(api.quantities.get(item), 12);
  });

  it('Shopify idempotency codes: IDEMPOTENCY_CONCURRENT_REQUEST is in flight, IDEMPOTENCY_KEY_PARAMETER_MISMATCH a reused key', async () => {
    api.keys.set('k-7', {
      variables: JSON.stringify({
        input: {
          name: 'available',
          reason: 'correction',
          quantities: [
            { inventoryItemId: item, locationId: 'gid://shopify/Location/1', quantity: 9, changeFromQuantity: 7 },
          ],
        },
      }),
      processing: true,
    });
    const busy = await shopify(7, 9, [['Idempotency-Key', 'k-7']]);
    assert.equal(classifyConflict(busy)?.retry?.case, 'in-flight');
    assert.match(classifyConflict(busy)!.retry!.advice, /same idempotency key/);
    const changed = await shopify(7, 10, [['Idempotency-Key', 'k-7']]);
    const report = classifyConflict(changed);
    assert.equal(report?.retry?.case, 'key-reused');
    assert.equal(report?.retry?.code, 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
    await noMerge(changed);
    assert.equal(api.quantities.get(item), 7);
  });

  it('a read with errors is never a conflict, whatever its codes; nor a mutation whose codes name no clash', async () => {
    const read = await post('/admin/api/2026-04/graphql.json', {
      query: `query { inventoryItem(id: "${item}") { inventoryLevelz { id } } }`,
    });
    assert.equal(read.response.status, 200);
    assert.equal(classifyConflict(read), undefined);
    const conflictCodedRead = exchange(
      outgoing('POST', 'http://127.0.0.1/graphql', [], {
        query: '# mutation in a comment\nquery Q { doc(id: 1) { title mutation } }',
      }),
      {
        status: 200,
        body: {
          errors: [{ message: 'Version conflict while resolving', extensions: { code: 'CONFLICT' } }],
          data: null,
        },
      },
    );
    assert.equal(classifyConflict(conflictCodedRead), undefined, 'a query, though its error says CONFLICT');
    const invalid = exchange(
      outgoing('POST', 'http://127.0.0.1/graphql', [], { query: setQuantities, variables: {} }),
      {
        status: 200,
        body: {
          data: {
            inventorySetQuantities: {
              inventoryAdjustmentGroup: null,
              userErrors: [
                { code: 'INVALID_LOCATION', field: ['input'], message: 'The specified location could not be found.' },
              ],
            },
          },
        },
      },
    );
    assert.equal(classifyConflict(invalid), undefined, 'INVALID_LOCATION is a refusal, not a stale write');
    const otherOperation = exchange(
      outgoing('POST', 'http://127.0.0.1/graphql', [], {
        query: `query Read { doc { title } }\n${setQuantities}`,
        operationName: 'Read',
      }),
      {
        status: 200,
        body: { errors: [{ message: 'stale', extensions: { code: 'STALE' } }] },
      },
    );
    assert.equal(classifyConflict(otherOperation), undefined, 'the operation that ran is the query');
  });

  it('AppSync ConflictUnhandled (errors[].errorType) is a stale write; a Hasura constraint-violation is not', () => {
    // The AppSync shape as reported in aws-amplify/amplify-category-api#2197 (optimistic concurrency, stale _version).
    const appsync = classifyConflict(
      exchange(
        outgoing('POST', 'http://127.0.0.1/graphql', [], {
          query: 'mutation UpdateMyItem($input: UpdateMyItemInput!) { updateMyItem(input: $input) { id _version } }',
          variables: { input: { id: '1', name: 'Mine', _version: 3 } },
        }),
        {
          status: 200,
          body: {
            data: { updateMyItem: null },
            errors: [
              {
                path: ['updateMyItem'],
                data: null,
                errorType: 'ConflictUnhandled',
                errorInfo: null,
                locations: [{ line: 1, column: 60 }],
                message: 'Conflict resolver rejects mutation.',
              },
            ],
          },
        },
      ),
    );
    assert.equal(appsync?.retry?.case, 'stale-write');
    assert.equal(appsync?.retry?.source, 'errors[0].errorType');
    assert.match(appsync!.summary, /based on _version 3/);
    // Hasura's answer to a duplicate key: a refusal, not a stale write.
    const hasura = classifyConflict(
      exchange(
        outgoing('POST', 'http://127.0.0.1/v1/graphql', [], {
          query: 'mutation { insert_users_one(object: {email: "a@b.c"}) { id } }',
        }),
        {
          status: 200,
          body: {
            errors: [
              {
                extensions: { path: '$.selectionSet.insert_users_one.args.object', code: 'constraint-violation' },
                message: 'Uniqueness violation. duplicate key value violates unique constraint "users_email_key"',
              },
            ],
          },
        },
      ),
    );
    assert.equal(hasura, undefined);
    const duplicate = classifyConflict(
      exchange(
        outgoing('POST', 'http://127.0.0.1/graphql', [], { query: 'mutation { createUser(email: "a@b.c") { id } }' }),
        {
          status: 200,
          body: { errors: [{ message: 'A user with this email already exists.', extensions: { code: 'CONFLICT' } }] },
        },
      ),
    );
    assert.equal(duplicate, undefined, 'CONFLICT about a duplicate is not a stale write');
  });

  it('finds a mutation only at the top level of the document', () => {
    assert.equal(isMutation('mutation { a }'), true);
    assert.equal(isMutation('query A { a }\nmutation B($x: Int) { b(x: $x) }'), true);
    assert.equal(isMutation('query { mutation { id } }'), false);
    assert.equal(isMutation('# mutation\nquery { a(s: "mutation") }'), false);
    assert.equal(isMutation('{ a }'), false);
  });

  it("Netflix DGS errorDetail CONFLICT in a 200: the server's words, and the version the mutation sent", async () => {
    const stale = await post('/dgs/graphql', {
      query:
        'mutation UpdateShow($version: Int!, $title: String!) { updateShow(version: $version, title: $title) { title version } }',
      variables: { version: 2, title: 'Mine' },
    });
    const report = classifyConflict(stale);
    assert.equal(report?.retry?.case, 'stale-write');
    assert.equal(report?.retry?.code, 'CONFLICT', 'the code that names the clash, not the broad errorType');
    assert.equal(report?.retry?.source, 'errors[0].extensions.errorDetail');
    assert.match(report!.serverMessage!, /Show was changed by someone else \(version 3, you sent 2\)/);
    assert.ok(
      report!.evidence.some((e) => /version 2/.test(e)),
      report!.evidence.join('\n'),
    );
    await noMerge(stale);
    assert.deepEqual(api.show, { title: 'Stranger Things', version: 3 });
  });

  it('Google setIamPolicy with a stale policy.etag: 409 ABORTED is a stale write to read-modify-write again', async () => {
    const read = await post('/v1/projects/p1:getIamPolicy', {});
    const { etag } = JSON.parse(new TextDecoder().decode(read.response.body)) as { etag: string };
    const first = await post('/v1/projects/p1:setIamPolicy', {
      policy: { etag, bindings: [{ role: 'roles/viewer', members: ['user:a@example.com'] }] },
    });
    assert.equal(first.response.status, 200);
    const stale = await post('/v1/projects/p1:setIamPolicy', {
      policy: { etag, bindings: [{ role: 'roles/editor', members: ['user:b@example.com'] }] },
    });
    assert.equal(stale.response.status, 409);
    const report = classifyConflict(stale);
    assert.equal(report?.dialectId, 'google-status');
    assert.equal(report?.retry?.case, 'stale-write');
    assert.equal(report?.retry?.code, 'ABORTED');
    assert.match(report!.retry!.message!, /^There were concurrent policy changes/);
    assert.match(report!.retry!.advice, /Redo the whole read-modify-write/);
    await noMerge(stale);
    assert.deepEqual(
      api.policy.bindings,
      [{ role: 'roles/viewer', members: ['user:a@example.com'] }],
      "the first writer's policy stands",
    );
  });

  it('a FAILED_PRECONDITION about state (not versions) is not a stale write', async () => {
    const request = outgoing('DELETE', `${api.url}/v1/projects/p1/instances/i1`);
    const result = await send(request);
    assert.ok(result.ok);
    assert.equal(result.response.status, 400);
    assert.equal(classifyConflict({ request, response: result.response }), undefined);
    const aboutEtag = exchange(outgoing('POST', 'http://127.0.0.1/v1/x:update', [], { etag: 'a' }), {
      status: 400,
      body: {
        error: { code: 400, status: 'FAILED_PRECONDITION', message: 'The etag does not match the current version.' },
      },
    });
    assert.equal(classifyConflict(aboutEtag)?.retry?.case, 'stale-write');
  });

  it('a Google ABORTED body inside a 200 counts for a write, never for a read', () => {
    const body = { error: { code: 409, status: 'ABORTED', message: 'Transaction was aborted.' } };
    assert.equal(
      classifyConflict(
        exchange(outgoing('POST', 'http://127.0.0.1/v1/docs:commit', [], { writes: [] }), { status: 200, body }),
      )?.retry?.case,
      'stale-write',
    );
    assert.equal(
      classifyConflict(exchange(outgoing('GET', 'http://127.0.0.1/v1/docs/1'), { status: 200, body })),
      undefined,
    );
  });

  it('a write that carried If-Match is still rebased: the version dialect outbids error.status', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://127.0.0.1/v1/docs/1', [['If-Match', '"v1"']], { title: 'x' }), {
        status: 409,
        body: { error: { code: 409, status: 'ABORTED', message: 'etag mismatch' } },
      }),
    );
    assert.equal(report?.kind, 'version-conflict');
    assert.equal(report?.retry, undefined);
  });
});
