// Numbers shown in the status line and the conflict summary, in the units people read.

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Confidence arrives as 0–1; anything above 1 is taken as already a percentage. */
export function formatConfidence(confidence: number): string {
  if (!Number.isFinite(confidence)) return 'unknown confidence';
  const percent = Math.round(Math.min(100, Math.max(0, confidence <= 1 ? confidence * 100 : confidence)));
  const word = percent >= 80 ? 'high' : percent >= 50 ? 'medium' : 'low';
  return `${word} confidence (${percent}%)`;
}

export type StatusClass = 'informational' | 'success' | 'redirect' | 'client-error' | 'server-error' | 'unknown';

export function statusClass(status: number): StatusClass {
  if (status >= 100 && status < 200) return 'informational';
  if (status >= 200 && status < 300) return 'success';
  if (status >= 300 && status < 400) return 'redirect';
  if (status >= 400 && status < 500) return 'client-error';
  if (status >= 500 && status < 600) return 'server-error';
  return 'unknown';
}

const timingLabels: Readonly<Record<string, string>> = {
  dns: 'DNS lookup',
  connect: 'TCP connect',
  tls: 'TLS handshake',
  firstByte: 'Waiting for first byte',
  download: 'Download',
};

/** The send engine's timing keys in words; unknown keys are shown as they are. */
export function timingLabel(key: string): string {
  return Object.hasOwn(timingLabels, key) ? timingLabels[key] : key;
}
