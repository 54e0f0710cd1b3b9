// The panel's entry point: keeps the VS Code API private, restores the user's arrangement,
// says `ready`, and re-renders from every `state` the host sends.
import type { HostToPanel, PanelState, PanelToHost } from '../../src/protocol';
import { assertNever } from './assert-never';
import { h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { renderConflict } from './render-conflict';
import { renderRetry } from './render-retry';
import { renderHistoryLine } from './render-history-line';
import { renderProbe } from './render-probe';
import { renderRequest, renderResponse } from './render-response';
import { renderSection } from './render-section';
import { renderTests } from './render-tests';
import { renderBusy, renderEmpty, renderFailure } from './render-status';
import { readArrangement, type Arrangement } from './view-arrangement';

interface VsCodeApi {
  postMessage(message: PanelToHost): void;
  getState(): unknown;
  setState(state: Arrangement): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let arrangement = readArrangement(vscode.getState());
let restoredScroll = false;
/** The key of the conflict view on screen: every action and decision names it. */
let shownConflictKey: string | undefined;

/** Actions and decisions say which conflict they are for, so the host never applies them to another. */
function keyed(message: PanelToHost): PanelToHost {
  if (message.type === 'ready' || shownConflictKey === undefined) return message;
  return { ...message, conflictKey: shownConflictKey };
}

const ctx: PanelContext = {
  post: (message) => vscode.postMessage(keyed(message)),
  arrangement: () => arrangement,
  arrange(change) {
    arrangement = change(arrangement);
    vscode.setState(arrangement);
  },
};

function renderState(state: PanelState): Node[] {
  const parts: (HTMLElement | null)[] = [state.busy && state.view !== 'sending' ? renderBusy(state.busy, ctx) : null];
  switch (state.view) {
    case 'empty':
      parts.push(renderEmpty());
      break;
    case 'sending':
      parts.push(renderBusy(state.busy ?? 'Sending request…', ctx));
      if (state.request && !state.busy)
        parts.push(h('p', { className: 'muted sending-request' }, `${state.request.method} ${state.request.url}`));
      break;
    case 'response':
      if (state.conflict)
        parts.push(
          state.conflict.retry
            ? renderRetry(state.conflict, state.conflict.retry, ctx)
            : renderConflict(state.conflict, ctx),
        );
      if (state.tests) parts.push(renderTests(state.tests, ctx));
      if (state.history && state.response) parts.push(renderHistoryLine(state.history, ctx));
      if (state.response) {
        const response = renderResponse(state.response, state.request, ctx);
        parts.push(
          state.conflict
            ? renderSection(ctx, { id: 'response-details', title: 'Response details', icon: 'file-code' }, response)
            : response,
        );
      }
      break;
    case 'failure':
      parts.push(
        renderFailure(state.failure ?? { code: 'UNKNOWN', message: 'The request failed for an unknown reason.' }, ctx),
      );
      if (state.request)
        parts.push(
          renderSection(
            ctx,
            { id: 'failed-request', title: 'Request', icon: 'arrow-right' },
            renderRequest(state.request),
          ),
        );
      break;
    case 'probe':
      parts.push(
        state.probe
          ? renderProbe(state.probe)
          : h('p', { className: 'muted', testId: 'probe-missing' }, 'The lost-update probe has no result to show.'),
      );
      break;
    default:
      assertNever(state.view);
  }
  return parts.filter((part): part is HTMLElement => part !== null);
}

/** Every state re-renders the panel; keyboard users keep their place through it. */
function focusKey(): string | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return undefined;
  if (active.dataset.testid) return `[data-testid="${CSS.escape(active.dataset.testid)}"]`;
  return active.id ? `#${CSS.escape(active.id)}` : undefined;
}

function restoreFocus(selector: string | undefined): void {
  if (!selector) return;
  const target = document.querySelector<HTMLElement>(selector);
  if (target && !(target instanceof HTMLButtonElement && target.disabled)) target.focus({ preventScroll: true });
}

function isHostMessage(value: unknown): value is HostToPanel {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; state?: unknown };
  return message.type === 'state' && typeof message.state === 'object' && message.state !== null;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) return;
  const message = event.data;
  switch (message.type) {
    case 'state': {
      const root = document.getElementById('root');
      if (!root) return;
      const focused = focusKey();
      shownConflictKey = message.state.view === 'response' ? message.state.conflict?.key : undefined;
      root.replaceChildren(...renderState(message.state));
      restoreFocus(focused);
      if (!restoredScroll) {
        restoredScroll = true;
        window.scrollTo(0, arrangement.scrollY);
      }
      break;
    }
    default:
      assertNever(message.type);
  }
});

let scrollTimer: number | undefined;
window.addEventListener(
  'scroll',
  () => {
    window.clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(
      () => ctx.arrange((current) => ({ ...current, scrollY: Math.round(window.scrollY) })),
      200,
    );
  },
  { passive: true },
);

vscode.postMessage({ type: 'ready' });
