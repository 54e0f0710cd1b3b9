// Everything the CLI prints goes through here, so no field can be forgotten: what a server
// says (reason phrase, problem details, tokens, headers, bodies, probe rows) is printed inert
// — control characters, escape sequences and bidi controls made visible (src/core/inert-text.ts)
// — and every value from a secret source (the private env file, prompts, Basic credentials) is
// masked in every form it takes, in text and in --json alike, as are token-like URL parameters.
import { inertBlock, inertJson, inertLine } from '../core/inert-text';
import { redactText, redactUrlsInText } from '../core/redact';

export interface Output {
  /** One line; a line break inside it is shown as \n, never obeyed. */
  line(text: string): void;
  /** Several lines (a body, the usage): line breaks and tabs kept, the rest made inert. */
  block(text: string): void;
  /** One JSON document: strings masked, valid JSON that carries the exact text. */
  json(value: unknown): void;
}

/** Values to mask, shared by stdout and stderr; requests add theirs as they are prepared. */
export class SecretValues {
  private readonly values = new Set<string>();

  add(values: readonly string[] | undefined): void {
    for (const value of values ?? []) if (value.length >= 4) this.values.add(value);
  }

  list(): string[] {
    return [...this.values];
  }
}

/** Bodies are shown as they are (a URL in them is data); every other string is masked as a URL too. */
const bodyKeys = new Set(['body', 'merged']);

function maskDeep(value: unknown, mask: (text: string, key: string | undefined) => string, key?: string): unknown {
  if (typeof value === 'string') return mask(value, key);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, mask, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, mask, k);
    return out;
  }
  return value;
}

/** Well below V8's longest string (about 512 M characters), so one document never hits it. */
export const maxJsonChunkChars = 64 * 1024 * 1024;

/**
 * Writes a JSON document piece by piece when it is too long to build as one string: objects
 * and arrays entry by entry; a single string longer than the limit becomes a notice. The
 * output is the same JSON (two-space indented) that JSON.stringify would have written.
 */
export function writeJson(
  write: (text: string) => void,
  value: unknown,
  maxChars = maxJsonChunkChars,
  indent = '',
): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  if (text !== undefined && text.length <= maxChars) {
    write(indent ? text.replace(/\n/g, `\n${indent}`) : text);
    return;
  }
  if (typeof value === 'string') {
    write(JSON.stringify(`[${value.length} characters, too long to print as JSON]`));
    return;
  }
  const inner = `${indent}  `;
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : Object.entries(value as object);
  write(Array.isArray(value) ? '[\n' : '{\n');
  entries.forEach(([key, item], i) => {
    write(key === undefined ? inner : `${inner}${JSON.stringify(key)}: `);
    writeJson(write, item, maxChars, inner);
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write(`${indent}${Array.isArray(value) ? ']' : '}'}`);
}

export function createOutput(
  stream: { write(text: string): unknown },
  secrets: SecretValues,
  options: { maxJsonChars?: number } = {},
): Output {
  const mask = (text: string) => redactText(text, secrets.list());
  return {
    line: (text) => void stream.write(`${inertLine(redactUrlsInText(mask(text), secrets.list()))}\n`),
    block: (text) => void stream.write(`${inertBlock(mask(text))}\n`),
    json: (value) => {
      const masked = maskDeep(value, (text, key) =>
        key !== undefined && bodyKeys.has(key) ? mask(text) : redactUrlsInText(mask(text), secrets.list()),
      );
      writeJson((text) => stream.write(inertJson(text)), masked, options.maxJsonChars);
      stream.write('\n');
    },
  };
}
