// Turns tokens into spans. Only class names come from here; every piece of body text goes
// into a text node.
import type { BodyLanguage } from './pretty-print';
import { jsonScanStart, tokenizeJson, type JsonScanState } from './json-tokens';
import { tokenizeMarkup } from './markup-tokens';
import { splitConflictRegions } from './conflict-markers';
import { assertNever } from './assert-never';

export type HighlightLanguage = BodyLanguage | 'merge';

export type HighlightState = JsonScanState;

export const highlightStart: HighlightState = jsonScanStart;

/** Appends `text` to `parent`, coloured by `language`; returns the state for the next slice. */
export function highlightInto(
  parent: Node,
  text: string,
  language: HighlightLanguage,
  state: HighlightState = highlightStart,
): HighlightState {
  switch (language) {
    case 'json': {
      const { tokens, end } = tokenizeJson(text, state);
      for (const token of tokens) appendRun(parent, token.kind === 'plain' ? '' : `tok-${token.kind}`, token.text);
      return end;
    }
    case 'xml':
    case 'html':
      for (const token of tokenizeMarkup(text))
        appendRun(parent, token.kind === 'plain' ? '' : `tok-${token.kind}`, token.text);
      return highlightStart;
    case 'merge':
      for (const segment of splitConflictRegions(text))
        appendRun(parent, segment.kind === 'plain' ? '' : `merge-${segment.kind}`, segment.text);
      return highlightStart;
    case 'text':
      parent.appendChild(document.createTextNode(text));
      return highlightStart;
    default:
      return assertNever(language);
  }
}

function appendRun(parent: Node, className: string, text: string): void {
  if (!className) {
    const last = parent.lastChild;
    if (last && last.nodeType === Node.TEXT_NODE) (last as Text).appendData(text);
    else parent.appendChild(document.createTextNode(text));
    return;
  }
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  parent.appendChild(span);
}
