#!/usr/bin/env python3
"""Regenerates the path-search edges in testdata/edges/ (issue 27: cargo-mutants found that no
test reached the bound of the path search, nor a certificate whose key verifies a signature
under another name). The outputs are committed; run this only to change them, from anywhere:

    target/test-venv/bin/python scripts/gen-testdata-search.py [FILE...]

With FILE names (`root-eku-client-auth.pem`), only those are written.

Needs Python's `cryptography` (scripts/test-venv.sh installs it). Keys are P-256, random and not
kept: no test needs them. Every certificate is valid 2026-01-01 .. 2035-12-31, and tests pin the
clock inside that. The leaves are for www.example.com.

same-key-other-name.pem  a leaf; a self-signed CA named otherwise ("Preflight Search Other
                         Name") that holds the leaf issuer's key, so the leaf's signature
                         verifies under it; the issuer; its root. An issuer is found by name
                         and then by key (RFC 5280 6.1.3 (a)(4)): the other name is no path
search-budget-256.pem    a leaf whose issuer's name and key are on several certificates (15,
search-budget-257.pem    resp. 16), each issued by the first of a line of CAs up to one root
                         (16, resp. 15 CAs): as many paths as issuers, and a depth-first
                         search that pops exactly 256 (resp. 257) partial paths. The search
                         stops after 256 (chain.rs MAX_PATH_EXTENSIONS), so it completes on
                         the first and is cut short on the second, before its last path

root-eku-client-auth.pem a leaf, its intermediate (no extended key usage) and a self-signed
                         root whose extended key usage is clientAuth alone: a root is a name
                         and a key to clients (rustls-webpki reads nothing else in a trust
                         anchor), so its EKU bars nothing, unlike an intermediate's

The partial paths the search pops, counted the way chain.rs's best_path pops them: the leaf,
then for each issuer the issuer and every CA above it, 1 + 15 * (1 + 16) = 256 and
1 + 16 * (1 + 15) = 257. Both stay under the search's other bound, 64 paths, and under the
certificate field's 65,536 characters.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OUT = Path(__file__).resolve().parent.parent / "testdata" / "edges"
NOT_BEFORE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
NOT_AFTER = datetime.datetime(2035, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)


def name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Preflight Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def certificate(
    subject: str,
    subject_key: ec.EllipticCurvePrivateKey,
    issuer: str,
    issuer_key: ec.EllipticCurvePrivateKey,
    ca: bool,
    eku: list[x509.ObjectIdentifier] | None = None,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(name(subject))
        .issuer_name(name(issuer))
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName("www.example.com")]), critical=False
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def write(file: str, certs: list[x509.Certificate]) -> None:
    text = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
    (OUT / file).write_bytes(text)


def same_key_other_name() -> None:
    root_key, issuer_key = key(), key()
    root = certificate("Preflight Search Root", root_key, "Preflight Search Root", root_key, True)
    issuer = certificate(
        "Preflight Search Issuing CA", issuer_key, "Preflight Search Root", root_key, True
    )
    other = certificate(
        "Preflight Search Other Name", issuer_key, "Preflight Search Other Name", issuer_key, True
    )
    leaf = certificate("www.example.com", key(), "Preflight Search Issuing CA", issuer_key, False)
    write("same-key-other-name.pem", [leaf, other, issuer, root])


def search_budget(file: str, issuers: int, above: int) -> None:
    """The leaf, `issuers` certificates of its issuer (one name, one key), and the `above` CAs
    "Preflight Search CA 2" up to the root; every issuer is issued by CA 2."""
    keys = {n: key() for n in range(1, above + 2)}

    def ca(n: int) -> str:
        return f"Preflight Search CA {n}"

    top = above + 1
    leaf = certificate("www.example.com", key(), ca(1), keys[1], False)
    same = [certificate(ca(1), keys[1], ca(2), keys[2], True) for _ in range(issuers)]
    line = [
        certificate(ca(n), keys[n], ca(min(n + 1, top)), keys[min(n + 1, top)], True)
        for n in range(2, top + 1)
    ]
    write(file, [leaf, *same, *line])


def root_eku_client_auth() -> None:
    root_key, issuer_key = key(), key()
    root = certificate(
        "Preflight Search EKU Root",
        root_key,
        "Preflight Search EKU Root",
        root_key,
        True,
        eku=[ExtendedKeyUsageOID.CLIENT_AUTH],
    )
    issuer = certificate(
        "Preflight Search EKU Issuing CA", issuer_key, "Preflight Search EKU Root", root_key, True
    )
    leaf = certificate(
        "www.example.com", key(), "Preflight Search EKU Issuing CA", issuer_key, False
    )
    write("root-eku-client-auth.pem", [leaf, issuer, root])


def main() -> None:
    outputs = {
        "same-key-other-name.pem": same_key_other_name,
        "search-budget-256.pem": lambda: search_budget("search-budget-256.pem", issuers=15, above=16),
        "search-budget-257.pem": lambda: search_budget("search-budget-257.pem", issuers=16, above=15),
        "root-eku-client-auth.pem": root_eku_client_auth,
    }
    wanted = sys.argv[1:] or list(outputs)
    for name in wanted:
        if name not in outputs:
            sys.exit(f"gen-testdata-search.py: no output {name}; one of {', '.join(outputs)}")
        outputs[name]()


if __name__ == "__main__":
    main()
