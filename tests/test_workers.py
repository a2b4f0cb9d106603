"""`--workers N`: local processes give exactly the one-process results, in input order."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from strife.errors import StrifeError
from strife.ingest import ingest
from strife.models import Document, to_dict
from strife.pipeline import process_documents
from strife.settings import Settings
from strife.workers import _chunks, process_parallel

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INPUTS = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.html")) + [SAMPLES / "wire.jsonl"]
OUTPUT_FILES = ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl", "events.geojson")


def _ok_docs() -> list[Document]:
    return [d for d in ingest(INPUTS) if isinstance(d, Document) and d.status == "ok"]


def _as_data(results):
    return [(to_dict(r.document), to_dict(r.mentions), to_dict(r.tallies)) for r in results]


def test_chunks():
    assert [len(c) for c in _chunks(range(37), 16)] == [16, 16, 5]
    assert list(_chunks([], 16)) == []


@pytest.mark.slow
def test_two_workers_equal_one_in_order():
    settings = Settings()
    one = _as_data(process_documents(_ok_docs(), settings))
    # chunks of 2 documents: several tasks per worker, so ordering is exercised
    two = _as_data(process_parallel(iter(_ok_docs()), settings, 2, chunk_size=2))
    assert [d[0]["doc_id"] for d in two] == [d[0]["doc_id"] for d in one]
    assert two == one


def test_no_documents():
    assert list(process_parallel(iter([]), Settings(), 2)) == []


def test_worker_setup_error_reaches_the_caller():
    from strife.errors import ModelNotFound

    doc = Document(doc_id="x", text="Gunmen killed three people in Macomia on Monday, police said.")
    with pytest.raises(ModelNotFound, match="no_such_model"):
        list(process_parallel(iter([doc]), Settings(model="no_such_model_xyz"), 2))
    assert issubclass(ModelNotFound, StrifeError)


@pytest.mark.slow
def test_cli_workers_output_files_identical(tmp_path):
    outs = {}
    for n in (1, 2):
        out = tmp_path / f"w{n}"
        p = subprocess.run(check=False, args=[sys.executable, "-m", "strife", "extract", *map(str, INPUTS), "--out", str(out),
                            "--workers", str(n), "--quiet"], capture_output=True, text=True, timeout=600,
                           env=dict(os.environ))
        assert p.returncode == 0, p.stderr[-3000:]
        outs[n] = out
    for name in OUTPUT_FILES:
        assert (outs[1] / name).read_bytes() == (outs[2] / name).read_bytes(), name
