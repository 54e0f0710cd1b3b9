// The version diff of a conflict: what the server changed, what the user changed, the merged
// result, and one card per conflict with "Keep mine" / "Take theirs".
import type { Change, ConflictView, MergeConflict } from '../../src/protocol';
import { hasConflictMarkers } from './conflict-markers';
import { button, codicon, h } from './dom-builder';
import type { PanelContext } from './panel-context';
import { detectBodyLanguage } from './pretty-print';
import { renderSlicedText } from './render-body';
import { renderSection } from './render-section';

/** A change list longer than this is cut; the diff editor shows everything. */
const maxChangesShown = 200;
/** A single value longer than this is cut; the diff editor shows everything. */
const maxValueChars = 10_000;

export function renderVersionDiff(conflict: ConflictView, ctx: PanelContext): HTMLElement {
  // Decided conflicts stay listed (with the choice pressed) but are no longer "to decide".
  const open = conflict.conflicts.filter((c) => !conflict.decisions?.[c.id]).length;
  return h(
    'div',
    { className: 'version-diff', id: 'version-diff' },
    conflict.hasBase
      ? null
      : h(
          'p',
          { className: 'notice info', testId: 'two-way-note' },
          codicon('info'),
          ' No base snapshot was found, so this is a two-way merge: every difference is a conflict for you to decide. Send a GET first next time to keep a base.',
        ),
    renderSection(
      ctx,
      {
        id: 'theirs-changes',
        title: 'What changed on the server (base → current)',
        icon: 'server',
        badge: String(conflict.theirsChanges.length),
      },
      renderChangeList(conflict.theirsChanges, 'Nothing changed on the server since your base.', ctx),
    ),
    renderSection(
      ctx,
      {
        id: 'ours-changes',
        title: 'Your changes (base → yours)',
        icon: 'person',
        badge: String(conflict.oursChanges.length),
      },
      renderChangeList(conflict.oursChanges, 'You did not change anything relative to the base.', ctx),
    ),
    conflict.merged === undefined
      ? null
      : renderSection(
          ctx,
          {
            id: 'merged-result',
            title: 'Merged result',
            badge: open > 0 ? `${open} to decide` : conflict.conflicts.length > 0 ? 'all decided' : 'clean',
          },
          renderMerged(conflict.merged, open, ctx),
        ),
    conflict.conflicts.length === 0
      ? null
      : renderSection(
          ctx,
          { id: 'conflicts', title: 'Conflicts to decide', badge: open > 0 ? String(open) : 'all decided' },
          h(
            'ol',
            { className: 'conflict-list', testId: 'conflict-list' },
            ...conflict.conflicts.map((item, index) =>
              renderConflictCard(item, index, conflict.decisions?.[item.id], ctx),
            ),
          ),
        ),
  );
}

function renderChangeList(changes: readonly Change[], emptyText: string, ctx: PanelContext): HTMLElement {
  if (changes.length === 0) return h('p', { className: 'muted' }, emptyText);
  const shown = changes.slice(0, maxChangesShown);
  return h(
    'div',
    {},
    h('ul', { className: 'change-list' }, ...shown.map(renderChange)),
    changes.length > shown.length
      ? h(
          'p',
          { className: 'muted' },
          `…and ${changes.length - shown.length} more. `,
          button('Compare Versions', {
            icon: 'git-compare',
            testId: 'more-changes-compare',
            onClick: () => ctx.post({ type: 'action', action: 'compare' }),
          }),
        )
      : null,
  );
}

function renderChange(change: Change): HTMLElement {
  return h(
    'li',
    { className: `change change-${change.kind}` },
    h(
      'div',
      { className: 'change-head' },
      h('span', { className: `change-kind kind-${change.kind}` }, change.kind),
      h('code', { className: 'change-at' }, change.at),
    ),
    h(
      'div',
      { className: 'change-values' },
      change.before === undefined
        ? null
        : h('pre', { className: 'value removed', title: 'Before' }, clip(change.before)),
      change.after === undefined ? null : h('pre', { className: 'value inserted', title: 'After' }, clip(change.after)),
    ),
  );
}

function renderMerged(merged: string, conflictCount: number, ctx: PanelContext): HTMLElement {
  const markers = hasConflictMarkers(merged);
  const language = markers ? 'merge' : detectBodyLanguage(undefined, merged);
  const note =
    conflictCount === 0
      ? 'The merge is clean: this is what Resend will send.'
      : markers
        ? 'Conflicting lines are marked (<<<<<<< yours, ======= theirs, >>>>>>>). Decide each conflict below or edit the file.'
        : 'Conflicting fields keep your value until you decide them below.';
  return h(
    'div',
    {},
    h(
      'p',
      { className: conflictCount === 0 ? 'muted' : 'notice warning' },
      conflictCount === 0 ? null : codicon('warning'),
      conflictCount === 0 ? note : ` ${note}`,
    ),
    renderSlicedText(merged, language, {
      testId: 'merged-text',
      label: 'Merged result',
      openInEditor: () => ctx.post({ type: 'action', action: 'compare' }),
    }),
  );
}

function renderConflictCard(
  conflict: MergeConflict,
  index: number,
  decision: 'ours' | 'theirs' | undefined,
  ctx: PanelContext,
): HTMLElement {
  const decide = (choice: 'ours' | 'theirs') => () =>
    ctx.post({ type: 'decideConflict', conflictId: conflict.id, choice });
  const keep = button('Keep mine', {
    icon: 'person',
    testId: `keep-mine-${index}`,
    onClick: decide('ours'),
    attrs: { 'aria-pressed': String(decision === 'ours') },
  });
  const take = button('Take theirs', {
    icon: 'server',
    testId: `take-theirs-${index}`,
    onClick: decide('theirs'),
    attrs: { 'aria-pressed': String(decision === 'theirs') },
  });
  const card = h(
    'li',
    { className: `conflict-card${decision ? ' decided' : ''}`, testId: `conflict-${index}` },
    h('p', { className: 'conflict-description' }, conflict.description),
    h(
      'div',
      { className: 'conflict-values' },
      sideValue('Base', conflict.base, 'base'),
      sideValue('Yours', conflict.ours, 'ours'),
      sideValue('Theirs', conflict.theirs, 'theirs'),
    ),
    h(
      'div',
      { className: 'conflict-choices' },
      keep,
      take,
      decision
        ? h(
            'span',
            { className: 'decision' },
            codicon('check'),
            decision === 'ours' ? ' Keeping yours' : ' Taking theirs',
          )
        : null,
    ),
  );
  card.dataset.conflictId = conflict.id;
  return card;
}

function sideValue(label: string, value: string | undefined, side: string): HTMLElement {
  return h(
    'div',
    { className: `side side-${side}` },
    h('div', { className: 'side-label' }, label),
    value === undefined
      ? h('p', { className: 'muted absent' }, '(absent)')
      : h('pre', { className: 'value' }, clip(value)),
  );
}

function clip(text: string): string {
  return text.length <= maxValueChars
    ? text
    : `${text.slice(0, maxValueChars)}… (${text.length - maxValueChars} more characters)`;
}
