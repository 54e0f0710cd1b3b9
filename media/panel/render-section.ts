// A titled section the user can fold; the fold survives reloads through the arrangement.
import { button, codicon, h, type Child } from './dom-builder';
import type { PanelContext } from './panel-context';
import { withCollapsed } from './view-arrangement';

export interface SectionOptions {
  readonly id: string;
  readonly title: string;
  readonly icon?: string;
  /** Short text after the title, e.g. a count. */
  readonly badge?: string;
  readonly className?: string;
}

export function renderSection(ctx: PanelContext, options: SectionOptions, ...content: Child[]): HTMLElement {
  const bodyId = `${options.id}-content`;
  const collapsed = ctx.arrangement().collapsed.includes(options.id);
  const body = h('div', { className: 'section-content', id: bodyId }, ...content);
  body.hidden = collapsed;
  const toggle = button(options.title, {
    icon: collapsed ? 'chevron-right' : 'chevron-down',
    className: 'section-toggle',
    testId: `${options.id}-toggle`,
    attrs: { 'aria-expanded': String(!collapsed), 'aria-controls': bodyId },
  });
  if (options.icon) toggle.insertBefore(codicon(options.icon, 'section-icon'), toggle.querySelector('.label'));
  if (options.badge) toggle.appendChild(h('span', { className: 'badge' }, options.badge));
  toggle.addEventListener('click', () => {
    const nowCollapsed = !body.hidden;
    body.hidden = nowCollapsed;
    toggle.setAttribute('aria-expanded', String(!nowCollapsed));
    const chevron = toggle.querySelector('.codicon:not(.section-icon)');
    if (chevron) chevron.className = `codicon codicon-${nowCollapsed ? 'chevron-right' : 'chevron-down'}`;
    ctx.arrange((current) => withCollapsed(current, options.id, nowCollapsed));
  });
  return h(
    'section',
    { className: `section${options.className ? ` ${options.className}` : ''}`, id: options.id },
    h('h2', { className: 'section-title' }, toggle),
    body,
  );
}
