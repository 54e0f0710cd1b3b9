// Which dialect a token's place in a write belongs to. Detection by response evidence is
// `classifyConflict`'s job; this answers the simpler question asked before any conflict
// happened (by `check`, and by the probe when no copy was refused): whose token is this?
import type { TokenLocation } from './conflict-model';

export function dialectIdForLocation(location: TokenLocation): string {
  switch (location.kind) {
    case 'header':
      return 'http-validators';
    case 'query':
      return location.name === 'rev' ? 'couchdb' : 'elasticsearch';
    case 'body': {
      const [first] = location.path;
      if (first === '_rev') return 'couchdb';
      if (first === 'metadata') return 'kubernetes';
      if (first === 'sha') return 'github-contents';
      if (first === '@odata.etag' || first === 'odata.etag') return 'odata-etag';
      return 'body-version';
    }
  }
}
