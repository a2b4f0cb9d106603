"""Shared fixtures: one real extract run over the sample reports (and the seeds, when ../shared is
beside the project), reused by the tests that read its output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def sample_inputs() -> list[str]:
    return sorted(str(p) for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".jsonl"))


def run_cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "strife", *args], capture_output=True, text=True,
                          cwd=ROOT, check=check, timeout=900)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples-out")
    proc = run_cli("extract", *sample_inputs(), "--out", str(out), "--quiet")
    return out, proc


@pytest.fixture(scope="session")
def nlp():
    from strife.nlp import load_model
    from strife.settings import load_settings

    s = load_settings()
    return load_model(s.model, s.entities)


@pytest.fixture(scope="session")
def knowledge():
    from strife.pipeline import Knowledge
    from strife.settings import load_settings

    return Knowledge.load(load_settings())
