import { strict as assert } from 'node:assert';
import { preconditionRequirementText, verdictWording, writeStatusText } from '../../../media/panel/probe-wording';
import { panelTitle } from '../../../src/extension/panel/panel-title';
import type { ProbeView } from '../../../src/protocol';

describe('lost-update probe wording', () => {
  it('names every verdict in plain words with a distinct meaning and icon', () => {
    const verdicts: ProbeView['verdict'][] = ['protected', 'lost-updates', 'inconclusive'];
    const wordings = verdicts.map(verdictWording);
    assert.deepEqual(
      wordings.map((w) => w.title),
      ['Protected', 'Lost updates', 'Inconclusive'],
    );
    assert.equal(new Set(wordings.map((w) => w.meaning)).size, 3);
    assert.equal(new Set(wordings.map((w) => w.icon)).size, 3);
    assert.match(verdictWording('lost-updates').meaning, /overwrote/);
  });

  it('says yes, no, or not tested for the precondition requirement', () => {
    assert.equal(preconditionRequirementText(true), 'yes');
    assert.equal(preconditionRequirementText(false), 'no');
    assert.equal(preconditionRequirementText(null), 'not tested');
  });

  it("shows a write's status and text, or that no response came", () => {
    assert.equal(
      writeStatusText({ label: 'w', outcome: 'refused', status: 412, statusText: 'Precondition Failed' }),
      '412 Precondition Failed',
    );
    assert.equal(writeStatusText({ label: 'w', outcome: 'accepted', status: 204 }), '204');
    assert.equal(writeStatusText({ label: 'w', outcome: 'no response' }), 'no response');
  });

  it('puts the verdict into the panel title, with the same words as the banner', () => {
    const probe: ProbeView = {
      verdict: 'protected',
      method: 'PUT',
      url: 'http://x/1',
      summary: '',
      requiresPrecondition: true,
      writes: [],
    };
    for (const verdict of ['protected', 'lost-updates', 'inconclusive'] as const) {
      assert.equal(
        panelTitle({ view: 'probe', probe: { ...probe, verdict } }),
        `Lost-update probe — ${verdictWording(verdict).title}`,
      );
    }
    assert.equal(panelTitle({ view: 'probe' }), 'Lost-update probe');
  });
});
