// Inputs and outputs of variable resolution. Everything the resolver needs comes in as
// data or as a function argument (clock, random source, file reader) so tests control it.
import type { HeaderList } from '../http-headers';

/** What a named request left behind for `{{name.request.*}}` / `{{name.response.*}}`. */
export interface RequestRecord {
  readonly request: {
    readonly url: string;
    readonly method: string;
    readonly headers: HeaderList;
    readonly body?: string;
  };
  readonly response?: { readonly status: number; readonly headers: HeaderList; readonly body: string };
}

export interface VariableSources {
  /** The selected environment, `$shared` already merged underneath it. */
  readonly environment: Readonly<Record<string, string>>;
  /** Values from `.env` next to the file / workspace root (for `{{$dotenv X}}`). */
  readonly dotenv: Readonly<Record<string, string>>;
  /** For `{{$processEnv X}}`; pass `process.env` or a test double. */
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** Answers given to `# @prompt` for this send. */
  readonly prompts: Readonly<Record<string, string>>;
  /** Latest results of named requests in this file. */
  readonly requests: ReadonlyMap<string, RequestRecord>;
  /** Workspace trust: when false, `$processEnv` and `$dotenv` do not resolve. */
  readonly allowProcessEnv: boolean;
  readonly now: () => Date;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Name of the selected environment, so "not defined" messages can name it. */
  readonly environmentName?: string;
  /** Values to report in `ResolvedText.secrets` when used (private env files, secret prompts). */
  readonly secretValues?: readonly string[];
  /**
   * Every `# @name` in the file. When given, a reference to a name that is not here is
   * "undefined" (a typo) rather than "request-not-sent" (send that request first).
   */
  readonly requestNames?: ReadonlySet<string>;
  /** Minutes east of UTC at a given instant, for `$localDatetime`; defaults to the host's zone. */
  readonly timeZoneOffsetMinutes?: (at: Date) => number;
}

/** A `{{...}}` occurrence in some text: offsets are into that text. */
export interface VariableReference {
  /** The expression between the braces, trimmed, e.g. `doc.response.headers.ETag`. */
  readonly expression: string;
  readonly start: number;
  readonly end: number;
}

export type UnresolvedReason =
  | 'undefined'
  | 'request-not-sent'
  | 'path-not-found'
  | 'not-allowed'
  | 'cycle'
  | 'bad-arguments'
  /** Syntax we recognise but do not implement (XPath into XML bodies, `$aadToken`). */
  | 'unsupported';

export interface Unresolved {
  readonly reference: VariableReference;
  readonly reason: UnresolvedReason;
  /** Plain words naming the variable, e.g. `Variable "token" is not defined in environment "dev"`. */
  readonly message: string;
}

export interface ResolvedText {
  readonly text: string;
  readonly unresolved: readonly Unresolved[];
  /** Values taken from private env files / prompts marked secret, for redaction in logs. */
  readonly secrets: readonly string[];
}

/** The value of one `{{expression}}`, or why there is none. */
export type ExpressionValue =
  | { readonly ok: true; readonly value: string; readonly secrets: readonly string[] }
  | { readonly ok: false; readonly reason: UnresolvedReason; readonly message: string };
