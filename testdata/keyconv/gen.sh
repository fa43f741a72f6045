#!/usr/bin/env bash
# Key files for the key conversion tests (issue 22 item 3, tests/key_conversion.rs): the
# committed keys of testdata/certs with the `EC PARAMETERS` block that
# `openssl ecparam -name prime256v1` prints (the block `openssl ecparam -genkey` writes before
# a key) put in front. Deterministic: no new key is made, so re-running changes nothing. Kept
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
