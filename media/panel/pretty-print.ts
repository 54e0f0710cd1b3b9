// Decides how a response body is shown: which highlighter applies, and whether JSON gets
// re-indented. Re-indenting copies every token verbatim instead of going through
// JSON.parse/stringify, so big numbers, duplicate keys and escapes stay exactly as the server
// sent them; JSON.parse is only the validity check.

export type BodyLanguage = 'json' | 'xml' | 'html' | 'text';

export interface PreparedBody {
  readonly text: string;
  readonly language: BodyLanguage;
  /** The text differs from the body as received (JSON re-indented). */
  readonly reformatted: boolean;
  /** Why the body is shown as received although it looked like JSON. */
  readonly note?: string;
}

/**
 * Beyond this, parsing on the panel's thread (the editor's, in code-server) would cost a frame
 * or more. The host re-indents response bodies before sending them, so only what it did not
 * (a request body as written, say) can arrive unformatted and bigger than this.
 */
export const reformatLimitChars = 64 * 1024;

export function detectBodyLanguage(contentType: string | undefined, body: string): BodyLanguage {
  const type = (contentType ?? '').toLowerCase().split(';')[0].trim();
  if (/[/+]json$/.test(type) || type === 'application/x-ndjson') return 'json';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (/[/+]xml$/.test(type)) return 'xml';
  if (type && type !== 'text/plain' && type !== 'application/octet-stream') return 'text';
  const head = body.slice(0, 256).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^<!doctype html|^<html/i.test(head)) return 'html';
  if (head.startsWith('<')) return 'xml';
  return 'text';
}

export function prepareBody(body: string, contentType: string | undefined): PreparedBody {
  const language = detectBodyLanguage(contentType, body);
  if (language !== 'json') return { text: body, language, reformatted: false };
  if (body.length > reformatLimitChars) {
    // Already formatted (by the host, or by its author): nothing to say.
    if (body.lastIndexOf('\n', 2_000) >= 0) return { text: body, language, reformatted: false };
    return {
      text: body,
      language,
      reformatted: false,
      note: 'Shown as received: too large to reformat here. Open it in an editor to format it.',
    };
  }
  const pretty = prettyPrintJson(body);
  if (pretty === undefined) return { text: body, language, reformatted: false };
  return { text: pretty, language, reformatted: pretty !== body };
}

/** Re-indents valid JSON with two spaces; `undefined` when the text is not valid JSON. */
export function prettyPrintJson(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return reindent(text);
}

function reindent(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let i = 0;
  const newline = (): void => {
    out.push('\n', '  '.repeat(depth));
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i + 1);
      out.push(text.slice(i, end));
      i = end;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const next = nextSignificant(text, i + 1);
      if (text[next] === (ch === '{' ? '}' : ']')) {
        out.push(ch === '{' ? '{}' : '[]');
        i = next + 1;
        continue;
      }
      out.push(ch);
      depth++;
      newline();
    } else if (ch === '}' || ch === ']') {
      depth--;
      newline();
      out.push(ch);
    } else if (ch === ',') {
      out.push(',');
      newline();
    } else if (ch === ':') {
      out.push(': ');
    } else {
      out.push(ch);
    }
    i++;
  }
  return out.join('');
}

function stringEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

function nextSignificant(text: string, from: number): number {
  let j = from;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
  return j;
}
