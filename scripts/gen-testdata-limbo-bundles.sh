#!/usr/bin/env bash
# Bundles (leaf, then intermediates) of x509-limbo cases that the certificate goldens use
# (issue 26): testdata/golden/certificate/path-*.case.json read one certificate file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASES="$ROOT/testdata/x509-limbo/cases"
OUT="$ROOT/testdata/x509-limbo-bundles"
mkdir -p "$OUT"
for case in rfc5280_nc_excluded-dns-match pathlen_intermediate-violates-pathlen-0; do
  cat "$CASES/$case/leaf.pem" "$CASES/$case/intermediates.pem" >"$OUT/$case.pem"
done
