"""Issue 26 item 3: x509-limbo through the Python package. tests/x509_limbo.rs runs every SERVER
case through the crate; this front shares that core, so a sample is enough here: the cases of
testdata/x509-limbo-sample.txt (scripts/gen-limbo-sample.py; pkg/test/node/limbo-sample.test.mjs
runs the same list), each given to check_certificate exactly as tests/limbo_support gives it to
the crate, and judged by the same rule. A disagreement with the crate's verdict is a bug of the
front (how it passes material or options), never something to add to the exceptions file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import cert_preflight
from conftest import TESTDATA

# The repository's own copy of the suite (a clone has it; README there).
SUITE = TESTDATA / "x509-limbo"
# tests/limbo_support's CURRENT_TIME: the clock for the few cases without a validation time.
CURRENT_TIME = "2026-11-23T00:00:00Z"
# tests/limbo_support's UNANCHORED: warnings that mean the chain reaches no trust anchor.
UNANCHORED = ("chain.incomplete", "chain.untrusted_root")


def refusals(report: cert_preflight.Report) -> List[str]:
    """The refusal rule of tests/limbo_support (`refusals`), copied: it must stay the same as
    there, or this front would be judged by another rule than the crate. Every error the
    normalized bundle does not fix (`fixed` is the providers' formatting rule, not a client's
    refusal), and no anchor reached."""
    return [
        d.rule
        for d in report.diagnostics
        if (d.severity == "error" and not d.fixed) or d.rule in UNANCHORED
    ]


def ids(path: Path) -> List[str]:
    """`id` then anything, `#` comments: the format of the sample list and the exceptions file."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line.split(None, 1)[0] for line in lines if line and not line.startswith("#")]


def read(rel: Optional[str]) -> str:
    return (SUITE / rel).read_text(encoding="utf-8") if isinstance(rel, str) else ""


def test_a_sample_of_limbo_server_cases_gives_the_crates_verdicts() -> None:
    suite = json.loads((SUITE / "testcases.json").read_text(encoding="utf-8"))
    server: Dict[str, Any] = {
        t["id"]: t for t in suite["testcases"] if t["validation_kind"] == "SERVER"
    }
    exceptions = set(ids(TESTDATA / "x509-limbo-exceptions.txt"))
    sample = ids(TESTDATA / "x509-limbo-sample.txt")
    disagreements: List[str] = []
    expected_failures = 0
    excepted = 0
    for case_id in sample:
        case = server.get(case_id)
        assert case is not None, (
            f"{case_id}: in x509-limbo-sample.txt but no SERVER case: "
            "run scripts/gen-limbo-sample.py"
        )
        files = case["files"]
        expect_success = case["expected_result"] == "SUCCESS"
        report = cert_preflight.check_certificate(
            read(files.get("leaf")) + read(files.get("intermediates")),
            roots=read(files.get("roots")),
            public_roots=False,
            now=case["validation_time"] or CURRENT_TIME,
            domains=(case["expected_peer_name"] or {}).get("value"),
            # limbo_support's LimboCase::audience: the web PKI's cases for browsers, the rest
            # auto (private here, the roots being the caller's).
            audience="public" if case_id.startswith("webpki::") else "auto",
        )
        refused = refusals(report)
        in_exceptions = case_id in exceptions
        # tests/x509_limbo.rs: agreement with the suite, except for the reasoned exceptions,
        # where the crate disagrees, so the front must too.
        if (not refused) != (expect_success != in_exceptions):
            note = " (an exception: the crate disagrees)" if in_exceptions else ""
            disagreements.append(
                f"{case_id}: suite expects {case['expected_result']}{note}, refused by {refused}"
            )
        expected_failures += not expect_success
        excepted += in_exceptions
    agree = len(sample) - len(disagreements)
    print(
        f"x509-limbo sample (Python): {agree} of {len(sample)} cases give the crate's verdict; "
        f"{expected_failures} expected to fail, {excepted} reasoned exceptions"
    )
    # A sample that silently shrank, or lost one outcome or the exceptions, would test little.
    assert len(sample) >= 30, f"only {len(sample)} cases in the sample"
    assert 0 < expected_failures < len(sample), "the sample needs both outcomes"
    assert excepted > 0, "the sample needs cases of the exceptions file"
    assert not disagreements, "the Python package disagrees with the crate:\n" + "\n".join(
        disagreements
    )
