#!/usr/bin/env bash
# Build and run only the unit tests under the given folders of test/unit (e.g. `merge send`),
# so work in one area is not blocked by a half-finished file in another.
# Usage: scripts/test-only.sh AREA [AREA…] [-- extra mocha args]
set -euo pipefail
cd "$(dirname "$0")/.."
areas=(); extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  areas+=("$1"); shift
done
tag=$(printf '%s-' "${areas[@]}")
out="out/only-${tag%-}"
rm -rf "$out"
files=(test/unit/_seed.test.ts)
for a in "${areas[@]}"; do while IFS= read -r f; do files+=("$f"); done < <(find "test/unit/$a" -name '*.test.ts'); done
npx esbuild "${files[@]}" --bundle --platform=node --format=cjs --target=node20 --packages=external \
  --sourcemap --outbase=test/unit --outdir="$out" --log-level=warning
# The CLI tests run dist/cli.js: build it (and the rest of dist/) so they never test a stale one.
node esbuild.config.mjs >/dev/null
npx mocha --timeout 20000 --enable-source-maps --exit --forbid-only "${extra[@]}" "$out/_seed.test.js" "$out/**/*.test.js"
