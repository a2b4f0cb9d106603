"""Nothing lost: a corpus of bad inputs next to a good report. Each failure is one line on stderr naming
the file and the reason, everything else is coded, documents.jsonl lists every failed input with its
status and reason, and the exit status is 2."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
GOOD = ROOT / "samples" / "2025-06-10_pemba-herald_macomia-attack.txt"

pytestmark = pytest.mark.slow

BIG_BYTES = 50 * 1024 * 1024


def _big_text(path: Path, n_bytes: int) -> None:
    """~50 MB of plain English, every line distinct (so that no cleaning rule collapses it), about
    committees and budgets: no violence, so the run measures size handling and not fusion."""
    rng = random.Random(20250609)
    subjects = ["The provincial committee", "The district council", "A working group", "The finance office",
                "Local officials", "The school board", "The water authority", "A delegation of farmers"]
    verbs = ["met on Tuesday to discuss", "reviewed", "approved", "postponed a decision on", "published a report on",
             "asked for comments on"]
    objects = ["the budget for road repairs", "a plan for new classrooms", "the price of maize seed",
               "repairs to the market roof", "a census of fishing boats", "the timetable for the ferry"]
    with open(path, "w", encoding="utf-8") as f:
        written, i = 0, 0
        while written < n_bytes:
            i += 1
            line = (f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}, item {i}. "
                    f"The next meeting is planned for week {i % 52 + 1}, the secretary said.\n")
            f.write(line)
            written += len(line)


def _nested_html(path: Path, depth: int = 5000) -> None:
    body = GOOD.read_text(encoding="utf-8").split("\n")
    paras = "".join(f"<p>{x}</p>" for x in body[4:] if x.strip())
    path.write_text("<!DOCTYPE html><html><head><title>Nested page</title></head><body>"
                    + "<div>" * depth + paras + "</div>" * depth + "</body></html>", encoding="utf-8")


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    corpus = d / "in"
    corpus.mkdir()
    for f in BAD.iterdir():
        shutil.copy(f, corpus / f.name)
    shutil.copy(GOOD, corpus / GOOD.name)
    _big_text(corpus / "huge.txt", BIG_BYTES)
    _nested_html(corpus / "nested.html")
    out = d / "out"
    env = dict(os.environ)
    # well below the default (2,000,000) to keep the test quick; the rule is the same
    env["STRIFE_MAX_DOCUMENT_CHARS"] = "300000"
    p = subprocess.run(check=False, args=[sys.executable, "-m", "strife", "extract", str(corpus), "--out", str(out), "--quiet"],
                       capture_output=True, text=True, timeout=900, env=env, cwd=d)
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()] \
        if (out / "documents.jsonl").exists() else []
    return {"proc": p, "out": out, "corpus": corpus, "docs": docs}


def _rows_for(run, name):
    return [r for r in run["docs"] if Path(r["path"]).name == name]


def test_exit_status_two_and_no_traceback(bad_run):
    p = bad_run["proc"]
    assert "Traceback" not in p.stderr, p.stderr[-3000:]
    assert p.returncode == 2, p.stderr[-3000:]


@pytest.mark.parametrize("name, status, reason", [
    ("empty.txt", "failed", "empty"),
    ("image.txt", "failed", "binary"),
    ("no-sentences.txt", "failed", "no text"),
    ("french.txt", "skipped", "language 'fr'"),
])
def test_each_bad_file_is_listed_with_status_and_reason(bad_run, name, status, reason):
    rows = _rows_for(bad_run, name)
    assert len(rows) == 1, rows
    assert rows[0]["status"] == status and reason in rows[0]["reason"]
    # and one line on stderr names the file and the reason
    lines = [ln for ln in bad_run["proc"].stderr.splitlines() if name in ln]
    assert len(lines) == 1 and reason in lines[0], lines


def test_broken_jsonl_line_is_reported_and_the_rest_coded(bad_run):
    rows = _rows_for(bad_run, "broken.jsonl")
    assert sorted((r["status"], r["line"]) for r in rows) == [("failed", 2), ("ok", 1), ("ok", 3)]
    assert {r["doc_id"] for r in rows if r["status"] == "ok"} == {"bad-001", "bad-003"}
    lines = [ln for ln in bad_run["proc"].stderr.splitlines() if "broken.jsonl" in ln]
    assert len(lines) == 1 and "broken.jsonl:2" in lines[0] and "JSON" in lines[0]


def test_invalid_utf8_is_decoded_and_coded(bad_run):
    (row,) = _rows_for(bad_run, "latin1.txt")
    assert row["status"] == "ok"
    events = [json.loads(x) for x in (bad_run["out"] / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any("latin1" in m["doc_id"] for e in events for m in e["mentions"])
    # decoded with a warning naming the file, but not counted as a failure
    lines = [ln for ln in bad_run["proc"].stderr.splitlines() if "latin1.txt" in ln]
    assert len(lines) == 1 and "cp1252" in lines[0]


def test_huge_text_is_coded_truncated_with_a_warning(bad_run):
    (row,) = _rows_for(bad_run, "huge.txt")
    assert row["status"] == "ok"
    lines = [ln for ln in bad_run["proc"].stderr.splitlines() if "huge.txt" in ln and "max_document_chars" in ln]
    assert len(lines) == 1 and "52,4" in lines[0], lines


def test_deeply_nested_html_is_coded_or_failed_with_its_reason(bad_run):
    (row,) = _rows_for(bad_run, "nested.html")
    # coded (its report text may repeat another input's, then it is coded as that one's duplicate)
    assert row["status"] in ("ok", "duplicate", "failed")
    if row["status"] == "failed":
        assert row["reason"]
        assert any("nested.html" in ln and row["reason"] in ln for ln in bad_run["proc"].stderr.splitlines())


def test_good_report_is_coded_in_full(bad_run):
    (row,) = _rows_for(bad_run, GOOD.name)
    assert row["status"] == "ok"
    events = [json.loads(x) for x in (bad_run["out"] / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(m["doc_id"] == GOOD.stem for e in events for m in e["mentions"])


def test_every_input_file_is_accounted_for(bad_run):
    named = {Path(r["path"]).name for r in bad_run["docs"]}
    assert named == {f.name for f in bad_run["corpus"].iterdir()}
