// Options for sender tests: short timeouts so a fault shows quickly, and never the defaults'
// minutes-long waits.
import {
  defaultSendOptions,
  type SendOptions,
  type SendResult,
  type HttpResponse,
  type SendFailure,
} from '../../../src/core/send/send-model';

export function testOptions(overrides: Partial<SendOptions> = {}): SendOptions {
  return {
    ...defaultSendOptions,
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 3_000,
    bodyTimeoutMs: 3_000,
    totalTimeoutMs: 8_000,
    ...overrides,
  };
}

export function expectResponse(result: SendResult): HttpResponse {
  if (!result.ok) throw new Error(`expected a response, got failure ${result.failure.code}: ${result.failure.message}`);
  return result.response;
}

export function expectFailure(result: SendResult): SendFailure {
  if (result.ok) throw new Error(`expected a failure, got status ${result.response.status}`);
  return result.failure;
}

export function bodyText(response: HttpResponse): string {
  return Buffer.from(response.body).toString('utf8');
}

export function bodyJson<T = Record<string, unknown>>(response: HttpResponse): T {
  return JSON.parse(bodyText(response)) as T;
}
