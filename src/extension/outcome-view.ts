// How one outcome of a send looks in the response panel: a refusal, a cancel (neutral, never
// an error), a failure, or the response with its tests. The conflict controller adds its
// view on top through `extra`.
import * as vscode from 'vscode';
import { redactUrl } from '../core/redact';
import { suggestBodyFileName } from '../core/run/body-file-name';
import type { PanelState } from '../protocol';
import { failureView, requestView, responseView } from './panel-views';
import type { ResponsePanel } from './panel/response-panel';
import type { Outcome } from './request-runner';
import type { RequestTarget } from './request-target';
import type { LastResponse } from './response-actions';
import { requestHasScripts, testsView } from './testing/script-gate';
import type { ScriptTrust } from './testing/script-trust';

export interface ShownOutcome {
  readonly outcome: Outcome;
  readonly label: string | undefined;
  readonly extra: Partial<PanelState>;
  readonly notices: readonly string[];
}

/** Shows the outcome; answers the body Copy/Save/Open Body act on when a response was shown. */
export function showOutcome(panel: ResponsePanel, trust: ScriptTrust, shown: ShownOutcome): LastResponse | undefined {
  const { outcome, label, extra, notices } = shown;
  if (outcome.kind === 'not-sent') {
    panel.show({ view: 'failure', failure: { code: 'not-sent', message: outcome.problems.join('\n') } });
    return undefined;
  }
  const request = requestView(outcome.prepared, label);
  if (outcome.kind === 'failed') {
    if (outcome.failure.code === 'aborted') {
      // A cancel is what the user asked for: neutral in the panel and the status bar, never an error.
      const reached = outcome.failure.mayHaveReachedServer
        ? ` The ${outcome.prepared.request.method} may already have reached the server.`
        : '';
      panel.show({ view: 'failure', request, failure: { code: 'aborted', message: `Request cancelled.${reached}` } });
      void vscode.window.setStatusBarMessage('$(circle-slash) Request cancelled', 5000);
      return undefined;
    }
    const failure = failureView(outcome.failure, outcome.prepared.secrets);
    panel.show({ view: 'failure', request, failure });
    void vscode.window.showErrorMessage(failure.message);
    return undefined;
  }
  const view = responseView(outcome.response, outcome.prepared.secrets);
  const response = notices.length ? { ...view, notices: [...notices, ...view.notices] } : view;
  const gate = trust.gate();
  const notRun = !gate.run && requestHasScripts(outcome.request) ? gate.reason : undefined;
  const tests = testsView(outcome.tests, outcome.prepared.secrets, notRun);
  panel.show({ view: 'response', request, response, ...(tests ? { tests } : {}), ...extra });
  return {
    body: outcome.response.body,
    contentType: response.contentType,
    label: label ?? `${outcome.request.method} ${outcome.prepared.request.url}`,
    fileName: suggestBodyFileName({
      name: outcome.request.metadata.name,
      url: redactUrl(outcome.response.url, outcome.prepared.secrets),
      contentType: response.contentType,
    }),
  };
}

/** The parse errors inside the target request, as `line N: message`. */
export function errorsIn(target: RequestTarget): string[] {
  const { start, end } = target.request.range;
  return target.file.diagnostics
    .filter((d) => d.severity === 'error' && d.range.start.line >= start.line && d.range.end.line <= end.line)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

/** A request that was not sent: the panel says why (never the previous result), and so does a toast. */
export function showNotSent(panel: ResponsePanel, problems: readonly string[], headline: string): void {
  panel.show({ view: 'failure', failure: { code: 'not-sent', message: `Not sent: ${problems.join(' · ')}` } });
  void vscode.window.showErrorMessage(headline);
}
