#!/usr/bin/env bash
# Sourced by the command line's check scripts (test-sarif.sh, test-pre-commit.sh): a Python
# virtual environment in target/test-venv with the PyPI packages named as arguments, pinned,
# installed on first use. `venv_python` is its interpreter.
set -euo pipefail

# Absolute, so that it still works after a `cd`.
target_dir="${CARGO_TARGET_DIR:-target}"
[[ "$target_dir" = /* ]] || target_dir="$PWD/$target_dir"
venv_dir="$target_dir/test-venv"
venv_python="$venv_dir/bin/python"

# venv_install "pkg==1.2.3" ...: installs what is not there yet (pip is quiet when it is).
venv_install() {
  [ -x "$venv_python" ] || python3 -m venv "$venv_dir"
  "$venv_python" -m pip install --quiet --disable-pip-version-check "$@"
}
