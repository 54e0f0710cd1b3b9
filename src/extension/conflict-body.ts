// The request's body as the conflict workflow sees it: the text as it reads in the document
// now, and its `{{variables}}` resolved as they will be after a rebase (the named reads of
// the conflicting resource answered by the current version).
import * as vscode from 'vscode';
import { conflictOptions } from '../core/conflict/classify-conflict';
import type { BodyNow } from '../core/conflict/conflict-workflow';
import { responseText } from '../core/conflict/exchange-body';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { RequestRecord } from '../core/variables/variable-model';
import { AdoptedVersions } from './adopted-versions';
import { readConfig } from './config';
import type { ConflictEntry } from './conflict-registry';
import type { Environments } from './environments';
import type { RequestRunner } from './request-runner';

/** The named reads of the conflicting resource, answered by the current version. */
function currentReads(
  entry: ConflictEntry,
): { urls: string[]; response: NonNullable<RequestRecord['response']> } | undefined {
  const current = entry.flow.current;
  if (!current) return undefined;
  return {
    urls: [entry.exchange.request.url, current.request.url],
    response: {
      status: current.response.status,
      headers: current.response.headers,
      body: responseText(current.response),
    },
  };
}

export class ConflictBodies {
  constructor(
    private readonly runner: RequestRunner,
    private readonly environments: Environments,
  ) {}

  /** What the request's variables resolve to once it is rebased: its reads at the current version. */
  private recordsAfterRebase(entry: ConflictEntry, request: ParsedRequest): ReadonlyMap<string, RequestRecord> {
    const records = this.runner.recordsFor(entry.uri, request);
    const reads = currentReads(entry);
    if (!reads) return records;
    const out = new Map(records);
    for (const [name, record] of AdoptedVersions.readsOf(entry.session.records, reads.urls, reads.response))
      out.set(name, record);
    return out;
  }

  /** From now on this request's variables name the current version (its body holds it). */
  adoptCurrent(entry: ConflictEntry, request: ParsedRequest): void {
    const reads = currentReads(entry);
    if (reads) this.runner.adoptReads(entry.uri, request, reads.urls, reads.response);
  }

  async bodyNow(
    entry: ConflictEntry,
    document: vscode.TextDocument,
    file: ParsedHttpFile,
    request: ParsedRequest,
  ): Promise<BodyNow> {
    const { sources } = await this.environments.sources(document);
    const resolver = createFileResolver(file, { ...sources, requests: this.recordsAfterRebase(entry, request) });
    const config = readConfig(entry.uri);
    return {
      text: request.body?.text,
      resolve: (text: string) => resolver.resolveText(text).text,
      options: conflictOptions({
        versionFields: config.versionFields,
        serverManagedFields: config.serverManagedFields,
      }),
    };
  }
}
