// The normal view of a response: status line, notices, body actions, and tabs for the body,
// the headers, the request as sent and the timings.
import type { HeaderPairs, ResponseView, SentRequestView } from '../../src/protocol';
import { formatBytes, formatDuration, statusClass, timingLabel } from './display-format';
import { button, codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { prepareBody } from './pretty-print';
import { renderResponseBody, renderSlicedText } from './render-body';
import { responseTabs, type ResponseTab } from './view-arrangement';
import { assertNever } from './assert-never';

const tabTitles: Record<ResponseTab, string> = {
  body: 'Body',
  headers: 'Headers',
  request: 'Request',
  timings: 'Timings',
};

export function renderStatusLine(response: ResponseView): HTMLElement {
  return h(
    'div',
    { className: 'status-line', id: 'status-line' },
    h(
      'span',
      { className: `status-code status-${statusClass(response.status)}`, testId: 'status-code' },
      String(response.status),
    ),
    h('span', { className: 'status-text', testId: 'status-text' }, response.statusText),
    h(
      'span',
      { className: 'status-meta' },
      metaItem('clock', formatDuration(response.durationMs), 'Time'),
      metaItem('database', formatBytes(response.sizeBytes) + (response.truncated ? ' (truncated)' : ''), 'Size'),
      response.httpVersion
        ? metaItem('globe', `HTTP/${response.httpVersion.replace(/^HTTP\//i, '')}`, 'Protocol')
        : null,
    ),
  );
}

function metaItem(icon: string, text: string, label: string): HTMLElement {
  return h('span', { className: 'meta-item', title: label }, codicon(icon), h('span', {}, text));
}

export function renderNotices(notices: readonly string[]): HTMLElement | null {
  if (notices.length === 0) return null;
  return h(
    'ul',
    { className: 'notices', testId: 'notices' },
    ...notices.map((notice) => h('li', { className: 'notice warning' }, codicon('warning'), h('span', {}, notice))),
  );
}

function renderBodyActions(ctx: PanelContext): HTMLElement {
  const act = (action: 'copyBody' | 'saveBody' | 'openBody' | 'copyAsCurl') => () =>
    ctx.post({ type: 'action', action });
  return h(
    'div',
    { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Response actions' } },
    button('Copy Body', { icon: 'copy', testId: 'action-copyBody', onClick: act('copyBody') }),
    button('Save Body', { icon: 'save', testId: 'action-saveBody', onClick: act('saveBody') }),
    button('Open in Editor', { icon: 'go-to-file', testId: 'action-openBody', onClick: act('openBody') }),
    button('Copy as cURL', { icon: 'terminal', testId: 'action-copyAsCurl', onClick: act('copyAsCurl') }),
  );
}

export function renderResponse(
  response: ResponseView,
  request: SentRequestView | undefined,
  ctx: PanelContext,
): HTMLElement {
  return h(
    'div',
    { className: 'response', id: 'response' },
    h('div', { className: 'response-header' }, renderStatusLine(response), renderBodyActions(ctx)),
    renderNotices(response.notices),
    renderTabs(ctx, (tab) => renderTab(tab, response, request, ctx), { headers: String(response.headers.length) }),
  );
}

function renderTab(
  tab: ResponseTab,
  response: ResponseView,
  request: SentRequestView | undefined,
  ctx: PanelContext,
): HTMLElement {
  switch (tab) {
    case 'body':
      return renderResponseBody(response, ctx);
    case 'headers':
      return renderHeaderTable(response.headers, 'response-headers');
    case 'request':
      return request
        ? renderRequest(request)
        : h('p', { className: 'muted' }, 'The request that was sent is not available.');
    case 'timings':
      return renderTimings(response);
    default:
      return assertNever(tab);
  }
}

/** Tabs as buttons in a tablist: arrow keys move between them, Tab moves into the panel. */
export function renderTabs(
  ctx: PanelContext,
  renderContent: (tab: ResponseTab) => HTMLElement,
  badges: Partial<Record<ResponseTab, string>> = {},
): HTMLElement {
  const panel = h('div', { className: 'tab-panel', id: 'tab-panel', attrs: { role: 'tabpanel', tabindex: '-1' } });
  const tabs = responseTabs.map((tab) => {
    const badge = badges[tab];
    const element = h(
      'button',
      {
        className: 'tab',
        id: `tab-${tab}`,
        testId: `tab-${tab}`,
        attrs: { role: 'tab', type: 'button', 'aria-controls': 'tab-panel' },
      },
      tabTitles[tab],
      badge ? h('span', { className: 'badge' }, badge) : null,
    );
    element.addEventListener('click', () => select(tab));
    element.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      const next = responseTabs[(responseTabs.indexOf(tab) + step + responseTabs.length) % responseTabs.length];
      select(next);
      document.getElementById(`tab-${next}`)?.focus();
    });
    return element;
  });
  const select = (tab: ResponseTab): void => {
    tabs.forEach((element, index) => {
      const selected = responseTabs[index] === tab;
      element.setAttribute('aria-selected', String(selected));
      element.tabIndex = selected ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', `tab-${tab}`);
    panel.replaceChildren(renderContent(tab));
    if (ctx.arrangement().tab !== tab) ctx.arrange((current) => ({ ...current, tab }));
  };
  const strip = h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Response details' } }, ...tabs);
  select(ctx.arrangement().tab);
  return h('div', { className: 'tabbed' }, strip, panel);
}

export function renderHeaderTable(headers: HeaderPairs, testId: string): HTMLElement {
  if (headers.length === 0) return h('p', { className: 'muted', testId }, 'No headers.');
  return h(
    'table',
    { className: 'header-table', testId },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'Name'), h('th', { attrs: { scope: 'col' } }, 'Value')),
    ),
    h(
      'tbody',
      {},
      ...headers.map(([name, value]) =>
        h('tr', {}, h('td', { className: 'header-name' }, name), h('td', { className: 'header-value' }, value)),
      ),
    ),
  );
}

export function renderRequest(request: SentRequestView): HTMLElement {
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const body = request.body ? prepareBody(request.body, contentType) : undefined;
  return h(
    'div',
    { className: 'request-view', testId: 'sent-request' },
    request.label ? h('p', { className: 'request-label' }, request.label) : null,
    h(
      'p',
      { className: 'request-line' },
      h('span', { className: 'method' }, request.method),
      ' ',
      h('span', { className: 'url' }, request.url),
    ),
    renderHeaderTable(request.headers, 'request-headers'),
    body ? h('h3', { className: 'subheading' }, 'Body as sent') : null,
    body ? renderSlicedText(body.text, body.language, { testId: 'request-body', label: 'Request body' }) : null,
  );
}

function renderTimings(response: ResponseView): HTMLElement {
  // `total` is the status line's duration, shown as the last row.
  const entries = Object.entries(response.timings).filter(
    ([phase, ms]) => phase !== 'total' && Number.isFinite(ms) && ms >= 0,
  );
  const longest = Math.max(response.durationMs, ...entries.map(([, ms]) => ms), 1);
  return h(
    'table',
    { className: 'timings', testId: 'timings' },
    h(
      'tbody',
      {},
      ...entries.map(([phase, ms]) => {
        const bar = h('span', { className: 'timing-bar' });
        // CSSOM writes are allowed under the CSP; style attributes in markup are not.
        bar.style.width = `${Math.max(1, (ms / longest) * 100)}%`;
        return h(
          'tr',
          {},
          h('th', { attrs: { scope: 'row' } }, timingLabel(phase)),
          h('td', { className: 'timing-value' }, formatDuration(ms)),
          h('td', { className: 'timing-track' }, bar),
        );
      }),
      h(
        'tr',
        { className: 'timing-total' },
        h('th', { attrs: { scope: 'row' } }, 'Total'),
        h('td', { className: 'timing-value' }, formatDuration(response.durationMs)),
        h('td', {}),
      ),
    ),
  );
}
