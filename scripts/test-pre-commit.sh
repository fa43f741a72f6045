#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with PyPI's pre-commit: `pre-commit try-repo` of this repository
# (its committed HEAD plus uncommitted changes of tracked files) on a throwaway git repository
# holding a good and a bad certificate; the hook must pass on the good one and fail, naming the
# problem, on the bad one. pre-commit builds the hook with `cargo install` (a release build);
# CARGO_TARGET_DIR points at target/pre-commit so that later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-venv.sh
venv_install "pre-commit==4.7.0"

repo=$PWD
export CARGO_TARGET_DIR="$target_dir/pre-commit"
export PRE_COMMIT_HOME="$target_dir/pre-commit-home"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp testdata/scan/mixed/good.crt testdata/scan/mixed/good.key testdata/scan/mixed/misordered.pem "$work/"
git -C "$work" init --quiet
git -C "$work" add .
git -C "$work" -c user.name=test -c user.email=test@example.com commit --quiet -m certificates

try_repo() { (cd "$work" && "$venv_dir/bin/pre-commit" try-repo "$repo" cert-preflight --files "$@"); }

if ! good=$(try_repo good.crt good.key 2>&1); then
  printf '%s\n' "$good"
  echo "FAIL: the hook rejected a good certificate and its key" >&2
  exit 1
fi
if bad=$(try_repo misordered.pem 2>&1); then
  printf '%s\n' "$bad"
  echo "FAIL: the hook passed a misordered bundle" >&2
  exit 1
fi
if ! grep -q 'error\[chain.misordered\]' <<<"$bad"; then
  printf '%s\n' "$bad"
  echo "FAIL: the hook failed without naming chain.misordered" >&2
  exit 1
fi
echo "pre-commit hook: passes good.crt + good.key, fails misordered.pem with chain.misordered"
