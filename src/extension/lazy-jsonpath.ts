// In the extension bundle `jsonpath-plus` resolves to this file (esbuild.config.mjs), which
// loads dist/jsonpath.js the first time a `{{name.response.body.$…}}` variable is resolved:
// opening a .http file does not need the library. Only the call the core makes
// (src/core/variables/request-variables.ts) is offered; any other import fails the build.
import type { JSONPathOptions } from 'jsonpath-plus';
import type * as JsonPathModule from '../core/variables/jsonpath-module';

let loaded: typeof JsonPathModule | undefined;

export function JSONPath(options: JSONPathOptions): unknown {
  // A plain require of a sibling file of dist/extension.js; esbuild leaves it as written.
  loaded ??= require('./jsonpath.js') as typeof JsonPathModule;
  return loaded.JSONPath(options);
}
