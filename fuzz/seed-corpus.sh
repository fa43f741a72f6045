#!/usr/bin/env bash
# Seeds fuzz/corpus/certificate_field/ from every file under testdata/, plus combined inputs
# (certificate, 0xFF, key, 0xFF, domains) so the fuzzer starts with all three fields in use.
# The corpus is generated, not committed (see fuzz/.gitignore). Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/corpus/certificate_field"
mkdir -p "$out"
n=0
while IFS= read -r -d '' f; do
  cp "$f" "$out/$(echo "$f" | sed "s|$root/||; s|/|_|g")"
  n=$((n + 1))
done < <(find "$root/testdata" -type f -print0)
combine() { # cert key domains name
  { cat "$1"; printf '\377'; cat "$2"; printf '\377'; printf '%s' "$3"; } > "$out/combined-$4"
  n=$((n + 1))
}
t="$root/testdata/certs"
combine "$t/rsa/fullchain.pem" "$t/rsa/leaf.key" "www.example.com,example.com,x.apps.example.com" rsa
combine "$t/ec-p256/fullchain.pem" "$t/ec-p256/leaf.sec1.key" "www.example.com" ec-p256
combine "$t/ec-p384/fullchain-with-root.pem" "$t/ec-p384/other.key" "*.example.com,a..b" ec-p384
combine "$t/ed25519/fullchain.pem" "$t/ed25519/leaf.key" "api.example.com" ed25519
combine "$t/rsa-pss/fullchain.pem" "$t/rsa-pss/leaf.key" "x.apps.example.com" rsa-pss
combine "$t/seed003/cert.pem" "$t/seed003/key.pem" "domain.com" seed003
combine "$t/broken/shuffled.pem" "$t/rsa/leaf.encrypted-pkcs1.key" "example.com" shuffled
combine "$t/profiles/ca-single.pem" "$t/rsa/leaf.pkcs1.key" "" ca-single
echo "seeded $n inputs into $out"
