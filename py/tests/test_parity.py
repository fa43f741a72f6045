"""Parity: every golden certificate case (testdata/golden/certificate) and request case
(testdata/requests/*/*.case.json) through Python gives exactly the golden report, the one the
Rust tests and the CLI give (`to_dict()` against `<case>.expected.json`). The cases are read as
tests/golden_certificate.rs and tests/request_golden.rs read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

import cert_preflight
from conftest import (
    TESTDATA,
    certificate_cases,
    has_raw_numbers,
    load_case,
    request_cases,
    resolve_files,
    to_json_text,
)


def expected(case_path: Path) -> Any:
    return json.loads(Path(str(case_path).replace(".case.json", ".expected.json")).read_text())


def pad(text: str, to: Optional[int]) -> str:
    return text if to is None else text + "\n" * (to - len(text))


def certificate_options(case: Dict[str, Any]) -> Dict[str, Any]:
    def read(name: Optional[str]) -> Optional[str]:
        return None if name is None else (TESTDATA / name).read_bytes().decode("utf-8")

    key = read(case.get("key")) or case.get("key_text")
    return {
        "key": None if key is None else pad(key, case.get("key_pad_to")),
        "domains": case.get("domains"),
        # The case files spell purposes in snake_case, the fronts in kebab-case.
        "purpose": case.get("purpose", "server").replace("_", "-"),
        "profile": case.get("profile", "generic").replace("_", "-"),
        "key_required": case.get("key_required", False),
        "now": case["now"],
        "expiry_days": case.get("expiry_warning_days", 30),
        "roots": read(case.get("roots")),
        "public_roots": case.get("public_roots", True),
        "password": case.get("password"),
        "intermediates": pool_of(case.get("intermediates")),
    }


def pool_of(name: Optional[str]) -> Optional[Dict[str, bytes]]:
    """A case's intermediates pool, each file named by its path under testdata/ as
    tests/golden_support/certificate_case.rs names it."""
    if name is None:
        return None
    path = TESTDATA / name
    files = [path]
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".pem", ".der", ".p7b"))
    return {str(p.relative_to(TESTDATA)): p.read_bytes() for p in files}


def certificate_text(case: Dict[str, Any]) -> str:
    assert "pkcs12" not in case
    if "certificate" in case:
        text = (TESTDATA / case["certificate"]).read_bytes().decode("utf-8")
    else:
        text = case.get("certificate_text", "")
    return pad(text, case.get("certificate_pad_to"))


# Golden cases no front can reproduce, with why. pkcs12-not-a-pfx hands a PEM file to
# CertificateInput::pkcs12 directly (tests/golden_certificate.rs); the CLI and Python choose
# the PKCS#12 decoder by looks_like_pkcs12, so that file is checked as the PEM it is.
NOT_REACHABLE = {"pkcs12-not-a-pfx"}


def test_the_golden_sets_are_all_there() -> None:
    assert len(certificate_cases()) >= 80
    assert len(request_cases()) >= 300


@pytest.mark.parametrize("case_path", certificate_cases(), ids=lambda p: p.name[: -len(".case.json")])
def test_certificate_case(case_path: Path) -> None:
    case = load_case(case_path)
    if case_path.name[: -len(".case.json")] in NOT_REACHABLE:
        as_pfx = cert_preflight.check_certificate((TESTDATA / case["pkcs12"]).read_bytes(), now=case["now"])
        as_pem = cert_preflight.check_certificate((TESTDATA / case["pkcs12"]).read_text(), now=case["now"])
        assert as_pfx == as_pem
        return
    if "pkcs12" in case:  # a .pfx file's bytes, opened with the case's password
        pfx = (TESTDATA / case["pkcs12"]).read_bytes()
        report = cert_preflight.check_certificate(pfx, **certificate_options(case))
        assert report.to_dict() == expected(case_path)
        return
    report = cert_preflight.check_certificate(certificate_text(case), **certificate_options(case))
    assert report.to_dict() == expected(case_path)
    # Bytes (a file's content) read the same as its UTF-8 text.
    as_bytes = certificate_text(case).encode("utf-8")
    assert cert_preflight.check_certificate(as_bytes, **certificate_options(case)) == report


@pytest.mark.parametrize(
    "case_path", request_cases(), ids=lambda p: f"{p.parent.name}/{p.name[: -len('.case.json')]}"
)
def test_request_case(case_path: Path) -> None:
    case = resolve_files(load_case(case_path))
    options = {
        "path": case.get("path"),
        "context": case.get("context"),
        "now": case.get("now", "2026-11-23T00:00:00Z"),
    }
    want = expected(case_path)
    if "body_text" in case:
        report = cert_preflight.validate_request(case["operation"], case["body_text"], **options)
        assert report.to_dict() == want
        return
    body = case["body"]
    # As text with every number as written (what the CLI reads from a file) ...
    report = cert_preflight.validate_request(case["operation"], to_json_text(body), **options)
    assert report.to_dict() == want
    # ... and as a mapping, the way Python callers pass it, wherever Python's float can hold
    # the numbers as written (4.43e2 becomes 443.0: the same value, other text).
    if not has_raw_numbers(body):
        as_mapping = cert_preflight.validate_request(case["operation"], body, **options)
        assert as_mapping == report
