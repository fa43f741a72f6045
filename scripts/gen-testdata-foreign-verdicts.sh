#!/usr/bin/env bash
# Regenerate testdata/certs/foreign/: the fixtures of the verdicts the foreign corpus made us
# doubt (issue 8's closing note, "Verdicts the foreign corpus made us doubt"), used by
# tests/foreign_verdicts.rs. Two kinds of file:
#
#   copied from PyPI cryptography-vectors (the pinned version scripts/foreign-corpus.sh
#   installs; Apache-2.0 OR BSD-3-Clause), unchanged, under the name they have there:
#     rsae_ca.pem                  self-signed, RSASSA-PSS with SHA-256 and a 20-byte salt
#     rsa_pss_cert.pem             an RSASSA-PSS SubjectPublicKeyInfo key (OID 1.2.840.113549.1.1.10)
#     invalid_utf8_common_name.pem a commonName whose UTF8String is not UTF-8
#     two_basic_constraints.pem    the basicConstraints extension twice
#     ec-inconsistent-curve.pem    PKCS#8: P-256 outside, P-384 in the ECPrivateKey, a P-256 point
#     ec-inconsistent-curve2.pem   PKCS#8: P-384 outside, P-256 in the ECPrivateKey, a P-256 point
#     secp128r1_private_key.pem    SEC1 key on secp128r1
#
#   made here with openssl (keys are random; the committed files keep tests deterministic):
#     pss-root.pem / pss-salt20-chain.pem   an RSA root, and a leaf it signed with RSASSA-PSS,
#                                  SHA-256 and a 20-byte salt (leaf, then root)
#     pss-mgf1-sha1-chain.pem      the same with MGF1 over SHA-1 instead of SHA-256
#     rsassa-pss.key / .pem        an RSASSA-PSS key (OID 1.2.840.113549.1.1.10) and its
#                                  self-signed certificate
#     explicit-p256.key / .pem     a P-256 key written with explicit curve parameters, and its
#                                  self-signed certificate (which carries them too)
#     secp128r1.pem                a self-signed certificate for secp128r1_private_key.pem
#
#   bash scripts/gen-testdata-foreign-verdicts.sh     (from the repository root; OpenSSL 3)
#
# The generated certificates are valid for 5000 days from generation; tests judge them at
# 2030-01-01.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VERSION=50.0.2 # as scripts/foreign-corpus.sh
VECTORS="target/foreign-corpus/$VERSION/site/cryptography_vectors"
if [ ! -d "$VECTORS/x509" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "target/foreign-corpus/$VERSION/site" "cryptography-vectors==$VERSION"
fi

OUT=testdata/certs/foreign
rm -rf "$OUT"
mkdir -p "$OUT"
for f in x509/custom/ca/rsae_ca.pem x509/custom/rsa_pss_cert.pem \
  x509/custom/invalid_utf8_common_name.pem x509/custom/two_basic_constraints.pem \
  asymmetric/PKCS8/ec-inconsistent-curve.pem asymmetric/PKCS8/ec-inconsistent-curve2.pem \
  asymmetric/EC/secp128r1_private_key.pem; do
  cp "$VECTORS/$f" "$OUT/"
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
subj() { printf '/O=Preflight Test/CN=%s' "$1"; }

# An RSA root, and leaves it signs with RSASSA-PSS parameters ring cannot verify.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/root.key" 2>/dev/null
openssl req -new -x509 -key "$TMP/root.key" -sha256 -days 5000 -subj "$(subj 'PSS Test Root')" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -set_serial 1 -out "$OUT/pss-root.pem" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/leaf.key" 2>/dev/null
openssl req -new -key "$TMP/leaf.key" -subj "$(subj pss.example.com)" -out "$TMP/leaf.csr"
printf 'subjectAltName=DNS:pss.example.com\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
  >"$TMP/leaf.ext"
sign_leaf() { # out, extra -sigopt arguments
  local out="$1"
  shift
  openssl x509 -req -in "$TMP/leaf.csr" -CA "$OUT/pss-root.pem" -CAkey "$TMP/root.key" \
    -set_serial 2 -days 5000 -sha256 -extfile "$TMP/leaf.ext" \
    -sigopt rsa_padding_mode:pss "$@" -out "$TMP/leaf.pem" 2>/dev/null
  openssl verify -CAfile "$OUT/pss-root.pem" "$TMP/leaf.pem" >/dev/null
  cat "$TMP/leaf.pem" "$OUT/pss-root.pem" >"$OUT/$out"
}
sign_leaf pss-salt20-chain.pem -sigopt rsa_pss_saltlen:20
sign_leaf pss-mgf1-sha1-chain.pem -sigopt rsa_pss_saltlen:32 -sigopt rsa_mgf1_md:sha1
openssl x509 -in "$OUT/pss-salt20-chain.pem" -noout -text | grep -q 'Salt Length: 0x14'
openssl x509 -in "$OUT/pss-mgf1-sha1-chain.pem" -noout -text | grep -q 'mgf1 with sha1'

# Keys and their own self-signed certificates.
self_signed() { # key, out, cn
  openssl req -new -x509 -key "$1" -sha256 -days 5000 -subj "$(subj "$3")" \
    -addext "subjectAltName=DNS:$3" -set_serial 1 -out "$2" 2>/dev/null
  [ "$(openssl pkey -in "$1" -pubout | openssl sha256)" = \
    "$(openssl x509 -in "$2" -noout -pubkey | openssl sha256)" ] ||
    { echo "gen-testdata-foreign-verdicts: $1 and $2 differ" >&2; exit 1; }
}
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$OUT/rsassa-pss.key" 2>/dev/null
self_signed "$OUT/rsassa-pss.key" "$OUT/rsassa-pss.pem" rsassa-pss.example.com
openssl x509 -in "$OUT/rsassa-pss.pem" -noout -text | grep -q 'Public Key Algorithm: rsassaPss'
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:explicit \
  -out "$OUT/explicit-p256.key" 2>/dev/null
self_signed "$OUT/explicit-p256.key" "$OUT/explicit-p256.pem" explicit.example.com
openssl x509 -in "$OUT/explicit-p256.pem" -noout -text | grep -q 'Field Type: prime-field'
self_signed "$OUT/secp128r1_private_key.pem" "$OUT/secp128r1.pem" secp128r1.example.com
echo "wrote $OUT"
