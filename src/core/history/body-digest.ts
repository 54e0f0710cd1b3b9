// The sha256 History keeps of a body it does not keep (over its size limit, cut by the sender):
// for a 10 MB body one update is tens of milliseconds of the extension host's thread, in the
// moments after the panel was sent the response and while the editor still talks to the host.
// Hashed a slice at a time with the thread given back between slices, the digest is the same.
import { createHash } from 'node:crypto';

/** 1 MB: a few milliseconds of hashing per turn. */
export const digestSliceBytes = 1024 * 1024;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function digestInSlices(bytes: Uint8Array, sliceBytes = digestSliceBytes): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    if (at > 0) await nextTurn();
    hash.update(bytes.subarray(at, Math.min(bytes.length, at + sliceBytes)));
  }
  return hash.digest('hex');
}
