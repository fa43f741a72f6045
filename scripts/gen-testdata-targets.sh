#!/usr/bin/env bash
# Fixtures for the operations beyond the seeds (TARGETS.md, issue 11), written to
# testdata/requests/certs/targets/. Built from the request fixtures' own test PKI
# (testdata/requests/certs: leaf.pem, leaf.key, inter-ca.pem, root-ca.pem from gen.sh) so the
# chains verify; the outputs are committed. Re-run: bash scripts/gen-testdata-targets.sh
set -euo pipefail
cd "$(dirname "$0")/../testdata/requests/certs"
out=targets
mkdir -p "$out"

# Keys in the encodings users pass (aws-, az-, k8s- cases).
openssl pkcs8 -topk8 -in leaf.key -v2 aes-256-cbc -passout pass:preflight -out "$out/leaf-encrypted.key" 2>/dev/null
openssl rsa -in leaf.key -traditional -out "$out/leaf-pkcs1.key" 2>/dev/null
openssl genrsa -out "$out/other.key" 2048 2>/dev/null

# Base64 of PEM (the AWS wire form, Kubernetes `data`), on one line as botocore and kubectl
# write it; and base64 of base64 (encoded twice).
b64() { base64 -w0 "$1"; }
b64 leaf.pem >"$out/leaf.pem.b64"
b64 leaf.key >"$out/leaf.key.b64"
b64 inter-ca.pem >"$out/inter-ca.pem.b64"
cat inter-ca.pem leaf.pem | base64 -w0 >"$out/inter-then-leaf.pem.b64"
b64 "$out/leaf.pem.b64" >"$out/leaf.pem.b64.b64"
openssl x509 -in leaf.pem -outform der | base64 -w0 >"$out/leaf.der.b64"

# CRLF line ends (Key Vault fails on them) and a UTF-8 byte-order mark (IAM refuses U+FEFF).
sed 's/$/\r/' leaf.pem >"$out/leaf-crlf.pem"
sed 's/$/\r/' "$out/leaf-pkcs1.key" >"$out/leaf-pkcs1-crlf.key"
printf '\xef\xbb\xbf' | cat - leaf.pem >"$out/leaf-bom.pem"
# Trailing spaces at the end of PEM lines (ACM refuses them).
sed 's/$/  /' leaf.pem >"$out/leaf-trailing-spaces.pem"
# An RSA-8192 key: 6.4 KB of PEM, over ACM's 5,120-byte PrivateKey limit (and outside its key set).
openssl genrsa -out "$out/rsa-8192.key" 8192 2>/dev/null
# A PFX (PKCS#12) of the leaf and its key, base64 as Key Vault's `value` takes it.
openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile inter-ca.pem -passout pass:preflight | base64 -w0 >"$out/leaf.pfx.b64"
