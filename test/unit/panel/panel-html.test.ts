import { strict as assert } from 'node:assert';
import { createNonce, renderPanelHtml } from '../../../src/extension/panel/panel-html';

const cspSource = 'vscode-webview://4f2a';
const input = (nonce: string) => ({
  cspSource,
  nonce,
  scriptUri: `${cspSource}/dist/panel.js`,
  styleUris: [`${cspSource}/dist/codicon.css`, `${cspSource}/dist/panel.css`],
});

function cspOf(html: string): Map<string, string> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page carries a CSP meta tag');
  return new Map(
    match[1].split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('response panel HTML', () => {
  it('puts a strict Content-Security-Policy first in the head', () => {
    const html = renderPanelHtml(input('abc123=='));
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    assert.ok(head.trimStart().startsWith('<head>\n  <meta http-equiv="Content-Security-Policy"'));
    const csp = cspOf(html);
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('script-src'), "'nonce-abc123=='");
    assert.equal(csp.get('style-src'), cspSource);
    assert.equal(csp.get('font-src'), cspSource);
    assert.equal(csp.get('img-src'), cspSource);
    assert.equal(csp.get('base-uri'), "'none'");
    assert.equal(csp.get('form-action'), "'none'");
    assert.equal(csp.has('connect-src'), false);
  });

  it('allows no unsafe sources, no remote origins and no inline handlers', () => {
    const html = renderPanelHtml(input(createNonce()));
    assert.doesNotMatch(html, /unsafe-/);
    assert.doesNotMatch(html, /https?:/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('runs only the bundled script, marked with the nonce of this render', () => {
    const nonce = createNonce();
    const html = renderPanelHtml(input(nonce));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0][2], '', 'no inline script body');
    assert.match(scripts[0][1], new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
    assert.match(scripts[0][1], /src="vscode-webview:\/\/4f2a\/dist\/panel\.js"/);
  });

  it('makes a fresh 128-bit nonce for every render', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });

  it('escapes resource URIs so they cannot break out of their attribute', () => {
    const html = renderPanelHtml({ ...input('n'), styleUris: ['x"><script>alert(1)</script>'] });
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /href="x&quot;&gt;&lt;script&gt;/);
  });
});
