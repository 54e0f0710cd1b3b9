// The lost-update probe's result: the verdict in plain words, what was probed, and one row
// per write with what the server answered. Every string here came from the server or the
// user's file, so all of it goes in as text.
import type { ProbeView } from '../../src/protocol';
import { statusClass } from './display-format';
import { codicon, h } from './dom-builder';
import { preconditionRequirementText, verdictWording, writeStatusText, type ProbeWrite } from './probe-wording';

export function renderProbe(probe: ProbeView): HTMLElement {
  return h(
    'div',
    { className: `probe probe-${probe.verdict}`, id: 'probe', testId: 'probe-view' },
    renderVerdict(probe),
    h(
      'p',
      { className: 'request-line probe-target', testId: 'probe-target' },
      h('span', { className: 'method' }, probe.method),
      ' ',
      h('span', { className: 'url' }, probe.url),
    ),
    h('p', { className: 'probe-summary', testId: 'probe-summary' }, probe.summary),
    renderFacts(probe),
    renderWrites(probe.writes),
  );
}

function renderVerdict(probe: ProbeView): HTMLElement {
  const wording = verdictWording(probe.verdict);
  return h(
    'div',
    {
      className: `banner banner-probe-${probe.verdict}`,
      id: 'probe-verdict',
      testId: 'probe-verdict',
      attrs: { role: 'status' },
    },
    codicon(wording.icon, 'banner-icon'),
    h(
      'div',
      { className: 'banner-text' },
      h('strong', { className: 'banner-title' }, wording.title),
      h('span', { className: 'banner-message' }, wording.meaning),
    ),
  );
}

function renderFacts(probe: ProbeView): HTMLElement {
  return h(
    'dl',
    { className: 'details', testId: 'probe-facts' },
    h('dt', {}, 'Dialect'),
    h(
      'dd',
      { className: probe.dialect ? 'dialect' : 'muted', testId: 'probe-dialect' },
      probe.dialect ?? 'none recognised',
    ),
    h('dt', {}, 'Requires a precondition'),
    h('dd', { testId: 'probe-requires-precondition' }, preconditionRequirementText(probe.requiresPrecondition)),
  );
}

function renderWrites(writes: ProbeView['writes']): HTMLElement {
  if (writes.length === 0) return h('p', { className: 'muted', testId: 'probe-writes' }, 'No writes were sent.');
  const column = (title: string) => h('th', { attrs: { scope: 'col' } }, title);
  return h(
    'table',
    { className: 'header-table probe-writes', testId: 'probe-writes' },
    h('caption', { className: 'subheading' }, 'The writes'),
    h('thead', {}, h('tr', {}, column('Write'), column('Status'), column('Outcome'), column('Detail'))),
    h('tbody', {}, ...writes.map(renderWrite)),
  );
}

function renderWrite(write: ProbeWrite, index: number): HTMLElement {
  const status =
    write.status === undefined
      ? h('span', { className: 'muted' }, writeStatusText(write))
      : h('span', { className: `status-code status-${statusClass(write.status)}` }, writeStatusText(write));
  return h(
    'tr',
    { testId: `probe-row-${index}` },
    h('th', { className: 'probe-label', attrs: { scope: 'row' } }, write.label),
    h('td', { className: 'probe-status' }, status),
    h('td', { className: 'probe-outcome' }, write.outcome),
    h('td', { className: 'probe-detail' }, write.detail ?? ''),
  );
}
