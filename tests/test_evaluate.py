"""`strife eval` and the scoring library (strife.evaluate).

The scoring rules are checked on hand-made events; then `strife eval` runs extract on small answer keys
written for these tests (ACLED-style rows, UCDP-style codings, an incident gold) and its figures are
compared with ../shared/eval/score.py's on the same output directory. ../shared is looked for beside
the project, or where STRIFE_SHARED_DIR names it (a git worktree lives elsewhere).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, run_cli

from strife import evaluate as ev
from strife.cli import build_parser
from strife.errors import StrifeError
from strife.models import Evidence, Event

SHARED_DIR = Path(os.environ.get("STRIFE_SHARED_DIR") or SHARED)
SCORE_PY = SHARED_DIR / "eval" / "score.py"
needs_score_py = pytest.mark.skipif(not SCORE_PY.exists(),
                                    reason=f"../shared/eval/score.py not found at {SCORE_PY} "
                                           "(set STRIFE_SHARED_DIR to the shared folder)")
TOLERANCE = 0.005

# ---------------------------------------------------------------- fixtures written for these tests

ACLED_COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
                 "inter2", "country", "admin1", "location", "latitude", "longitude", "source", "notes", "fatalities"]
ACLED_ROWS = [
    ["TST1", "2021-05-03", "Battles", "Armed clash", "JNIM: Group for Support of Islam and Muslims", "2",
     "Military Forces of Mali (2021-)", "1", "Mali", "Mopti", "Boni", "15.065", "-1.962", "Local Source",
     "On 3 May 2021, JNIM militants attacked a Malian army post in Boni (Douentza, Mopti). "
     "4 soldiers were killed in the fighting.", "4"],
    ["TST2", "14 June 2021", "Protests", "Peaceful protest", "Protesters (Nigeria)", "6", "", "", "Nigeria", "Kano",
     "Kano", "12.000", "8.517", "Daily Paper",
     "On 14 June 2021, around 300 traders protested in Kano city (Kano) against rising food prices.", "0"],
    ["TST3", "2021-07-20", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "Unidentified Armed Group (Pakistan)", "3", "Police Forces of Pakistan (2018-)", "1", "Pakistan",
     "Balochistan", "Quetta", "30.187", "67.013", "Dawn",
     "On 20 July 2021, an IED planted by unidentified militants exploded near a police van in Quetta "
     "(Balochistan), injuring 3 policemen.", "0"],
    ["TST4", "2021-08-02", "Violence against civilians", "Attack", "ELN: National Liberation Army", "2",
     "Civilians (Colombia)", "7", "Colombia", "Arauca", "Tame", "6.461", "-71.730", "El Tiempo",
     "On 2 August 2021, suspected ELN members shot and killed a community leader in Tame (Arauca).", "1"],
    ["TST5", "2021-09-09", "Battles", "Armed clash", "Military Forces of the Philippines (2016-2022)", "1",
     "NPA: New People's Army", "2", "Philippines", "Northern Samar", "Catarman", "12.499", "124.638", "Inquirer",
     "On 9 September 2021, soldiers clashed with NPA rebels near Catarman (Northern Samar). 2 rebels were killed.",
     "2"],
    ["TST6", "2021-10-01", "Riots", "Mob violence", "Rioters (India)", "5", "", "", "India", "Bihar", "Patna",
     "25.594", "85.137", "Local Source", "", "0"],  # no note: no event, a miss on every field
]

UCDP_CODINGS = [
    {"id": 901, "source_date": "2021-03-17 00:00", "start_date": "2021-03-16", "end_date": "2021-03-16",
     "source_article": "Suspected jihadists killed seven civilians on Tuesday in an attack on a market in Tera, "
                       "in the Tillaberi region of western Niger, a local official said on Wednesday.\n"
                       "The gunmen arrived on motorcycles and fired on traders, the official said.",
     "side_a_name": "IS", "side_b_name": "Civilians", "location_root_name": "Niger",
     "location_adm1_name": "Tillaberi region", "location_adm2_name": "Tera department",
     "location_where_name": "Tera town", "deaths_low": 7, "deaths_high": 7},
    {"id": 902, "source_date": "2021-04-02 00:00", "start_date": "2021-04-01", "end_date": "2021-04-01",
     "source_article": "Two soldiers were killed on Thursday when their patrol was ambushed by al-Shabaab "
                       "fighters near Baidoa, in Somalia's Bay region, military officials said.",
     "side_a_name": "Government of Somalia", "side_b_name": "Al-Shabaab", "location_root_name": "Somalia",
     "location_adm1_name": "Bay region", "location_adm2_name": "Baydhabo district",
     "location_where_name": "Baidoa town", "deaths_low": 2, "deaths_high": 4},
    # The coder counted later deaths the first report did not have: the report's toll misses the range.
    {"id": 903, "source_date": "2021-05-10 00:00", "start_date": "2021-05-08", "end_date": "2021-05-09",
     "source_article": "At least 12 people were killed when gunmen attacked the village of Kawuri near Konduga "
                       "in Borno state on Saturday, residents said on Monday.",
     "side_a_name": "IS", "side_b_name": "Civilians", "location_root_name": "Nigeria",
     "location_adm1_name": "Borno state", "location_adm2_name": "Konduga", "location_where_name": "Kawuri village",
     "deaths_low": 15, "deaths_high": 20},
]

GOLD_REPORTS = {
    "r1": ("2022-03-05", "Daily Wire Service",
           "Militants attacked an army base in Gao on Friday, killing at least 6 soldiers, the Malian army said "
           "in a statement on Saturday.\nThe army said its troops repelled the assault.\n"
           "At least 40 soldiers have been killed in the region since January, according to a tally by the army."),
    "r2": ("2022-03-06", "Regional Radio",
           "The death toll from Friday's attack on the army base in Gao rose to 8 soldiers, the Malian army said "
           "on Sunday.\nResidents said the fighting lasted several hours."),
}
GOLD = {
    "corpus": "test-reports",
    "documents": {doc: {"file": f"{doc}.txt", "outlet": outlet, "published": pub}
                  for doc, (pub, outlet, _) in GOLD_REPORTS.items()},
    "events": [
        {"id": "G1", "required": True, "date_window": ["2022-03-04", "2022-03-04"], "event_types": ["Battles"],
         "sub_event_types": ["Armed clash"],
         "location": {"name": "Gao", "latitude": 16.27, "longitude": -0.04, "tolerance_km": 25, "admin1": "Gao",
                      "country": "Mali"},
         "actor1": "Unidentified|Militia|Militants|Armed Group", "actor2": "Military Forces of Mali",
         "fatalities": {"low": 6, "high": 8}, "injured": None,
         "claims": [{"claimant": "army|military", "figure": "fatalities", "value": 6, "doc": "r1"},
                    {"claimant": "army|military", "figure": "fatalities", "value": 8, "doc": "r2"}],
         "docs": ["r1", "r2"], "note": "attack on the army base in Gao"},
    ],
    "tallies": [{"doc": "r1", "value": 40, "subject": "soldiers killed", "period": "2022",
                 "text": "At least 40 soldiers have been killed in the region since January"}],
}


def write_acled(path: Path, rows=ACLED_ROWS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACLED_COLUMNS)
        w.writerows(rows)
    return path


def write_ucdp(path: Path) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in UCDP_CODINGS), encoding="utf-8")
    return path


def write_gold(folder: Path) -> Path:
    """The gold file and, beside it, the reports it codes (its documented input)."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc, (_, _, text) in GOLD_REPORTS.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(GOLD, indent=1), encoding="utf-8")
    return folder / "gold.json"


def acled_dicts(rows=ACLED_ROWS) -> list[dict]:
    return [dict(zip(ACLED_COLUMNS, r)) for r in rows]


def event(doc: str, **fields) -> dict:
    """An output row as events.jsonl holds it, read from one document."""
    row = {"event_id": fields.pop("event_id", f"EV-{doc}"), "event_date": None, "event_type": None,
           "sub_event_type": None, "actor1": None, "assoc_actor_1": None, "inter1": None, "actor2": None,
           "assoc_actor_2": None, "inter2": None, "country": None, "admin1": None, "admin2": None, "location": None,
           "latitude": None, "longitude": None, "fatalities": None, "injured": None, "claims": [],
           "mentions": [{"doc_id": doc, "sentence": fields.pop("sentence", ""), "start": 0, "end": 1}]}
    row.update(fields)
    return row


# ---------------------------------------------------------------- the rules, on hand-made events

def test_acled_takes_the_best_fitting_event_of_a_note():
    row = acled_dicts()[0]  # TST1: a battle in Boni, 4 killed
    wrong = event("TST1", event_id="A", event_type="Protests", event_date="2021-05-03")
    right = event("TST1", event_id="B", event_type="Battles", sub_event_type="Armed clash", event_date="2021-05-03",
                  latitude=15.07, longitude=-1.95, fatalities=4, admin1="Mopti", inter1=2, inter2=1)
    scores = ev.score_acled([row], [wrong, right])
    assert scores.to_dict()["event_type"] == 1.0 and scores.to_dict()["within_25km"] == 1.0
    assert scores.figures == {"notes": 1, "events_per_note": 2.0}
    assert scores.misses == []


def test_acled_unknown_toll_is_zero_and_missing_second_actor_is_inter2_zero():
    row = acled_dicts()[1]  # TST2: a protest, no deaths, no second actor; its date in ACLED's "14 June 2021" form
    e = event("TST2", event_type="Protests", sub_event_type="Peaceful protest", event_date="2021-06-14",
              inter1=6, fatalities=None, inter2=None)
    d = ev.score_acled([row], [e]).to_dict()
    assert d["fatalities"] == 1.0 and d["inter2"] == 1.0 and d["date"] == 1.0 and d["inter1"] == 1.0
    assert d["within_25km"] == 0.0  # no coordinates: not within any distance


def test_acled_note_without_event_is_wrong_on_every_field():
    scores = ev.score_acled(acled_dicts()[5:], [])
    assert all(counts == [0, 1] for counts in scores.counts.values())
    assert scores.misses[0].key == "TST6" and scores.misses[0].what == "no event"


def test_acled_actor_type_names_read_as_codes():
    assert ev.inter_code("State forces", "") == "1" and ev.inter_code("External/Other forces", "") == "8"
    assert ev.inter_code("2", "") == "2" and ev.inter_code("", "0") == "0" and ev.inter_code(None, "") == ""


def test_scores_take_dataclasses_as_they_take_rows():
    row = acled_dicts()[3]  # TST4: an attack on a civilian in Tame
    e = Event(event_id="E1", event_date=dt.date(2021, 8, 2), time_precision=1,
              event_type="Violence against civilians", sub_event_type="Attack", actor1="ELN", assoc_actor_1=None,
              inter1=2, actor2="Civilians (Colombia)", assoc_actor_2=None, inter2=7, country="Colombia",
              admin1="Arauca", admin2=None, location="Tame", latitude=6.46, longitude=-71.73, geo_precision=1,
              geonameid=None, fatalities=1, fatalities_low=1, fatalities_high=1, injured=None,
              mentions=[Evidence("TST4", "sentence", 0, 8)])
    from_dataclass = ev.score_acled([row], [e]).to_dict()
    from_row = ev.score_acled([row], ev.event_rows([e])).to_dict()
    assert from_dataclass == from_row and from_row["event_type"] == 1.0 and from_row["fatalities"] == 1.0


def test_ucdp_found_within_a_day_at_a_place_sharing_a_name_word():
    coding = UCDP_CODINGS[0]  # Tera, 16 March, 7 killed
    next_day = event("u901", event_date="2021-03-17", location="Téra", admin1="Tillabéri", country="Niger",
                     fatalities=7)
    checks, hits = ev.ucdp_checks(coding, [next_day])
    assert hits == [next_day] and checks["found"] and checks["deaths"] and checks["admin1"] and checks["country"]
    too_late = dict(next_day, event_date="2021-03-19")
    checks, hits = ev.ucdp_checks(coding, [too_late])
    assert not hits and not checks["date"] and checks["deaths_any"]
    # "Tera town" and "Tera department" share only the kind-less word "tera": a place named "Town" shares nothing
    elsewhere = dict(next_day, location="Town", admin1="Region", admin2=None)
    assert not ev.ucdp_checks(coding, [elsewhere])[1]


def test_ucdp_deaths_count_over_all_articles():
    found_wrong_toll = event("u901", event_date="2021-03-16", location="Tera", fatalities=3)
    d = ev.score_ucdp(UCDP_CODINGS, [found_wrong_toll]).to_dict()
    assert d["found"] == 0.333 and d["deaths"] == 0.0 and d["articles"] == 3 and d["events_per_article"] == 0.33


def _gold_event(event_id, doc, **fields):
    base = dict(event_type="Battles", sub_event_type="Armed clash", event_date="2022-03-04", latitude=16.27,
                longitude=-0.04, actor1="Unidentified Armed Group (Mali)", actor2="Military Forces of Mali",
                fatalities=6)
    return event(doc, event_id=event_id, **(base | fields))


def test_incidents_match_one_to_one_and_sort_the_rest():
    match = _gold_event("M", "r1", claims=[{"claimant": "Malian army", "figure": "fatalities", "value": 6,
                                            "doc_id": "r1"}])
    dup = _gold_event("D", "r2", latitude=16.3)  # compatible with G1, but G1 is taken by the closer event
    leak = _gold_event("L", "r1", event_date="2022-01-10",
                       sentence="At least 40 soldiers have been killed in the region since January, said the army.")
    stray = _gold_event("S", "r2", event_type="Protests")
    scores = ev.score_incidents(GOLD, [dup, match, leak, stray], [{"doc_id": "r1", "value": 40}])
    d = scores.to_dict()
    assert (d["duplicates"], d["tally_leaks"], d["spurious"], d["predicted"]) == (1, 1, 1, 4)
    assert d["recall"] == 1.0 and d["precision"] == 0.25 and d["f1"] == 0.4 and d["tallies"] == 1.0
    assert scores.counts["claims"] == [1, 2]  # the r2 figure of 8 was not claimed
    partial = [m for m in scores.misses if m.what == "partial"]
    assert partial and partial[0].key == "G1"
    assert "claim 8 in r2" in partial[0].detail and "sources=['r1']" in partial[0].detail


def test_incident_far_away_is_not_matched():
    far = _gold_event("F", "r1", latitude=17.0)  # some 80 km north of Gao, beyond the 25 km tolerance
    d = ev.score_incidents(GOLD, [far]).to_dict()
    assert d["recall"] == 0.0 and d["spurious"] == 1


# ---------------------------------------------------------------- keys: reading and bad input

def test_keys_are_read_and_bad_keys_say_how_to_fix_them(tmp_path):
    key = ev.load_key("acled", write_acled(tmp_path / "rows.csv"), limit=3)
    assert [r["event_id_cnty"] for r in key.rows] == ["TST1", "TST2", "TST3"]
    docs = ev.key_documents(ev.load_key("acled", tmp_path / "rows.csv"))
    assert [d["id"] for d in docs] == ["TST1", "TST2", "TST3", "TST4", "TST5"]  # TST6 has no note
    assert docs[1]["published"] == "2021-06-14"
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(StrifeError, match="not an ACLED export"):
        ev.load_key("acled", tmp_path / "other.csv")
    with pytest.raises(StrifeError, match="no answer key"):
        ev.load_key("ucdp", tmp_path / "missing.jsonl")


def test_broken_coding_lines_are_skipped_and_named(tmp_path):
    path = write_ucdp(tmp_path / "codings.jsonl")
    path.write_text(path.read_text() + "{not json\n" + json.dumps({"id": 3}) + "\n", encoding="utf-8")
    key = ev.load_key("ucdp", path)
    assert [c["id"] for c in key.rows] == [901, 902, 903] and len(key.problems) == 2
    assert ev.key_documents(key)[0]["id"] == "u901" and ev.key_documents(key)[0]["published"] == "2021-03-17"


def test_gold_without_its_reports_asks_for_input(tmp_path):
    gold = write_gold(tmp_path / "key")
    for doc in GOLD_REPORTS:
        (gold.parent / f"{doc}.txt").unlink()
    with pytest.raises(StrifeError, match="--input"):
        ev.key_documents(ev.load_key("gold", gold))
    broken = dict(GOLD, events=[{k: v for k, v in GOLD["events"][0].items() if k != "docs"}])
    gold.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(StrifeError, match="has no docs"):
        ev.load_key("gold", gold)
    gold.write_text(json.dumps(dict(GOLD, events=[GOLD["events"][0] | {"date_window": ["March 2022"]}])))
    with pytest.raises(StrifeError, match="date_window must be two dates"):
        ev.load_key("gold", gold)


# ---------------------------------------------------------------- strife eval agrees with score.py

def reference(args: list[str], tmp_path: Path) -> dict:
    js = tmp_path / "reference.json"
    subprocess.run([sys.executable, str(SCORE_PY), *args, "--json", str(js), "--quiet"], check=True, cwd=ROOT,
                   capture_output=True, timeout=300)
    return json.loads(js.read_text())


def in_score_py_names(ours: dict) -> dict:
    """Our figures under score.py's names (it suffixes incident fields with _acc and counts some)."""
    if ours["kind"] != "incidents":
        return ours
    counts = ours["counts"]
    named = {f"{k}_acc": ours[k] for k in ("fatalities", "injured", "actor1", "actor2", "sub_event_type",
                                           "claims", "sources")}
    return named | {k: ours[k] for k in ("precision", "recall", "f1", "predicted", "duplicates", "tally_leaks",
                                         "spurious")} | {
        "required": counts["recall"][1], "matched_required": counts["recall"][0],
        "matched_predictions": counts["precision"][0], "tallies_found": counts["tallies"][0],
        "tallies": counts["tallies"][1]}


def assert_agree(ours: dict, ref: dict) -> None:
    ours = in_score_py_names(ours)
    for name, want in ref.items():
        got = ours[name]
        assert (got is None) == (want is None), f"{name}: ours {got}, score.py {want}"
        if want is not None:
            assert abs(got - want) <= TOLERANCE, f"{name}: ours {got}, score.py {want}"


def run_eval(tmp_path: Path, *args: str) -> tuple[dict, Path]:
    out, js = tmp_path / "out", tmp_path / "ours.json"
    proc = run_cli("eval", *args, "--pred", str(out), "--json", str(js), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return json.loads(js.read_text()), out


@needs_score_py
def test_eval_acled_agrees_with_score_py(tmp_path):
    rows = write_acled(tmp_path / "rows.csv")
    ours, out = run_eval(tmp_path, "--acled", str(rows))
    assert ours["notes"] == 6 and ours["detected"] > 0  # the notes were coded, not an empty run scored
    assert_agree(ours, reference(["--acled", str(rows), "--pred", str(out)], tmp_path))
    again, _ = run_eval(tmp_path, "--acled", str(rows))  # --pred holds the run now: scored, not run again
    assert again == ours


@needs_score_py
def test_eval_ucdp_agrees_with_score_py(tmp_path):
    codings = write_ucdp(tmp_path / "codings.jsonl")
    ours, out = run_eval(tmp_path, "--ucdp", str(codings))
    assert ours["articles"] == 3 and ours["date"] > 0
    assert_agree(ours, reference(["--ucdp", str(codings), "--pred", str(out)], tmp_path))


@needs_score_py
def test_eval_gold_agrees_with_score_py(tmp_path):
    gold = write_gold(tmp_path / "key")
    ours, out = run_eval(tmp_path, "--gold", str(gold))
    assert ours["predicted"] > 0
    assert_agree(ours, reference(["--gold", str(gold), "--pred", str(out)], tmp_path))


@pytest.mark.slow
@needs_score_py
def test_eval_on_sixty_dev_notes_agrees_with_score_py(tmp_path):
    """Real output: the first 60 notes of the multi-country dev sample. The input eval makes from the
    rows is the one make_inputs.py made (dev-600.jsonl), line for line."""
    rows = SHARED_DIR / "eval" / "acled" / "multi" / "dev-600.csv"
    ours, out = run_eval(tmp_path, "--acled", str(rows), "--limit", "60")
    made = (out / "input.jsonl").read_text(encoding="utf-8").splitlines()
    given = (rows.with_suffix(".jsonl")).read_text(encoding="utf-8").splitlines()[:60]
    assert made == given
    assert ours["notes"] == 60
    assert_agree(ours, reference(["--acled", str(rows), "--pred", str(out), "--limit", "60"], tmp_path))


# ---------------------------------------------------------------- the command line

def _commands(parser, prefix=()):
    """Every (sub)command of the CLI, nested ones too, with its parser."""
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*prefix, name), sub, helps.get(name)
                yield from _commands(sub, (*prefix, name))


def test_every_cli_command_has_help_text():
    commands = list(_commands(build_parser()))
    assert ("eval",) in [c for c, _, _ in commands] and ("gazetteer", "import") in [c for c, _, _ in commands]
    for name, sub, help_line in commands:
        assert help_line and sub.description, f"{' '.join(name)} has no help line or description"
        for action in sub._actions:
            if action.dest != "help" and action.__class__.__name__ != "_SubParsersAction":
                assert action.help, f"{' '.join(name)} {action.dest} has no help"


def test_eval_needs_one_key():
    proc = run_cli("eval", "--pred", "x")
    assert proc.returncode == 2 and "one of the arguments --acled --ucdp --gold is required" in proc.stderr
    proc = run_cli("eval", "--acled", "no-such.csv", "--quiet")
    assert proc.returncode == 1 and "no answer key at no-such.csv" in proc.stderr


def test_a_broken_output_line_is_named_and_the_rest_scored(tmp_path):
    key = ev.load_key("acled", write_acled(tmp_path / "rows.csv"))
    pred = tmp_path / "out"
    pred.mkdir()
    good = event("TST4", event_type="Violence against civilians", sub_event_type="Attack", event_date="2021-08-02")
    (pred / "events.jsonl").write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    result = ev.evaluate(key, pred)
    assert not result.ran and result.out == pred
    assert result.scores.counts["event_type"] == [1, 6] and "events.jsonl:2" in result.problems[0]
