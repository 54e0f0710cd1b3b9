// What the panel benchmark installs inside the browser: one probe in the workbench page (frame
// gaps, long tasks, every change of the lines being typed into) and one in the panel's webview
// (when the response message arrives, when the new status line and body are in the DOM, when
// that is painted, and the same frame-gap and long-task figures). Playwright serializes these
// functions into the page, so each one is self-contained; the bench's tsconfig has no DOM
// library, hence the small structural types below.

interface ProbeElement {
  textContent: string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): ProbeElement | null;
  querySelectorAll(selector: string): ArrayLike<ProbeElement>;
}

interface BrowserGlobal {
  document: ProbeElement & { body: ProbeElement; getElementById(id: string): ProbeElement | null };
  performance: { timeOrigin: number; now(): number };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  addEventListener(
    type: string,
    listener: (event: { data: unknown; timeStamp: number }) => void,
    capture: boolean,
  ): void;
  MutationObserver: new (callback: () => void) => { observe(target: ProbeElement, options: object): void };
  PerformanceObserver: new (
    callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void,
  ) => { observe(options: object): void; disconnect(): void };
  [key: string]: unknown;
}

/** Stall figures of one frame over one armed window. */
export interface StallFigures {
  /** Longest time between two animation frames: how long the screen stood still. */
  readonly maxFrameGapMs: number;
  /** Longest task the Long Tasks API reported (tasks over 50 ms), 0 when none. */
  readonly longestTaskMs: number;
  readonly frames: number;
}

export interface PanelSteps {
  /** Epoch ms (this frame's clock) of each step: the response message dispatched to the webview,
   * the new status line and body in its DOM, painted. Undefined when it did not happen. */
  readonly arrivedAt?: number;
  readonly renderedAt?: number;
  readonly shownAt?: number;
  /** The text of the new status line's code, e.g. "200". */
  readonly statusCode?: string;
  readonly bodyChars?: number;
  readonly progressText?: string;
}

export interface LineChange {
  readonly at: number;
  readonly text: string;
}

/** Epoch milliseconds on the clock of the frame it runs in. */
export function frameClock(): number {
  const g = globalThis as unknown as BrowserGlobal;
  return g.performance.timeOrigin + g.performance.now();
}

/** Installs (once per document) the frame-gap and long-task recorder both probes share. */
export function installStallProbe(): void {
  const g = globalThis as unknown as BrowserGlobal;
  if (g.__benchStalls) return;
  const stalls = { generation: 0, armed: false, armedAt: 0, maxFrameGapMs: 0, longestTaskMs: 0, frames: 0 };
  g.__benchStalls = stalls;
  try {
    new g.PerformanceObserver((list) => {
      if (!stalls.armed) return;
      // Only the part of a task inside the armed window counts.
      for (const entry of list.getEntries()) {
        const inside = entry.startTime + entry.duration - Math.max(entry.startTime, stalls.armedAt);
        stalls.longestTaskMs = Math.max(stalls.longestTaskMs, inside);
      }
    }).observe({ type: 'longtask' });
  } catch {
    // No Long Tasks API here: the frame gaps still tell.
  }
  g.__benchArmStalls = () => {
    const generation = ++stalls.generation;
    let last = g.performance.now();
    Object.assign(stalls, { armed: true, armedAt: last, maxFrameGapMs: 0, longestTaskMs: 0, frames: 0 });
    const tick = (): void => {
      if (stalls.generation !== generation || !stalls.armed) return;
      const now = g.performance.now();
      stalls.maxFrameGapMs = Math.max(stalls.maxFrameGapMs, now - last);
      stalls.frames++;
      last = now;
      g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
  };
  g.__benchDisarmStalls = () => {
    stalls.armed = false;
    return { maxFrameGapMs: stalls.maxFrameGapMs, longestTaskMs: stalls.longestTaskMs, frames: stalls.frames };
  };
}

/**
 * Resolves once this frame's thread has gone `quietMs` without a long task (the previous
 * run's 10 MB of strings being collected, say), or after `maxMs`; with the milliseconds waited.
 */
export function waitForQuietThread(limits: { quietMs: number; maxMs: number }): Promise<number> {
  const g = globalThis as unknown as BrowserGlobal;
  return new Promise((resolve) => {
    const start = g.performance.now();
    let lastBusy = start;
    let observer: { disconnect(): void } | undefined;
    try {
      const created = new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) lastBusy = Math.max(lastBusy, entry.startTime + entry.duration);
      });
      created.observe({ type: 'longtask' });
      observer = created;
    } catch {
      // No Long Tasks API: the late timers below still see a busy thread.
    }
    let expected = start + 100;
    const check = (): void => {
      const now = g.performance.now();
      // A timer that fires late means the thread was busy meanwhile.
      if (now - expected > 50) lastBusy = now;
      if (now - lastBusy >= limits.quietMs || now - start >= limits.maxMs) {
        observer?.disconnect();
        resolve(now - start);
        return;
      }
      expected = now + 100;
      g.setTimeout(check, 100);
    };
    g.setTimeout(check, 100);
  });
}

/**
 * Workbench page: records each new text of the rendered lines that contain one of `markers`,
 * watching only the text editor that shows them (so the probe adds little work of its own).
 */
export function installWorkbenchProbe(markers: string[]): boolean {
  const g = globalThis as unknown as BrowserGlobal;
  if (g.__benchLines) return true;
  const lineText = (line: ProbeElement): string => (line.textContent ?? '').replace(/\u00a0/g, ' ');
  const editors = Array.from(g.document.querySelectorAll('.monaco-editor .view-lines'));
  const view = editors.find((e) =>
    Array.from(e.querySelectorAll('.view-line')).some((l) => markers.some((m) => lineText(l).includes(m))),
  );
  if (!view) return false;
  const state = {
    armed: false,
    last: {} as Record<string, string>,
    lines: {} as Record<string, Array<{ at: number; text: string }>>,
  };
  g.__benchLines = state;
  const read = (): void => {
    const at = g.performance.timeOrigin + g.performance.now();
    for (const line of Array.from(view.querySelectorAll('.view-line'))) {
      const text = lineText(line);
      for (const marker of markers) {
        if (!text.includes(marker) || state.last[marker] === text) continue;
        state.last[marker] = text;
        if (state.armed) (state.lines[marker] ??= []).push({ at, text });
      }
    }
  };
  new g.MutationObserver(read).observe(view, { childList: true, subtree: true, characterData: true });
  read();
  g.__benchArmLines = () => {
    state.armed = true;
    state.lines = {};
    return { ...state.last };
  };
  g.__benchDisarmLines = () => {
    state.armed = false;
    return state.lines;
  };
  return true;
}

/**
 * Panel webview: marks the status line on screen now as old, then records when the next
 * response message arrives, when a new status line and a body with text are in the DOM, and
 * when that was painted (the first task after the next animation frame).
 */
export function armPanelProbe(): void {
  const g = globalThis as unknown as BrowserGlobal;
  const now = (): number => g.performance.timeOrigin + g.performance.now();
  const doc = g.document;
  type Marks = {
    armed: boolean;
    arrivedAt?: number;
    renderedAt?: number;
    shownAt?: number;
    statusCode?: string;
    bodyChars?: number;
    progressText?: string;
  };
  let marks = g.__benchPanel as Marks | undefined;
  if (!marks) {
    const created: Marks = { armed: false };
    marks = created;
    g.__benchPanel = created;
    // The panel's own listener came first and has rendered by now: the event's own time stamp
    // (taken when it was dispatched to this window) is when the message arrived.
    g.addEventListener(
      'message',
      (event) => {
        const data = event.data as { type?: string; state?: { view?: string } } | null;
        if (
          created.armed &&
          created.arrivedAt === undefined &&
          data?.type === 'state' &&
          data.state?.view === 'response'
        )
          created.arrivedAt = g.performance.timeOrigin + event.timeStamp;
      },
      true,
    );
    new g.MutationObserver(() => {
      if (!created.armed || created.renderedAt !== undefined) return;
      const status = doc.getElementById('status-line');
      if (!status || status.hasAttribute('data-bench-old')) return;
      const body = doc.querySelector('[data-testid="response-body"]');
      const bodyText = body?.textContent ?? '';
      if (!bodyText) return;
      created.renderedAt = now();
      created.statusCode = status.querySelector('[data-testid="status-code"]')?.textContent ?? '';
      created.bodyChars = bodyText.length;
      created.progressText = doc.querySelector('[data-testid="response-body-progress"]')?.textContent ?? '';
      g.requestAnimationFrame(() =>
        g.setTimeout(() => {
          created.shownAt = now();
        }, 0),
      );
    }).observe(doc.body, { childList: true, subtree: true });
  }
  doc.getElementById('status-line')?.setAttribute('data-bench-old', '');
  Object.assign(marks, {
    armed: true,
    arrivedAt: undefined,
    renderedAt: undefined,
    shownAt: undefined,
    statusCode: undefined,
    bodyChars: undefined,
    progressText: undefined,
  });
}

/** The panel's marks so far (the probe stays armed). */
export function readPanelMarks(): PanelSteps {
  const g = globalThis as unknown as BrowserGlobal;
  return { ...(g.__benchPanel as PanelSteps | undefined) };
}
