// Conflicts to retry or explain, never to merge, in a real browser (harness in
// panel-browser.ts): each case has its own view — title, why nothing was merged, what to do,
// the server's own code and words — and none of the merge machinery (steps, Rebase, diff).
import { strict as assert } from 'node:assert';
import type { ConflictView, PanelState, RetryAdvice, RetryCase } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';
import { hostileText, jsonResponse, sentPut } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;

function retryConflict(retry: RetryAdvice, banner: string, overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    kind: 'not-a-version-conflict',
    banner,
    dialect: 'Retry or explain, not merge (create-only, in-flight, idempotency key)',
    confidence: 0.96,
    evidence: ['409 to a request carrying Idempotency-Key k-1: a request with this key is still being processed.'],
    step: 'detected',
    hasBase: false,
    theirsChanges: [],
    oursChanges: [],
    conflicts: [],
    // A careless host might still list these; a conflict to retry offers no merge.
    actions: { rebase: { enabled: true }, resend: { enabled: true }, resolve: { enabled: true } },
    retry,
    ...overrides,
  };
}

function stateFor(conflict: ConflictView, status = 409, statusText = 'Conflict'): PanelState {
  return {
    view: 'response',
    request: { ...sentPut, method: 'POST', url: 'http://localhost:3000/payments' },
    response: jsonResponse('{"error":{"type":"idempotency_error"}}', { status, statusText }),
    conflict,
  };
}

const inFlight: RetryAdvice = {
  case: 'in-flight',
  code: 'Idempotency-Key 409',
  source: 'Idempotency-Key: k-1',
  advice: 'Send the same request again after a pause — same body, same Idempotency-Key (k-1).',
};

const titles: Record<RetryCase, RegExp> = {
  'in-flight': /^Still in progress — retry it unchanged$/,
  'key-reused': /^Idempotency key reused with a different body$/,
  'already-exists': /^It already exists$/,
  'stale-write': /^Stale write refused by the server$/,
  'own-write': /^Your write already landed$/,
};

describe('response panel in a browser: conflicts to retry, not merge', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();

  it('shows an in-flight request as "retry it unchanged", with the advice, and no merge steps or buttons', async () => {
    await panel.open();
    await panel.send(
      stateFor(retryConflict(inFlight, 'A request with the same Idempotency-Key (k-1) is still being processed.')),
    );
    const view = panel.page.getByTestId('retry-view');
    await view.waitFor();
    assert.equal(await view.getAttribute('data-case'), 'in-flight');
    assert.match(await panel.page.getByTestId('retry-title').innerText(), titles['in-flight']);
    assert.match(await panel.page.getByTestId('retry-banner').innerText(), /still being processed/);
    assert.match(await panel.page.getByTestId('retry-not-merged').innerText(), /nothing to merge/);
    assert.equal(await panel.page.getByTestId('retry-advice').innerText(), `What to do: ${inFlight.advice}`);
    assert.equal(await panel.page.getByTestId('retry-code').innerText(), 'Idempotency-Key 409');
    assert.equal(await panel.page.getByTestId('conflict-steps').count(), 0);
    assert.equal(await panel.page.getByTestId('conflict-view').count(), 0, 'not the merge view');
    for (const name of ['Rebase', 'Resolve', 'Resend'])
      assert.equal(await panel.page.getByRole('button', { name, exact: true }).count(), 0, name);
    assert.equal(await panel.page.locator('#version-diff').count(), 0);
    assert.equal(
      await panel.page.getByTestId('response-details-toggle').count(),
      1,
      'the response is still there, folded under the view',
    );
    await panel.screenshot('panel-retry-in-flight', true);
    assert.deepEqual((await panel.recorded()).violations, []);
  });

  it('gives each case its own title', async () => {
    for (const retryCase of Object.keys(titles) as RetryCase[]) {
      await panel.open();
      await panel.send(
        stateFor(retryConflict({ case: retryCase, advice: `advice for ${retryCase}` }, `banner for ${retryCase}`)),
      );
      const view = panel.page.getByTestId('retry-view');
      await view.waitFor();
      assert.equal(await view.getAttribute('data-case'), retryCase);
      assert.match(await panel.page.getByTestId('retry-title').innerText(), titles[retryCase], retryCase);
      assert.equal(await panel.page.getByTestId('retry-advice').innerText(), `What to do: advice for ${retryCase}`);
      assert.equal(
        await panel.page.getByTestId('retry-server').count(),
        0,
        'no code, no message: no "server said" block',
      );
      await panel.close();
    }
  });

  it("shows a GraphQL stale write inside a 200 with the server's code, where it was read, and its words — as text", async () => {
    await panel.open();
    const stale = retryConflict(
      {
        case: 'stale-write',
        code: 'CHANGE_FROM_QUANTITY_STALE',
        source: 'data.inventorySetQuantities.userErrors[0].code',
        message: hostileText,
        advice:
          'Read it again (run the query that gave you changeFromQuantity), redo your change on what it returns, and send the mutation with the new value.',
      },
      'The server refused this mutation as a stale or conflicting write, although it answered 200: CHANGE_FROM_QUANTITY_STALE.',
      {
        dialect: 'GraphQL error codes (errors[].extensions.code, userErrors[].code)',
        evidence: [
          'A GraphQL mutation answered 200 with data.inventorySetQuantities.userErrors[0].code = CHANGE_FROM_QUANTITY_STALE.',
        ],
      },
    );
    await panel.send(stateFor(stale, 200, 'OK'));
    await panel.page.getByTestId('retry-view').waitFor();
    assert.match(await panel.page.getByTestId('retry-title').innerText(), titles['stale-write']);
    assert.match(await panel.page.getByTestId('retry-banner').innerText(), /although it answered 200/);
    assert.equal(await panel.page.getByTestId('retry-code').innerText(), 'CHANGE_FROM_QUANTITY_STALE');
    assert.equal(
      await panel.page.getByTestId('retry-source').innerText(),
      ' in data.inventorySetQuantities.userErrors[0].code',
    );
    assert.equal(await panel.page.getByTestId('retry-message').textContent(), hostileText);
    assert.match(await panel.page.getByTestId('retry-details').innerText(), /GraphQL error codes/);
    assert.equal(await panel.page.locator('#root img, #root script').count(), 0);
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);
    const { dialogs, violations } = await panel.recorded();
    assert.equal(dialogs, 0);
    assert.deepEqual(violations, []);
    await panel.screenshot('panel-retry-stale-write', true);
  });
});
