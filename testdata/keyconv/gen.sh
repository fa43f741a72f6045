#!/usr/bin/env bash
# Key files for the key conversion tests (issue 22 item 3, tests/key_conversion.rs): the
# committed keys of testdata/certs with the `EC PARAMETERS` block that
# `openssl ecparam -name prime256v1` prints (the block `openssl ecparam -genkey` writes before
# a key) put in front; and the same keys encrypted (below). No new key is made, so re-running
# changes nothing but the encrypted files' salts and IVs. Kept
# outside testdata/certs, which scripts/gen-testdata.sh wipes and rebuilds.
#
#   ec-sec1-params.key    EC PARAMETERS + ec-p256/leaf.sec1.key (what `ecparam -genkey` writes)
#   rsa-pkcs1-params.key  EC PARAMETERS + rsa/leaf.pkcs1.key (a PKCS#1 key pasted after the
#                         block: converted to PKCS#8 without it)
set -euo pipefail
cd "$(dirname "$0")"
certs=../certs
params=$(openssl ecparam -name prime256v1)
printf '%s\n' "$params" | cat - "$certs/ec-p256/leaf.sec1.key" >ec-sec1-params.key
printf '%s\n' "$params" | cat - "$certs/rsa/leaf.pkcs1.key" >rsa-pkcs1-params.key

# --- encrypted keys (issue 22 item 3: "an encrypted key is converted only when its password is
# given"; tests/key_decryption.rs, tests/cli_key_password.rs, the npm and Python suites) -------
# The same committed leaf keys, encrypted under the password in encrypted/password.txt in each
# form OpenSSL writes. Not deterministic (each run draws new salts and IVs) but the keys inside
# are the committed ones, so every test still holds after a re-run. The tests' case table
# names each file, the key it holds and what decrypting gives.
#   PKCS#8 PBES2:  -v2 aes-256-cbc (PBKDF2-HMAC-SHA256, OpenSSL's default PRF), -v2 des3,
#                  -v2 aes-128-cbc -v2prf hmacWithSHA1, -v2 aes-192-cbc
#   legacy PEM:    rsa -aes128, rsa -aes256, ec -des3, ec -aes192 (Proc-Type/DEK-Info)
#   unsupported:   -scrypt (PBES2 with scrypt), -v1 PBE-SHA1-3DES (a PKCS#12 PBE scheme),
#                  rsa -camellia128 (a legacy cipher not read)
enc=encrypted
mkdir -p "$enc"
pass="file:$enc/password.txt"
[ -s "$enc/password.txt" ] || printf 'k3y-Pa55phrase-7Q\n' >"$enc/password.txt"
rsa=$certs/rsa/leaf.key
ec=$certs/ec-p256/leaf.key
topk8() { openssl pkcs8 -topk8 -in "$1" -passout "$pass" -out "$enc/$2" "${@:3}"; }
topk8 "$rsa" rsa-pkcs8-aes256-sha256.key -v2 aes-256-cbc
topk8 "$rsa" rsa-pkcs8-des3.key -v2 des3
topk8 "$ec" ec-pkcs8-aes128-sha1.key -v2 aes-128-cbc -v2prf hmacWithSHA1
topk8 "$ec" ec-pkcs8-aes192.key -v2 aes-192-cbc
topk8 "$rsa" rsa-pkcs8-scrypt.key -scrypt
topk8 "$ec" ec-pkcs8-pbe-sha1-3des.key -v1 PBE-SHA1-3DES
openssl rsa -in "$rsa" -traditional -aes128 -passout "$pass" -out "$enc/rsa-legacy-aes128.key" 2>/dev/null
openssl rsa -in "$rsa" -traditional -aes256 -passout "$pass" -out "$enc/rsa-legacy-aes256.key" 2>/dev/null
openssl rsa -in "$rsa" -traditional -camellia128 -passout "$pass" -out "$enc/rsa-legacy-camellia128.key" 2>/dev/null
openssl ec -in "$ec" -des3 -passout "$pass" -out "$enc/ec-legacy-des3.key" 2>/dev/null
openssl ec -in "$ec" -aes192 -passout "$pass" -out "$enc/ec-legacy-aes192.key" 2>/dev/null
# Each decrypts with the password to the committed key (openssl's own check).
for f in rsa-pkcs8-aes256-sha256 rsa-pkcs8-des3 rsa-pkcs8-scrypt rsa-legacy-aes128 rsa-legacy-aes256 rsa-legacy-camellia128; do
  [ "$(openssl pkey -in "$enc/$f.key" -passin "$pass" -pubout)" = "$(openssl pkey -in "$rsa" -pubout)" ] ||
    { echo "$f.key does not hold rsa/leaf.key" >&2; exit 1; }
done
for f in ec-pkcs8-aes128-sha1 ec-pkcs8-aes192 ec-pkcs8-pbe-sha1-3des ec-legacy-des3 ec-legacy-aes192; do
  [ "$(openssl pkey -in "$enc/$f.key" -passin "$pass" -pubout)" = "$(openssl pkey -in "$ec" -pubout)" ] ||
    { echo "$f.key does not hold ec-p256/leaf.key" >&2; exit 1; }
done
grep -q '^DEK-Info: AES-128-CBC,' "$enc/rsa-legacy-aes128.key"
grep -q '^DEK-Info: DES-EDE3-CBC,' "$enc/ec-legacy-des3.key"
grep -q '^DEK-Info: CAMELLIA-128-CBC,' "$enc/rsa-legacy-camellia128.key"
