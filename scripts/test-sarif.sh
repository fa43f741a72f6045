#!/usr/bin/env bash
# Validates `cert-preflight scan --format sarif` against the SARIF 2.1.0 JSON schema, offline:
# the schema is the one Microsoft ships in the npm package @microsoft/jest-sarif
# (lib/schemas/sarif-2.1.0-rtm.5.json, the 2.1.0 release schema, JSON Schema draft 4; its
# sha256 is pinned below), the validator is PyPI's `jsonschema` with its format checkers (so
# URIs are checked too). Three scans are validated (a mixed directory and a file that does not
# exist, one valid file, stdin), and a broken copy must be rejected, which shows the validator bites.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-venv.sh

schema_pkg="@microsoft/jest-sarif@1.0.0-beta.0"
schema_sha256="2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"
work="$target_dir/sarif-check"
schema="$work/package/lib/schemas/sarif-2.1.0-rtm.5.json"

if ! echo "$schema_sha256  $schema" | sha256sum --check --status 2>/dev/null; then
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && npm pack --silent "$schema_pkg" >/dev/null && tar xzf ./*.tgz)
  echo "$schema_sha256  $schema" | sha256sum --check --quiet
fi
venv_install "jsonschema[format-nongpl]==4.23.0"

cargo build --quiet --bin cert-preflight
bin="$target_dir/debug/cert-preflight"
now=2026-11-23T00:00:00Z
# Exit statuses 2 and 0 are expected here; the output is what is checked.
"$bin" scan testdata/scan/mixed testdata/scan/no-such-file.pem --now "$now" --format sarif > "$work/mixed.sarif" 2>/dev/null || true
"$bin" scan testdata/scan/mixed/good.crt --now "$now" --format sarif > "$work/good.sarif"
"$bin" scan - --now "$now" --format sarif < testdata/scan/mixed/misordered.pem > "$work/stdin.sarif" || true

"$venv_python" - "$schema" "$work"/mixed.sarif "$work"/good.sarif "$work"/stdin.sarif <<'PY'
import copy, json, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
# Every format jsonschema knows, not only draft 4's: the schema's `uri-reference` is checked.
validator = cls(schema, format_checker=jsonschema.FormatChecker())

def errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.path))

results = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    found = errors(doc)
    for e in found:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    if found:
        sys.exit(f"{path}: not valid SARIF 2.1.0")
    results += len(doc["runs"][0]["results"])
    print(f"{path}: valid SARIF 2.1.0 ({len(doc['runs'][0]['results'])} results)")
if results == 0:
    sys.exit("no results at all: nothing was really validated")

# The validator must reject what the schema forbids.
broken = copy.deepcopy(json.load(open(sys.argv[2])))
broken["runs"][0]["results"][0]["level"] = "fatal"
broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = {"startLine": 0}
broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b:\\c"
if len(errors(broken)) < 3:
    sys.exit("the validator accepted a broken log")
print("a broken log is rejected, as it must be")
PY
