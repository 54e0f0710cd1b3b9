// Re-indents a JSON body for display in the extension host, so the webview (which shares the
// editor's thread in code-server) never parses or formats a big body itself. Every token is
// copied verbatim — big numbers, duplicate keys and escapes stay exactly as the server sent
// them — and the work stops once `maxChars` of output exist, so a 10 MB body costs only the
// part the panel shows. The scan doubles as the validity check: anything that is not a JSON
// token, or a bracket that does not match, means the body is shown as received.

export interface ReindentedJson {
  readonly text: string;
  /** The whole input was formatted (false: the output stopped at `maxChars`). */
  readonly complete: boolean;
}

const space = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
// Characters of numbers and of true/false/null; the exact spelling is left to JSON.parse
// when the whole body is read, and to the server otherwise.
const scalarChar = /[-+.0-9eEa-z]/;

/** `undefined` when `text` is not JSON (as far as it was read). */
export function reindentJson(text: string, maxChars = Infinity): ReindentedJson | undefined {
  const out: string[] = [];
  let length = 0;
  const push = (piece: string): void => {
    out.push(piece);
    length += piece.length;
  };
  const stack: number[] = [];
  const newline = (): void => push(`\n${'  '.repeat(stack.length)}`);
  let values = 0;
  let i = 0;
  while (i < text.length) {
    if (length >= maxChars) {
      // Cut at the end of a line so the panel never shows half a line.
      const joined = out.join('');
      const lineEnd = joined.lastIndexOf('\n');
      return { text: lineEnd > 0 ? joined.slice(0, lineEnd + 1) : joined, complete: false };
    }
    const code = text.charCodeAt(i);
    if (space(code)) {
      i++;
    } else if (code === 0x22 /* " */) {
      const end = stringEnd(text, i + 1);
      if (end < 0) return undefined;
      push(text.slice(i, end));
      if (stack.length === 0) values++;
      i = end;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      const close = code === 0x7b ? 0x7d : 0x5d;
      let next = i + 1;
      while (next < text.length && space(text.charCodeAt(next))) next++;
      if (stack.length === 0) values++;
      if (text.charCodeAt(next) === close) {
        push(code === 0x7b ? '{}' : '[]');
        i = next + 1;
        continue;
      }
      push(text[i]);
      stack.push(close);
      newline();
      i++;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      if (stack.pop() !== code) return undefined;
      newline();
      push(text[i]);
      i++;
    } else if (code === 0x2c /* , */) {
      if (stack.length === 0) return undefined;
      push(',');
      newline();
      i++;
    } else if (code === 0x3a /* : */) {
      if (stack[stack.length - 1] !== 0x7d) return undefined;
      push(': ');
      i++;
    } else {
      let end = i;
      while (end < text.length && scalarChar.test(text[end])) end++;
      if (end === i) return undefined;
      push(text.slice(i, end));
      if (stack.length === 0) values++;
      i = end;
    }
  }
  if (stack.length > 0 || values !== 1) return undefined;
  const formatted = out.join('');
  // The whole body was read: JSON.parse has the last word on validity (costs no more than the output).
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return { text: formatted, complete: true };
}

/** Index after the closing quote, or -1 when the string does not close on its line. */
function stringEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) j++;
    else if (c === 0x22) return j + 1;
    else if (c === 0x0a) return -1;
  }
  return -1;
}
