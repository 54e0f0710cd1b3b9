// The views without a response: nothing sent yet, a request in flight, a request that failed.
import type { FailureView } from '../../src/protocol';
import { button, codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';

export function renderEmpty(): HTMLElement {
  return h(
    'div',
    { className: 'empty', id: 'empty-state', testId: 'empty-state' },
    codicon('send', 'empty-icon'),
    h('h1', {}, 'No response yet'),
    h(
      'p',
      {},
      'Send a request with the ',
      h('strong', {}, 'Send Request'),
      ' CodeLens above it, ',
      h('kbd', {}, 'Ctrl+Alt+R'),
      ', or ',
      h('strong', {}, 'HTTP: Send Request'),
      ' from the Command Palette.',
    ),
    h(
      'p',
      { className: 'muted' },
      'When a write comes back 409, 412 or 428, this panel shows what changed on the server and how to resolve it.',
    ),
  );
}

/** The in-flight indicator with its Cancel button; shown alone or above the last response. */
export function renderBusy(text: string, ctx: PanelContext): HTMLElement {
  return h(
    'div',
    { className: 'busy', id: 'busy', testId: 'busy', attrs: { role: 'status', 'aria-live': 'polite' } },
    codicon('loading', 'codicon-modifier-spin'),
    h('span', { className: 'busy-text' }, text),
    button('Cancel', {
      icon: 'debug-stop',
      testId: 'cancel',
      onClick: () => ctx.post({ type: 'action', action: 'cancel' }),
    }),
  );
}

/** A request the user cancelled did what they asked: neutral, no alert, no error code. */
function renderCancelled(failure: FailureView): HTMLElement {
  return h(
    'div',
    { className: 'cancelled', id: 'cancelled', testId: 'cancelled', attrs: { role: 'status' } },
    codicon('circle-slash', 'cancelled-icon'),
    h('p', { className: 'cancelled-message', testId: 'cancelled-message' }, failure.message || 'Request cancelled.'),
  );
}

export function renderFailure(failure: FailureView, ctx: PanelContext): HTMLElement {
  if (failure.code === 'aborted') return renderCancelled(failure);
  return h(
    'div',
    { className: 'failure', id: 'failure', testId: 'failure', attrs: { role: 'alert' } },
    codicon('error', 'failure-icon'),
    h(
      'div',
      { className: 'failure-text' },
      h('h1', {}, 'The request failed'),
      h('p', { className: 'failure-message', testId: 'failure-message' }, failure.message),
      h('p', { className: 'muted' }, 'Error code ', h('code', { testId: 'failure-code' }, failure.code)),
      h(
        'div',
        { className: 'toolbar' },
        button('Copy as cURL', {
          icon: 'terminal',
          testId: 'failure-copy-as-curl',
          onClick: () => ctx.post({ type: 'action', action: 'copyAsCurl' }),
        }),
      ),
    ),
  );
}
