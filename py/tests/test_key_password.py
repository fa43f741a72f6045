"""An encrypted private key opened with ``key_password`` (issue 22, item 3): each form openssl
writes (testdata/keyconv/encrypted, gen.sh there) gives the CLI's report with
``--key-password-file``; a wrong password is ``key.wrong_password``, none ``key.encrypted`` as
before, a scheme not implemented ``key.encryption_unsupported``; the password and the key never
appear in a report, its ``repr`` or an exception."""

from __future__ import annotations

import json
import subprocess
from typing import Any, List

import pytest

import cert_preflight
from conftest import NOW, TESTDATA, cli_binary

ENCRYPTED = TESTDATA / "keyconv/encrypted"
PASSWORD_FILE = ENCRYPTED / "password.txt"
PASSWORD = PASSWORD_FILE.read_text().rstrip("\r\n")

# (encrypted key, bundle, expected key rules)
CASES = [
    ("rsa-pkcs8-aes256-sha256.key", "certs/rsa/fullchain.pem", ["key.encrypted"]),
    ("rsa-pkcs8-des3.key", "certs/rsa/fullchain.pem", ["key.encrypted"]),
    ("ec-pkcs8-aes192.key", "certs/ec-p256/fullchain.pem", ["key.encrypted"]),
    ("rsa-legacy-aes256.key", "certs/rsa/fullchain.pem", ["key.encrypted"]),
    ("ec-legacy-aes192.key", "certs/ec-p256/fullchain.pem", ["key.encrypted"]),
    ("ec-pkcs8-pbe-sha1-3des.key", "certs/ec-p256/fullchain.pem", ["key.encryption_unsupported"]),
]


def key_rules(report: Any) -> List[str]:
    return [d.rule for d in report.diagnostics if d.rule.startswith("key.")]


def key_lines(text: str) -> List[str]:
    return [line for line in text.splitlines() if len(line) >= 16 and not line.startswith("-----") and ":" not in line]


def assert_no_secrets(text: str, key_text: str) -> None:
    assert PASSWORD not in text
    for line in key_lines(key_text):
        assert line not in text


def cli_json(*args: str) -> Any:
    run = subprocess.run(
        [str(cli_binary()), *args, "--now", NOW, "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    assert_no_secrets(run.stdout.decode() + run.stderr.decode(), "")
    return json.loads(run.stdout)


@pytest.mark.parametrize("key_file,bundle,rules", CASES)
def test_key_password_gives_the_cli_report(key_file: str, bundle: str, rules: List[str]) -> None:
    key = ENCRYPTED / key_file
    pem = TESTDATA / bundle
    got = cert_preflight.check_certificate_file(pem, key, key_password=PASSWORD, now=NOW)
    assert key_rules(got) == rules
    if rules == ["key.encrypted"]:
        message = next(d.message for d in got.diagnostics if d.rule == "key.encrypted")
        assert "decrypted with the key password given" in message
    want = cli_json("cert", str(pem), "--key", str(key), "--key-password-file", str(PASSWORD_FILE))
    assert got.to_dict() == want
    key_text = key.read_text()
    assert_no_secrets(json.dumps(got.to_dict()) + repr(got), key_text)


def test_wrong_and_missing_key_passwords() -> None:
    key = (ENCRYPTED / "ec-legacy-des3.key").read_text()
    pem = (TESTDATA / "certs/ec-p256/fullchain.pem").read_text()
    wrong = cert_preflight.check_certificate(pem, key=key, key_password="Tr0ub4dor&3", now=NOW)
    assert key_rules(wrong) == ["key.wrong_password"]
    assert "Tr0ub4dor&3" not in json.dumps(wrong.to_dict()) + repr(wrong)
    none = cert_preflight.check_certificate(pem, key=key, now=NOW)
    assert key_rules(none) == ["key.encrypted"]
    assert "decrypted" not in json.dumps(none.to_dict())


def test_key_password_must_be_a_str_and_is_not_echoed() -> None:
    pem = (TESTDATA / "certs/rsa/fullchain.pem").read_text()
    with pytest.raises(TypeError) as raised:
        cert_preflight.check_certificate(pem, key_password=b"s3cret-bytes", now=NOW)  # type: ignore[arg-type]
    assert "key_password" in str(raised.value)
    assert "s3cret" not in str(raised.value)
