#!/usr/bin/env bash
# Writes starting inputs for every fuzz target into OUT/<target>/ (default: a scratch
# directory printed at the end). The committed corpus, fuzz/corpus/<target>/, is the edge
# set cover of what fuzzing from these seeds reached (see docs/performance.md).
#
#   certificate_field  every file under testdata/ + combined inputs (cert 0xFF key 0xFF domains)
#   key_field          selector byte (the certificate: 0 RSA, 1 EC P-256, 2 Ed25519, 3 RSA-PSS)
#                      + every .key file under testdata/certs/; every key of
#                      testdata/keyconv/encrypted with bit 4 set (the key password given) and
#                      bit 3 (the key fix)
#   domain_field       testdata/certs/rsa/domains.txt and every domain field of the request cases
#   fingerprint        every .pem file under testdata/
#   request_json       operation byte (index in `operations()`, all of them) + each request
#                      case's body, its {"$file": ...} references replaced by the files' text
#   request_value      none: libFuzzer starts from the empty input (the bytes are `arbitrary`'s)
#   intermediates_pool selector byte (bit 0: the deep leaf, bit 1: the root given) + every file
#                      under testdata/pool/ (the pools of scripts/gen-testdata-pool.sh)
#   pkcs12_file        selector byte (% 3: the fixtures' password, a wrong one, none; bit 2: a
#                      domain) + every .pfx under testdata/pkcs12/ (testdata/pkcs12/gen.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"/{certificate_field,key_field,domain_field,fingerprint,request_json,request_value,intermediates_pool,pkcs12_file}
t="$root/testdata/certs"
flat() { echo "$1" | sed "s|$root/||; s|/|_|g"; }

while IFS= read -r -d '' f; do
  cp "$f" "$out/certificate_field/$(flat "$f")"
  case "$f" in *.pem) cp "$f" "$out/fingerprint/$(flat "$f")" ;; esac
done < <(find "$root/testdata" -type f -print0)

while IFS= read -r -d '' f; do
  case "$f" in
    */deep-leaf.pem | */pool-deep.pem) sel='\003' ;;
    *) sel='\002' ;;
  esac
  { printf "$sel"; cat "$f"; } >"$out/intermediates_pool/$(flat "$f")"
done < <(find "$root/testdata/pool" -type f -print0)
{ printf '\000'; cat "$root/testdata/pool/pool-cross.pem"; } >"$out/intermediates_pool/no-roots-cross"

while IFS= read -r -d '' f; do
  name=$(basename "$f" .pfx)
  { printf '\004'; cat "$f"; } >"$out/pkcs12_file/$name"
  { printf '\001'; cat "$f"; } >"$out/pkcs12_file/$name-wrong-password"
done < <(find "$root/testdata/pkcs12" -name '*.pfx' -print0)
{ printf '\002'; cat "$root/testdata/pkcs12/no-password.pfx"; } >"$out/pkcs12_file/no-password-none"

combine() { # cert key domains name
  { cat "$1"; printf '\377'; cat "$2"; printf '\377'; printf '%s' "$3"; } >"$out/certificate_field/combined-$4"
}
combine "$t/rsa/fullchain.pem" "$t/rsa/leaf.key" "www.example.com,example.com,x.apps.example.com" rsa
combine "$t/ec-p256/fullchain.pem" "$t/ec-p256/leaf.sec1.key" "www.example.com" ec-p256
combine "$t/ec-p384/fullchain-with-root.pem" "$t/ec-p384/other.key" "*.example.com,a..b" ec-p384
combine "$t/ed25519/fullchain.pem" "$t/ed25519/leaf.key" "api.example.com" ed25519
combine "$t/rsa-pss/fullchain.pem" "$t/rsa-pss/leaf.key" "x.apps.example.com" rsa-pss
combine "$t/seed003/cert.pem" "$t/seed003/key.pem" "domain.com" seed003
combine "$t/broken/shuffled.pem" "$t/rsa/leaf.encrypted-pkcs1.key" "example.com" shuffled
combine "$t/profiles/ca-single.pem" "$t/rsa/leaf.pkcs1.key" "" ca-single

while IFS= read -r -d '' f; do
  case "$f" in
    */ec-p256/*) sel='\001' ;;
    */ed25519/*) sel='\002' ;;
    */rsa-pss/*) sel='\003' ;;
    *) sel='\000' ;;
  esac
  { printf "$sel"; cat "$f"; } >"$out/key_field/$(flat "$f")"
done < <(find "$t" -name '*.key' -print0)
while IFS= read -r -d '' f; do
  case "$f" in
    */ec-*) sel='\031' ;;
    *) sel='\030' ;;
  esac
  { printf "$sel"; cat "$f"; } >"$out/key_field/$(flat "$f")"
done < <(find "$root/testdata/keyconv/encrypted" -name '*.key' -print0)

python3 - "$root" "$out" <<'EOF'
import glob, json, os, re, sys
root, out = sys.argv[1], sys.argv[2]
# The order of `operations()`: the modules of src/request/operations/mod.rs's `operations!(...)`
# list, each module's id read from its declaration (`id: "..."`).
op_dir = os.path.join(root, "src/request/operations")
modules = re.search(r"^operations!\((.*?)\);", open(os.path.join(op_dir, "mod.rs")).read(),
                    re.S | re.M).group(1)
ops = [re.search(r'\bid: "([^"]+)"', open(os.path.join(op_dir, m + ".rs")).read()).group(1)
       for m in re.findall(r"\w+", modules)]
assert len(ops) == len(set(ops)) >= 11, ops
requests = os.path.join(root, "testdata/requests")
def resolve(value):
    """The case's value with every {"$file": name or [names]} replaced by the text of the
    files under testdata/requests/ (as tests/request_golden.rs reads them)."""
    if isinstance(value, dict):
        if list(value) == ["$file"]:
            names = value["$file"] if isinstance(value["$file"], list) else [value["$file"]]
            return "".join(open(os.path.join(requests, n), encoding="utf-8").read() for n in names)
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value
domains = set(open(os.path.join(root, "testdata/certs/rsa/domains.txt")).read().split("\n"))
def collect(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("domain", "domains") and isinstance(v, str):
                domains.add(v)
            collect(v)
    elif isinstance(value, list):
        for v in value:
            collect(v)
for path in sorted(glob.glob(os.path.join(root, "testdata/requests/*/*.case.json"))):
    case = json.load(open(path))
    if case["operation"] not in ops:
        continue
    if "body" in case:
        case["body"] = resolve(case["body"])
    text = case["body_text"] if "body_text" in case else json.dumps(case["body"], ensure_ascii=False, separators=(",", ":"))
    name = os.path.basename(os.path.dirname(path)) + "_" + os.path.basename(path)
    with open(os.path.join(out, "request_json", name), "wb") as f:
        f.write(bytes([ops.index(case["operation"])]) + text.encode())
    collect(case.get("body"))
for i, d in enumerate(sorted(d for d in domains if d)):
    with open(os.path.join(out, "domain_field", f"seed-{i:03}"), "w") as f:
        f.write(d)
EOF
for d in "$out"/*/; do echo "$(ls "$d" | wc -l) seeds in $d"; done
