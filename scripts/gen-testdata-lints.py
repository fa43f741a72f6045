#!/usr/bin/env python3
"""Fixtures of the client-acceptance lints (issue 20): one leaf certificate per lint boundary,
passing and failing, with the manifest testdata/certs/lints/cases.json that says, for each,
which rules must fire and which must not (the table tests/client_lints.rs runs).

    python3 scripts/gen-testdata-lints.py          write testdata/certs/lints/
    python3 scripts/gen-testdata-lints.py --check  fail if the committed files differ

Needs the `cryptography` package (PyPI; scripts/test.sh pins the one it checks with). Deterministic: the keys are made once and kept in
testdata/certs/lints/keys/, the CA signs with RSA PKCS#1 v1.5 (deterministic signatures), and
serial numbers and dates are fixed, so a run rewrites the same bytes. Encodings the library will
not write (a GeneralizedTime with a fraction, a UTCTime without seconds, a dNSName that is not
an IA5String, an empty subjectAltName) are made by rewriting the DER of the to-be-signed part
and signing it again with the CA's key.
"""

import base64
import datetime
import json
import os
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "certs", "lints")
UTC = datetime.timezone.utc
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)


def day(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- keys (made once, kept) ---------------------------------------------------------------


def load_or_make(name, make):
    path = os.path.join(OUT, "keys", name + ".key")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)
    key = make()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return key


def keys():
    return {
        "ca": load_or_make("ca-rsa", lambda: rsa.generate_private_key(65537, 2048)),
        "rsa": load_or_make("leaf-rsa", lambda: rsa.generate_private_key(65537, 2048)),
        "ec": load_or_make("leaf-p256", lambda: ec.generate_private_key(ec.SECP256R1())),
        "ed25519": load_or_make("leaf-ed25519", ed25519.Ed25519PrivateKey.generate),
    }


# --- minimal DER, for the encodings the library will not write -------------------------


def der_len(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def read_tlv(data, at):
    """(tag, header length, content length) of the element at `at`."""
    tag = data[at]
    first = data[at + 1]
    if first < 0x80:
        return tag, 2, first
    count = first & 0x7F
    return tag, 2 + count, int.from_bytes(data[at + 2 : at + 2 + count], "big")


def children(data):
    """The encoded elements inside one SEQUENCE's content."""
    out, at = [], 0
    while at < len(data):
        _, head, length = read_tlv(data, at)
        out.append(data[at : at + head + length])
        at += head + length
    return out


def content(element):
    _, head, length = read_tlv(element, 0)
    return element[head : head + length]


def resign(cert, ca_key, edit):
    """`cert` with its TBSCertificate's elements passed through `edit` and signed again."""
    elements = children(content(cert.tbs_certificate_bytes))
    tbs = tlv(0x30, b"".join(edit(elements)))
    signature = ca_key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    outer = children(content(cert.public_bytes(serialization.Encoding.DER)))
    der = tlv(0x30, tbs + outer[1] + tlv(0x03, b"\x00" + signature))
    return Rewritten(der, cert.not_valid_before_utc)


class Rewritten:
    """A certificate the library may refuse to load again: its DER and its notBefore."""

    def __init__(self, der, not_valid_before_utc):
        self.der = der
        self.not_valid_before_utc = not_valid_before_utc

    def public_bytes(self, encoding):
        assert encoding == serialization.Encoding.PEM
        body = base64.b64encode(self.der).decode("ascii")
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n").encode("ascii")


def with_validity(not_before, not_after):
    """An edit that replaces the Validity (element 4: version, serial, sig, issuer, validity)."""

    def edit(elements):
        validity = tlv(0x30, not_before + not_after)
        return elements[:4] + [validity] + elements[5:]

    return edit


def utc_time(text):
    return tlv(0x17, text.encode("ascii"))


def generalized_time(text):
    return tlv(0x18, text.encode("ascii"))


def with_san_der(san_value):
    """An edit that replaces the subjectAltName extension's value with `san_value`."""
    san_oid = tlv(0x06, bytes([0x55, 0x1D, 0x11]))

    def edit(elements):
        out = []
        for element in elements:
            if element[0] == 0xA3:  # [3] extensions
                exts = children(content(content(element)))
                # Keep the oid and the critical flag; replace the OCTET STRING (the last member).
                exts = [
                    tlv(0x30, b"".join(children(content(e))[:-1]) + tlv(0x04, san_value))
                    if children(content(e))[0] == san_oid
                    else e
                    for e in exts
                ]
                element = tlv(0xA3, tlv(0x30, b"".join(exts)))
            out.append(element)
        return out

    return edit


# --- the certificates ------------------------------------------------------------------------

CA_NAME = x509.Name(
    [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Preflight Lints"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Preflight Lints Test CA"),
    ]
)


def ca_certificate(k):
    builder = (
        x509.CertificateBuilder()
        .subject_name(CA_NAME)
        .issuer_name(CA_NAME)
        .public_key(k["ca"].public_key())
        .serial_number(0x1A0)
        .not_valid_before(day("2015-01-01"))
        .not_valid_after(day("2045-01-01"))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        # Key identifiers as RFC 5280 4.2.1.1-2 require them, so that a case fires only the
        # lint it is about (path validation's cert.key_identifier stays quiet).
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(k["ca"].public_key()), critical=False)
    )
    return builder.sign(k["ca"], hashes.SHA256())


DEFAULT_NAMES = ["www.example.com"]
SERVER_AUTH = [ExtendedKeyUsageOID.SERVER_AUTH]
KU_SIGN = dict(digital_signature=True)


def key_usage(**bits):
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(*[bits.get(n, False) for n in names])


def leaf(
    k,
    serial,
    *,
    not_before="2026-01-01",
    days=90,
    cn="www.example.com",
    names=None,
    ips=(),
    eku=SERVER_AUTH,
    eku_critical=False,
    ku=KU_SIGN,
    key="ec",
    org=None,
):
    names = DEFAULT_NAMES if names is None else names
    start = day(not_before)
    subject = [x509.NameAttribute(NameOID.COMMON_NAME, cn, _validate=False)] if cn is not None else []
    if org is not None:
        subject.insert(0, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(subject))
        .issuer_name(CA_NAME)
        .public_key(k[key].public_key())
        .serial_number(serial)
        .not_valid_before(start)
        # The validity period runs from notBefore through notAfter inclusive (BR 1.6.1): a
        # certificate "valid for N days" ends one second before N days have passed.
        .not_valid_after(start + days * DAY - SECOND)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(k["ca"].public_key()), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(k[key].public_key()), critical=False)
    )
    general = [x509.DNSName(n) for n in names] + [
        x509.IPAddress(__import__("ipaddress").ip_address(ip)) for ip in ips
    ]
    if general:
        # RFC 5280 4.2.1.6: with an empty subject the subjectAltName MUST be critical.
        builder = builder.add_extension(x509.SubjectAlternativeName(general), critical=not subject)
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    if ku is not None:
        builder = builder.add_extension(key_usage(**ku), critical=True)
    return builder.sign(k["ca"], hashes.SHA256())


def cases(k):
    """(file stem, certificate, now, audience, rules that must fire, rules that must not)."""
    out = []

    def add(stem, cert, fires, absent=(), now=None, audience="public"):
        now = now or cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ").replace(
            "00:00:00Z", "12:00:00Z"
        )
        out.append((stem, cert, now, audience, list(fires), list(absent)))

    serial = iter(range(0x1000, 0x2000))
    n = lambda: next(serial)  # noqa: E731

    # Validity by issuance date (notBefore): each limit at N-1, N, N+1 days.
    limits = [
        ("398", "2020-09-01", 398, "cert.validity_too_long"),
        ("200", "2026-03-15", 200, "cert.validity_br_limit"),
        ("100", "2027-03-15", 100, "cert.validity_br_limit"),
        ("47", "2029-03-15", 47, "cert.validity_br_limit"),
    ]
    family = ["cert.validity_too_long", "cert.validity_br_limit", "cert.validity_near_limit"]
    for label, start, limit, over in limits:
        below = [r for r in family]
        add(f"validity-{label}-minus1", leaf(k, n(), not_before=start, days=limit - 1), [], below)
        add(
            f"validity-{label}-exact",
            leaf(k, n(), not_before=start, days=limit),
            ["cert.validity_near_limit"],
            [over],
        )
        add(
            f"validity-{label}-plus1",
            leaf(k, n(), not_before=start, days=limit + 1),
            [over],
            ["cert.validity_near_limit"],
        )
    # The day before a limit takes effect, the earlier one applies: one day over the new
    # limit passes.
    for label, start, limit, _ in limits:
        before = (day(start) - DAY).strftime("%Y-%m-%d")
        add(
            f"validity-{label}-before-effective",
            leaf(k, n(), not_before=before, days=limit + 1),
            [],
            family,
        )
    add(
        "validity-398-private",
        leaf(k, n(), not_before="2020-09-01", days=399),
        [],
        family,
        audience="private",
    )

    # Labels: 63 and 64 characters.
    add("label-63", leaf(k, n(), names=["a" * 63 + ".example.com"], cn=None), [], ["cert.dns_label_too_long"])
    add("label-64", leaf(k, n(), names=["a" * 64 + ".example.com"], cn=None), ["cert.dns_label_too_long"])
    long_name = ".".join(["a" * 50] + ["a" * 49] * 4) + ".com"  # 254 characters
    assert len(long_name) == 254
    add("name-254", leaf(k, n(), names=[long_name], cn=None), ["cert.dns_name_too_long"])

    # Underscores: subdomain label (forbidden from 2019-04-30), registered domain label (never).
    add("underscore-subdomain", leaf(k, n(), names=["a_b.example.com"], cn=None), ["cert.dns_underscore"])
    add(
        "underscore-subdomain-2019-03",
        leaf(k, n(), names=["a_b.example.com"], cn=None, not_before="2019-03-01", days=30),
        [],
        ["cert.dns_underscore"],
    )
    add("underscore-registered", leaf(k, n(), names=["ex_ample.com"], cn=None), ["cert.dns_underscore"])

    # Wildcards: the whole leftmost label only.
    add("wildcard-left", leaf(k, n(), names=["*.example.com"], cn=None), [], ["cert.wildcard_invalid", "cert.wildcard_bare"])
    add("wildcard-partial", leaf(k, n(), names=["w*.example.com"], cn=None), ["cert.wildcard_invalid"])
    add("wildcard-middle", leaf(k, n(), names=["www.*.example.com"], cn=None), ["cert.wildcard_invalid"])
    add("wildcard-double", leaf(k, n(), names=["*.*.example.com"], cn=None), ["cert.wildcard_invalid"])
    add("wildcard-bare", leaf(k, n(), names=["*"], cn=None), ["cert.wildcard_bare"])

    # Syntax.
    add("dns-space", leaf(k, n(), names=["a b.example.com"], cn=None), ["cert.dns_name_invalid"])
    add("dns-leading-period", leaf(k, n(), names=[".example.com"], cn=None), ["cert.dns_name_invalid"])
    add("dns-empty-label", leaf(k, n(), names=["a..example.com"], cn=None), ["cert.dns_name_invalid"])
    add("dns-hyphen-edge", leaf(k, n(), names=["-a.example.com"], cn=None), ["cert.dns_hyphen"])
    add("dns-reserved-label", leaf(k, n(), names=["ab--cd.example.com"], cn=None), ["cert.dns_reserved_label"])
    add("dns-punycode", leaf(k, n(), names=["xn--mnchen-3ya.example.com"], cn=None), [], ["cert.dns_reserved_label"])
    add("dns-internal", leaf(k, n(), names=["intranet"], cn=None), ["cert.internal_name"])
    add("dns-internal-corp", leaf(k, n(), names=["files.corp"], cn=None), ["cert.internal_name"])
    add("dns-empty-entry", leaf(k, n(), names=["", "www.example.com"], cn=None), ["cert.san_empty_entry"])
    add("dns-duplicate", leaf(k, n(), names=["www.example.com", "WWW.example.com"], cn=None), ["cert.san_duplicate"])

    # Common name.
    add("cn-not-in-san", leaf(k, n(), cn="other.example.com"), ["cert.cn_not_in_san", "cert.cn_present"])
    add("cn-in-san", leaf(k, n()), ["cert.cn_present"], ["cert.cn_not_in_san"])
    add("cn-65", leaf(k, n(), cn="c" * 53 + ".example.com", names=["c" * 53 + ".example.com"]), ["cert.cn_too_long"])
    add("cn-64", leaf(k, n(), cn="c" * 52 + ".example.com", names=["c" * 52 + ".example.com"]), [], ["cert.cn_too_long"])
    add("cn-private", leaf(k, n(), cn="other.example.com"), [], ["cert.cn_not_in_san", "cert.cn_present"], audience="private")

    # IP addresses.
    add("ip-private", leaf(k, n(), names=[], ips=["10.0.0.1"], cn=None), ["cert.ip_reserved"])
    add("ip-public", leaf(k, n(), names=[], ips=["8.8.8.8"], cn=None), [], ["cert.ip_reserved"])
    add("ip-v6-ula", leaf(k, n(), names=[], ips=["fd00::1"], cn=None), ["cert.ip_reserved"])
    add("ip-cn-private", leaf(k, n(), names=["192.168.1.1"], cn="192.168.1.1"), ["cert.ip_reserved"])

    # Extended key usage.
    add("eku-missing", leaf(k, n(), eku=None), ["cert.eku_missing"])
    add(
        "eku-extra",
        leaf(k, n(), eku=SERVER_AUTH + [ExtendedKeyUsageOID.CODE_SIGNING]),
        ["cert.eku_extra"],
    )
    add("eku-client-auth", leaf(k, n(), eku=SERVER_AUTH + [ExtendedKeyUsageOID.CLIENT_AUTH]), [], ["cert.eku_extra"])
    add("eku-critical", leaf(k, n(), eku_critical=True), ["cert.eku_critical"])

    # Key usage for the key type.
    add("ku-ec-key-encipherment", leaf(k, n(), ku=dict(digital_signature=True, key_encipherment=True)), ["cert.key_usage_for_key_type"])
    add("ku-rsa-key-agreement", leaf(k, n(), key="rsa", ku=dict(digital_signature=True, key_agreement=True)), ["cert.key_usage_for_key_type"])
    add("ku-rsa-both", leaf(k, n(), key="rsa", ku=dict(digital_signature=True, key_encipherment=True)), [], ["cert.key_usage_for_key_type", "cert.key_usage_no_signature"])
    add("ku-ed25519-agreement", leaf(k, n(), key="ed25519", ku=dict(digital_signature=True, key_agreement=True)), ["cert.key_usage_for_key_type", "cert.key_not_for_browsers"])
    add("ku-rsa-encipherment-only", leaf(k, n(), key="rsa", ku=dict(key_encipherment=True)), ["cert.key_usage_no_signature"])
    add(
        "ku-rsa-encipherment-only-private",
        leaf(k, n(), key="rsa", ku=dict(key_encipherment=True)),
        ["cert.key_usage_no_signature"],
        audience="private",
    )
    add("ku-cert-sign", leaf(k, n(), ku=dict(digital_signature=True, key_cert_sign=True)), ["cert.key_usage_ca_bits"])

    # Time encodings (RFC 5280 4.1.2.5), rewritten in the DER.
    base = leaf(k, n(), not_before="2026-01-01", days=90)
    add(
        "time-generalized-fraction",
        resign(base, k["ca"], with_validity(utc_time("260101000000Z"), generalized_time("20260331235959.5Z"))),
        ["cert.time_rejected"],
    )
    add(
        "time-generalized-fraction-private",
        resign(base, k["ca"], with_validity(utc_time("260101000000Z"), generalized_time("20260331235959.5Z"))),
        ["cert.time_rejected"],
        audience="private",
    )
    # A GeneralizedTime whose fraction has no digits ("59.Z", which x509-parser reads): the
    # facts show the time without an empty fraction (issue 27: the fraction's guards were
    # unpinned).
    add(
        "time-generalized-empty-fraction",
        resign(base, k["ca"], with_validity(utc_time("260101000000Z"), generalized_time("20260331235959.Z"))),
        ["cert.time_rejected"],
    )
    add(
        "time-generalized-before-2050",
        resign(base, k["ca"], with_validity(generalized_time("20260101000000Z"), utc_time("260331235959Z"))),
        ["cert.time_encoding"],
        ["cert.time_rejected"],
    )
    # rustls-webpki cannot parse a UTCTime without seconds (BadDerTime): an error whatever the
    # audience (issue 26, found by tests/webpki_differential.rs).
    add(
        "time-utc-no-seconds",
        resign(base, k["ca"], with_validity(utc_time("2601010000Z"), utc_time("260331235959Z"))),
        ["cert.time_rejected"],
        ["cert.time_encoding"],
    )
    add(
        "time-utc-no-seconds-private",
        resign(base, k["ca"], with_validity(utc_time("2601010000Z"), utc_time("260331235959Z"))),
        ["cert.time_rejected"],
        ["cert.time_encoding"],
        audience="private",
    )
    add("time-correct", base, [], ["cert.time_encoding", "cert.time_rejected"])

    # subjectAltName encodings: a dNSName that is not an IA5String (issue 19, item 4), and an
    # extension with no entry.
    not_ia5 = tlv(0x30, tlv(0x82, "bücher.example.com".encode("utf-8")))
    add(
        "san-dns-not-ia5",
        resign(leaf(k, n(), cn=None), k["ca"], with_san_der(not_ia5)),
        ["cert.san_malformed"],
        ["cert.no_san"],
    )
    add(
        "san-dns-not-ia5-private",
        resign(leaf(k, n(), cn=None), k["ca"], with_san_der(not_ia5)),
        ["cert.san_malformed"],
        ["cert.no_san"],
        audience="private",
    )
    five_octets = tlv(0x30, tlv(0x82, b"www.example.com") + tlv(0x87, bytes([192, 0, 2, 1, 7])))
    add(
        "san-ip-five-octets",
        resign(leaf(k, n(), cn=None), k["ca"], with_san_der(five_octets)),
        ["cert.ip_malformed"],
    )
    add("san-empty", resign(leaf(k, n()), k["ca"], with_san_der(tlv(0x30, b""))), ["cert.san_empty"])
    add("san-missing", leaf(k, n(), names=[]), ["cert.no_san"], ["cert.san_empty"])

    # Key types browsers do not take.
    add("key-ed25519", leaf(k, n(), key="ed25519"), ["cert.key_not_for_browsers"])
    add("key-ed25519-private", leaf(k, n(), key="ed25519"), [], ["cert.key_not_for_browsers"], audience="private")
    add("key-rsa", leaf(k, n(), key="rsa", ku=dict(digital_signature=True, key_encipherment=True)), [], ["cert.key_not_for_browsers"])
    # Appended last, so the serials of the cases above stay as they were. Public suffix list (feature public-suffix): ICANN suffixes for any audience (Chrome),
    # PRIVATE ones for the public audience only (BR 3.2.2.6).
    add("wildcard-suffix-com", leaf(k, n(), names=["*.com"], cn=None), ["cert.wildcard_public_suffix"], ["cert.internal_name"])
    add("wildcard-suffix-co-uk", leaf(k, n(), names=["*.co.uk"], cn=None), ["cert.wildcard_public_suffix"])
    add("wildcard-suffix-co-uk-private", leaf(k, n(), names=["*.co.uk"], cn=None), ["cert.wildcard_public_suffix"], audience="private")
    add("wildcard-suffix-private-section", leaf(k, n(), names=["*.s3.amazonaws.com"], cn=None), ["cert.wildcard_public_suffix"])
    add("wildcard-suffix-private-section-private", leaf(k, n(), names=["*.s3.amazonaws.com"], cn=None), [], ["cert.wildcard_public_suffix"], audience="private")
    add("wildcard-under-suffix", leaf(k, n(), names=["*.example.co.uk"], cn=None), [], ["cert.wildcard_public_suffix"])
    # Appended last too (issue 27, mutation testing): cert.eku_extra names each well-known
    # purpose and shows an unknown one as its OID; cRLSign alone in a leaf is a Baseline
    # Requirements warning for the public audience and nothing for a private one.
    named = [
        ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
        ExtendedKeyUsageOID.EMAIL_PROTECTION,
        ExtendedKeyUsageOID.TIME_STAMPING,
        ExtendedKeyUsageOID.OCSP_SIGNING,
        x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4"),
        x509.ObjectIdentifier("1.2.3.4"),
    ]
    add("eku-extra-named", leaf(k, n(), eku=SERVER_AUTH + named), ["cert.eku_extra"])
    add("ku-crl-sign", leaf(k, n(), ku=dict(digital_signature=True, crl_sign=True)), ["cert.key_usage_ca_bits"])
    add(
        "ku-crl-sign-private",
        leaf(k, n(), ku=dict(digital_signature=True, crl_sign=True)),
        [],
        ["cert.key_usage_ca_bits"],
        audience="private",
    )
    # A keyUsage without digitalSignature names keyEncipherment's TLS 1.2-only use for an RSA
    # key that has it, and for no other key.
    add("ku-ec-agreement-only", leaf(k, n(), ku=dict(key_agreement=True)), ["cert.key_usage_no_signature"])
    add(
        "ku-rsa-agreement-only",
        leaf(k, n(), key="rsa", ku=dict(key_agreement=True)),
        ["cert.key_usage_no_signature", "cert.key_usage_for_key_type"],
    )
    # dataEncipherment in an RSA leaf is "not recommended" by BR 7.1.2.7.11 (pkilint:
    # subscriber_discouraged_ku_present), not forbidden: no cert.key_usage_for_key_type.
    add(
        "ku-rsa-data-encipherment",
        leaf(k, n(), key="rsa", ku=dict(digital_signature=True, data_encipherment=True)),
        [],
        ["cert.key_usage_for_key_type", "cert.key_usage_no_signature"],
    )
    # An address in the CN is among the SANs when an iPAddress entry has that text; a host name
    # in the CN is not matched by an address entry (issue 27).
    add("cn-ip-in-san", leaf(k, n(), names=[], ips=["8.8.8.8"], cn="8.8.8.8"), ["cert.cn_present"], ["cert.cn_not_in_san"])
    add(
        "cn-dns-beside-ip",
        leaf(k, n(), names=["api.example.com"], ips=["8.8.8.8"], cn="www.example.com"),
        ["cert.cn_not_in_san"],
    )
    # DNS names at their edges (issue 27): 253 characters is the longest name (RFC 1035); a
    # wildcard under an internal top-level domain is still an internal name; a reserved label
    # other than xn-- is refused even when the rest would decode as punycode.
    longest = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 57, "com"])
    add("dns-253", leaf(k, n(), names=[longest], cn=None), [], ["cert.dns_name_too_long"])
    add("dns-254", leaf(k, n(), names=["e" + longest], cn=None), ["cert.dns_name_too_long"])
    add("wildcard-internal", leaf(k, n(), names=["*.files.corp"], cn=None), ["cert.internal_name"])
    add(
        "dns-reserved-label-punycode-tail",
        leaf(k, n(), names=["ab--bcher-kva.example.com"], cn=None),
        ["cert.dns_reserved_label"],
    )
    # A subject without a common name is shown as the subject, not as empty (issue 27).
    add(
        "subject-without-cn",
        leaf(k, n(), cn=None, org="Preflight Test", eku=SERVER_AUTH + [ExtendedKeyUsageOID.CODE_SIGNING]),
        ["cert.eku_extra"],
    )
    return out


def render(k):
    """{relative path: bytes} of every file the generator owns (keys aside)."""
    ca = ca_certificate(k)
    files = {"ca.pem": ca.public_bytes(serialization.Encoding.PEM)}
    manifest = []
    for stem, cert, now, audience, fires, absent in cases(k):
        files[f"{stem}.pem"] = cert.public_bytes(serialization.Encoding.PEM)
        manifest.append(
            {"case": stem, "certificate": f"certs/lints/{stem}.pem", "now": now, "audience": audience, "fires": fires, "absent": absent}
        )
    files["cases.json"] = (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def main():
    # The over-long common name (cn-65) is written on purpose.
    warnings.simplefilter("ignore", UserWarning)
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit(__doc__)
    if check and not os.path.isdir(os.path.join(OUT, "keys")):
        sys.exit("gen-testdata-lints.py --check: no keys in testdata/certs/lints/keys")
    files = render(keys())
    stale = []
    for name, data in sorted(files.items()):
        path = os.path.join(OUT, name)
        old = open(path, "rb").read() if os.path.exists(path) else None
        if old != data:
            stale.append(name)
            if not check:
                with open(path, "wb") as f:
                    f.write(data)
    if check and stale:
        sys.exit("gen-testdata-lints.py --check: out of date: " + ", ".join(stale))
    print(f"{len(files)} files, {len(stale)} {'stale' if check else 'written'}")


if __name__ == "__main__":
    main()
