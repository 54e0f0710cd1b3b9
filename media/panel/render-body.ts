// Shows a body, however big, without stalling the panel — which in code-server shares the
// editor's thread, so a long task here is a frozen editor. The first screen is drawn in the
// task that builds the view; the rest follows in slices of a few milliseconds each, the
// thread given back between them, until one batch is drawn. Everything drawn stays in the DOM
// (Find sees it all); a bigger body offers "Show more" for the next batch and Open in Editor
// for all of it. Nothing past the drawn text is ever tokenized.
import type { ResponseView } from '../../src/protocol';
import { firstSliceChars, sliceBudgetMs, sliceChars, sliceEnd } from './body-slices';
import { formatBytes } from './display-format';
import { button, codicon, h } from './dom-builder';
import { highlightInto, highlightStart, type HighlightLanguage } from './highlight-dom';
import type { PanelContext } from './panel-context';
import { prepareBody } from './pretty-print';

/**
 * How much is drawn without being asked: more than the host sends of a big body (64 K characters)
 * and a little more. The DOM of a drawn body stays, so this bounds what the panel holds.
 */
export const drawBatchChars = 300_000;

export interface SlicedTextOptions {
  readonly testId: string;
  readonly label: string;
  /** Offered when the text is cut: hands the whole text to a real editor. */
  readonly openInEditor?: () => void;
  /** The text is the start of a body this big (bytes), cut by the host: the line says so once all of it is drawn. */
  readonly cutFrom?: number;
}

function lineCount(text: string, start: number, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Gives the thread back: the editor handles keys and paints before the next slice. */
const yieldThread = (next: () => void): void => void setTimeout(next, 0);

export function renderSlicedText(text: string, language: HighlightLanguage, options: SlicedTextOptions): HTMLElement {
  return slicedText(text, language, options).element;
}

interface SlicedText {
  readonly element: HTMLElement;
  /** Draws on if drawing stopped while the view was out of the document (a state in between). */
  readonly resume: () => void;
  /** Says the text is the start of a body this big (or, undefined, all of one): the line under it changes. */
  readonly recut: (cutFrom: number | undefined) => void;
}

function slicedText(text: string, language: HighlightLanguage, options: SlicedTextOptions): SlicedText {
  const code = h('code', { className: `language-${language}` });
  const pre = h(
    'pre',
    {
      className: 'code-block',
      testId: options.testId,
      attrs: { tabindex: '0', 'aria-label': options.label, 'aria-busy': 'true' },
    },
    code,
  );
  const progress = h('span', {
    className: 'slice-progress',
    testId: `${options.testId}-progress`,
    attrs: { role: 'status' },
  });
  const showMore = button('Show more', {
    icon: 'unfold',
    testId: `${options.testId}-show-more`,
    className: 'show-more',
  });
  const controls = h(
    'div',
    { className: 'slice-controls' },
    codicon('info'),
    progress,
    showMore,
    options.openInEditor
      ? button('Open in Editor', {
          icon: 'go-to-file',
          testId: `${options.testId}-open-in-editor`,
          onClick: options.openInEditor,
        })
      : null,
  );

  let cutFrom = options.cutFrom;
  let shown = 0;
  let batchEnd = 0;
  let state = highlightStart;
  let drawing = false;
  let scheduled = false;
  /**
   * One slice in its own block when it holds whole lines, so laying it out never re-lays the
   * slices before it; a slice inside one long line stays inline, so the line is not broken.
   */
  const drawSlice = (maxChars: number): void => {
    const end = Math.min(sliceEnd(text, shown, maxChars), Math.max(batchEnd, shown + 1));
    const wholeLines = (shown === 0 || text[shown - 1] === '\n') && text[end - 1] === '\n';
    const slice = h('span', { className: wholeLines ? 'body-slice body-lines' : 'body-slice' });
    if (wholeLines) slice.style.setProperty('--slice-lines', String(lineCount(text, shown, end)));
    state = highlightInto(slice, text.slice(shown, end), language, state);
    code.appendChild(slice);
    shown = end;
  };
  const settle = (): void => {
    drawing = !(shown >= batchEnd);
    const done = shown >= text.length;
    pre.setAttribute('aria-busy', String(drawing));
    pre.dataset.drawn = String(shown);
    showMore.hidden = drawing || done;
    controls.hidden = done && !drawing && cutFrom === undefined;
    progress.textContent = drawing
      ? `Drawing ${formatBytes(shown)} of ${formatBytes(text.length)}…`
      : !done
        ? `Showing ${formatBytes(shown)} of ${formatBytes(text.length)}; the rest is not drawn yet.`
        : cutFrom !== undefined
          ? `Showing the first ${formatBytes(shown)} of this ${formatBytes(cutFrom)} body; Open in Editor shows all of it.`
          : `Showing all ${formatBytes(shown)}.`;
  };
  const drawOn = (): void => {
    scheduled = false;
    // A newer state replaced this view: stop drawing a body nobody sees.
    if (!code.isConnected) return;
    const started = performance.now();
    do drawSlice(sliceChars);
    while (shown < batchEnd && performance.now() - started < sliceBudgetMs);
    settle();
    if (drawing) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    yieldThread(drawOn);
  };
  const drawBatch = (): void => {
    batchEnd = Math.min(text.length, shown + drawBatchChars);
    settle();
    schedule();
  };
  showMore.addEventListener('click', () => drawBatch());

  batchEnd = Math.min(text.length, drawBatchChars);
  drawSlice(firstSliceChars);
  settle();
  if (drawing) schedule();
  return {
    element: h('div', { className: 'sliced-text' }, pre, controls),
    resume: () => {
      if (drawing) schedule();
    },
    recut: (bytes) => {
      cutFrom = bytes;
      settle();
    },
  };
}

/**
 * The body view last built, kept for the next state that shows the very same body: History's
 * "changed since" line arrives as a whole new state a moment after the response, and drawing
 * the body again for it doubled the work on the editor's thread (bench: panel) and lost what
 * was already drawn.
 */
let lastBody: { readonly body: string; readonly contentType?: string; readonly view: SlicedText } | undefined;

/** Draws on the body view last built if its drawing stopped while it was out of the document. */
export function resumeResponseBody(): void {
  lastBody?.view.resume();
}

export function renderResponseBody(response: ResponseView, ctx: PanelContext): HTMLElement {
  const openBody = (): void => ctx.post({ type: 'action', action: 'openBody' });
  if (response.binary) {
    return h(
      'div',
      { className: 'body-binary', testId: 'response-body' },
      codicon('file-binary'),
      ' ',
      response.body || 'Binary body.',
      ' ',
      button('Save Body', {
        icon: 'save',
        testId: 'binary-save-body',
        onClick: () => ctx.post({ type: 'action', action: 'saveBody' }),
      }),
    );
  }
  if (response.body.length === 0) {
    return h('p', { className: 'muted', testId: 'response-body' }, 'The response has no body.');
  }
  if (lastBody && lastBody.body === response.body && lastBody.contentType === response.contentType) {
    // The same text may be the start of another body (two big documents that begin alike).
    lastBody.view.recut(response.cut ? response.sizeBytes : undefined);
    lastBody.view.resume();
    return lastBody.view.element;
  }
  const prepared = prepareBody(response.body, response.contentType);
  const sliced = slicedText(prepared.text, prepared.language, {
    testId: 'response-body',
    label: 'Response body',
    openInEditor: openBody,
    ...(response.cut ? { cutFrom: response.sizeBytes } : {}),
  });
  const element = h(
    'div',
    { className: 'body-view' },
    prepared.note ? h('p', { className: 'notice info' }, codicon('info'), ' ', prepared.note) : null,
    sliced.element,
  );
  lastBody = {
    body: response.body,
    contentType: response.contentType,
    view: { element, resume: sliced.resume, recut: sliced.recut },
  };
  return element;
}
