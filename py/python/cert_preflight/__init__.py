"""cert-preflight: check TLS certificate bundles, keys and cloud certificate-upload API
requests before they are sent, and get every problem at once.

>>> import cert_preflight
>>> report = cert_preflight.check_certificate(open("bundle.pem").read(),
...                                           key=open("bundle.key").read(),
...                                           domains=["www.example.com"])   # doctest: +SKIP
>>> for d in report.diagnostics:                                            # doctest: +SKIP
...     print(d.severity, d.rule, d.path, d.message)

The same Rust core as the ``cert-preflight`` command line and the npm package: the reports
are the same, field for field (``report.to_dict()`` is the CLI's ``--format json``).
"""

from . import _native
from ._api import (
    DEFAULT_EXPIRY_DAYS,
    check_certificate,
    check_certificate_file,
    explain,
    fingerprint,
    form_fields,
    operations,
    profiles,
    purposes,
    rules,
    schema,
    validate_request,
    validate_request_file,
)
from ._errors import CertPreflightError
from ._report import (
    Cause,
    CertificateFacts,
    CertificateSummary,
    Diagnostic,
    Explanation,
    FingerprintReport,
    FormField,
    Fingerprints,
    MissingIssuer,
    OperationInfo,
    Report,
    Rule,
    TrustFacts,
)

__version__: str = _native.VERSION
"""The package version (equal to the Rust crate's and the npm package's)."""

MAX_REQUEST_BYTES: int = _native.MAX_REQUEST_BYTES
"""Request bodies larger than this are reported as ``request.malformed`` without parsing."""

__all__ = [
    "DEFAULT_EXPIRY_DAYS",
    "MAX_REQUEST_BYTES",
    "CertPreflightError",
    "Cause",
    "CertificateFacts",
    "CertificateSummary",
    "Diagnostic",
    "Explanation",
    "FingerprintReport",
    "FormField",
    "Fingerprints",
    "MissingIssuer",
    "OperationInfo",
    "Report",
    "Rule",
    "TrustFacts",
    "check_certificate",
    "check_certificate_file",
    "explain",
    "fingerprint",
    "form_fields",
    "operations",
    "profiles",
    "purposes",
    "rules",
    "schema",
    "validate_request",
    "validate_request_file",
]
