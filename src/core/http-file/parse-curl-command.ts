// A pasted `curl …` command read as a request, as REST Client does: -X/--request,
// -H/--header, -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode, --json,
// -u/--user, -A/--user-agent, -b/--cookie, -e/--referer, --url, shell quoting ('…', "…",
// $'…') and `\` line continuations. Options that change nothing in the request (-s, -L, -k,
// -v, --compressed, -o FILE, …) are skipped; an unknown option is reported, not guessed at.
import type { Diagnostic } from '../text-range';
import { kindFromContentType } from './classify-body-kind';
import type { ParsedHeader, ParsedRequest, RequestMetadata } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import type { SourceLines } from './source-lines';
import { firstNonSpace, trimmedEnd } from './source-lines';

export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
  /** Options we could not follow, in words. */
  readonly problems: readonly string[];
}

/** Words of a shell command line: quotes removed, `\` newlines joined. Undefined if a quote never closes. */
export function shellWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const push = (s: string) => (word = (word ?? '') + s);
  while (i < command.length) {
    const c = command[i];
    if (c === '\\' && (command[i + 1] === '\n' || (command[i + 1] === '\r' && command[i + 2] === '\n'))) {
      i += command[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
      continue;
    }
    if (c === "'") {
      const close = command.indexOf("'", i + 1);
      if (close < 0) return undefined;
      push(command.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    if (c === '$' && command[i + 1] === "'") {
      let j = i + 2;
      let out = '';
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
      while (j < command.length && command[j] !== "'") {
        if (command[j] === '\\' && j + 1 < command.length) {
          out += escapes[command[j + 1]] ?? `\\${command[j + 1]}`;
          j += 2;
        } else out += command[j++];
      }
      if (j >= command.length) return undefined;
      push(out);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let out = '';
      while (j < command.length && command[j] !== '"') {
        if (command[j] === '\\' && '"\\$`'.includes(command[j + 1] ?? '')) {
          out += command[j + 1];
          j += 2;
        } else if (command[j] === '\\' && command[j + 1] === '\n') j += 2;
        else out += command[j++];
      }
      if (j >= command.length) return undefined;
      push(out);
      i = j + 1;
      continue;
    }
    if (c === '\\' && i + 1 < command.length) {
      push(command[i + 1]);
      i += 2;
      continue;
    }
    push(c);
    i++;
  }
  if (word !== undefined) words.push(word);
  return words;
}

const withValue = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--data-urlencode',
  '--json',
  '-u',
  '--user',
  '-A',
  '--user-agent',
  '-b',
  '--cookie',
  '-e',
  '--referer',
  '--url',
]);
/** Options that take a value but change nothing in the request sent. */
const ignoredWithValue = new Set([
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--retry',
  '-c',
  '--cookie-jar',
  '--cacert',
  '--cert',
  '--key',
  '-x',
  '--proxy',
  '--max-redirs',
  '-D',
  '--dump-header',
  '--resolve',
]);
const ignoredFlags = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--compressed',
  '-f',
  '--fail',
  '-g',
  '--globoff',
  '-N',
  '--no-buffer',
  '-#',
  '--progress-bar',
  '--http1.1',
  '--http2',
  '-sS',
  '-sL',
  '-Ls',
  '-fsSL',
  '-sSL',
  '-vk',
  '-kv',
]);

/** The request a curl command line sends, or undefined when it is not a curl command. */
export function curlRequest(command: string): CurlRequest | undefined {
  const words = shellWords(command);
  if (!words || words[0] !== 'curl') return undefined;
  let method: string | undefined;
  let url: string | undefined;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  const problems: string[] = [];
  let json = false;
  for (let i = 1; i < words.length; i++) {
    let option = words[i];
    let value: string | undefined;
    const eq = option.startsWith('--') ? option.indexOf('=') : -1;
    if (eq > 0 && withValue.has(option.slice(0, eq))) {
      value = option.slice(eq + 1);
      option = option.slice(0, eq);
    } else if (/^-[XHdubAe]./.test(option) && !option.startsWith('--')) {
      value = option.slice(2);
      option = option.slice(0, 2);
    }
    if (withValue.has(option)) {
      value ??= words[++i];
      if (value === undefined) {
        problems.push(`${option} has no value`);
        break;
      }
    }
    switch (option) {
      case '-X':
      case '--request':
        method = value!.toUpperCase();
        break;
      case '-H':
      case '--header': {
        const colon = value!.indexOf(':');
        if (colon > 0) headers.push([value!.slice(0, colon).trim(), value!.slice(colon + 1).trim()]);
        else problems.push(`header "${value}" has no colon`);
        break;
      }
      case '--json':
        json = true;
        data.push(value!);
        break;
      case '-d':
      case '--data':
      case '--data-raw':
      case '--data-binary':
      case '--data-ascii':
      case '--data-urlencode':
        if (value!.startsWith('@') && option !== '--data-raw')
          problems.push(`${option} ${value} reads a file: write the body below the headers, or < ${value!.slice(1)}`);
        else data.push(value!);
        break;
      case '-u':
      case '--user':
        // REST Client's shorthand: prepare-request base64-encodes `Basic user:pass`.
        headers.push(['Authorization', `Basic ${value}`]);
        break;
      case '-A':
      case '--user-agent':
        headers.push(['User-Agent', value!]);
        break;
      case '-b':
      case '--cookie':
        headers.push(['Cookie', value!]);
        break;
      case '-e':
      case '--referer':
        headers.push(['Referer', value!]);
        break;
      case '--url':
        url = value;
        break;
      default:
        if (ignoredWithValue.has(option)) i++;
        else if (ignoredFlags.has(option)) break;
        else if (option.startsWith('-')) problems.push(`the option ${option} is not supported and was ignored`);
        else if (url === undefined) url = option;
        else problems.push(`a second URL (${option}) was ignored`);
    }
  }
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (json) {
    if (!has('content-type')) headers.push(['Content-Type', 'application/json']);
    if (!has('accept')) headers.push(['Accept', 'application/json']);
  } else if (data.length && !has('content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  const body = data.length ? data.join(json ? '' : '&') : undefined;
  if (url === undefined) problems.push('the command names no URL');
  return {
    method: method ?? (body !== undefined ? 'POST' : 'GET'),
    url: url ?? '',
    headers,
    ...(body !== undefined ? { body } : {}),
    problems,
  };
}

/** `curl` at the start of the line, followed by a space or the end of the line. */
export function isCurlLine(text: string, first: number, end: number): boolean {
  return (
    text.startsWith('curl', first) &&
    (first + 4 === end || text.charCodeAt(first + 4) === 32 || text.charCodeAt(first + 4) === 9)
  );
}

/** The last line of the command: it goes on while a line ends in `\`. */
function commandEnd(src: SourceLines, line: number, endLine: number): number {
  let last = line;
  while (last + 1 < endLine) {
    const end = trimmedEnd(src.text, src.start(last), src.end(last));
    if (src.text.charCodeAt(end - 1) !== 92 /* \ */) break;
    last++;
  }
  return last;
}

/**
 * The request of a `curl …` command that starts at `line`. Every header and the body carry
 * the command's range: the words of a command line do not map back to one place each.
 */
export function readCurlRequest(
  src: SourceLines,
  block: { readonly firstLine: number; readonly endLine: number; readonly title?: string; readonly index: number },
  line: number,
  metadata: RequestMetadata,
  diagnostics: Diagnostic[],
): ParsedRequest {
  const text = src.text;
  const first = firstNonSpace(text, src.start(line), src.end(line));
  const last = commandEnd(src, line, block.endLine);
  const end = trimmedEnd(text, src.start(last), src.end(last));
  const range = src.span(first, end);
  const command = text.slice(first, end).replace(/\r\n/g, '\n');
  const curl = curlRequest(command) ?? {
    method: 'GET',
    url: '',
    headers: [],
    problems: ['a quote in the command is never closed'],
  };
  for (const problem of curl.problems)
    diagnostics.push(httpFileDiagnostic('unsupported-syntax', 'warning', range, `curl command: ${problem}.`));
  // Lines after the command are not part of it: say so rather than drop them silently.
  for (let after = last + 1; after < block.endLine; after++) {
    const f = firstNonSpace(text, src.start(after), src.end(after));
    if (f < 0 || text.startsWith('#', f) || text.startsWith('//', f)) continue;
    diagnostics.push(
      httpFileDiagnostic(
        'unsupported-syntax',
        'warning',
        src.span(f, trimmedEnd(text, f, src.end(after))),
        'This line follows a curl command and is ignored: put a `###` line before the next request.',
      ),
    );
    break;
  }
  const headers: ParsedHeader[] = curl.headers.map(([name, value]) => ({ name, value, range }));
  const contentType = curl.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  return {
    index: block.index,
    title: block.title,
    metadata,
    method: curl.method,
    methodWasImplicit: false,
    url: curl.url,
    httpVersion: undefined,
    requestLineRange: range,
    urlRange: range,
    headers,
    body:
      curl.body === undefined
        ? undefined
        : {
            kind: contentType ? kindFromContentType(contentType) : 'text',
            text: curl.body,
            parts: [{ kind: 'text', text: curl.body, range }],
            range,
          },
    scripts: [],
    assertions: [],
    range: src.span(src.start(block.firstLine), end),
  };
}
