// What the parser hands back: requests with the exact source ranges the editor needs,
// the file variables, and diagnostics for everything it could not make sense of.
import type { Diagnostic, Position, Range } from '../text-range';

export interface ParsedHeader {
  readonly name: string;
  /** Raw value as written, `{{placeholders}}` unresolved. */
  readonly value: string;
  readonly range: Range;
}

export interface FileVariable {
  readonly name: string;
  /** Raw value as written; may reference other variables. */
  readonly value: string;
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
}

export interface PromptVariable {
  readonly name: string;
  readonly description?: string;
  readonly range: Range;
}

export type BodyKind = 'json' | 'form' | 'multipart' | 'graphql' | 'xml' | 'text';

/** A body is the text as written plus, in order, the files it pulls in with `<` / `<@`. */
export type BodyPart =
  | { readonly kind: 'text'; readonly text: string; readonly range: Range }
  | {
      readonly kind: 'include';
      /** The path as written, relative to the .http file unless absolute. */
      readonly path: string;
      /** `<@` — substitute variables inside the included file. */
      readonly processVariables: boolean;
      /** `<@latin1 ./file` style encoding, when given. */
      readonly encoding?: string;
      readonly range: Range;
    };

export interface ParsedBody {
  readonly kind: BodyKind;
  /** The body exactly as it appears in the file (includes left as their `< path` lines). */
  readonly text: string;
  readonly parts: readonly BodyPart[];
  readonly range: Range;
  /**
   * GraphQL only: the file's `fragment` blocks (outside any request) that the query spreads,
   * directly or through other fragments, each once, in file order — appended to the query sent.
   */
  readonly graphqlFragments?: string;
  /**
   * GraphQL only, when the query is loaded from a file (`< ./query.graphql`): every `fragment`
   * block of the .http file, in file order; the ones the loaded query spreads are appended when
   * it is sent.
   */
  readonly graphqlFragmentDefinitions?: readonly GraphqlFragmentDefinition[];
}

/** A `fragment Name on Type { … }` block written outside the requests. */
export interface GraphqlFragmentDefinition {
  readonly name: string;
  readonly text: string;
  /** Names this fragment spreads, for the transitive closure. */
  readonly spreads: readonly string[];
}

export interface RequestMetadata {
  /** `# @name x` */
  readonly name?: string;
  readonly nameRange?: Range;
  /** `# @no-redirect` */
  readonly noRedirect: boolean;
  /** `# @prompt name description` */
  readonly prompts: readonly PromptVariable[];
  /** Any other `# @key value` lines, kept for tools and future features. */
  readonly other: Readonly<Record<string, string>>;
}

/**
 * A JetBrains script: `< {% … %}` / `< ./pre.js` before the request line runs before it is
 * prepared; `> {% … %}` / `> ./handler.js` after it runs once the response is in.
 */
export interface RequestScript {
  readonly phase: 'pre-request' | 'response';
  /** Inline code between `{%` and `%}`; absent for a script file. */
  readonly code?: string;
  /** The script file's path as written, relative to the .http file. */
  readonly path?: string;
  /** Where the inline code starts, so line N of the script is reported as a line of the file. */
  readonly codeStart: Position;
  readonly range: Range;
}

/** An httpYac assertion line, `?? status == 201`; `text` is what follows `??`. */
export interface ResponseAssertion {
  readonly text: string;
  readonly range: Range;
}

export interface ParsedRequest {
  /** Position among the requests of the file, from 0. */
  readonly index: number;
  /** Text after `###`, when the separator names the request. */
  readonly title?: string;
  readonly metadata: RequestMetadata;
  /** Upper-cased; `GET` when the request line omits it. */
  readonly method: string;
  readonly methodWasImplicit: boolean;
  /** URL as written, query continuation lines joined, placeholders unresolved. */
  readonly url: string;
  readonly httpVersion?: string;
  /** The request line and its query continuation lines. */
  readonly requestLineRange: Range;
  readonly urlRange: Range;
  readonly headers: readonly ParsedHeader[];
  readonly body?: ParsedBody;
  /** JetBrains pre-request scripts and response handlers, in file order. */
  readonly scripts?: readonly RequestScript[];
  /** httpYac `??` assertions, in file order. */
  readonly assertions?: readonly ResponseAssertion[];
  /** From the first line after the previous separator to the last line of the body. */
  readonly range: Range;
}

export interface ParsedHttpFile {
  readonly requests: readonly ParsedRequest[];
  readonly fileVariables: readonly FileVariable[];
  readonly diagnostics: readonly Diagnostic[];
}
