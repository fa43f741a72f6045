#!/usr/bin/env bash
# The foreign corpus test (issue 8, item 8): PyPI's cryptography-vectors, pinned, through the
# CLI (`cli`, run by scripts/test.sh) or the built npm package (`npm`, run by
# scripts/test-npm.sh after its build), checked against openssl by scripts/foreign_corpus.py
# (its docstring lists the cases and checks).
#
#   scripts/foreign-corpus.sh cli    # needs target/debug/cert-preflight (cargo build)
#   scripts/foreign-corpus.sh npm    # needs pkg/dist (scripts/build-wasm.sh)
#
# The package is installed with pip into target/foreign-corpus/ (once); the openssl facts,
# key pairs and case list are prepared there once (cases.json, remade when the driver's
# PREPARE_FORMAT changes) and shared by both halves.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=50.0.2 # cryptography-vectors; a new version may add files, so a bump is a review
WORK="$ROOT/target/foreign-corpus/$VERSION"
VECTORS="$WORK/site/cryptography_vectors"
mode="${1:-}"
case "$mode" in cli | npm) ;; *) echo "usage: $0 cli|npm" >&2; exit 2 ;; esac

if [ ! -d "$VECTORS/x509" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$WORK/site" "cryptography-vectors==$VERSION"
fi
if [ "$mode" = cli ]; then
  bin="$ROOT/target/debug/cert-preflight"
  (cd "$ROOT" && cargo build --quiet --bin cert-preflight)
  exec python3 "$ROOT/scripts/foreign_corpus.py" cli "$VECTORS" "$WORK" "$bin"
fi
exec python3 "$ROOT/scripts/foreign_corpus.py" npm "$VECTORS" "$WORK"
