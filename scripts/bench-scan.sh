#!/usr/bin/env bash
# Measures `cert-preflight scan` over many files: peak resident memory and wall time, with GNU
# time (`/usr/bin/time -v`), for each file count given (default 1000 and 10000). The files are
# copies of testdata/scan/mixed (good.crt with its key, misordered.pem, leaf.der, wrong.crt
# with its key), 100 per directory, made once in target/scan-bench/N. Results: docs/performance.md.
#
#   scripts/bench-scan.sh [N ...]          e.g. scripts/bench-scan.sh 1000 10000
#   JOBS=1 scripts/bench-scan.sh 10000     one worker thread (default: one per core)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet --bin cert-preflight
bin=target/release/cert-preflight
src=testdata/scan/mixed

make_tree() { # N DIR: N certificate files (plus the keys beside some), 100 per directory
  local n=$1 dir=$2 i=0
  rm -rf "$dir" && mkdir -p "$dir"
  while [ "$i" -lt "$n" ]; do
    local sub="$dir/d$((i / 100))"
    mkdir -p "$sub"
    case $((i % 4)) in
      0) cp "$src/good.crt" "$sub/c$i.crt"; cp "$src/good.key" "$sub/c$i.key" ;;
      1) cp "$src/misordered.pem" "$sub/c$i.pem" ;;
      2) cp "$src/leaf.der" "$sub/c$i.der" ;;
      3) cp "$src/wrong.crt" "$sub/c$i.crt"; cp "$src/wrong.key" "$sub/c$i.key" ;;
    esac
    i=$((i + 1))
  done
}

for n in "${@:-1000 10000}"; do
  for count in $n; do
    dir=target/scan-bench/$count
    [ -f "$dir/.complete" ] || { make_tree "$count" "$dir"; touch "$dir/.complete"; }
    for format in json human; do
      jobs_arg=()
      [ -n "${JOBS:-}" ] && jobs_arg=(--jobs "$JOBS")
      cmd=("$bin" scan "$dir" --now 2026-11-23T00:00:00Z --format "$format" "${jobs_arg[@]}")
      /usr/bin/time -v "${cmd[@]}" > /dev/null 2> target/scan-bench/time.txt || true
      rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' target/scan-bench/time.txt)
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' target/scan-bench/time.txt)
      user=$(awk -F': ' '/User time/ {print $2}' target/scan-bench/time.txt)
      sys=$(awk -F': ' '/System time/ {print $2}' target/scan-bench/time.txt)
      cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' target/scan-bench/time.txt)
      printf '%6s files  %-5s  peak RSS %6s KB  wall %s  user %ss  sys %ss  CPU %s  (%s)\n' \
        "$count" "$format" "$rss" "$wall" "$user" "$sys" "$cpu" "${cmd[*]}"
    done
  done
done
