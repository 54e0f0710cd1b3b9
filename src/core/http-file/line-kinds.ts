// The few shapes a line can have outside a body. Each check looks at a handful of characters
// from the first non-blank one, so no regular expression runs on every line of a large file.

const HASH = 35;
const SLASH = 47;

/** `###` (or more `#`), optionally indented, as REST Client, JetBrains and httpYac accept. */
export function isSeparator(text: string, first: number, end: number): boolean {
  return (
    first + 3 <= end &&
    text.charCodeAt(first) === HASH &&
    text.charCodeAt(first + 1) === HASH &&
    text.charCodeAt(first + 2) === HASH
  );
}

/** Text after the run of `#`, trimmed; undefined when the separator names nothing. */
export function separatorTitle(text: string, first: number, end: number): string | undefined {
  let i = first;
  while (i < end && text.charCodeAt(i) === HASH) i++;
  const title = text.slice(i, end).trim();
  return title === '' ? undefined : title;
}

/** `#` or `//` comment, the separator excluded. Returns where the comment text starts, or -1. */
export function commentTextStart(text: string, first: number, end: number): number {
  const code = text.charCodeAt(first);
  if (code === HASH) {
    let i = first;
    while (i < end && text.charCodeAt(i) === HASH) i++;
    return i;
  }
  if (code === SLASH && first + 1 < end && text.charCodeAt(first + 1) === SLASH) {
    let i = first;
    while (i < end && text.charCodeAt(i) === SLASH) i++;
    return i;
  }
  return -1;
}

/**
 * Start of an embedded script the tools run and we do not: a JetBrains handler (`> {%`,
 * `< {%`), or an httpYac `{{` block on a line of its own. Returns the closing marker.
 */
export function scriptBlockCloser(text: string, first: number, end: number): string | undefined {
  const code = text.charCodeAt(first);
  if (code !== 123 /* { */ && code !== 62 /* > */ && code !== 60 /* < */) return undefined;
  const line = text.slice(first, end).trimEnd();
  if (line === '{{' || line === '{{@js') return '}}';
  if (code !== 62 /* > */ && code !== 60 /* < */) return undefined;
  const rest = line.slice(1).trimStart();
  if (!rest.startsWith('{%')) return undefined;
  // `> {% client.log(1) %}` opens and closes on one line: nothing more to skip.
  return rest.length >= 4 && rest.endsWith('%}') ? '' : '%}';
}

/**
 * Lines after a request that are not body text: JetBrains `> ./handler.js`, `>> ./out.json`,
 * `>>! ./out.json`, `<> ./previous-response.json`, and httpYac `?? status == 200` assertions.
 */
export function isResponseDirective(text: string, first: number, end: number): boolean {
  const code = text.charCodeAt(first);
  if (code !== 60 /* < */ && code !== 62 /* > */ && code !== 63 /* ? */) return false;
  const line = text.slice(first, end);
  if (line.startsWith('<> ') || line.startsWith('>> ') || line.startsWith('>>! ') || line.startsWith('?? ')) return true;
  if (line.startsWith('> ')) {
    const target = line.slice(2).trim();
    return target.endsWith('.js') || target.startsWith('{%');
  }
  return false;
}
