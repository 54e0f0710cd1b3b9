// `# @key value` comments before a request line: `@name`, `@no-redirect`, `@prompt`, and
// anything else kept verbatim in `other` for tools and later features.
import type { Diagnostic, Range } from '../text-range';
import type { PromptVariable, RequestMetadata } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { NO_ITEMS, NO_METADATA, NO_OTHER_METADATA } from './shared-empties';
import { nextSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export class RequestMetadataBuilder {
  private name?: string;
  private nameRange?: Range;
  private noRedirect = false;
  /** Made on the first `@prompt` / other key: most requests have neither. */
  private prompts?: PromptVariable[];
  private other?: Record<string, string>;
  /** Where the first metadata comment was, for an `empty-request` warning. */
  firstRange?: Range;

  /**
   * Reads the comment body starting at `from` (after the `#` / `//` run). Returns false when
   * the comment is an ordinary comment, not `@key …`.
   */
  add(src: SourceLines, from: number, lineEnd: number, diagnostics: Diagnostic[]): boolean {
    const text = src.text;
    const end = trimmedEnd(text, from, lineEnd);
    let at = from;
    while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
    if (at >= end || text.charCodeAt(at) !== 64 /* @ */) return false;
    let keyEnd = at + 1;
    while (keyEnd < end) {
      const code = text.charCodeAt(keyEnd);
      if (code === 32 || code === 9 || code === 61 /* = */) break;
      keyEnd++;
    }
    if (keyEnd === at + 1) return false;
    let valueStart = keyEnd;
    while (valueStart < end && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9)) valueStart++;
    if (valueStart < end && text.charCodeAt(valueStart) === 61) {
      valueStart++;
      while (valueStart < end && (text.charCodeAt(valueStart) === 32 || text.charCodeAt(valueStart) === 9))
        valueStart++;
    }
    const key = text.slice(at + 1, keyEnd);
    const commentRange = src.span(at, end);
    this.firstRange ??= commentRange;
    if (key === 'name') this.setName(src, valueStart, end, commentRange, diagnostics);
    else if (key === 'no-redirect') this.noRedirect = true;
    else if (key === 'prompt') this.addPrompt(src, valueStart, end, commentRange, diagnostics);
    else
      Object.defineProperty((this.other ??= {}), key, {
        value: text.slice(valueStart, end),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return true;
  }

  get hasAny(): boolean {
    return this.firstRange !== undefined;
  }

  /** A request without metadata gets the one shared frozen empty metadata. */
  build(): RequestMetadata {
    if (this.name === undefined && !this.noRedirect && this.prompts === undefined && this.other === undefined)
      return NO_METADATA;
    return {
      name: this.name,
      nameRange: this.nameRange,
      noRedirect: this.noRedirect,
      prompts: this.prompts ?? NO_ITEMS,
      other: this.other ?? NO_OTHER_METADATA,
    };
  }

  private setName(src: SourceLines, start: number, end: number, commentRange: Range, diagnostics: Diagnostic[]): void {
    if (start >= end) {
      diagnostics.push(
        httpFileDiagnostic('invalid-metadata', 'warning', commentRange, '`@name` needs a name: `# @name myRequest`.'),
      );
      return;
    }
    this.name = src.text.slice(start, end);
    this.nameRange = src.span(start, end);
  }

  private addPrompt(
    src: SourceLines,
    start: number,
    end: number,
    commentRange: Range,
    diagnostics: Diagnostic[],
  ): void {
    if (start >= end) {
      diagnostics.push(
        httpFileDiagnostic(
          'invalid-metadata',
          'warning',
          commentRange,
          '`@prompt` needs a variable name: `# @prompt name description`.',
        ),
      );
      return;
    }
    const nameEnd = nextSpace(src.text, start, end);
    const description = src.text.slice(nameEnd, end).trim();
    (this.prompts ??= []).push({
      name: src.text.slice(start, nameEnd),
      description: description === '' ? undefined : description,
      range: commentRange,
    });
  }
}
