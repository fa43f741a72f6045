#!/bin/sh
# Regenerates testdata/edges/: the verdicts at the edges that mutation testing (issue 27,
# scripts/mutants.sh) found no test pinned. The outputs are committed; run this only to change
# them (from the repository root or anywhere: `sh scripts/gen-testdata-edges.sh`). Needs
# OpenSSL 3 (`openssl ca` pins exact dates) and Python's `cryptography` (PYTHON, default python3;
# scripts/test-venv.sh installs it). Keys are random and not kept: no test needs them.
# Every certificate is valid 2026-01-01 .. 2035-12-31 (CAs to 2045-12-31); tests pin the clock.
#
# tampered-self-signed.pem   a leaf and its root, then a self-signed root whose signature was
#                            damaged (last byte flipped) and the undamaged original: the
#                            damaged one names itself as issuer, claims its own key, and no
#                            certificate of the bundle signed it (chain.bad_signature there,
#                            even though another certificate has its name)
# self-issued-no-key-ids.pem a leaf, its CA "Preflight Edges Rollover CA" (no key identifiers)
#                            and the older root of the same name whose key signed that CA: a
#                            self-issued CA issued by another certificate of the bundle, not a
#                            self-signed one with a bad signature
# two-leaves.pem             two leaves of one root (www, then api) and the root: a tie, the
#                            first leaf is the leaf
# two-leaves-reversed.pem    the same with api first
# stray-leaf-first.pem       a leaf whose issuer is not in the bundle, then a leaf of the root
#                            and the root: the longer path wins over the earlier certificate
# dsa-leaf.pem               a leaf with a 2048-bit DSA key, and the root (cert.weak_key)
# md5-leaf.pem               a leaf signed with md5WithRSAEncryption by the root, and the root
#                            (cert.sha1_signature, which names MD5 too)
# intermediate-eku-client-auth.pem  a leaf, an intermediate whose extendedKeyUsage is clientAuth
#                            only, and the root: no TLS server path (cert.ca_profile)
# intermediate-eku-any.pem   the same with anyExtendedKeyUsage only: rustls-webpki refuses it
# intermediate-eku-server-auth.pem  the same with serverAuth: accepted
set -eu
cd "$(dirname "$0")/.."
out=testdata/edges
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each file below is overwritten; the directory is not emptied, since
# scripts/gen-testdata-search.py writes its path-search edges here too.
mkdir -p "$out"

# shellcheck source=scripts/lib/test-ca.sh
. scripts/lib/test-ca.sh
test_ca_config "$work/ca"
cat >>"$work/ca/ca.cnf" <<'CNF'
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ca_no_ids ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
# OpenSSL 3 adds both identifiers unless told not to.
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[ v3_ica_eku ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
extendedKeyUsage = $ENV::ICA_EKU
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:$ENV::LEAF_NAME
CNF
export LEAF_NAME=www.example.com
export ICA_EKU=serverAuth
CA_START=20260101000000Z CA_END=20451231000000Z START=20260101000000Z END=20351231000000Z

die() { echo "gen-testdata-edges: $*" >&2; exit 1; }
rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
serial() { openssl rand -hex 8; }
# sign OUT KEY SUBJECT EXT [ISSUER_CERT ISSUER_KEY]
sign() {
  o=$1 k=$2 s=$3 e=$4
  shift 4
  if [ "$e" = v3_leaf ]; then start=$START end=$END; else start=$CA_START end=$CA_END; fi
  test_ca_sign "$o" "$k" "$s" "$(serial)" "$e" "$start" "$end" "$@" || die "cannot issue $o"
}
# issued_by CERT ISSUER: CERT's signature verifies with ISSUER's key (Python `cryptography`:
# `openssl verify` takes a CA without key identifiers that names itself for a self-signed root).
issued_by() {
  "$PY" - "$1" "$2" <<'PY' || die "$1 is not signed by the key of $2"
import sys
from cryptography import x509
cert, issuer = (x509.load_pem_x509_certificate(open(p, "rb").read()) for p in sys.argv[1:3])
cert.verify_directly_issued_by(issuer)
PY
}
PY=${PYTHON:-python3}

w=$work
rsa "$w/root.key"
sign "$w/root.pem" "$w/root.key" "/O=Preflight Test/CN=Preflight Edges Root" v3_root
rsa "$w/www.key"
sign "$w/www.pem" "$w/www.key" "/O=Preflight Test/CN=www.example.com" v3_leaf "$w/root.pem" "$w/root.key"
LEAF_NAME=api.example.com
rsa "$w/api.key"
sign "$w/api.pem" "$w/api.key" "/O=Preflight Test/CN=api.example.com" v3_leaf "$w/root.pem" "$w/root.key"
LEAF_NAME=www.example.com

# The damaged root: the same DER with the signature's last byte flipped (a BIT STRING at the
# very end, so the certificate still parses).
rsa "$w/other.key"
sign "$w/other.pem" "$w/other.key" "/O=Preflight Test/CN=Preflight Edges Other Root" v3_root
openssl x509 -in "$w/other.pem" -outform DER -out "$w/other.der"
python3 - "$w/other.der" "$w/tampered.der" <<'PY'
import sys
der = bytearray(open(sys.argv[1], "rb").read())
der[-1] ^= 0x01
open(sys.argv[2], "wb").write(der)
PY
openssl x509 -inform DER -in "$w/tampered.der" -out "$w/tampered.pem"
cmp -s "$w/tampered.pem" "$w/other.pem" && die "the damaged root is the original"
if openssl verify -check_ss_sig -CAfile "$w/tampered.pem" "$w/tampered.pem" >/dev/null 2>&1; then
  die "the damaged root still verifies"
fi
cat "$w/www.pem" "$w/root.pem" "$w/tampered.pem" "$w/other.pem" >"$out/tampered-self-signed.pem"

# A self-issued CA (RFC 5280 6.1: same name) under another key, signed by the older root of
# that name, without the key identifiers that would tell them apart.
name="/O=Preflight Test/CN=Preflight Edges Rollover CA"
rsa "$w/old.key"
rsa "$w/new.key"
sign "$w/old.pem" "$w/old.key" "$name" v3_ca_no_ids
sign "$w/new.pem" "$w/new.key" "$name" v3_ca_no_ids "$w/old.pem" "$w/old.key"
rsa "$w/rollover-leaf.key"
sign "$w/rollover-leaf.pem" "$w/rollover-leaf.key" "/O=Preflight Test/CN=www.example.com" v3_leaf \
  "$w/new.pem" "$w/new.key"
openssl x509 -in "$w/new.pem" -noout -ext subjectKeyIdentifier,authorityKeyIdentifier 2>/dev/null \
  | grep -q 'Key Identifier' && die "the self-issued CA has key identifiers"
issued_by "$w/new.pem" "$w/old.pem"
issued_by "$w/rollover-leaf.pem" "$w/new.pem"
if "$PY" - "$w/new.pem" <<'PY'; then die "the self-issued CA verifies with its own key"; fi
import sys
from cryptography import x509
cert = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
try:
    cert.verify_directly_issued_by(cert)
except Exception:
    sys.exit(1)
PY
cat "$w/rollover-leaf.pem" "$w/new.pem" "$w/old.pem" >"$out/self-issued-no-key-ids.pem"

# Leaf choice.
cat "$w/www.pem" "$w/api.pem" "$w/root.pem" >"$out/two-leaves.pem"
cat "$w/api.pem" "$w/www.pem" "$w/root.pem" >"$out/two-leaves-reversed.pem"
LEAF_NAME=stray.example.com
rsa "$w/stray.key"
sign "$w/stray.pem" "$w/stray.key" "/O=Preflight Test/CN=stray.example.com" v3_leaf "$w/other.pem" "$w/other.key"
LEAF_NAME=www.example.com
cat "$w/stray.pem" "$w/www.pem" "$w/root.pem" >"$out/stray-leaf-first.pem"

# The extended key usage of an intermediate, which clients apply to the path below it.
for eku in clientAuth anyExtendedKeyUsage serverAuth; do
  case $eku in
    clientAuth) file=intermediate-eku-client-auth.pem ;;
    anyExtendedKeyUsage) file=intermediate-eku-any.pem ;;
    *) file=intermediate-eku-server-auth.pem ;;
  esac
  export ICA_EKU=$eku
  rsa "$w/ica-$eku.key"
  sign "$w/ica-$eku.pem" "$w/ica-$eku.key" "/O=Preflight Test/CN=Preflight Edges $eku CA" v3_ica_eku \
    "$w/root.pem" "$w/root.key"
  sign "$w/ica-leaf-$eku.pem" "$w/www.key" "/O=Preflight Test/CN=www.example.com" v3_leaf \
    "$w/ica-$eku.pem" "$w/ica-$eku.key"
  cat "$w/ica-leaf-$eku.pem" "$w/ica-$eku.pem" "$w/root.pem" >"$out/$file"
done

# Weak key and digest of a leaf.
openssl genpkey -genparam -algorithm DSA -pkeyopt pbits:2048 -out "$w/dsa-params.pem" 2>/dev/null
openssl genpkey -paramfile "$w/dsa-params.pem" -out "$w/dsa.key"
sign "$w/dsa.pem" "$w/dsa.key" "/O=Preflight Test/CN=www.example.com" v3_leaf "$w/root.pem" "$w/root.key"
openssl x509 -in "$w/dsa.pem" -noout -text | grep -q 'Public Key Algorithm: dsaEncryption' \
  || die "the DSA leaf has no DSA key"
cat "$w/dsa.pem" "$w/root.pem" >"$out/dsa-leaf.pem"
sed 's/^default_md = sha256$/default_md = md5/' "$w/ca/ca.cnf" >"$w/ca/md5.cnf"
mv "$w/ca/md5.cnf" "$w/ca/ca.cnf"
sign "$w/md5.pem" "$w/www.key" "/O=Preflight Test/CN=www.example.com" v3_leaf "$w/root.pem" "$w/root.key"
openssl x509 -in "$w/md5.pem" -noout -text | grep -q 'Signature Algorithm: md5WithRSAEncryption' \
  || die "the MD5 leaf is not signed with MD5"
cat "$w/md5.pem" "$w/root.pem" >"$out/md5-leaf.pem"

echo "wrote $out"
