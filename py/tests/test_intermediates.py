"""Completing a chain from a pool of intermediates (issue 22 item 2): the same report as the
CLI's --intermediates for the same files, a complete and ordered normalized bundle that passes
its own check, and the argument forms and their errors. Every golden pool case also runs
through check_certificate in test_parity.py."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

import cert_preflight
from conftest import NOW, TESTDATA, cli_binary

POOL = TESTDATA / "pool"


def cli_json(*args: str) -> Any:
    run = subprocess.run(
        [str(cli_binary()), *args, "--now", NOW, "--format", "json"], capture_output=True, check=False
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    return json.loads(run.stdout)


@pytest.mark.parametrize("pool", ["pool-dir", "pool-cross.pem", "pool-wrong.pem", "pool-deep.pem"])
def test_check_certificate_file_is_the_cli(pool: str) -> None:
    leaf = str(POOL / ("deep-leaf.pem" if pool == "pool-deep.pem" else "leaf.pem"))
    roots = str(POOL / "root.pem")
    report = cert_preflight.check_certificate_file(
        leaf, now=NOW, roots_path=roots, intermediates_path=str(POOL / pool)
    )
    cli = cli_json("cert", leaf, "--roots", roots, "--intermediates", str(POOL / pool))
    assert report.to_dict() == cli


def test_a_leaf_and_a_pool_give_the_complete_chain_that_passes_its_own_check() -> None:
    root = (POOL / "root.pem").read_text()
    for pool in (
        (POOL / "pool-cross.pem").read_bytes(),
        [(POOL / "int-old.pem").read_text(), (POOL / "int.pem").read_bytes()],
        {"old.pem": (POOL / "int-old.pem").read_bytes(), "right.pem": (POOL / "int.pem").read_text()},
    ):
        report = cert_preflight.check_certificate(
            (POOL / "leaf.pem").read_text(), now=NOW, roots=root, intermediates=pool
        )
        assert [d.rule for d in report.diagnostics] == ["chain.completed_from_pool"]
        assert report.normalized == (POOL / "leaf.pem").read_text() + (POOL / "int.pem").read_text()
        again = cert_preflight.check_certificate(report.normalized, now=NOW, roots=root)
        assert again.valid and not again.diagnostics and again.normalized is None


def test_sources_are_named_as_given() -> None:
    named = cert_preflight.check_certificate(
        (POOL / "leaf.pem").read_text(),
        now=NOW,
        intermediates={"ca/right.pem": (POOL / "int.pem").read_bytes()},
    )
    assert "(ca/right.pem, certificate 0)" in named.diagnostics[0].message
    listed = cert_preflight.check_certificate(
        (POOL / "leaf.pem").read_text(), now=NOW, intermediates=[(POOL / "int.pem").read_bytes()]
    )
    assert "(intermediates[0], certificate 0)" in listed.diagnostics[0].message


def test_wrong_types_are_type_errors() -> None:
    leaf = (POOL / "leaf.pem").read_text()
    for bad in (42, [42], {"a.pem": 42}, {1: "x"}):
        with pytest.raises(TypeError, match="intermediates"):
            cert_preflight.check_certificate(leaf, now=NOW, intermediates=bad)  # type: ignore[arg-type]
