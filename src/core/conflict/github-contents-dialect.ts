// GitHub's contents API: a file update must name the blob `sha` it replaces; a stale sha gets
// 409 "<path> does not match <sha>", a missing one 422 "\"sha\" wasn't supplied.". The file
// itself travels base64-encoded in `content`, so the rebase merges the decoded files.
import type { OutgoingRequest } from '../send/send-model';
import type {
  ConflictOptions,
  Dialect,
  EmbeddedContent,
  Exchange,
  Recognition,
  TokenUpdate,
  VersionToken,
} from './conflict-model';
import { isObject, requestObject, responseObject } from './exchange-body';
import { refetchRequest } from './refetch-request';
import { queryParam, removeQueryParams, setQueryParam } from './token-placement';

const contentsPath = /\/repos\/[^/]+\/[^/]+\/contents\/./;
const shaLocation = { kind: 'body', path: ['sha'] } as const;

function isContentsUrl(url: string): boolean {
  // Most URLs are not, and parsing one per exchange showed in the profile. The parser never
  // makes `contents` out of text without it, but for the tabs and line breaks it removes.
  if (!url.includes('contents') && !/[\t\n\r]/.test(url)) return false;
  try {
    return contentsPath.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

function messageOf(exchange: Exchange): string {
  const message = responseObject(exchange)?.message;
  return typeof message === 'string' ? message : '';
}

function staleTokens(exchange: Exchange): VersionToken[] {
  const sha = requestObject(exchange)?.sha;
  return typeof sha === 'string' ? [{ value: sha, location: shaLocation }] : [];
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (!isContentsUrl(exchange.request.url)) return undefined;
  const { status } = exchange.response;
  const message = messageOf(exchange);
  const evidence = ['The URL is a GitHub contents endpoint (/repos/{owner}/{repo}/contents/{path}).'];
  if (status === 422 && /"sha" wasn't supplied/.test(message)) {
    return {
      confidence: 0.9,
      kind: 'precondition-required',
      evidence: [...evidence, `GitHub says: ${message.replace(/\s+/g, ' ')}`],
    };
  }
  if (status !== 409) return undefined;
  const sent = staleTokens(exchange)[0];
  if (sent) evidence.push(`The request body named blob sha ${String(sent.value)}.`);
  if (/does not match/.test(message)) {
    evidence.push(`GitHub says: ${message}`);
    return { confidence: 0.95, evidence };
  }
  return sent ? { confidence: 0.75, evidence } : undefined;
}

/** GET answers `{sha, content, …}`; a write answers `{content: {sha, …}, commit}`. */
function readTokens(exchange: Exchange): VersionToken[] {
  const body = responseObject(exchange);
  const sha = typeof body?.sha === 'string' ? body.sha : isObject(body?.content) ? body.content.sha : undefined;
  return typeof sha === 'string' ? [{ value: sha, location: shaLocation }] : [];
}

/** The file on the branch the write targeted: `branch` in the body becomes `?ref=`. */
function planRefetch(exchange: Exchange): OutgoingRequest {
  const branch = requestObject(exchange)?.branch;
  const ref = typeof branch === 'string' ? branch : queryParam(exchange.request.url, 'ref');
  const bare = removeQueryParams(exchange.request.url, ['ref']);
  return refetchRequest(exchange.request, { url: ref ? setQueryParam(bare, 'ref', ref) : bare });
}

function applyToken(_request: OutgoingRequest, token: VersionToken, _options: ConflictOptions): TokenUpdate[] {
  return token.location.kind === 'body' ? [{ location: shaLocation, value: String(token.value) }] : [];
}

const textTypes: Record<string, string> = { json: 'application/json', md: 'text/markdown', txt: 'text/plain' };

const base64Content: EmbeddedContent = {
  path: ['content'],
  // GitHub wraps its base64 at 60 characters; Buffer ignores the line breaks.
  decode: (encoded) => Buffer.from(encoded, 'base64').toString('utf8'),
  encode: (text) => Buffer.from(text, 'utf8').toString('base64'),
  contentType: (request) => {
    const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(request.url)?.[1]?.toLowerCase();
    return (extension && textTypes[extension]) ?? 'text/plain';
  },
};

export const githubContentsDialect: Dialect = {
  id: 'github-contents',
  label: 'GitHub contents sha',
  recognise,
  staleTokens,
  currentTokens: () => [],
  readTokens: (exchange) => (isContentsUrl(exchange.request.url) ? readTokens(exchange) : []),
  planRefetch,
  applyToken,
  versionPaths: () => [['sha']],
  embeddedContent: base64Content,
};
