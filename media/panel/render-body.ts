// Shows a body, however big, without stalling the panel: the first slice is rendered at once
// and highlighted; each "Show more" renders and highlights one more slice. Nothing outside the
// visible slices is ever tokenized.
import type { ResponseView } from '../../src/protocol';
import { sliceEnd } from './body-slices';
import { formatBytes } from './display-format';
import { button, codicon, h } from './dom-builder';
import { highlightInto, highlightStart, type HighlightLanguage } from './highlight-dom';
import type { PanelContext } from './panel-context';
import { prepareBody } from './pretty-print';

export interface SlicedTextOptions {
  readonly testId: string;
  readonly label: string;
  /** Offered when the text is cut: hands the whole text to a real editor. */
  readonly openInEditor?: () => void;
}

export function renderSlicedText(text: string, language: HighlightLanguage, options: SlicedTextOptions): HTMLElement {
  const code = h('code', { className: `language-${language}` });
  const pre = h('pre', { className: 'code-block', testId: options.testId, attrs: { tabindex: '0', 'aria-label': options.label } }, code);
  const progress = h('span', { className: 'slice-progress', testId: `${options.testId}-progress` });
  const showMore = button('Show more', { icon: 'unfold', testId: `${options.testId}-show-more`, className: 'show-more' });
  const controls = h('div', { className: 'slice-controls' }, codicon('info'), progress, showMore,
    options.openInEditor ? button('Open in Editor', { icon: 'go-to-file', testId: `${options.testId}-open-in-editor`, onClick: options.openInEditor }) : null,
  );

  let shown = 0;
  let state = highlightStart;
  const renderNextSlice = (): void => {
    const end = sliceEnd(text, shown);
    state = highlightInto(code, text.slice(shown, end), language, state);
    shown = end;
    controls.hidden = shown >= text.length;
    progress.textContent = `Showing ${formatBytes(shown)} of ${formatBytes(text.length)}; the rest is not rendered yet.`;
  };
  showMore.addEventListener('click', () => {
    renderNextSlice();
    if (controls.hidden) pre.focus();
  });
  renderNextSlice();
  return h('div', { className: 'sliced-text' }, pre, controls);
}

export function renderResponseBody(response: ResponseView, ctx: PanelContext): HTMLElement {
  const openBody = (): void => ctx.post({ type: 'action', action: 'openBody' });
  if (response.binary) {
    return h('div', { className: 'body-binary', testId: 'response-body' },
      codicon('file-binary'), ' ', response.body || 'Binary body.',
      ' ', button('Save Body', { icon: 'save', testId: 'binary-save-body', onClick: () => ctx.post({ type: 'action', action: 'saveBody' }) }),
    );
  }
  if (response.body.length === 0) {
    return h('p', { className: 'muted', testId: 'response-body' }, 'The response has no body.');
  }
  const prepared = prepareBody(response.body, response.contentType);
  return h('div', { className: 'body-view' },
    prepared.note ? h('p', { className: 'notice info' }, codicon('info'), ' ', prepared.note) : null,
    renderSlicedText(prepared.text, prepared.language, { testId: 'response-body', label: 'Response body', openInEditor: openBody }),
  );
}
