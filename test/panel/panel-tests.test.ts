// The Tests view of a response (issue 19): each client.test / ?? assertion with pass or fail
// and its message; script text shown as text; the Restricted Mode reason when nothing ran.
import { strict as assert } from 'node:assert';
import { usePanelBrowser } from './panel-browser';
import { hostileText, okState } from './panel-fixtures';

declare const window: any;

describe('response panel: the Tests view', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();

  it('lists each test with pass or fail, the failure message and its line, and counts the failures', async () => {
    await panel.open();
    await panel.send({
      ...okState,
      tests: {
        results: [
          { name: 'logged in', passed: true },
          { name: 'status == 201', passed: false, message: 'status (200) == 201', line: 12 },
          { name: hostileText, passed: false, message: hostileText, line: 3, file: 'check.js' },
        ],
      },
    });
    const list = panel.page.getByTestId('tests');
    await list.waitFor();
    assert.deepEqual(
      await list.locator('li').evaluateAll((els: Array<{ className: string }>) => els.map((e) => e.className)),
      ['test passed', 'test failed', 'test failed'],
    );
    assert.equal(await panel.page.getByTestId('test-1-name').textContent(), 'status == 201');
    assert.equal(await panel.page.getByTestId('test-1-message').textContent(), 'status (200) == 201');
    assert.match(await panel.page.getByTestId('test-1').innerText(), /line 12/);
    assert.equal(await panel.page.getByTestId('test-0-message').count(), 0, 'a passed test shows no message');
    assert.equal(await panel.page.getByTestId('test-2-message').textContent(), hostileText);
    assert.match(await panel.page.getByTestId('test-2').innerText(), /check\.js:3/);
    assert.match(await panel.page.getByTestId('tests-section-toggle').innerText(), /Tests\s*2 of 3 failed/i);
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await panel.page.getByTestId('response-body').count(), 1, 'the response stays below the tests');
    assert.deepEqual((await panel.recorded()).violations, []);
  });

  it('says why nothing ran in Restricted Mode', async () => {
    await panel.open();
    await panel.send({
      ...okState,
      tests: {
        results: [],
        notRun:
          'Restricted Mode: scripts, response handlers and ?? assertions do not run until you trust this workspace.',
      },
    });
    const notice = panel.page.getByTestId('tests-not-run');
    await notice.waitFor();
    assert.match(await notice.innerText(), /Restricted Mode/);
    assert.equal(await panel.page.getByTestId('tests').count(), 0);
  });

  it('shows no Tests section for a response without tests', async () => {
    await panel.open();
    await panel.send(okState);
    await panel.page.getByTestId('response-body').waitFor();
    assert.equal(await panel.page.locator('#tests-section').count(), 0);
  });
});
