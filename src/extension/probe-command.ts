// `HTTP: Test Lost-Update Protection…`: asks first (it writes to the server), then sends N
// concurrent copies of the write based on one version and shows the verdict in the panel.
import * as vscode from 'vscode';
import type { ProbeResult } from '../core/probe/lost-update-probe';
import { probeLostUpdates, probeTargetRefusal } from './lazy-probe';
import { createFileResolver } from '../core/run/create-file-resolver';
import { createFileAccess, noFileAccess } from '../core/run/include-files';
import type { ProbeView } from '../protocol';
import { readConfig } from './config';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import type { ResponsePanel } from './panel/response-panel';
import type { RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
import { requestLabel, resolveTarget } from './request-target';

const writers = 5;

export function probeView(result: ProbeResult): ProbeView {
  return {
    verdict: result.verdict,
    method: result.method,
    url: result.url,
    summary: result.summary,
    dialect: result.dialectLabel ?? undefined,
    requiresPrecondition: result.requiresPrecondition,
    writes: [
      ...result.dependencies.map((d) => ({
        label: `read first: ${d.name ?? d.method} (line ${d.line})`,
        status: d.status,
        outcome: d.problem ? 'failed' : 'sent',
        detail: d.problem,
      })),
      ...result.writes.map((w) => ({
        label: w.kind === 'concurrent' ? `write ${w.index}` : `write ${w.index} (without precondition)`,
        status: w.status,
        statusText: w.statusText,
        outcome: w.outcome,
        detail: w.detail,
      })),
    ],
  };
}

export async function runProbeCommand(
  args: TargetArgs,
  deps: { documents: HttpDocuments; environments: Environments; runner: RequestRunner; panel: ResponsePanel },
): Promise<void> {
  const target = await resolveTarget(deps.documents, args);
  const refusal = probeTargetRefusal(target?.request);
  if (!target || refusal) {
    void vscode.window.showInformationMessage(
      refusal ?? 'Put the cursor on a write to test whether the API prevents lost updates.',
    );
    return;
  }
  const { sources } = await deps.environments.sources(target.document);
  const resolver = createFileResolver(target.file, {
    ...sources,
    requests: deps.runner.session(target.document.uri).records,
  });
  const url = resolver.resolveText(target.request.url).text;
  const go = `Send ${writers} Writes`;
  const answer = await vscode.window.showWarningMessage(
    `Test lost-update protection of ${target.request.method} ${url}?`,
    {
      modal: true,
      detail: `This sends the reads the write depends on, then ${writers} copies of this write at once, all based on the same version — and, if the write carries a precondition, one more copy without it. These writes change data on the server.`,
    },
    go,
  );
  if (answer !== go) return;
  const options = await deps.runner.sendOptions(target.document.uri);
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const files =
    vscode.workspace.isTrusted && target.document.uri.scheme === 'file'
      ? createFileAccess({
          httpFile: target.document.uri.fsPath,
          roots,
          allowOutside: readConfig(target.document.uri).allowIncludesOutsideWorkspace,
        })
      : noFileAccess;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Testing lost-update protection', cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const stages = {
        dependencies: 'sending the reads it depends on…',
        concurrent: `sending ${writers} concurrent writes…`,
        'without-precondition': 'sending one copy without the precondition…',
      };
      return probeLostUpdates({
        file: target.file,
        write: target.request,
        writers,
        sources,
        files,
        send: (request, signal) =>
          deps.runner.sendOnBehalf(
            request,
            { ...options, signal: signal ?? controller.signal },
            { by: 'probe', uri: target.document.uri, label: requestLabel(target.request), secrets: [] },
          ),
        createResolver: createFileResolver,
        classify: { versionFields: readConfig(target.document.uri).versionFields },
        signal: controller.signal,
        onStage: (stage) => progress.report({ message: stages[stage] }),
      });
    },
  );
  deps.panel.show({ view: 'probe', probe: probeView(result) });
}
