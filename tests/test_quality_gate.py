"""The ratchet: scores on the answer keys in ../shared may only go up. Floors are the scores reached;
raise them when a change improves a score. Skipped when ../shared is not beside the project."""
import hashlib
import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED, run_cli

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not present")

SEEDS_FLOORS = {"f1": 0.97, "recall": 1.0, "tally_leaks_max": 0, "duplicates_max": 0, "tallies_found": 9,
               "actor1_acc": 0.94, "actor2_acc": 0.94}
# Kenya is not trained on: an out-of-training check. Its floors came down from the rules tuned on these
# very notes (type 0.87, inter1 0.75) when the learned model raised the multi-country dev set by more.
# The learned model's actor types with the first actor the rules found, and its event type with the
# rules' type on near ties, raised them to type 0.833, inter1 0.727 (the rules were written on these
# notes, so the gain is not an unbiased one); a riot led by a named armed group coded as a battle
# (eleventh session, from ACLED's codebook, checked on the whole dev split) to type 0.838.
KENYA_FLOORS = {"event_type": 0.838, "date": 0.95, "inter1": 0.72, "inter2": 0.69, "fatalities": 0.86}
# blind-1000 is never chosen by: scored once at the end of a session's work, its floors only keep a
# later change from losing what was reached there (issue 12's targets: 0.94, 0.88, 0.92, 0.88).
BLIND_FLOORS = {"event_type": 0.94, "sub_event_type": 0.9, "inter1": 0.92, "inter2": 0.885, "fatalities": 0.96,
                "within_25km": 0.83, "admin1": 0.91}
# UCDP's news articles, the two thirds we choose on (an article is held out when the MD5 of its id is
# divisible by 3): issue 13's goals (found 0.85, deaths 0.70), reached in the nineteenth session (found
# 0.853, deaths 0.702, date 0.967, country 0.976, 2.0 events per article), events per article as a ceiling
# (issue 13's goal, 2.0).
UCDP_DEV_FLOORS = {"found": 0.85, "deaths": 0.70, "date": 0.96, "country": 0.97}
UCDP_DEV_EVENTS_PER_ARTICLE_MAX = 2.0
# (sixteenth session: fatalities 0.958 -> 0.962 and sub-event type 0.875 -> 0.877 on dev-600, blind-1000's
# fatalities 0.958 -> 0.965, from a protest's dead told as its grievance and coders' closing counts)
# (eighteenth session: sub-event type 0.877 -> 0.878 and fatalities 0.962 -> 0.963, from the rules' sub-event
# type tipping close calls and figures told as "shot dead a farmer", "claimed the lives of", "succumbed to")
DEV_FLOORS = {"event_type": 0.935, "sub_event_type": 0.876, "inter1": 0.915, "inter2": 0.86, "detected": 0.99,
              "fatalities": 0.96, "within_25km": 0.84, "admin1": 0.928}


def score(args, tmp_path):
    js = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), *args, "--json", str(js), "--quiet"],
                   check=True, cwd=ROOT, capture_output=True)
    return json.loads(js.read_text())


@pytest.mark.slow
def test_seeds_floor(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("extract", str(SHARED / "seeds" / "seeds.jsonl"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    res = score(["--gold", str(SHARED / "eval" / "seeds.gold.json"), "--pred", str(out)], tmp_path)
    assert res["f1"] >= SEEDS_FLOORS["f1"]
    assert res["recall"] >= SEEDS_FLOORS["recall"]
    assert res["tally_leaks"] <= SEEDS_FLOORS["tally_leaks_max"]
    assert res["tallies_found"] >= SEEDS_FLOORS["tallies_found"]
    assert res["duplicates"] <= SEEDS_FLOORS["duplicates_max"]
    assert res["actor1_acc"] >= SEEDS_FLOORS["actor1_acc"] and res["actor2_acc"] >= SEEDS_FLOORS["actor2_acc"]


@pytest.mark.slow
def test_kenya_floor(tmp_path):
    out = tmp_path / "k"
    proc = run_cli("extract", str(SHARED / "eval" / "acled" / "kenya-sample-600.jsonl"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    res = score(["--acled", str(SHARED / "eval" / "acled" / "kenya-sample-600.csv"), "--pred", str(out)], tmp_path)
    for key, floor in KENYA_FLOORS.items():
        assert res[key] >= floor, (key, res[key])


@pytest.mark.slow
@pytest.mark.parametrize("sample,floors", [("dev-600", DEV_FLOORS), ("blind-1000", BLIND_FLOORS)])
def test_multi_country_floor(sample, floors, tmp_path):
    multi = SHARED / "eval" / "acled" / "multi"
    out = tmp_path / "out"
    proc = run_cli("extract", str(multi / f"{sample}.jsonl"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    res = score(["--acled", str(multi / f"{sample}.csv"), "--pred", str(out)], tmp_path)
    for key, floor in floors.items():
        assert res[key] >= floor, (key, res[key])


def _ucdp_dev(path, out):
    """The UCDP codings we choose on (not held out) written to path, and their articles as input."""
    codings = [line for line in (SHARED / "eval" / "ucdp" / "ucdp-aec-dev.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip() and int(hashlib.md5(str(json.loads(line)["id"]).encode()).hexdigest(), 16) % 3]
    path.write_text("\n".join(codings) + "\n", encoding="utf-8")
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(SHARED / "eval" / "make_inputs.py"), "--ucdp", str(path)], check=True,
                       stdout=f)
    return len(codings)


@pytest.mark.slow
def test_ucdp_dev_floor(tmp_path):
    codings, articles = tmp_path / "codings.jsonl", tmp_path / "articles.jsonl"
    assert _ucdp_dev(codings, articles) == 245
    out = tmp_path / "out"
    proc = run_cli("extract", str(articles), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    res = score(["--ucdp", str(codings), "--pred", str(out)], tmp_path)
    for key, floor in UCDP_DEV_FLOORS.items():
        assert res[key] >= floor, (key, res[key])
    assert res["events_per_article"] <= UCDP_DEV_EVENTS_PER_ARTICLE_MAX
