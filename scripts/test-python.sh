#!/usr/bin/env bash
# The Python package's checks (issue 21): installs py/ into target/test-venv with
# `pip install ./py` (maturin from PyPI as the PEP 517 backend; one release build of the
# extension, in target/ like every other build), then runs its pytest suite (parity with every
# golden case, the API against the CLI, odd inputs, the thread pool, the differential against
# pyca cryptography over cryptography-vectors) and mypy --strict on the package and a usage file.
# The test packages are pinned in py/requirements-test.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/test-venv.sh
source scripts/test-venv.sh

venv_install -r py/requirements-test.txt
# The tests compare with the command line's output.
cargo build --quiet --bin cert-preflight
"$venv_python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./py
# From py/tests, so that `import cert_preflight` is the installed package, not py/python.
(cd py/tests && CERT_PREFLIGHT_CLI="$target_dir/debug/cert-preflight" \
  "$venv_python" -m pytest -q -p no:cacheprovider .)
"$venv_python" -m mypy --strict --no-incremental py/python/cert_preflight py/tests/typing/usage.py
# The benchmark's gate (issue 23, item 1): its checks of each contender (three signatures
# verified, a forged leaf refused, the key matched, 30 names covered, fingerprints equal) run
# before any timing, so one short round fails here when the benchmark would break.
ROUNDS=1 TIME=0.05 "$venv_python" py/bench/bench.py >/dev/null
