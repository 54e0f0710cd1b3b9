// How the user arranged the panel — the only thing kept in webview state. Webview state is
// persisted across restarts, so response bodies, headers and tokens never go in here; the
// host sends the data again after `ready`.

export type ResponseTab = 'body' | 'headers' | 'request' | 'timings';

export const responseTabs: readonly ResponseTab[] = ['body', 'headers', 'request', 'timings'];

export interface Arrangement {
  readonly tab: ResponseTab;
  /** Ids of the sections the user folded. */
  readonly collapsed: readonly string[];
  readonly scrollY: number;
}

export const defaultArrangement: Arrangement = { tab: 'body', collapsed: [], scrollY: 0 };

/** Reads back what `setState` stored, tolerating anything (older versions, hand edits). */
export function readArrangement(saved: unknown): Arrangement {
  if (typeof saved !== 'object' || saved === null) return defaultArrangement;
  const value = saved as Record<string, unknown>;
  const tab = responseTabs.includes(value.tab as ResponseTab) ? (value.tab as ResponseTab) : defaultArrangement.tab;
  const collapsed = Array.isArray(value.collapsed)
    ? value.collapsed.filter((id): id is string => typeof id === 'string' && id.length < 100).slice(0, 50)
    : [];
  const scrollY =
    typeof value.scrollY === 'number' && Number.isFinite(value.scrollY) && value.scrollY >= 0 ? value.scrollY : 0;
  return { tab, collapsed, scrollY };
}

export function withCollapsed(arrangement: Arrangement, sectionId: string, collapsed: boolean): Arrangement {
  const others = arrangement.collapsed.filter((id) => id !== sectionId);
  return { ...arrangement, collapsed: collapsed ? [...others, sectionId] : others };
}
