import type { HostToPanel, PanelToHost } from '../../src/protocol';

declare function acquireVsCodeApi(): { postMessage(message: PanelToHost): void };

const vscode = acquireVsCodeApi();
window.addEventListener('message', (event: MessageEvent<HostToPanel>) => {
  const root = document.getElementById('root');
  if (root && event.data.type === 'state') root.textContent = 'No response yet — send a request from a .http file.';
});
vscode.postMessage({ type: 'ready' });
