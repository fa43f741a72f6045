#!/usr/bin/env bash
# Regenerate testdata/certs/curves/: a self-signed certificate and its own private key (PKCS#8
# and SEC1) on each elliptic curve that is not P-256/P-384/P-521, so tests can check that a key
# and its own certificate always match whatever the curve (issue 8, item 3).
#
#   bash scripts/gen-testdata-curves.sh      (from the repository root; OpenSSL 3)
#
# Keys are random: the committed files keep tests deterministic. OpenSSL 3.0 req has no
# -not_before, so validity runs 5000 days from the day of generation; tests judge at 2030-01-01.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=testdata/certs/curves
rm -rf "$OUT"
mkdir -p "$OUT"
for curve in prime192v1 secp224r1 secp256k1 brainpoolP256r1 brainpoolP384r1; do
  openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$curve" \
    -pkeyopt ec_param_enc:named_curve -out "$OUT/$curve.key" 2>/dev/null
  openssl ec -in "$OUT/$curve.key" -out "$OUT/$curve.sec1.key" 2>/dev/null
  openssl req -new -x509 -key "$OUT/$curve.key" -sha256 -days 5000 \
    -subj "/O=Preflight Test/CN=$curve.example.com" \
    -addext "subjectAltName=DNS:$curve.example.com" \
    -set_serial 1 \
    -out "$OUT/$curve.pem" 2>/dev/null
  # The key and the certificate must agree for openssl too.
  [ "$(openssl pkey -in "$OUT/$curve.key" -pubout | openssl sha256)" = \
    "$(openssl x509 -in "$OUT/$curve.pem" -noout -pubkey | openssl sha256)" ] \
    || { echo "gen-testdata-curves: $curve key and certificate differ" >&2; exit 1; }
done
echo "wrote $(ls "$OUT" | wc -l) files to $OUT"
