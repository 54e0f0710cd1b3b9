// States the host could send, and a Dark+ theme, for the browser test of the response panel.
import type { ConflictView, PanelState, ProbeView, ResponseView, SentRequestView } from '../../src/protocol';

/** The variables VS Code sets on a webview in the Default Dark+ theme (the ones the panel uses). */
export const darkPlusThemeCss = `:root {
  --vscode-font-family: "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "DejaVu Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "DejaVu Sans Mono", monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: rgba(204, 204, 204, 0.7);
  --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #007fd4;
  --vscode-editor-background: #1e1e1e;
  --vscode-sideBar-background: #252526;
  --vscode-panel-border: rgba(128, 128, 128, 0.35);
  --vscode-widget-border: #303031;
  --vscode-textCodeBlock-background: rgba(10, 10, 10, 0.4);
  --vscode-button-background: #0e639c;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #1177bb;
  --vscode-button-secondaryBackground: #3a3d41;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-button-secondaryHoverBackground: #45494e;
  --vscode-badge-background: #4d4d4d;
  --vscode-badge-foreground: #ffffff;
  --vscode-toolbar-hoverBackground: rgba(90, 93, 94, 0.31);
  --vscode-panelTitle-activeForeground: #e7e7e7;
  --vscode-panelTitle-inactiveForeground: rgba(231, 231, 231, 0.6);
  --vscode-panelTitle-activeBorder: #e7e7e7;
  --vscode-diffEditor-insertedTextBackground: rgba(156, 204, 44, 0.2);
  --vscode-diffEditor-removedTextBackground: rgba(255, 0, 0, 0.2);
  --vscode-editorWarning-foreground: #cca700;
  --vscode-editorInfo-foreground: #3794ff;
  --vscode-testing-iconPassed: #73c991;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-progressBar-background: #0e70c0;
  --vscode-keybindingLabel-background: rgba(128, 128, 128, 0.17);
  --vscode-keybindingLabel-foreground: #cccccc;
  --vscode-keybindingLabel-border: rgba(51, 51, 51, 0.6);
  --vscode-keybindingLabel-bottomBorder: rgba(68, 68, 68, 0.6);
  --vscode-symbolIcon-variableForeground: #75beff;
  --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8;
  --vscode-debugTokenExpression-boolean: #4e94ce;
}
`;

export const sentPut: SentRequestView = {
  method: 'PUT',
  url: 'http://localhost:3000/documents/42',
  label: 'Change its title',
  headers: [
    ['If-Match', '"v5"'],
    ['Content-Type', 'application/json'],
    ['Authorization', 'Bearer ••••••'],
  ],
  body: '{ "title": "Updated Title", "tags": ["draft"] }',
};

export function jsonResponse(body: string, overrides: Partial<ResponseView> = {}): ResponseView {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['ETag', '"v6"'],
      ['Content-Length', String(body.length)],
    ],
    contentType: 'application/json; charset=utf-8',
    body,
    binary: false,
    sizeBytes: body.length,
    truncated: false,
    durationMs: 84,
    timings: { dns: 1.2, connect: 3.4, tls: 0, firstByte: 71, download: 8.1, total: 84 },
    notices: [],
    ...overrides,
  };
}

export const documentBody =
  '{"id":42,"title":"Quarterly report","version":6,"published":false,"owner":null,"tags":["finance","q3"],"editors":[{"id":7,"name":"Ada"}]}';

export const okState: PanelState = {
  view: 'response',
  request: {
    method: 'GET',
    url: 'http://localhost:3000/documents/42',
    label: 'doc',
    headers: [['Accept', 'application/json']],
  },
  response: jsonResponse(documentBody),
};

export const hostileText = '<script>window.__pwned = 1; alert(1)</script><img src=x onerror="window.__pwned = 2">';

export const versionConflict: ConflictView = {
  kind: 'version-conflict',
  banner: 'The document changed on the server since you fetched it: your version "v5", current "v6".',
  dialect: 'HTTP validators (ETag + If-Match)',
  confidence: 0.95,
  evidence: ['Request sent If-Match: "v5"', 'Response status 412 Precondition Failed', 'Current ETag "v6" differs'],
  staleToken: '"v5"',
  currentToken: '"v6"',
  serverMessage: 'Precondition failed: the document was modified by another user (revision v6).',
  step: 'refetched',
  hasBase: true,
  theirsChanges: [
    { at: '/tags/1', kind: 'added', after: '"reviewed"' },
    { at: '/title', kind: 'changed', before: '"Quarterly report"', after: '"Q3 report"' },
  ],
  oursChanges: [
    { at: '/title', kind: 'changed', before: '"Quarterly report"', after: '"Updated Title"' },
    { at: '/tags', kind: 'changed', before: '["finance","q3"]', after: '["draft"]' },
  ],
  merged: '{\n  "title": "Updated Title",\n  "tags": ["draft", "reviewed"],\n  "version": 6\n}',
  conflicts: [
    {
      id: '/title',
      path: ['title'],
      description: 'title: you set "Updated Title", the server now has "Q3 report" (it was "Quarterly report")',
      base: '"Quarterly report"',
      ours: '"Updated Title"',
      theirs: '"Q3 report"',
    },
    {
      id: '/summary',
      path: ['summary'],
      description: 'summary: you removed it, the server changed it to "Numbers up"',
      base: '"Numbers"',
      theirs: '"Numbers up"',
    },
  ],
  actions: {
    refetch: { enabled: true },
    rebase: { enabled: true },
    resend: { enabled: false, reason: '2 conflicts remain — decide them first.' },
    resolve: { enabled: false, reason: 'The merge is not clean.' },
    compare: { enabled: true },
    takeTheirs: { enabled: true },
    overwrite: { enabled: true },
  },
};

export const conflictState: PanelState = {
  view: 'response',
  request: sentPut,
  response: jsonResponse('{"type":"about:blank","title":"Precondition Failed","status":412,"detail":"revision v6"}', {
    status: 412,
    statusText: 'Precondition Failed',
    contentType: 'application/problem+json',
    durationMs: 23,
    headers: [
      ['Content-Type', 'application/problem+json'],
      ['ETag', '"v6"'],
    ],
  }),
  conflict: versionConflict,
};

export const duplicateKeyState: PanelState = {
  view: 'response',
  request: { ...sentPut, method: 'POST', url: 'http://localhost:3000/users' },
  response: jsonResponse('{"error":"duplicate_key","message":"A user with this email already exists."}', {
    status: 409,
    statusText: 'Conflict',
  }),
  conflict: {
    ...versionConflict,
    kind: 'not-a-version-conflict',
    banner: 'The server refused the request: a user with this email already exists.',
    dialect: 'none (error body names a duplicate key)',
    confidence: 0.7,
    evidence: ['Response status 409', 'Body error "duplicate_key"'],
    staleToken: undefined,
    currentToken: undefined,
    serverMessage: 'A user with this email already exists.',
    step: 'detected',
    theirsChanges: [],
    oursChanges: [],
    merged: undefined,
    conflicts: [],
    // A careless host might still list these; the panel must not offer them.
    actions: {
      refetch: { enabled: true },
      rebase: { enabled: true },
      resolve: { enabled: true },
      resend: { enabled: true },
    },
  },
};

export const preconditionRequiredState: PanelState = {
  view: 'response',
  request: { ...sentPut, headers: [['Content-Type', 'application/json']] },
  response: jsonResponse('{"title":"Precondition Required","status":428,"detail":"Send If-Match."}', {
    status: 428,
    statusText: 'Precondition Required',
    contentType: 'application/problem+json',
    headers: [['Content-Type', 'application/problem+json']],
  }),
  conflict: {
    ...versionConflict,
    kind: 'precondition-required',
    banner: 'The server only accepts this write with the version you based it on (If-Match).',
    evidence: ['Response status 428 Precondition Required', 'Request sent no If-Match'],
    staleToken: undefined,
    currentToken: undefined,
    serverMessage: 'Send If-Match.',
    step: 'detected',
    hasBase: false,
    theirsChanges: [],
    oursChanges: [],
    merged: undefined,
    conflicts: [],
    actions: { addPrecondition: { enabled: true }, refetch: { enabled: true } },
  },
};

export const protectedProbe: ProbeView = {
  verdict: 'protected',
  method: 'PUT',
  url: 'http://localhost:3000/documents/42',
  summary:
    'Three writes based on version "v5" were sent at once. The server accepted one and refused the other two with 412, ' +
    'and it refused a write without If-Match with 428.',
  dialect: 'HTTP validators (ETag + If-Match)',
  requiresPrecondition: true,
  writes: [
    { label: 'Write 1 (If-Match "v5")', status: 200, statusText: 'OK', outcome: 'accepted', detail: 'New ETag "v6".' },
    {
      label: 'Write 2 (If-Match "v5")',
      status: 412,
      statusText: 'Precondition Failed',
      outcome: 'refused',
      detail: 'The version had already changed.',
    },
    { label: 'Write 3 (If-Match "v5")', status: 412, statusText: 'Precondition Failed', outcome: 'refused' },
    {
      label: 'Without If-Match',
      status: 428,
      statusText: 'Precondition Required',
      outcome: 'refused',
      detail: 'The API insists on a precondition.',
    },
  ],
};

export const lostUpdatesProbe: ProbeView = {
  verdict: 'lost-updates',
  method: 'PATCH',
  url: 'http://localhost:3000/notes/7',
  summary: hostileText,
  requiresPrecondition: null,
  writes: [
    { label: 'Write 1', status: 200, statusText: 'OK', outcome: 'accepted', detail: hostileText },
    { label: hostileText, status: 200, statusText: 'OK', outcome: 'accepted — overwrote write 1' },
    { label: 'Write 3', outcome: 'no response', detail: 'Connection reset.' },
  ],
};
