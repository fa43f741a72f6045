#!/usr/bin/env python3
"""Generate src/trust/mozilla_roots.rs, the compact table of Mozilla's root store.

    python3 scripts/gen-roots.py                 write the table
    python3 scripts/gen-roots.py --check         exit 1 when the committed table differs
    python3 scripts/gen-roots.py --cacert FILE   write the store's PEM bundle to FILE

Source: certifi's cacert.pem, which is Mozilla's root store (the roots trusted for TLS server
authentication), published as a package whose version is the store's date. The wheel's version
and SHA-256 are pinned in gen-roots.requirements.txt; the script downloads that wheel with pip
(--require-hashes) and reads cacert.pem from it, never from an installed certifi, whose copy a
machine may have changed (a proxy's CA appended to it, for one).

The table holds one 8-byte key per root: the first 8 bytes of SHA-256 over the root's subject
name DER followed by its subjectKeyIdentifier bytes. A certificate is a store root when its own
subject and key identifier give a key in the table, and it was issued by one when its issuer
name and Authority Key Identifier do. For a root without a subjectKeyIdentifier there are two
keys: with no identifier (children without an AKI) and with the SHA-1 of its public key bits
(RFC 5280 4.2.1.2 method 1, what CAs put in their children's AKI). The root's key is not
shipped (it would be 60 KB), so signatures by store roots are not verified.

Standard library and pip only: the DER is walked here, as the Rust side reads it.
"""
import base64
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REQUIREMENTS = Path(__file__).parent / "gen-roots.requirements.txt"
PINNED = REQUIREMENTS.read_text()
OUT = Path(__file__).resolve().parent.parent / "src" / "trust" / "mozilla_roots.rs"
SKI_OID = bytes.fromhex("0603551d0e")  # OBJECT IDENTIFIER 2.5.29.14


def tlv(der, pos):
    """(tag, start of content, end of element) of the DER element at pos."""
    tag = der[pos]
    first = der[pos + 1]
    if first < 0x80:
        return tag, pos + 2, pos + 2 + first
    n = first & 0x7F
    length = int.from_bytes(der[pos + 2 : pos + 2 + n], "big")
    return tag, pos + 2 + n, pos + 2 + n + length


def children(der, start, end):
    pos = start
    while pos < end:
        tag, content, nxt = tlv(der, pos)
        yield tag, pos, content, nxt
        pos = nxt


def root_fields(der):
    """(subject DER, subjectPublicKey bits, subjectKeyIdentifier or None) of a certificate."""
    _, cert_content, _ = tlv(der, 0)
    _, tbs_content, tbs_end = tlv(der, cert_content)
    fields = list(children(der, tbs_content, tbs_end))
    if fields[0][0] == 0xA0:  # [0] version
        fields = fields[1:]
    # serial, signature, issuer, validity, subject, subjectPublicKeyInfo, ...
    _, subj_pos, _, subj_end = fields[4]
    _, _, spki_content, spki_end = fields[5]
    spki_parts = list(children(der, spki_content, spki_end))
    _, _, bits_content, bits_end = spki_parts[1]
    key_bits = der[bits_content + 1 : bits_end]  # after the unused-bits byte
    ski = None
    for tag, _, content, end in fields[6:]:
        if tag != 0xA3:  # [3] extensions
            continue
        _, seq_content, seq_end = tlv(der, content)
        for _, ext_pos, ext_content, ext_end in children(der, seq_content, seq_end):
            parts = list(children(der, ext_content, ext_end))
            if der[parts[0][1] : parts[0][3]] != SKI_OID:
                continue
            _, _, octets_content, _ = parts[-1]  # extnValue OCTET STRING
            _, id_content, id_end = tlv(der, octets_content)  # KeyIdentifier OCTET STRING
            ski = der[id_content:id_end]
    return der[subj_pos:subj_end], key_bits, ski


def key(subject, key_id):
    return hashlib.sha256(subject + key_id).digest()[:8]


def pinned_cacert():
    """(certifi version, cacert.pem text) from the pinned wheel, checked against its hash."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
             "--require-hashes", "-r", str(REQUIREMENTS), "-d", tmp],
            check=True,
        )
        (wheel,) = Path(tmp).glob("certifi-*.whl")
        with zipfile.ZipFile(wheel) as z:
            pem = z.read("certifi/cacert.pem").decode("ascii")
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            version = re.search(r"^Version: (\S+)$", z.read(meta).decode(), re.M).group(1)
    return version, pem


def main():
    version, pem = pinned_cacert()
    if "--cacert" in sys.argv[1:]:
        Path(sys.argv[sys.argv.index("--cacert") + 1]).write_text(pem, encoding="ascii")
        return
    ders = [base64.b64decode("".join(m.group(1).split()))
            for m in re.finditer(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem, re.S)]
    keys = set()
    for der in ders:
        subject, key_bits, ski = root_fields(der)
        if ski is None:
            keys.add(key(subject, b""))
            keys.add(key(subject, hashlib.sha1(key_bits).digest()))
        else:
            keys.add(key(subject, ski))
    year, month, day = (int(p) for p in version.split("."))
    version = f"{year:04}.{month:02}.{day:02}"  # as certifi writes it
    date = f"{year:04}-{month:02}-{day:02}"
    rows = "\n".join(f"    0x{k.hex()}," for k in sorted(keys))
    text = f"""//! Mozilla's root store as match keys. Generated by scripts/gen-roots.py from certifi
//! {version} ({len(ders)} roots); do not edit: regenerate (scripts/test.sh checks it is current).

/// The store's date: certifi's version, the day its copy of Mozilla's store was published.
pub(crate) const STORE_DATE: &str = "{date}";

/// Where the table comes from, for the report.
pub(crate) const STORE_SOURCE: &str = "Mozilla root store (certifi {version}, {len(ders)} roots)";

/// Per root (a root without a subjectKeyIdentifier has two), sorted: the first 8 bytes of SHA-256 over subject name DER ++ subjectKeyIdentifier,
/// as a big-endian integer.
pub(crate) static ROOT_KEYS: [u64; {len(keys)}] = [
{rows}
];
"""
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="ascii") != text:
            sys.exit(f"gen-roots.py: {OUT} differs from what the script makes from certifi {version}: "
                     "run python3 scripts/gen-roots.py and commit the result")
        print(f"gen-roots.py: {OUT.name} is current ({len(ders)} roots, certifi {version})")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="ascii")
    print(f"gen-roots.py: wrote {OUT} ({len(ders)} roots, {len(keys)} keys, certifi {version})")


if __name__ == "__main__":
    main()
