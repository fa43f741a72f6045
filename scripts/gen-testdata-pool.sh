#!/usr/bin/env bash
# Regenerate testdata/pool/ (issue 22: completing a chain from a pool of intermediates).
#
#   bash scripts/gen-testdata-pool.sh        (from the repository root; OpenSSL 3)
#
# Keys are random (EC P-256, fast), so every run gives other bytes; the tests read the
# committed files and depend on no key, serial or fingerprint. Validity is explicit so every
# case keeps its meaning at the tests' NOW (2026-11-23T00:00:00Z). Each scenario is checked
# with `openssl verify` here, so the fixtures mean what their names say.
#
#   root.pem            "Pool Test Root": the caller's root (given with --roots)
#   leaf.pem, leaf.key  www.example.com, issued by "Pool Test Intermediate" (key A)
#   int.pem             "Pool Test Intermediate", key A, issued by the root: the right one
#   int-wrong.pem       the same name, key B, issued by the root (the wrong intermediate)
#   int-wrong-noski.pem the same name, key B, no key identifiers: only the signature tells
#   int-old.pem         the same name and key A, issued by "Pool Test Old Root" (a cross-sign
#                       whose root is not given: it reaches no anchor)
#   old-root.pem        "Pool Test Old Root" (self-signed, never a trust anchor here)
#   deep-leaf.pem       deep.example.com, issued by "Pool Test Issuing CA", issued by
#                       "Pool Test Intermediate" (key A): two missing levels
#   issuing.pem         "Pool Test Issuing CA"
#   pool-right.pem      int.pem
#   pool-wrong.pem      int-wrong.pem
#   pool-wrong-noski.pem int-wrong-noski.pem
#   pool-mixed.pem      int-wrong.pem, then int.pem
#   pool-cross.pem      old-root.pem, int-old.pem, then int.pem (the cross-sign comes first)
#   pool-deep.pem       int.pem, then issuing.pem (not in path order)
#   pool-dir/           a.pem (old-root.pem), b.der (int.pem as DER), c.p7b (int-wrong.pem
#                       and int-old.pem as PKCS#7), notes.txt (not a certificate file)
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT_DIR"
OUT=testdata/pool
NOW_EPOCH=1795392000 # 2026-11-23T00:00:00Z
NB=20260101000000Z
NA=20351231000000Z
CA_NB=20250101000000Z
CA_NA=20451231000000Z

WORK=$(mktemp -d)
LOG="$WORK/log"
trap 'rm -rf "$WORK"' EXIT
die() {
  echo "gen-testdata-pool: $*" >&2
  [ -s "$LOG" ] && tail -n 20 "$LOG" >&2
  exit 1
}
q() { "$@" >"$LOG" 2>&1 || die "failed: $*"; }

mkdir -p "$WORK/ca/new"
: >"$WORK/ca/index.txt"
export CADIR="$WORK/ca" SAN="DNS:www.example.com"
CNF="$WORK/ca.cnf"
cat >"$CNF" <<'CONF'
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir/new
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
preserve = yes
[ policy_any ]
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_ca_noski ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = $ENV::SAN
CONF

genkey() { q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
# issue OUT KEY SUBJ ISSUER_CERT|self ISSUER_KEY START END EXT
issue() {
  local out=$1 key=$2 subj=$3 icert=$4 ikey=$5 start=$6 end=$7 ext=$8
  q openssl req -new -config "$CNF" -key "$key" -subj "$subj" -out "$WORK/req.csr"
  if [ "$icert" = self ]; then
    q openssl ca -config "$CNF" -batch -notext -selfsign -keyfile "$key" -in "$WORK/req.csr" \
      -startdate "$start" -enddate "$end" -extensions "$ext" -out "$out"
  else
    q openssl ca -config "$CNF" -batch -notext -cert "$icert" -keyfile "$ikey" \
      -in "$WORK/req.csr" -startdate "$start" -enddate "$end" -extensions "$ext" -out "$out"
  fi
}
verify_ok() { q openssl verify -attime "$NOW_EPOCH" -CAfile "$1" -untrusted "$2" "$3"; }
verify_fails() {
  if openssl verify -attime "$NOW_EPOCH" -CAfile "$1" -untrusted "$2" "$3" >"$LOG" 2>&1; then
    die "verify unexpectedly succeeded: $3 with $2"
  fi
}

rm -rf "$OUT"
mkdir -p "$OUT/pool-dir"
K=$WORK
INT="/O=Preflight Test/CN=Pool Test Intermediate"
for k in root old-root a b issuing; do genkey "$K/$k.key"; done
genkey "$OUT/leaf.key"
genkey "$WORK/deep-leaf.key"

issue "$OUT/root.pem" "$K/root.key" "/O=Preflight Test/CN=Pool Test Root" self - "$CA_NB" "$CA_NA" v3_root
issue "$OUT/old-root.pem" "$K/old-root.key" "/O=Preflight Test/CN=Pool Test Old Root" self - "$CA_NB" "$CA_NA" v3_root
issue "$OUT/int.pem" "$K/a.key" "$INT" "$OUT/root.pem" "$K/root.key" "$CA_NB" "$CA_NA" v3_ca
issue "$OUT/int-wrong.pem" "$K/b.key" "$INT" "$OUT/root.pem" "$K/root.key" "$CA_NB" "$CA_NA" v3_ca
issue "$OUT/int-wrong-noski.pem" "$K/b.key" "$INT" "$OUT/root.pem" "$K/root.key" "$CA_NB" "$CA_NA" v3_ca_noski
issue "$OUT/int-old.pem" "$K/a.key" "$INT" "$OUT/old-root.pem" "$K/old-root.key" "$CA_NB" "$CA_NA" v3_ca
SAN="DNS:www.example.com" issue "$OUT/leaf.pem" "$OUT/leaf.key" "/O=Preflight Test/CN=www.example.com" \
  "$OUT/int.pem" "$K/a.key" "$NB" "$NA" v3_leaf
issue "$OUT/issuing.pem" "$K/issuing.key" "/O=Preflight Test/CN=Pool Test Issuing CA" \
  "$OUT/int.pem" "$K/a.key" "$CA_NB" "$CA_NA" v3_ca
SAN="DNS:deep.example.com" issue "$OUT/deep-leaf.pem" "$WORK/deep-leaf.key" \
  "/O=Preflight Test/CN=deep.example.com" "$OUT/issuing.pem" "$K/issuing.key" "$NB" "$NA" v3_leaf

cp "$OUT/int.pem" "$OUT/pool-right.pem"
cp "$OUT/int-wrong.pem" "$OUT/pool-wrong.pem"
cp "$OUT/int-wrong-noski.pem" "$OUT/pool-wrong-noski.pem"
cat "$OUT/int-wrong.pem" "$OUT/int.pem" >"$OUT/pool-mixed.pem"
cat "$OUT/old-root.pem" "$OUT/int-old.pem" "$OUT/int.pem" >"$OUT/pool-cross.pem"
cat "$OUT/int.pem" "$OUT/issuing.pem" >"$OUT/pool-deep.pem"
cp "$OUT/old-root.pem" "$OUT/pool-dir/a.pem"
q openssl x509 -in "$OUT/int.pem" -outform DER -out "$OUT/pool-dir/b.der"
q openssl crl2pkcs7 -nocrl -certfile "$OUT/int-wrong.pem" -certfile "$OUT/int-old.pem" \
  -outform DER -out "$OUT/pool-dir/c.p7b"
echo "not a certificate file: the pool reads only certificate extensions" >"$OUT/pool-dir/notes.txt"

# What each scenario means, by openssl's own path building.
verify_ok "$OUT/root.pem" "$OUT/pool-right.pem" "$OUT/leaf.pem"
verify_ok "$OUT/root.pem" "$OUT/pool-mixed.pem" "$OUT/leaf.pem"
# OpenSSL 3.0 takes the first issuer it finds among the untrusted certificates and does not
# try the other: with the cross-sign first it ends at the old root and fails. Choosing the
# candidate that reaches an anchor is what the pool completion adds over it (rustls-webpki
# and browsers search the paths).
verify_fails "$OUT/root.pem" "$OUT/pool-cross.pem" "$OUT/leaf.pem"
verify_ok "$OUT/root.pem" "$OUT/int.pem" "$OUT/leaf.pem"
verify_ok "$OUT/root.pem" "$OUT/pool-deep.pem" "$OUT/deep-leaf.pem"
verify_fails "$OUT/root.pem" "$OUT/pool-wrong.pem" "$OUT/leaf.pem"
verify_fails "$OUT/root.pem" "$OUT/pool-wrong-noski.pem" "$OUT/leaf.pem"
verify_fails "$OUT/root.pem" "$OUT/int-old.pem" "$OUT/leaf.pem"
verify_ok "$OUT/old-root.pem" "$OUT/int-old.pem" "$OUT/leaf.pem"
# The wrong intermediates share the right one's name and not its key.
[ "$(openssl x509 -in "$OUT/int.pem" -noout -subject)" = "$(openssl x509 -in "$OUT/int-wrong.pem" -noout -subject)" ] \
  || die "int-wrong.pem must have the intermediate's name"
[ "$(openssl x509 -in "$OUT/int.pem" -noout -pubkey)" != "$(openssl x509 -in "$OUT/int-wrong.pem" -noout -pubkey)" ] \
  || die "int-wrong.pem must have another key"
[ "$(openssl x509 -in "$OUT/int.pem" -noout -pubkey)" = "$(openssl x509 -in "$OUT/int-old.pem" -noout -pubkey)" ] \
  || die "int-old.pem must be a cross-sign of the same key"
echo "gen-testdata-pool: wrote $OUT; all openssl checks passed"
