// Colours the tags of an XML or HTML body that is shown as text. The markup is never parsed
// by the browser: these runs become text nodes inside spans, like every other body.

export type MarkupTokenKind = 'tag' | 'attr-name' | 'attr-value' | 'comment' | 'plain';

export interface MarkupToken {
  readonly kind: MarkupTokenKind;
  readonly text: string;
}

const commentPattern = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/y;
const tagOpenPattern = /<\/?[A-Za-z_!?][\w:.-]*/y;
const attributePattern = /(\s+)([^\s=>/"']+)(?:(\s*=\s*)("[^"]*"?|'[^']*'?|[^\s>"']+))?/y;
const tagClosePattern = /\s*\??\/?>/y;

export function tokenizeMarkup(text: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let i = 0;
  let plainStart = 0;
  const flushPlain = (upTo: number): void => {
    if (upTo > plainStart) tokens.push({ kind: 'plain', text: text.slice(plainStart, upTo) });
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    commentPattern.lastIndex = lt;
    const comment = commentPattern.exec(text);
    if (comment) {
      flushPlain(lt);
      tokens.push({ kind: 'comment', text: comment[0] });
      i = plainStart = lt + comment[0].length;
      continue;
    }
    tagOpenPattern.lastIndex = lt;
    const open = tagOpenPattern.exec(text);
    if (!open) {
      i = lt + 1;
      continue;
    }
    flushPlain(lt);
    tokens.push({ kind: 'tag', text: open[0] });
    i = lt + open[0].length;
    i = readAttributes(text, i, tokens);
    tagClosePattern.lastIndex = i;
    const close = tagClosePattern.exec(text);
    if (close) {
      tokens.push({ kind: 'tag', text: close[0] });
      i += close[0].length;
    }
    plainStart = i;
  }
  flushPlain(text.length);
  return tokens;
}

function readAttributes(text: string, from: number, tokens: MarkupToken[]): number {
  let i = from;
  // Bounded by the text: every match consumes at least one character.
  for (;;) {
    attributePattern.lastIndex = i;
    const m = attributePattern.exec(text);
    if (!m) return i;
    tokens.push({ kind: 'plain', text: m[1] });
    tokens.push({ kind: 'attr-name', text: m[2] });
    if (m[3] !== undefined && m[4] !== undefined) {
      tokens.push({ kind: 'plain', text: m[3] });
      tokens.push({ kind: 'attr-value', text: m[4] });
    }
    i += m[0].length;
  }
}
