"""The situation report: self-contained HTML (no network) and Markdown, from a real store."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_serve import shared_store

from strife import report


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return shared_store(tmp_path_factory)


@pytest.fixture(scope="module")
def html_report(store, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = subprocess.run([sys.executable, "-m", "strife", "report", "--db", str(store), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


def _events(store):
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        return [json.loads(r[0]) for r in con.execute("SELECT data FROM events").fetchall()]
    finally:
        con.close()


def test_html_is_self_contained(html_report):
    assert html_report.startswith("<!DOCTYPE html>")
    assert "<script" not in html_report and "<link" not in html_report and "<img" not in html_report
    assert not re.search(r"""\bsrc\s*=""", html_report)
    assert "@import" not in html_report and "url(" not in html_report
    # the only remote addresses are the sources' own links, which load nothing
    for m in re.finditer(r"https?://[^\s'\"<>]+", html_report):
        before = html_report[max(0, m.start() - 7):m.start()]
        assert "href=" in before or m.group().startswith("http://www.w3.org/"), m.group()


def test_html_sections(store, html_report):
    events = _events(store)
    for anchor in ("map", "timeline", "incidents", "contested", "tallies", "sources"):
        assert f"id='{anchor}'" in html_report, anchor
    assert html_report.count("<svg class=\"map\"") == 1
    assert 'class="land"' in html_report, "country outlines drawn"
    markers = re.findall(r'<circle class="marker[^"]*"[^>]*data-event-id="([^"]+)"', html_report)
    clustered = [i for ids in re.findall(r'<g class="cluster"[^>]*data-event-ids="([^"]+)"', html_report) for i in ids.split()]
    assert markers or clustered
    assert sorted(markers + clustered) == sorted(e["event_id"] for e in events if e.get("latitude") is not None)
    assert "svg class=\"chart timeline\"" in html_report
    rows = re.findall(r"<tr id='ev-([^']+)'", html_report)
    assert sorted(rows) == sorted(e["event_id"] for e in events), "every event in the incidents table"
    for doc in ("2025-06-10_pemba-herald_macomia-attack", "2025-06-13_zambezi-tribune_rwanda-strike-mbau"):
        assert doc in html_report


def _ev(eid, lat, lon, fatalities=0, precision=1, location="Town A", admin1="Cabo Delgado"):
    return {"event_id": eid, "event_date": "2025-06-10", "event_type": "Battles", "sub_event_type": "Armed clash",
            "latitude": lat, "longitude": lon, "geo_precision": precision, "fatalities": fatalities,
            "location": location, "admin1": admin1, "country": "Mozambique"}


def test_report_map_clusters_labels_rings_and_regions():
    """Co-located events become one numbered cluster; a lone province-level event is a ring; each place is
    labelled; the region with events is shaded and its neighbours outlined."""
    events = [_ev("A1", -11.35, 40.35, 5), _ev("A2", -11.35, 40.35, 2), _ev("A3", -11.351, 40.352),
              _ev("B1", -13.0, 38.8, 1, location="Town B"),
              _ev("P1", -12.6, 39.7, 0, precision=3, location=None)]
    svg, off = report.map_svg(events)
    assert off == []
    (count, ids), = re.findall(r'<g class="cluster" data-count="(\d+)" data-event-ids="([^"]+)"', svg)
    assert int(count) == 3 and set(ids.split()) == {"A1", "A2", "A3"}
    assert re.findall(r'<text x="[\d.]+" y="[\d.]+">(\d+)</text>', svg) == ["3"], "the cluster shows its count"
    assert re.findall(r'<circle class="marker ring" fill="none"[^>]*data-event-id="([^"]+)"', svg) == ["P1"]
    assert re.findall(r'<circle class="marker" fill[^>]*data-event-id="([^"]+)"', svg) == ["B1"]
    labels = re.findall(r'<text class="place-label( region)?"[^>]*>([^<]+)</text>', svg)
    assert sorted(labels) == [("", "Town A"), ("", "Town B"), (" region", "Cabo Delgado")]
    shaded = re.findall(r'<path class="admin1 shaded"[^>]*data-admin1="([^"]+)"', svg)
    assert shaded == ["Cabo Delgado"]
    assert len(re.findall(r'<path class="admin1"', svg)) >= 2, "neighbouring regions outlined"


def test_region_shading_classes():
    assert report.shade_class(0, 10) == -1
    assert report.shade_class(1, 10) < report.shade_class(5, 10) < report.shade_class(10, 10) == len(report.SHADES) - 1


def test_marker_size_grows_with_fatalities():
    far = [_ev("S0", -10.0, 36.0, 0), _ev("S5", -12.0, 38.0, 5), _ev("S50", -14.0, 40.0, 50)]
    svg, _ = report.map_svg(far)
    sizes = {eid: float(r) for r, eid in re.findall(r'<circle class="marker"[^>]*r="([\d.]+)" data-event-id="([^"]+)"', svg)}
    assert sizes["S0"] < sizes["S5"] < sizes["S50"]
    assert report.marker_radius(None) == report.marker_radius(0) < report.marker_radius(5) < report.marker_radius(50)


def test_contested_figures_side_by_side():
    events = [{"event_id": "E1", "event_date": "2025-06-10", "location": "Chai", "country": "Mozambique",
               "sub_event_type": "Attack", "event_type": "Violence against civilians", "fatalities": 7,
               "fatalities_low": 7, "fatalities_high": 12, "latitude": -12, "longitude": 40, "mentions": [],
               "claims": [
                   {"claimant": "district administrator", "figure": "fatalities", "value": 7, "qualifier": "at least",
                    "doc_id": "d1", "sentence": "At least seven were killed, the administrator said.", "party_to_conflict": False},
                   {"claimant": "Islamic State", "figure": "fatalities", "value": 12, "qualifier": None,
                    "doc_id": "d2", "sentence": "Islamic State claimed it killed 12 <Christians>.", "party_to_conflict": True},
                   {"claimant": "residents", "figure": "injured", "value": 4, "qualifier": None, "doc_id": "d1",
                    "sentence": "Four were injured."}]}]
    docs = [{"doc_id": "d1", "outlet": "Pemba Herald", "published": "2025-06-11", "status": "ok"},
            {"doc_id": "d2", "outlet": "Amaq", "published": "2025-06-11", "status": "ok"}]
    tallies = [{"claimant": "monitors", "subject": "people killed", "value": 60, "qualifier": "more than",
                "as_of": "2025-06-11", "period_start": "2025-06-01", "period_end": "2025-06-11", "doc_id": "d1",
                "sentence": "More than 60 killed this month."},
               {"claimant": "monitors", "subject": "people killed", "value": 75, "qualifier": "more than",
                "as_of": "2025-06-14", "period_start": "2025-06-01", "period_end": "2025-06-14", "doc_id": "d2",
                "sentence": "More than 75 killed this month."}]
    cont = report.contested(events)
    assert [(c[0]["event_id"], c[1]) for c in cont] == [("E1", "fatalities")], "injured has one claim: not contested"
    data = report.ReportData(events=events, tallies=tallies, documents=docs, generated="now")
    data.period = report.report_period(events, docs)
    out = report.render_html(data)
    block = out[out.index("id='contested'"):out.index("id='tallies'")]
    assert len(re.findall(r"class='side( party-claim)?'", block)) == 2
    assert "side party-claim" in block and "class='tag party'" in block
    assert "&lt;Christians&gt;" in block and "<Christians>" not in block
    assert block.index("district administrator") < block.index("Islamic State")
    tally_block = out[out.index("id='tallies'"):out.index("id='sources'")]
    assert "svg class=\"chart tally\"" in tally_block and "<polyline" in tally_block
    md = report.render_markdown(data)
    assert "## Contested figures" in md and "| Islamic State | 12 | **party** |" in md


def test_markdown_format(store, tmp_path):
    out = tmp_path / "report.txt"
    proc = subprocess.run([sys.executable, "-m", "strife", "report", "--db", str(store), "--out", str(out),
                           "--format", "md"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    for heading in ("# Situation report", "## Where", "## Timeline", "## Incidents", "## Contested figures",
                    "## Tallies over time", "## Sources"):
        assert heading in md
    for e in _events(store):
        assert e["event_id"] in md
    # .md suffix picks Markdown without --format
    out2 = tmp_path / "r.md"
    report.write_report(store, out2)
    assert out2.read_text(encoding="utf-8").startswith("# Situation report")


def test_missing_store_is_a_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "strife", "report", "--db", str(tmp_path / "none.duckdb"), "--out",
                           str(tmp_path / "r.html")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "no store" in proc.stderr


def test_fit_view_contains_points_with_margin():
    pts = [(40.0, -12.0), (40.5, -11.3), (39.5, -13.4)]
    v = report.fit_view(pts)
    for lon, lat in pts:
        x, y = v.xy(lon, lat)
        assert 10 < x < v.width - 10 and 10 < y < v.height - 10
    assert 300 <= v.height <= 560
    single = report.fit_view([(10.0, 10.0)])
    assert single.lon1 - single.lon0 >= 2
    assert report.core_points(pts + [(-83.0, 42.0)] * 1 + [(40.1, -12.1)] * 5) != pts + [(-83.0, 42.0)]


def test_world_outlines_bundled():
    world = report.load_world()
    assert len(world) > 150
    names = {c["name"] for c in world}
    assert {"Mozambique", "Syria", "Turkey"} <= names
    assert (report.STATIC / "world.geojson").stat().st_size < 1_500_000
