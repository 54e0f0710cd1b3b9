// The response panel's HTML. Kept free of `vscode` so plain-Node tests can check the policy:
// nothing but our own bundled files may load, and only the script carrying this render's nonce
// may run.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin our bundled files are served from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `asWebviewUri` of dist/panel.js. */
  readonly scriptUri: string;
  /** `asWebviewUri` of the style sheets, in order (codicons first, then the panel's). */
  readonly styleUris: readonly string[];
}

/** 128 random bits per render; a predictable nonce (time, Math.random) would defeat the CSP. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function renderPanelHtml({ cspSource, nonce, scriptUri, styleUris }: PanelHtmlInput): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const styles = styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>HTTP Response</title>
</head>
<body>
  <main id="root"></main>
  <script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
