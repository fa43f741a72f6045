#!/usr/bin/env bash
# Regenerate the fixtures of the verdict fixes of issue 8 (run after scripts/gen-testdata.sh,
# from whose keys and certificates some are derived):
#
#   testdata/certs/curves/   a self-signed certificate and its own private key (PKCS#8 and
#                            SEC1) on each elliptic curve that is not P-256/P-384/P-521, so
#                            tests can check that a key always matches its own certificate
#   testdata/certs/forms/der-keys/  the rsa/ and ec-p256/ leaf keys as binary DER (PKCS#8,
#                            encrypted PKCS#8, PKCS#1, SEC1), and the rsa/ leaf PEM inside text
#                            that is not UTF-8 (Latin-1 "Bag Attributes", as a PKCS#12 export on
#                            Windows writes them)
#
#   bash scripts/gen-testdata-verdicts.sh      (from the repository root; OpenSSL 3)
#
# Keys are random: the committed files keep tests deterministic. OpenSSL 3.0 req has no
# -not_before, so the curve certificates are valid for 5000 days from the day of generation;
# tests judge them at 2030-01-01.
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
    || { echo "gen-testdata-verdicts: $curve key and certificate differ" >&2; exit 1; }
done

OUT=testdata/certs/forms/der-keys
rm -rf "$OUT"
mkdir -p "$OUT"
RSA=testdata/certs/rsa
EC=testdata/certs/ec-p256
openssl pkey -in "$RSA/leaf.key" -outform DER -out "$OUT/rsa.pkcs8.der"
openssl rsa -in "$RSA/leaf.key" -traditional -outform DER -out "$OUT/rsa.pkcs1.der" 2>/dev/null
openssl pkcs8 -topk8 -in "$RSA/leaf.key" -v2 aes-256-cbc -passout pass:test -outform DER \
  -out "$OUT/rsa.encrypted-pkcs8.der"
openssl pkey -in "$EC/leaf.key" -outform DER -out "$OUT/ec.pkcs8.der"
openssl ec -in "$EC/leaf.key" -outform DER -out "$OUT/ec.sec1.der" 2>/dev/null
{
  printf 'Bag Attributes\n    friendlyName: Caf\xe9 Ol\xe9 \xa9 2026\n'
  printf 'subject=/CN=www.example.com\n'
  cat "$RSA/leaf.pem"
} >"$OUT/leaf-latin1-bag-attributes.txt"
if iconv -f UTF-8 -t UTF-8 "$OUT/leaf-latin1-bag-attributes.txt" >/dev/null 2>&1; then
  echo "gen-testdata-verdicts: the Latin-1 file is valid UTF-8" >&2
  exit 1
fi
echo "wrote testdata/certs/curves and $OUT"
