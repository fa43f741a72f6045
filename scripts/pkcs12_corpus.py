#!/usr/bin/env python3
"""PKCS#12 files others made, through the CLI, against pyca/cryptography (issue 22, item 4).

For every `.p12`/`.pfx` under the given folders (cryptography-vectors' pkcs12/ and this
repository's testdata/pkcs12/), the password is whichever of the candidates pyca's
`pkcs12.load_pkcs12` opens the file with. Then:

- `cert-preflight cert FILE --password-file P --format json` opens it too: no `pkcs12.*`
  diagnostic but `pkcs12.empty` exactly when pyca found no certificate, and the SHA-256
  fingerprints of the certificates it judged are pyca's (the key's certificate and the others,
  as multisets: pyca does not keep the file order);
- with a password pyca refuses, the CLI reports `pkcs12.wrong_password` or `pkcs12.mac_invalid`
  and nothing else (a file with neither MAC nor encryption opens with any password: skipped);
- exit status 0/1 only, JSON always, no key material in the output.

Files pyca cannot open with any candidate are listed in EXCEPTIONS with a reason; a listed file
that pyca now opens fails the run (a stale exception).

    python3 scripts/pkcs12_corpus.py BIN DIR [DIR ...]
"""
import hashlib
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

# What pyca's own tests open these files with (tests/hazmat/primitives/test_pkcs12.py), and
# this repository's fixtures' passwords (testdata/pkcs12/gen.sh).
CANDIDATES = [b"cryptography", b"password", b"correct-horse", b"", None]
WRONG = b"surely-not-the-password"
NOW = "2026-06-01T00:00:00Z"

# File name -> why pyca cannot be the oracle for it.
EXCEPTIONS = {
    "unsupported-cipher.pfx": "made with AES-256-wrap-pad in place of AES-256-CBC on purpose (testdata/pkcs12/gen.sh): pyca refuses it; the CLI's pkcs12.unsupported is its golden (testdata/golden/certificate/pkcs12-unsupported-cipher)",
    "tampered-mac.pfx": "made with a damaged MAC on purpose (testdata/pkcs12/gen.sh): pyca refuses it as the CLI does (checked in tests/pkcs12_input.rs)",
}

# File name -> the rule the CLI gives where pyca opens the file, and why that is accepted.
DISAGREEMENTS = {
    "no-password.p12": ("pkcs12.unsupported", "RC2-40 bags encrypted under an absent (NULL) password: p12-keystore takes the password as text, so only the MAC is checked under NULL; the report says to export it with a password"),
}


def pyca_open(data):
    for password in CANDIDATES:
        try:
            return password, pkcs12.load_pkcs12(data, password)
        except (ValueError, TypeError):
            continue
    return None, None


def run(binary, path, password):
    with tempfile.NamedTemporaryFile() as pw:
        pw.write(password or b"")
        pw.flush()
        out = subprocess.run(
            [binary, "cert", str(path), "--password-file", pw.name, "--now", NOW, "--format", "json"],
            capture_output=True, timeout=60)
    if out.returncode not in (0, 1):
        raise AssertionError(f"{path}: exit {out.returncode}: {out.stderr.decode(errors='replace')}")
    return json.loads(out.stdout)


def fingerprint(cert):
    der = cert.public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest().upper()


def ours(report):
    chain = (report.get("certificate") or {}).get("chain") or []
    return sorted(c["fingerprints"]["sha256_hex"].upper() for c in chain)


def check(binary, path):
    data = path.read_bytes()
    password, loaded = pyca_open(data)
    if loaded is None:
        if path.name in EXCEPTIONS:
            return "excepted"
        raise AssertionError(f"{path}: pyca opens it with no candidate password: add it to EXCEPTIONS with a reason")
    if path.name in EXCEPTIONS:
        raise AssertionError(f"{path}: pyca now opens it: remove the stale exception")
    certs = ([loaded.cert.certificate] if loaded.cert else []) + [c.certificate for c in loaded.additional_certs]
    expected = sorted(fingerprint(c) for c in certs)
    report = run(binary, path, password)
    rules = [d["rule"] for d in report["diagnostics"]]
    pkcs12_rules = [r for r in rules if r.startswith("pkcs12.")]
    if path.name in DISAGREEMENTS:
        rule, _why = DISAGREEMENTS[path.name]
        assert pkcs12_rules == [rule], f"{path}: {rules} (stale disagreement? expected {rule})"
        return "known disagreement"
    if not certs:
        assert pkcs12_rules == ["pkcs12.empty"], f"{path}: {rules}"
    else:
        assert not pkcs12_rules, f"{path}: {rules}"
        assert ours(report) == expected, f"{path}: fingerprints {ours(report)} != pyca {expected}"
        if loaded.key is not None:
            assert "key.missing" not in rules, f"{path}: {rules}"
    text = json.dumps(report)
    assert "PRIVATE KEY" not in text, f"{path}: key material in the report"
    wrong = run(binary, path, WRONG)
    wrong_rules = [d["rule"] for d in wrong["diagnostics"]]
    if wrong_rules and wrong_rules[0].startswith("pkcs12."):
        assert wrong_rules in (["pkcs12.wrong_password"], ["pkcs12.mac_invalid"]), f"{path}: {wrong_rules}"
        return "opened"
    # Only a file with neither a MAC nor encryption opens whatever the password.
    try:
        pkcs12.load_pkcs12(data, WRONG)
    except (ValueError, TypeError):
        raise AssertionError(f"{path}: opened with a wrong password that pyca refuses: {wrong_rules}")
    return "opened (no password protection)"


def main():
    # pyca warns on BER where DER is due (some vectors); the comparison is what matters here.
    warnings.simplefilter("ignore")
    binary, folders = sys.argv[1], sys.argv[2:]
    files = sorted(p for d in folders for p in Path(d).rglob("*") if p.suffix in (".p12", ".pfx"))
    assert len(files) >= 30, f"found only {len(files)} PKCS#12 files under {folders}"
    counts = {}
    failures = []
    for path in files:
        try:
            outcome = check(binary, path)
            counts[outcome] = counts.get(outcome, 0) + 1
        except AssertionError as err:
            failures.append(str(err))
    for failure in failures:
        print(f"FAIL {failure}")
    summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
    print(f"pkcs12 corpus: {len(files)} files: {summary}")
    print(f"{len(files) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
