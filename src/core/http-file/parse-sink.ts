// Where the parser puts what it finds besides requests: file variables (wherever they sit in
// the file) and diagnostics.
import type { Diagnostic } from '../text-range';
import type { GraphqlFragments } from './graphql-fragments';
import type { FileVariable } from './http-file-model';

export interface ParseSink {
  readonly diagnostics: Diagnostic[];
  readonly fileVariables: FileVariable[];
  /** httpYac `fragment Name on Type { … }` blocks found outside the requests. */
  readonly graphqlFragments: GraphqlFragments;
}
