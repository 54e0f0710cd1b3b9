// The panel's tab title: the status at a glance, and "Resolve" when a conflict waits.
import type { PanelState } from '../../protocol';

export function panelTitle(state: PanelState): string {
  const response = state.response;
  const status = response ? `${response.status} ${response.statusText}`.trim() : '';
  if (state.view === 'response' && state.conflict && response) {
    return state.conflict.kind === 'not-a-version-conflict' ? `Response — ${status}` : `${status} — Resolve`;
  }
  switch (state.view) {
    case 'response': return response ? `Response — ${status}` : 'Response';
    case 'sending': return 'Response — Sending…';
    case 'failure': return 'Response — Failed';
    case 'empty': return 'Response';
    default: return assertNever(state.view);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled panel view: ${JSON.stringify(value)}`);
}
