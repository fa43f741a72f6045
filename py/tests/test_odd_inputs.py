"""Odd inputs: each gives a report or a clear exception (TypeError, CertPreflightError),
never a crash, a Rust panic or a hang. Size limits are tried at and one past each limit."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

import cert_preflight
from cert_preflight import CertPreflightError
from conftest import CERTS, NOW

FULLCHAIN = (CERTS / "rsa/fullchain.pem").read_text()
KEY = (CERTS / "rsa/leaf.key").read_text()


def rules(report: cert_preflight.Report) -> List[str]:
    return [d.rule for d in report.diagnostics]


def test_lone_surrogates_read_as_replacement_characters() -> None:
    """A str that UTF-8 cannot hold: its lone surrogates become U+FFFD, as undecodable bytes
    of a file do in the CLI, so the text around the blocks is stray text."""
    as_str = cert_preflight.check_certificate("\udcff junk\n" + FULLCHAIN, now=NOW)
    as_bytes = cert_preflight.check_certificate(b"\xff junk\n" + FULLCHAIN.encode(), now=NOW)
    assert as_str == as_bytes
    assert "pem.stray_text" in rules(as_str)
    report = cert_preflight.check_certificate(FULLCHAIN, key="\ud800" + KEY, domains="\udc00.example.com", now=NOW)
    assert report.errors >= 1
    body = cert_preflight.validate_request("UploadCACertificate", '{"RegionId": "\udcff"}', now=NOW)
    assert isinstance(body.valid, bool)
    mapping = cert_preflight.validate_request("UploadCACertificate", {"RegionId\ud800": "\udcff"}, now=NOW)
    assert "request.unknown_field" in rules(mapping)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00" * 100, b"\xff\xfe\x00", b"\x30", b"\x30\x82\xff\xff", bytes(range(256)) * 10, bytearray(b"\x30\x03\x02\x01\x00")],
)
def test_non_utf8_bytes_give_reports(data: bytes) -> None:
    for call in [
        lambda: cert_preflight.check_certificate(data, key=data, roots=data, now=NOW),
        lambda: cert_preflight.fingerprint(data),
        lambda: cert_preflight.validate_request("aws.acm.import-certificate", data, now=NOW),
    ]:
        report = call()
        assert isinstance(report.valid, bool)


def size_rules(report: cert_preflight.Report) -> List[str]:
    return [r for r in rules(report) if r in ("pem.too_large", "pem.key_too_large", "request.malformed")]


def test_certificate_and_key_fields_at_and_past_their_limits() -> None:
    # Seed 003: 65,536 characters for the certificate field, 8,192 for the key field.
    cert_at = FULLCHAIN + "\n" * (65_536 - len(FULLCHAIN))
    key_at = KEY + "\n" * (8_192 - len(KEY))
    at = cert_preflight.check_certificate(cert_at, key=key_at, now=NOW)
    past = cert_preflight.check_certificate(cert_at + "\n", key=key_at + "\n", now=NOW)
    assert size_rules(at) == []
    assert sorted(size_rules(past)) == ["pem.key_too_large", "pem.too_large"]
    huge = cert_preflight.check_certificate("A" * 20_000_000, key=b"\x30" * 5_000_000, now=NOW)
    assert "pem.too_large" in rules(huge)


def test_request_bodies_at_and_past_the_limit() -> None:
    limit = cert_preflight.MAX_REQUEST_BYTES
    frame = '{"RegionId": "cn-hangzhou", "Note": ""}'
    at = frame[:-2] + "x" * (limit - len(frame)) + '"}'
    assert len(at.encode()) == limit
    assert size_rules(cert_preflight.validate_request("UploadCACertificate", at, now=NOW)) == []
    past = cert_preflight.validate_request("UploadCACertificate", at + " ", now=NOW)
    assert size_rules(past) == ["request.malformed"]
    as_bytes = cert_preflight.validate_request("UploadCACertificate", (at + " ").encode(), now=NOW)
    assert size_rules(as_bytes) == ["request.malformed"]


def test_huge_and_deep_mappings() -> None:
    wide: Dict[str, Any] = {f"Field{i}": i for i in range(200_000)}
    report = cert_preflight.validate_request("UploadCACertificate", wide, now=NOW)
    assert "request.malformed" in rules(report)  # past 1 MiB once serialized
    many: Dict[str, Any] = {f"F{i}": None for i in range(20_000)}
    report = cert_preflight.validate_request("UploadCACertificate", many, now=NOW)
    assert "request.unknown_field" in rules(report)
    deep: Any = {}
    for _ in range(200):
        deep = {"a": deep}
    report = cert_preflight.validate_request("UploadCACertificate", deep, now=NOW)
    assert "request.malformed" in rules(report)  # past serde_json's 128 levels
    deeper: Any = []
    for _ in range(100_000):
        deeper = [deeper]
    with pytest.raises(CertPreflightError) as info:
        cert_preflight.validate_request("UploadCACertificate", deeper, now=NOW)
    assert info.value.option == "body"
    circular: Dict[str, Any] = {}
    circular["self"] = circular
    with pytest.raises(CertPreflightError):
        cert_preflight.validate_request("UploadCACertificate", circular, now=NOW)
    text_deep = "[" * 100_000 + "]" * 100_000
    report = cert_preflight.validate_request("UploadCACertificate", text_deep, now=NOW)
    assert "request.malformed" in rules(report)


def test_other_json_values_as_bodies() -> None:
    for body in [None, [], [1, 2], 3, 2.5, True, "null", "[]", ""]:
        report = cert_preflight.validate_request("UploadCACertificate", body, now=NOW)
        assert "request.malformed" in rules(report), body
    # A Python int past 64 bits reaches the core as written, as the CLI reads it from a file.
    big = cert_preflight.validate_request("alibaba.alb.create-listener", {"ListenerPort": 10**40}, now=NOW)
    port = [d for d in big.diagnostics if d.path == "/ListenerPort"]
    assert [d.rule for d in port] == ["request.out_of_range"]
    assert "is 10000000000000000000000000000000000000000;" in port[0].message


def test_odd_domains_and_times() -> None:
    for domains in ["", ",,,", " www.example.com", "*." * 300, "ä" * 1000, ["a" * 300] * 50]:
        report = cert_preflight.check_certificate(FULLCHAIN, domains=domains, now=NOW)
        assert isinstance(report.valid, bool)
    for now in ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", " 2026-11-23T00:00:00Z "]:
        assert isinstance(cert_preflight.check_certificate(FULLCHAIN, now=now).valid, bool)
    for now in ["", "2026-13-01T00:00:00Z", "2026-11-23", "\udcff"]:
        with pytest.raises(CertPreflightError):
            cert_preflight.check_certificate(FULLCHAIN, now=now)
    from datetime import datetime, timezone

    for dt in [datetime.min.replace(tzinfo=timezone.utc), datetime.max.replace(tzinfo=timezone.utc)]:
        assert isinstance(cert_preflight.check_certificate(FULLCHAIN, now=dt).valid, bool)
