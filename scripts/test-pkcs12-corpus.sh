#!/usr/bin/env bash
# PKCS#12 files others made (cryptography-vectors' pkcs12/, pinned) and this repository's
# (testdata/pkcs12) through the CLI, against pyca/cryptography (issue 22): see the docstring of
# scripts/pkcs12_corpus.py. PyPI packages in target/test-venv; about 5 s once installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-venv.sh
venv_install "cryptography==50.0.2" "cryptography-vectors==50.0.2"
cargo build --quiet --bin cert-preflight
vectors=$("$venv_python" -c 'import cryptography_vectors, os; print(os.path.dirname(cryptography_vectors.__file__))')
"$venv_python" scripts/pkcs12_corpus.py "$target_dir/debug/cert-preflight" "$vectors/pkcs12" testdata/pkcs12
