// Re-indents a JSON body for display in the extension host, so the webview (which shares the
// editor's thread in code-server) never parses or formats a big body itself. Every token is
// copied verbatim — big numbers, duplicate keys and escapes stay exactly as the server sent
// them — and the work stops once `maxChars` of output exist, so a 10 MB body costs only the
// part the panel shows. The scan doubles as the validity check: anything that is not a JSON
// token, or a bracket that does not match, means the body is shown as received.
//
// One pass over the input and one output string: a token is appended as one slice of the
// input, a line break with its indentation as one cached string. The first version pushed
// every piece through a closure into an array and built each line's indentation anew, which
// made a one-line body (a line break after every value) cost the host far more than a
// pretty-printed one (bench: panel).

export interface ReindentedJson {
  readonly text: string;
  /** The whole input was formatted (false: the output stopped at `maxChars`). */
  readonly complete: boolean;
}

const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Comma = 0x2c,
  Colon = 0x3a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

// Characters of numbers and of true/false/null; the exact spelling is left to JSON.parse
// when the whole body is read, and to the server otherwise.
const scalarChars = new Uint8Array(128);
for (const c of '-+.0123456789eEabcdefghijklmnopqrstuvwxyz') scalarChars[c.charCodeAt(0)] = 1;

/** `"\n"` and two spaces per depth; deeper lines (rare) are built when met. */
const cachedIndents: string[] = ['\n'];
const maxCachedDepth = 64;

function lineBreak(depth: number): string {
  if (depth < cachedIndents.length) return cachedIndents[depth];
  if (depth > maxCachedDepth) return `\n${'  '.repeat(depth)}`;
  while (cachedIndents.length <= depth) cachedIndents.push(`${cachedIndents[cachedIndents.length - 1]}  `);
  return cachedIndents[depth];
}

const isSpace = (code: number): boolean =>
  code === Char.Space || code === Char.LineFeed || code === Char.Return || code === Char.Tab;

/** `undefined` when `text` is not JSON (as far as it was read). */
export function reindentJson(text: string, maxChars = Infinity): ReindentedJson | undefined {
  const length = text.length;
  let out = '';
  /** Closing bracket per open level, innermost last. */
  const closers: number[] = [];
  let values = 0;
  let i = 0;
  while (i < length) {
    if (out.length >= maxChars) return cutAtLineEnd(out);
    const code = text.charCodeAt(i);
    switch (code) {
      case Char.Space:
      case Char.LineFeed:
      case Char.Return:
      case Char.Tab:
        i++;
        break;
      case Char.Quote: {
        // No need to read past what the panel shows: inside a container the line this string is
        // on will be cut (a top-level string is the whole body, shown whole when it is valid).
        const end = stringEnd(text, i + 1, closers.length > 0 ? maxChars - out.length + i : Infinity);
        if (end === cutShort) return cutAtLineEnd(out);
        if (end < 0) return undefined;
        out += text.slice(i, end);
        if (closers.length === 0) values++;
        i = end;
        break;
      }
      case Char.OpenBrace:
      case Char.OpenBracket: {
        const close = code === Char.OpenBrace ? Char.CloseBrace : Char.CloseBracket;
        let next = i + 1;
        while (next < length && isSpace(text.charCodeAt(next))) next++;
        if (closers.length === 0) values++;
        if (text.charCodeAt(next) === close) {
          out += code === Char.OpenBrace ? '{}' : '[]';
          i = next + 1;
          break;
        }
        closers.push(close);
        out += (code === Char.OpenBrace ? '{' : '[') + lineBreak(closers.length);
        i++;
        break;
      }
      case Char.CloseBrace:
      case Char.CloseBracket:
        if (closers.pop() !== code) return undefined;
        out += lineBreak(closers.length) + (code === Char.CloseBrace ? '}' : ']');
        i++;
        break;
      case Char.Comma:
        if (closers.length === 0) return undefined;
        out += `,${lineBreak(closers.length)}`;
        i++;
        break;
      case Char.Colon:
        if (closers[closers.length - 1] !== Char.CloseBrace) return undefined;
        out += ': ';
        i++;
        break;
      default: {
        let end = i;
        while (end < length && scalarChars[text.charCodeAt(end)] === 1) end++;
        if (end === i) return undefined;
        out += text.slice(i, end);
        if (closers.length === 0) values++;
        i = end;
      }
    }
  }
  if (closers.length > 0 || values !== 1) return undefined;
  // The whole body was read: JSON.parse has the last word on validity (costs no more than the output).
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return { text: out, complete: true };
}

/** Cut at the end of a line so the panel never shows half a line. */
function cutAtLineEnd(out: string): ReindentedJson {
  const lineEnd = out.lastIndexOf('\n');
  return { text: lineEnd > 0 ? out.slice(0, lineEnd + 1) : out, complete: false };
}

/** `stringEnd`'s answer when it stopped at `stopAt` before the string closed. */
const cutShort = -2;

/**
 * Index after the closing quote; -1 when the string does not close on its line; `cutShort`
 * when it runs on past `stopAt` (the output would pass its cap inside this string).
 */
function stringEnd(text: string, from: number, stopAt: number): number {
  const end = Math.min(text.length, stopAt);
  for (let j = from; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === Char.Backslash) j++;
    else if (c === Char.Quote) return j + 1;
    else if (c === Char.LineFeed) return -1;
  }
  return end < text.length ? cutShort : -1;
}
