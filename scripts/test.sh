#!/usr/bin/env bash
# Runs every check the project has, from a fresh machine: formatting, lints, the Rust tests
# (unit, golden, CLI, robustness, openssl differential), then the npm package's build, its
# size budget and its Node and Chromium tests. Installs what it needs (scripts/test-npm.sh
# sets up the wasm toolchain, npm packages and Chromium). `.ci/run` runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

command -v openssl >/dev/null || {
  step "installing openssl (the differential tests compare against it)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl
}
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy

# --- Mozilla root table (issue 9) -------------------------------------------------------
# src/trust/mozilla_roots.rs must be exactly what scripts/gen-roots.py makes from the pinned
# certifi wheel (scripts/gen-roots.requirements.txt, fetched from PyPI with its hash).
step "Mozilla root table is current (scripts/gen-roots.py --check)"
python3 scripts/gen-roots.py --check
# ----------------------------------------------------------------------------------------

# --- Public suffix list (issue 20 item 3, issue 26) --------------------------------------
# src/rules/client/public_suffix_list.txt and its differential cases must be exactly what
# scripts/gen-public-suffix.py makes from the pinned publicsuffixlist wheel
# (scripts/gen-public-suffix.requirements.txt, fetched from PyPI with its hash). About 3 s.
step "public suffix list is current (scripts/gen-public-suffix.py --check)"
python3 scripts/gen-public-suffix.py --check
# ----------------------------------------------------------------------------------------

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (library, goldens, CLI, robustness, openssl, x509-limbo and webpki differentials)"
cargo test --workspace

# ---- mutation testing of the change (issue 27) ------------------------------------------------
# scripts/mutants.sh --ci: cargo-mutants on the lines the last commit (a merge: the merged branch)
# changed in src/rules, src/request/{engine,checks}.rs, src/input or src/model, each mutant
# against the in-process suites of its area; a missed mutant fails. Skipped, with a message, when
# the change touches none of them or the clone has no earlier commit. Bounded: at most 8 mutants
# per area, certificate and request (MUTANTS_CI_MAX; a round-robin sample of a larger diff), each
# 40 to 60 s on 2 cores (one incremental build, then about 10 s of tests), after one build of the
# dependencies in target/mutants (about 3 minutes): about 15 minutes at worst, seconds when
# skipped. cargo-mutants is installed (pinned) on first use: about 4 minutes once.
step "mutation testing of the change (scripts/mutants.sh --ci)"
command -v cargo-mutants >/dev/null || cargo install --locked cargo-mutants@27.1.0
scripts/mutants.sh --ci
# ---- end of mutation testing ---------------------------------------------------------------------

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace

step "cargo package (the crate a user downloads builds on its own)"
cargo package --allow-dirty --no-verify -q
cargo package --allow-dirty --list | sort >target/package-files.txt
if grep -vE '^(src/.*|Cargo\.toml|Cargo\.toml\.orig|Cargo\.lock|README\.md|CHANGELOG\.md|\.cargo_vcs_info\.json)$' target/package-files.txt; then
  echo "error: unexpected files in the crate package (above)" >&2
  exit 1
fi
cargo package --allow-dirty -q

# ---- foreign corpus (issue 8, item 8) ------------------------------------------------------
# PyPI's cryptography-vectors (pinned; pip) through the CLI, checked against openssl: no crash,
# exit 0/1/2 only, JSON, fingerprints / not_after / SANs equal to openssl's, a key with its own
# certificate never key.mismatch. About 1 minute (2 on a cold cache). The npm half runs in
# scripts/test-npm.sh after the package is built. Known wrong verdicts: EXCEPTIONS in
# scripts/foreign_corpus.py.
step "foreign corpus: cryptography-vectors through the CLI, against openssl"
scripts/foreign-corpus.sh cli
# ---- end of foreign corpus -------------------------------------------------------------------

# ---- PKCS#12 (issue 22) ------------------------------------------------------------------------
# cryptography-vectors' PKCS#12 files and testdata/pkcs12 through the CLI against pyca (pinned,
# target/test-venv): the same certificates, a wrong password refused. About 5 s once installed.
step "PKCS#12 corpus: cryptography-vectors and testdata/pkcs12 through the CLI, against pyca"
scripts/test-pkcs12-corpus.sh
# ---- end of PKCS#12 ----------------------------------------------------------------------------

# ---- client-acceptance lints (issue 20) ---------------------------------------------------
# The boundary fixtures are exactly what scripts/gen-testdata-lints.py makes (Python
# `cryptography`, installed with the test venv), and pkilint (PyPI, pinned) agrees with every rule
# that names its findings over testdata/certs (exceptions, each reasoned, in
# scripts/pkilint-exceptions.tsv; a stale one fails). About 2 minutes on 2 cores.
step "client lints: fixtures are current (scripts/gen-testdata-lints.py --check)"
(. scripts/test-venv.sh && venv_install "cryptography==50.0.2" && "$venv_python" scripts/gen-testdata-lints.py --check)
step "client lints: pkilint differential (scripts/pkilint-differential.sh)"
scripts/pkilint-differential.sh
# pyca/cryptography's verdicts on the x509-limbo SERVER cases (issue 26's third oracle, read by
# tests/x509_limbo.rs) are what the pinned cryptography gives today. About 3 s.
step "path validation: pyca/cryptography's x509-limbo verdicts are current (scripts/limbo_pyca.py --check)"
(. scripts/test-venv.sh && venv_install "cryptography==50.0.2" && "$venv_python" scripts/limbo_pyca.py --check)
# The x509-limbo sample the npm and Python packages run (their limbo-sample tests) is what
# scripts/gen-limbo-sample.py picks from the suite and the exceptions file today. Standard
# library only, under a second.
step "path validation: the fronts' x509-limbo sample is current (scripts/gen-limbo-sample.py --check)"
python3 scripts/gen-limbo-sample.py --check
# ---- end of client-acceptance lints -----------------------------------------------------------

# --- command line: SARIF schema and pre-commit hook (issue 12) -------------------------------
# Both install their PyPI packages into target/test-venv; the SARIF schema comes from npm.
step "scan --format sarif against the SARIF 2.1.0 schema"
scripts/test-sarif.sh
step "pre-commit hook (try-repo; a release build of the CLI on first run)"
scripts/test-pre-commit.sh
# --- end of the command line block ---------------------------------------------------------

# --- schemas against goldens and provider models (issue 19) ---------------------------------
# `operations --schema` must accept every golden body without errors and reject the structural
# ones, and match the providers' own API models (pinned PyPI packages in target/test-venv)
# except where scripts/conformance-exceptions.txt says why. About 15 s warm; the first run
# installs the SDK packages (about 1 to 2 minutes).
step "schemas: goldens and the providers' own API models (conformance)"
scripts/test-conformance.sh
# --- end of the conformance block -----------------------------------------------------------

# --- what the official SDKs send (issue 25) --------------------------------------------------
# The official Python clients of all eleven operations, driven with a recorder instead of the
# network; their exact bodies (JSON, IAM's form encoding, Alibaba's URL query) through the CLI.
# About 3 minutes cold (pip installs the pinned SDKs into target/test-venv: 168 s without a
# pip cache), 25 s warm (15 s of it pytest).
step "official SDKs' request bodies through the CLI (tests/sdk)"
scripts/test-sdk-capture.sh
# --- end of the SDK block ----------------------------------------------------------------------

# ---- Python package (issue 21) -------------------------------------------------------------
# py/: `pip install ./py` into target/test-venv (maturin from PyPI; one release build of the
# extension, in target/), then pytest (parity with every golden case, the API against the CLI,
# odd inputs, a thread pool, the differential against pyca cryptography over
# cryptography-vectors) and mypy --strict. PyPI packages pinned in py/requirements-test.txt.
# About 3 minutes cold on an idle 2-core machine (the release build of the extension is 95
# CPU-seconds; the PyPI packages; pytest about 35 s), about a minute warm.
step "Python package: pip install ./py, pytest, mypy --strict"
scripts/test-python.sh
# ---- end of the Python package block -------------------------------------------------------

# ---- benchmark gates (issue 23, item 1) ----------------------------------------------------
# Each criterion benchmark once (`--test`), after its setup has checked that the report of its
# input is exactly that input's golden file (tests/golden_support/), so a change that breaks a
# benchmark fails here. A release build of the benches: about 5 minutes cold on 2 cores, seconds
# warm; the runs themselves take under a second. The Node benchmark's gate runs in
# scripts/test-npm.sh after the package is built.
step "benchmark gates: cargo bench --bench check / request / pool -- --test"
cargo bench --bench check -- --test
cargo bench --bench request -- --test
cargo bench --bench pool -- --test
# ---- end of benchmark gates ----------------------------------------------------------------

if [ -x scripts/test-npm.sh ]; then
  step "npm package: build, size budget, Node and Chromium tests"
  scripts/test-npm.sh
fi

step "all checks passed"
