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
  if (line.startsWith('<> ') || line.startsWith('>> ') || line.startsWith('>>! ') || line.startsWith('?? '))
    return true;
  if (line.startsWith('> ')) {
    const target = line.slice(2).trim();
    return target.endsWith('.js') || target.startsWith('{%');
  }
  return false;
}

/** `#` or `//` comment that is not a `###` separator. */
export function isCommentLine(text: string, first: number, end: number): boolean {
  return commentTextStart(text, first, end) >= 0 && !isSeparator(text, first, end);
}

/** `/*` opening an httpYac block comment outside a body. */
export function opensBlockComment(text: string, first: number, end: number): boolean {
  return first + 1 < end && text.charCodeAt(first) === SLASH && text.charCodeAt(first + 1) === 42; /* * */
}

/** `@name = value` / `@name=value`: a file variable line, not an `@` inside a body. */
export function isFileVariableLine(text: string, first: number, end: number): boolean {
  if (text.charCodeAt(first) !== 64 /* @ */) return false;
  let i = first + 1;
  const nameStart = i;
  while (i < end && isVariableNameChar(text.charCodeAt(i))) i++;
  if (i === nameStart) return false;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i < end && text.charCodeAt(i) === 61; /* = */
}

function isVariableNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 36
  );
}

/** `HTTP/1.1 200 OK`, `HTTP/2 404`: the status line of a response saved after a request. */
export function isResponseStatusLine(text: string, first: number, end: number): boolean {
  // Asked of every body line: no slice and no regex for lines that cannot start with `HTTP/`.
  const code = text.charCodeAt(first);
  if (code !== 72 /* H */ && code !== 104 /* h */) return false;
  const line = text.slice(first, Math.min(end, first + 16));
  return /^HTTP\/\d(?:\.\d)?[ \t]+\d{3}(?:[ \t]|$)/i.test(line);
}

/** `fragment Name on Type {`: a GraphQL fragment block httpYac keeps outside the requests. */
export function isGraphqlFragmentStart(text: string, first: number, end: number): boolean {
  if (!text.startsWith('fragment', first)) return false;
  return /^fragment[ \t]+[A-Za-z_]\w*[ \t]+on[ \t]+[A-Za-z_]\w*/.test(text.slice(first, Math.min(end, first + 200)));
}
