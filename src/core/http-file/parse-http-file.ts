// Entry point: splits the text at `###` separators in one pass over its lines and parses each
// block. A user's mistake becomes a diagnostic; this function does not throw.
import type { Diagnostic } from '../text-range';
import type { FileVariable, ParsedHttpFile, ParsedRequest } from './http-file-model';
import { GraphqlFragments } from './graphql-fragments';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { isSeparator, separatorTitle } from './line-kinds';
import { parseRequestBlock } from './parse-request-block';
import type { ParseSink } from './parse-request-block';
import { StringPool } from './string-pool';
import { newScriptCollector } from './parse-script';
import { SourceLines, firstNonSpace } from './source-lines';

export function parseHttpFile(text: string): ParsedHttpFile {
  const src = new SourceLines(text);
  const sink: ParseSink = {
    diagnostics: [] as Diagnostic[],
    fileVariables: [] as FileVariable[],
    graphqlFragments: new GraphqlFragments(),
    strings: new StringPool(),
    headerScratch: [],
    scriptScratch: newScriptCollector(),
  };
  const requests: ParsedRequest[] = [];
  const namedAt = new Set<string>();

  const parseBlock = (firstLine: number, endLine: number, title: string | undefined): void => {
    const from = requests.length;
    parseRequestBlock(src, { firstLine, endLine, title, index: from }, sink, requests);
    for (let i = from; i < requests.length; i++) {
      const { name, nameRange } = requests[i].metadata;
      if (name === undefined || nameRange === undefined) continue;
      if (namedAt.has(name)) {
        sink.diagnostics.push(
          httpFileDiagnostic(
            'duplicate-name',
            'warning',
            nameRange,
            `Another request above is already named "${name}"; {{${name}.response…}} would be ambiguous.`,
          ),
        );
      }
      namedAt.add(name);
    }
  };

  let firstLine = 0;
  let title: string | undefined;
  for (let line = 0; line < src.count; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0 || !isSeparator(text, first, end)) continue;
    parseBlock(firstLine, line, title);
    firstLine = line + 1;
    title = separatorTitle(text, first, end);
  }
  parseBlock(firstLine, src.count, title);
  // Fragments may sit after the requests that spread them: attached once the file is read.
  sink.graphqlFragments.attach(src, requests, sink.diagnostics);

  return { requests, fileVariables: sink.fileVariables, diagnostics: sink.diagnostics };
}
