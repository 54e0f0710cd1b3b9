// The line above a response of a URL read before: what changed since that read, with a
// button that opens both responses in VS Code's diff editor.
import type { HistoryLineView } from '../../src/protocol';
import { button, codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';

export function renderHistoryLine(line: HistoryLineView, ctx: PanelContext): HTMLElement {
  return h(
    'div',
    { className: `history-line${line.changed ? ' changed' : ''}`, testId: 'history-line', attrs: { role: 'status' } },
    codicon(line.changed ? 'diff' : 'check'),
    h('span', { className: 'history-summary', testId: 'history-summary' }, line.summary),
    button('Compare with Previous', {
      icon: 'diff',
      testId: 'action-compareWithPrevious',
      onClick: () => ctx.post({ type: 'action', action: 'compareWithPrevious' }),
    }),
  );
}
