"""An encrypted private key opened with ``key_password`` (issue 22, item 3): each form openssl
writes (testdata/keyconv/encrypted, gen.sh there) gives the CLI's report with
``--key-password-file``; a wrong password is ``key.wrong_password``, none ``key.encrypted`` as
before, a scheme not implemented ``key.encryption_unsupported``; the password and the key never
appear in a report, its ``repr`` or an exception. The same for a request body's key with
``validate_request(..., key_password=)``, whose reports are the CLI's ``request
--key-password-env``."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import cert_preflight
from conftest import NOW, TESTDATA, cli_binary, load_case, resolve_files

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


def cli_json(*args: str, env: Optional[Dict[str, str]] = None) -> Any:
    run = subprocess.run(
        [str(cli_binary()), *args, "--now", NOW, "--format", "json"],
        capture_output=True,
        check=False,
        env=env,
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


# ---- request bodies: validate_request(..., key_password=) ----------------------------------

# An existing case whose body holds an encrypted key in its key field (IAM's
# UploadServerCertificate, ``PrivateKey``), as its own data; then the same body carrying the
# material whose encrypted forms testdata/keyconv holds (testdata/certs/rsa: the leaf, its
# intermediate, the root as the context's trust anchor), so that a decrypted key has a
# certificate to match.
CASE = TESTDATA / "requests/aws.iam.upload-server-certificate/encrypted_key"
REQUEST_CASE: Dict[str, Any] = resolve_files(load_case(Path(f"{CASE}.case.json")))
OPERATION: str = REQUEST_CASE["operation"]
CONTEXT = {"roots": (TESTDATA / "certs/rsa/root.pem").read_text()}

# (encrypted key in the body, the committed plaintext key it holds, or None when unsupported)
REQUEST_CASES = [
    ("rsa-pkcs8-aes256-sha256.key", "certs/rsa/leaf.key"),
    ("rsa-pkcs8-des3.key", "certs/rsa/leaf.key"),
    ("rsa-legacy-aes128.key", "certs/rsa/leaf.pkcs1.key"),
    ("rsa-legacy-aes256.key", "certs/rsa/leaf.pkcs1.key"),
    ("rsa-pkcs8-scrypt.key", None),
    ("rsa-legacy-camellia128.key", None),
]


def body_with(key_file: str) -> Dict[str, Any]:
    body = dict(REQUEST_CASE["body"])
    body["CertificateBody"] = (TESTDATA / "certs/rsa/leaf.pem").read_text()
    body["CertificateChain"] = (TESTDATA / "certs/rsa/intermediate.pem").read_text()
    body["PrivateKey"] = (TESTDATA / key_file).read_text()
    return body


def cli_request(tmp_path: Path, body: Dict[str, Any], password: Optional[str]) -> Any:
    """The command line's report of the same body and context, the password in an environment
    variable (``request --key-password-env``), or none (CERT_PREFLIGHT_KEY_PASSWORD removed, so
    that none is none whatever the shell has)."""
    body_file, context_file = tmp_path / "body.json", tmp_path / "context.json"
    body_file.write_text(json.dumps(body))
    context_file.write_text(json.dumps(CONTEXT))
    env = {k: v for k, v in os.environ.items() if k != "CERT_PREFLIGHT_KEY_PASSWORD"}
    args = ["request", OPERATION, str(body_file), "--context", str(context_file)]
    if password is not None:
        args += ["--key-password-env", "PREFLIGHT_TEST_KEY_PASSWORD"]
        env["PREFLIGHT_TEST_KEY_PASSWORD"] = password
    return cli_json(*args, env=env)


def without_encrypted(report: Dict[str, Any]) -> Dict[str, Any]:
    """A report without its key.encrypted finding and the counts it changes."""
    rest = {k: v for k, v in report.items() if k not in ("valid", "errors")}
    rest["diagnostics"] = [d for d in report["diagnostics"] if d["rule"] != "key.encrypted"]
    return rest


def test_validate_request_without_key_password_gives_the_cases_golden_report() -> None:
    options: Dict[str, Any] = {"context": REQUEST_CASE["context"], "now": REQUEST_CASE["now"]}
    report = cert_preflight.validate_request(OPERATION, REQUEST_CASE["body"], **options)
    want = json.loads(Path(f"{CASE}.expected.json").read_text())
    assert report.to_dict() == want
    # That key is encrypted under another password than keyconv's: given this one, it does not
    # open.
    wrong = cert_preflight.validate_request(
        OPERATION, REQUEST_CASE["body"], key_password=PASSWORD, **options
    )
    assert key_rules(wrong) == ["key.wrong_password"]
    assert_no_secrets(json.dumps(wrong.to_dict()) + repr(wrong), REQUEST_CASE["body"]["PrivateKey"])


@pytest.mark.parametrize("key_file,plain", REQUEST_CASES)
def test_validate_request_key_password_gives_the_cli_report(
    tmp_path: Path, key_file: str, plain: Optional[str]
) -> None:
    body = body_with(f"keyconv/encrypted/{key_file}")
    got = cert_preflight.validate_request(
        OPERATION, body, context=CONTEXT, now=NOW, key_password=PASSWORD
    )
    assert got.to_dict() == cli_request(tmp_path, body, PASSWORD)
    shown = json.dumps(got.to_dict()) + repr(got)
    assert_no_secrets(shown, body["PrivateKey"])
    if plain is None:
        assert key_rules(got) == ["key.encryption_unsupported"]
        return
    assert_no_secrets(shown, (TESTDATA / plain).read_text())
    assert key_rules(got) == ["key.encrypted"]
    message = next(d.message for d in got.diagnostics if d.rule == "key.encrypted")
    assert "decrypted with the key password given" in message
    # Everything else is the report of the body with the plaintext key: it matched the leaf.
    unencrypted = cert_preflight.validate_request(OPERATION, body_with(plain), context=CONTEXT, now=NOW)
    assert without_encrypted(got.to_dict()) == without_encrypted(unencrypted.to_dict())
    assert got.errors == unencrypted.errors + 1


def test_validate_request_wrong_and_missing_key_passwords(tmp_path: Path) -> None:
    body = body_with("keyconv/encrypted/rsa-legacy-aes128.key")
    wrong = cert_preflight.validate_request(
        OPERATION, body, context=CONTEXT, now=NOW, key_password="Tr0ub4dor&3"
    )
    assert key_rules(wrong) == ["key.wrong_password"]
    assert wrong.to_dict() == cli_request(tmp_path, body, "Tr0ub4dor&3")
    none = cert_preflight.validate_request(OPERATION, body, context=CONTEXT, now=NOW)
    assert key_rules(none) == ["key.encrypted"]
    assert "decrypted" not in json.dumps(none.to_dict())
    assert none.to_dict() == cli_request(tmp_path, body, None)
    for report in (wrong, none):
        shown = json.dumps(report.to_dict()) + repr(report)
        assert "Tr0ub4dor&3" not in shown
        assert_no_secrets(shown, body["PrivateKey"])


def test_validate_request_file_passes_the_key_password(tmp_path: Path) -> None:
    body = body_with("keyconv/encrypted/rsa-pkcs8-des3.key")
    path = tmp_path / "body.json"
    path.write_text(json.dumps(body))
    from_file = cert_preflight.validate_request_file(
        OPERATION, path, context=CONTEXT, now=NOW, key_password=PASSWORD
    )
    assert from_file == cert_preflight.validate_request(
        OPERATION, body, context=CONTEXT, now=NOW, key_password=PASSWORD
    )
    assert key_rules(from_file) == ["key.encrypted"]


def test_validate_request_key_password_must_be_a_str_and_is_not_echoed() -> None:
    body = body_with("keyconv/encrypted/rsa-legacy-aes128.key")
    with pytest.raises(TypeError) as raised:
        cert_preflight.validate_request(OPERATION, body, now=NOW, key_password=b"s3cret-bytes")  # type: ignore[arg-type]
    assert "key_password" in str(raised.value)
    assert "s3cret" not in str(raised.value)
