#!/usr/bin/env python3
"""The pkilint differential (issue 20): for every rule whose catalogue row names pkilint
findings, the rule fires on a certificate exactly when pkilint reports one of those findings.

    pkilint_differential.py BINARY EXCEPTIONS DIR...

BINARY is the cert-preflight CLI; each DIR is searched for certificate files (.pem, .crt, .cer,
.der): testdata/certs and PyPI's cryptography-vectors x509/ folder (scripts/pkilint-differential.sh
passes both). The first certificate of each file is linted alone, by pkilint as a TLS server
subscriber certificate (DV, `lint_cabf_serverauth_cert -t DV-FINAL-CERTIFICATE`, effective dates
from the certificate's notBefore, its PKIX findings filtered as its CLI does) and by cert-preflight
as a server leaf for the public audience (`cert FILE --audience public`).

The comparison runs both ways, because a row may name several findings (the validity rows
name one per limit) and a finding may be named by several rows (pkilint's
`invalid_dnsname_syntax` covers what seven of our rules tell apart): a rule that fires must
have one of its findings reported (side `ours` otherwise), and a finding reported must have one
of the rules naming it fire (side `pkilint` otherwise). Certificates that are CAs are left out:
the rules judge a server leaf.

A disagreement must be listed in EXCEPTIONS, a tab-separated file of
`glob  name  side  reason` lines: for side `ours` the name is our rule id, for side `pkilint`
the pkilint finding; an exception that matches no disagreement is stale and fails the run too.
A glob may start with `issued<YYYY-MM-DD:`: the exception then holds only for certificates
whose notBefore is before that date (pkilint applies some of today's rules to every date).
"""

import base64
import concurrent.futures
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile

from pkilint import finding_filter, loader
from pkilint.cabf import serverauth
from pkilint.cabf.serverauth import serverauth_constants
from pkilint.pkix import certificate

NOW = "2026-11-23T00:00:00Z"
PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----\s*([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----")
SUFFIXES = (".pem", ".crt", ".cer", ".der")
WORKERS = max(1, min(2, os.cpu_count() or 1))


def first_certificate(path):
    """The DER of the file's first certificate, or None."""
    data = open(path, "rb").read()
    m = PEM_BLOCK.search(data)
    if m:
        try:
            return base64.b64decode(b"".join(m.group(1).split()), validate=True)
        except ValueError:
            return None
    if path.endswith((".der", ".cer", ".crt")) and data[:1] == b"\x30":
        return data
    return None


def pkilint_codes(der, name):
    """The finding codes pkilint reports for `der` as a DV subscriber certificate, or None when
    pkilint cannot load it."""
    try:
        cert = loader.RFC5280CertificateDocumentLoader().load_der_document(der, name)
    except Exception:  # noqa: BLE001 - pkilint's loaders raise several types
        return None
    cert_type = serverauth_constants.CertificateType.DV_FINAL_CERTIFICATE
    validator = certificate.create_pkix_certificate_validator_container(
        serverauth.create_decoding_validators(),
        serverauth.create_validators(cert_type),
    )
    try:
        results = validator.validate(cert.root)
        results, _ = finding_filter.filter_results(
            serverauth.create_serverauth_finding_filters(cert_type), results
        )
    except Exception:  # noqa: BLE001 - a document pkilint cannot walk is left out
        return None
    return {fd.finding.code for r in results for fd in r.finding_descriptions}


def our_rules(binary, der):
    """The rule ids cert-preflight reports for `der` as a public server leaf; None when it
    could not judge it or the certificate is a CA."""
    body = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    pem = f"-----BEGIN CERTIFICATE-----\n{lines}\n-----END CERTIFICATE-----\n"
    with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as f:
        f.write(pem)
        path = f.name
    try:
        out = subprocess.run(
            [binary, "cert", path, "--audience", "public", "--format", "json", "--now", NOW],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(path)
    if out.returncode not in (0, 1):
        return None
    report = json.loads(out.stdout)
    leaf = (report.get("certificate") or {}).get("leaf") or {}
    if leaf.get("is_ca"):
        return None
    return {d["rule"] for d in report["diagnostics"]}, leaf.get("not_before", "")


def applies(glob, rel, not_before):
    """Whether an exception's glob (optionally `issued<DATE:` first) covers this certificate."""
    m = re.match(r"issued<(\d{4}-\d{2}-\d{2}):(.*)", glob)
    if m:
        if not (not_before and not_before[:10] < m.group(1)):
            return False
        glob = m.group(2)
    return fnmatch.fnmatch(rel, glob)


def read_exceptions(path):
    out = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[2] not in ("ours", "pkilint") or not parts[3].strip():
            sys.exit(f"{path}:{number}: expected `glob<TAB>name<TAB>ours|pkilint<TAB>reason`")
        out.append((parts[0], parts[1], parts[2], number))
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, exceptions_path, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    catalogue = json.loads(
        subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout
    )
    rules = catalogue["rules"] if isinstance(catalogue, dict) else catalogue
    # rule -> its pkilint findings, and pkilint finding -> the rules that name it.
    codes_of = {r["id"]: set(r["pkilint"]) for r in rules if r.get("pkilint")}
    mapped = {}
    for rule, codes in codes_of.items():
        for code in codes:
            mapped.setdefault(code, set()).add(rule)
    files = []
    for top in dirs:
        for root, _, names in os.walk(top):
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    files.append(os.path.join(root, name))
    files.sort()
    exceptions = read_exceptions(exceptions_path)
    used = set()
    disagreements, compared = [], 0

    def judge(path):
        der = first_certificate(path)
        if der is None:
            return path, None, None
        ours = our_rules(binary, der)
        return path, pkilint_codes(der, path), ours

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        for path, theirs, ours in pool.map(judge, files):
            if theirs is None or ours is None:
                continue
            ours, not_before = ours
            compared += 1
            rel = os.path.relpath(path)
            found = []
            for rule, codes in sorted(codes_of.items()):
                if rule in ours and not theirs & codes:
                    found.append(("ours", rule, f"{rule} fired, pkilint reports none of {sorted(codes)}"))
            for code, named_by in sorted(mapped.items()):
                if code in theirs and not ours & named_by:
                    found.append(("pkilint", code, f"pkilint reports {code}, none of {sorted(named_by)} fired"))
            for side, name, what in found:
                hit = [e for e in exceptions if e[1] == name and e[2] == side and applies(e[0], rel, not_before)]
                if hit:
                    used.update(e[3] for e in hit)
                else:
                    disagreements.append(f"{rel}: {what}")
    stale = [e for e in exceptions if e[3] not in used]
    for d in disagreements:
        print("DISAGREE", d)
    for glob, rule, side, number in stale:
        print(f"STALE {exceptions_path}:{number}: {glob} {rule} {side} matches no disagreement")
    print(f"pkilint differential: {compared} certificates compared on {len(mapped)} pkilint findings, "
          f"{len(disagreements)} unexplained disagreements, {len(stale)} stale exceptions")
    sys.exit(1 if disagreements or stale else 0)


if __name__ == "__main__":
    main()
