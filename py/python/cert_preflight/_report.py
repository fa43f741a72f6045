"""The report objects: immutable views of the report JSON that every front prints.

Each class is a frozen dataclass whose attributes are the JSON fields, with the same names
(``src/report.rs`` in the Rust core). Lists are tuples and objects read-only mappings, so a
report cannot be changed after it is made. ``Report.to_dict()`` gives the JSON itself,
exactly the CLI's ``--format json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Dict, Mapping, Optional, Tuple, Union

__all__ = [
    "Cause",
    "CertificateFacts",
    "CertificateSummary",
    "Diagnostic",
    "Explanation",
    "FormField",
    "FingerprintReport",
    "Fingerprints",
    "MissingIssuer",
    "OperationInfo",
    "Report",
    "Rule",
    "TrustFacts",
]

JsonObject = Dict[str, Any]


@dataclass(frozen=True)
class Diagnostic:
    """One finding: the rule, how bad, where (an RFC 6901 JSON pointer) and what is wrong."""

    rule: str
    """Stable rule id, e.g. ``"chain.misordered"`` (see :func:`cert_preflight.rules`)."""
    severity: str
    """``"error"``, ``"warning"`` or ``"info"``; a report is valid when none is an error."""
    path: str
    """The field concerned, e.g. ``"/certificate/chain/1"`` or ``"/Tag/2/Key"``."""
    message: str
    """One plain sentence: what is wrong and what is allowed."""
    api_error: Optional[str] = None
    """The provider's error code, where its documentation names one."""
    fixed: bool = False
    """True when the report's ``normalized`` text resolves this finding."""

    @classmethod
    def _from_json(cls, d: JsonObject) -> Diagnostic:
        return cls(
            rule=d["rule"],
            severity=d["severity"],
            path=d["path"],
            message=d["message"],
            api_error=d.get("api_error"),
            fixed=d.get("fixed", False),
        )


@dataclass(frozen=True)
class Fingerprints:
    """SHA-1 and SHA-256 digests of a certificate's DER."""

    sha1_hex: str
    sha1_colon: str
    sha256_hex: str
    sha256_colon: str

    @classmethod
    def _from_json(cls, d: JsonObject) -> Fingerprints:
        return cls(d["sha1_hex"], d["sha1_colon"], d["sha256_hex"], d["sha256_colon"])


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate says about itself."""

    index: int
    """Position in the input field (0 = first block)."""
    subject: str
    issuer: str
    common_name: Optional[str]
    subject_alternative_names: Tuple[str, ...]
    serial: str
    not_before: str
    """RFC 3339 UTC, e.g. ``"2018-07-02T13:25:47Z"``."""
    not_after: str
    not_before_ms: int
    not_after_ms: int
    days_remaining: int
    """Whole days from the check's ``now`` to ``not_after`` (negative when expired)."""
    key_algorithm: str
    key_size: Optional[int]
    key_curve: Optional[str]
    signature_algorithm: str
    is_ca: bool
    is_self_signed: bool
    fingerprints: Fingerprints

    @classmethod
    def _from_json(cls, d: JsonObject) -> CertificateFacts:
        return cls(
            index=d["index"],
            subject=d["subject"],
            issuer=d["issuer"],
            common_name=d.get("common_name"),
            subject_alternative_names=tuple(d["subject_alternative_names"]),
            serial=d["serial"],
            not_before=d["not_before"],
            not_after=d["not_after"],
            not_before_ms=d["not_before_ms"],
            not_after_ms=d["not_after_ms"],
            days_remaining=d["days_remaining"],
            key_algorithm=d["key_algorithm"],
            key_size=d.get("key_size"),
            key_curve=d.get("key_curve"),
            signature_algorithm=d["signature_algorithm"],
            is_ca=d["is_ca"],
            is_self_signed=d["is_self_signed"],
            fingerprints=Fingerprints._from_json(d["fingerprints"]),
        )


@dataclass(frozen=True)
class MissingIssuer:
    """The certificate a chain stops short of: who it is and where to download it."""

    certificate: int
    """Input position of the certificate whose issuer is missing."""
    name: str
    key_id: Optional[str]
    ca_issuers: Tuple[str, ...]

    @classmethod
    def _from_json(cls, d: JsonObject) -> MissingIssuer:
        return cls(d["certificate"], d["name"], d.get("key_id"), tuple(d.get("ca_issuers", ())))


@dataclass(frozen=True)
class TrustFacts:
    """The trust anchors of a check and where the chain meets one."""

    store: Optional[str]
    store_date: Optional[str]
    caller_roots: int
    anchored: Optional[str]
    """``store_root``, ``issued_by_store_root``, ``caller_root`` or ``issued_by_caller_root``."""
    anchored_at: Optional[int]
    audience: str = ""
    """The audience the client-acceptance lints were judged for: ``public`` or ``private``."""
    audience_reason: str = ""
    """Why that audience: the caller chose it, or where the path anchors (``auto``)."""
    path: Tuple[int, ...] = ()
    """The path a client builds from the leaf up, as certificates' ``index`` (leaf first)."""
    path_reason: str = ""
    """Why that path: the only one, or what made it better than the others."""

    @classmethod
    def _from_json(cls, d: JsonObject) -> TrustFacts:
        return cls(
            store=d.get("store"),
            store_date=d.get("store_date"),
            caller_roots=d.get("caller_roots", 0),
            anchored=d.get("anchored"),
            anchored_at=d.get("anchored_at"),
            audience=d.get("audience", ""),
            audience_reason=d.get("audience_reason", ""),
            path=tuple(d.get("path", ())),
            path_reason=d.get("path_reason", ""),
        )


@dataclass(frozen=True)
class CertificateSummary:
    """The certificate part of a report."""

    leaf: Optional[CertificateFacts]
    chain: Tuple[CertificateFacts, ...]
    """Every parsed certificate, in input order."""
    missing_issuer: Optional[MissingIssuer]
    trust: Optional[TrustFacts]

    @classmethod
    def _from_json(cls, d: JsonObject) -> CertificateSummary:
        leaf, missing, trust = d.get("leaf"), d.get("missing_issuer"), d.get("trust")
        return cls(
            leaf=None if leaf is None else CertificateFacts._from_json(leaf),
            chain=tuple(CertificateFacts._from_json(c) for c in d["chain"]),
            missing_issuer=None if missing is None else MissingIssuer._from_json(missing),
            trust=None if trust is None else TrustFacts._from_json(trust),
        )


def _diagnostics(d: JsonObject) -> Tuple[Diagnostic, ...]:
    return tuple(Diagnostic._from_json(x) for x in d["diagnostics"])


def _summary_repr(kind: str, report: Union[Report, FingerprintReport]) -> str:
    rules = ", ".join(f"{d.severity}[{d.rule}]" for d in report.diagnostics[:5])
    more = f", ... ({len(report.diagnostics) - 5} more)" if len(report.diagnostics) > 5 else ""
    state = "valid" if report.valid else "invalid"
    return (
        f"<{kind} {report.operation}: {state}, {report.errors} errors, "
        f"{report.warnings} warnings; {rules}{more}>"
    )


@dataclass(frozen=True, repr=False)
class Report:
    """The result of a check, field for field the CLI's ``--format json``."""

    operation: str
    """The operation id (e.g. ``"aws.acm.import-certificate"``) or ``"certificate"``."""
    valid: bool
    """False when any diagnostic is an error."""
    errors: int
    warnings: int
    diagnostics: Tuple[Diagnostic, ...]
    """Sorted by path, then rule."""
    certificate: Optional[CertificateSummary]
    normalized: Optional[str]
    """The certificate field rewritten as the providers want it, when that fixes something."""
    normalized_fields: Mapping[str, str]
    """Where leaf and chain are separate fields (ACM, IAM): each field's normalized value."""
    _json: str = field(compare=False)

    @classmethod
    def _from_json_text(cls, text: str) -> Report:
        d = json.loads(text)
        summary = d.get("certificate")
        return cls(
            operation=d["operation"],
            valid=d["valid"],
            errors=d["errors"],
            warnings=d["warnings"],
            diagnostics=_diagnostics(d),
            certificate=None if summary is None else CertificateSummary._from_json(summary),
            normalized=d.get("normalized"),
            normalized_fields=MappingProxyType(dict(d.get("normalized_fields", {}))),
            _json=text,
        )

    def to_dict(self) -> JsonObject:
        """The report as the CLI's ``--format json`` prints it (a new dict each call)."""
        result: JsonObject = json.loads(self._json)
        return result

    def to_json(self) -> str:
        """The report's JSON text, as the core wrote it."""
        return self._json

    def __repr__(self) -> str:
        return _summary_repr("Report", self)


@dataclass(frozen=True, repr=False)
class FingerprintReport:
    """Fingerprints of every certificate in a field, with any problem reading it."""

    operation: str
    valid: bool
    errors: int
    warnings: int
    diagnostics: Tuple[Diagnostic, ...]
    fingerprints: Tuple[Union[str, Mapping[str, str]], ...]
    """One per certificate, in input order; with several digests, a mapping by digest name."""
    _json: str = field(compare=False)

    @classmethod
    def _from_json_text(cls, text: str) -> FingerprintReport:
        d = json.loads(text)
        return cls(
            operation=d["operation"],
            valid=d["valid"],
            errors=d["errors"],
            warnings=d["warnings"],
            diagnostics=_diagnostics(d),
            fingerprints=tuple(
                f if isinstance(f, str) else MappingProxyType(dict(f)) for f in d["fingerprints"]
            ),
            _json=text,
        )

    def to_dict(self) -> JsonObject:
        """The report as the CLI's ``fingerprint --format json`` prints it (a new dict)."""
        result: JsonObject = json.loads(self._json)
        return result

    def __repr__(self) -> str:
        return _summary_repr("FingerprintReport", self)


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue."""

    id: str
    severity: str
    also: Tuple[str, ...]
    """The other severities an operation's policy or a context gives the rule."""
    source: str
    """Where the constraint comes from: a seed document, a standard or provider practice."""
    api_error: Optional[str]
    """The provider's error code (in :func:`cert_preflight.rules` for one operation)."""
    fixed_by_normalizing: bool
    """Whether the report's ``normalized`` text fixes what the rule finds."""
    summary: str
    zlint: Tuple[str, ...]
    """zlint lints that check the same thing (empty when none does)."""
    pkilint: Tuple[str, ...]
    """pkilint findings that report the same thing (empty when none does)."""

    @classmethod
    def _from_json(cls, d: JsonObject) -> Rule:
        return cls(
            id=d["id"],
            severity=d["severity"],
            also=tuple(d.get("also", ())),
            source=d["source"],
            api_error=d.get("api_error"),
            fixed_by_normalizing=d.get("fixed_by_normalizing", False),
            summary=d["summary"],
            zlint=tuple(d.get("zlint", ())),
            pkilint=tuple(d.get("pkilint", ())),
        )


@dataclass(frozen=True)
class OperationInfo:
    """One supported operation."""

    id: str
    provider: str
    action: str
    aliases: Tuple[str, ...]
    seed: str
    summary: str

    @classmethod
    def _from_json(cls, d: JsonObject) -> OperationInfo:
        return cls(
            d["id"], d["provider"], d["action"], tuple(d["aliases"]), d["seed"], d["summary"]
        )


@dataclass(frozen=True)
class Cause:
    """One rule that leads to a provider's answer (see :func:`cert_preflight.explain`)."""

    rule: str
    severity: str
    """Its severity in this operation's reports (the operation's policy, not the catalogue's)."""
    also: Tuple[str, ...]
    """The other severities it can have in this operation's reports."""
    summary: str
    api_error: Optional[str]
    """The code this operation's reports give the rule, if any."""
    why: str
    source: str
    applies: Optional[bool]
    """With a request: whether the check found this rule broken."""
    findings: Tuple[Diagnostic, ...]

    @classmethod
    def _from_json(cls, d: JsonObject) -> Cause:
        return cls(
            rule=d["rule"],
            severity=d["severity"],
            also=tuple(d.get("also", ())),
            summary=d["summary"],
            api_error=d.get("api_error"),
            why=d["why"],
            source=d["source"],
            applies=d.get("applies"),
            findings=tuple(Diagnostic._from_json(x) for x in d.get("findings", ())),
        )


@dataclass(frozen=True)
class Explanation:
    """What a provider's answer means for an operation: the rules that lead to it."""

    operation: str
    error: str
    """The answer asked about, as given."""
    causes: Tuple[Cause, ...]
    """Most specific first."""
    checked: bool
    """Whether a request was checked (then each cause says whether it applies)."""

    @classmethod
    def _from_json(cls, d: JsonObject) -> Explanation:
        return cls(
            operation=d["operation"],
            error=d["error"],
            causes=tuple(Cause._from_json(c) for c in d["causes"]),
            checked=d["checked"],
        )


@dataclass(frozen=True)
class FormField:
    """One field of an operation's form (see :func:`cert_preflight.form_fields`)."""

    pointer: str
    """Where the value goes: a JSON pointer into the body, or ``/path/<name>``."""
    name: str
    role: str
    """``certificate``, ``chain``, ``private_key``, ``certificate_and_key``,
    ``ca_certificate`` or ``parameter``."""
    kind: str
    """``string``, ``integer``, ``boolean`` or ``tags``."""
    required: bool
    example: Optional[str]
    values: Tuple[str, ...]
    """The only values it may take, when documented."""

    @classmethod
    def _from_json(cls, d: JsonObject) -> FormField:
        return cls(
            pointer=d["pointer"],
            name=d["name"],
            role=d["role"],
            kind=d["kind"],
            required=d["required"],
            example=d.get("example"),
            values=tuple(d.get("values", ())),
        )
