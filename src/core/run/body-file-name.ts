// The file name Save Body suggests: the request's `# @name`, else the last segment of the URL
// it was sent to, with the extension the response's Content-Type calls for — so saving
// `GET …/invoices/42` as JSON offers `42.json`, not an empty name box.

/** Content types by their subtype (after `+` for `application/ld+json`, `image/svg+xml`). */
const extensionBySubtype: Readonly<Record<string, string>> = {
  json: 'json',
  xml: 'xml',
  html: 'html',
  xhtml: 'html',
  csv: 'csv',
  plain: 'txt',
  markdown: 'md',
  javascript: 'js',
  ecmascript: 'js',
  css: 'css',
  yaml: 'yaml',
  'x-yaml': 'yaml',
  pdf: 'pdf',
  png: 'png',
  jpeg: 'jpg',
  gif: 'gif',
  webp: 'webp',
  svg: 'svg',
  zip: 'zip',
  gzip: 'gz',
  'x-gzip': 'gz',
  'x-tar': 'tar',
  'octet-stream': 'bin',
  'x-ndjson': 'ndjson',
  'x-www-form-urlencoded': 'txt',
};

/** The extension for a Content-Type; undefined when the type says nothing we know. */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const slash = mime.indexOf('/');
  if (slash < 0) return undefined;
  const subtype = mime.slice(slash + 1);
  if (subtype === 'svg+xml') return 'svg';
  const suffix = subtype.includes('+') ? subtype.slice(subtype.lastIndexOf('+') + 1) : subtype;
  return extensionBySubtype[subtype] ?? extensionBySubtype[suffix] ?? (mime.startsWith('text/') ? 'txt' : undefined);
}

/** Letters, digits, `.`, `_` and `-` only: no path separators, nothing a file system refuses. */
function safe(text: string): string {
  return text
    .replace(/[^\w.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
}

function lastSegment(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.replace(/[?#].*$/, '');
  }
  const segment = path
    .split('/')
    .filter((s) => s !== '')
    .pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export interface BodyFileNameInput {
  /** The request's `# @name`, when it has one. */
  readonly name?: string;
  /** The URL the response came from. */
  readonly url: string;
  readonly contentType?: string;
}

export function suggestBodyFileName(input: BodyFileNameInput): string {
  const base =
    safe(input.name ?? '') || safe(lastSegment(input.url) ?? '') || safe(hostOf(input.url) ?? '') || 'response';
  const own = /\.([A-Za-z0-9]{1,8})$/.exec(base)?.[1];
  const extension = extensionForContentType(input.contentType);
  // `report.pdf` served as application/pdf (or with no type we know) keeps its own name.
  if (own && (!extension || own.toLowerCase() === extension || extension === 'bin')) return base;
  return `${base}.${extension ?? 'txt'}`;
}
