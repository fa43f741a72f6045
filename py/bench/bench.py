"""The full certificate check of benches/check.rs and pkg/bench, done by cert-preflight and by
pyca `cryptography` (what a Python tool would otherwise write), side by side in one process.

Input: testdata/certs/rsa/fullchain-with-root.pem (leaf, intermediate, root; RSA 2048,
sha256WithRSAEncryption), the leaf's PKCS#8 key and 30 domain names the leaf covers. Each
contender does per iteration, from the PEM text:
  - read the three certificates;
  - verify three signatures with `verify_directly_issued_by` (leaf by intermediate,
    intermediate by root, root by itself);
  - read the private key and compare its public key with the leaf's;
  - match each of the 30 names against the leaf's DNS SANs (one-label wildcards);
  - check the leaf's validity period against `now`;
  - compute the SHA-1 and SHA-256 fingerprint of each certificate.
cert-preflight does more besides (PEM form rules, chain order, every other rule, facts, the
JSON report and the report objects). `cryptography, key validation skipped` loads the key with
`unsafe_skip_rsa_key_validation=True` (what a caller who trusts the key file might do); the
plain row is cryptography's default.

Before timing, each contender's result is checked (three signatures verified, a forged leaf
fails, the key matches, 30 names covered), so no step is skipped. The last rows run
cert-preflight from 2 threads (the GIL is released while the core runs): calls per second
against one thread.

Run (after scripts/test-python.sh has installed the package into target/test-venv):
    target/test-venv/bin/python py/bench/bench.py          # ROUNDS=5 TIME=1.0 by default
The table is the median over rounds of each round's mean latency; contenders interleave.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List

import cryptography
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization

import cert_preflight
from cert_preflight import _native

CERTS = Path(__file__).resolve().parents[2] / "testdata/certs"
CHAIN = (CERTS / "rsa/fullchain-with-root.pem").read_text()
FORGED = (CERTS / "broken/forged.pem").read_text() + (CERTS / "rsa/root.pem").read_text()
KEY = (CERTS / "rsa/leaf.key").read_text()
DOMAINS = ["www.example.com", "example.com", "api.example.com"] + [
    f"a{i}.apps.example.com" for i in range(1, 28)
]
NOW_TEXT = "2026-11-23T00:00:00Z"
NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)
ROUNDS = int(os.environ.get("ROUNDS", "5"))
TIME = float(os.environ.get("TIME", "1.0"))


def covers(pattern: str, name: str) -> bool:
    if pattern.startswith("*."):
        head, _, rest = name.partition(".")
        return bool(head) and rest == pattern[2:]
    return pattern == name


def cryptography_check(chain: str, skip_key_validation: bool) -> Dict[str, Any]:
    leaf, intermediate, root = x509.load_pem_x509_certificates(chain.encode())
    verified = 0
    for cert, issuer in ((leaf, intermediate), (intermediate, root), (root, root)):
        try:
            cert.verify_directly_issued_by(issuer)
            verified += 1
        except (InvalidSignature, ValueError, TypeError):
            pass
    key = serialization.load_pem_private_key(
        KEY.encode(), password=None, unsafe_skip_rsa_key_validation=skip_key_validation
    )
    key_matches = key.public_key() == leaf.public_key()
    sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    dns = sans.get_values_for_type(x509.DNSName)
    covered = sum(any(covers(p, name) for p in dns) for name in DOMAINS)
    in_date = leaf.not_valid_before_utc <= NOW <= leaf.not_valid_after_utc
    prints = [(c.fingerprint(hashes.SHA1()), c.fingerprint(hashes.SHA256())) for c in (leaf, intermediate, root)]
    return {"verified": verified, "key": key_matches, "covered": covered, "in_date": in_date, "prints": prints}


def cert_preflight_check(chain: str) -> cert_preflight.Report:
    return cert_preflight.check_certificate(chain, key=KEY, domains=DOMAINS, now=NOW_TEXT, key_required=True)


def validate() -> None:
    good = cert_preflight_check(CHAIN)
    # The private test root is not in Mozilla's store: a note and a warning, no error.
    assert good.valid and [d.rule for d in good.diagnostics] == ["chain.root_included", "chain.untrusted_root"], good
    forged = cert_preflight_check(FORGED)
    assert any(d.rule == "chain.bad_signature" for d in forged.diagnostics) or not forged.valid, forged
    for skip in (False, True):
        result = cryptography_check(CHAIN, skip)
        assert result == {**result, "verified": 3, "key": True, "covered": 30, "in_date": True}, result
        assert cryptography_check(FORGED, skip)["verified"] == 2
        assert good.certificate is not None
        ours = [(bytes.fromhex(c.fingerprints.sha1_hex), bytes.fromhex(c.fingerprints.sha256_hex)) for c in good.certificate.chain]
        assert ours == result["prints"]


def mean_latency(fn: Callable[[], Any]) -> float:
    n, start = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= TIME:
            return elapsed / n


def threaded_rate(threads: int) -> float:
    """Calls per second of cert_preflight_check from `threads` threads at once."""
    counts = [0] * threads
    stop = threading.Event()

    def worker(i: int) -> None:
        while not stop.is_set():
            cert_preflight_check(CHAIN)
            counts[i] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    time.sleep(TIME)
    stop.set()
    for t in pool:
        t.join()
    return sum(counts) / (time.perf_counter() - start)


def main() -> None:
    validate()
    contenders: Dict[str, Callable[[], Any]] = {
        "cert-preflight check_certificate (full check + report objects)": lambda: cert_preflight_check(CHAIN),
        "cert-preflight core only (the report's JSON text, no Python objects)": lambda: _native.check_certificate(
            CHAIN, key=KEY, domains=",".join(DOMAINS), now=NOW_TEXT, key_required=True
        ),
        "cryptography (the work above)": lambda: cryptography_check(CHAIN, False),
        "cryptography, key validation skipped": lambda: cryptography_check(CHAIN, True),
    }
    samples: Dict[str, List[float]] = {name: [] for name in contenders}
    rates: Dict[int, List[float]] = {1: [], 2: []}
    names = list(contenders)
    for r in range(ROUNDS):
        for name in names[r % len(names):] + names[: r % len(names)]:
            samples[name].append(mean_latency(contenders[name]))
        for threads in rates:
            rates[threads].append(threaded_rate(threads))
    base = statistics.median(samples[names[0]])
    print(f"cert-preflight {cert_preflight.__version__}, cryptography {cryptography.__version__}, "
          f"load average {os.getloadavg()[0]:.1f}, {ROUNDS} rounds of {TIME} s")
    print("| contender | latency (median of round means) | x cert-preflight |")
    print("| --- | --- | --- |")
    for name in names:
        value = statistics.median(samples[name])
        print(f"| {name} | {value * 1e6:.1f} µs | {value / base:.2f} |")
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    print(f"| cert-preflight, 1 thread | {one:.0f} checks/s | |")
    print(f"| cert-preflight, 2 threads | {two:.0f} checks/s | {two / one:.2f} x 1 thread |")


if __name__ == "__main__":
    main()
