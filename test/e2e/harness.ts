// A user's-eye vocabulary for scenario tests: start code-server with the packaged VSIX,
// then open files, move the cursor, run commands, click CodeLenses and panel buttons, and
// read what is on screen — all through the real workbench in headless Chromium.
// Each startEditor() gets fresh user-data, extensions and a copy of the workspace, so a
// scenario may edit files freely; stop() (call it in `after`) ends every process it began.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import type { GroupProcess } from './editor-processes.mjs' with { 'resolution-mode': 'import' };

// The runner (run-e2e.mjs) starts mocha in the repo root.
export const repoRoot = process.env.HTTP_CONFLICTS_REPO_ROOT || process.cwd();
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
const logDir = join(repoRoot, 'test-results', 'e2e-logs');

export interface StartOptions {
  /** A folder to copy and open as the workspace, e.g. fixtureWorkspace(). */
  workspace: string;
  /** The packaged extension, e.g. vsixUnderTest(). */
  vsix: string;
  /** Extra user settings, on top of the quiet defaults below. */
  settings?: Record<string, unknown>;
}

export function fixtureWorkspace(name = 'workspace'): string {
  return join(repoRoot, 'test', 'fixtures', name);
}

/** The VSIX that run-e2e.mjs packaged for this run. */
export function vsixUnderTest(): string {
  const vsix = process.env.HTTP_CONFLICTS_VSIX;
  if (!vsix) throw new Error('HTTP_CONFLICTS_VSIX is not set: run the scenarios with `npm run test:e2e`');
  return vsix;
}

// No welcome page, tips, chat or update checks competing for the screen.
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
};

const STEP_TIMEOUT_MS = 15_000;

/** Each scenario file is bundled with its own copy of this module, so count the logs on disk. */
function nextRunNumber(): number {
  mkdirSync(logDir, { recursive: true });
  return readdirSync(logDir).filter((name) => name.endsWith('-code-server.log')).length + 1;
}

export async function startEditor(options: StartOptions): Promise<Editor> {
  // Dynamic imports: these are plain ES modules shared with the .mjs runners.
  const { ensureEditor } = await import('./setup-editor.mjs');
  const processes = await import('./editor-processes.mjs');
  const paths = ensureEditor();
  const scratch = mkdtempSync(join(tmpdir(), 'http-conflicts-e2e-'));
  const run = `${nextRunNumber()}-${basename(options.workspace)}`;
  const editor = new Editor(scratch, processes.stopProcessGroup, run);
  try {
    const dataDir = join(scratch, 'data');
    const extensionsDir = join(scratch, 'extensions');
    const workspace = join(scratch, basename(options.workspace));
    cpSync(options.workspace, workspace, { recursive: true });
    mkdirSync(join(dataDir, 'User'), { recursive: true });
    writeFileSync(
      join(dataDir, 'User', 'settings.json'),
      JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
    );
    // Its own config file, so code-server never writes one into the home folder.
    writeFileSync(join(scratch, 'config.yaml'), 'auth: none\n');
    const common = [
      '--config',
      join(scratch, 'config.yaml'),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      dataDir,
    ];

    const install = await processes.runToEnd(
      paths.node,
      [paths.codeServer, ...common, '--install-extension', options.vsix],
      { scratchDir: scratch },
    );
    if (install.code !== 0) throw new Error(`installing ${options.vsix} failed:\n${install.output}`);
    const listed = await processes.runToEnd(
      paths.node,
      [paths.codeServer, ...common, '--list-extensions', '--show-versions'],
      { scratchDir: scratch },
    );
    editor.installedExtensions = listed.output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[\w-]+\.[\w-]+@/.test(l));

    const port = await processes.freePort();
    editor.server = processes.startProcessGroup(
      paths.node,
      [
        paths.codeServer,
        ...common,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { logFile: join(logDir, `${run}-code-server.log`), scratchDir: scratch },
    );
    await processes.waitForOutput(editor.server, /HTTP server listening on/, 60_000, 'code-server start');

    editor.browser = await chromium.launch({ executablePath: paths.chromium, args: processes.CHROMIUM_ARGS });
    editor.page = await editor.browser.newPage({ viewport: { width: 1400, height: 900 } });
    editor.page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await editor.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await editor.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await editor.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return editor;
  } catch (err) {
    await editor.stop();
    throw err;
  }
}

interface TextElement {
  textContent: string | null;
  querySelector(selector: string): TextElement | null;
}

export class Editor {
  server?: GroupProcess;
  browser?: Browser;
  private currentPage?: Page;
  /** `publisher.name@version` of every extension code-server reported as installed. */
  installedExtensions: string[] = [];

  constructor(
    private readonly scratch: string,
    private readonly stopGroup: (child: GroupProcess | undefined) => Promise<void>,
    private readonly runName: string,
  ) {}

  get page(): Page {
    if (!this.currentPage) throw new Error('the editor page is not open');
    return this.currentPage;
  }

  set page(page: Page) {
    this.currentPage = page;
  }

  /** Opens a file of the workspace by clicking its row in the Explorer (folders first: `a/b.http`). */
  async openFile(name: string): Promise<void> {
    const explorer = this.page.locator('.explorer-folders-view');
    // With the response panel focused, the file would open in the panel's group, on top of it.
    if (
      !(await this.activeEditorLines()
        .isVisible()
        .catch(() => false))
    ) {
      const textGroupTab = this.page
        .locator('.editor-group-container:has(.monaco-editor .view-lines) .tabs-container .tab.active')
        .first();
      if (await textGroupTab.isVisible().catch(() => false)) await textGroupTab.click();
    }
    if (!(await explorer.isVisible())) await this.page.keyboard.press('Control+Shift+E');
    for (const segment of name.split('/')) {
      const row = explorer.locator('.monaco-list-row').filter({ has: this.page.getByText(segment, { exact: true }) });
      await row.first().click();
    }
    const file = basename(name);
    await this.page.locator('.tabs-container .tab.active').filter({ hasText: file }).waitFor();
    await this.activeEditorLines().waitFor();
  }

  /** Puts the cursor at the start of line `line` (1-based) of the active editor. */
  async gotoLine(line: number): Promise<void> {
    await (await this.textEditorLines()).click();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page
      .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) })
      .first()
      .waitFor();
  }

  /** Runs a command from the palette by its full title, e.g. "HTTP: Send Request". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(`>${title}`);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const index = await poll(`the palette to list "${title}"`, async () => {
      const i = await rows.evaluateAll(
        (els: TextElement[], wanted: string) =>
          els.findIndex((e) => e.querySelector('.label-name')?.textContent?.trim() === wanted),
        title,
      );
      return i >= 0 ? i : undefined;
    });
    await rows.nth(index).click();
    await input.waitFor({ state: 'hidden' });
  }

  /**
   * Clicks a CodeLens of the text editor by its text; `nth` counts the lenses with that text
   * from the top of the editor (0 = the topmost), so the second request's "Send Request" is 1.
   */
  async clickCodeLens(text: string, nth = 0): Promise<void> {
    const lenses = (await this.textEditor()).locator('.codelens-decoration a', { hasText: text });
    const index = await poll(`CodeLens #${nth + 1} "${text}"`, async () => {
      const tops = await lenses.evaluateAll((els: Array<{ getBoundingClientRect(): { top: number } }>) =>
        els.map((e) => e.getBoundingClientRect().top),
      );
      if (tops.length <= nth) return undefined;
      return tops.map((top, i) => ({ top, i })).sort((a, b) => a.top - b.top)[nth].i;
    });
    await lenses.nth(index).click();
  }

  /** Presses keys in order, as the focused element receives them, e.g. `pressKeys('Control+Z')`. */
  async pressKeys(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Focuses the text editor of an open file by clicking its tab (the cursor stays where it was). */
  async focusEditor(name: string): Promise<void> {
    await this.page
      .locator('.tabs-container .tab')
      .filter({ hasText: basename(name) })
      .first()
      .click();
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
  }

  /** Waits until the text editor shows text matching `match`, and returns that text. */
  async waitForEditorText(match: RegExp | string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
    return poll(
      `the editor to show ${String(match)}`,
      async () => {
        const text = await this.editorText();
        return matches(text, match) ? text : undefined;
      },
      timeoutMs,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; it shows:\n${await this.editorText().catch(() => '(nothing)')}`);
    });
  }

  async typeText(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * The lines of the text editor that are rendered (the visible ones), top to bottom: the
   * active one, or the first one on screen while the panel (a webview) has the focus.
   */
  async editorText(): Promise<string> {
    const lines = await this.textEditorLines();
    return lines.evaluate(
      (root: { querySelectorAll(s: string): ArrayLike<TextElement & { style: { top: string } }> }) =>
        Array.from(root.querySelectorAll('.view-line'))
          .map((line) => ({
            top: parseFloat(line.style.top) || 0,
            text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
          }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text)
          .join('\n'),
    );
  }

  /** The visible text of every frame (webviews included), or of the webview frames only. */
  async panelText(options: { webviewOnly?: boolean } = {}): Promise<string> {
    const frames = options.webviewOnly ? this.webviewFrames() : this.page.frames();
    const texts = await Promise.all(
      frames.map((f) => f.evaluate('document.body ? document.body.innerText : ""').catch(() => '')),
    );
    return texts
      .map(String)
      .filter((t) => t.trim())
      .join('\n');
  }

  /** Clicks the button (or link) labelled `text` in the extension's webview panel. */
  async clickInPanel(text: string): Promise<void> {
    const target = await poll(`a "${text}" button in the panel`, async () => {
      for (const frame of this.webviewFrames()) {
        const button = frame
          .getByRole('button', { name: text, exact: true })
          .or(frame.getByRole('link', { name: text, exact: true }));
        if ((await button.count().catch(() => 0)) > 0) return button.first();
      }
      return undefined;
    });
    await target.click();
  }

  /**
   * The response panel's document: the webview frame that holds the panel's `main#root`.
   * Looked up afresh each time, because VS Code replaces the frame when the panel is re-shown.
   */
  async panelFrame(timeoutMs = STEP_TIMEOUT_MS): Promise<Frame> {
    return poll(
      'the response panel',
      async () => {
        for (const frame of this.webviewFrames()) {
          if (await frame.evaluate('!!document.querySelector("main#root")').catch(() => false)) return frame;
        }
        return undefined;
      },
      timeoutMs,
    );
  }

  /** Waits until the panel's visible text matches, and returns all of it. */
  async waitForPanelText(match: RegExp | string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
    let last = '';
    return poll(
      `the panel to show ${String(match)}`,
      async () => {
        const frame = await this.panelFrame(timeoutMs);
        last = String(await frame.evaluate('document.body ? document.body.innerText : ""').catch(() => ''));
        return matches(last, match) ? last : undefined;
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; it shows:\n${last}`);
    });
  }

  /** The element with `data-testid="<id>"` in the panel, as a Playwright locator (first match). */
  async panelTestId(id: string): Promise<Locator> {
    return (await this.panelFrame()).locator(`[data-testid="${id}"]`).first();
  }

  /** Whether the panel holds an element with `data-testid="<id>"` now (no waiting). */
  async panelHasTestId(id: string): Promise<boolean> {
    const frame = await this.panelFrame();
    return (
      (await frame
        .locator(`[data-testid="${id}"]`)
        .count()
        .catch(() => 0)) > 0
    );
  }

  /** Waits for the panel element `data-testid="<id>"` to be shown and enabled, then clicks it. */
  async clickTestId(id: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await poll(
      `an enabled [data-testid="${id}"] in the panel`,
      async () => {
        const target = (await this.panelFrame(timeoutMs)).locator(`[data-testid="${id}"]`).first();
        if (!(await target.isVisible().catch(() => false)) || !(await target.isEnabled().catch(() => false)))
          return undefined;
        // The panel re-renders on every state; a click that lands on a replaced node is retried.
        return await target.click({ timeout: 2000 }).then(
          () => true,
          () => undefined,
        );
      },
      timeoutMs,
    );
  }

  /** The messages of the notification toasts on screen now. */
  async notifications(): Promise<string[]> {
    const messages = this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
    return (await messages.allInnerTexts()).map((t) => t.trim());
  }

  /** Waits for a toast whose message matches, and returns that message. */
  async waitForNotification(match: RegExp | string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
    let seen: string[] = [];
    return poll(
      `a notification matching ${String(match)}`,
      async () => {
        seen = await this.notifications();
        return seen.find((m) => matches(m, match));
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; on screen: ${JSON.stringify(seen)}`);
    });
  }

  /** Waits until no toast's message matches (e.g. a progress toast for a finished request). */
  async waitForNoNotification(match: RegExp | string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    let seen: string[] = [];
    await poll(
      `no notification matching ${String(match)}`,
      async () => {
        seen = await this.notifications();
        return seen.some((m) => matches(m, match)) ? undefined : true;
      },
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; on screen: ${JSON.stringify(seen)}`);
    });
  }

  /** Saves a PNG of the whole window under test-results/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Ends the browser and the server's whole process group, and removes the scratch folder. */
  async stop(): Promise<void> {
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    await this.stopGroup(this.server);
    this.server = undefined;
    // The extension host's own log is what explains a failed scenario; keep it with the run's.
    const logs = join(this.scratch, 'data', 'logs');
    if (existsSync(logs)) {
      try {
        cpSync(logs, join(logDir, `${this.runName}-editor-logs`), { recursive: true });
      } catch {
        /* a log that cannot be copied must not hide the scenario's own outcome */
      }
    }
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private activeEditorLines() {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  }

  /**
   * The text editor a user is working in: the active group's, or — while the panel (a
   * webview) has the focus — the first one on screen.
   */
  private async textEditor(): Promise<Locator> {
    // Pinned by the group's position: `.active` moves as soon as the panel is clicked.
    const groups = this.page.locator('.editor-group-container');
    const index = await poll('a text editor on screen', async () => {
      const found = await groups.evaluateAll(
        (
          els: Array<{
            classList: { contains(c: string): boolean };
            querySelector(s: string): { getBoundingClientRect(): { height: number } } | null;
          }>,
        ) => {
          const shown = els.map(
            (g) => (g.querySelector('.monaco-editor .view-lines')?.getBoundingClientRect().height ?? 0) > 0,
          );
          const active = els.findIndex((g, i) => shown[i] && g.classList.contains('active'));
          return active >= 0 ? active : shown.indexOf(true);
        },
      );
      return found >= 0 ? found : undefined;
    });
    return groups.nth(index).locator('.monaco-editor').first();
  }

  private async textEditorLines(): Promise<Locator> {
    return (await this.textEditor()).locator('.view-lines').first();
  }

  private quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  private webviewFrames(): Frame[] {
    return this.page.frames().filter((f) => f !== this.page.mainFrame() && /webview/i.test(f.url()));
  }
}

function matches(text: string, match: RegExp | string): boolean {
  return typeof match === 'string' ? text.includes(match) : match.test(text);
}

/** For scenario conditions outside the editor (a fixture server's state): polls `probe` until it returns a value. */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<T> {
  return poll(what, async () => probe(), timeoutMs);
}

/** Calls `probe` every 200 ms until it returns a value; rejects naming `what` after the timeout. */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
