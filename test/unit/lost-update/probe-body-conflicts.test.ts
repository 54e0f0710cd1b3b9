// The probe on an API that refuses stale writes inside a 200: Shopify's inventorySetQuantities
// is compare-and-set (changeFromQuantity), and a copy based on the old quantity comes back 200
// with userErrors CHANGE_FROM_QUANTITY_STALE (fixture: test/fixtures/servers/body-conflicts-server.ts).
// Counting every 200 as accepted called this protected API "lost updates".
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { probeLostUpdates } from '../../../src/core/probe/lost-update-probe';
import { noFileAccess } from '../../../src/core/run/include-files';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { BodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';
import { startBodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';

const sources = {
  environment: {},
  dotenv: {},
  processEnv: {},
  prompts: {},
  allowProcessEnv: false,
  now: () => new Date(),
  random: () => 0.5,
};

describe('lost-update probe: stale writes refused inside a 200', () => {
  let api: BodyConflictsServer;
  let agent: Agent;
  let send: SendFn;
  beforeEach(async () => {
    api = await startBodyConflictsServer();
    agent = new Agent({ connections: 8 });
    send = (request, signal) =>
      sendRequest(request, { ...defaultSendOptions, totalTimeoutMs: 8_000, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  const mutation = (base: string, changeFromQuantity: number) => `# @name update
POST ${base}/admin/api/2026-04/graphql.json
Content-Type: application/json

{"query":"mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code message } } }","variables":{"input":{"name":"available","reason":"correction","quantities":[{"inventoryItemId":"gid://shopify/InventoryItem/30322695","locationId":"gid://shopify/Location/1","quantity":12,"changeFromQuantity":${changeFromQuantity}}]}}}
`;

  it('calls a compare-and-set mutation protected: one copy lands, the others come back CHANGE_FROM_QUANTITY_STALE', async () => {
    const file = parseHttpFile(mutation(api.url, 7));
    const result = await probeLostUpdates({
      file,
      write: file.requests[0],
      writers: 3,
      sources,
      files: noFileAccess,
      send,
    });
    assert.equal(result.verdict, 'protected', result.summary);
    assert.doesNotMatch(result.summary, /carries no version/, 'the version is in the variables');
    assert.equal(result.requiresPrecondition, null, 'not asked: no copy without the version could be made');
    const concurrent = result.writes.filter((w) => w.kind === 'concurrent');
    assert.deepEqual(concurrent.map((w) => w.outcome).sort(), ['accepted', 'rejected', 'rejected']);
    assert.match(
      concurrent.find((w) => w.outcome === 'rejected')?.detail ?? '',
      /^CHANGE_FROM_QUANTITY_STALE: The changeFromQuantity value does not match persisted value\./,
    );
    assert.equal(api.quantities.get('gid://shopify/InventoryItem/30322695'), 12);
  });
});
