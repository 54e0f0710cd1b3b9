// The sender: a resolved request in, a response or a typed failure out. Never throws for
// network trouble; callers branch on `failure.code`.
import { performance } from 'node:perf_hooks';
import { dispatcherFor } from './agent-cache';
import { createDeadline } from './deadline';
import { droppedHeadersNotice, hopKey, isFollowableRedirect, planRedirect, type Hop } from './follow-redirects';
import { proxyFor, readProxySettings } from './proxy-settings';
import { readFinalResponse } from './read-response';
import type { PreparedBody } from './request-body';
import { sendHop, type HopContext } from './send-hop';
import { headerValue, type OutgoingRequest, type SendOptions, type SendResult } from './send-model';
import { validateRequest } from './validate-request';

export const tlsVerificationOffNotice = 'TLS certificate verification is OFF for this request';

/**
 * `secrets`: values from secret sources in this request; a redirect to another origin never
 * carries them (see planRedirect).
 */
export async function sendRequest(
  request: OutgoingRequest,
  options: SendOptions,
  secrets: readonly string[] = [],
): Promise<SendResult> {
  const exchangeStartedAt = performance.now();
  const validated = validateRequest(request);
  if (!validated.ok) return validated;
  if (options.signal?.aborted) {
    return {
      ok: false,
      failure: { code: 'aborted', phase: 'prepare', message: 'Request cancelled', mayHaveReachedServer: false },
    };
  }
  const proxySettings = readProxySettings(options.proxy, options.env);
  const deadline = createDeadline(options.signal, options.totalTimeoutMs);
  try {
    const dispatcher =
      options.dispatcher ??
      dispatcherFor({ connectTimeoutMs: options.connectTimeoutMs, tls: options.tls, proxy: proxySettings });
    const first: Hop = {
      method: request.method,
      url: validated.url,
      headers: request.headers,
      ...(request.body ? { body: request.body } : {}),
    };
    return await followExchange(first, options, secrets, (hop) => {
      const proxy = proxyFor(hop.url, proxySettings);
      return { dispatcher, options, deadline, exchangeStartedAt, ...(proxy ? { proxy } : {}) };
    });
  } finally {
    deadline.dispose();
  }
}

async function followExchange(
  first: Hop,
  options: SendOptions,
  secrets: readonly string[],
  contextFor: (hop: Hop) => HopContext,
): Promise<SendResult> {
  const notices: string[] = [];
  const redirects: string[] = [];
  const visited = new Set([hopKey(first.method, first.url)]);
  let hop = first;
  let previousBody: PreparedBody | undefined;
  for (;;) {
    if (!options.tls.verify && hop.url.protocol === 'https:' && !notices.includes(tlsVerificationOffNotice)) {
      notices.push(tlsVerificationOffNotice);
    }
    const context = contextFor(hop);
    const sent = await sendHop(hop, context, previousBody);
    if (!sent.ok) return sent;
    const { head } = sent;
    const location = headerValue(head.headers, 'location');
    if (!options.followRedirects || !isFollowableRedirect(head.status, location)) {
      return readFinalResponse({ hop, head, context, redirects, notices });
    }
    // A redirect's own body is not shown; reading a little of it keeps the connection reusable.
    await head.body.discard(64 * 1024);
    const plan = planRedirect(hop, head.status, location, {
      visited,
      followed: redirects.length,
      maxRedirects: options.maxRedirects,
      secrets,
    });
    if (plan.kind === 'fail') {
      return {
        ok: false,
        failure: { code: plan.code, phase: 'headers', message: plan.message, mayHaveReachedServer: false },
      };
    }
    if (plan.droppedHeaders.length > 0) notices.push(droppedHeadersNotice(plan.droppedHeaders, plan.hop.url));
    redirects.push(plan.hop.url.href);
    visited.add(hopKey(plan.hop.method, plan.hop.url));
    previousBody = head.sentBody;
    hop = plan.hop;
  }
}
