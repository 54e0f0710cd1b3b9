// Turns a parsed request into exactly what goes on the wire: variables resolved, includes
// read or streamed, GraphQL and form bodies shaped the way REST Client users expect.
// Everything that stops a send (an unresolved variable, a refused include) is collected and
// returned as problems, so the user sees all of them at once, before anything is sent.
import { Readable } from 'node:stream';
import { fragmentsSpreadBy } from '../http-file/graphql-fragments';
import type { ParsedBody, ParsedRequest } from '../http-file/http-file-model';
import { describeBytes } from '../send/describe-amount';
import type { HeaderList, OutgoingBody, OutgoingRequest } from '../send/send-model';
import { headerValue } from '../send/send-model';
import { expandAuthorization } from '../variables/authorization-shorthand';
import type { ResolvedText, Unresolved } from '../variables/variable-model';
import type { FileAccess } from './include-files';

/** `<@` files are read whole to replace variables in them; `<` files are streamed at any size. */
export const maxProcessedIncludeBytes = 16 * 1024 * 1024;

export interface TextResolver {
  resolveText(text: string): ResolvedText;
}

export interface PreparedRequest {
  readonly request: OutgoingRequest;
  /** The body as text when it is text (resolved), for request variables and the conflict engine. */
  readonly bodyText?: string;
  /** Secret values used while resolving, for redaction. */
  readonly secrets: readonly string[];
}

export type PrepareResult =
  | { readonly ok: true; readonly prepared: PreparedRequest }
  | { readonly ok: false; readonly problems: readonly string[]; readonly unresolved: readonly Unresolved[] };

class Collector {
  readonly problems: string[] = [];
  readonly unresolved: Unresolved[] = [];
  readonly secrets = new Set<string>();

  resolve(resolver: TextResolver, text: string): string {
    const result = resolver.resolveText(text);
    for (const u of result.unresolved) {
      this.unresolved.push(u);
      this.problems.push(u.message);
    }
    for (const s of result.secrets) this.secrets.add(s);
    return result.text;
  }
}

function absoluteUrl(url: string, headers: HeaderList): string {
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  const host = headerValue(headers, 'host');
  if (trimmed.startsWith('/') && host) return `http://${host.trim()}${trimmed}`;
  // `localhost:3000/x` and `example.com/x`, as REST Client accepts them.
  return `http://${trimmed}`;
}

/**
 * `http://user:pass@host/` means Basic auth, as in curl and REST Client. undici would drop
 * the userinfo silently; it becomes an Authorization header (unless one is written) and both
 * the password and the header value count as secrets, so neither is logged.
 */
function moveUserinfoToHeader(url: string, headers: Array<[string, string]>, secrets: Set<string>): string {
  // No `@` anywhere: no userinfo, and no URL to parse here (the sender parses it once).
  if (!url.includes('@')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password) return url;
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  if (!headerValue(headers, 'authorization')) {
    const token = Buffer.from(`${user}:${password}`).toString('base64');
    headers.push(['Authorization', `Basic ${token}`]);
    secrets.add(token);
  }
  if (password) secrets.add(password);
  return parsed.toString();
}

function isGraphQl(parsed: ParsedRequest): boolean {
  return parsed.body?.kind === 'graphql';
}

/** `query {…}` followed by a blank line and a JSON object of variables, as REST Client sends it. */
function graphQlJson(text: string, fragments?: string): string {
  const split = /\r?\n\s*\r?\n(?=\s*\{)/.exec(text);
  const query = split ? text.slice(0, split.index) : text;
  const variablesText = split ? text.slice(split.index + split[0].length) : undefined;
  const operationName = /^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1];
  let variables: unknown;
  if (variablesText !== undefined) {
    try {
      variables = JSON.parse(variablesText);
    } catch {
      variables = undefined;
    }
  }
  return JSON.stringify({
    query: fragments ? `${query.trim()}\n\n${fragments}` : query.trim(),
    ...(operationName ? { operationName } : {}),
    ...(variables ? { variables } : {}),
  });
}

function shapeText(body: ParsedBody, text: string): string {
  if (body.kind === 'form')
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .join('');
  if (body.kind === 'multipart') return text.replace(/\r?\n/g, '\r\n');
  return text;
}

/** The body once every part is text: joined, then shaped (GraphQL JSON, form, multipart line ends). */
function textBody(
  parsed: ParsedRequest,
  body: ParsedBody,
  raw: string,
  resolver: TextResolver,
  collect: Collector,
): { body: OutgoingBody; bodyText: string } {
  // Fragments for a query read from a file are picked now that its text is known.
  const needed =
    body.graphqlFragments ??
    (body.graphqlFragmentDefinitions && fragmentsSpreadBy(raw, body.graphqlFragmentDefinitions));
  const fragments = needed && collect.resolve(resolver, needed);
  const text = isGraphQl(parsed) ? graphQlJson(raw, fragments) : shapeText(body, raw);
  return { body: { kind: 'text', text }, bodyText: text };
}

async function prepareBody(
  parsed: ParsedRequest,
  resolver: TextResolver,
  files: FileAccess,
  collect: Collector,
): Promise<{ body?: OutgoingBody; bodyText?: string }> {
  const body = parsed.body;
  if (!body) return {};
  const chunks: Array<{ text: string } | { file: string; size: number }> = [];
  for (const part of body.parts) {
    if (part.kind === 'text') {
      chunks.push({ text: collect.resolve(resolver, part.text) });
      continue;
    }
    const check = files.resolveInclude(part.path);
    if (!check.ok) {
      collect.problems.push(check.message);
      continue;
    }
    let size: number;
    try {
      size = await files.size(check.path);
    } catch (error) {
      collect.problems.push(
        `File "${part.path}" could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
      continue;
    }
    // A GraphQL query from a file is read, to be wrapped in JSON with the fragments it spreads.
    const readAsText = part.processVariables || isGraphQl(parsed);
    if (!readAsText) {
      chunks.push({ file: check.path, size });
      continue;
    }
    if (size > maxProcessedIncludeBytes) {
      collect.problems.push(
        part.processVariables
          ? `File "${part.path}" is ${describeBytes(size)}, too large to replace variables in (at most ${describeBytes(maxProcessedIncludeBytes)}). Write "< ${part.path}" to send it as it is; that is streamed.`
          : `File "${part.path}" is ${describeBytes(size)}, too large for a GraphQL query (at most ${describeBytes(maxProcessedIncludeBytes)}).`,
      );
      continue;
    }
    try {
      const text = await files.readText(check.path, (part.encoding as BufferEncoding | undefined) ?? 'utf8');
      chunks.push({ text: part.processVariables ? collect.resolve(resolver, text) : text });
    } catch (error) {
      collect.problems.push(
        `File "${part.path}" could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
  }
  if (collect.problems.length) return {};
  if (chunks.every((c) => 'text' in c))
    return textBody(parsed, body, chunks.map((c) => (c as { text: string }).text).join(''), resolver, collect);
  const separator = body.kind === 'multipart' ? '\r\n' : '\n';
  const buffers = chunks.map((c, i) => {
    // Each part sat on its own line in the file: the line break between parts is part of the body.
    const tail = i < chunks.length - 1 ? separator : '';
    return 'text' in c
      ? { kind: 'bytes' as const, bytes: Buffer.from(shapeText(body, c.text) + tail) }
      : { kind: 'file' as const, file: c.file, size: c.size, tail };
  });
  const length = buffers.reduce(
    (n, b) => n + (b.kind === 'bytes' ? b.bytes.length : b.size + Buffer.byteLength(b.tail)),
    0,
  );
  const open = (): Readable =>
    Readable.from(
      (async function* () {
        for (const b of buffers) {
          if (b.kind === 'bytes') {
            yield b.bytes;
          } else {
            for await (const chunk of files.openStream(b.file)) yield chunk as Buffer;
            if (b.tail) yield Buffer.from(b.tail);
          }
        }
      })(),
    );
  return { body: { kind: 'stream', open, length } };
}

/** Headers and URL resolved, Basic auth expanded, userinfo moved to a header. */
function prepareHead(
  parsed: ParsedRequest,
  resolver: TextResolver,
  collect: Collector,
): { headers: Array<[string, string]>; url: string } {
  const headers: Array<[string, string]> = parsed.headers.map((h) => [h.name, collect.resolve(resolver, h.value)]);
  for (const header of headers) {
    if (header[0].toLowerCase() !== 'authorization') continue;
    const auth = expandAuthorization(header[1]);
    if (auth.kind === 'basic') {
      header[1] = auth.value;
      for (const secret of auth.secrets) collect.secrets.add(secret);
    } else if (auth.kind === 'digest-unsupported') {
      collect.problems.push(auth.message);
    }
  }
  const url = moveUserinfoToHeader(
    absoluteUrl(collect.resolve(resolver, parsed.url), headers),
    headers,
    collect.secrets,
  );
  return { headers, url };
}

function finish(
  parsed: ParsedRequest,
  head: { headers: Array<[string, string]>; url: string },
  { body, bodyText }: { body?: OutgoingBody; bodyText?: string },
  collect: Collector,
): PrepareResult {
  const headers = head.headers;
  if (isGraphQl(parsed) && body && !headerValue(headers, 'content-type'))
    headers.push(['Content-Type', 'application/json']);
  const graphQlMarker = headers.findIndex(([n]) => n.toLowerCase() === 'x-request-type');
  if (graphQlMarker >= 0 && isGraphQl(parsed)) headers.splice(graphQlMarker, 1);
  if (collect.problems.length) return { ok: false, problems: collect.problems, unresolved: collect.unresolved };
  return {
    ok: true,
    prepared: {
      request: { method: parsed.method, url: head.url, headers, body },
      bodyText,
      secrets: [...collect.secrets],
    },
  };
}

/** Whether `prepareRequestNow` can prepare this request: no `<` include to read. */
export function preparesWithoutFiles(parsed: ParsedRequest): boolean {
  return parsed.body === undefined || parsed.body.parts.every((part) => part.kind === 'text');
}

/**
 * `prepareRequest` without waiting on anything, for a request whose body has no include
 * (most requests): the same result, without a turn of the event loop per send. Undefined
 * when the body includes a file — then `prepareRequest` reads it.
 */
export function prepareRequestNow(parsed: ParsedRequest, resolver: TextResolver): PrepareResult | undefined {
  if (!preparesWithoutFiles(parsed)) return undefined;
  const collect = new Collector();
  const head = prepareHead(parsed, resolver, collect);
  const body = parsed.body;
  if (!body) return finish(parsed, head, {}, collect);
  let raw = '';
  for (const part of body.parts) if (part.kind === 'text') raw += collect.resolve(resolver, part.text);
  return finish(parsed, head, collect.problems.length ? {} : textBody(parsed, body, raw, resolver, collect), collect);
}

export async function prepareRequest(
  parsed: ParsedRequest,
  resolver: TextResolver,
  files: FileAccess,
): Promise<PrepareResult> {
  const now = prepareRequestNow(parsed, resolver);
  if (now) return now;
  const collect = new Collector();
  const head = prepareHead(parsed, resolver, collect);
  return finish(parsed, head, await prepareBody(parsed, resolver, files, collect), collect);
}
