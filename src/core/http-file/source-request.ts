// A request and its body as the parser keeps them: their ranges as offsets into the text, made
// into `Range` objects when read. A request used to hold three range objects and a body a range
// and a one-element parts array; in a 50k-request file each of those objects was copied by the
// young-generation collections it survived and then marked by the full ones (the parse result
// outgrows the young generation between 10k and 50k requests, bench/results.md section 1).
import { OffsetRange } from '../text-range';
import type { LineIndex, Range } from '../text-range';
import type {
  BodyKind,
  BodyPart,
  GraphqlFragmentDefinition,
  ParsedBody,
  ParsedHeader,
  ParsedRequest,
  RequestMetadata,
  RequestScript,
  ResponseAssertion,
} from './http-file-model';
import { NO_ITEMS } from './shared-empties';

export class SourceRequest implements ParsedRequest {
  // Private fields: out of Object.keys, JSON and deep comparisons, which see the public model.
  readonly #lines: LineIndex;
  readonly #lineStart: number;
  readonly #lineEnd: number;
  readonly #urlStart: number;
  readonly #urlEnd: number;
  readonly #start: number;
  readonly #end: number;

  /**
   * Positional, every field in one order (one object shape for V8): the parser makes one per
   * request, and an options object or an offsets array would be two more allocations each.
   * The offsets are those of the request line, the URL and the whole request.
   */
  constructor(
    lines: LineIndex,
    readonly index: number,
    readonly title: string | undefined,
    readonly metadata: RequestMetadata,
    readonly method: string,
    readonly methodWasImplicit: boolean,
    readonly url: string,
    readonly httpVersion: string | undefined,
    readonly headers: readonly ParsedHeader[],
    readonly body: ParsedBody | undefined,
    readonly scripts: readonly RequestScript[],
    readonly assertions: readonly ResponseAssertion[],
    lineStart: number,
    lineEnd: number,
    urlStart: number,
    urlEnd: number,
    start: number,
    end: number,
  ) {
    this.#lines = lines;
    this.#lineStart = lineStart;
    this.#lineEnd = lineEnd;
    this.#urlStart = urlStart;
    this.#urlEnd = urlEnd;
    this.#start = start;
    this.#end = end;
  }

  get requestLineRange(): Range {
    return new OffsetRange(this.#lines, this.#lineStart, this.#lineEnd);
  }

  get urlRange(): Range {
    return new OffsetRange(this.#lines, this.#urlStart, this.#urlEnd);
  }

  get range(): Range {
    return new OffsetRange(this.#lines, this.#start, this.#end);
  }

  /** The same request with another body (GraphQL fragments are attached once the file is read). */
  withBody(body: ParsedBody): SourceRequest {
    return new SourceRequest(
      this.#lines,
      this.index,
      this.title,
      this.metadata,
      this.method,
      this.methodWasImplicit,
      this.url,
      this.httpVersion,
      this.headers,
      body,
      this.scripts,
      this.assertions,
      this.#lineStart,
      this.#lineEnd,
      this.#urlStart,
      this.#urlEnd,
      this.#start,
      this.#end,
    );
  }

  /** The plain form, every key of `ParsedRequest` present, as the object literal it replaces. */
  toJSON(): ParsedRequest {
    return {
      index: this.index,
      title: this.title,
      metadata: this.metadata,
      method: this.method,
      methodWasImplicit: this.methodWasImplicit,
      url: this.url,
      httpVersion: this.httpVersion,
      requestLineRange: this.requestLineRange,
      urlRange: this.urlRange,
      headers: this.headers,
      body: this.body,
      scripts: this.scripts,
      assertions: this.assertions,
      range: this.range,
    };
  }

  /** Printed (logs, test failures) as the plain form, not with the whole text it points into. */
  [Symbol.for('nodejs.util.inspect.custom')](): ParsedRequest {
    return this.toJSON();
  }
}

/** GraphQL additions to a body, known only once the whole file is read. */
export interface GraphqlBodyExtras {
  readonly graphqlFragments?: string;
  readonly graphqlFragmentDefinitions?: readonly GraphqlFragmentDefinition[];
}

/**
 * A body: its text, its range as two offsets and, only when it has `<` includes, its parts. A
 * body that is one run of text (nearly all) makes its one-element `parts` when read.
 */
export class SourceBody implements ParsedBody {
  readonly kind: BodyKind;
  readonly text: string;
  readonly graphqlFragments: string | undefined;
  readonly graphqlFragmentDefinitions: readonly GraphqlFragmentDefinition[] | undefined;
  readonly #lines: LineIndex;
  readonly #start: number;
  readonly #end: number;
  /** Undefined for a body that is one text run. */
  readonly #parts: readonly BodyPart[] | undefined;

  constructor(
    lines: LineIndex,
    kind: BodyKind,
    text: string,
    start: number,
    end: number,
    parts: readonly BodyPart[] | undefined,
    extras: GraphqlBodyExtras = {},
  ) {
    this.kind = kind;
    this.text = text;
    this.graphqlFragments = extras.graphqlFragments;
    this.graphqlFragmentDefinitions = extras.graphqlFragmentDefinitions;
    this.#lines = lines;
    this.#start = start;
    this.#end = end;
    this.#parts = parts;
  }

  get range(): Range {
    return new OffsetRange(this.#lines, this.#start, this.#end);
  }

  /** Text runs and include lines in order; concatenating their slices gives the body back. */
  get parts(): readonly BodyPart[] {
    if (this.#parts !== undefined) return this.#parts;
    return this.#end > this.#start ? [{ kind: 'text', text: this.text, range: this.range }] : NO_ITEMS;
  }

  /** The same body with the GraphQL fragments it needs. */
  with(extras: GraphqlBodyExtras): SourceBody {
    return new SourceBody(this.#lines, this.kind, this.text, this.#start, this.#end, this.#parts, {
      graphqlFragments: extras.graphqlFragments ?? this.graphqlFragments,
      graphqlFragmentDefinitions: extras.graphqlFragmentDefinitions ?? this.graphqlFragmentDefinitions,
    });
  }

  /** The plain form, as the object literal it replaces (GraphQL keys only when set). */
  toJSON(): ParsedBody {
    return {
      kind: this.kind,
      text: this.text,
      parts: this.parts,
      range: this.range,
      ...(this.graphqlFragments !== undefined ? { graphqlFragments: this.graphqlFragments } : {}),
      ...(this.graphqlFragmentDefinitions !== undefined
        ? { graphqlFragmentDefinitions: this.graphqlFragmentDefinitions }
        : {}),
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): ParsedBody {
    return this.toJSON();
  }
}
