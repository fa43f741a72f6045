#!/usr/bin/env bash
# Builds the npm package into pkg/dist/ (a build output, not committed).
#
# Installs what it needs, idempotently: the wasm32 target, clang/llvm (ring compiles C for
# wasm32 with clang; gcc would produce a module that fails to load), wasm-bindgen-cli at exactly
# the version of the wasm-bindgen crate in Cargo.lock, and npm's binaryen (Debian's wasm-opt 108
# silently breaks the module). See ../shared/notes/wasm-toolchain.md.
#
# The module is compiled with the nightly toolchain, rebuilding the standard library for it
# (-Zbuild-std) with panics that abort at once instead of formatting a message nobody can read
# in wasm: that drops core's panic formatting and gives 14 KB gzipped, which keeps the package
# within budget (pkg/README.md "Size" has the measurements). The library itself builds and is
# tested on stable; only this packaging step needs nightly and its rust-src component.
#
# Then: cargo rustc --crate-type cdylib (so the wasm profile's LTO really applies), wasm-bindgen
# for the browser (--target web) and Node (--target nodejs, CommonJS, synchronous), wasm-opt -Oz,
# and the size check: fails when wasm + JS a browser loads is over the gzipped budget.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/pkg"
BUDGET_BYTES="${CERT_PREFLIGHT_WASM_BUDGET:-150000}" # 150 KB gzipped, wasm + JS (pkg/README.md, "Size")
NAME=cert_preflight_wasm

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- toolchain -------------------------------------------------------------------------------
TOOLCHAIN="${CERT_PREFLIGHT_WASM_TOOLCHAIN:-nightly}"
if ! rustup run "$TOOLCHAIN" rustc --version >/dev/null 2>&1; then
  log "rustup toolchain install $TOOLCHAIN"
  rustup toolchain install "$TOOLCHAIN" --profile minimal
fi
if ! rustup target list --toolchain "$TOOLCHAIN" --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown --toolchain $TOOLCHAIN"
  rustup target add wasm32-unknown-unknown --toolchain "$TOOLCHAIN"
fi
if ! rustup component list --toolchain "$TOOLCHAIN" --installed | grep -q '^rust-src'; then
  log "rustup component add rust-src --toolchain $TOOLCHAIN (for -Zbuild-std)"
  rustup component add rust-src --toolchain "$TOOLCHAIN" || {
    echo "error: could not install rust-src for $TOOLCHAIN; the wasm module is built with" \
      "-Zbuild-std to stay within its size budget (pkg/README.md, \"Size\")" >&2
    exit 1
  }
fi
# Nightlies from late 2025 spell immediate abort as a panic strategy; older ones as a feature of
# the standard library. (The probe writes into a scratch directory: rustc replaces its output
# file by renaming, so `-o /dev/null` would turn /dev/null into a regular file.)
PROBE_DIR="$(mktemp -d)"
if echo | rustup run "$TOOLCHAIN" rustc -Zunstable-options -Cpanic=immediate-abort \
  --crate-type lib --emit metadata --out-dir "$PROBE_DIR" - >/dev/null 2>&1; then
  IMMEDIATE_ABORT=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
  WASM_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
else
  IMMEDIATE_ABORT=(-Zbuild-std=std,panic_abort -Zbuild-std-features=panic_immediate_abort,optimize_for_size)
  WASM_RUSTFLAGS=""
fi
rm -rf "$PROBE_DIR"

if ! command -v clang >/dev/null || ! command -v llvm-ar >/dev/null; then
  log "installing clang and llvm (ring compiles C for wasm32 with clang)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang llvm >/dev/null
fi

WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [ -z "$WB_VERSION" ]; then
  echo "error: no wasm-bindgen in Cargo.lock; run cargo generate-lockfile" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  log "cargo install wasm-bindgen-cli --version $WB_VERSION (must match Cargo.lock; takes minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if [ ! -x "$PKG/node_modules/.bin/wasm-opt" ] || [ ! -x "$PKG/node_modules/.bin/tsc" ] ||
  [ ! -x "$PKG/node_modules/.bin/esbuild" ]; then
  log "npm ci in pkg/ (binaryen's wasm-opt, esbuild, typescript, playwright-core)"
  (cd "$PKG" && npm ci --no-audit --no-fund)
fi
WASM_OPT="$PKG/node_modules/.bin/wasm-opt"

# --- versions agree --------------------------------------------------------------------------
PKG_VERSION="$(node -p 'require(process.argv[1]).version' "$PKG/package.json")"
CRATE_VERSION="$(awk -F'"' '/^version = / { print $2; exit }' "$PKG/rust/Cargo.toml")"
if [ "$PKG_VERSION" != "$CRATE_VERSION" ]; then
  echo "error: pkg/package.json version $PKG_VERSION != pkg/rust/Cargo.toml version $CRATE_VERSION" >&2
  exit 1
fi

# --- build -----------------------------------------------------------------------------------
log "cargo +$TOOLCHAIN rustc --profile wasm --target wasm32-unknown-unknown --crate-type cdylib ${IMMEDIATE_ABORT[*]}"
(cd "$ROOT" && RUSTFLAGS="$WASM_RUSTFLAGS" rustup run "$TOOLCHAIN" cargo rustc --quiet --lib \
  --profile wasm --target wasm32-unknown-unknown --crate-type cdylib -p cert-preflight-wasm \
  "${IMMEDIATE_ABORT[@]}")
TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
RAW_WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm/$NAME.wasm"

WORK="$PKG/wasm-build"
rm -rf "$WORK" "$PKG/dist"
mkdir -p "$WORK" "$PKG/dist/web" "$PKG/dist/node" "$PKG/dist/types"

# Features the Rust wasm32 target emits by default; wasm-opt must be told it may keep them.
FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

for target in web nodejs; do
  log "wasm-bindgen --target $target"
  wasm-bindgen --target "$target" --no-typescript --out-dir "$WORK/$target" --out-name "$NAME" "$RAW_WASM"
done
# Both targets emit the same module (only the JS glue differs): optimize and ship it once.
SHARED_WASM=0
if cmp -s "$WORK/web/${NAME}_bg.wasm" "$WORK/nodejs/${NAME}_bg.wasm"; then
  SHARED_WASM=1
  targets=(web)
else
  targets=(web nodejs)
fi
# -Oz, repeated until it stops shrinking the module (--converge); --low-memory-unused lets it fold
# constant offsets into loads and stores, which is sound because the module never touches the
# first 1,024 bytes of memory: rust-lld puts the 1 MiB stack first, growing down from 1 MiB, so
# those bytes are reached only by a stack 1 MiB deep. pkg/README.md "Size" has the measurements.
WASM_OPT_FLAGS=(-Oz --converge --low-memory-unused)
for target in "${targets[@]}"; do
  log "wasm-opt ${WASM_OPT_FLAGS[*]} ($target)"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "${FEATURES[@]}" --strip-debug --strip-producers \
    -o "$WORK/$target/${NAME}_bg.opt.wasm" "$WORK/$target/${NAME}_bg.wasm"
  mv "$WORK/$target/${NAME}_bg.opt.wasm" "$WORK/$target/${NAME}_bg.wasm"
done

# --- assemble dist/ --------------------------------------------------------------------------
subst_version() { sed "s/__VERSION__/$PKG_VERSION/g" "$1" >"$2"; }

# Browser / bundlers: one ES module, index.js; init() fetches the .wasm next to it. The
# JavaScript a browser loads (index.js, the wasm-bindgen glue and api.js) is bundled into that one
# file and minified by esbuild; its exports and `new URL(…, import.meta.url)` stay as they are.
# Minifying saved 3 KB gzipped of the budget, one file instead of three another 0.4 KB. The Node
# files are not minified (not downloaded by browsers).
cp "$WORK/web/${NAME}_bg.wasm" "$PKG/dist/web/"
subst_version "$PKG/src/web.js" "$WORK/web/index.js"
cp "$PKG/src/api.js" "$WORK/web/api.js"
"$PKG/node_modules/.bin/esbuild" "$WORK/web/index.js" --bundle --minify --format=esm --target=es2020 \
  --log-level=warning --outfile="$PKG/dist/web/index.js"
grep -q 'import.meta.url' "$PKG/dist/web/index.js" || {
  echo "error: the bundled index.js no longer finds the .wasm through import.meta.url" >&2
  exit 1
}

# Node: CommonJS, instantiated synchronously; index.mjs re-exports it (one instance).
if [ "$SHARED_WASM" = 1 ]; then
  grep -q '`${__dirname}/'"${NAME}_bg.wasm"'`' "$WORK/nodejs/$NAME.js" || {
    echo "error: wasm-bindgen's nodejs glue no longer loads \`\${__dirname}/${NAME}_bg.wasm\`" >&2
    exit 1
  }
  sed 's|`${__dirname}/'"${NAME}_bg.wasm"'`|`${__dirname}/../web/'"${NAME}_bg.wasm"'`|' \
    "$WORK/nodejs/$NAME.js" >"$PKG/dist/node/$NAME.cjs"
else
  cp "$WORK/nodejs/$NAME.js" "$PKG/dist/node/$NAME.cjs"
  cp "$WORK/nodejs/${NAME}_bg.wasm" "$PKG/dist/node/"
fi
# For the tests' memory check (not part of the public API).
printf '\nexports.__memory = wasm.memory;\n' >>"$PKG/dist/node/$NAME.cjs"
sed -e 's/^export function createApi/function createApi/' -e 's/^export class CertPreflightError/class CertPreflightError/' \
  "$PKG/src/api.js" >"$PKG/dist/node/api.cjs"
printf '\nmodule.exports = { createApi, CertPreflightError };\n' >>"$PKG/dist/node/api.cjs"
cp "$PKG/src/node-verify.cjs" "$PKG/dist/node/node-verify.cjs"
subst_version "$PKG/src/node.cjs" "$PKG/dist/node/index.cjs"
cp "$PKG/src/node.mjs" "$PKG/dist/node/index.mjs"
if grep -n '^export ' "$PKG/dist/node/api.cjs"; then
  echo "error: api.cjs still has an ES export" >&2
  exit 1
fi

# Types: one hand-written declaration file, as ESM (.d.ts) and CommonJS (.d.cts).
cp "$PKG/index.d.ts" "$PKG/dist/types/index.d.ts"
cp "$PKG/index.d.ts" "$PKG/dist/types/index.d.cts"

# --- size ------------------------------------------------------------------------------------
gz() { gzip -9 -c "$1" | wc -c; }
total_raw=0
total_gz=0
printf '%-34s %10s %10s\n' "file (browser build)" "bytes" "gzip -9" >&2
for f in "$PKG/dist/web/${NAME}_bg.wasm" "$PKG/dist/web/index.js"; do
  raw=$(wc -c <"$f")
  z=$(gz "$f")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + z))
  printf '%-34s %10d %10d\n' "$(basename "$f")" "$raw" "$z" >&2
done
printf '%-34s %10d %10d  (budget %d)\n' "total wasm + JS" "$total_raw" "$total_gz" "$BUDGET_BYTES" >&2
echo "$total_gz $BUDGET_BYTES" >"$PKG/wasm-build/size-gzip"
if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
  echo "error: the package is $total_gz bytes gzipped (wasm + JS), over the budget of $BUDGET_BYTES" >&2
  # scripts/test-npm.sh defers this failure until its tests have run, then fails.
  [ "${CERT_PREFLIGHT_SIZE_DEFER:-}" = 1 ] || exit 1
fi
log "pkg/dist built: $total_gz bytes gzipped (wasm + JS)"
