#!/usr/bin/env bash
# Runs the in-editor suite on the oldest VS Code that package.json's engines.vscode claims:
# code-server 4.90.3 (VS Code 1.90.2) on the Node 20 it requires. Not part of CI (a second
# cold editor install); run it when engines.vscode or the APIs the extension uses change.
#
# That release's @vscode/ripgrep 1.15.9 downloads rg from GitHub in its postinstall, which a
# machine with only the npm registry cannot reach; its download cache is seeded with Debian's
# rg (apt-get install ripgrep) instead. Nothing of it ships: rg is only the editor's search.
set -euo pipefail
cd "$(dirname "$0")/.."
rg_bin=$(command -v rg || true)
if [ -z "$rg_bin" ]; then echo "ripgrep is not installed: apt-get install -y ripgrep"; exit 1; fi
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.9"
asset="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$asset" ]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d); cp "$rg_bin" "$tmp/rg"; tar czf "$asset" -C "$tmp" rg; rm -rf "$tmp"
fi
export HTTP_CONFLICTS_CODE_SERVER=4.90.3 HTTP_CONFLICTS_EDITOR_NODE=20.9.0
node test/e2e/setup-editor.mjs >/dev/null
exec node test/e2e/run-editor-suite.mjs
