"""The API's behaviour: the same reports as the CLI for the same bytes, options and their
errors, immutable results, a private key never shown, and the stubs' names."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import traceback
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, List, Optional

import pytest

import cert_preflight
from cert_preflight import CertPreflightError, _api, _native
from conftest import CERTS, NOW, TESTDATA, certificate_cases, cli_binary, request_cases

LEAF_KEY = CERTS / "rsa/leaf.key"
FULLCHAIN = CERTS / "rsa/fullchain.pem"
SHUFFLED = CERTS / "broken/shuffled.pem"
DER_KEYS = sorted((CERTS / "forms/der-keys").glob("*.der"))
# A leaf whose only name is *.s3.amazonaws.com (scripts/gen-testdata-lints.py).
PRIVATE_SUFFIX_WILDCARD = str(CERTS / "lints/wildcard-suffix-private-section.pem")


def cli_json(*args: str) -> Any:
    run = subprocess.run(
        [str(cli_binary()), *args, "--now", NOW, "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    return json.loads(run.stdout)


# (certificate file, key file or None): files whose bytes are not plain UTF-8 PEM, and keys
# in every DER form, through the CLI and through check_certificate_file.
BYTE_CASES = [
    ("cli/leaf.der", None),
    ("cli/not-utf8.bin", None),
    ("certs/chains/pkcs7-fullchain-der.p7b", None),
    ("certs/chains/pkcs7-shuffled.p7b", None),
    ("certs/forms/bag-attributes.pem", None),
    ("certs/forms/bom.pem", None),
    ("certs/forms/crlf.pem", None),
    ("certs/forms/der-keys/leaf-latin1-bag-attributes.txt", None),
] + [("certs/rsa/fullchain.pem", str(p.relative_to(TESTDATA))) for p in DER_KEYS]


@pytest.mark.parametrize("certificate,key", BYTE_CASES)
def test_bytes_read_as_the_cli_reads_files(certificate: str, key: Optional[str]) -> None:
    args = ["cert", str(TESTDATA / certificate)] + (["--key", str(TESTDATA / key)] if key else [])
    report = cert_preflight.check_certificate_file(
        TESTDATA / certificate, None if key is None else TESTDATA / key, now=NOW
    )
    assert report.to_dict() == cli_json(*args)


def test_pkcs12_bytes_opened_as_the_cli_opens_the_file() -> None:
    pfx = TESTDATA / "pkcs12/aes-fullchain.pfx"
    password_file = TESTDATA / "pkcs12/password.txt"
    password = password_file.read_text().rstrip("\n")
    want = cli_json("cert", str(pfx), "--password-file", str(password_file), "--domains", "www.example.com")
    got = cert_preflight.check_certificate_file(pfx, password=password, domains="www.example.com", now=NOW)
    assert got.to_dict() == want
    assert got.certificate is not None and len(got.certificate.chain) >= 2
    wrong = cert_preflight.check_certificate(pfx.read_bytes(), password="nope", now=NOW)
    assert [d.rule for d in wrong.diagnostics] == ["pkcs12.wrong_password"]
    assert "nope" not in wrong.to_json()


def test_request_bytes_read_as_the_cli_reads_a_body_file(tmp_path: Path) -> None:
    body = (TESTDATA / "requests/examples/acm-import.json").read_bytes().decode("utf-8")
    forms = {
        "utf8.json": body.encode("utf-8"),
        "bom.json": b"\xef\xbb\xbf" + body.encode("utf-8"),
        "utf16.json": body.encode("utf-16"),  # with its byte-order mark, as PowerShell writes
        "broken.json": b'{"CertificateArn": "\xff"}',
    }
    for name, data in forms.items():
        path = tmp_path / name
        path.write_bytes(data)
        want = cli_json("request", "aws.acm.import-certificate", str(path))
        assert cert_preflight.validate_request_file("aws.acm.import-certificate", path, now=NOW).to_dict() == want, name
        assert cert_preflight.validate_request("aws.acm.import-certificate", data, now=NOW).to_dict() == want, name


def test_done_when_example() -> None:
    assert cert_preflight.check_certificate(SHUFFLED.read_text()).valid is False


def test_report_attributes_name_every_json_field() -> None:
    """Every field of every golden report is an attribute of the report objects."""

    def walk(obj: Any, d: Any, where: str) -> None:
        if isinstance(d, dict) and dataclasses.is_dataclass(obj):
            for key, value in d.items():
                assert hasattr(obj, key), f"{where}.{key} has no attribute"
                walk(getattr(obj, key), value, f"{where}.{key}")
        elif isinstance(d, list):
            assert isinstance(obj, tuple) and len(obj) == len(d), where
            for i, (o, v) in enumerate(zip(obj, d)):
                walk(o, v, f"{where}[{i}]")
        elif isinstance(d, dict):
            assert dict(obj) == d, where
        else:
            assert obj == d, where

    for case in certificate_cases()[:20] + request_cases()[::10]:
        expected = json.loads(Path(str(case).replace(".case.json", ".expected.json")).read_text())
        if "operation" not in expected:
            continue
        report = cert_preflight.Report._from_json_text(json.dumps(expected))
        walk(report, expected, case.name)
    for rule in json.loads(_native.rules()):
        walk(cert_preflight.Rule._from_json(rule), rule, "rule")
    for op in json.loads(_native.operations()):
        walk(cert_preflight.OperationInfo._from_json(op), op, "operation")


def test_reports_are_immutable() -> None:
    report = cert_preflight.check_certificate(SHUFFLED.read_bytes(), now=NOW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.valid = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.diagnostics[0].severity = "info"  # type: ignore[misc]
    with pytest.raises(TypeError):
        report.normalized_fields["/x"] = "y"  # type: ignore[index]
    assert isinstance(report.diagnostics, tuple)
    first = report.to_dict()
    first["valid"] = True
    assert report.to_dict()["valid"] is False, "to_dict gives a new dict each time"


def test_repr_is_a_summary() -> None:
    report = cert_preflight.check_certificate(SHUFFLED.read_text(), now=NOW)
    assert repr(report) == (
        "<Report certificate: invalid, 1 errors, 1 warnings; error[chain.misordered], "
        "info[chain.root_included], warning[chain.untrusted_root]>"
    )


def key_lines(path: Path) -> List[str]:
    return [l for l in path.read_text().splitlines() if len(l) >= 40 and not l.startswith("-----")]


def test_key_text_never_shown() -> None:
    """The key in the wrong field, a mismatched key, a key as an unknown option's value."""
    key = LEAF_KEY.read_text()
    shown: List[str] = []
    for call in [
        lambda: cert_preflight.check_certificate(key, key=key, now=NOW),
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=key[:-200], now=NOW),
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=key.encode(), now=NOW),
        lambda: cert_preflight.check_certificate(key, domains=key, now=NOW),
        lambda: cert_preflight.validate_request("aws.acm.import-certificate", {"PrivateKey": key, "Certificate": key}, now=NOW),
    ]:
        report = call()
        shown += [repr(report), str(report), report.to_json(), repr(report.diagnostics)]
    for bad in [
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=key, now=key),
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=key, profile=key),
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=key, purpose=key),
        lambda: cert_preflight.validate_request(key, {}),
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context={key: "x"}),
        lambda: cert_preflight.check_certificate(FULLCHAIN.read_text(), key=[key]),  # type: ignore[arg-type]
    ]:
        with pytest.raises((TypeError, ValueError)) as info:
            bad()
        shown += [str(info.value), repr(info.value), "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__))]
    text = "\n".join(shown)
    assert len(text) > 1000
    for line in key_lines(LEAF_KEY):
        assert line not in text


def test_unknown_operation_and_bad_values_raise_codes() -> None:
    with pytest.raises(CertPreflightError) as info:
        cert_preflight.validate_request("aws.nothing", {}, now=NOW)
    assert (info.value.code, info.value.operation) == ("UNKNOWN_OPERATION", "aws.nothing")
    assert isinstance(info.value, ValueError)
    with pytest.raises(CertPreflightError) as info:
        cert_preflight.rules("aws.nothing")
    assert info.value.code == "UNKNOWN_OPERATION"
    cases: List[tuple[Callable[[], Any], str]] = [
        (lambda: cert_preflight.check_certificate("", now="yesterday"), "now"),
        (lambda: cert_preflight.check_certificate("", profile="aws"), "profile"),
        (lambda: cert_preflight.check_certificate("", purpose="client_ca"), "purpose"),
        (lambda: cert_preflight.check_certificate("", ca=True, purpose="server"), "purpose"),
        (lambda: cert_preflight.check_certificate("", audience="browsers"), "audience"),
        (lambda: cert_preflight.check_certificate("", expiry_days=-1), "expiry_days"),
        (lambda: cert_preflight.check_certificate("", expiry_days=2**32), "expiry_days"),
        (lambda: cert_preflight.fingerprint("", algorithm="md5"), "algorithm"),
        (lambda: cert_preflight.fingerprint("", algorithm=[]), "algorithm"),
        (lambda: cert_preflight.fingerprint("", style="dots"), "style"),
        (lambda: cert_preflight.validate_request("UploadCACertificate", {"a": float("nan")}), "body"),
        (lambda: cert_preflight.validate_request("gcp.compute.insert-ssl-certificate", {}, context={"endpoint": "moon"}), "context.endpoint"),
    ]
    for call, option in cases:
        with pytest.raises(CertPreflightError) as info:
            call()
        assert (info.value.code, info.value.option) == ("INVALID_OPTION_VALUE", option), info.value


def test_wrong_types_raise_type_error() -> None:
    calls: List[Callable[[], Any]] = [
        lambda: cert_preflight.check_certificate(None),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate(42),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", key=1),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", roots=["x"]),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", domains=b"a.com"),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", domains=["a.com", 1]),  # type: ignore[list-item]
        lambda: cert_preflight.check_certificate("", now=datetime(2026, 1, 1)),
        lambda: cert_preflight.check_certificate("", now=1700000000),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", expiry_days=True),
        lambda: cert_preflight.check_certificate("", expiry_days=1.5),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", public_roots="no"),  # type: ignore[arg-type]
        lambda: cert_preflight.check_certificate("", profile=1),  # type: ignore[arg-type]
        lambda: cert_preflight.validate_request(1, {}),  # type: ignore[arg-type]
        lambda: cert_preflight.validate_request("UploadCACertificate", object()),  # type: ignore[arg-type]
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, path={"a": 1}),  # type: ignore[dict-item]
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, path=[]),  # type: ignore[arg-type]
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context=[]),  # type: ignore[arg-type]
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context={"zone": "a"}),
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context={"in_use": "yes"}),
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context={"hosts": "a.com"}),
        lambda: cert_preflight.validate_request("UploadCACertificate", {}, context={"hosts": [None]}),
        lambda: cert_preflight.fingerprint("", algorithm=1),  # type: ignore[arg-type]
        lambda: cert_preflight.rules(1),  # type: ignore[arg-type]
    ]
    for i, call in enumerate(calls):
        with pytest.raises(TypeError):
            call()
            pytest.fail(f"call {i} did not raise")


def test_now_forms_agree() -> None:
    leaf = (CERTS / "rsa/leaf.pem").read_text()
    text = cert_preflight.check_certificate(leaf, now="2035-12-20T12:00:00Z")
    aware = cert_preflight.check_certificate(
        leaf, now=datetime(2035, 12, 20, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    )
    assert text == aware
    assert any(d.rule == "cert.expires_soon" for d in text.diagnostics)
    default = cert_preflight.check_certificate(leaf)
    assert default.certificate is not None and default.certificate.leaf is not None
    days = (datetime(2035, 12, 31, tzinfo=timezone.utc) - datetime.now(timezone.utc)).days
    assert abs(default.certificate.leaf.days_remaining - days) <= 1


def test_options_mean_what_the_cli_options_mean() -> None:
    chain, key = str(FULLCHAIN), str(LEAF_KEY)
    domains = "www.example.com,nope.example.org"
    roots = str(CERTS / "rsa/root.pem")
    pairs = [
        (["cert", chain, "--key", key, "--domains", domains], {"key_path": key, "domains": domains.split(",")}),
        (["cert", chain, "--profile", "alibaba-slb"], {"profile": "alibaba-slb"}),
        (["cert", chain, "--expiry-days", "4000"], {"expiry_days": 4000}),
        (["cert", chain, "--roots", roots, "--no-public-roots"], {"roots_path": roots, "public_roots": False}),
        (["cert", str(CERTS / "rsa/root.pem"), "--ca"], {"ca": True}),
        (["cert", PRIVATE_SUFFIX_WILDCARD, "--audience", "public"], {"audience": "public"}),
        (["cert", PRIVATE_SUFFIX_WILDCARD, "--audience", "private"], {"audience": "private"}),
        (["cert", PRIVATE_SUFFIX_WILDCARD, "--audience", "auto"], {"audience": "auto"}),
    ]
    for args, options in pairs:
        report = cert_preflight.check_certificate_file(args[1], now=NOW, **options)
        assert report.to_dict() == cli_json(*args), args


def test_audience_decides_the_public_lints_and_is_reported() -> None:
    """A wildcard over a PRIVATE-section public suffix is a warning for the public audience
    only (issue 20); the report says which audience applied."""
    by_audience = {
        audience: cert_preflight.check_certificate_file(PRIVATE_SUFFIX_WILDCARD, now=NOW, audience=audience)
        for audience in ("public", "private")
    }
    for audience, report in by_audience.items():
        assert report.certificate is not None and report.certificate.trust is not None
        assert report.certificate.trust.audience == audience
        assert report.certificate.trust.audience_reason.startswith("the caller chose")
    fired = {a: {d.rule for d in r.diagnostics} for a, r in by_audience.items()}
    assert "cert.wildcard_public_suffix" in fired["public"]
    assert "cert.wildcard_public_suffix" not in fired["private"]


def test_fingerprints_match_the_cli_and_combine() -> None:
    chain = FULLCHAIN.read_text()
    for args, options in [
        ([], {}),
        (["--sha256"], {"algorithm": "sha256"}),
        (["--style", "colon"], {"style": "colon"}),
    ]:
        run = subprocess.run(
            [str(cli_binary()), "fingerprint", str(FULLCHAIN), *args, "--format", "json"],
            capture_output=True, check=True,
        )
        assert cert_preflight.fingerprint(chain, **options).to_dict() == json.loads(run.stdout)
    both = cert_preflight.fingerprint(chain, algorithm=["sha256", "sha1", "sha256"])
    one = cert_preflight.fingerprint(chain, algorithm="sha1").fingerprints
    assert [dict(f) for f in both.fingerprints] == [
        {"sha256": s256, "sha1": s1}
        for s256, s1 in zip(cert_preflight.fingerprint(chain, algorithm="sha256").fingerprints, one)
    ]


def test_listings_match_the_cli() -> None:
    def listing(*args: str) -> Any:
        run = subprocess.run([str(cli_binary()), *args, "--format", "json"], capture_output=True, check=True)
        return json.loads(run.stdout)

    def as_json(rule: cert_preflight.Rule) -> Any:
        d = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(rule).items()}
        # The JSON leaves out `api_error` when there is none and `also` when it is empty.
        return {k: v for k, v in d.items() if v is not None and not (k == "also" and not v)}

    assert [as_json(r) for r in cert_preflight.rules()] == listing("rules")
    acm = listing("rules", "--operation", "acm:ImportCertificate")
    assert [r.id for r in cert_preflight.rules("acm:ImportCertificate")] == [r["id"] for r in acm]
    assert [r.api_error for r in cert_preflight.rules("acm:ImportCertificate")] == [r.get("api_error") for r in acm]
    assert [o.id for o in cert_preflight.operations()] == [o["id"] for o in listing("operations")]
    assert cert_preflight.profiles() == ("generic", "alibaba-slb")
    assert cert_preflight.purposes() == ("server", "client-ca", "ca-upload")


def test_context_table_names_the_cores_keys() -> None:
    assert list(_api._CONTEXT_TYPES) == list(_native.CONTEXT_KEYS)


def test_version_is_the_crates() -> None:
    cargo = (TESTDATA.parent / "py/Cargo.toml").read_text()
    assert f'version = "{cert_preflight.__version__}"' in cargo
