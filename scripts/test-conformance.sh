#!/usr/bin/env bash
# Issue 19: the exported JSON Schemas (`cert-preflight operations --schema`) held against
#  1. every golden request case (scripts/schema_goldens.py): a body without errors validates,
#     one with a structural error is rejected;
#  2. the providers' own API models from pinned PyPI packages (scripts/conformance.py,
#     scripts/conformance.requirements.txt), with the deliberate differences and their reasons
#     in scripts/conformance-exceptions.txt; an unlisted difference or a stale exception fails.
# The normalized provider models are written to target/conformance/<operation>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-venv.sh

venv_install -r scripts/conformance.requirements.txt
cargo build --quiet --bin cert-preflight
schemas="$target_dir/conformance/schemas.json"
mkdir -p "$(dirname "$schemas")"
"$target_dir/debug/cert-preflight" operations --schema > "$schemas"
"$venv_python" scripts/schema_goldens.py "$schemas"
"$venv_python" scripts/conformance.py "$schemas" "$target_dir/conformance"
