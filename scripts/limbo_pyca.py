#!/usr/bin/env python3
"""A third oracle for path validation (issue 26): pyca/cryptography's server verifier on every
x509-limbo SERVER case, its verdicts written to testdata/x509-limbo-pyca.tsv.

pyca/cryptography is one of the validators x509-limbo was written for, and its verifier
(`cryptography.x509.verification.PolicyBuilder`) applies the web PKI's policy. Each case is run as
the suite states it: the leaf, the untrusted intermediates, the trusted roots as the store, the
validation time (or now, for the few cases without one) and the peer name. tests/x509_limbo.rs
reads the file and prints where pyca decides as cert-preflight does, notably on the cases in
testdata/x509-limbo-exceptions.txt: where the suite expects a refusal and both accept, no
client among the oracles enforces the rule.

Usage:
    scripts/limbo_pyca.py            # rewrite testdata/x509-limbo-pyca.tsv
    scripts/limbo_pyca.py --check    # fail when the file differs from a fresh run

Needs `cryptography` at the version in PINNED (scripts/test.sh installs it into the test venv).
One case, pathological::pathological-chain-same-subject-same-key, makes pyca's path search run
for minutes (a chain of same-subject, same-key certificates); it is recorded as SKIPPED.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import sys
from pathlib import Path

import cryptography
from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store

PINNED = "50.0.2"
ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "testdata" / "x509-limbo"
OUT = ROOT / "testdata" / "x509-limbo-pyca.tsv"
# pyca's path search does not finish on this case in reasonable time (measured: over 10 minutes
# with cryptography 48 and 50).
SKIP = {"pathological::pathological-chain-same-subject-same-key"}


def load(rel: str | None) -> list[x509.Certificate]:
    if not rel:
        return []
    return x509.load_pem_x509_certificates((SUITE / rel).read_bytes())


def verdict(case: dict) -> tuple[str, str]:
    """pyca's verdict on one case: (SUCCESS|FAILURE|SKIPPED, why)."""
    if case["id"] in SKIP:
        return "SKIPPED", "pyca's path search does not finish on this case"
    files = case["files"]
    try:
        leaf = load(files["leaf"])[0]
        when = case["validation_time"]
        time = (
            datetime.datetime.fromisoformat(when)
            if when
            # The suite's "now": the project's fixed test clock (tests/limbo_support).
            else datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
        )
        peer = case["expected_peer_name"]
        if peer is None:
            name: x509.GeneralName = x509.DNSName("example.com")
        elif peer["kind"] == "IP":
            name = x509.IPAddress(ipaddress.ip_address(peer["value"]))
        else:
            name = x509.DNSName(peer["value"])
        builder = PolicyBuilder().store(Store(load(files.get("roots")))).time(time)
        builder.build_server_verifier(name).verify(leaf, load(files.get("intermediates")))
        return "SUCCESS", ""
    except Exception as error:  # pyca's refusals and unreadable input alike are refusals
        text = str(error).split(" (encountered processing")[0]
        return "FAILURE", f"{type(error).__name__}: {text}".replace("\t", " ").replace("\n", " ")


def table() -> str:
    suite = json.loads((SUITE / "testcases.json").read_text())
    lines = [
        f"# pyca/cryptography {PINNED} server verifier on the x509-limbo SERVER cases "
        "(scripts/limbo_pyca.py; do not edit)",
        "# id\tverdict\twhy",
    ]
    for case in suite["testcases"]:
        if case["validation_kind"] != "SERVER":
            continue
        result, why = verdict(case)
        lines.append(f"{case['id']}\t{result}\t{why}")
    return "\n".join(lines) + "\n"


def main() -> int:
    if cryptography.__version__ != PINNED:
        print(f"error: cryptography {cryptography.__version__} is installed; the table is for {PINNED}")
        return 2
    import warnings

    warnings.simplefilter("ignore")  # negative serial numbers in some cases' certificates
    fresh = table()
    if "--check" in sys.argv[1:]:
        if OUT.read_text() != fresh:
            print(f"error: {OUT.relative_to(ROOT)} is stale: run scripts/limbo_pyca.py")
            return 1
        print(f"{OUT.relative_to(ROOT)}: up to date")
        return 0
    OUT.write_text(fresh)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
