// Every dialect the engine knows. Adding one = a new *-dialect.ts file plus one line here.
// Order only breaks ties between equal confidences: specific protocols before generic ones.
import type { Dialect } from './conflict-model';
import { azureTableDialect } from './azure-table-dialect';
import { bodyVersionDialect } from './body-version-dialect';
import { couchdbDialect } from './couchdb-dialect';
import { elasticsearchDialect } from './elasticsearch-dialect';
import { errorCurrentVersionDialect } from './error-current-version-dialect';
import { githubContentsDialect } from './github-contents-dialect';
import { googleStatusDialect } from './google-status-dialect';
import { graphqlErrorsDialect } from './graphql-errors-dialect';
import { httpValidatorsDialect } from './http-validators-dialect';
import { kubernetesDialect } from './kubernetes-dialect';
import { odataEtagDialect } from './odata-etag-dialect';
import { retryNotMergeDialect } from './retry-not-merge-dialect';

export const dialects: readonly Dialect[] = [
  retryNotMergeDialect,
  elasticsearchDialect,
  kubernetesDialect,
  couchdbDialect,
  githubContentsDialect,
  azureTableDialect,
  odataEtagDialect,
  errorCurrentVersionDialect,
  bodyVersionDialect,
  httpValidatorsDialect,
  graphqlErrorsDialect,
  googleStatusDialect,
];

export function findDialect(id: string, from: readonly Dialect[] = dialects): Dialect | undefined {
  return from.find((d) => d.id === id);
}
