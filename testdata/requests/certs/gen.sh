#!/bin/sh
# Regenerates the request tests' certificates (RSA 2048, SHA-256), valid 2026-01-01..2035-12-31.
#   root-ca.pem      self-signed root (CA:TRUE)
#   inter-ca.pem     intermediate issued by the root (CA:TRUE)
#   leaf.pem/.key    server leaf issued by the intermediate, SANs www.example.com, example.com
#   chain3.pem       leaf + intermediate + root (the 3-certificate chain of the benchmark)
#   chain2.pem       leaf + intermediate
#   client-ca.pem    a standalone self-signed CA for ELB type client and SLB UploadCACertificate
#   and chain2.pem inline (one-line) in
#   ../huawei.elb.update-certificate/server_certificate_one_line.case.json
# Uses `openssl ca` for fixed validity dates (scripts/lib/test-ca.sh; OpenSSL 1.1.1 and 3.x).
# Run from anywhere: sh testdata/requests/certs/gen.sh
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=scripts/lib/test-ca.sh
. ../../../scripts/lib/test-ca.sh
test_ca_config "$tmp"
cat >> "$tmp/ca.cnf" <<X
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com,DNS:example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
X

# sign NAME SUBJECT SERIAL EXT [ISSUER]: $tmp/NAME.pem for $tmp/NAME.key, issued by
# $tmp/ISSUER.pem, or self-signed without ISSUER.
sign() {
  name=$1 subject=$2 serial=$3 ext=$4
  shift 4
  if [ $# -ge 1 ]; then set -- "$tmp/$1.pem" "$tmp/$1.key"; fi
  test_ca_sign "$tmp/$name.pem" "$tmp/$name.key" "$subject" "$serial" "$ext" \
    20260101000000Z 20351231000000Z "$@"
}

for k in root inter leaf client; do openssl genrsa -out "$tmp/$k.key" 2048 2>/dev/null; done
sign root "/C=CN/O=cert-preflight tests/CN=Preflight Test Root CA" 1001 v3_ca
sign inter "/C=CN/O=cert-preflight tests/CN=Preflight Test Intermediate CA" 2002 v3_ca root
sign leaf "/C=CN/O=cert-preflight tests/CN=www.example.com" 3003 v3_leaf inter
sign client "/C=CN/O=cert-preflight tests/CN=Preflight Client CA" 4004 v3_ca

cp "$tmp/root.pem" root-ca.pem
cp "$tmp/inter.pem" inter-ca.pem
cp "$tmp/leaf.pem" leaf.pem
cp "$tmp/leaf.key" leaf.key
cp "$tmp/client.pem" client-ca.pem
cat leaf.pem inter-ca.pem root-ca.pem > chain3.pem
cat leaf.pem inter-ca.pem > chain2.pem

# One case carries chain2.pem (leaf, intermediate) inline in the one-line PEM form of seed 003's
# example, which no `$file` can express: keep it the same certificates.
python3 - <<'PY'
import re
case = "../huawei.elb.update-certificate/server_certificate_one_line.case.json"
one_line = "".join(open("chain2.pem").read().strip().split("\n"))
text = open(case).read()
block = r"-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=]*-----END CERTIFICATE-----"
text, n = re.subn(f"({block})+", one_line, text)
assert n == 1, f"{case}: {n} one-line chains"
open(case, "w").write(text)
PY
