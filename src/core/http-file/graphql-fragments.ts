// httpYac's GraphQL `fragment Name on Type { … }` blocks outside the requests: the parser
// collects them as it passes, and once the whole file is read each GraphQL request gets the
// fragments its query spreads (`...Name`, and the fragments those spread, each once, in file
// order) so that they can be appended to the query that is sent.
import type { Diagnostic, Range } from '../text-range';
import { httpFileDiagnostic } from './http-file-diagnostics';
import type { ParsedRequest } from './http-file-model';
import type { SourceLines } from './source-lines';
import { firstNonSpace, trimmedEnd } from './source-lines';

interface FragmentDefinition {
  readonly text: string;
  /** Names this fragment spreads, for the transitive closure. */
  readonly spreads: readonly string[];
  readonly order: number;
}

const SPREAD = /\.\.\.[ \t]*([A-Za-z_]\w*)/g;
const DEFINITION = /(?:^|[\s{}])fragment[ \t]+([A-Za-z_]\w*)[ \t]+on[ \t]/g;
const FRAGMENT_START = /^fragment[ \t]+([A-Za-z_]\w*)[ \t]+on[ \t]+[A-Za-z_]\w*/;

interface Spread {
  readonly name: string;
  readonly offset: number;
  readonly end: number;
}

function spreadsIn(text: string, base: number): Spread[] {
  const out: Spread[] = [];
  for (const m of text.matchAll(SPREAD)) {
    // `... on Type { … }` is an inline fragment, not a spread of a named one.
    if (m[1] !== 'on')
      out.push({ name: m[1], offset: base + (m.index ?? 0), end: base + (m.index ?? 0) + m[0].length });
  }
  return out;
}

export class GraphqlFragments {
  private readonly definitions = new Map<string, FragmentDefinition>();

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
    // A later definition of the same name wins, as in httpYac, but keeps its first place.
    if (name !== undefined) {
      const order = this.definitions.get(name)?.order ?? this.definitions.size;
      this.definitions.set(name, { text: body, spreads: spreadsIn(body, 0).map((s) => s.name), order });
    }
    return last;
  }

  /**
   * Each GraphQL request with the fragments its query needs; a spread of a fragment defined
   * neither in the file nor in the body is a warning (the request is sent as written).
   */
  attach(src: SourceLines, requests: ParsedRequest[], diagnostics: Diagnostic[]): void {
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i];
      const body = request.body;
      if (body?.kind !== 'graphql') continue;
      const spreads: Spread[] = [];
      const local = new Set<string>();
      for (const part of body.parts) {
        if (part.kind !== 'text') continue;
        spreads.push(...spreadsIn(part.text, part.range.start.offset));
        for (const m of part.text.matchAll(DEFINITION)) local.add(m[1]);
      }
      const needed = new Set<string>();
      const queue: string[] = [];
      for (const spread of spreads) {
        if (local.has(spread.name)) continue;
        if (!this.definitions.has(spread.name)) {
          diagnostics.push(unknownSpread(src, spread));
          continue;
        }
        queue.push(spread.name);
      }
      // Bounded: each name enters `needed` once.
      while (queue.length) {
        const name = queue.pop()!;
        if (needed.has(name) || local.has(name)) continue;
        const definition = this.definitions.get(name);
        if (!definition) continue;
        needed.add(name);
        queue.push(...definition.spreads);
      }
      if (!needed.size) continue;
      const graphqlFragments = [...needed]
        .map((name) => this.definitions.get(name)!)
        .sort((a, b) => a.order - b.order)
        .map((d) => d.text)
        .join('\n');
      requests[i] = { ...request, body: { ...body, graphqlFragments } };
    }
  }
}

function unknownSpread(src: SourceLines, spread: Spread): Diagnostic {
  const start = src.index.positionAt(spread.offset);
  const range: Range = src.onLine(start.line, spread.offset, spread.end);
  return httpFileDiagnostic(
    'unknown-graphql-fragment',
    'warning',
    range,
    `No fragment "${spread.name}" is defined in this file or in the query: the query is sent without it.`,
  );
}
