"""Shared paths and case loading for the Python package's tests (run by scripts/test-python.sh)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT / "testdata"
CERTS = TESTDATA / "certs"
NOW = "2026-11-23T00:00:00Z"


class RawNumber(str):
    """A JSON number kept as written (the Rust tests read case files with serde_json's
    arbitrary_precision, so `4.43e2` and `1e400` reach the core as written)."""


def load_case(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8"), parse_float=RawNumber)


def resolve_files(value: Any) -> Any:
    """A request case's value with each ``{"$file": name}`` replaced by the text of that file
    under testdata/requests (a list of names: their texts concatenated), as
    tests/request_golden.rs reads it."""
    if isinstance(value, dict) and set(value) == {"$file"}:
        names = value["$file"] if isinstance(value["$file"], list) else [value["$file"]]
        return "".join((TESTDATA / "requests" / n).read_bytes().decode("utf-8") for n in names)
    if isinstance(value, dict):
        return {k: resolve_files(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_files(v) for v in value]
    return value


def has_raw_numbers(value: Any) -> bool:
    if isinstance(value, RawNumber):
        return True
    if isinstance(value, dict):
        return any(has_raw_numbers(v) for v in value.values())
    if isinstance(value, list):
        return any(has_raw_numbers(v) for v in value)
    return False


def to_json_text(value: Any) -> str:
    """JSON text of a loaded case value with every number as written."""
    if isinstance(value, RawNumber):
        return str(value)
    if isinstance(value, dict):
        items = (f"{json.dumps(k, ensure_ascii=False)}:{to_json_text(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json_text(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def cli_binary() -> Path:
    """The command line to compare with: $CERT_PREFLIGHT_CLI, else target/debug's."""
    path = Path(os.environ.get("CERT_PREFLIGHT_CLI", ROOT / "target/debug/cert-preflight"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: build it with `cargo build --bin cert-preflight`")
    return path


def request_cases() -> List[Path]:
    base = TESTDATA / "requests"
    return sorted(
        p
        for d in base.iterdir()
        if d.is_dir() and d.name != "certs"
        for p in d.glob("*.case.json")
    )


def certificate_cases() -> List[Path]:
    return sorted((TESTDATA / "golden/certificate").glob("*.case.json"))
