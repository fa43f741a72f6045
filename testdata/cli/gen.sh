#!/bin/sh
# Regenerates the command line tests' certificates (testdata/cli/*). The outputs are committed;
# run this only to change them. Needs openssl 3 (uses `openssl ca` to pin exact dates, since
# `x509 -not_before` only exists from 3.4). The keys here are test material, never secrets.
#
#   ca.pem / ca.key          self-signed RSA-2048 CA, 2026-01-01 .. 2035-12-31
#   leaf.pem / leaf.key      EC P-256 leaf for www.example.com, *.example.com, signed by the CA
#   fullchain.pem            leaf then CA (the right order)
#   misordered.pem           CA then leaf (chain.misordered; the fix reorders it)
#   leaf.der                 the leaf in DER (the CLI wraps it into PEM with a note)
#   other.key                an unrelated EC key (key.mismatch)
#   not-utf8.bin             bytes that are neither UTF-8 nor DER
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/lib/test-ca.sh
. ../../scripts/lib/test-ca.sh
test_ca_config "$work"
cat >> "$work/ca.cnf" <<CNF
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com, DNS:*.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# Subjects are written commonName first: the order these certificates have always had.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key 2>/dev/null
test_ca_sign ca.pem ca.key "/CN=cert-preflight Test CA/O=cert-preflight tests" 1000 v3_ca \
    20260101000000Z 20351231235959Z

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
test_ca_sign leaf.pem leaf.key "/CN=www.example.com/O=cert-preflight tests" 1001 v3_leaf \
    20260101000000Z 20351231235959Z ca.pem ca.key

cat leaf.pem ca.pem > fullchain.pem
cat ca.pem leaf.pem > misordered.pem
openssl x509 -in leaf.pem -outform DER -out leaf.der
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key
printf 'caf\351 \377\376 not a certificate\n' > not-utf8.bin
# openssl's own fingerprints of the leaf, for the CLI's `fingerprint` test.
openssl x509 -in leaf.pem -noout -fingerprint -sha1 | sed 's/^[^=]*=//' > leaf.sha1.txt
openssl x509 -in leaf.pem -noout -fingerprint -sha256 | sed 's/^[^=]*=//' > leaf.sha256.txt
