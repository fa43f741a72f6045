"""Differential against pyca `cryptography` over `cryptography-vectors` (pinned in
py/requirements-test.txt, the version scripts/foreign-corpus.sh uses): for every certificate
cryptography loads from x509/ (each CERTIFICATE block of a PEM file, or a DER file), the
package reports it with the same SHA-1 and SHA-256 fingerprints, not_after and DNS names; and
for every private key cryptography loads without a password from asymmetric/ and x509/, a
certificate cryptography makes for that key never gives key.mismatch, while the same
certificate with another key of the same kind always does. Known differences: EXCEPTIONS."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import cryptography_vectors
import pytest
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import NameOID

import cert_preflight
from conftest import NOW

VECTORS = Path(cryptography_vectors.__file__).parent
NOW_DT = datetime(2026, 11, 23, tzinfo=timezone.utc)

# Certificates: none differ (path under the package -> what differs). A difference not listed
# fails the test, and so does a listed one that no longer happens.
CERTIFICATE_EXCEPTIONS: Dict[str, str] = {}
# Key verdicts: path -> the difference, with why. The same rule applies.
EXCEPTIONS: Dict[str, str] = {
    # cryptography reads a key on explicit curve parameters that are P-256/384/521's as that
    # named curve, so the certificate it makes names the curve and the key matches. The core
    # compares the curve as written and answers key.mismatch ("the key is on explicit curve
    # parameters, the certificate's key on P-256"): a real disagreement, left as it is because
    # the providers refuse explicit parameters anyway; key.unsupported would say so better.
    **{
        f"asymmetric/EC/secp{bits}r1-explicit-{seed}.pem": "own key: key.mismatch"
        for bits in ("256", "384", "521")
        for seed in ("seed", "no-seed")
    },
}
# Key kinds the core does not read (no provider takes them): key.unsupported, so no verdict
# to compare. The DSA keys in OpenSSL's traditional DER form (six INTEGERs) are taken for
# PKCS#1 RSA by the DER sniffing (INTEGER, INTEGER) and refused as RSA: unsupported all the same.
NO_VERDICT = (dsa.DSAPrivateKey, ed448.Ed448PrivateKey)


def certificate_files() -> List[Path]:
    return sorted(p for p in (VECTORS / "x509").rglob("*") if p.is_file())


def load_certificates(data: bytes) -> List[x509.Certificate]:
    # cryptography raises ValueError, InvalidVersion and others for what it will not read.
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except Exception:
        return []


def facts_of(cert: x509.Certificate) -> Dict[str, Any]:
    der = cert.public_bytes(serialization.Encoding.DER)
    dns: Optional[List[str]]
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = san.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        dns = []
    except Exception:
        dns = None  # cryptography will not read the extensions (e.g. one given twice)
    return {
        "sha1": hashlib.sha1(der).hexdigest(),
        "sha256": hashlib.sha256(der).hexdigest(),
        "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dns": dns,
    }


def differences(path: Path) -> List[str]:
    data = path.read_bytes()
    theirs = load_certificates(data)
    if not theirs:
        return []
    report = cert_preflight.check_certificate(data, now=NOW)
    ours = {c.fingerprints.sha256_hex: c for c in (report.certificate.chain if report.certificate else ())}
    found: List[str] = []
    for cert in theirs:
        want = facts_of(cert)
        got = ours.get(want["sha256"])
        if got is None:
            found.append("missing")
            continue
        if got.fingerprints.sha1_hex != want["sha1"]:
            found.append("sha1")
        if got.not_after != want["not_after"]:
            found.append("not_after")
        dns = [n for n in got.subject_alternative_names if not _is_ip(n)]
        if want["dns"] is not None and dns != want["dns"]:
            found.append("san")
    return found


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def test_certificates_agree_with_cryptography() -> None:
    checked = 0
    failures: List[str] = []
    for path in certificate_files():
        rel = str(path.relative_to(VECTORS))
        found = differences(path)
        checked += bool(load_certificates(path.read_bytes()))
        listed = rel in CERTIFICATE_EXCEPTIONS
        if found and not listed:
            failures.append(f"{rel}: {', '.join(sorted(set(found)))}")
        if listed and not found:
            failures.append(f"{rel}: listed in EXCEPTIONS but agrees now")
    assert checked >= 100, checked
    assert not failures, "\n".join(failures)


def key_files() -> Iterator[Path]:
    for folder in ("asymmetric", "x509"):
        for p in sorted((VECTORS / folder).rglob("*")):
            if p.is_file() and p.stat().st_size < 64_000:
                yield p


def load_key(data: bytes) -> Optional[Any]:
    for loader in (serialization.load_pem_private_key, serialization.load_der_private_key):
        try:
            return loader(data, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            continue
    return None


SIGNING = (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey, dsa.DSAPrivateKey)


def certificate_for(key: Any) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "differential.example")])
    algorithm = None if isinstance(key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)) else hashes.SHA256()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW_DT - timedelta(days=1))
        .not_valid_after(NOW_DT + timedelta(days=365))
        .sign(key, algorithm)
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def other_key(key: Any) -> Any:
    if isinstance(key, rsa.RSAPrivateKey):
        return rsa.generate_private_key(65537, key.key_size)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return ec.generate_private_key(key.curve)
    if isinstance(key, dsa.DSAPrivateKey):
        return dsa.generate_private_key(key.key_size)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return ed25519.Ed25519PrivateKey.generate()
    return ed448.Ed448PrivateKey.generate()


def test_key_match_verdicts_agree_with_cryptography() -> None:
    failures: List[str] = []
    checked = 0
    cache: Dict[Tuple[str, int], Any] = {}
    for path in key_files():
        key = load_key(path.read_bytes())
        if not isinstance(key, SIGNING):
            continue
        rel = str(path.relative_to(VECTORS))
        try:
            cert = certificate_for(key)
        except (ValueError, TypeError):
            continue  # cryptography will not sign with it (e.g. a tiny RSA or DSA key)
        checked += 1
        kind = (type(key).__name__, getattr(key, "key_size", 0))
        if kind not in cache:
            cache[kind] = other_key(key)
        other = cache[kind].private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        own = cert_preflight.check_certificate(cert, key=path.read_bytes(), now=NOW)
        wrong = cert_preflight.check_certificate(cert, key=other, now=NOW)
        verdicts = [{d.rule for d in r.diagnostics} for r in (own, wrong)]
        if isinstance(key, NO_VERDICT):
            if not all("key.unsupported" in v for v in verdicts):
                failures.append(f"{rel}: a {type(key).__name__} key is not key.unsupported")
            continue
        found = []
        if "key.mismatch" in verdicts[0]:
            found.append("own key: key.mismatch")
        if "key.mismatch" not in verdicts[1]:
            found.append("another key: no key.mismatch")
        if "; ".join(found) != EXCEPTIONS.get(rel, ""):
            failures.append(f"{rel}: {'; '.join(found) or 'agrees, but listed in EXCEPTIONS'}")
    assert checked >= 30, checked
    assert not failures, "\n".join(failures)
