#!/usr/bin/env bash
# Mutation testing of the core's verdicts (issue 27): runs cargo-mutants (one changed operator,
# condition or return value at a time, then the tests) and prints the score.
#
#   scripts/mutants.sh FILE...        mutants of these files (src/rules/chain.rs, src/rules/...)
#   scripts/mutants.sh --in-diff [BASE]
#                                     mutants of the lines changed since BASE (default: the
#                                     merge base with main, else HEAD~1); nothing to do when
#                                     the change touches no mutated folder
#   scripts/mutants.sh --ci           --in-diff for CI: skips with a message when there is no
#                                     history to diff, and tests at most $MUTANTS_CI_MAX (8)
#                                     mutants per area (a round-robin sample of a larger diff)
#   Any argument after `--` goes to cargo-mutants (`-- -F find_self_signed`, `-- --list`).
#
# When: before committing a change to a rule, the request engine or their model (the files
# it touches, or --in-diff), and after adding a rule, on its file. CI runs --ci.
#
# Which tests a mutant runs: cargo-mutants would run the whole suite (robustness alone takes
# three minutes, the openssl differential one), so each area runs its in-process suites, every
# one under five seconds: the library's unit tests plus the integration tests of that area
# (CERTIFICATE_TESTS, REQUEST_TESTS below). Each mutant then costs one incremental build and
# about 5 to 10 s of tests: 10 to 20 s on the 2-core machine (docs/mutants.md).
#
# Builds go to target/mutants (MUTANTS_TARGET_DIR), apart from target/debug, so that a mutated
# build never replaces the binaries the other tests run; the first run builds the dependencies
# there (about 3 minutes on 2 cores), later runs reuse them. The report of each area is
# target/mutants-AREA/mutants.out/ (missed.txt, caught.txt, a log per mutant).
# Exclusions (equivalent mutants, each with its reason) are in .cargo/mutants.toml; the scores
# per folder are in docs/mutants.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# The folders whose mutants are tested (issue 27): the rules, the request engine and its value
# checks, the input readers and the parsed model.
MUTATED='^src/(rules/|request/engine\.rs$|request/checks\.rs$|input/|model/)'

# Integration tests that run in-process in a few seconds, by area. The certificate area has the
# request goldens too: the operations run the certificate and key rules (Key Vault's combined
# field, the per-field chain split), and those cases exist only there.
# key_conversion and key_decryption hold the key conversion (`--fix-key`) and decryption to
# openssl; without them key.rs's convert_for_target looked untested (2 s together).
CERTIFICATE_TESTS=(golden_certificate chain_verdicts key_curves key_hints client_lints
  trust_anchors foreign_verdicts signature_verifier pkcs7_bundles pkcs12_as_text x509_limbo
  webpki_differential rule_catalogue certificate_verdicts request_golden path_choice
  key_conversion key_decryption)
REQUEST_TESTS=(request_verdicts request_golden request_boundaries request_context_keys
  request_wire form_fields explain)

die() { echo "mutants.sh: $*" >&2; exit 2; }

command -v cargo-mutants >/dev/null || die "cargo-mutants is not installed (cargo install --locked cargo-mutants)"

mode=files base= files=() passthrough=()
while [ $# -gt 0 ]; do
  case $1 in
    --in-diff) mode=diff; if [ $# -gt 1 ] && [ "${2#-}" = "$2" ]; then base=$2; shift; fi ;;
    --ci) mode=ci ;;
    --) shift; passthrough=("$@"); break ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) files+=("$1") ;;
  esac
  shift
done

diff_file=
if [ "$mode" != files ]; then
  if [ -z "$base" ]; then
    if git rev-parse -q --verify main >/dev/null && [ "$(git rev-parse main)" != "$(git rev-parse HEAD)" ]; then
      base=$(git merge-base main HEAD)
    elif git rev-parse -q --verify HEAD~1 >/dev/null; then
      # On main itself (CI's clone): the last commit, which for a merge is the merged branch.
      base=HEAD~1
    else
      echo "mutants: no earlier commit to diff against (a shallow clone?): skipped"
      exit 0
    fi
  fi
  mkdir -p target
  diff_file=$PWD/target/mutants.diff
  git diff "$base" HEAD -- src >"$diff_file"
  mapfile -t files < <(git diff --name-only "$base" HEAD -- src | grep -E "$MUTATED" || true)
  if [ ${#files[@]} -eq 0 ]; then
    echo "mutants: the change since $(git rev-parse --short "$base") touches none of src/rules, src/request/{engine,checks}.rs, src/input, src/model: skipped"
    exit 0
  fi
  echo "mutants: lines changed since $(git rev-parse --short "$base") in ${files[*]}"
fi
[ ${#files[@]} -gt 0 ] || die "give files to mutate, or --in-diff (see --help)"

export CARGO_TARGET_DIR=${MUTANTS_TARGET_DIR:-$PWD/target/mutants}
# No debug info in these builds: a mutant's build is mostly linking the area's test binaries,
# and without DWARF that is markedly faster (docs/mutants.md has the measurement). A failing
# mutant's log still names the test and its assertion.
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-0}

# One cargo-mutants run per area, with that area's tests.
request_files=() certificate_files=()
for f in "${files[@]}"; do
  [ -f "$f" ] || die "$f: no such file"
  case $f in
    src/request/*) request_files+=("$f") ;;
    *) certificate_files+=("$f") ;;
  esac
done

status=0
run_area() {
  local area=$1 tests_name=$2
  shift 2
  local -n tests=$tests_name
  local args=() t
  for f in "$@"; do args+=(--file "$f"); done
  [ -z "$diff_file" ] || args+=(--in-diff "$diff_file")
  # As cargo arguments, not after `--`: cargo-mutants builds each mutant with
  # `cargo test --no-run` before running it, and only --cargo-arg reaches that build too
  # (otherwise every mutant would build all forty test targets).
  local selection=(--cargo-arg=--lib)
  for t in "${tests[@]}"; do
    # A suite this checkout does not have yet (an older commit) is left out.
    [ ! -f "tests/$t.rs" ] || selection+=("--cargo-arg=--test=$t")
  done
  if [ "$mode" = ci ]; then
    local count max=${MUTANTS_CI_MAX:-8}
    count=$(cargo mutants "${args[@]}" --list 2>/dev/null | grep -c . || true)
    if [ "$count" -eq 0 ]; then
      echo "mutants ($area): no mutant on the changed lines"
      return 0
    fi
    if [ "$count" -gt "$max" ]; then
      local shards=$(((count + max - 1) / max))
      echo "mutants ($area): $count mutants on the changed lines; testing 1/$shards of them (MUTANTS_CI_MAX=$max)"
      args+=(--shard "0/$shards" --sharding round-robin)
    fi
  fi
  local out=target/mutants-$area
  mkdir -p "$out"
  echo "mutants ($area): cargo mutants ${args[*]} ${selection[*]} ${passthrough[*]}"
  local rc=0
  nice cargo mutants -j 1 --output "$out" "${args[@]}" "${selection[@]}" "${passthrough[@]}" || rc=$?
  if [ -f "$out/mutants.out/outcomes.json" ]; then
    python3 - "$out/mutants.out/outcomes.json" "$area" <<'PY'
import json, sys
outcomes = json.load(open(sys.argv[1]))
counts = {k: outcomes.get(k, 0) for k in ("caught", "missed", "unviable", "timeout")}
viable = counts["caught"] + counts["missed"] + counts["timeout"]
score = f"{100 * counts['caught'] / viable:.1f}%" if viable else "n/a"
print(f"mutants ({sys.argv[2]}): score {score}: caught {counts['caught']}, missed {counts['missed']}, "
      f"timeouts {counts['timeout']}, unviable {counts['unviable']}")
PY
    [ -s "$out/mutants.out/missed.txt" ] && { echo "missed:"; cat "$out/mutants.out/missed.txt"; }
  fi
  # cargo-mutants exits 2 when a mutant was missed, 3 on a timeout: both fail the run.
  [ "$rc" -eq 0 ] || status=$rc
}

[ ${#certificate_files[@]} -eq 0 ] || run_area certificate CERTIFICATE_TESTS "${certificate_files[@]}"
[ ${#request_files[@]} -eq 0 ] || run_area request REQUEST_TESTS "${request_files[@]}"
exit "$status"
