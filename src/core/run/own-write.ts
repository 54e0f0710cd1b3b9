// A successful write that returned a version (ETag, `_rev`, a version field) is what the
// server now holds of that URL, and it is the request's own body: the request's next send
// names that version, so edit → send → edit → send does not conflict with itself.
import { conflictOptions } from '../conflict/classify-conflict';
import { isSuccess } from '../conflict/exchange-body';
import { captureSnapshot } from '../conflict/snapshot-capture';
import { isSafeMethod } from '../http-methods';
import type { RequestRecord } from '../variables/variable-model';
import type { PreparedRequest } from './prepare-request';
import type { SendResult } from '../send/send-model';

export interface OwnWriteRead {
  readonly url: string;
  readonly response: NonNullable<RequestRecord['response']>;
}

/** The read the request should resolve against after its own write, if the write returned a version. */
export function ownWriteRead(
  sent: { prepared: PreparedRequest; response: Extract<SendResult, { ok: true }>['response'] },
  versionFields: readonly string[] | undefined,
): OwnWriteRead | undefined {
  const { request, bodyText } = sent.prepared;
  if (isSafeMethod(request.method) || !isSuccess(sent.response.status)) return undefined;
  const snapshot = captureSnapshot(
    { request, requestBodyText: bodyText, response: sent.response },
    { conflictOptions: conflictOptions({ versionFields }) },
  );
  if (!snapshot || snapshot.tokens.length === 0) return undefined;
  return {
    url: request.url,
    response: { status: sent.response.status, headers: sent.response.headers, body: snapshot.bodyText },
  };
}
