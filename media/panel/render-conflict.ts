// The conflict view: what happened in plain words, how the conflict was recognised, the
// version tokens, the server's own message, the quick fixes, and the version diff.
import type { ConflictAction, ConflictStep, ConflictView } from '../../src/protocol';
import { formatConfidence } from './display-format';
import { button, codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { renderVersionDiff } from './render-changes';
import { renderSection } from './render-section';
import { assertNever } from './assert-never';

export const conflictActionTitles: Record<ConflictAction, { readonly title: string; readonly icon: string }> = {
  refetch: { title: 'Refetch', icon: 'cloud-download' },
  rebase: { title: 'Rebase', icon: 'git-merge' },
  resend: { title: 'Resend', icon: 'send' },
  resolve: { title: 'Resolve', icon: 'check-all' },
  compare: { title: 'Compare Versions', icon: 'git-compare' },
  takeTheirs: { title: 'Take Theirs', icon: 'discard' },
  overwrite: { title: 'Overwrite…', icon: 'warning' },
  addPrecondition: { title: 'Add Precondition', icon: 'shield' },
};

// Add Precondition is the fix for a 428, so it comes first and becomes the primary button there.
const actionOrder: readonly ConflictAction[] = [
  'resolve',
  'addPrecondition',
  'refetch',
  'rebase',
  'resend',
  'compare',
  'takeTheirs',
  'overwrite',
];
/**
 * Rebasing cannot fix a 409 that is about something other than versions. Add Precondition is
 * not in here: the host offers it only for a 428, and the panel shows what the host offers.
 */
const versionOnlyActions: ReadonlySet<ConflictAction> = new Set([
  'rebase',
  'resend',
  'resolve',
  'takeTheirs',
  'overwrite',
]);
const steps: readonly { readonly step: ConflictStep; readonly title: string }[] = [
  { step: 'detected', title: 'Detected' },
  { step: 'refetched', title: 'Refetched' },
  { step: 'rebased', title: 'Rebased' },
  { step: 'resent', title: 'Resent' },
];
const maxServerMessageChars = 20_000;

export function renderConflict(conflict: ConflictView, ctx: PanelContext): HTMLElement {
  const versionConflict = conflict.kind !== 'not-a-version-conflict';
  return h(
    'div',
    { className: `conflict conflict-${conflict.kind}`, id: 'conflict', testId: 'conflict-view' },
    renderBanner(conflict),
    versionConflict ? renderSteps(conflict.step) : renderNotVersionExplanation(),
    renderActions(conflict, ctx),
    renderSection(
      ctx,
      { id: 'conflict-details', title: 'How it was recognised', icon: 'lightbulb' },
      renderDetails(conflict),
    ),
    hasVersionDiff(conflict) ? renderVersionDiff(conflict, ctx) : null,
  );
}

/** A 428 says only that a precondition is missing: there is nothing to diff until the host refetched. */
function hasVersionDiff(conflict: ConflictView): boolean {
  switch (conflict.kind) {
    case 'version-conflict':
      return true;
    case 'precondition-required':
      return (
        conflict.theirsChanges.length > 0 ||
        conflict.oursChanges.length > 0 ||
        conflict.conflicts.length > 0 ||
        conflict.merged !== undefined
      );
    case 'not-a-version-conflict':
      return false;
    default:
      return assertNever(conflict.kind);
  }
}

function renderBanner(conflict: ConflictView): HTMLElement {
  const icon = conflict.kind === 'not-a-version-conflict' ? 'info' : 'warning';
  return h(
    'div',
    {
      className: `banner banner-${conflict.kind}`,
      id: 'conflict-banner',
      testId: 'conflict-banner',
      attrs: { role: 'status' },
    },
    codicon(icon, 'banner-icon'),
    h(
      'div',
      { className: 'banner-text' },
      h('strong', { className: 'banner-title' }, bannerTitle(conflict.kind)),
      h('span', { className: 'banner-message' }, conflict.banner),
    ),
  );
}

function bannerTitle(kind: ConflictView['kind']): string {
  switch (kind) {
    case 'version-conflict':
      return 'Version conflict';
    case 'precondition-required':
      return 'The server requires a version check';
    case 'not-a-version-conflict':
      return 'Not a version conflict';
    default:
      return assertNever(kind);
  }
}

function renderNotVersionExplanation(): HTMLElement {
  return h(
    'p',
    { className: 'explanation', testId: 'not-a-version-conflict' },
    'The server refused the change for a reason other than a newer version (for example a duplicate key or a state that does not allow it). ' +
      "Rebasing would not help; the server's own words are below.",
  );
}

function renderSteps(current: ConflictStep): HTMLElement {
  const reached = steps.findIndex((s) => s.step === current);
  return h(
    'ol',
    { className: 'steps', testId: 'conflict-steps', attrs: { 'aria-label': 'Progress' } },
    ...steps.map((s, index) => {
      const item = h(
        'li',
        { className: `step${index < reached ? ' done' : index === reached ? ' current' : ''}` },
        codicon(index <= reached ? 'pass-filled' : 'circle-large-outline'),
        h('span', {}, s.title),
      );
      if (index === reached) item.setAttribute('aria-current', 'step');
      return item;
    }),
  );
}

function renderActions(conflict: ConflictView, ctx: PanelContext): HTMLElement | null {
  const offered = actionOrder.filter(
    (action) =>
      conflict.actions[action] !== undefined &&
      (conflict.kind !== 'not-a-version-conflict' || !versionOnlyActions.has(action)),
  );
  if (offered.length === 0) return null;
  const primary = offered.find(
    (action) => conflict.actions[action]?.enabled && action !== 'overwrite' && action !== 'takeTheirs',
  );
  const reasons: HTMLElement[] = [];
  const buttons = offered.map((action) => {
    const availability = conflict.actions[action] ?? { enabled: false };
    const { title, icon } = conflictActionTitles[action];
    const element = button(title, {
      icon,
      testId: `action-${action}`,
      variant: action === primary ? 'primary' : 'secondary',
      className: action === 'overwrite' ? 'danger' : '',
      disabled: !availability.enabled,
      title: availability.enabled ? undefined : availability.reason,
      onClick: () => ctx.post({ type: 'action', action }),
    });
    if (!availability.enabled && availability.reason) {
      const reasonId = `reason-${action}`;
      element.setAttribute('aria-describedby', reasonId);
      reasons.push(h('li', { id: reasonId }, h('strong', {}, title.replace(/…$/, '')), `: ${availability.reason}`));
    }
    return element;
  });
  return h(
    'div',
    { className: 'quick-fixes', id: 'quick-fixes' },
    h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Quick fixes' } }, ...buttons),
    reasons.length ? h('ul', { className: 'action-reasons', testId: 'action-reasons' }, ...reasons) : null,
  );
}

function renderDetails(conflict: ConflictView): HTMLElement {
  const message = conflict.serverMessage;
  return h(
    'dl',
    { className: 'details', testId: 'conflict-details' },
    h('dt', {}, 'Dialect'),
    h(
      'dd',
      {},
      h('span', { className: 'dialect', testId: 'conflict-dialect' }, conflict.dialect),
      h('span', { className: 'muted' }, ` — ${formatConfidence(conflict.confidence)}`),
    ),
    conflict.evidence.length ? h('dt', {}, 'Evidence') : null,
    conflict.evidence.length
      ? h(
          'dd',
          {},
          h(
            'ul',
            { className: 'evidence', testId: 'conflict-evidence' },
            ...conflict.evidence.map((e) => h('li', {}, e)),
          ),
        )
      : null,
    conflict.staleToken !== undefined || conflict.currentToken !== undefined ? h('dt', {}, 'Version') : null,
    conflict.staleToken !== undefined || conflict.currentToken !== undefined
      ? h(
          'dd',
          { className: 'tokens', testId: 'conflict-tokens' },
          h('span', { className: 'token-label' }, 'yours (stale) '),
          h('code', { className: 'token stale' }, conflict.staleToken ?? 'none'),
          codicon('arrow-right', 'token-arrow'),
          h('span', { className: 'token-label' }, 'current '),
          h('code', { className: 'token current' }, conflict.currentToken ?? 'unknown'),
        )
      : null,
    message ? h('dt', {}, 'The server said') : null,
    message
      ? h(
          'dd',
          {},
          h(
            'pre',
            { className: 'server-message', testId: 'server-message' },
            message.length > maxServerMessageChars ? `${message.slice(0, maxServerMessageChars)}…` : message,
          ),
        )
      : null,
  );
}
