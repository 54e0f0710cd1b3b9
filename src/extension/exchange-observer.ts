// What the editor does with every exchange a session sends: classify it as a conflict (or
// not); a response that is not a conflict is kept as a snapshot (the base of a later merge),
// and the version tokens a successful one returned are remembered for the write guards.
import type * as vscode from 'vscode';
import { classifyConflict, conflictOptions } from '../core/conflict/classify-conflict';
import type { ConflictReport, Exchange, VersionToken } from '../core/conflict/conflict-model';
import { dialects } from '../core/conflict/dialects';
import type { RecordLater } from '../core/conflict/record-later';
import { resourceKey } from '../core/conflict/resource-url';
import { readAllTokens, recordExchange } from '../core/conflict/snapshot-capture';
import type { SnapshotStore } from '../core/conflict/snapshot-store';
import type { ExchangeObserver } from '../core/run/request-session';
import { readConfig } from './config';

/**
 * A body bigger than this is kept after the send has returned (and the panel has been sent
 * the response): reading its tokens parses all of it. A smaller one is kept before, as always.
 */
export const recordLaterAboveBytes = 1024 * 1024;

export function editorExchangeObserver(
  snapshots: SnapshotStore,
  knownTokens: Map<string, readonly VersionToken[]>,
  document: () => vscode.TextDocument | undefined,
  later: RecordLater,
): ExchangeObserver<ConflictReport> {
  return {
    observe: async (exchange: Exchange) => {
      // A big body sent before this one is kept before this one is classified.
      await later.settled();
      const versionFields = readConfig(document()?.uri).versionFields;
      const report = classifyConflict(exchange, { versionFields });
      if (!report) {
        const record = async (): Promise<void> => {
          await recordExchange(snapshots, exchange, { conflictOptions: conflictOptions({ versionFields }) });
          const tokens = readAllTokens(exchange, dialects, conflictOptions({ versionFields }));
          if (exchange.response.status < 300 && tokens.length)
            knownTokens.set(resourceKey(exchange.request.url), tokens);
        };
        if (exchange.response.body.length > recordLaterAboveBytes) later.queue(record);
        else await record();
      }
      return report;
    },
  };
}
