#!/usr/bin/env bash
# What the official SDKs send (issue 25): tests/sdk/ drives the official Python clients of the
# eleven operations (boto3, google-api-python-client, azure-keyvault-certificates, cloudflare,
# kubernetes, the Alibaba Cloud Tea and Huawei Cloud clients) with a recorder in place of the
# network, and checks the exact bytes each would send with the debug CLI. The SDKs are pinned in
# scripts/sdk-capture.requirements.txt and installed into target/test-venv on first use
# (168 s with no pip cache); the tests take about 15 seconds. Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-venv.sh

venv_install -r scripts/sdk-capture.requirements.txt
cargo build --quiet --bin cert-preflight
PYTHONDONTWRITEBYTECODE=1 CERT_PREFLIGHT="$target_dir/debug/cert-preflight" \
  "$venv_python" -m pytest -q -p no:cacheprovider tests/sdk
