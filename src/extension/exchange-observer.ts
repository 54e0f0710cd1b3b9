// What the editor does with every exchange a session sends: classify it as a conflict (or
// not); a response that is not a conflict is kept as a snapshot (the base of a later merge),
// and the version tokens a successful one returned are remembered for the write guards.
import type * as vscode from 'vscode';
import { classifyConflict, conflictOptions } from '../core/conflict/classify-conflict';
import type { ConflictReport, Exchange, VersionToken } from '../core/conflict/conflict-model';
import { dialects } from '../core/conflict/dialects';
import { resourceKey } from '../core/conflict/resource-url';
import { readAllTokens, recordExchange } from '../core/conflict/snapshot-capture';
import type { SnapshotStore } from '../core/conflict/snapshot-store';
import type { ExchangeObserver } from '../core/run/request-session';
import { readConfig } from './config';

export function editorExchangeObserver(
  snapshots: SnapshotStore,
  knownTokens: Map<string, readonly VersionToken[]>,
  document: () => vscode.TextDocument | undefined,
): ExchangeObserver<ConflictReport> {
  return {
    observe: async (exchange: Exchange) => {
      const versionFields = readConfig(document()?.uri).versionFields;
      const report = classifyConflict(exchange, { versionFields });
      if (!report) {
        await recordExchange(snapshots, exchange, { conflictOptions: conflictOptions({ versionFields }) });
        const tokens = readAllTokens(exchange, dialects, conflictOptions({ versionFields }));
        if (exchange.response.status < 300 && tokens.length) knownTokens.set(resourceKey(exchange.request.url), tokens);
      }
      return report;
    },
  };
}
