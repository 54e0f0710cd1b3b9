// The only way the panel makes DOM: elements from createElement, text from text nodes. Server
// text (bodies, headers, messages) is untrusted, so nothing here ever parses markup.

export type Child = Node | string | false | null | undefined;

export interface ElementOptions {
  readonly className?: string;
  readonly id?: string;
  /** Stable hook for end-to-end tests: `data-testid`. */
  readonly testId?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.id) element.id = options.id;
  if (options.testId) element.dataset.testid = options.testId;
  if (options.title) element.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', {
    className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`,
    attrs: { 'aria-hidden': 'true' },
  });
}

export interface ButtonOptions extends ElementOptions {
  readonly icon?: string;
  readonly variant?: 'primary' | 'secondary' | 'icon';
  readonly disabled?: boolean;
  readonly onClick?: () => void;
}

export function button(label: string, options: ButtonOptions = {}): HTMLButtonElement {
  const variant = options.variant ?? 'secondary';
  const element = h(
    'button',
    { ...options, className: `button ${variant}${options.className ? ` ${options.className}` : ''}` },
    options.icon ? codicon(options.icon) : null,
    variant === 'icon' ? null : h('span', { className: 'label' }, label),
  );
  element.type = 'button';
  if (variant === 'icon') element.setAttribute('aria-label', label);
  if (variant === 'icon' && !options.title) element.title = label;
  if (options.disabled) element.disabled = true;
  const onClick = options.onClick;
  if (onClick) element.addEventListener('click', () => onClick());
  return element;
}
