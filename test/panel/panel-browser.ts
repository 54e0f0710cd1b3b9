// The harness for the browser tests of the response panel (Debian Chromium through
// playwright-core): the page is the HTML the host writes, with its CSP, served from 127.0.0.1
// together with dist/; a stub `acquireVsCodeApi` records what the panel posts and stores.
// Build dist/ first (test/panel/run-panel-tests.sh does).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createNonce, renderPanelHtml } from '../../src/extension/panel/panel-html';
import type { PanelState, PanelToHost } from '../../src/protocol';
import { darkPlusThemeCss } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;
declare const document: any;

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const screenshots = join(root, 'test-results', 'screenshots');
const distFiles: Record<string, string> = {
  'panel.js': 'text/javascript',
  'panel.css': 'text/css',
  'codicon.css': 'text/css',
  'codicon.ttf': 'font/ttf',
};

export interface Recorded {
  posted: PanelToHost[];
  stored: unknown[];
  violations: string[];
  dialogs: number;
}

export interface PanelBrowser {
  /** The page of the panel opened last. */
  readonly page: Page;
  /** Opens a fresh panel (new browser context) and waits for its `ready`. */
  open(savedArrangement?: unknown): Promise<void>;
  /** Closes the panel's browser context early, e.g. to reopen it with a saved arrangement. */
  close(): Promise<void>;
  /** Sends a state the way the host does. */
  send(state: PanelState): Promise<void>;
  recorded(): Promise<Recorded>;
  /** Saves test-results/screenshots/<name>.png. */
  screenshot(name: string, fullPage?: boolean): Promise<void>;
}

/** Call inside a `describe`: registers the hooks that start and stop the server and browser. */
export function usePanelBrowser(): PanelBrowser {
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let dialogs = 0;

  before(async () => {
    for (const file of Object.keys(distFiles)) {
      assert.ok(
        existsSync(join(dist, file)),
        `dist/${file} is missing: build the panel first (test/panel/run-panel-tests.sh)`,
      );
    }
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const file = path.startsWith('/dist/') ? path.slice(6) : '';
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          renderPanelHtml({
            cspSource: origin,
            nonce: createNonce(),
            scriptUri: `${origin}/dist/panel.js`,
            styleUris: [`${origin}/dist/codicon.css`, `${origin}/dist/panel.css`, `${origin}/theme/dark-plus.css`],
          }),
        );
      } else if (path === '/theme/dark-plus.css') {
        res.writeHead(200, { 'content-type': 'text/css' });
        res.end(darkPlusThemeCss);
      } else if (distFiles[file]) {
        res.writeHead(200, { 'content-type': distFiles[file] });
        res.end(readFileSync(join(dist, file)));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    const open = server;
    await new Promise<void>((resolve) => (open ? open.close(() => resolve()) : resolve()));
  });

  afterEach(async () => {
    await context?.close();
  });

  const current = (): Page => {
    assert.ok(page, 'open the panel first');
    return page;
  };

  return {
    get page() {
      return current();
    },
    async open(savedArrangement?: unknown) {
      assert.ok(browser, 'the browser did not start');
      context = await browser.newContext({ viewport: { width: 900, height: 1000 }, colorScheme: 'dark' });
      page = await context.newPage();
      dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      await page.addInitScript((saved: unknown) => {
        window.__posted = [];
        window.__stored = [];
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => {
          window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
        let state = saved;
        window.acquireVsCodeApi = () => ({
          postMessage: (message: unknown) => window.__posted.push(JSON.parse(JSON.stringify(message))),
          getState: () => state,
          setState: (next: unknown) => {
            state = next;
            window.__stored.push(JSON.parse(JSON.stringify(next)));
          },
        });
      }, savedArrangement);
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => window.__posted.length > 0);
    },
    async close() {
      await context?.close();
    },
    async send(state: PanelState) {
      await current().evaluate((s: PanelState) => window.postMessage({ type: 'state', state: s }, '*'), state);
    },
    async recorded() {
      const inPage = await current().evaluate(() => ({
        posted: window.__posted,
        stored: window.__stored,
        violations: window.__violations,
      }));
      return { ...inPage, dialogs };
    },
    async screenshot(name: string, fullPage = false) {
      mkdirSync(screenshots, { recursive: true });
      await current().screenshot({ path: join(screenshots, `${name}.png`), fullPage });
    },
  };
}
