"""Checked by `mypy --strict` (scripts/test-python.sh): the package's public types as a caller
uses them. Not run; a type error here is a broken stub."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Dict, List, Mapping, Optional, Tuple

import cert_preflight
from cert_preflight import CertPreflightError, Diagnostic, Report


def deploy_hook(bundle: bytes, key: str, names: List[str]) -> bool:
    report: Report = cert_preflight.check_certificate(
        bundle,
        key=key,
        domains=names,
        now=datetime.now(timezone.utc),
        profile="generic",
        roots=None,
        public_roots=True,
        expiry_days=14,
    )
    errors: List[Diagnostic] = [d for d in report.diagnostics if d.severity == "error"]
    api: Optional[str] = errors[0].api_error if errors else None
    fixed: bool = any(d.fixed for d in report.diagnostics)
    if report.certificate is not None and report.certificate.leaf is not None:
        days: int = report.certificate.leaf.days_remaining
        sans: Tuple[str, ...] = report.certificate.leaf.subject_alternative_names
        sha: str = report.certificate.leaf.fingerprints.sha256_colon
        print(days, sans, sha, api, fixed)
    normalized: Optional[str] = report.normalized
    fields: Mapping[str, str] = report.normalized_fields
    as_json: Dict[str, object] = report.to_dict()
    print(normalized, fields, as_json)
    return report.valid


def request(body: Dict[str, object]) -> int:
    try:
        report = cert_preflight.validate_request(
            "aws.acm.import-certificate",
            body,
            path={"region": "eu-west-1"},
            context={"service": "cloudfront", "existing_names": ["a"]},
            now="2026-11-23T00:00:00Z",
            key_password=None,
        )
    except CertPreflightError as error:
        code: str = error.code
        option: Optional[str] = error.option
        print(code, option)
        return 2
    from_file: Report = cert_preflight.validate_request_file(
        "acm:ImportCertificate", "body.json", key_password="secret"
    )
    print(from_file.valid)
    return report.errors


def listings() -> None:
    file_report: Report = cert_preflight.check_certificate_file("a.pem", "a.key", domains="a.com")
    prints = cert_preflight.fingerprint("pem", algorithm=["sha1", "sha256"], style="colon")
    first = prints.fingerprints[0]
    rule_ids: List[str] = [r.id for r in cert_preflight.rules("CreateListener")]
    ops: List[str] = [o.id for o in cert_preflight.operations()]
    names: Tuple[str, ...] = cert_preflight.profiles() + cert_preflight.purposes()
    version: str = cert_preflight.__version__
    print(file_report, first, rule_ids, ops, names, version, cert_preflight.MAX_REQUEST_BYTES)


def schemas_and_answers() -> None:
    body_schema: Dict[str, object] = cert_preflight.schema("CreateListener")
    fields = cert_preflight.form_fields("acm:ImportCertificate")
    required: List[str] = [f.pointer for f in fields if f.required]
    why = cert_preflight.explain("CreateListener", "InvalidParameter", request={"ListenerPort": 1})
    rules_broken: List[str] = [c.rule for c in why.causes if c.applies]
    pfx: Report = cert_preflight.check_certificate(b"...", password="secret")
    print(body_schema, required, rules_broken, why.checked, pfx.valid)
