"""Threads: calls from a thread pool give the same reports as the same calls made one by one
(the GIL is released while the core runs, so they also run in parallel: py/bench measures it)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List

import cert_preflight
from conftest import CERTS, NOW, TESTDATA

FULLCHAIN = (CERTS / "rsa/fullchain.pem").read_text()
SHUFFLED = (CERTS / "broken/shuffled.pem").read_bytes()
KEY = (CERTS / "rsa/leaf.key").read_text()
ACM = (TESTDATA / "requests/examples/acm-import.json").read_bytes()
LISTENER = (TESTDATA / "requests/examples/create-listener-bad.json").read_text()

CALLS: List[Callable[[], Any]] = [
    lambda: cert_preflight.check_certificate(FULLCHAIN, key=KEY, domains="www.example.com,x.org", now=NOW),
    lambda: cert_preflight.check_certificate(SHUFFLED, now=NOW),
    lambda: cert_preflight.check_certificate(FULLCHAIN, key=KEY, profile="alibaba-slb", now=NOW),
    lambda: cert_preflight.validate_request("aws.acm.import-certificate", ACM, now=NOW),
    lambda: cert_preflight.validate_request("alibaba.alb.create-listener", LISTENER, now=NOW),
    lambda: cert_preflight.fingerprint(FULLCHAIN, algorithm=["sha1", "sha256"]),
]


def test_a_thread_pool_gives_the_serial_reports() -> None:
    serial = [call().to_dict() for call in CALLS]
    rounds = 40
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(CALLS[i % len(CALLS)]) for i in range(rounds * len(CALLS))]
        results = [f.result().to_dict() for f in futures]
    for i, result in enumerate(results):
        assert result == serial[i % len(CALLS)], i
