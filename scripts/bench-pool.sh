#!/usr/bin/env bash
# Peak resident memory and wall time of `cert --intermediates` for pools of many certificates
# (issue 22 item 2: memory stays flat), with GNU time (`/usr/bin/time -v`). Each pool is one PEM
# file: testdata/pool/int-wrong.pem copied N times with its common name's last 12 bytes
# replaced by a counter (distinct subjects; their signatures no longer verify, which the index
# never reads), then the right intermediate; made once in target/pool-bench/N.pem. Every run
# must complete the chain from the last certificate. Results: docs/performance.md.
#
#   scripts/bench-pool.sh [N ...]          default: 1 1000 10000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --bin cert-preflight
bin=target/release/cert-preflight
mkdir -p target/pool-bench

make_pool() { # N OUT
  python3 - "$1" "$2" <<'PY'
import base64, re, sys
n, out = int(sys.argv[1]), sys.argv[2]
def der(path):
    text = open(path).read()
    return base64.b64decode("".join(re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END", text, re.S).group(1).split()))
def pem(d):
    b = base64.b64encode(d).decode()
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + "\n-----END CERTIFICATE-----\n"
wrong = der("testdata/pool/int-wrong.pem")
at = wrong.index(b"Intermediate")
with open(out, "w") as f:
    for i in range(n):
        f.write(pem(wrong[:at] + b"%012d" % i + wrong[at + 12:]))
    f.write(open("testdata/pool/int.pem").read())
PY
}

printf '%-8s %-12s %-10s %s\n' POOL PEM_BYTES PEAK_RSS WALL
for n in "${@:-1 1000 10000 50000}"; do
  pool=target/pool-bench/$n.pem
  [ -f "$pool" ] || make_pool "$n" "$pool"
  /usr/bin/time -v "$bin" cert testdata/pool/leaf.pem --intermediates "$pool" \
    --roots testdata/pool/root.pem --now 2026-11-23T00:00:00Z --format json \
    >target/pool-bench/out.json 2>target/pool-bench/time.txt
  grep -q '"rule": "chain.completed_from_pool"' target/pool-bench/out.json \
    || { echo "bench-pool: the chain was not completed from the pool of $n" >&2; exit 1; }
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/pool-bench/time.txt)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' target/pool-bench/time.txt)
  printf '%-8s %-12s %-10s %s\n' "$n" "$(stat -c %s "$pool")" "${rss} KB" "$wall"
done
