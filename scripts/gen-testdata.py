#!/usr/bin/env python3
"""Helpers for scripts/gen-testdata.sh: byte-level PEM manipulations that openssl cannot do.

Standard library only. Usage: gen-testdata.py COMMAND ARGS...

  forge IN OUT              first certificate of IN with one signature byte flipped
  truncate IN OUT           first PEM block of IN cut in the middle, no END line
  bad-base64 IN OUT         first PEM block of IN with a '!' inside the base64
  mismatched-labels IN OUT  first certificate of IN as BEGIN CERTIFICATE ... END PRIVATE KEY
  forms IN DIR              IN (a chain) as crlf/bom/one-line/wrapped-76/blank-lines .pem
  rewrap IN OUT             any PEM (also the one-line form) as normal 64-column PEM
  facts DIR OUT             facts.json: what openssl says about every certificate in DIR
"""
import base64
import datetime
import json
import os
import re
import subprocess
import sys

BLOCK = re.compile(
    r"-----BEGIN ([A-Z0-9 ]+)-----\s*([A-Za-z0-9+/=\s]*?)\s*-----END \1-----", re.S
)


def blocks(path):
    """(label, der) for every PEM block in the file."""
    text = open(path, encoding="ascii").read()
    out = [(m.group(1), base64.b64decode("".join(m.group(2).split()))) for m in BLOCK.finditer(text)]
    if not out:
        sys.exit(f"gen-testdata.py: no PEM block in {path}")
    return out


def b64_lines(der, width=64):
    b = base64.b64encode(der).decode("ascii")
    return [b[i : i + width] for i in range(0, len(b), width)]


def pem(label, der, width=64, nl="\n"):
    lines = [f"-----BEGIN {label}-----", *b64_lines(der, width), f"-----END {label}-----"]
    return nl.join(lines) + nl


def write(path, text, bom=False):
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(text.encode("ascii"))


def der_len(der, pos):
    """Length and header size of the DER element starting at pos."""
    first = der[pos + 1]
    if first < 0x80:
        return first, 2
    n = first & 0x7F
    return int.from_bytes(der[pos + 2 : pos + 2 + n], "big"), 2 + n


def forge(src, dst):
    label, der = blocks(src)[0]
    # Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
    # The BIT STRING is the last element, so its content is the tail of the DER. Walk the
    # outer SEQUENCE to find it rather than trusting the tail blindly.
    total, hdr = der_len(der, 0)
    assert der[0] == 0x30 and hdr + total == len(der)
    pos = hdr
    last = None
    while pos < len(der):
        n, h = der_len(der, pos)
        last = (pos, h, n)
        pos += h + n
    start, h, n = last
    assert der[start] == 0x03, "last element is not a BIT STRING"
    # content = unused-bits byte, then the signature; flip a byte in the middle of it
    i = start + h + 1 + (n - 1) // 2
    forged = bytearray(der)
    forged[i] ^= 0xFF
    write(dst, pem(label, bytes(forged)))


def truncate(src, dst):
    label, der = blocks(src)[0]
    lines = b64_lines(der)
    half = len(lines) // 2
    # cut in the middle of a line too, so that the base64 length is not a multiple of 4
    text = "\n".join([f"-----BEGIN {label}-----", *lines[:half], lines[half][:37]]) + "\n"
    write(dst, text)


def bad_base64(src, dst):
    label, der = blocks(src)[0]
    lines = b64_lines(der)
    mid = len(lines) // 2
    line = lines[mid]
    lines[mid] = line[:20] + "!" + line[21:]
    write(dst, "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + "\n")


def mismatched_labels(src, dst):
    _label, der = blocks(src)[0]
    write(dst, "\n".join(["-----BEGIN CERTIFICATE-----", *b64_lines(der), "-----END PRIVATE KEY-----"]) + "\n")


def forms(src, outdir):
    chain = blocks(src)
    normal = "".join(pem(label, der) for label, der in chain)
    write(f"{outdir}/crlf.pem", "".join(pem(label, der, nl="\r\n") for label, der in chain))
    write(f"{outdir}/bom.pem", normal, bom=True)
    write(
        f"{outdir}/one-line.pem",
        "".join(
            f"-----BEGIN {label}-----{base64.b64encode(der).decode()}-----END {label}-----"
            for label, der in chain
        ),
    )
    write(f"{outdir}/wrapped-76.pem", "".join(pem(label, der, width=76) for label, der in chain))
    parts = []
    for label, der in chain:
        lines = b64_lines(der)
        mid = len(lines) // 2
        lines = [f"-----BEGIN {label}-----", *lines[:mid], "", *lines[mid:], f"-----END {label}-----"]
        parts.append("\n".join(lines) + "\n")
    write(f"{outdir}/blank-lines.pem", "\n\n".join(parts))


def rewrap(src, dst):
    write(dst, "".join(pem(label, der) for label, der in blocks(src)))


def openssl_facts(der):
    def run(*args):
        r = subprocess.run(
            ["openssl", "x509", "-inform", "DER", "-noout", *args],
            input=der, capture_output=True, check=True,
        )
        return r.stdout.decode().strip()

    def fp(alg):
        colon = run("-fingerprint", "-" + alg).split("=", 1)[1]
        return {"colon": colon, "hex": colon.replace(":", "").lower()}

    def when(opt):
        text = run(opt).split("=", 1)[1]  # e.g. "Nov 17 13:25:47 2045 GMT"
        t = datetime.datetime.strptime(text, "%b %d %H:%M:%S %Y GMT").replace(tzinfo=datetime.timezone.utc)
        return {"rfc3339": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "epoch_ms": int(t.timestamp()) * 1000}

    return {
        "subject": run("-subject", "-nameopt", "RFC2253").split("=", 1)[1],
        "issuer": run("-issuer", "-nameopt", "RFC2253").split("=", 1)[1],
        "serial": run("-serial").split("=", 1)[1],
        "not_before": when("-startdate"),
        "not_after": when("-enddate"),
        "sha1": fp("sha1"),
        "sha256": fp("sha256"),
    }


def facts(root, dst):
    """For every file with certificates: its certificates, in file order. Excluded: broken/ (not
    readable on purpose), and foreign/ and curves/, which other scripts make and their own tests
    check (foreign/ holds a commonName OpenSSL 3 refuses to print)."""
    out = {}
    cache = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir.split(os.sep)[0] in ("broken", "foreign", "curves"):
            continue
        for name in sorted(filenames):
            if not name.endswith(".pem"):
                continue
            path = os.path.join(dirpath, name)
            data = open(path, "rb").read().lstrip(b"\xef\xbb\xbf").decode("ascii")
            ders = [
                base64.b64decode("".join(m.group(2).split()))
                for m in BLOCK.finditer(data)
                if m.group(1) == "CERTIFICATE"
            ]
            if not ders:
                continue
            for der in ders:
                if der not in cache:
                    cache[der] = openssl_facts(der)
            out[os.path.relpath(path, root).replace(os.sep, "/")] = [cache[d] for d in ders]
    with open(dst, "w", encoding="ascii") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    cmd, *args = sys.argv[1:]
    {
        "forge": forge,
        "truncate": truncate,
        "bad-base64": bad_base64,
        "mismatched-labels": mismatched_labels,
        "forms": forms,
        "rewrap": rewrap,
        "facts": facts,
    }[cmd](*args)


if __name__ == "__main__":
    main()
