"""`--workers N`: local processes give exactly the one-process results, in input order."""
from __future__ import annotations

import json
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
from strife.workers import READ_AHEAD_CHARS, _Chunk, _chunks, _ReadAhead, process_parallel

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# the sample reports (Mozambique) and short notes from several countries, some naming none
INPUTS = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.html")) + [SAMPLES / "wire.jsonl",
                                                                             ROOT / "tests" / "fixtures" / "multi" / "notes.jsonl"]
OUTPUT_FILES = ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl", "events.geojson")


def _ok_docs() -> list[Document]:
    return [d for d in ingest(INPUTS) if isinstance(d, Document) and d.status == "ok"]


def _as_data(results):
    return [(to_dict(r.document), to_dict(r.mentions), to_dict(r.tallies)) for r in results]


def test_chunks():
    # the last two chunks' worth goes in ever smaller chunks (a quarter of what is left, at least two
    # documents), so that the workers end together
    assert [len(c) for c in _chunks(range(37), 16)] == [16, 5, 4, 3, 2, 2, 2, 2, 1]
    assert [len(c) for c in _chunks(range(80), 16)] == [16, 16, 16, 8, 6, 4, 3, 2, 2, 2, 2, 2, 1]
    assert [x for c in _chunks(range(80), 16) for x in c] == list(range(80))
    assert [len(c) for c in _chunks(range(5), 16)] == [2, 2, 1]
    assert list(_chunks([], 16)) == []


def test_read_ahead_keeps_the_order_and_stops_at_its_limit():
    size = READ_AHEAD_CHARS // 3 + 1
    chunks = [_Chunk([Document(doc_id=f"d{i}", text="x" * size)]) for i in range(6)]
    source = _ReadAhead(iter(chunks))
    assert source.next() is chunks[0]  # nothing buffered: read as wanted
    read = 0
    while source.read_one():
        read += 1
    assert read == 3  # the third chunk passes the limit; the fourth waits
    assert [source.next() for _ in range(6)] == chunks[1:] + [None]
    assert source.chars == 0 and not source.read_one()


@pytest.mark.slow
def test_two_workers_equal_one_in_order():
    settings = Settings()
    one = _as_data(process_documents(_ok_docs(), settings))
    # chunks of 2 documents: several tasks per worker, so ordering is exercised
    two = _as_data(process_parallel(iter(_ok_docs()), settings, 2, chunk_size=2))
    assert [d[0]["doc_id"] for d in two] == [d[0]["doc_id"] for d in one]
    assert two == one
    # as a run asks for them: the mentions as their store rows only (the main process spools them)
    rows_one = [r.rows for r in process_documents(_ok_docs(), settings, rows=True)]
    rows_two = [(r.rows, r.mentions) for r in process_parallel(iter(_ok_docs()), settings, 2, chunk_size=2, rows=True)]
    assert [rows for rows, _ in rows_two] == rows_one and any(rows_one)
    assert all(mentions == [] for _, mentions in rows_two)


def test_no_documents():
    assert list(process_parallel(iter([]), Settings(), 2)) == []


def test_worker_setup_error_reaches_the_caller():
    from strife.errors import ModelNotFound

    docs = [Document(doc_id=f"x{i}", text="Gunmen killed three people in Macomia on Monday, police said.")
            for i in range(2)]
    # two chunks of one: the worker processes start (a single chunk is done in this process)
    with pytest.raises(ModelNotFound, match="no_such_model"):
        list(process_parallel(iter(docs), Settings(model="no_such_model_xyz"), 2, chunk_size=1))
    assert issubclass(ModelNotFound, StrifeError)


def test_a_single_chunk_starts_no_process():
    """A few reports are coded in this process: no worker would pay back its start-up (model, gazetteer)."""
    import multiprocessing as mp

    docs = [Document(doc_id="x", text="Gunmen killed three people in Macomia on Monday, police said.")]
    results = list(process_parallel(iter(docs), Settings(), 2))
    assert [r.document.doc_id for r in results] == ["x"]
    assert mp.active_children() == []
    # a whole chunk (16 reports, which the last chunks' halving would have made two) stays here too
    docs = [Document(doc_id=f"x{i}", text="Gunmen killed three people in Macomia on Monday.") for i in range(16)]
    assert len(list(process_parallel(iter(docs), Settings(), 2))) == 16
    assert mp.active_children() == []


def test_default_workers_follow_the_cpus_the_process_may_use():
    code = "import os; os.sched_setaffinity(0, {0}); from strife.workers import default_workers; print(default_workers())"
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this system")
    one = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=dict(os.environ))
    assert one.stdout.strip() == "1"
    from strife.workers import default_workers

    assert default_workers() == len(os.sched_getaffinity(0))


@pytest.mark.slow
def test_cli_workers_output_files_identical(tmp_path):
    """One worker, two, and the default (the machine's CPUs) write the same files."""
    outs = {}
    for n in ("1", "2", None):
        out = tmp_path / f"w{n}"
        flag = ["--workers", n] if n else []
        p = subprocess.run(check=False, args=[sys.executable, "-m", "strife", "extract", *map(str, INPUTS), "--out", str(out),
                            *flag, "--quiet"], capture_output=True, text=True, timeout=900,
                           env=dict(os.environ))
        assert p.returncode == 0, p.stderr[-3000:]
        outs[n] = out
    assert len((outs["1"] / "documents.jsonl").read_text().splitlines()) > 16  # more than one chunk: workers start
    for name in OUTPUT_FILES:
        assert (outs["1"] / name).read_bytes() == (outs["2"] / name).read_bytes(), name
        assert (outs["1"] / name).read_bytes() == (outs[None] / name).read_bytes(), name


def test_the_knowledge_loads_with_the_collector_paused(monkeypatch):
    # unpickling the gazetteer and the type model makes millions of objects, none of them garbage: the
    # cyclic collector is off while they load, and as it was after
    import gc

    from strife.pipeline import Knowledge
    from strife.resolve.gazetteer import Gazetteer

    seen = []
    default = Gazetteer.default.__func__
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls: seen.append(gc.isenabled()) or default(cls)))
    assert gc.isenabled()
    Knowledge.load(Settings())
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        Knowledge.load(Settings())
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


FRENCH = ("Des hommes armés ont attaqué un marché dans le nord du pays mardi matin, tuant au moins huit civils et "
          "blessant plusieurs autres, selon des responsables locaux. Les assaillants ont incendié des boutiques "
          "avant de repartir vers la frontière. Le préfet a annoncé l'envoi de renforts dans la zone.")


def test_the_run_screens_across_its_processes_and_decides_in_order(tmp_path, monkeypatch):
    """With workers, each report is sketched in this process (ahead of the workers) and its language found
    in a worker; the skip, exact-copy and near-copy verdicts are the same as ingest's own, in input
    order, and a report not in English is not coded."""
    import strife.ingest
    from strife.pipeline import run

    wire = [json.loads(line) for line in (SAMPLES / "wire.jsonl").read_text().splitlines() if line.strip()]
    extra = [{"id": "fr-1", "text": FRENCH, "published": "2025-03-04"},
             {"id": "copy-1", "text": wire[0]["text"], "published": wire[0].get("published")},
             {"id": "near-1", "text": wire[0]["text"] + " Officials gave no further details.",
              "published": wire[0].get("published")}]
    (tmp_path / "extra.jsonl").write_text("".join(json.dumps(r) + "\n" for r in extra))
    inputs = INPUTS + [tmp_path / "extra.jsonl"]
    inline = {d.doc_id: (d.status, d.reason, d.language, d.near_duplicate_of)
              for d in ingest(inputs) if isinstance(d, Document)}
    detect, sketch = strife.ingest.detect_language, strife.ingest.sketch
    calls = {}
    for workers in (1, 2):
        seen = calls[workers] = {"language": [], "sketch": []}
        monkeypatch.setattr(strife.ingest, "detect_language", lambda text, seen=seen: seen["language"].append(text)
                            or detect(text))
        monkeypatch.setattr(strife.ingest, "sketch", lambda text, seen=seen: seen["sketch"].append(text) or sketch(text))
        result = run(inputs, workers=workers)
        decided = {d.doc_id: (d.status, d.reason, d.language, d.near_duplicate_of) for d in result.documents}
        assert decided == inline, workers
        assert decided["fr-1"][0] == "skipped" and decided["copy-1"][0] == "duplicate"
        assert decided["near-1"][3] == wire[0]["id"]
        assert not [m for m in result.mentions if m.doc_id == "fr-1"]
        assert [m for m in result.mentions if m.doc_id == "copy-1"]
    # one process finds each report's language, and sketches those in English; with workers (forked
    # from a server that never saw the patches) this process finds no language and sketches every
    # report once
    assert len(calls[1]["language"]) > 16 and calls[1]["sketch"] == [t for t in calls[1]["language"] if t != FRENCH]
    assert calls[2]["language"] == [] and calls[2]["sketch"] == calls[1]["language"]
