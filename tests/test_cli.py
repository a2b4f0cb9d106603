"""The command line end to end, on the bundled sample reports."""
import csv
import os
import subprocess
import sys

import pytest

from conftest import read_jsonl, run_cli, sample_inputs

from strife.cli import build_parser


def test_every_command_and_option_has_help():
    ap = build_parser()
    subs = ap._subparsers._group_actions[0].choices
    assert {"extract", "report", "serve", "gazetteer", "watch"} <= set(subs)
    for name, sp in subs.items():
        assert sp.description or sp.format_help(), name
        for action in sp._actions:
            if action.dest != "help" and not isinstance(action, type(ap._subparsers._group_actions[0])):
                assert action.help, f"{name} {action.dest} has no help"


def test_python_dash_m_strife_help():
    proc = run_cli("--help")
    assert proc.returncode == 0 and "extract" in proc.stdout


def test_extract_writes_the_contract(sample_run):
    out, proc = sample_run
    assert proc.returncode == 0, proc.stderr
    for name in ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl", "events.geojson",
                 "events.parquet", "strife.duckdb"):
        assert (out / name).exists(), name
    events = read_jsonl(out / "events.jsonl")
    required = {"event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                "actor2", "assoc_actor_2", "inter1", "inter2", "country", "admin1", "admin2", "location", "latitude",
                "longitude", "geo_precision", "geonameid", "fatalities", "fatalities_low", "fatalities_high",
                "injured", "claims", "mentions", "sources", "notes"}
    assert events and all(required <= set(e) for e in events)
    header = next(csv.reader((out / "events.csv").open()))
    assert header[:5] == ["event_id", "event_date", "time_precision", "event_type", "sub_event_type"]
    docs = read_jsonl(out / "documents.jsonl")
    assert len(docs) == len(sample_inputs()) - 1 + 3  # wire.jsonl holds three reports


def test_sample_incidents_are_coded(sample_run):
    out, _ = sample_run
    events = read_jsonl(out / "events.jsonl")
    # E2: the roadside bomb on the N380 on Tuesday 10 June, three soldiers killed by the military's count
    ied = [e for e in events if e["sub_event_type"] == "Remote explosive/landmine/IED" and e["event_date"] == "2025-06-10"]
    assert ied and ied[0]["admin1"] == "Cabo Delgado" and ied[0]["fatalities"] == 3
    # E1: the raid on a Macomia village late on Monday 9 June, civilians killed
    raid = [e for e in events if e["event_date"] == "2025-06-09" and e["event_type"] == "Violence against civilians"]
    assert raid and any((e["actor2"] or "").startswith("Civilians") for e in raid)
    assert all(e["country"] in ("Mozambique", None) for e in events if e["event_date"] >= "2025-06-01")
    # every figure is traced to a claimant and a sentence
    for e in events:
        for c in e["claims"]:
            assert c["claimant"] and c["sentence"] and c["doc_id"]


def test_published_date_read_from_the_text(sample_run):
    out, _ = sample_run
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    d = docs["indian-ocean-observer_pemba-protest"]
    assert d["published"] == "2025-06-13" and d["published_from"] == "text"


def test_tallies_kept_apart(sample_run):
    out, _ = sample_run
    tallies = read_jsonl(out / "tallies.jsonl")
    assert any(t["value"] == 6000 for t in tallies)
    events = read_jsonl(out / "events.jsonl")
    assert not any(e["fatalities"] == 6000 for e in events)


def test_same_input_twice_gives_identical_outputs(sample_run, tmp_path):
    out, _ = sample_run
    db = tmp_path / "s.duckdb"
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("extract", *sample_inputs(), "--out", str(a), "--db", str(db), "--quiet").returncode == 0
    assert run_cli("extract", *sample_inputs(), "--out", str(b), "--db", str(db), "--quiet").returncode == 0
    for name in ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
        assert (a / name).read_bytes() == (out / name).read_bytes(), name


def test_bad_input_is_named_and_the_rest_is_coded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Gunmen killed four people in an attack on a village in Marsabit county on Monday, police said.",
                    encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": "Police arrested 3 men in Nakuru on Friday."}\n{oops\n')
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    proc = run_cli("extract", str(tmp_path), "--out", str(out), "--published", "2024-05-06", "--quiet")
    assert proc.returncode == 2
    assert "broken.jsonl:2" in proc.stderr and "blob.txt" in proc.stderr
    assert "Traceback" not in proc.stderr
    docs = read_jsonl(out / "documents.jsonl")
    assert {d["status"] for d in docs} == {"ok", "failed"}
    assert len(read_jsonl(out / "events.jsonl")) >= 2


def test_missing_model_is_a_clear_error(tmp_path):
    proc = run_cli("extract", str(tmp_path), "--out", str(tmp_path / "o"), "--model", "no_such_model", "--quiet")
    assert proc.returncode == 1
    assert "no_such_model" in proc.stderr and "pip install" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday"])
def test_bad_published_flag(bad, tmp_path):
    proc = run_cli("extract", str(tmp_path), "--out", str(tmp_path / "o"), "--published", bad)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_library_api_can_be_called_repeatedly(tmp_path):
    import strife
    from strife.models import Document

    doc = Document("n1", "Gunmen killed four herders in Marsabit county on Monday, police said.",
                   published=__import__("datetime").date(2024, 5, 7))
    first = strife.extract([doc])
    second = strife.extract([doc])
    import strife.extraction  # noqa: F401  (the stage module: its own name, not the function's)

    assert callable(strife.extract)
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    (e,) = first.events
    assert e.fatalities == 4 and e.admin1 == "Marsabit" and str(e.event_date) == "2024-05-06"


def test_importing_the_package_loads_no_stage():
    """`strife extract --workers N` starts its fork server before the pipeline's modules load (the
    server loads them too): importing the package or the CLI loads none of them; its names load on use."""
    code = ("import sys, strife, strife.cli; before = sorted(m for m in sys.modules if m.startswith('strife.')); "
            "strife.Document, strife.load_settings; print(before, 'strife.settings' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=dict(os.environ))
    assert p.stdout.split() == ["['strife.cli',", "'strife.errors']", "True"]


def test_gazetteer_import_gives_village_coverage(tmp_path):
    """A hand-written two-line file in GeoNames' 19-column tab format adds a village strife then finds."""
    import os

    row = ["9990001", "Kwa Ndeti Juu", "Kwa Ndeti Juu", "Kwandeti Juu,Kwa-Ndeti Juu", "-1.2345", "37.4321", "P", "PPL",
           "KE", "", "31", "", "", "", "0", "", "1400", "Africa/Nairobi", "2024-01-01"]  # 31: Machakos
    f = tmp_path / "KE-extra.txt"
    f.write_text("\t".join(row) + "\n", encoding="utf-8")
    env = dict(os.environ, STRIFE_DATA_DIR=str(tmp_path / "data"))
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "-m", "strife", "gazetteer", "import", str(f)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "imported 1 places" in proc.stderr
    report = tmp_path / "r.jsonl"
    report.write_text('{"id": "r1", "published": "2024-05-07", "text": "Gunmen killed two herders in Kwa Ndeti Juu '
                      'village in Machakos county on Monday, police said."}\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "strife", "extract", str(report), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (event,) = read_jsonl(out / "events.jsonl")
    assert event["location"] == "Kwa Ndeti Juu" and event["geo_precision"] == 1
    assert abs(event["latitude"] - -1.2345) < 1e-6
