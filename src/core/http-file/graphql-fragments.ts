// httpYac's GraphQL `fragment Name on Type { … }` blocks outside the requests: the parser
// collects them as it passes, and once the whole file is read each GraphQL request gets the
// fragments its query spreads (`...Name`, and the fragments those spread, each once, in file
// order) so that they can be appended to the query that is sent. A query loaded from a file
// (`< ./query.graphql`) is only known when the request is sent: such a body carries every
// fragment of the file and `fragmentsSpreadBy` picks the ones the loaded query needs, as
// httpYac does for its `gql < file` queries.
import type { Diagnostic, Range } from '../text-range';
import { httpFileDiagnostic } from './http-file-diagnostics';
import type { GraphqlFragmentDefinition, ParsedBody, ParsedRequest } from './http-file-model';
import { SourceBody, SourceRequest } from './source-request';
import type { GraphqlBodyExtras } from './source-request';
import type { SourceLines } from './source-lines';
import { firstNonSpace, trimmedEnd } from './source-lines';

const FRAGMENT_START = /^fragment[ \t]+([A-Za-z_]\w*)[ \t]+on[ \t]+[A-Za-z_]\w*/;

interface Spread {
  readonly name: string;
  readonly offset: number;
  readonly end: number;
}

interface GraphqlNames {
  /** `...Name` spreads of named fragments (not `... on Type` inline fragments). */
  readonly spreads: Spread[];
  /** Names of the `fragment Name on Type` definitions in the text. */
  readonly definitions: Set<string>;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);

function nameAt(text: string, at: number): number {
  let i = at;
  if (i < text.length && isNameStart(text.charCodeAt(i))) while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/** Past spaces and tabs and, with `lines`, line breaks and commas (GraphQL's ignored tokens). */
function skipBlanks(text: string, at: number, lines: boolean): number {
  let i = at;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') continue;
    if (lines && (ch === '\n' || ch === '\r' || ch === ',')) continue;
    break;
  }
  return i;
}

/**
 * The spreads and fragment definitions of a GraphQL text, read the way GraphQL reads it: what
 * sits in a `#` comment, a `"…"` string or a `"""…"""` block string is neither. One pass,
 * each character visited a bounded number of times.
 */
export function scanGraphqlNames(text: string, base = 0): GraphqlNames {
  const spreads: Spread[] = [];
  const definitions = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('"""', i)) {
      i += 3;
      while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
      i += 3;
    } else if (c === 34 /* " */) {
      i++;
      // A plain string ends at its closing quote or, unterminated, at the end of its line.
      while (i < text.length && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (text.startsWith('...', i)) {
      // On the same line, so that a warning about it has a one-line range.
      const nameStart = skipBlanks(text, i + 3, false);
      const nameEnd = nameAt(text, nameStart);
      const name = text.slice(nameStart, nameEnd);
      // `... on Type { … }` is an inline fragment, not a spread of a named one.
      if (name && name !== 'on') spreads.push({ name, offset: base + i, end: base + nameEnd });
      i = Math.max(nameEnd, i + 3);
    } else if (isNameStart(c)) {
      const end = nameAt(text, i);
      if (end - i === 8 && text.startsWith('fragment', i)) {
        const nameStart = skipBlanks(text, end, true);
        const nameEnd = nameAt(text, nameStart);
        const after = skipBlanks(text, nameEnd, true);
        if (nameEnd > nameStart && text.startsWith('on', after) && !isNameChar(text.charCodeAt(after + 2)))
          definitions.add(text.slice(nameStart, nameEnd));
      }
      i = end;
    } else {
      i++;
    }
  }
  return { spreads, definitions };
}

/**
 * The fragments (from `definitions`, the file's blocks in file order) that `query` needs: the
 * ones it spreads and does not define itself, and the ones those spread, each once, joined in
 * file order; undefined when none.
 */
export function fragmentsSpreadBy(
  query: string,
  definitions: readonly GraphqlFragmentDefinition[],
): string | undefined {
  const scanned = scanGraphqlNames(query);
  return closure(
    scanned.spreads.map((s) => s.name),
    scanned.definitions,
    new Map(definitions.map((d) => [d.name, d])),
  );
}

function closure(
  spreads: readonly string[],
  local: ReadonlySet<string>,
  byName: ReadonlyMap<string, GraphqlFragmentDefinition>,
): string | undefined {
  const needed = new Set<string>();
  const queue = [...spreads];
  // Bounded: each name enters `needed` once.
  while (queue.length) {
    const name = queue.pop()!;
    if (needed.has(name) || local.has(name)) continue;
    const definition = byName.get(name);
    if (!definition) continue;
    needed.add(name);
    queue.push(...definition.spreads);
  }
  if (!needed.size) return undefined;
  return [...byName.values()]
    .filter((d) => needed.has(d.name))
    .map((d) => d.text)
    .join('\n');
}

export class GraphqlFragments {
  /** In file order; a later definition of the same name wins but keeps the first place. */
  private readonly definitions = new Map<string, GraphqlFragmentDefinition>();

  /** The name when a `fragment Name on Type` block starts at `first`. */
  static nameAt(text: string, first: number, end: number): string | undefined {
    return FRAGMENT_START.exec(text.slice(first, Math.min(end, first + 200)))?.[1];
  }

  /** Reads the block from `line` to the next blank line; returns its last line. */
  read(src: SourceLines, line: number, first: number, endLine: number): number {
    const text = src.text;
    const name = GraphqlFragments.nameAt(text, first, src.end(line));
    let last = line;
    while (last + 1 < endLine && firstNonSpace(text, src.start(last + 1), src.end(last + 1)) >= 0) last++;
    const body = text.slice(first, trimmedEnd(text, first, src.end(last)));
    if (name !== undefined) {
      // Map.set on an existing key keeps its insertion place, as httpYac's object does.
      this.definitions.set(name, { name, text: body, spreads: scanGraphqlNames(body).spreads.map((s) => s.name) });
    }
    return last;
  }

  /**
   * Each GraphQL request with the fragments its query needs; a spread of a fragment defined
   * neither in the file nor in the body is a warning (the request is sent as written). A body
   * that loads its query from a file gets all the file's fragments, picked when it is sent.
   */
  attach(src: SourceLines, requests: ParsedRequest[], diagnostics: Diagnostic[]): void {
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i];
      const body = request.body;
      if (body?.kind !== 'graphql') continue;
      if (body.parts.some((p) => p.kind === 'include')) {
        if (this.definitions.size)
          requests[i] = withGraphqlExtras(request, body, {
            graphqlFragmentDefinitions: [...this.definitions.values()],
          });
        continue;
      }
      const spreads: Spread[] = [];
      const local = new Set<string>();
      for (const part of body.parts) {
        if (part.kind !== 'text') continue;
        const scanned = scanGraphqlNames(part.text, part.range.start.offset);
        spreads.push(...scanned.spreads);
        for (const name of scanned.definitions) local.add(name);
      }
      for (const spread of spreads)
        if (!local.has(spread.name) && !this.definitions.has(spread.name)) diagnostics.push(unknownSpread(src, spread));
      const graphqlFragments = closure(
        spreads.map((s) => s.name),
        local,
        this.definitions,
      );
      if (graphqlFragments !== undefined) requests[i] = withGraphqlExtras(request, body, { graphqlFragments });
    }
  }
}

/**
 * The request with its body's GraphQL additions. The parser's requests and bodies keep their
 * ranges as offsets behind getters, which a spread would not copy; a curl request is a plain object.
 */
function withGraphqlExtras(request: ParsedRequest, body: ParsedBody, extras: GraphqlBodyExtras): ParsedRequest {
  const extended = body instanceof SourceBody ? body.with(extras) : { ...body, ...extras };
  return request instanceof SourceRequest ? request.withBody(extended) : { ...request, body: extended };
}

function unknownSpread(src: SourceLines, spread: Spread): Diagnostic {
  const range: Range = src.span(spread.offset, spread.end);
  return httpFileDiagnostic(
    'unknown-graphql-fragment',
    'warning',
    range,
    `No fragment "${spread.name}" is defined in this file or in the query: the query is sent without it.`,
  );
}
