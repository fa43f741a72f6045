#!/usr/bin/env bash
# Tests the npm package in real runtimes; what CI runs (CI=true) on a clean machine, so it sets
# up what it needs: Debian's chromium, pkg/'s npm devDependencies, and the build
# (scripts/build-wasm.sh installs the Rust side).
#
#   1. build pkg/dist (size budget checked there)
#   2. tsc --noEmit over a typed usage file (ESM and CJS declarations)
#   3. node --test over the built package: import, require, misuse, 10,000 bad calls, CLI identity,
#      PKCS#12 (Node opens it; the web build refuses bytes until initPkcs12(), then gives Node's
#      reports), an encrypted key with keyPassword, the x509-limbo sample (the crate's verdicts)
#   4. the demo form in headless Chromium (playwright-core), served on 127.0.0.1
#   5. npm pack; install the tarball in an empty directory; import and require it there
#   6. real bundlers: a page importing that tarball, built with Vite and with esbuild, served on
#      127.0.0.1 and run in headless Chromium (pkg/test/bundlers), a PFX opened there after
#      initPkcs12()
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/pkg"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "error: Node 20 or later is needed, found $(node --version)" >&2
  exit 1
fi

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  log "apt-get install chromium (for the browser test)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM

if [ "${CI:-}" = true ] || [ ! -d "$PKG/node_modules" ]; then
  log "npm ci in pkg/"
  (cd "$PKG" && npm ci --no-audit --no-fund)
fi
if [ "${CI:-}" = true ] || [ ! -d "$PKG/test/bundlers/node_modules" ]; then
  log "npm ci in pkg/test/bundlers/ (vite 7, esbuild)"
  (cd "$PKG/test/bundlers" && npm ci --no-audit --no-fund)
fi

log "build"
# Over the size budget, the build fails; here the tests still run first, then the script fails.
CERT_PREFLIGHT_SIZE_DEFER=1 "$ROOT/scripts/build-wasm.sh"
read -r size_gz size_budget requests_gz requests_ceiling pkcs12_gz pkcs12_ceiling <"$PKG/wasm-build/size-gzip"

log "foreign corpus: cryptography-vectors through pkg/dist in Node, against openssl (issue 8, item 8)"
"$ROOT/scripts/foreign-corpus.sh" npm

cd "$PKG"
log "tsc --noEmit (test/types/usage.ts, usage.cts)"
node_modules/.bin/tsc -p test/types/tsconfig.json

log "node --test: the package via import and require ($(node --version))"
node --test test/node/api.test.mjs test/node/misuse.test.mjs test/node/stress.test.mjs \
  test/node/require.test.cjs test/node/cli.test.mjs test/node/verdicts.test.mjs \
  test/node/verifier.test.mjs test/node/pool.test.mjs test/node/pkcs12.test.mjs \
  test/node/web-rules.test.mjs test/node/key-password.test.mjs test/node/web-key-password.test.mjs \
  test/node/limbo-sample.test.mjs

# ---- Node benchmark gate (issue 23, item 1) --------------------------------------------------
# pkg/bench/check.bench.mjs with every check it makes before timing (the report equals the golden
# case's, every peer agrees, a forged signature fails) and one short round: a change that
# breaks the benchmark fails here; then the browser benchmark page (the same golden check) in
# headless Chromium. About 15 s after npm ci (node-forge, @peculiar/x509, pkijs).
if [ "${CI:-}" = true ] || [ ! -d "$PKG/bench/node_modules" ]; then
  log "npm ci in pkg/bench/ (the benchmark's peers)"
  (cd "$PKG/bench" && npm ci --no-audit --no-fund)
fi
log "Node benchmark gate (npm run gate in pkg/bench)"
(cd "$PKG/bench" && npm run --silent gate)
log "browser benchmark gate (pkg/bench/browser.bench.mjs, one short round in headless Chromium)"
(cd "$PKG/bench" && ROUNDS=1 PER_ROUND=2 node browser.bench.mjs)
# ---- end of Node benchmark gate ---------------------------------------------------------------

log "node --test: the demo form in $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
node --test test/browser/demo.test.mjs

log "npm pack; install the tarball in an empty directory"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tarball="$(npm pack --silent --pack-destination "$tmp")"
tar -tzf "$tmp/$tarball" | sort >"$tmp/contents"
if grep -vE '^package/(package\.json|README\.md|dist/.*)$' "$tmp/contents"; then
  echo "error: unexpected files in the tarball (above)" >&2
  exit 1
fi
mkdir "$tmp/app"
cp test/pack/smoke.mjs test/pack/smoke.cjs "$tmp/app/"
cp test/fixtures/chain.pem "$tmp/app/"
(
  cd "$tmp/app"
  printf '{"name":"app","version":"1.0.0","private":true}\n' >package.json
  npm install --no-audit --no-fund --silent "$tmp/$tarball"
  node smoke.mjs
  node smoke.cjs
)

log "node --test: the tarball bundled by Vite and by esbuild, in $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
CERT_PREFLIGHT_TARBALL="$tmp/$tarball" node --test test/bundlers/bundlers.test.mjs
if [ "$size_gz" -gt "$size_budget" ] || [ "$requests_gz" -gt "$requests_ceiling" ] ||
  [ "$pkcs12_gz" -gt "$pkcs12_ceiling" ]; then
  echo "error: tests passed, but the package is over its size budget: init() loads $size_gz bytes" \
    "gzipped (budget $size_budget), initRequests() $requests_gz more (ceiling $requests_ceiling)," \
    "initPkcs12() $pkcs12_gz more (ceiling $pkcs12_ceiling)" >&2
  exit 1
fi
log "all npm package tests passed (init() $size_gz bytes gzipped, budget $size_budget; initRequests() $requests_gz more; initPkcs12() $pkcs12_gz more)"
