"""The public functions: the npm package's API in Python's idiom.

The extension module (``_native``, Rust) takes plain values and returns the report's JSON;
here we check argument types (misuse is a ``TypeError`` that says what was expected), turn
``now`` into epoch milliseconds or RFC 3339 text (the core never reads a clock) and build the
immutable report objects. A value of the right type that the core cannot use raises
:class:`CertPreflightError` with the npm package's ``code``.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)

from . import _native
from ._errors import CertPreflightError
from ._report import Explanation, FingerprintReport, FormField, OperationInfo, Report, Rule

__all__ = [
    "check_certificate",
    "check_certificate_file",
    "explain",
    "form_fields",
    "schema",
    "fingerprint",
    "operations",
    "profiles",
    "purposes",
    "rules",
    "validate_request",
    "validate_request_file",
]

Material = Union[str, bytes, bytearray]
"""Certificate or key material: text, or the bytes of a file (DER, PKCS#7, PEM amid other bytes)."""
TimeInput = Union[datetime, str, None]
"""An aware ``datetime``, RFC 3339 text (``"2026-11-23T00:00:00Z"``), or ``None`` for now."""
PathLike = Union[str, "os.PathLike[str]"]

DEFAULT_EXPIRY_DAYS = 30
"""``cert.expires_soon`` warns within this many days (the core's DEFAULT_EXPIRY_WARNING_DAYS)."""
_MAX_U32 = 2**32 - 1  # expiry_days is a u32 in the core
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

T = TypeVar("T")


def _raise_input_failure(fn: str, error: BaseException) -> CertPreflightError:
    code, subject, message = error.args
    if code == "UNKNOWN_OPERATION":
        return CertPreflightError(code, f"{fn}: {message}", operation=subject)
    return CertPreflightError(code, f"{fn}: {message}", option=subject or None)


def _call(fn: str, thunk: Callable[[], T]) -> T:
    """Runs a native call, raising its InputFailure again as a CertPreflightError."""
    try:
        return thunk()
    except _native.InputFailure as error:
        failure = _raise_input_failure(fn, error)
    raise failure from None


def _describe(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _shown(value: object) -> str:
    """A value as a message may quote it: its repr when short and plainly not PEM, else its
    type and length (a key passed where a name belongs never comes back in a message)."""
    text = repr(value)
    if len(text) <= 40 and "-----" not in text:
        return text
    return f"<{_describe(value)} of {len(text)} characters>"


def _now(fn: str, value: TimeInput) -> Union[int, str]:
    if value is None:
        value = datetime.now(timezone.utc)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError(
                f"{fn}: now must be an aware datetime (with tzinfo, e.g. timezone.utc), "
                "got a naive datetime"
            )
        return (value - _EPOCH) // timedelta(milliseconds=1)
    if isinstance(value, str):
        return value  # parsed by the core, like the CLI's --now
    raise TypeError(
        f"{fn}: now must be an aware datetime or an RFC 3339 string, got {_describe(value)}"
    )


def _expiry_days(fn: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{fn}: expiry_days must be an int, got {_describe(value)}")
    if not 0 <= value <= _MAX_U32:
        raise CertPreflightError(
            "INVALID_OPTION_VALUE",
            f"{fn}: expiry_days must be between 0 and {_MAX_U32}, got {value}",
            option="expiry_days",
        )
    return value


def _optional_str(fn: str, name: str, value: object) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{fn}: {name} must be a str, got {_describe(value)}")


def _bool(fn: str, name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"{fn}: {name} must be a bool, got {_describe(value)}")


def _domains(fn: str, value: Union[str, Iterable[str], None]) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(
            f"{fn}: domains must be a comma-separated str or an iterable of str, "
            f"got {_describe(value)}"
        )
    names = list(value)
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise TypeError(f"{fn}: domains[{i}] must be a str, got {_describe(name)}")
    return ",".join(names)


# Extensions of the files check_certificate_file reads from an intermediates directory (as the
# CLI's --intermediates DIR): certificates and PKCS#7 bundles, never keys or PKCS#12 files.
_POOL_EXTENSIONS = (".pem", ".crt", ".cer", ".der", ".p7b", ".p7c")


def _intermediates(
    fn: str, value: Union[Material, Iterable[Material], Mapping[str, Material], None]
) -> Optional[List[Tuple[str, Material]]]:
    """The pool's sources as (name, material) pairs: one material is named
    ``intermediates``, a list's items ``intermediates[i]``, a mapping's by their keys."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, bytearray)):
        return [("intermediates", value)]
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable):
        items = [(f"intermediates[{i}]", v) for i, v in enumerate(value)]
    else:
        raise TypeError(
            f"{fn}: intermediates must be str, bytes, an iterable or a mapping of them, "
            f"got {_describe(value)}"
        )
    for name, material in items:
        if not isinstance(name, str):
            raise TypeError(f"{fn}: intermediates names must be str, got {_describe(name)}")
        if not isinstance(material, (str, bytes, bytearray)):
            raise TypeError(
                f"{fn}: intermediates[{name!r}] must be str or bytes, got {_describe(material)}"
            )
    return items


def _read_intermediates(path: PathLike) -> Dict[str, bytes]:
    """A file, or a directory's certificate files in name order (not recursively, hidden
    ones left out), each named by its path."""
    if not os.path.isdir(path):
        with open(path, "rb") as f:
            return {os.fspath(path): f.read()}
    files: Dict[str, bytes] = {}
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if name.startswith(".") or not name.lower().endswith(_POOL_EXTENSIONS):
            continue
        if os.path.isfile(full):
            with open(full, "rb") as f:
                files[os.fspath(full)] = f.read()
    return files


def check_certificate(
    certificate: Material,
    *,
    key: Optional[Material] = None,
    domains: Union[str, Iterable[str], None] = None,
    now: TimeInput = None,
    profile: Optional[str] = None,
    roots: Optional[Material] = None,
    public_roots: bool = True,
    expiry_days: int = DEFAULT_EXPIRY_DAYS,
    ca: bool = False,
    purpose: Optional[str] = None,
    key_required: bool = False,
    password: Optional[str] = None,
    key_password: Optional[str] = None,
    intermediates: Union[Material, Iterable[Material], Mapping[str, Material], None] = None,
    audience: Optional[str] = None,
) -> Report:
    """Checks a certificate bundle (leaf first, then its chain), its key and its domains.

    ``certificate``, ``key`` and ``roots`` are text or the bytes of a file, read as the CLI
    reads one (binary DER is wrapped into a PEM block; other non-UTF-8 bytes around PEM blocks
    are read as U+FFFD). ``domains`` is ``"a.com,b.com"`` or a list. ``profile`` is one of
    :func:`profiles` (``"generic"``, ``"alibaba-slb"``); ``roots`` are extra trust anchors,
    and ``public_roots=False`` trusts only them. ``ca=True`` checks a CA certificate upload
    (exactly one CA certificate), like the CLI's ``--ca``; ``purpose`` names it in full:
    ``"server"`` (default), ``"client-ca"`` (CA certificates that verify client certificates)
    or ``"ca-upload"``. ``key_required=True`` makes a missing key an error (``key.missing``).
    ``certificate`` as the bytes of a PKCS#12 file (``.pfx``, ``.p12``) is opened with
    ``password`` (default: none) and its certificates and key checked, as the CLI's ``cert``
    does; a wrong password is a report with ``pkcs12.wrong_password``.
    ``key_password`` opens an encrypted ``key`` (``ENCRYPTED PRIVATE KEY``, or the legacy
    ``Proc-Type: 4,ENCRYPTED`` PEM), like the CLI's ``--key-password-file``: the key is then
    checked like an unencrypted one; a wrong one is ``key.wrong_password``, a scheme not
    implemented ``key.encryption_unsupported``, and without it an encrypted key is
    ``key.encrypted`` as before. It never appears in any output or exception.
    ``intermediates`` is a pool to complete the chain from, like the CLI's ``--intermediates``:
    PEM, DER or PKCS#7 material, a list of them, or a mapping of names (file names, used in
    messages) to them. A missing issuer found there by name, key identifier and a verified
    signature is added to ``report.normalized`` (``chain.completed_from_pool`` says which).
    ``audience`` says who the certificate is for, as the CLI's ``--audience``: ``"public"``
    (browsers: the CA/Browser Forum and root program lints apply), ``"private"`` (an internal
    CA: only what TLS libraries refuse for any certificate) or ``"auto"`` (default: public when
    the path anchors in Mozilla's root store); ``report.certificate.trust.audience`` says which
    applied and ``audience_reason`` why.
    The key's text never appears in the report, its ``repr`` or any exception.
    """
    fn = "check_certificate"
    purpose = _optional_str(fn, "purpose", purpose)
    if _bool(fn, "ca", ca):
        if purpose not in (None, "ca-upload"):
            raise CertPreflightError(
                "INVALID_OPTION_VALUE",
                f"{fn}: ca=True means purpose=\"ca-upload\", got purpose={purpose!r}",
                option="purpose",
            )
        purpose = "ca-upload"
    options: Dict[str, Any] = {
        "now": _now(fn, now),
        "key": key,
        "domains": _domains(fn, domains),
        "profile": _optional_str(fn, "profile", profile),
        "roots": roots,
        "public_roots": _bool(fn, "public_roots", public_roots),
        "expiry_days": _expiry_days(fn, expiry_days),
        "purpose": purpose,
        "key_required": _bool(fn, "key_required", key_required),
        "password": _optional_str(fn, "password", password),
        "key_password": _optional_str(fn, "key_password", key_password),
        "intermediates": _intermediates(fn, intermediates),
        "audience": _optional_str(fn, "audience", audience),
    }
    text = _call(fn, lambda: _native.check_certificate(certificate, **options))
    return Report._from_json_text(text)


def check_certificate_file(
    path: PathLike,
    key_path: Optional[PathLike] = None,
    *,
    domains: Union[str, Iterable[str], None] = None,
    now: TimeInput = None,
    profile: Optional[str] = None,
    roots_path: Optional[PathLike] = None,
    public_roots: bool = True,
    expiry_days: int = DEFAULT_EXPIRY_DAYS,
    ca: bool = False,
    purpose: Optional[str] = None,
    key_required: bool = False,
    password: Optional[str] = None,
    key_password: Optional[str] = None,
    intermediates_path: Optional[PathLike] = None,
    audience: Optional[str] = None,
) -> Report:
    """:func:`check_certificate` on files: the bundle at ``path``, the key at ``key_path``,
    extra trust anchors at ``roots_path``, the intermediates pool at ``intermediates_path``
    (a file, or a directory whose certificate files are read in name order, as the CLI's
    ``--intermediates DIR``). Files are read as bytes (PEM, DER, PKCS#7, or PKCS#12 opened
    with ``password``; an encrypted key opened with ``key_password``); an unreadable file
    raises the usual ``OSError``."""

    def read(p: Optional[PathLike]) -> Optional[bytes]:
        if p is None:
            return None
        with open(p, "rb") as f:
            return f.read()

    certificate = read(path)
    assert certificate is not None
    return check_certificate(
        certificate,
        key=read(key_path),
        domains=domains,
        now=now,
        profile=profile,
        roots=read(roots_path),
        public_roots=public_roots,
        expiry_days=expiry_days,
        ca=ca,
        purpose=purpose,
        key_required=key_required,
        password=password,
        key_password=key_password,
        intermediates=(
            None if intermediates_path is None else _read_intermediates(intermediates_path)
        ),
        audience=audience,
    )


# The caller-context keys validate_request takes and the Python types of their values (None
# is absence). The core's RequestContext.set reads them; tests/test_api.py checks that this
# table names exactly the core's CONTEXT_KEYS.
_CONTEXT_TYPES: Dict[str, str] = {
    "certificate": "str",
    "listener_protocol": "str",
    "default_certificate_id": "str",
    "in_use": "bool",
    "service": "str",
    "previous_certificate": "str",
    "existing_names": "strs",
    "endpoint": "str",
    "zone_name": "str",
    "byoip": "bool",
    "hosts": "strs",
    "roots": "str",
    "no_public_roots": "bool",
    # Who the body's certificates are for (issue 20): "auto", "public" or "private".
    "audience": "str",
}


def _context(fn: str, value: Optional[Mapping[str, Any]]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{fn}: context must be a mapping, got {_describe(value)}")
    context: Dict[str, Any] = {}
    for key, item in value.items():
        kind = _CONTEXT_TYPES.get(key) if isinstance(key, str) else None
        if kind is None:
            raise TypeError(
                f"{fn}: unknown context key {_shown(key)}; expected one of: "
                + ", ".join(_CONTEXT_TYPES)
            )
        name = f"context[{key!r}]"
        if item is None:
            continue
        if kind == "str":
            context[key] = _optional_str(fn, name, item)
        elif kind == "bool":
            context[key] = _bool(fn, name, item)
        else:
            if isinstance(item, (str, bytes, bytearray, Mapping)) or not isinstance(
                item, Iterable
            ):
                raise TypeError(f"{fn}: {name} must be a list of str, got {_describe(item)}")
            items: List[Any] = list(item)
            for i, entry in enumerate(items):
                _optional_str(fn, f"{name}[{i}]", entry)
                if entry is None:
                    raise TypeError(f"{fn}: {name}[{i}] must be a str, got None")
            context[key] = items
    return json.dumps(context, ensure_ascii=False)


def _path(fn: str, value: Optional[Mapping[str, str]]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{fn}: path must be a mapping of str to str, got {_describe(value)}")
    params: Dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(
                f"{fn}: path must map str to str, got {_describe(key)}: {_describe(item)}"
            )
        params[key] = item
    return json.dumps(params, ensure_ascii=False)


def _body(fn: str, body: object) -> Material:
    if isinstance(body, (str, bytes, bytearray)):
        return body
    try:
        return json.dumps(body, ensure_ascii=False, allow_nan=False)
    except TypeError as error:
        raise TypeError(f"{fn}: body cannot be converted to JSON: {error}") from None
    except (ValueError, RecursionError) as error:
        # NaN or infinity (no JSON form), a circular reference, or nesting past Python's
        # recursion limit (the core reports anything past 128 levels as request.malformed).
        raise CertPreflightError(
            "INVALID_OPTION_VALUE",
            f"{fn}: body cannot be converted to JSON: {error}",
            option="body",
        ) from None


def validate_request(
    operation: str,
    body: Union[Material, Mapping[str, Any], Sequence[Any], int, float, bool, None],
    *,
    path: Optional[Mapping[str, str]] = None,
    context: Optional[Mapping[str, Any]] = None,
    now: TimeInput = None,
    expiry_days: int = DEFAULT_EXPIRY_DAYS,
    key_password: Optional[str] = None,
) -> Report:
    """Validates a request body for an operation (an id such as
    ``"aws.acm.import-certificate"`` or a provider action such as ``"CreateListener"``).

    ``body`` is a mapping (any JSON value), JSON text, or the bytes of a body file (UTF-8,
    with or without a byte-order mark, or UTF-16 with one, as the CLI reads it). ``path``
    gives path parameters; ``context`` the caller facts of the CLI's ``--context`` file
    (snake_case keys: ``listener_protocol``, ``existing_names``, ``zone_name``, ...). A body
    that is not JSON is a report with ``request.malformed``; an unknown operation raises
    :class:`CertPreflightError` with code ``"UNKNOWN_OPERATION"``.
    ``key_password`` opens an encrypted private key in the body (``ENCRYPTED PRIVATE KEY``, or
    the legacy ``Proc-Type: 4,ENCRYPTED`` PEM), like the CLI's ``request
    --key-password-file``: the key is then checked like an unencrypted one (its match with the
    certificate, the key policy) and ``key.encrypted`` still says the body holds it encrypted,
    which the providers refuse; a wrong one is ``key.wrong_password``, a scheme not
    implemented ``key.encryption_unsupported``, and without it an encrypted key is
    ``key.encrypted`` as before. It is not a ``context`` key, and never appears in any output
    or exception.
    """
    fn = "validate_request"
    if not isinstance(operation, str):
        raise TypeError(f"{fn}: operation must be a str, got {_describe(operation)}")
    text = _body(fn, body)
    options: Dict[str, Any] = {
        "now": _now(fn, now),
        "path": _path(fn, path),
        "context": _context(fn, context),
        "expiry_days": _expiry_days(fn, expiry_days),
        "key_password": _optional_str(fn, "key_password", key_password),
    }
    report = _call(fn, lambda: _native.validate_request(operation, text, **options))
    return Report._from_json_text(report)


def validate_request_file(
    operation: str,
    path: PathLike,
    *,
    path_params: Optional[Mapping[str, str]] = None,
    context: Optional[Mapping[str, Any]] = None,
    now: TimeInput = None,
    expiry_days: int = DEFAULT_EXPIRY_DAYS,
    key_password: Optional[str] = None,
) -> Report:
    """:func:`validate_request` on a JSON body file, read as bytes as the CLI reads it (an
    encrypted key in it opened with ``key_password``)."""
    with open(path, "rb") as f:
        body = f.read()
    return validate_request(
        operation,
        body,
        path=path_params,
        context=context,
        now=now,
        expiry_days=expiry_days,
        key_password=key_password,
    )


def _operation(fn: str, operation: object) -> str:
    if not isinstance(operation, str):
        raise TypeError(f"{fn}: operation must be a str, got {_describe(operation)}")
    return operation


def explain(
    operation: str,
    error: str,
    *,
    request: Union[Material, Mapping[str, Any], None] = None,
    path: Optional[Mapping[str, str]] = None,
    context: Optional[Mapping[str, Any]] = None,
    now: TimeInput = None,
    expiry_days: int = DEFAULT_EXPIRY_DAYS,
) -> Explanation:
    """What a provider's answer (an error code such as ``"InvalidParameter"``, or its message
    text) means for an operation: the rules that lead to it. With ``request`` (the body that got
    the answer, as :func:`validate_request` takes it) each cause says whether it applies."""
    fn = "explain"
    _operation(fn, operation)
    if not isinstance(error, str):
        raise TypeError(f"{fn}: error must be a str, got {_describe(error)}")
    body: Optional[Material] = None if request is None else _body(fn, request)
    if isinstance(body, (bytes, bytearray)):
        body = bytes(body).decode("utf-8", "replace")
    options: Dict[str, Any] = {
        "now": _now(fn, now),
        "request": body,
        "path": _path(fn, path),
        "context": _context(fn, context),
        "expiry_days": _expiry_days(fn, expiry_days),
    }
    text = _call(fn, lambda: _native.explain(operation, error, **options))
    return Explanation._from_json(json.loads(text))


def schema(operation: str) -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an operation's request body, with its path
    parameters under ``$defs.path`` (a new dict each call)."""
    fn = "schema"
    text = _call(fn, lambda: _native.schema(_operation(fn, operation)))
    result: Dict[str, Any] = json.loads(text)
    return result


def form_fields(operation: str) -> Tuple[FormField, ...]:
    """The fields a form shows for an operation: its certificate material, then its other
    parameters with example values."""
    fn = "form_fields"
    text = _call(fn, lambda: _native.form_fields(_operation(fn, operation)))
    return tuple(FormField._from_json(f) for f in json.loads(text))


_DIGESTS = ("sha1", "sha256")


def fingerprint(
    certificate: Material,
    *,
    algorithm: Union[str, Sequence[str]] = "sha1",
    style: str = "hex",
) -> FingerprintReport:
    """Fingerprints of every certificate in ``certificate``, over each one's DER.

    ``algorithm`` is ``"sha1"`` (default) or ``"sha256"``, or a list of both: each entry of
    ``fingerprints`` is then a mapping by digest name. ``style`` is ``"hex"`` (lowercase, no
    separators) or ``"colon"`` (uppercase pairs).
    """
    fn = "fingerprint"
    style = _optional_str(fn, "style", style) or "hex"
    if isinstance(algorithm, str):
        return FingerprintReport._from_json_text(
            _call(fn, lambda: _native.fingerprint(certificate, algorithm=algorithm, style=style))
        )
    if not isinstance(algorithm, Sequence):
        raise TypeError(f"{fn}: algorithm must be a str or a list of str, got {_describe(algorithm)}")
    names: List[str] = []
    for i, name in enumerate(algorithm):
        _optional_str(fn, f"algorithm[{i}]", name)
        if name not in names:
            names.append(name)
    if not names:
        raise CertPreflightError(
            "INVALID_OPTION_VALUE",
            f"{fn}: algorithm must name at least one of {', '.join(_DIGESTS)}",
            option="algorithm",
        )
    # Several digests: one report whose fingerprints are mappings by digest, as npm's.
    reports = [
        json.loads(
            _call(fn, lambda: _native.fingerprint(certificate, algorithm=name, style=style))
        )
        for name in names
    ]
    merged = reports[0]
    merged["fingerprints"] = [
        {name: report["fingerprints"][i] for name, report in zip(names, reports)}
        for i in range(len(merged["fingerprints"]))
    ]
    return FingerprintReport._from_json_text(json.dumps(merged))


@lru_cache(maxsize=None)
def _all_rules() -> Tuple[Rule, ...]:
    return tuple(Rule._from_json(r) for r in json.loads(_native.rules()))


def rules(operation: Optional[str] = None) -> Tuple[Rule, ...]:
    """Every rule; with ``operation``, that operation's rules with its error codes."""
    if operation is None:
        return _all_rules()
    if not isinstance(operation, str):
        raise TypeError(f"rules: operation must be a str, got {_describe(operation)}")
    text = _call("rules", lambda: _native.rules(operation))
    return tuple(Rule._from_json(r) for r in json.loads(text))


@lru_cache(maxsize=None)
def operations() -> Tuple[OperationInfo, ...]:
    """Every supported operation, with its provider, action name, aliases and source."""
    return tuple(OperationInfo._from_json(o) for o in json.loads(_native.operations()))


@lru_cache(maxsize=None)
def profiles() -> Tuple[str, ...]:
    """The names ``profile`` takes (the CLI's ``--profile`` values)."""
    return tuple(_native.profiles())


@lru_cache(maxsize=None)
def purposes() -> Tuple[str, ...]:
    """The names ``purpose`` takes."""
    return tuple(_native.purposes())
