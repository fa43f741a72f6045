#!/usr/bin/env bash
# Fixtures for the operations beyond the seeds (TARGETS.md, issue 11), written to
# testdata/requests/certs/targets/. Built from the request fixtures' own test PKI
# (testdata/requests/certs: leaf.pem, leaf.key, inter-ca.pem, root-ca.pem from gen.sh) so the
# chains verify; the outputs are committed. Re-run: bash scripts/gen-testdata-targets.sh
#
# The aws-, gcp- and cf- fixtures (TARGETS §1, §3 and §5, further down) each come from their own
# test PKI: a private root the golden cases pass as context `roots`, and fixed validity dates
# through `openssl ca`, so that the expected reports keep their dates when the files are
# regenerated (only key, serial and signature bytes change).
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
# Key and chain in one PEM, base64: the `value` azure-keyvault-certificates' import_certificate
# sends for a PEM file (it base64-encodes certificate_bytes, issue 25).
cat leaf.key leaf.pem inter-ca.pem | base64 -w0 >"$out/key-and-chain.pem.b64"

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

# The README's examples (testdata/requests/examples/): an AWS CLI input JSON for
# `aws acm import-certificate --cli-input-json` (blobs base64, as CLI v2 reads them) whose chain
# repeats the leaf and whose tag uses the reserved prefix, and a two-Secret manifest (one
# misordered tls.crt, one badly named Secret without its key) beside a ConfigMap.
python3 - <<'PY'
import base64, json
read = lambda name: open(name).read()
b64 = lambda text: base64.b64encode(text.encode()).decode()
leaf, inter, key = read("leaf.pem"), read("inter-ca.pem"), read("leaf.key")
acm = {
    "Certificate": b64(leaf),
    "PrivateKey": b64(key),
    "CertificateChain": b64(leaf + inter),
    "Tags": [{"Key": "aws:team", "Value": "web"}],
}
with open("../examples/acm-import.json", "w") as f:
    json.dump(acm, f, indent=2)
    f.write("\n")
indent = lambda text: "".join("    " + line + "\n" for line in text.strip().split("\n"))
manifest = f"""apiVersion: v1
kind: Secret
metadata:
  name: shop-tls
  namespace: web
type: kubernetes.io/tls
stringData:
  tls.crt: |
{indent(inter + leaf)}  tls.key: |
{indent(key)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
data:
  mode: production
---
apiVersion: v1
kind: Secret
metadata:
  name: Shop_TLS
type: kubernetes.io/tls
data:
  tls.crt: {b64(leaf)}
"""
with open("../examples/secret.yaml", "w") as f:
    f.write(manifest)
PY

# aws- fixtures: certificates ACM judges by their content. A small PKI of its own (the request
# PKI's CA keys are not kept), valid 2026-01-01..2035-12-31 through `openssl ca`, as gen.sh does.
tmp=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$tmp" "$work"' EXIT
# shellcheck source=scripts/lib/test-ca.sh
source ../../../scripts/lib/test-ca.sh
long_ocsp_url() { printf 'http://ocsp.example.com/%s' "$(head -c "$(( $1 - 24 ))" /dev/zero | tr '\0' 'a')"; }
test_ca_config "$tmp"
cat >>"$tmp/ca.cnf" <<X
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
[ v3_leaf_ec ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com,DNS:example.com
[ v3_names_only ]
subjectAltName = DNS:www.example.com,DNS:example.com
[ v3_no_host ]
basicConstraints = critical,CA:FALSE
extendedKeyUsage = serverAuth
[ v3_ocsp_1000 ]
subjectAltName = DNS:www.example.com
authorityInfoAccess = OCSP;URI:$(long_ocsp_url 1000)
[ v3_ocsp_1001 ]
subjectAltName = DNS:www.example.com
authorityInfoAccess = OCSP;URI:$(long_ocsp_url 1001)
[ v3_empty_issuer ]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.example.com
basicConstraints = critical,CA:FALSE
X
# sign NAME KEY SUBJECT SERIAL EXT [ISSUER]: $out/NAME.pem, issued by $out/ISSUER.pem with
# $tmp/ISSUER.key or self-signed; EXT "none" makes an X.509 v1 certificate.
sign() {
  local name=$1 key=$2 subject=$3 serial=$4 ext=$5
  shift 5
  if [ $# -ge 1 ]; then set -- "$out/$1.pem" "$tmp/$1.key"; fi
  test_ca_sign "$out/$name.pem" "$key" "$subject" "$serial" "$ext" \
    20260101000000Z 20351231000000Z "$@"
}
for k in aws-root aws-inter-rsa; do openssl genrsa -out "$tmp/$k.key" 2048 2>/dev/null; done
openssl genrsa -out "$out/aws-leaf.key" 2048 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/aws-inter-ec.key"
# `openssl ecparam -genkey` without -noout writes the EC PARAMETERS block before the key.
openssl ecparam -name prime256v1 -genkey -out "$out/aws-ec-leaf-params.key"
openssl pkey -in "$out/aws-ec-leaf-params.key" -out "$out/aws-ec-leaf.key"
sign aws-root "$tmp/aws-root.key" "/O=cert-preflight tests/CN=AWS Targets Root" 1101 v3_ca
sign aws-inter-rsa "$tmp/aws-inter-rsa.key" "/O=cert-preflight tests/CN=AWS Targets RSA CA" 1102 v3_ca aws-root
sign aws-inter-ec "$tmp/aws-inter-ec.key" "/O=cert-preflight tests/CN=AWS Targets EC CA" 1103 v3_ca aws-root
sign aws-leaf "$out/aws-leaf.key" "/CN=www.example.com" 1201 v3_leaf aws-inter-rsa
sign aws-ec-leaf "$out/aws-ec-leaf.key" "/CN=www.example.com" 1202 v3_leaf_ec aws-inter-ec
sign aws-ec-under-rsa "$out/aws-ec-leaf.key" "/CN=www.example.com" 1203 v3_leaf_ec aws-inter-rsa
sign aws-v1 "$out/aws-leaf.key" "/CN=www.example.com" 1204 none aws-inter-rsa
sign aws-no-host "$out/aws-leaf.key" "/CN=shop" 1205 v3_no_host aws-inter-rsa
sign aws-ocsp-1000 "$out/aws-leaf.key" "/CN=www.example.com" 1206 v3_ocsp_1000 aws-inter-rsa
sign aws-ocsp-1001 "$out/aws-leaf.key" "/CN=www.example.com" 1207 v3_ocsp_1001 aws-inter-rsa
sign aws-previous-no-usage "$out/aws-leaf.key" "/CN=www.example.com" 1208 v3_names_only aws-inter-rsa
# An empty issuer (and subject): self-signed with the empty name (the policy's commonName is
# optional), with the same fixed dates as the rest so that its golden report keeps them.
sign aws-empty-issuer "$out/aws-leaf.key" / 1209 v3_empty_issuer

# --- gcp- and cf- fixtures ----------------------------------------------------------------
q() { "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; }

test_ca_config "$work"
cat >>"$work/ca.cnf" <<EOF
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = \$ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_leaf_nosan ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_selfsigned_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = \$ENV::SAN
subjectKeyIdentifier = hash
[ v3_ca_with_san ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectAltName = \$ENV::SAN
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
export SAN="DNS:www.example.com"

# Validity: CAs and ordinary leaves cover every `now` the cases use (2026-11-23, 2026-12-01).
CA_NB=20260101000000Z CA_NA=20361231000000Z
NB=20260101000000Z NA=20351231000000Z

# genkey OUT rsa2048|rsa2047|rsa3072|rsa4096|p224|p256|p384|p521 (PKCS#8, unencrypted)
genkey() {
  local key=$1 alg=$2
  case $alg in
    rsa*) q openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${alg#rsa}" -out "$key" ;;
    p224) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-224 -pkeyopt ec_param_enc:named_curve -out "$key" ;;
    p256) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$key" ;;
    p384) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$key" ;;
    p521) q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -pkeyopt ec_param_enc:named_curve -out "$key" ;;
    *) echo "unknown key algorithm $alg" >&2; exit 1 ;;
  esac
}

# issue OUT KEY SUBJECT ISSUER_CERT|self ISSUER_KEY START END EXT, with a random 64-bit serial.
issue() {
  local cert=$1 key=$2 subj=$3 icert=$4 ikey=$5 start=$6 end=$7 ext=$8 serial
  serial=$(openssl rand -hex 8)
  if [ "$icert" = self ]; then
    test_ca_sign "$cert" "$key" "$subj" "$serial" "$ext" "$start" "$end"
  else
    test_ca_sign "$cert" "$key" "$subj" "$serial" "$ext" "$start" "$end" "$icert" "$ikey"
  fi
}

# encrypt KEY OUT: the same key as encrypted PKCS#8 (passphrase "preflight").
encrypt() { q openssl pkcs8 -topk8 -in "$1" -v2 aes-256-cbc -passout pass:preflight -out "$2"; }

# verify ROOT CHAIN_FILE LEAF: openssl agrees that the fixture's chain is sound.
verify() { q openssl verify -attime 1795000000 -CAfile "$1" -untrusted "$2" "$3"; }

# --- gcp.compute.insert-ssl-certificate (TARGETS §3) -------------------------------------
# gcp-root.pem            private root (context `roots` in the cases)
# gcp-int1..5.pem         intermediates, int1 issued by the root, int(n+1) by int(n)
# gcp-chainN.pem          intN, ..., int1 (the chain of a leaf under intN)
# gcp-leaf-p256.pem/.key  leaf under int1, ECDSA P-256 (the valid example)
# gcp-leaf-{rsa2048,rsa3072,p384,p521}.pem/.key   leaves under int1 (key types)
# gcp-leaf-direct.pem/.key leaf issued by the root itself (no intermediate exists)
# gcp-leaf-depth4/5.pem/.key leaves under int4 / int5: 5 and 6 certificates with their chains
# gcp-leaf-p521-deep.pem/.key, gcp-leaf-p521-deep-encrypted.key: the example with mistakes
# gcp-leaf-p256-encrypted.key  the valid leaf's key, encrypted
gen_gcp() {
  local p=$out/gcp
  genkey "$work/gcp-root.key" p384
  issue "$p-root.pem" "$work/gcp-root.key" "/O=Preflight Test/CN=Preflight GCP Root" self - "$CA_NB" "$CA_NA" v3_root
  local issuer=$p-root.pem issuer_key=$work/gcp-root.key
  for n in 1 2 3 4 5; do
    genkey "$work/gcp-int$n.key" p256
    issue "$p-int$n.pem" "$work/gcp-int$n.key" "/O=Preflight Test/CN=Preflight GCP Intermediate $n" \
      "$issuer" "$issuer_key" "$CA_NB" "$CA_NA" v3_ca
    issuer=$p-int$n.pem issuer_key=$work/gcp-int$n.key
  done
  cp "$p-int1.pem" "$p-chain1.pem"
  for n in 2 3 4 5; do cat "$p-int$n.pem" "$p-chain$((n - 1)).pem" >"$p-chain$n.pem"; done
  for alg in p256 rsa2048 rsa3072 p384 p521; do
    genkey "$p-leaf-$alg.key" "$alg"
    issue "$p-leaf-$alg.pem" "$p-leaf-$alg.key" "/O=Preflight Test/CN=shop.example.com" \
      "$p-int1.pem" "$work/gcp-int1.key" "$NB" "$NA" v3_leaf
    verify "$p-root.pem" "$p-chain1.pem" "$p-leaf-$alg.pem"
  done
  encrypt "$p-leaf-p256.key" "$p-leaf-p256-encrypted.key"
  genkey "$p-leaf-direct.key" p256
  issue "$p-leaf-direct.pem" "$p-leaf-direct.key" "/O=Preflight Test/CN=shop.example.com" \
    "$p-root.pem" "$work/gcp-root.key" "$NB" "$NA" v3_leaf
  for n in 4 5; do
    genkey "$p-leaf-depth$n.key" p256
    issue "$p-leaf-depth$n.pem" "$p-leaf-depth$n.key" "/O=Preflight Test/CN=shop.example.com" \
      "$p-int$n.pem" "$work/gcp-int$n.key" "$NB" "$NA" v3_leaf
    verify "$p-root.pem" "$p-chain$n.pem" "$p-leaf-depth$n.pem"
  done
  genkey "$p-leaf-p521-deep.key" p521
  issue "$p-leaf-p521-deep.pem" "$p-leaf-p521-deep.key" "/O=Preflight Test/CN=shop.example.com" \
    "$p-int5.pem" "$work/gcp-int5.key" "$NB" "$NA" v3_leaf
  verify "$p-root.pem" "$p-chain5.pem" "$p-leaf-p521-deep.pem"
  encrypt "$p-leaf-p521-deep.key" "$p-leaf-p521-deep-encrypted.key"
}

# --- cloudflare.custom-certificate.create (TARGETS §5) -----------------------------------
# cf-root.pem, cf-int.pem      private root (context `roots`) and an intermediate under it
# cf-leaf.pem/.key             RSA-2048 PKCS#8, SAN www.example.com, issued by the root (the valid example)
# cf-leaf-under-int.pem/.key   the same under the intermediate (a chain to send with force)
# cf-leaf-wildcard.pem/.key    SAN *.example.com
# cf-leaf-ip-only.pem/.key     SAN IP:192.0.2.10 only (no DNS name)
# cf-leaf-nosan.pem/.key       CN=www.example.com, no subjectAltName
# cf-leaf-rsa2047/.pem/.key, cf-leaf-p224.pem/.key   keys just under Cloudflare's minimums
# cf-leaf-ec-params.pem/.key   P-256; the key file is `openssl ecparam -genkey` output (EC PARAMETERS + EC PRIVATE KEY)
# cf-leaf-expiring.pem/.key    valid until 2026-12-15T00:00:00Z (14 days after 2026-12-01)
# cf-leaf-mistakes.pem/.key    CN=shop.example.org, no SAN, until 2026-12-10, EC PARAMETERS + EC key (the example with mistakes)
# cf-selfsigned.pem/.key       a self-signed end-entity certificate
# cf-ca-with-san.pem/.key      a CA certificate (CA:TRUE) that carries a DNS SAN, issued by the root
# cf-leaf-encrypted.key, cf-other.key  cf-leaf's key encrypted; a key of no certificate here
# cf-truncated-block.pem       a BEGIN CERTIFICATE line and one base64 line, no END (pasted junk after a leaf)
gen_cf() {
  local p=$out/cf
  genkey "$work/cf-root.key" rsa2048
  issue "$p-root.pem" "$work/cf-root.key" "/O=Preflight Test/CN=Preflight Cloudflare Root" self - "$CA_NB" "$CA_NA" v3_root
  genkey "$work/cf-int.key" rsa2048
  issue "$p-int.pem" "$work/cf-int.key" "/O=Preflight Test/CN=Preflight Cloudflare Intermediate" \
    "$p-root.pem" "$work/cf-root.key" "$CA_NB" "$CA_NA" v3_ca
  # leaf NAME ALG SAN EXT [ISSUER ISSUER_KEY START END SUBJECT]
  leaf() {
    local name=$1 alg=$2 ext=$4
    local icert=${5:-$p-root.pem} ikey=${6:-$work/cf-root.key} start=${7:-$NB} end=${8:-$NA}
    local subj=${9:-/O=Preflight Test/CN=www.example.com}
    [ -f "$p-$name.key" ] || genkey "$p-$name.key" "$alg"
    SAN=$3 issue "$p-$name.pem" "$p-$name.key" "$subj" "$icert" "$ikey" "$start" "$end" "$ext"
  }
  leaf leaf rsa2048 "DNS:www.example.com" v3_leaf
  leaf leaf-under-int rsa2048 "DNS:www.example.com" v3_leaf "$p-int.pem" "$work/cf-int.key"
  verify "$p-root.pem" "$p-int.pem" "$p-leaf-under-int.pem"
  leaf leaf-wildcard rsa2048 "DNS:*.example.com" v3_leaf
  leaf leaf-ip-only rsa2048 "IP:192.0.2.10" v3_leaf
  leaf leaf-nosan rsa2048 - v3_leaf_nosan
  leaf leaf-rsa2047 rsa2047 "DNS:www.example.com" v3_leaf
  leaf leaf-p224 p224 "DNS:www.example.com" v3_leaf
  q openssl ecparam -name prime256v1 -genkey -out "$p-leaf-ec-params.key"
  leaf leaf-ec-params - "DNS:www.example.com" v3_leaf
  leaf leaf-expiring rsa2048 "DNS:www.example.com" v3_leaf "$p-root.pem" "$work/cf-root.key" \
    20260601000000Z 20261215000000Z
  q openssl ecparam -name prime256v1 -genkey -out "$p-leaf-mistakes.key"
  leaf leaf-mistakes - - v3_leaf_nosan "$p-root.pem" "$work/cf-root.key" 20260601000000Z \
    20261210000000Z "/O=Preflight Test/CN=shop.example.org"
  genkey "$p-selfsigned.key" rsa2048
  SAN="DNS:www.example.com" issue "$p-selfsigned.pem" "$p-selfsigned.key" "/O=Preflight Test/CN=www.example.com" \
    self - "$NB" "$NA" v3_selfsigned_leaf
  leaf ca-with-san rsa2048 "DNS:www.example.com" v3_ca_with_san
  encrypt "$p-leaf.key" "$p-leaf-encrypted.key"
  genkey "$p-other.key" rsa2048
  printf -- '-----BEGIN CERTIFICATE-----\nMIIFazCCA1OgAwIBAgIRAIIQz7DSQONZRGPgu2OCiwAw\n' >"$p-truncated-block.pem"
  grep -q 'BEGIN EC PARAMETERS' "$p-leaf-mistakes.key"
}

gen_gcp
gen_cf
