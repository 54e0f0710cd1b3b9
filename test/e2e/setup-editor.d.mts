// Types for setup-editor.mjs, which the runners use as plain JavaScript.
export interface EditorPaths {
  dir: string;
  nodePackage: string;
  node: string;
  codeServerPackage: string;
  codeServer: string;
  serverMain: string;
  chromium: string;
}

export const NODE_VERSION: string;
export const CODE_SERVER_VERSION: string;
export const CHROMIUM: string;
export function editorCacheDir(): string;
export function editorPaths(dir?: string): EditorPaths;
export function isEditorInstalled(dir?: string): boolean;
export function chromiumPresent(): boolean;
export function requireChromium(): void;
export function ensureEditor(options?: { log?: (line: string) => void }): EditorPaths;
export function verifyEditor(paths?: EditorPaths): void;
