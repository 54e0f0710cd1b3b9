// Scripts and assertions around a request, read into the model so the runner can execute them:
// JetBrains `< {% … %}` / `> {% … %}` blocks and `> ./handler.js` files, and httpYac `??` lines.
// httpYac's own `{{ … }}` blocks are recognised (so their text is not read as a request) but
// not run, and a diagnostic says so.
import type { Diagnostic } from '../text-range';
import type { RequestScript, ResponseAssertion } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { firstNonSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

/** Where the parser puts the scripts of the request being read. */
export interface ScriptCollector {
  readonly scripts: RequestScript[];
  readonly assertions: ResponseAssertion[];
  /** `< {% %}` met after a request's body belongs to the request that follows it. */
  readonly following: RequestScript[];
}

export function newScriptCollector(): ScriptCollector {
  return { scripts: [], assertions: [], following: [] };
}

/** Empty again, for a new block (`###`): nothing carries over a separator. */
export function clearScripts(collect: ScriptCollector): void {
  collect.scripts.length = 0;
  collect.assertions.length = 0;
  collect.following.length = 0;
}

/** Ready for the next request of the same block: the scripts met after the last body open it. */
export function nextRequestScripts(collect: ScriptCollector): void {
  collect.scripts.length = 0;
  collect.assertions.length = 0;
  for (const script of collect.following) collect.scripts.push(script);
  collect.following.length = 0;
}

/**
 * The script that opens on `line` (its closer on `closeLine`), or undefined for an httpYac
 * `{{` block, which is only reported.
 */
export function readScriptBlock(
  src: SourceLines,
  line: number,
  first: number,
  closeLine: number,
  diagnostics: Diagnostic[],
): RequestScript | undefined {
  const text = src.text;
  const end = src.end(line);
  const lineEnd = trimmedEnd(text, first, end);
  const code = text.charCodeAt(first);
  if (code !== 62 /* > */ && code !== 60 /* < */) {
    diagnostics.push(
      httpFileDiagnostic(
        'unsupported-script',
        'information',
        src.span(first, lineEnd),
        'httpYac script blocks ({{ … }}) are not run: the request is sent without them, and variables they set stay unresolved. JetBrains handlers (> {% … %}) and ?? assertions do run.',
      ),
    );
    return undefined;
  }
  const phase = code === 60 ? 'pre-request' : 'response';
  const open = text.indexOf('{%', first) + 2;
  const closeStart = src.start(closeLine);
  const closeEnd = trimmedEnd(text, closeStart, src.end(closeLine));
  const closes = closeEnd - 2 >= open && text.startsWith('%}', closeEnd - 2);
  const codeEnd = closes ? closeEnd - 2 : closeEnd;
  const range = src.span(first, closeEnd);
  reportScript(src, first, lineEnd, diagnostics);
  return { phase, code: text.slice(open, codeEnd), codeStart: src.position(line, open), range };
}

/** `> ./handler.js` or, before a request line, `< ./pre-request.js`. */
export function readScriptFile(
  src: SourceLines,
  line: number,
  first: number,
  diagnostics: Diagnostic[],
): RequestScript | undefined {
  const text = src.text;
  const lineEnd = trimmedEnd(text, first, src.end(line));
  reportScript(src, first, lineEnd, diagnostics);
  const path = text.slice(first + 1, lineEnd).trim();
  if (!path.endsWith('.js')) return undefined;
  const range = src.span(first, lineEnd);
  return { phase: text.charCodeAt(first) === 60 ? 'pre-request' : 'response', path, codeStart: range.start, range };
}

export function readAssertion(src: SourceLines, line: number, first: number): ResponseAssertion {
  const text = src.text;
  const lineEnd = trimmedEnd(text, first, src.end(line));
  const start = firstNonSpace(text, first + 2, lineEnd);
  return { text: start < 0 ? '' : text.slice(start, lineEnd), range: src.span(first, lineEnd) };
}

export function reportScript(src: SourceLines, first: number, end: number, diagnostics: Diagnostic[]): void {
  diagnostics.push(
    httpFileDiagnostic(
      'unsupported-script',
      'information',
      src.span(first, trimmedEnd(src.text, first, end)),
      'This script runs when the request is sent: in the editor in a trusted workspace (not in Restricted Mode), in the CLI unless --no-scripts.',
    ),
  );
}
