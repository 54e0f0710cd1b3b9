// Where the parser puts what it finds besides requests: file variables (wherever they sit in
// the file) and diagnostics.
import type { Diagnostic } from '../text-range';
import type { GraphqlFragments } from './graphql-fragments';
import type { FileVariable } from './http-file-model';
import type { StringPool } from './string-pool';

export interface ParseSink {
  readonly diagnostics: Diagnostic[];
  readonly fileVariables: FileVariable[];
  /** httpYac `fragment Name on Type { … }` blocks found outside the requests. */
  readonly graphqlFragments: GraphqlFragments;
  /** Header names and values repeat across a file's requests: each is kept once. */
  readonly strings: StringPool;
}
