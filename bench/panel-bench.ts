// Panel case: in the real editor (code-server + headless Chromium, driven by
// test/e2e/harness.ts) sends GETs for big JSON documents from a .http file and times the
// server's last byte → the panel painting the new status line and body, while it types into
// the .http file and records how long each keystroke took to reach the screen and how long
// the workbench and the panel's webview stood still. Prints one JSON line; started by
// panel-section.mjs through a launcher (see there).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Frame, Page } from 'playwright-core';
import { startEditor } from '../test/e2e/harness';
import type { Editor } from '../test/e2e/harness';
import { numberArg, readArgs, report, stringArg } from './bench-args';
import { median } from './measure';
import { panelDocumentTexts, startJsonServer } from './panel-json-server';
import type { JsonServer } from './panel-json-server';
import {
  armPanelProbe,
  frameClock,
  installStallProbe,
  installWorkbenchProbe,
  readPanelMarks,
  waitForQuietThread,
} from './panel-page-probes';
import type { LineChange, PanelSteps, StallFigures } from './panel-page-probes';
import { armedMark, PanelTrace, traceDir } from './panel-trace';

type Probed = Record<string, unknown>;

/** Before each run: the previous run's work (10 MB of strings being collected, say) must be over. */
const quiet = { quietMs: 1000, maxMs: 8000 };

const keys = 'abcdefghijklmnopqrstuvwxyz';
const keyIntervalMs = 50;
const idleMarker = 'typing probe idle:';
const markerOf = (name: string): string => `typing probe ${name}:`;
const epoch = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const firstLine = (err: unknown): string => String(err instanceof Error ? err.message : err).split('\n')[0];

interface HttpLayout {
  /** 1-based line of each probe comment (the idle one too). */
  readonly probeLine: Record<string, number>;
}

/** One request per document, each followed by the comment line typing goes into. */
function writeHttpFile(path: string, port: number, names: readonly string[]): HttpLayout {
  const lines = [
    '# Panel benchmark: typing goes into the probe comments while a response renders.',
    `# ${idleMarker}`,
    '',
  ];
  const probeLine: Record<string, number> = { idle: 2 };
  for (const name of names) {
    lines.push(`### ${name}`, `GET http://127.0.0.1:${port}/${name}`, `# ${markerOf(name)}`, '');
    probeLine[name] = lines.length - 1;
  }
  writeFileSync(path, lines.join('\n'));
  return { probeLine };
}

/** page clock − Node clock, from the sample with the shortest round trip. */
async function clockOffset(frame: Frame): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const before = epoch();
    const there = await frame.evaluate(frameClock);
    const after = epoch();
    if (after - before < best.rtt) best = { rtt: after - before, offset: there - (before + after) / 2 };
  }
  return best.offset;
}

interface Keystroke {
  readonly key: string;
  /** Node epoch ms just before Playwright sent the key. */
  readonly sentAt: number;
}

interface KeystrokeFigures {
  readonly typed: number;
  readonly shown: number;
  readonly worstMs?: number;
  readonly medianMs?: number;
}

/** Each key's send → the first rendering of its line that holds it (page times moved onto Node's clock). */
function keystrokeFigures(
  base: string,
  strokes: readonly Keystroke[],
  changes: readonly LineChange[],
  offset: number,
): KeystrokeFigures {
  const delays: number[] = [];
  let typed = base;
  for (const stroke of strokes) {
    typed += stroke.key;
    const shown = changes.find((c) => c.text.startsWith(typed));
    if (shown) delays.push(shown.at - offset - stroke.sentAt);
  }
  return {
    typed: strokes.length,
    shown: delays.length,
    worstMs: delays.length ? Math.max(...delays) : undefined,
    medianMs: delays.length ? median(delays) : undefined,
  };
}

class Typist {
  /** Everything typed on each probe line, to read back at the end. */
  readonly typedOn: Record<string, string> = {};
  private count = 0;

  constructor(private readonly page: Page) {}

  /** Types one key every `keyIntervalMs` until `stop()` says so (after it turned true, `tail` more). */
  async typeWhile(line: string, stop: () => boolean, tail: number, maxKeys: number): Promise<Keystroke[]> {
    const strokes: Keystroke[] = [];
    let after = 0;
    while (strokes.length < maxKeys && after < tail) {
      if (stop()) after++;
      const key = keys[this.count++ % keys.length];
      const sentAt = epoch();
      await this.page.keyboard.type(key);
      strokes.push({ key, sentAt });
      this.typedOn[line] = (this.typedOn[line] ?? '') + key;
      await sleep(keyIntervalMs);
    }
    return strokes;
  }
}

const workbench = {
  arm: (page: Page) =>
    page.evaluate(() => {
      const g = globalThis as unknown as Probed & {
        __benchArmStalls(): void;
        __benchArmLines(): Record<string, string>;
      };
      g.__benchArmStalls();
      return g.__benchArmLines();
    }),
  disarm: (page: Page) =>
    page.evaluate(() => {
      const g = globalThis as unknown as Probed & {
        __benchDisarmStalls(): StallFigures;
        __benchDisarmLines(): Record<string, LineChange[]>;
      };
      return { stalls: g.__benchDisarmStalls(), lines: g.__benchDisarmLines() };
    }),
};

async function moveToProbe(editor: Editor, line: number): Promise<void> {
  await editor.gotoLine(line);
  await editor.page.keyboard.press('End');
}

/** Typing with nothing in flight: the reference the figures during a render compare to. */
async function typeIdle(editor: Editor, typist: Typist, layout: HttpLayout, keyCount: number) {
  await moveToProbe(editor, layout.probeLine.idle);
  const settledAfterMs = await editor.page.evaluate(waitForQuietThread, quiet);
  const offset = await clockOffset(editor.page.mainFrame());
  const base = (await workbench.arm(editor.page))[idleMarker] ?? '';
  const strokes = await typist.typeWhile('idle', () => true, keyCount, keyCount);
  await sleep(400);
  const { stalls, lines } = await workbench.disarm(editor.page);
  return { settledAfterMs, workbench: stalls, keys: keystrokeFigures(base, strokes, lines[idleMarker] ?? [], offset) };
}

/** Polls `done` every 50 ms for up to `timeoutMs`; whether it came true. */
async function within(timeoutMs: number, done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Sends the request under the cursor with its keybinding, as a user at the keyboard does; if
 * the request does not reach the server (the keybinding was not live yet, say), through the
 * Command Palette instead. Resolves once the server has the request.
 */
async function sendRequestAtCursor(
  editor: Editor,
  server: JsonServer,
  name: string,
): Promise<{ sentAt: number; via: 'keybinding' | 'palette' }> {
  const before = server.requestCount(name);
  const sentAt = epoch();
  await editor.page.keyboard.press('Control+Alt+R');
  if (await within(3000, () => server.requestCount(name) > before)) return { sentAt, via: 'keybinding' };
  process.stderr.write(`[panel] Ctrl+Alt+R sent no request for ${name}; using the Command Palette\n`);
  const retriedAt = epoch();
  await editor.runCommand('HTTP: Send Request');
  if (await within(10_000, () => server.requestCount(name) > before)) return { sentAt: retriedAt, via: 'palette' };
  throw new Error(`neither Ctrl+Alt+R nor "HTTP: Send Request" sent the ${name} request`);
}

/** The response after `sentAt` for `name`, or undefined. */
function finishAfter(server: JsonServer, name: string, sentAt: number): number | undefined {
  return server.finishedAt(name).find((t) => t > sentAt);
}

/** The first send opens the panel: no probe can be in its webview yet, so this one is polled. */
async function firstSend(editor: Editor, server: JsonServer, layout: HttpLayout, name: string, timeoutMs: number) {
  await moveToProbe(editor, layout.probeLine[name]);
  const { sentAt, via } = await sendRequestAtCursor(editor, server, name);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of editor.page.frames().filter((f) => /webview/i.test(f.url()))) {
      const shown = await frame
        .evaluate(() => {
          const g = globalThis as unknown as {
            document: { querySelector(s: string): { textContent: string | null } | null };
          };
          return (
            g.document.querySelector('#status-line [data-testid="status-code"]')?.textContent === '200' &&
            !!g.document.querySelector('[data-testid="response-body"]')?.textContent
          );
        })
        .catch(() => false);
      if (shown) {
        const seenAt = epoch();
        const finished = finishAfter(server, name, sentAt);
        return { via, polledMs: finished === undefined ? undefined : seenAt - finished };
      }
    }
    await sleep(50);
  }
  return { via, failure: `the panel did not show the ${name} response within ${timeoutMs / 1000} s` };
}

/** One timed send with the panel already open, typing into the request's probe line meanwhile. */
async function timedSend(
  editor: Editor,
  typist: Typist,
  server: JsonServer,
  layout: HttpLayout,
  name: string,
  timeoutMs: number,
) {
  await moveToProbe(editor, layout.probeLine[name]);
  const page = editor.page;
  // Starting the profiler is a long task of its own: it is over before the quiet wait ends.
  const trace = traceDir() ? await PanelTrace.start(page) : undefined;
  const settledAfterMs = await page.evaluate(waitForQuietThread, quiet);
  const panel = await editor.panelFrame();
  await panel.evaluate(installStallProbe);
  const [panelOffset, pageOffset] = [await clockOffset(panel), await clockOffset(page.mainFrame())];
  await panel.evaluate(armPanelProbe);
  await panel.evaluate(() => (globalThis as unknown as { __benchArmStalls(): void }).__benchArmStalls());
  const base = (await workbench.arm(page))[markerOf(name)] ?? '';
  // Marks the start of the window in the trace (blink.user_timing): earlier tasks are not counted.
  if (trace) await page.evaluate(`void performance.mark(${JSON.stringify(armedMark)})`);

  const { sentAt, via } = await sendRequestAtCursor(editor, server, name);
  let marks: PanelSteps = {};
  const deadline = Date.now() + timeoutMs;
  // Polled from Node, but every time in `marks` was taken inside the webview as it happened.
  const watcher = (async () => {
    while (marks.shownAt === undefined && Date.now() < deadline) {
      marks = await panel.evaluate(readPanelMarks).catch(() => marks);
      await sleep(100);
    }
  })();
  const strokes = await typist.typeWhile(name, () => marks.shownAt !== undefined || Date.now() > deadline, 4, 400);
  await watcher;
  await sleep(400);
  marks = await panel.evaluate(readPanelMarks).catch(() => marks);
  const panelStalls = await panel
    .evaluate(() => (globalThis as unknown as { __benchDisarmStalls(): StallFigures }).__benchDisarmStalls())
    .catch(() => undefined);
  const { stalls, lines } = await workbench.disarm(page);
  const traced = await trace?.stop(name);

  const finished = finishAfter(server, name, sentAt);
  const since = (at: number | undefined) =>
    at === undefined || finished === undefined ? undefined : at - panelOffset - finished;
  const result = {
    via,
    settledAfterMs,
    sendToFinishMs: finished === undefined ? undefined : finished - sentAt,
    toArriveMs: since(marks.arrivedAt),
    toRenderedMs: since(marks.renderedAt),
    toShownMs: since(marks.shownAt),
    statusCode: marks.statusCode,
    bodyChars: marks.bodyChars,
    progressText: marks.progressText,
    workbench: stalls,
    panel: panelStalls,
    keys: keystrokeFigures(base, strokes, lines[markerOf(name)] ?? [], pageOffset),
    ...(traced ? { trace: traced } : {}),
  };
  if (finished === undefined) return { ...result, failure: 'the server never finished the response' };
  if (marks.shownAt === undefined)
    return { ...result, failure: `the panel did not show the response within ${timeoutMs / 1000} s` };
  if (marks.statusCode !== '200')
    return { ...result, failure: `the panel showed status "${marks.statusCode}" instead of 200` };
  return result;
}

/** A run whose panel or editor did not do its part is a figure missing, not a crashed benchmark. */
async function timedSendOrFailure(
  editor: Editor,
  typist: Typist,
  server: JsonServer,
  layout: HttpLayout,
  name: string,
  timeoutMs: number,
  run: number,
) {
  process.stderr.write(`[panel] run ${run + 1}: ${name}\n`);
  try {
    return await timedSend(editor, typist, server, layout, name, timeoutMs);
  } catch (err) {
    const shot = await editor.screenshot(`bench-panel-run-${run + 1}-${name}`).catch(() => 'no screenshot');
    return { failure: `${firstLine(err)} (screen: ${shot})` };
  }
}

/** Reads the probe lines back from the screen: every key typed must be there, in order. */
async function typedLanded(editor: Editor, typist: Typist) {
  const text = await editor.editorText();
  const lines = text.split('\n');
  const missing: string[] = [];
  for (const [line, typed] of Object.entries(typist.typedOn)) {
    const marker = line === 'idle' ? idleMarker : markerOf(line);
    const expected = `# ${marker}${typed}`;
    if (!lines.includes(expected))
      missing.push(
        `${line}: expected "${expected}", the editor shows "${lines.find((l) => l.includes(marker)) ?? '(no such line)'}"`,
      );
  }
  return {
    typed: Object.values(typist.typedOn).reduce((n, t) => n + t.length, 0),
    landed: missing.length === 0,
    missing,
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const names = stringArg(args, 'documents').split(',');
  const runs = numberArg(args, 'runs');
  const runTimeoutMs = numberArg(args, 'run-timeout-ms');
  const documents = new Map(names.map((name) => [name, Buffer.from(panelDocumentTexts[name]())]));
  const server = await startJsonServer(documents);
  const workspace = mkdtempSync(join(tmpdir(), 'http-conflicts-bench-panel-'));
  let editor: Editor | undefined;
  try {
    const layout = writeHttpFile(join(workspace, 'bench.http'), server.port, names);
    const startedAt = performance.now();
    try {
      editor = await startEditor({ workspace, vsix: stringArg(args, 'vsix') });
      await editor.openFile('bench.http');
    } catch (err) {
      report({ cannot: `the editor did not start: ${firstLine(err)}` });
      return;
    }
    const editorStartMs = performance.now() - startedAt;
    const markers = [idleMarker, ...names.map(markerOf)];
    if (!(await editor.page.evaluate(installWorkbenchProbe, markers)))
      throw new Error('no text editor shows the probe lines of bench.http');
    await editor.page.evaluate(installStallProbe);
    const typist = new Typist(editor.page);

    // The CodeLenses say the extension is active and has parsed the file.
    await editor.page
      .locator('.codelens-decoration a', { hasText: 'Send Request' })
      .first()
      .waitFor({ timeout: 60_000 });
    const first = await firstSend(editor, server, layout, names[0], runTimeoutMs).catch((err: unknown) => ({
      failure: firstLine(err),
    }));
    // The same editor with nothing in flight: before any big response, and after all of them.
    const idleKeys = numberArg(args, 'idle-keys');
    const idleBefore = await typeIdle(editor, typist, layout, idleKeys);
    const timed: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let run = 0; run < runs; run++) {
      for (const name of names)
        timed[name].push(await timedSendOrFailure(editor, typist, server, layout, name, runTimeoutMs, run));
    }
    const idleAfter = await typeIdle(editor, typist, layout, idleKeys);
    const landed = await typedLanded(editor, typist);
    report({
      editorStartMs,
      bytes: Object.fromEntries([...documents].map(([n, b]) => [n, b.length])),
      idleBefore,
      idleAfter,
      first,
      timed,
      landed,
    });
  } finally {
    await editor?.stop();
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

// Everything it started is stopped in `main`; exiting here only guards the bench's time budget
// against a handle the editor's libraries leave open.
main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
  },
);
