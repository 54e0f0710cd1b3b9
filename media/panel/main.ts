// The panel's entry point: keeps the VS Code API private, restores the user's arrangement,
// says `ready`, and re-renders from every `state` the host sends.
import type { HostToPanel, PanelState, PanelToHost } from '../../src/protocol';
import { assertNever } from './assert-never';
import { h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { resumeResponseBody } from './render-body';
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

/**
 * The response view last built, kept for the next state that shows the very same response and
 * request: History's "changed since" line arrives as a whole new state a moment after the
 * response, and building the view again (or only moving its drawn body into a new one) made
 * the browser recompute the style and layout of every line drawn, in one task on the editor's
 * thread (bench: panel, trace).
 */
let lastResponse: { readonly key: string; readonly body: string; readonly element: HTMLElement } | undefined;

function responseElement(state: PanelState & { response: NonNullable<PanelState['response']> }): HTMLElement {
  const { body, ...rest } = state.response;
  const key = JSON.stringify([rest, state.request]);
  if (lastResponse && lastResponse.body === body && lastResponse.key === key) {
    resumeResponseBody();
    return lastResponse.element;
  }
  const element = renderResponse(state.response, state.request, ctx);
  lastResponse = { key, body, element };
  return element;
}

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
        const response = responseElement({ ...state, response: state.response });
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

/**
 * Puts `parts` into `root` in order, leaving in place a part that is already there (the kept
 * response view): a node taken out of the document loses its style and layout, and putting a
 * drawn body back costs what drawing it did.
 */
function placeChildren(root: HTMLElement, parts: readonly Node[]): void {
  const keep = new Set(parts);
  for (const child of [...root.childNodes]) if (!keep.has(child)) child.remove();
  let next = root.firstChild;
  for (const part of parts) {
    if (part === next) next = next.nextSibling;
    else root.insertBefore(part, next);
  }
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
      placeChildren(root, renderState(message.state));
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
