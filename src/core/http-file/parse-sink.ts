// Where the parser puts what it finds besides requests: file variables (wherever they sit in
// the file) and diagnostics.
import type { Diagnostic } from '../text-range';
import type { GraphqlFragments } from './graphql-fragments';
import type { FileVariable, ParsedHeader } from './http-file-model';
import type { ScriptCollector } from './parse-script';
import type { StringPool } from './string-pool';

export interface ParseSink {
  readonly diagnostics: Diagnostic[];
  readonly fileVariables: FileVariable[];
  /** httpYac `fragment Name on Type { … }` blocks found outside the requests. */
  readonly graphqlFragments: GraphqlFragments;
  /** Header names and values repeat across a file's requests: each is kept once. */
  readonly strings: StringPool;
  /** Where the headers of the request being read are gathered (reused: one array per file). */
  readonly headerScratch: ParsedHeader[];
  /** Where the scripts and assertions of the request being read are gathered (reused likewise). */
  readonly scriptScratch: ScriptCollector;
}
