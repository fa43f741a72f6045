#!/usr/bin/env bash
# The pkilint differential (issue 20): every rule whose catalogue row names pkilint findings
# fires exactly when pkilint (PyPI, pinned, in target/test-venv) reports one of them, over
# testdata/certs and PyPI's cryptography-vectors x509/ corpus (the foreign corpus test's pinned
# copy). Disagreements are reasoned in scripts/pkilint-exceptions.tsv; a stale one fails.
#
#   scripts/pkilint-differential.sh     # needs cargo; builds target/debug/cert-preflight
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/test-venv.sh
venv_install "pkilint==0.13.3"
VERSION=50.0.2 # cryptography-vectors, as scripts/foreign-corpus.sh pins it
WORK="$ROOT/target/foreign-corpus/$VERSION"
VECTORS="$WORK/site/cryptography_vectors"
if [ ! -d "$VECTORS/x509" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$WORK/site" "cryptography-vectors==$VERSION"
fi
cargo build --quiet --bin cert-preflight
exec "$venv_python" scripts/pkilint_differential.py target/debug/cert-preflight \
  scripts/pkilint-exceptions.tsv testdata/certs "$VECTORS/x509"
