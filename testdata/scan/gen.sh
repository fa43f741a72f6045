#!/bin/sh
# Regenerates the `scan` tests' data (testdata/scan/*). The outputs are committed; run this only
# to change them. Needs openssl 3 (`openssl ca` pins exact dates). Keys are test material, never
# secrets. Tests pin the clock at 2026-11-23T00:00:00Z.
#
# ca.pem / ca.key            self-signed EC P-256 CA, 2025-01-01 .. 2045-12-31
# mixed/                     a directory as a pipeline finds one:
#   good.crt + good.key      leaf www.example.com + CA, with its key beside it (sibling pairing)
#   misordered.pem           CA then leaf (chain.misordered: an error)
#   wrong.crt + wrong.key    a leaf with somebody else's key beside it (key.mismatch: an error)
#   leaf.der                 the good leaf in DER
#   bundle.p7b / bundle.p7c  the good leaf + CA as PKCS#7, DER and PEM
#   orphan.key               a private key with no certificate (not checked on its own)
#   noext                    a PEM certificate without an extension (found by its content)
#   notes.txt                not PEM (ignored)
#   .hidden/skipped.pem      in a hidden directory (skipped unless --hidden)
#   The tests add, in their own copy, `gone.pem` (a symbolic link to nothing), `loop` (a
#   link to its own directory) and `orphan-der.key` (orphan.key in DER): committed here they
#   would trip every other walk of testdata (which reads every .key as text).
# expiry/                    four leaves (each + CA) whose names sort differently from their
#                            expiry: a-far 2035-12-31, b-40-days 2027-01-02, c-expired
#                            2026-11-01, d-10-days 2026-12-03
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf mixed expiry ca.pem ca.key
mkdir -p mixed/.hidden expiry

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
subjectAltName = DNS:\$ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
export SAN=unused

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

# Subjects are written commonName first: the order these certificates have always had.
ec_key ca.key
test_ca_sign ca.pem ca.key "/CN=cert-preflight Scan CA/O=cert-preflight tests" 1000 v3_ca \
    20250101000000Z 20451231235959Z

# leaf NAME CN SERIAL START END: writes $work/NAME.pem (leaf only) and $work/NAME.key
leaf() {
    ec_key "$work/$1.key"
    SAN=$2
    test_ca_sign "$work/$1.pem" "$work/$1.key" "/CN=$2/O=cert-preflight tests" "$3" v3_leaf \
        "$4" "$5" ca.pem ca.key
}

leaf good www.example.com 1001 20260101000000Z 20351231235959Z
cat "$work/good.pem" ca.pem > mixed/good.crt
cp "$work/good.key" mixed/good.key
cat ca.pem "$work/good.pem" > mixed/misordered.pem
leaf wrong wrong.example.com 1002 20260101000000Z 20351231235959Z
cat "$work/wrong.pem" ca.pem > mixed/wrong.crt
cp "$work/good.key" mixed/wrong.key
openssl x509 -in "$work/good.pem" -outform DER -out mixed/leaf.der
openssl crl2pkcs7 -nocrl -certfile mixed/good.crt -outform DER -out mixed/bundle.p7b
openssl crl2pkcs7 -nocrl -certfile mixed/good.crt -out mixed/bundle.p7c
ec_key mixed/orphan.key
cp mixed/good.crt mixed/noext
printf 'These are the test certificates for cert-preflight scan.\n' > mixed/notes.txt
cp mixed/good.crt mixed/.hidden/skipped.pem

leaf far far.example.com 1003 20260101000000Z 20351231235959Z
leaf forty forty.example.com 1004 20260101000000Z 20270102000000Z
leaf expired expired.example.com 1005 20250601000000Z 20261101000000Z
leaf ten ten.example.com 1006 20260101000000Z 20261203000000Z
cat "$work/far.pem" ca.pem > expiry/a-far.pem
cat "$work/forty.pem" ca.pem > expiry/b-40-days.pem
cat "$work/expired.pem" ca.pem > expiry/c-expired.pem
cat "$work/ten.pem" ca.pem > expiry/d-10-days.pem
