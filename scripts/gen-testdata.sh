#!/usr/bin/env bash
# Regenerate testdata/certs/ (the committed test certificates).
#
#   bash scripts/gen-testdata.sh        (from the repository root)
#   bash scripts/gen-testdata.sh chains (only testdata/certs/chains/, public/ and facts.json)
#
# Everything under testdata/certs/ except README.md is wiped and rebuilt with openssl
# (tested with OpenSSL 3.0) and python3 (standard library only, scripts/gen-testdata.py).
# Keys are random, so every run produces different bytes; tests read the committed files
# and must not depend on particular keys, serials or fingerprints, except seed003/, which
# is copied verbatim from the seed 003 example response.
#
# Tests pin the clock to NOW = 2026-11-23T00:00:00Z. Validity periods are explicit
# (openssl ca -startdate/-enddate) so that every scenario keeps its meaning at NOW.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT_DIR"
OUT=testdata/certs
PY="python3 scripts/gen-testdata.py"
NOW_EPOCH=1795392000 # 2026-11-23T00:00:00Z

# Normal validity, and a longer one for roots and intermediates.
NB=20260101000000Z
NA=20351231000000Z
CA_NB=20250101000000Z
CA_NA=20451231000000Z

WORK=$(mktemp -d)
LOG="$WORK/log"
trap 'rm -rf "$WORK"' EXIT

die() {
  echo "gen-testdata: $*" >&2
  if [ -s "$LOG" ]; then tail -n 30 "$LOG" >&2; fi
  exit 1
}

# Run a command quietly; on failure show its output and stop.
q() {
  if ! "$@" >"$LOG" 2>&1; then
    die "failed: $*"
  fi
}

# ---------------------------------------------------------------------------------------
# Minimal `openssl ca` set-up: one config, one database, random serials.
mkdir -p "$WORK/ca/new"
: >"$WORK/ca/index.txt"
export CADIR="$WORK/ca"
export SAN="DNS:www.example.com"
export EKU="serverAuth"
export KU="digitalSignature"
CNF="$WORK/ca.cnf"
cat >"$CNF" <<'EOF'
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
email_in_dn = no
preserve = yes

[ policy_any ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
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

[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, $ENV::KU
extendedKeyUsage = $ENV::EKU
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = $ENV::SAN

[ v3_leaf_nosan ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, $ENV::KU
extendedKeyUsage = $ENV::EKU
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_leaf_is_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = $ENV::SAN

[ v3_not_ca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_selfsigned_not_ca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = $ENV::SAN
EOF

# genkey OUT ALG   (ALG: rsa, rsa1024, p256, p384, secp256k1, ed25519); PKCS#8 PEM.
genkey() {
  local out=$1 alg=$2
  case $alg in
    rsa) q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out" ;;
    rsa1024) q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$out" ;;
    p256) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$out" ;;
    p384) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$out" ;;
    p521) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve -out "$out" ;;
    secp256k1) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -pkeyopt ec_param_enc:named_curve -out "$out" ;;
    ed25519) q openssl genpkey -algorithm ED25519 -out "$out" ;;
    *) die "unknown key algorithm $alg" ;;
  esac
}

# issue OUT KEY SUBJ ISSUER_CERT ISSUER_KEY START END EXT [extra openssl ca args...]
# ISSUER_CERT "self" makes a self-signed certificate.
issue() {
  local out=$1 key=$2 subj=$3 icert=$4 ikey=$5 start=$6 end=$7 ext=$8
  shift 8
  local csr="$WORK/req.csr"
  q openssl req -new -config "$CNF" -key "$key" -subj "$subj" -out "$csr"
  if [ "$icert" = self ]; then
    q openssl ca -config "$CNF" -batch -notext -selfsign -keyfile "$key" -in "$csr" \
      -startdate "$start" -enddate "$end" -extensions "$ext" -out "$out" "$@"
  else
    q openssl ca -config "$CNF" -batch -notext -cert "$icert" -keyfile "$ikey" -in "$csr" \
      -startdate "$start" -enddate "$end" -extensions "$ext" -out "$out" "$@"
  fi
}

# Check a chain with openssl verify at NOW: verify_ok ROOT UNTRUSTED_OR_- LEAF
verify_ok() {
  local root=$1 untrusted=$2 leaf=$3
  local args=(-attime "$NOW_EPOCH" -x509_strict -CAfile "$root")
  [ "$untrusted" != - ] && args+=(-untrusted "$untrusted")
  q openssl verify "${args[@]}" "$leaf"
}
# The same, but the verification must fail with the given openssl error text.
verify_fails() {
  local expect=$1 root=$2 untrusted=$3 leaf=$4
  local args=(-attime "$NOW_EPOCH" -CAfile "$root")
  [ "$untrusted" != - ] && args+=(-untrusted "$untrusted")
  if openssl verify "${args[@]}" "$leaf" >"$LOG" 2>&1; then
    die "verify unexpectedly succeeded for $leaf"
  fi
  grep -q "$expect" "$LOG" || die "verify of $leaf failed, but not with '$expect'"
}
# keys_match CERT KEY: the key's public half is the certificate's.
keys_match() {
  local a b
  a=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || die "cannot read $1"
  b=$(openssl pkey -in "$2" -pubout -passin pass:test 2>/dev/null) || die "cannot read $2"
  [ "$a" = "$b" ] || die "key $2 does not match $1"
}
# first certificate of a PEM file
first_cert() { openssl x509 -in "$1"; }

# Chain scenarios (testdata/certs/chains/); `gen-testdata.sh chains` rebuilds only those.
# shellcheck source=scripts/gen-testdata-chains.sh
source scripts/gen-testdata-chains.sh
if [ "${1:-}" = chains ]; then
  gen_chains
  gen_public
  $PY facts "$OUT" "$OUT/facts.json"
  echo "gen-testdata: rebuilt $OUT/chains and facts.json; all openssl checks passed"
  exit 0
fi

# ---------------------------------------------------------------------------------------
# foreign/ is kept: scripts/gen-testdata-foreign-verdicts.sh makes it from other sources (PyPI
# cryptography-vectors and keys of its own), and so is lints/ (scripts/gen-testdata-lints.py).
# curves/ and forms/der-keys/ are derived from the keys written here, so scripts/gen-testdata-verdicts.sh rewrites them at the end.
find "$OUT" -mindepth 1 -maxdepth 1 ! -name README.md ! -name foreign ! -name lints -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$OUT"
# Byte-exact files (CRLF, BOM, no trailing newline): keep git from converting line ends.
printf '%s\n' '# generated by scripts/gen-testdata.sh: the bytes matter, never convert line ends' \
  '* -text' >"$OUT/.gitattributes"

# A three-level hierarchy in DIR with key algorithm ALG: root.pem, intermediate.pem, their
# keys (root.key, intermediate.key), leaf.pem, leaf.key, fullchain.pem.
hierarchy() {
  local dir=$1 alg=$2 label=$3 md=$4
  local mdargs=()
  [ "$md" != none ] && mdargs=(-md "$md")
  mkdir -p "$dir"
  genkey "$dir/root.key" "$alg"
  genkey "$dir/intermediate.key" "$alg"
  genkey "$dir/leaf.key" "$alg"
  issue "$dir/root.pem" "$dir/root.key" "/O=Preflight Test/CN=Preflight Test Root $label" \
    self - "$CA_NB" "$CA_NA" v3_root "${mdargs[@]}"
  issue "$dir/intermediate.pem" "$dir/intermediate.key" \
    "/O=Preflight Test/CN=Preflight Test Intermediate $label" \
    "$dir/root.pem" "$dir/root.key" "$CA_NB" "$CA_NA" v3_ca "${mdargs[@]}"
  issue "$dir/leaf.pem" "$dir/leaf.key" "/O=Preflight Test/CN=www.example.com" \
    "$dir/intermediate.pem" "$dir/intermediate.key" "$NB" "$NA" v3_leaf "${mdargs[@]}"
  cat "$dir/leaf.pem" "$dir/intermediate.pem" >"$dir/fullchain.pem"
  verify_ok "$dir/root.pem" "$dir/intermediate.pem" "$dir/leaf.pem"
  keys_match "$dir/leaf.pem" "$dir/leaf.key"
}

LEAF_SAN="DNS:www.example.com, DNS:example.com, DNS:api.example.com, DNS:*.apps.example.com, IP:192.0.2.10"

# 1. rsa/ -------------------------------------------------------------------------------
D=$OUT/rsa
SAN=$LEAF_SAN KU="digitalSignature, keyEncipherment" hierarchy "$D" rsa RSA sha256
cat "$D/leaf.pem" "$D/intermediate.pem" "$D/root.pem" >"$D/fullchain-with-root.pem"
q openssl pkey -in "$D/leaf.key" -traditional -out "$D/leaf.pkcs1.key"
q openssl pkcs8 -topk8 -in "$D/leaf.key" -v2 aes-256-cbc -passout pass:test -out "$D/leaf.encrypted-pkcs8.key"
q openssl rsa -in "$D/leaf.key" -traditional -aes-256-cbc -passout pass:test -out "$D/leaf.encrypted-pkcs1.key"
genkey "$D/other.key" rsa
echo "www.example.com,example.com,api.example.com,x.apps.example.com" >"$D/domains.txt"
keys_match "$D/leaf.pem" "$D/leaf.pkcs1.key"
keys_match "$D/leaf.pem" "$D/leaf.encrypted-pkcs8.key"
keys_match "$D/leaf.pem" "$D/leaf.encrypted-pkcs1.key"
verify_ok "$D/root.pem" "$D/intermediate.pem" "$D/fullchain-with-root.pem"
grep -q '^-----BEGIN RSA PRIVATE KEY-----$' "$D/leaf.pkcs1.key" || die "leaf.pkcs1.key is not PKCS#1"
grep -q '^Proc-Type: 4,ENCRYPTED$' "$D/leaf.encrypted-pkcs1.key" || die "leaf.encrypted-pkcs1.key has no Proc-Type"
grep -q '^-----BEGIN ENCRYPTED PRIVATE KEY-----$' "$D/leaf.encrypted-pkcs8.key" || die "not encrypted PKCS#8"
openssl x509 -in "$D/leaf.pem" -noout -text | grep -q 'Signature Algorithm: sha256WithRSAEncryption' \
  || die "rsa leaf is not sha256WithRSAEncryption"
RSA=$D

# 2. ec-p256/, ec-p384/ -----------------------------------------------------------------
for spec in "p256 P-256 sha256 ecdsa-with-SHA256" "p384 P-384 sha384 ecdsa-with-SHA384"; do
  read -r alg curve md sig <<<"$spec"
  D=$OUT/ec-$alg
  SAN=$LEAF_SAN hierarchy "$D" "$alg" "EC $curve" "$md"
  q openssl pkey -in "$D/leaf.key" -traditional -out "$D/leaf.sec1.key"
  q openssl ec -in "$D/leaf.key" -aes-256-cbc -passout pass:test -out "$D/leaf.encrypted-sec1.key"
  genkey "$D/other.key" "$alg"
  grep -q '^-----BEGIN EC PRIVATE KEY-----$' "$D/leaf.sec1.key" || die "$D/leaf.sec1.key is not SEC1"
  grep -q '^Proc-Type: 4,ENCRYPTED$' "$D/leaf.encrypted-sec1.key" || die "$D/leaf.encrypted-sec1.key has no Proc-Type"
  keys_match "$D/leaf.pem" "$D/leaf.sec1.key"
  keys_match "$D/leaf.pem" "$D/leaf.encrypted-sec1.key"
  openssl x509 -in "$D/leaf.pem" -noout -text | grep -q "Signature Algorithm: $sig" \
    || die "$D leaf is not $sig"
  cat "$D/leaf.pem" "$D/intermediate.pem" "$D/root.pem" >"$D/fullchain-with-root.pem"
done

# 3. ed25519/ ---------------------------------------------------------------------------
D=$OUT/ed25519
SAN=$LEAF_SAN hierarchy "$D" ed25519 Ed25519 none
openssl x509 -in "$D/leaf.pem" -noout -text | grep -q 'Signature Algorithm: ED25519' \
  || die "ed25519 leaf is not Ed25519-signed"

# 4. rsa-pss/ (an RSA key, the certificate signed by the rsa/ intermediate with RSASSA-PSS)
D=$OUT/rsa-pss
mkdir -p "$D"
cp "$RSA/root.pem" "$RSA/intermediate.pem" "$D/"
genkey "$D/leaf.key" rsa
SAN=$LEAF_SAN KU="digitalSignature, keyEncipherment" issue "$D/leaf.pem" "$D/leaf.key" \
  "/O=Preflight Test/CN=www.example.com" "$RSA/intermediate.pem" "$RSA/intermediate.key" \
  "$NB" "$NA" v3_leaf -md sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 \
  -sigopt rsa_mgf1_md:sha256
cat "$D/leaf.pem" "$D/intermediate.pem" >"$D/fullchain.pem"
openssl x509 -in "$D/leaf.pem" -noout -text | grep -q 'Signature Algorithm: rsassaPss' \
  || die "rsa-pss leaf is not PSS-signed"
verify_ok "$D/root.pem" "$D/intermediate.pem" "$D/leaf.pem"
keys_match "$D/leaf.pem" "$D/leaf.key"

# leaf_under_rsa DIR NAME START END EXT ALG [subject] [extra ca args]: NAME.pem is
# leaf + rsa intermediate, NAME.key the leaf key (PKCS#8).
leaf_under_rsa() {
  local dir=$1 name=$2 start=$3 end=$4 ext=$5 alg=$6 subj=${7:-/O=Preflight Test/CN=www.example.com}
  shift 7 || shift $#
  genkey "$dir/$name.key" "$alg"
  issue "$WORK/$name.leaf.pem" "$dir/$name.key" "$subj" "$RSA/intermediate.pem" \
    "$RSA/intermediate.key" "$start" "$end" "$ext" "$@"
  cat "$WORK/$name.leaf.pem" "$RSA/intermediate.pem" >"$dir/$name.pem"
  keys_match "$dir/$name.pem" "$dir/$name.key"
}

# 5. validity/ --------------------------------------------------------------------------
D=$OUT/validity
mkdir -p "$D"
cp "$RSA/root.pem" "$D/"
export SAN=$LEAF_SAN KU="digitalSignature, keyEncipherment"
leaf_under_rsa "$D" expired 20240101000000Z 20250101000000Z v3_leaf rsa
leaf_under_rsa "$D" not-yet-valid 20300101000000Z 20310101000000Z v3_leaf rsa
leaf_under_rsa "$D" expires-soon 20260101000000Z 20261210000000Z v3_leaf rsa
verify_fails "certificate has expired" "$D/root.pem" "$RSA/intermediate.pem" "$D/expired.pem"
verify_fails "certificate is not yet valid" "$D/root.pem" "$RSA/intermediate.pem" "$D/not-yet-valid.pem"
verify_ok "$D/root.pem" "$RSA/intermediate.pem" "$D/expires-soon.pem"
[ "$(openssl x509 -in "$D/expires-soon.pem" -noout -enddate)" = "notAfter=Dec 10 00:00:00 2026 GMT" ] \
  || die "expires-soon has the wrong notAfter"

# 6. depth/ -----------------------------------------------------------------------------
D=$OUT/depth
mkdir -p "$D"
genkey "$WORK/d0.key" rsa
issue "$WORK/d0.pem" "$WORK/d0.key" "/O=Preflight Test/CN=Preflight Test Depth Root" self - \
  "$CA_NB" "$CA_NA" v3_root
for i in 1 2 3 4 5 6 7 8 9 10; do
  genkey "$WORK/d$i.key" rsa
  issue "$WORK/d$i.pem" "$WORK/d$i.key" "/O=Preflight Test/CN=Preflight Test Depth Intermediate $i" \
    "$WORK/d$((i - 1)).pem" "$WORK/d$((i - 1)).key" "$CA_NB" "$CA_NA" v3_ca
done
for n in 11 12; do
  top=$((n - 2)) # intermediates 1..top, the leaf under intermediate `top`
  genkey "$D/chain-$n.key" rsa
  issue "$WORK/leaf$n.pem" "$D/chain-$n.key" "/O=Preflight Test/CN=www.example.com" \
    "$WORK/d$top.pem" "$WORK/d$top.key" "$NB" "$NA" v3_leaf
  {
    cat "$WORK/leaf$n.pem"
    for ((i = top; i >= 0; i--)); do cat "$WORK/d$i.pem"; done
  } >"$D/chain-$n.pem"
  [ "$(grep -c 'BEGIN CERTIFICATE' "$D/chain-$n.pem")" = "$n" ] || die "chain-$n.pem has the wrong length"
  verify_ok "$WORK/d0.pem" "$D/chain-$n.pem" "$WORK/leaf$n.pem"
  keys_match "$D/chain-$n.pem" "$D/chain-$n.key"
done

# 7. broken/ ----------------------------------------------------------------------------
D=$OUT/broken
mkdir -p "$D"
cat "$RSA/intermediate.pem" "$RSA/root.pem" "$RSA/leaf.pem" >"$D/shuffled.pem"
cat "$RSA/leaf.pem" "$RSA/intermediate.pem" "$RSA/intermediate.pem" >"$D/duplicate.pem"
genkey "$WORK/unrelated.key" rsa
issue "$WORK/unrelated.pem" "$WORK/unrelated.key" "/O=Unrelated Test/CN=Preflight Unrelated Root" \
  self - "$CA_NB" "$CA_NA" v3_root
cat "$RSA/leaf.pem" "$RSA/intermediate.pem" "$WORK/unrelated.pem" >"$D/unrelated.pem"
$PY forge "$RSA/leaf.pem" "$WORK/forged-leaf.pem"
cat "$WORK/forged-leaf.pem" "$RSA/intermediate.pem" >"$D/forged.pem"
verify_fails "certificate signature failure" "$RSA/root.pem" "$RSA/intermediate.pem" "$WORK/forged-leaf.pem"
cp "$RSA/leaf.pem" "$D/missing-intermediate.pem"
cat "$RSA/leaf.pem" "$RSA/leaf.key" >"$D/key-in-cert-field.pem"
$PY truncate "$RSA/leaf.pem" "$D/truncated.pem"
$PY bad-base64 "$RSA/leaf.pem" "$D/bad-base64.pem"
$PY mismatched-labels "$RSA/leaf.pem" "$D/mismatched-labels.pem"
if openssl x509 -in "$D/truncated.pem" -noout >/dev/null 2>&1; then die "truncated.pem parses"; fi
if openssl x509 -in "$D/mismatched-labels.pem" -noout >/dev/null 2>&1; then die "mismatched-labels.pem parses"; fi

# 8. weak/ ------------------------------------------------------------------------------
D=$OUT/weak
mkdir -p "$D"
export SAN=$LEAF_SAN KU="digitalSignature, keyEncipherment"
leaf_under_rsa "$D" sha1 "$NB" "$NA" v3_leaf rsa "/O=Preflight Test/CN=www.example.com" -md sha1
leaf_under_rsa "$D" rsa1024 "$NB" "$NA" v3_leaf rsa1024
KU=digitalSignature leaf_under_rsa "$D" secp256k1 "$NB" "$NA" v3_leaf secp256k1
openssl x509 -in "$D/sha1.pem" -noout -text | grep -q 'Signature Algorithm: sha1WithRSAEncryption' \
  || die "weak/sha1.pem is not SHA-1 signed"
openssl x509 -in "$D/rsa1024.pem" -noout -text | grep -q 'Public-Key: (1024 bit)' || die "rsa1024 is not 1024 bits"
openssl x509 -in "$D/secp256k1.pem" -noout -text | grep -q 'ASN1 OID: secp256k1' || die "not secp256k1"
for f in sha1 rsa1024 secp256k1; do
  # -auth_level 0: 3.0's default level 1 accepts these, but a system config at level 2
  # (or a newer openssl) refuses SHA-1 and RSA-1024; the check is only about the links.
  q openssl verify -attime "$NOW_EPOCH" -auth_level 0 -CAfile "$RSA/root.pem" \
    -untrusted "$RSA/intermediate.pem" "$D/$f.pem"
done

# A P-256 leaf under a self-signed P-521 root (ecdsa-with-SHA512): ring cannot verify
# P-521 signatures, so this exercises chain.unsupported_signature.
genkey "$WORK/p521-root.key" p521
issue "$WORK/p521-root.pem" "$WORK/p521-root.key" "/O=Preflight Test/CN=Preflight Test Root P-521" \
  self - "$CA_NB" "$CA_NA" v3_root -md sha512
KU=digitalSignature genkey "$D/p521-issuer.key" p256
KU=digitalSignature SAN=$LEAF_SAN issue "$WORK/p521-leaf.pem" "$D/p521-issuer.key" \
  "/O=Preflight Test/CN=www.example.com" "$WORK/p521-root.pem" "$WORK/p521-root.key" \
  "$NB" "$NA" v3_leaf -md sha512
cat "$WORK/p521-leaf.pem" "$WORK/p521-root.pem" >"$D/p521-issuer.pem"
q openssl verify -attime "$NOW_EPOCH" -CAfile "$WORK/p521-root.pem" "$WORK/p521-leaf.pem"

# 9. profiles/ --------------------------------------------------------------------------
D=$OUT/profiles
mkdir -p "$D"
export KU="digitalSignature, keyEncipherment"
SAN="DNS:*.example.com" leaf_under_rsa "$D" wildcard-only "$NB" "$NA" v3_leaf rsa "/O=Preflight Test/CN=*.example.com"
leaf_under_rsa "$D" cn-only "$NB" "$NA" v3_leaf_nosan rsa "/O=Preflight Test/CN=cn-only.example.com"
SAN=$LEAF_SAN EKU=clientAuth leaf_under_rsa "$D" client-auth-only "$NB" "$NA" v3_leaf rsa
SAN=$LEAF_SAN leaf_under_rsa "$D" leaf-is-ca "$NB" "$NA" v3_leaf_is_ca rsa
for f in wildcard-only cn-only client-auth-only leaf-is-ca; do
  verify_ok "$RSA/root.pem" "$D/$f.pem" "$D/$f.pem"
done
openssl x509 -in "$D/cn-only.pem" -noout -text | grep -q 'Subject Alternative Name' && die "cn-only has a SAN"
# intermediate-not-ca: leaf + its issuer, the issuer (signed by the rsa root) is CA:FALSE.
genkey "$WORK/notca-issuer.key" rsa
issue "$WORK/notca-issuer.pem" "$WORK/notca-issuer.key" \
  "/O=Preflight Test/CN=Preflight Test Issuer Not CA" "$RSA/root.pem" "$RSA/root.key" \
  "$CA_NB" "$CA_NA" v3_not_ca
genkey "$D/intermediate-not-ca.key" rsa
SAN=$LEAF_SAN issue "$WORK/notca-leaf.pem" "$D/intermediate-not-ca.key" "/O=Preflight Test/CN=www.example.com" \
  "$WORK/notca-issuer.pem" "$WORK/notca-issuer.key" "$NB" "$NA" v3_leaf
cat "$WORK/notca-leaf.pem" "$WORK/notca-issuer.pem" >"$D/intermediate-not-ca.pem"
verify_fails "invalid CA certificate" "$RSA/root.pem" "$WORK/notca-issuer.pem" "$WORK/notca-leaf.pem"
# CA uploads (seed 004)
genkey "$WORK/ca-single.key" rsa
issue "$D/ca-single.pem" "$WORK/ca-single.key" "/O=Preflight Test/CN=Preflight Test Client CA" \
  self - "$CA_NB" "$CA_NA" v3_root
cat "$D/ca-single.pem" "$RSA/root.pem" >"$D/ca-two.pem"
# ca-repeated: a client-CA bundle with its first CA again at the end (issue 27: the normalized
# bundle of a CA upload keeps each CA once, in order).
cat "$D/ca-single.pem" "$RSA/root.pem" "$D/ca-single.pem" >"$D/ca-repeated.pem"
genkey "$WORK/ca-not-ca.key" rsa
SAN="DNS:not-a-ca.example.com" issue "$D/ca-not-ca.pem" "$WORK/ca-not-ca.key" \
  "/O=Preflight Test/CN=not-a-ca.example.com" self - "$NB" "$NA" v3_selfsigned_not_ca
verify_ok "$D/ca-single.pem" - "$D/ca-single.pem"

# 10. forms/ ----------------------------------------------------------------------------
D=$OUT/forms
mkdir -p "$D"
$PY forms "$RSA/fullchain.pem" "$D"
# bag-attributes.pem: the chain through a PKCS#12 file and back, as openssl prints it.
# The key goes into the PKCS#12 too, so that the leaf gets localKeyID/friendlyName attributes
# as in a real export; reading back with -nokeys leaves only the certificates.
q openssl pkcs12 -export -in "$RSA/leaf.pem" -inkey "$RSA/leaf.key" -certfile "$RSA/intermediate.pem" \
  -name www.example.com -caname "Preflight Test Intermediate RSA" -passout pass:test -out "$WORK/chain.p12"
q openssl pkcs12 -in "$WORK/chain.p12" -nokeys -passin pass:test -out "$D/bag-attributes.pem"
grep -q '^Bag Attributes' "$D/bag-attributes.pem" || die "bag-attributes.pem has no Bag Attributes"
for f in "$D"/*.pem; do
  # openssl itself cannot read these forms: it wants a newline after the BEGIN line, no
  # BOM, and it takes a blank line inside a block for the end of RFC 1421 headers.
  case $f in */one-line.pem | */bom.pem | */blank-lines.pem) continue ;; esac
  verify_ok "$RSA/root.pem" "$f" "$f"
done

# 11. seed003/ --------------------------------------------------------------------------
D=$OUT/seed003
mkdir -p "$D"
# Copied verbatim from seeds/003_358c4663e697f9ee.txt (example response, huawei ELB),
# one-line form, no trailing newline. Do not regenerate.
printf '%s' '-----BEGIN CERTIFICATE-----MIIC4TCCAcmgAwIBAgICEREwDQYJKoZIhvcNAQELBQAwFzEVMBMGA1UEAxMMTXlDb21wYW55IENBMB4XDTE4MDcwMjEzMjU0N1oXDTQ1MTExNzEzMjU0N1owFDESMBAGA1UEAwwJbG9jYWxob3N0MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0FQGzi3ucTX+DNud1p/b4XVM6I3rY7+Cfge5GMLDIUXIHXCfCgp19Z3807yNpLF5U0NqPQZKUrZz3rQeLN9mYiUTJZPutYlFDDbB8CtlgV+eyU9yYJslWx/Bm5kWNPh97B9Yu9pbp2u6zDA99IC4ekKD93KuzxlnLmSle4Y3dbYwk0LpMDL6lfCHKt/W7jaSIAzlsxD+QM6l7QjhWJ+kUx+UkboOISjTe7E9XmDLJR7u8LRAQylYKy4zgnv1tn/Ky09cxLKAFtgoZWQD2FAZJf9F7k1kYNwqITz3CPlLZUUn7yw3nkOOtLMI28IEv0WyYd7CMJQkS1NPJBKNOGfR/wIDAQABozowODAhBgNVHREEGjAYggpkb21haW4uY29thwQKuUvJhwR/AAABMBMGA1UdJQQMMAoGCCsGAQUFBwMBMA0GCSqGSIb3DQEBCwUAA4IBAQA8lMQJxaTey7EjXtRLSVlEAMftAQPG6jijNQuvIBQYUDauDT4W2XUZ5wAnjiOyQ83va672K1G9s8n6xlH+xwwdSNnozaKzC87vwSeZKIOdl9I5I98TGKI6OoDaezmzCwQYtHBMVQ4c7Ml8554Ft1mWSt4dMAK2rzNYjvPRLYlzp1HMnI6hkjPk4PCZwKnha0dlScati9CCt3UzXSNJOSLalKdHErH08Iqd+1BchScxCfk0xNITn1HZZGmI+vbmunok3A2lucI14rnsrcbkGYqxGikySN6B2cRLBDK4Y3wChiW6NVYtVqcx5/mZiYsGDVN+9QBd0eYUHce+77s96i3I-----END CERTIFICATE-----' >"$D/cert.pem"
printf '%s' '-----BEGIN PRIVATE KEY-----MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDQVAbOLe5xNf4M253Wn9vhdUzojetjv4J+B7kYwsMhRcgdcJ8KCnX1nfzTvI2ksXlTQ2o9BkpStnPetB4s32ZiJRMlk+61iUUMNsHwK2WBX57JT3JgmyVbH8GbmRY0+H3sH1i72luna7rMMD30gLh6QoP3cq7PGWcuZKV7hjd1tjCTQukwMvqV8Icq39buNpIgDOWzEP5AzqXtCOFYn6RTH5SRug4hKNN7sT1eYMslHu7wtEBDKVgrLjOCe/W2f8rLT1zEsoAW2ChlZAPYUBkl/0XuTWRg3CohPPcI+UtlRSfvLDeeQ460swjbwgS/RbJh3sIwlCRLU08kEo04Z9H/AgMBAAECggEAEIeaQqHCWZk/HyYN0Am/GJSGFa2tD60SXY2fUieh8/HlfvCArftGgMaYWPSNCJRMXB7tPwpQu19esjz4Z/cR2Je4fTLPrffGUsHFgZjv5OQBZVe4a5Hj1OcgJYhwCqPs2d9i2wToYNBbcfgh8lSETq8YaXngBO6vES9LMhHkNKKrciu9YkInNEHu6uRJ5g/eGGX3KQynTvVIhnOVGAJvjTXcoU6fm7gYdHAD6jk9lc9MEGpfYI6AdHIwFZcT/RNAxhP82lg2gUJSgAu66FfDjMwQXKbafKdP3zq4Up8a7AlekrguPtfV1vWklg+bUFhgGaiAEYTpAUN9t2DVIiijgQKBgQDnYMMsaF0r557CM1CTXUqgCZo8MKeV2jf2drlxRRwRl33SksQbzAQ/qrLdT7GP3sCGqvkxWY2FPdFYf8kxGcCeZPcIeZYCQAM41pjtsaM8tVbLWVR8UtGBuQoPSph7JNF3Tm/JH/fbwjpjP7dtJ7n8EzkRUNE6aIMHOFEeych/PQKBgQDmf1bMogx63rTcwQ0PEZ9Vt7mTgKYK4aLriWgTWHXPZxUQaYhpjXo6+lMI6DpExiDgBAkMzJGIvS7yQiYWU+wthAr9urbWYdGZlS6VjoTkF6r7VZoILXX0fbuXh6lm8K8IQRfBpJff56p9phMwaBpDNDrfpHB5utBUxs40yIdp6wKBgQC69Cp/xUwTX7GdxQzEJctYiKnBHKcspAg38zJf3bGSXU/jR4eB1lVQhELGI9CbKSdzKM71GyEImix/T7FnJSHIWlho1qVo6AQyduNWnAQD15pr8KAdXGXAZZ1FQcb3KYa+2fflERmazdOTwjYZ0tGqZnXkEeMdSLkmqlCRigWhGQKBgDak/735uP20KKqhNehZpC2dJei7OiIgRhCS/dKASUXHSW4fptBnUxACYocdDxtY4VhafI7FPMdvGl8ioYbvlHFh+X0Xs9r1S8yeWnHoXMb6eXWmYKMJrAoveLa+2cFm1Agf7nLhA4R4lqm9IpV6SKegDUkR4fxp9pPyodZPqBLLAoGBAJkD4wHW54Pwd4Ctfk9ojHjWB7pQlUYpTZO9dm+4fpCMn9Okf43AE2yAOaAP94GdzdDJkxfciXKcsYr9IIukfaoXgjKR7p1zERiWZuFF63SB4aiyX1H7IX0MwHDZQO38a5gZaOm/BUlGKMWXzuEd3fy+1rCUwzOp9LSjtJYf4ege-----END PRIVATE KEY-----' >"$D/key.pem"
$PY rewrap "$D/cert.pem" "$WORK/seed-cert.pem"
$PY rewrap "$D/key.pem" "$WORK/seed-key.pem"
fp=$(openssl x509 -in "$WORK/seed-cert.pem" -noout -fingerprint -sha1)
# openssl 3.0 prints "sha1 Fingerprint=", 1.1 and 3.2+ "SHA1 Fingerprint="
case ${fp#*=} in "A3:B9:B3:A2:31:1B:27:E4:"*) ;; *) die "seed003 fingerprint is $fp" ;; esac
[ "$(openssl x509 -in "$WORK/seed-cert.pem" -noout -enddate)" = "notAfter=Nov 17 13:25:47 2045 GMT" ] \
  || die "seed003 notAfter differs"
keys_match "$WORK/seed-cert.pem" "$WORK/seed-key.pem"

# 12. chains/ and public/ (scripts/gen-testdata-chains.sh) -------------------------------
gen_chains
gen_public

# ---------------------------------------------------------------------------------------
# Keys that only served as issuers stay out of the tree, except the rsa/ CA keys (kept so
# that a test can issue more certificates under the same hierarchy if it needs to).
rm -f "$OUT"/ec-p256/root.key "$OUT"/ec-p256/intermediate.key "$OUT"/ec-p384/root.key \
  "$OUT"/ec-p384/intermediate.key "$OUT"/ed25519/root.key "$OUT"/ed25519/intermediate.key

# Every text file the generator wrote (except the forms that are about line ends, and the
# PKCS#7 files, one of which is DER) has LF only.
while IFS= read -r f; do
  case $f in */forms/crlf.pem | *.p7b) continue ;; esac
  if grep -q $'\r' "$f"; then die "$f has CR characters"; fi
done < <(find "$OUT" -type f)

# facts.json: subject, issuer, serial, validity and fingerprints of every certificate in
# every file (as openssl prints them), so that tests can compare without running openssl.
$PY facts "$OUT" "$OUT/facts.json"

files=$(find "$OUT" -type f ! -name README.md | wc -l)
bytes=$(find "$OUT" -type f ! -name README.md -exec cat {} + | wc -c)
echo "gen-testdata: wrote $files files ($bytes bytes) in $OUT; all openssl checks passed"
# After facts.json, which does not list them: the curve fixtures and the DER forms of the keys
# written above (tests/foreign_verdicts.rs and the CLI tests read them).
bash "$ROOT_DIR/scripts/gen-testdata-verdicts.sh"
