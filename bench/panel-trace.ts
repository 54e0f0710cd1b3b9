// Optional for the panel case (BENCH_PANEL_TRACE=<dir>): records a Chrome trace over each timed
// send through CDP and says what every task over 50 ms on a renderer's main thread was made of —
// script (by script: our panel bundle or the workbench's), style, layout, paint, GC, parsing —
// and which functions the sampling profiler saw most in those tasks. Tracing costs time itself,
// so the figures of a traced run are not the bench's figures; the attribution is what counts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

const categories = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly id?: string;
  readonly args?: { name?: string; data?: Record<string, unknown> };
}

export interface LongTask {
  /** ms after the first event of the trace. */
  readonly startMs: number;
  readonly durationMs: number;
  /**
   * The thread's CPU time in the task. Far below `durationMs`, the thread stood waiting for a
   * core (2 shared cores: the extension host, code-server and other work ran instead).
   */
  readonly cpuMs?: number;
  /** Self time (ms) by kind, e.g. "script panel.js", "style", "layout", "gc". */
  readonly parts: Record<string, number>;
  /** Self samples (ms) by function, most first. */
  readonly functions: Array<[string, number]>;
}

export interface TraceSummary {
  readonly longTasks: LongTask[];
}

/** A performance mark in the workbench page where the measured window starts. */
export const armedMark = 'panel-bench-armed';

export const traceDir = (): string | undefined => process.env.BENCH_PANEL_TRACE || undefined;

export class PanelTrace {
  private readonly events: TraceEvent[] = [];
  private done?: Promise<void>;

  private constructor(private readonly session: CDPSession) {}

  static async start(page: Page): Promise<PanelTrace> {
    const session = await page.context().newCDPSession(page);
    const trace = new PanelTrace(session);
    session.on('Tracing.dataCollected', (payload) => trace.events.push(...(payload.value as unknown as TraceEvent[])));
    trace.done = new Promise((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
    await session.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    return trace;
  }

  async stop(name: string): Promise<TraceSummary> {
    await this.session.send('Tracing.end');
    await this.done;
    await this.session.detach().catch(() => undefined);
    const summary = summarize(this.events);
    const dir = traceDir();
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${Date.now()}.json`), JSON.stringify({ traceEvents: this.events }));
    }
    return summary;
  }
}

function kindOf(name: string): string | undefined {
  if (/GC|garbage/i.test(name)) return 'gc';
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles' || name === 'ScheduleStyleRecalculation')
    return 'style';
  if (name === 'Layout' || name === 'UpdateLayout') return 'layout';
  if (
    /^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage|RasterTask|IntersectionObserverController)/.test(
      name,
    )
  )
    return 'paint';
  if (name === 'ParseHTML' || name === 'ParseAuthorStyleSheet') return 'parse';
  if (
    /^(v8\.|V8\.|FunctionCall|EvaluateScript|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|FireIdleCallback|XHR)/.test(
      name,
    )
  )
    return 'script';
  return undefined;
}

/** Which document a style, layout or paint event worked on: the workbench or a webview's frame. */
function frameOf(event: TraceEvent): string | undefined {
  const args = event.args as { data?: { frame?: string }; beginData?: { frame?: string } } | undefined;
  return args?.beginData?.frame ?? args?.data?.frame;
}

function frameNames(events: readonly TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  const name = (url: string): string =>
    /vscode-cdn|vscode-resource|webview/.test(url) ? `webview ${basename(url)}` : `workbench ${basename(url)}`;
  for (const e of events) {
    const data = e.args?.data as
      { frames?: Array<{ frame: string; url: string }>; frame?: string; url?: string } | undefined;
    for (const f of data?.frames ?? []) if (f.url) names.set(f.frame, name(f.url));
    if ((e.name === 'FrameCommittedInBrowser' || e.name === 'CommitLoad') && data?.frame && data.url)
      names.set(data.frame, name(data.url));
  }
  return names;
}

const basename = (url: string): string => url.split(/[?#]/)[0].split('/').pop() || url || '?';

function scriptOf(event: TraceEvent): string | undefined {
  const data = event.args?.data;
  const url = (data?.url ?? data?.scriptName ?? (data?.stackTrace as Array<{ url: string }> | undefined)?.[0]?.url) as
    string | undefined;
  return typeof url === 'string' && url ? basename(url) : undefined;
}

interface Sample {
  readonly ts: number;
  readonly fn: string;
}

/** The CPU profiler's samples of every thread, each with its leaf function. */
function samplesByThread(events: readonly TraceEvent[]): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>();
  const profiles = new Map<
    string,
    { key: string; time: number; nodes: Map<number, string>; parents: Map<number, number> }
  >();
  for (const e of events) {
    if (e.name === 'Profile') {
      const start = (e.args?.data?.startTime as number | undefined) ?? e.ts;
      profiles.set(`${e.pid}:${e.id}`, {
        key: `${e.pid}:${e.tid}`,
        time: start,
        nodes: new Map(),
        parents: new Map(),
      });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    if (!profile) continue;
    const data = e.args?.data as
      | {
          cpuProfile?: {
            nodes?: Array<{ id: number; parent?: number; callFrame: { functionName: string; url?: string } }>;
            samples?: number[];
          };
          timeDeltas?: number[];
        }
      | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      if (node.parent !== undefined) profile.parents.set(node.id, node.parent);
      profile.nodes.set(
        node.id,
        `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url ? basename(node.callFrame.url) : ''}`.trim(),
      );
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    const list = out.get(profile.key) ?? [];
    for (let i = 0; i < samples.length; i++) {
      profile.time += deltas[i] ?? 0;
      list.push({ ts: profile.time, fn: stackOf(profile, samples[i]) });
    }
    out.set(profile.key, list);
  }
  return out;
}

/** The leaf and up to two named callers: "leaf < caller < caller". */
function stackOf(
  profile: { nodes: ReadonlyMap<number, string>; parents: ReadonlyMap<number, number> },
  leaf: number,
): string {
  const names: string[] = [];
  for (let id: number | undefined = leaf, hops = 0; id !== undefined && names.length < 3 && hops < 60; hops++) {
    const name = profile.nodes.get(id) ?? `node ${id}`;
    if (names.length === 0 || !/^\(anonymous\)|^\(root\)/.test(name)) names.push(name);
    id = profile.parents.get(id);
  }
  return names.join(' < ');
}

export function summarize(events: readonly TraceEvent[]): TraceSummary {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const armed = events.find((e) => e.name === armedMark)?.ts;
  const origin = armed ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key) || e.ph !== 'X' || e.dur === undefined) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const samples = samplesByThread(events);
  const frames = frameNames(events);
  const longTasks: LongTask[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks = list.filter(
      (e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > 50_000,
    );
    let coveredUntil = -Infinity;
    for (const task of tasks) {
      // A RunTask inside a ThreadControllerImpl::RunTask is the same task.
      if (task.ts < coveredUntil || task.ts + (task.dur ?? 0) < origin) continue;
      coveredUntil = task.ts + (task.dur ?? 0);
      const end = task.ts + (task.dur ?? 0);
      const inside = list.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
      longTasks.push({
        startMs: round((task.ts - origin) / 1000),
        durationMs: round((task.dur ?? 0) / 1000),
        cpuMs: task.tdur === undefined ? undefined : round(task.tdur / 1000),
        parts: selfTimes(task, inside, frames),
        functions: topFunctions(samples.get(key) ?? [], task.ts, end),
      });
    }
  }
  longTasks.sort((a, b) => a.startMs - b.startMs);
  return { longTasks };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Self time of each kind inside one task: an event's time minus its children's, nested by time. */
function selfTimes(
  task: TraceEvent,
  inside: readonly TraceEvent[],
  frames: ReadonlyMap<string, string>,
): Record<string, number> {
  const parts: Record<string, number> = {};
  const add = (kind: string, us: number): void => {
    parts[kind] = (parts[kind] ?? 0) + us;
  };
  interface Open {
    readonly end: number;
    readonly label: string;
    child: number;
    readonly dur: number;
  }
  const stack: Open[] = [{ end: task.ts + (task.dur ?? 0), label: 'other (task)', child: 0, dur: task.dur ?? 0 }];
  const close = (until: number): void => {
    while (stack.length > 1 && stack[stack.length - 1].end <= until) {
      const open = stack.pop() as Open;
      add(open.label, open.dur - open.child);
    }
  };
  for (const e of inside) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    const kind = kindOf(e.name);
    let label = parent.label;
    if (kind === 'script') {
      const script = scriptOf(e);
      label = script ? `script ${script}` : parent.label.startsWith('script') ? parent.label : 'script ?';
    } else if (kind === 'style' || kind === 'layout' || kind === 'paint') {
      const frame = frameOf(e);
      label = `${kind}${frame ? ` (${frames.get(frame) ?? 'frame ?'})` : ''}`;
    } else if (kind) label = kind;
    else if (parent.label === 'other (task)') label = `other: ${e.name}`;
    parent.child += e.dur ?? 0;
    stack.push({ end: e.ts + (e.dur ?? 0), label, child: 0, dur: e.dur ?? 0 });
  }
  close(Infinity);
  const root = stack[0];
  add(root.label, root.dur - root.child);
  return Object.fromEntries(
    Object.entries(parts)
      .map(([k, us]) => [k, round(us / 1000)] as const)
      .filter(([, ms]) => ms >= 0.5)
      .sort((a, b) => b[1] - a[1]),
  );
}

function topFunctions(samples: readonly Sample[], from: number, to: number): Array<[string, number]> {
  const counts = new Map<string, number>();
  let last = from;
  for (const s of samples) {
    if (s.ts < from || s.ts > to) continue;
    counts.set(s.fn, (counts.get(s.fn) ?? 0) + (s.ts - last));
    last = s.ts;
  }
  return [...counts]
    .map(([fn, us]) => [fn, round(us / 1000)] as [string, number])
    .filter(([, ms]) => ms >= 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
}
