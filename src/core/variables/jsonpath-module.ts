// jsonpath-plus as one loadable unit: the extension bundles it separately (dist/jsonpath.js,
// about 25 KB with its use of node:vm) and loads it the first time a request variable reads a
// JSONPath (src/extension/lazy-jsonpath.ts).
export { JSONPath } from 'jsonpath-plus';
