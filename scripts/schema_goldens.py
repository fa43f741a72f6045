"""Holds every operation's JSON Schema (`cert-preflight operations --schema`) against the golden
request cases (issue 19, item 1).

For each `testdata/requests/<operation>/<case>.case.json` with a JSON body, its committed report
(`<case>.expected.json`) says what the engine found:
- no error: the body must validate against the operation's schema (and its path parameters
  against `$defs/path`);
- an error of a structural rule (type, enum, required, length, range, characters) made by a
  declared row: the body or path must be rejected.
An error made elsewhere (a cross-field or certificate check the schema cannot say) is not
structural here; `NOT_IN_SCHEMA` lists the (rule, path) pairs that look structural but come
from such a check, each with its reason, and an entry that no longer occurs fails the test.

Usage: python schema_goldens.py SCHEMAS.json   (the output of `operations --schema`)
"""

import json
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "testdata" / "requests"

# Rules the engine makes from a declared row, and that a JSON Schema can say.
STRUCTURAL = {
    "request.wrong_type",
    "request.missing_field",
    "request.invalid_value",
    "request.length",
    "request.out_of_range",
}

# (operation, rule, path): an error of a structural rule made by a check the schema cannot say.
NOT_IN_SCHEMA = {
    ("alibaba.alb.create-listener", "request.invalid_value", "/XForwardedForConfig/XForwardedForClientSourceIpsTrusted"):
        "an IP/CIDR list in one string: checks::trusted_ips",
    ("aws.acm.import-certificate", "request.invalid_value", "/CertificateArn"):
        "the ARN's shape: a check (partition, region, account, resource)",
    ("aws.acm.import-certificate", "request.length", "/Tags"):
        "ACM's 1-item minimum applies to a given tag list: the AWS tag check",
    ("aws.iam.upload-server-certificate", "request.invalid_value", "/Path"):
        "the path's shape (`/` or `/.../`) and /cloudfront with context service=cloudfront",
    ("cloudflare.custom-certificate.create", "request.invalid_value", "/bundle_method"):
        "checked by the bundle-method check (case hint), not a declared enum",
    ("gcp.compute.insert-ssl-certificate", "request.missing_field", "/certificate"):
        "one of two forms (top level or selfManaged): a cross-field check",
    ("gcp.compute.insert-ssl-certificate", "request.missing_field", "/privateKey"):
        "one of two forms (top level or selfManaged): a cross-field check",
    ("gcp.compute.insert-ssl-certificate", "request.invalid_value", "/name"):
        "RFC 1035 name shape: a check",
    ("gcp.compute.insert-ssl-certificate", "request.invalid_value", "/path/project"):
        "project id shape: a check",
    ("gcp.compute.insert-ssl-certificate", "request.invalid_value", "/path/requestId"):
        "UUID shape, not all zeros: a check",
    ("gcp.compute.insert-ssl-certificate", "request.invalid_value", "/type"):
        "type MANAGED: a cross-field check",
    ("kubernetes.secret.tls", "request.invalid_value", "/data/tls.crt"):
        "base64 of a data value: a check",
    ("kubernetes.secret.tls", "request.invalid_value", "/data/tls.key "):
        "a key outside [-._a-zA-Z0-9]: a map-key check",
    ("kubernetes.secret.tls", "request.missing_field", "/data/tls.key"):
        "tls.key in data or stringData: a cross-field check",
    ("kubernetes.secret.tls", "request.length", "/metadata/name"):
        "DNS subdomain length: the name check",
    ("kubernetes.secret.tls", "request.invalid_value", "/metadata/name"):
        "DNS subdomain shape: a check",
    ("kubernetes.secret.tls", "request.invalid_value", "/metadata/namespace"):
        "DNS label shape: a check",
    ("kubernetes.secret.tls", "request.missing_field", "/metadata/name"):
        "name or generateName: a cross-field check",
}


def resolve(value):
    """`{"$file": ...}` stands for the text of that file (or files) under testdata/requests."""
    if isinstance(value, dict):
        if set(value) == {"$file"}:
            names = value["$file"] if isinstance(value["$file"], list) else [value["$file"]]
            return "".join((DATA / n).read_text() for n in names)
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value


def main():
    schemas = json.load(open(sys.argv[1]))
    used_exceptions = set()
    failures = []
    counts = {"valid": 0, "rejected": 0, "other": 0}
    for case_path in sorted(DATA.glob("*/*.case.json")):
        case = json.load(open(case_path))
        report = json.load(open(str(case_path).replace(".case.json", ".expected.json")))
        operation = report["operation"]
        if "body" not in case or operation not in schemas:
            continue
        schema = schemas[operation]
        validator = jsonschema.Draft202012Validator(schema)
        body = resolve(case["body"])
        path = case.get("path", {})
        path_validator = jsonschema.Draft202012Validator(schema["$defs"]["path"])
        problems = [e.message for e in validator.iter_errors(body)]
        problems += ["path: " + e.message for e in path_validator.iter_errors(path)]
        errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
        structural = []
        for d in errors:
            key = (operation, d["rule"], d["path"])
            if key in NOT_IN_SCHEMA:
                used_exceptions.add(key)
            elif d["rule"] in STRUCTURAL:
                structural.append(d)
        name = f"{operation}/{case_path.name}"
        if not errors:
            counts["valid"] += 1
            if problems:
                failures.append(f"{name}: no error in the report, but the schema rejects it: {problems[:3]}")
        elif structural:
            counts["rejected"] += 1
            if not problems:
                shown = [(d["rule"], d["path"]) for d in structural]
                failures.append(f"{name}: structural errors {shown}, but the schema accepts it")
        else:
            counts["other"] += 1
    for key in sorted(set(NOT_IN_SCHEMA) - used_exceptions):
        failures.append(f"stale NOT_IN_SCHEMA entry {key}: no golden report has it any more")
    for failure in failures:
        print(failure)
    print(
        f"schema vs goldens: {counts['valid']} bodies without errors validate, "
        f"{counts['rejected']} with structural errors are rejected, "
        f"{counts['other']} have only non-structural errors"
    )
    if failures:
        sys.exit(f"{len(failures)} schema/golden disagreements")
    if counts["valid"] == 0 or counts["rejected"] == 0:
        sys.exit("nothing was really validated")


if __name__ == "__main__":
    main()
