// The panel's tab title: the status at a glance, "Resolve" when a conflict waits, and the
// verdict of a lost-update probe.
import type { PanelState, ProbeView } from '../../protocol';

export function panelTitle(state: PanelState): string {
  const response = state.response;
  const status = response ? `${response.status} ${response.statusText}`.trim() : '';
  if (state.view === 'response' && state.conflict && response) {
    return state.conflict.kind === 'not-a-version-conflict' ? `Response — ${status}` : `${status} — Resolve`;
  }
  switch (state.view) {
    case 'response':
      return response ? `Response — ${status}` : 'Response';
    case 'sending':
      return 'Response — Sending…';
    case 'failure':
      return 'Response — Failed';
    case 'empty':
      return 'Response';
    case 'probe':
      return state.probe ? `Lost-update probe — ${verdictTitle(state.probe.verdict)}` : 'Lost-update probe';
    default:
      return assertNever(state.view);
  }
}

/** The same words as the panel's verdict banner (media/panel/probe-wording.ts). */
function verdictTitle(verdict: ProbeView['verdict']): string {
  switch (verdict) {
    case 'protected':
      return 'Protected';
    case 'lost-updates':
      return 'Lost updates';
    case 'inconclusive':
      return 'Inconclusive';
    default:
      return assertNever(verdict);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled panel view: ${JSON.stringify(value)}`);
}
