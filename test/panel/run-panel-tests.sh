#!/usr/bin/env bash
# Builds only the panel (script, CSS, codicons) and runs the browser tests of the response
# panel against Debian Chromium. Usage: test/panel/run-panel-tests.sh [-- extra mocha args]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "${1:-}" = "--" ] && shift
mkdir -p dist
npx esbuild media/panel/main.ts --bundle --platform=browser --format=iife --target=es2022 \
  --sourcemap --outfile=dist/panel.js --log-level=warning
cp media/panel.css dist/panel.css
cp node_modules/@vscode/codicons/dist/codicon.css node_modules/@vscode/codicons/dist/codicon.ttf dist/
rm -rf out/panel-tests
npx esbuild test/panel/*.test.ts --bundle --platform=node --format=cjs --target=node20 --packages=external \
  --sourcemap --outbase=test/panel --outdir=out/panel-tests --log-level=warning
npx mocha --timeout 30000 --enable-source-maps --exit \
  --reporter test/support/count-reporter.cjs --reporter-option out=test-results/panel.json \
  "$@" 'out/panel-tests/**/*.test.js'
