#!/usr/bin/env bash
# Generates the PKCS#12 (PFX) fixtures from the RSA and P-256 test material in testdata/certs:
# each PFX beside the PEM that `openssl pkcs12 -nodes` prints for it (the same material in
# PEM), so tests/pkcs12_input.rs can check that both give the same diagnostics.
#
# Passwords are in `*.password` files (the CLI reads them with --password-file). Re-run after
# testdata/certs changes: bash testdata/pkcs12/gen.sh
set -euo pipefail
cd "$(dirname "$0")"
certs=../certs
pw=correct-horse
printf '%s' "$pw" >password.txt
printf '%s' "not-the-password" >wrong-password.txt

# export NAME [openssl pkcs12 -export options...]: NAME.pfx and its PEM content NAME.pem.
export_pfx() {
  local name=$1
  shift
  openssl pkcs12 -export -out "$name.pfx" -passout "pass:$pw" "$@"
  # What the same material is in PEM: the certificates in file order (no bag attributes).
  openssl pkcs12 -legacy -in "$name.pfx" -passin "pass:$pw" -nokeys |
    openssl crl2pkcs7 -nocrl -certfile /dev/stdin |
    openssl pkcs7 -print_certs | grep -v -e '^subject=' -e '^issuer=' -e '^$' >"$name.pem"
}

# OpenSSL 3's default: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), MAC SHA-256.
export_pfx aes-fullchain -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem" \
  -certfile "$certs/rsa/intermediate.pem" -name "www.example.com"
# The legacy schemes old Windows exports use: RC2-40 for the certificates, 3DES for the key.
export_pfx legacy-fullchain -legacy -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem" \
  -certfile "$certs/rsa/intermediate.pem"
# 3DES for both, SHA-1 MAC (what Windows Server 2016 exports).
export_pfx des3-fullchain -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 \
  -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem" -certfile "$certs/rsa/intermediate.pem"
# The full chain with its root, out of order in the file (the root before the intermediate).
export_pfx aes-with-root -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem" \
  -certfile <(cat "$certs/rsa/root.pem" "$certs/rsa/intermediate.pem")
# Certificates only, no key.
export_pfx aes-no-key -nokeys -in "$certs/rsa/fullchain.pem"
# An empty password (openssl -passout pass:).
openssl pkcs12 -export -out empty-password.pfx -passout pass: \
  -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem" -certfile "$certs/rsa/intermediate.pem"
# No password at all (pyca's NoEncryption): the bags in the clear, the MAC under the empty
# password. (Files whose MAC is under the absent, NULL, password are in cryptography-vectors'
# pkcs12/*-no-pwd.p12, which scripts/pkcs12_corpus.py runs.)
python3 - "$certs" <<'PY'
import sys
from cryptography import x509
from cryptography.hazmat.primitives.serialization import NoEncryption, load_pem_private_key, pkcs12
certs = sys.argv[1]
leaf = x509.load_pem_x509_certificate(open(f"{certs}/rsa/leaf.pem", "rb").read())
inter = x509.load_pem_x509_certificate(open(f"{certs}/rsa/intermediate.pem", "rb").read())
key = load_pem_private_key(open(f"{certs}/rsa/leaf.key", "rb").read(), None)
open("no-password.pfx", "wb").write(
    pkcs12.serialize_key_and_certificates(None, key, leaf, [inter], NoEncryption()))
PY
# A key only: no certificate at all.
openssl pkcs12 -export -out key-only.pfx -passout "pass:$pw" -nocerts -inkey "$certs/rsa/leaf.key"

# A tampered MAC: the last byte of the MAC value flipped (the content still decrypts).
python3 - <<'PY'
data = bytearray(open("aes-fullchain.pfx", "rb").read())
# The MacData's digest is the last OCTET STRING before the salt and iteration count; flipping
# a byte of the salt (at the end, before the 2-3 byte iteration INTEGER) breaks the MAC too and
# is simpler to locate: the salt is the OCTET STRING just before the final INTEGER.
i = data.rfind(b"\x04\x08")  # 8-byte MAC salt (openssl's default)
assert i > 0, "MAC salt not found"
data[i + 2] ^= 0x01
open("tampered-mac.pfx", "wb").write(bytes(data))
PY
# An algorithm the reader does not implement: a MAC-less export whose AES-256-CBC OID
# (2.16.840.1.101.3.4.1.42) is changed to AES-256-wrap-pad (.48), which PBES2 does not use.
openssl pkcs12 -export -nomac -out unsupported-cipher.pfx -passout "pass:$pw" \
  -inkey "$certs/rsa/leaf.key" -in "$certs/rsa/leaf.pem"
python3 - <<'PY'
data = open("unsupported-cipher.pfx", "rb").read()
cbc = bytes.fromhex("060960864801650304012a")
assert cbc in data, "AES-256-CBC OID not found"
open("unsupported-cipher.pfx", "wb").write(data.replace(cbc, cbc[:-1] + b"\x30"))
PY

echo "generated: $(ls *.pfx | tr '\n' ' ')"
