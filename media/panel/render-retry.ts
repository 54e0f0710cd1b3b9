// The view for a conflict to retry or explain, never to merge: the same request still in
// flight, an idempotency key reused with another body, a create-only write that met an
// existing resource, a stale write the server named in its body (GraphQL codes, Google
// ABORTED), or the user's own earlier write. There is nothing to diff or rebase, so instead of
// the merge steps it says what happened, the server's own code and words, and what to do.
import type { ConflictView, RetryAdvice, RetryCase } from '../../src/protocol';
import { assertNever } from './assert-never';
import { formatConfidence } from './display-format';
import { codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { renderSection } from './render-section';

const maxServerChars = 20_000;

interface CaseWords {
  readonly title: string;
  readonly icon: string;
  /** Why nothing was merged, in one sentence. */
  readonly notMerged: string;
}

function caseWords(retryCase: RetryCase): CaseWords {
  switch (retryCase) {
    case 'in-flight':
      return {
        title: 'Still in progress — retry it unchanged',
        icon: 'sync',
        notMerged:
          'Nothing is known to have changed on the server, so there is nothing to merge. Sending a changed request, or the same one under a new key, could apply it twice.',
      };
    case 'key-reused':
      return {
        title: 'Idempotency key reused with a different body',
        icon: 'key',
        notMerged:
          'The server remembers this key with another request and applied nothing. Merging cannot help: the key, not the resource, is what clashed.',
      };
    case 'already-exists':
      return {
        title: 'It already exists',
        icon: 'file',
        notMerged:
          'This write only creates (If-None-Match: *), and something is already there. Nothing was merged or overwritten.',
      };
    case 'stale-write':
      return {
        title: 'Stale write refused by the server',
        icon: 'warning',
        notMerged:
          'The server named a stale or concurrent write, but the request carries no version a rebase could use, so nothing was merged or resent.',
      };
    case 'own-write':
      return {
        title: 'Your write already landed',
        icon: 'pass',
        notMerged:
          'The refusal was your own earlier attempt meeting itself: the server already holds everything this write says. Nothing was resent.',
      };
    default:
      return assertNever(retryCase);
  }
}

export function renderRetry(conflict: ConflictView, retry: RetryAdvice, ctx: PanelContext): HTMLElement {
  const words = caseWords(retry.case);
  return h(
    'div',
    {
      className: `conflict retry retry-${retry.case}`,
      id: 'conflict',
      testId: 'retry-view',
      attrs: { 'data-case': retry.case },
    },
    h(
      'div',
      {
        className: `banner banner-retry banner-retry-${retry.case}`,
        id: 'conflict-banner',
        testId: 'retry-banner',
        attrs: { role: 'status' },
      },
      codicon(words.icon, 'banner-icon'),
      h(
        'div',
        { className: 'banner-text' },
        h('strong', { className: 'banner-title', testId: 'retry-title' }, words.title),
        h('span', { className: 'banner-message' }, conflict.banner),
      ),
    ),
    h('p', { className: 'explanation', testId: 'retry-not-merged' }, words.notMerged),
    h(
      'div',
      { className: 'retry-advice', testId: 'retry-advice' },
      h('strong', {}, 'What to do: '),
      h('span', {}, retry.advice),
    ),
    renderServerWords(conflict, retry),
    renderSection(
      ctx,
      { id: 'retry-details', title: 'How it was recognised', icon: 'lightbulb' },
      renderDetails(conflict),
    ),
  );
}

function clip(text: string): string {
  return text.length > maxServerChars ? `${text.slice(0, maxServerChars)}…` : text;
}

/** The server's own code and message, exactly as it said them (as text, never markup). */
function renderServerWords(conflict: ConflictView, retry: RetryAdvice): HTMLElement | null {
  const message = retry.message ?? conflict.serverMessage;
  if (!retry.code && !message) return null;
  return h(
    'dl',
    { className: 'details retry-server', testId: 'retry-server' },
    retry.code ? h('dt', {}, 'Server code') : null,
    retry.code
      ? h(
          'dd',
          {},
          h('code', { className: 'retry-code', testId: 'retry-code' }, clip(retry.code)),
          retry.source ? h('span', { className: 'muted', testId: 'retry-source' }, ` in ${clip(retry.source)}`) : null,
        )
      : null,
    message ? h('dt', {}, 'The server said') : null,
    message ? h('dd', {}, h('pre', { className: 'server-message', testId: 'retry-message' }, clip(message))) : null,
  );
}

function renderDetails(conflict: ConflictView): HTMLElement {
  return h(
    'dl',
    { className: 'details', testId: 'retry-details' },
    h('dt', {}, 'Dialect'),
    h(
      'dd',
      {},
      h('span', { className: 'dialect' }, conflict.dialect),
      h('span', { className: 'muted' }, ` — ${formatConfidence(conflict.confidence)}`),
    ),
    conflict.evidence.length ? h('dt', {}, 'Evidence') : null,
    conflict.evidence.length
      ? h('dd', {}, h('ul', { className: 'evidence' }, ...conflict.evidence.map((e) => h('li', {}, e))))
      : null,
  );
}
