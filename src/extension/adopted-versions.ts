// Which version a request's `{{doc.response…}}` variables name. File-wide, a named read
// resolves to its latest result, as in REST Client. On top of that, one request can adopt a
// newer version of the resource it writes: the version its body was rebased onto, or the
// one its own successful write created. Only that request sees it, so a refetch for one
// conflict never hands a fresh token to another body that nobody merged.
import { resourceKey } from '../core/conflict/resource-url';
import type { RequestRecord } from '../core/variables/variable-model';

type Response = NonNullable<RequestRecord['response']>;

interface Adopted {
  /** Method and URL as written: a key by position must not hand the version to another request. */
  readonly identity: string;
  readonly reads: Map<string, RequestRecord>;
}

export class AdoptedVersions {
  /** Request key (`requestKey`) → read name → the record that name resolves to for it. */
  private readonly byRequest = new Map<string, Adopted>();

  /** The named results a request resolves against: the file's, its adopted versions on top. */
  recordsFor(
    key: string,
    identity: string,
    records: ReadonlyMap<string, RequestRecord>,
  ): ReadonlyMap<string, RequestRecord> {
    const adopted = this.byRequest.get(key);
    if (!adopted?.reads.size || adopted.identity !== identity) return records;
    const out = new Map(records);
    for (const [name, record] of adopted.reads) out.set(name, record);
    return out;
  }

  /** Every named GET of the same resource as one of `urls`, answered by `response` instead. */
  static readsOf(
    records: ReadonlyMap<string, RequestRecord>,
    urls: readonly string[],
    response: Response,
  ): Map<string, RequestRecord> {
    const keys = new Set(urls.map(resourceKey));
    const reads = new Map<string, RequestRecord>();
    for (const [name, record] of records) {
      if (record.request.method.toUpperCase() === 'GET' && keys.has(resourceKey(record.request.url)))
        reads.set(name, { ...record, response });
    }
    return reads;
  }

  adopt(key: string, identity: string, reads: ReadonlyMap<string, RequestRecord>): void {
    if (reads.size === 0) return;
    const known = this.byRequest.get(key);
    const adopted = known?.identity === identity ? known.reads : new Map<string, RequestRecord>();
    for (const [name, record] of reads) adopted.set(name, record);
    this.byRequest.set(key, { identity, reads: adopted });
  }

  /** The file sent read `name` again: its own result is newer than any version adopted from it. */
  superseded(fileKey: string, name: string): void {
    for (const [key, adopted] of this.byRequest) if (key.startsWith(`${fileKey}#`)) adopted.reads.delete(name);
  }
}
