// The Tests view of a response: each client.test / `??` assertion with pass or fail and the
// script's message, failures first in the count. Messages come from scripts and servers:
// text nodes only, as everywhere in the panel.
import type { TestsView } from '../../src/protocol';
import { codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { renderSection } from './render-section';

export function renderTests(tests: TestsView, ctx: PanelContext): HTMLElement {
  const failed = tests.results.filter((t) => !t.passed).length;
  const badge = tests.results.length
    ? failed
      ? `${failed} of ${tests.results.length} failed`
      : `${tests.results.length} passed`
    : undefined;
  const list = h(
    'ul',
    { className: 'tests', testId: 'tests' },
    ...tests.results.map((test, index) =>
      h(
        'li',
        {
          className: `test ${test.passed ? 'passed' : 'failed'}`,
          testId: `test-${index}`,
          attrs: { 'aria-label': `${test.passed ? 'Passed' : 'Failed'}: ${test.name}` },
        },
        codicon(test.passed ? 'pass' : 'error', 'test-icon'),
        h('span', { className: 'test-name', testId: `test-${index}-name` }, test.name),
        test.line !== undefined
          ? h('span', { className: 'muted test-line' }, ` ${test.file ?? 'line'}${test.file ? ':' : ' '}${test.line}`)
          : null,
        !test.passed && test.message
          ? h('div', { className: 'test-message', testId: `test-${index}-message` }, test.message)
          : null,
      ),
    ),
  );
  return renderSection(
    ctx,
    { id: 'tests-section', title: 'Tests', icon: 'beaker', badge, className: failed ? 'tests-failed' : undefined },
    tests.notRun
      ? h('p', { className: 'notice info', testId: 'tests-not-run' }, codicon('info'), h('span', {}, tests.notRun))
      : null,
    tests.results.length ? list : null,
  );
}
