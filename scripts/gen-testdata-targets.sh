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
trap 'rm -rf "$tmp"' EXIT
long_ocsp_url() { printf 'http://ocsp.example.com/%s' "$(head -c "$(( $1 - 24 ))" /dev/zero | tr '\0' 'a')"; }
cat >"$tmp/ca.cnf" <<X
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $tmp
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
countryName = optional
organizationName = optional
commonName = optional
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
X
# sign NAME KEY SUBJECT SERIAL EXT [ISSUER]; EXT "none" makes an X.509 v1 certificate.
sign() {
  name=$1 key=$2 subject=$3 serial=$4 ext=$5
  : >"$tmp/index.txt"
  echo "$serial" >"$tmp/serial"
  openssl req -new -key "$key" -subj "$subject" -out "$tmp/$name.csr" 2>/dev/null
  set -- "$@" ""
  extensions=""
  [ "$ext" != none ] && extensions="-extensions $ext"
  if [ -n "$6" ]; then
    # shellcheck disable=SC2086
    openssl ca -batch -notext -config "$tmp/ca.cnf" $extensions -startdate 20260101000000Z \
      -enddate 20351231000000Z -cert "$out/$6.pem" -keyfile "$tmp/$6.key" -in "$tmp/$name.csr" -out "$out/$name.pem" 2>/dev/null
  else
    # shellcheck disable=SC2086
    openssl ca -batch -notext -selfsign -config "$tmp/ca.cnf" $extensions -startdate 20260101000000Z \
      -enddate 20351231000000Z -keyfile "$key" -in "$tmp/$name.csr" -out "$out/$name.pem" 2>/dev/null
  fi
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
# An empty issuer (and subject): self-signed with the empty name, which `openssl ca` refuses.
openssl req -x509 -key "$out/aws-leaf.key" -subj / -days 3650 -set_serial 1209 \
  -addext "subjectAltName=DNS:www.example.com" -addext "basicConstraints=critical,CA:FALSE" \
  -out "$out/aws-empty-issuer.pem" 2>/dev/null
