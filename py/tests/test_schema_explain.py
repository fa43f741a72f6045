"""schema(), form_fields() and explain(): the same as the CLI's `operations --schema` and
`explain`, and a form field for every certificate field a golden body fills."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

import cert_preflight
from cert_preflight import CertPreflightError
from conftest import NOW, TESTDATA, cli_binary


def cli(*args: str) -> Any:
    run = subprocess.run([str(cli_binary()), *args, "--format", "json"], capture_output=True, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    return json.loads(run.stdout)


def test_every_schema_is_the_clis() -> None:
    every = cli("operations", "--schema")
    assert sorted(every) == sorted(o.id for o in cert_preflight.operations())
    for operation in cert_preflight.operations():
        assert cert_preflight.schema(operation.id) == every[operation.id]
        assert cert_preflight.schema(operation.action) == every[operation.id]


def test_form_fields_name_each_operations_fields() -> None:
    for operation in cert_preflight.operations():
        fields = cert_preflight.form_fields(operation.id)
        assert fields, operation.id
        assert all(f.pointer.startswith("/") for f in fields)
    acm = {f.pointer: f for f in cert_preflight.form_fields("acm:ImportCertificate")}
    assert acm["/CertificateChain"].role == "chain" and not acm["/CertificateChain"].required


@pytest.mark.parametrize(
    "operation,error,request_file",
    [
        ("acm:ImportCertificate", "Unable to validate certificate chain. The index within the chain of the invalid certificate is: -1", None),
        ("alibaba.alb.create-listener", "InvalidParameter", "requests/examples/create-listener-bad.json"),
        ("aws.acm.import-certificate", "ValidationException", "requests/examples/acm-import.json"),
    ],
)
def test_explain_is_the_clis(operation: str, error: str, request_file: str) -> None:
    args = ["explain", operation, error, "--now", NOW]
    request = None
    if request_file:
        args += ["--request", str(TESTDATA / request_file)]
        request = (TESTDATA / request_file).read_text()
    want = cli(*args)
    got = cert_preflight.explain(operation, error, request=request, now=NOW)
    assert got.checked == (request is not None)
    assert [c.rule for c in got.causes] == [c["rule"] for c in want["causes"]]
    assert [c.applies for c in got.causes] == [c.get("applies") for c in want["causes"]]
    assert [(c.severity, list(c.also)) for c in got.causes] == [
        (c["severity"], c.get("also", [])) for c in want["causes"]
    ]
    assert [len(c.findings) for c in got.causes] == [len(c.get("findings", [])) for c in want["causes"]]
    if request is not None:
        as_mapping = cert_preflight.explain(operation, error, request=json.loads(request), now=NOW)
        assert as_mapping == got


def test_unknown_operations_raise() -> None:
    for call in (
        lambda: cert_preflight.schema("no.such"),
        lambda: cert_preflight.form_fields("no.such"),
        lambda: cert_preflight.explain("no.such", "InvalidParameter"),
    ):
        with pytest.raises(CertPreflightError) as info:
            call()
        assert info.value.code == "UNKNOWN_OPERATION"
    with pytest.raises(TypeError):
        cert_preflight.explain("CreateListener", 400)  # type: ignore[arg-type]
