// Number formatting and the arithmetic every section shares (medians, ratios, growth).
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Adds one process's outcome to a case's pooled figures: the timed runs of every process in one
 * list, the other fields from the first. `runs` counts them all.
 */
export function pool(pooled, value) {
  const all = [...(pooled?.times ?? []), ...value.times];
  return { ...(pooled ?? value), times: all, median: median(all), runs: all.length };
}

export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value)} ms`;
}

export function times(value) {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
}

export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Time factor for 10× the input, from two sizes: (t2/t1)^(1 / log10(n2/n1)).
 * 10 means linear; 100 means quadratic.
 */
export function growthPer10x(n1, t1, n2, t2) {
  return (t2 / t1) ** (1 / Math.log10(n2 / n1));
}

/** What a case that produced no figure shows in its cell. */
export function failureText(outcome) {
  return outcome.status === 'ok' ? '' : `cannot: ${outcome.detail.split('\n')[0]}`;
}

/** "ours 3.1× faster" or, when the peer wins, "httpYac 1.2× faster". */
export function faster(oursMs, peerMs, peerName) {
  if (!oursMs || !peerMs) return '';
  return peerMs >= oursMs ? `ours ${times(peerMs / oursMs)} faster` : `${peerName} ${times(oursMs / peerMs)} faster`;
}
