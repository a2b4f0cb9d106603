"""The dashboard, the API docs and the report in Debian's headless Chromium, driven by selenium, with the
network blocked: every request that is not to 127.0.0.1 goes to a proxy on a closed local port and fails,
so a page that needs a CDN or a tile server shows it here.

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt packages chromium and chromium-driver; .ci/run
installs them).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from test_serve import Server, shared_store

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")


def shot_path(tmp_path: Path, name: str) -> Path:
    """Screenshots of the test store go to the test's folder; docs/*.png come from the demo's output
    (scripts/screenshots.py)."""
    return tmp_path / name


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(shared_store(tmp_path_factory))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    profile = tempfile.TemporaryDirectory(prefix="strife-chromium-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000", f"--user-data-dir={profile.name}",
                 # the network blocked: everything but loopback goes to a closed port (port 9, discard)
                 "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    profile.cleanup()


def wait(driver, cond, timeout=30):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the map redraws while we read it: an element gone stale means "not yet", not a failure
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(cond)


def only_local_requests(driver, base: str) -> list[str]:
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [u for u in urls if not u.startswith(base)]


def test_the_network_is_blocked(server, browser):
    """The premise of the offline tests: a remote script cannot load in this browser, a local one can."""
    browser.get(server.url + "/")
    status = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const load = (src) => new Promise((ok) => { const s = document.createElement('script'); s.src = src;
            s.onload = () => ok('loaded'); s.onerror = () => ok('failed'); document.head.appendChild(s); });
        Promise.all([load('https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js'),
                     load('/static/app.js')]).then(done);""")
    assert status == ["failed", "loaded"]


def test_api_docs_render_offline(server, browser):
    """/docs draws Swagger UI (its title and the operations) from the package's files, nothing remote."""
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/docs")
    title = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info .title"))
    assert "strife" in title[0].text
    ops = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock .opblock-summary-path"))
    paths = {o.text.replace("\u200b", "") for o in ops}
    assert {"/events", "/documents", "/stats"} <= paths, paths
    assert only_local_requests(browser, server.url) == []


def open_dashboard(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")


def all_events(server) -> list[dict]:
    return httpx.get(f"{server.url}/events", params={"limit": 1000}).json()["events"]


def set_clustering(browser, on: bool) -> None:
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.ID, "cluster")
    if box.is_selected() != on:
        box.click()


def test_dashboard_map_click_shows_evidence(server, browser, tmp_path):
    """Loads /, sees the map's markers, clicks one, sees the event's evidence sentence highlighted."""
    from selenium.webdriver.common.by import By

    open_dashboard(browser, server)
    set_clustering(browser, False)
    markers = browser.find_elements(By.CSS_SELECTOR, "#map .ev[data-event-id]")
    assert markers, "the map shows event markers"
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.land"), "country outlines drawn"
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event-id]")
    assert rows, "the table lists events"
    target = max(markers, key=lambda m: int(m.find_element(By.XPATH, "..").value_of_css_property("z-index") or 0))
    event_id = target.get_attribute("data-event-id")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence mark.focus"))
    event = httpx.get(f"{server.url}/events/{event_id}").json()
    sentences = {" ".join(m["sentence"].split()) for m in event["mentions"]}
    marked = [" ".join(m.text.split()) for m in browser.find_elements(By.CSS_SELECTOR, "#evidence mark.focus")]
    assert any(s in sentences or any(s and s in x for x in sentences) for s in marked), (marked, sentences)
    assert browser.find_element(By.ID, "panel").is_displayed()
    assert event_id in browser.find_element(By.ID, "panel-body").text
    if event["claims"]:
        assert browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    selected = browser.find_element(By.CSS_SELECTOR, f'#map .ev[data-event-id="{event_id}"]')
    assert "selected" in selected.get_attribute("class")
    assert only_local_requests(browser, server.url) == [], "the dashboard fetched something remote"


def test_map_zooms_and_pans(server, browser):
    """The zoom buttons change the scale and a drag moves the map (Leaflet, served by strife)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_dashboard(browser, server)

    def spread():  # the largest distance between two place labels, in screen pixels
        pts = [(r["x"], r["y"]) for r in browser.execute_script(
            "return [...document.querySelectorAll('#map .place-label')].map(e => e.getBoundingClientRect())")]
        return max(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for a in pts for b in pts)

    before = spread()
    assert before > 0, "two places at least"
    browser.find_element(By.CSS_SELECTOR, ".leaflet-control-zoom-in").click()
    wait(browser, lambda d: spread() > 1.8 * before)  # one zoom step doubles distances
    pane = browser.find_element(By.CSS_SELECTOR, ".leaflet-map-pane")
    moved_from = pane.value_of_css_property("transform")
    ActionChains(browser).move_to_element(browser.find_element(By.ID, "map")).click_and_hold() \
        .move_by_offset(120, 60).move_by_offset(40, 20).release().perform()
    wait(browser, lambda d: pane.value_of_css_property("transform") != moved_from)


def test_map_clusters_count_their_events_and_rings_mark_province_level_events(server, browser):
    """Clustered: each cluster's number is how many events it holds, so clusters and single markers add up
    to the events with coordinates. Unclustered: one marker per event, a ring for geo_precision 3."""
    from selenium.webdriver.common.by import By

    events = [e for e in all_events(server) if e["latitude"] is not None]
    def drawn():
        # textContent, not .text: Selenium gives "" for a cluster it does not count as displayed
        counts = [int(c.get_attribute("textContent") or 0)
                  for c in browser.find_elements(By.CSS_SELECTOR, "#map .marker-cluster span")]
        return counts, browser.find_elements(By.CSS_SELECTOR, "#map .ev[data-event-id]")

    open_dashboard(browser, server)
    set_clustering(browser, True)
    # markercluster redraws asynchronously: wait until the map holds every event before reading it
    wait(browser, lambda d: sum(drawn()[0]) + len(drawn()[1]) == len(events))
    counts, singles = drawn()
    assert counts and all(n >= 2 for n in counts), "co-located events are clustered, not stacked"
    assert sum(counts) + len(singles) == len(events)
    set_clustering(browser, False)
    wait(browser, lambda d: not drawn()[0] and len(drawn()[1]) == len(events))
    markers = browser.find_elements(By.CSS_SELECTOR, "#map .ev[data-event-id]")
    assert sorted(m.get_attribute("data-event-id") for m in markers) == sorted(e["event_id"] for e in events)
    rings = {m.get_attribute("data-event-id") for m in browser.find_elements(By.CSS_SELECTOR, "#map .ev.ring")}
    assert rings == {e["event_id"] for e in events if e["geo_precision"] == 3}
    assert rings, "the sample store has province-level events"
    ring = browser.find_element(By.CSS_SELECTOR, "#map .ev.ring")
    assert ring.value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")


def test_map_labels_places_and_shades_their_regions(server, browser):
    """Every place with events is labelled; the admin1 regions with events are shaded, by events or by
    fatalities, and the two shadings differ where the counts do."""
    from selenium.webdriver.common.by import By

    events = [e for e in all_events(server) if e["latitude"] is not None]
    open_dashboard(browser, server)
    labels = {x.get_attribute("textContent") for x in browser.find_elements(By.CSS_SELECTOR, "#map .place-label")}
    assert {e["location"] or e["admin1"] for e in events} <= labels
    shown = [x.rect for x in browser.find_elements(By.CSS_SELECTOR, "#map .place-label") if x.is_displayed()]
    assert shown and not any(a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and
                             a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
                             for i, a in enumerate(shown) for b in shown[i + 1:]), "labels do not overprint"
    shaded = {p.get_attribute("data-admin1") for p in browser.find_elements(By.CSS_SELECTOR, "#map path.admin1.shaded")}
    assert shaded == {e["admin1"] for e in events if e["admin1"]}
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.admin1")) > len(shaded), "unshaded neighbours drawn"
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "shade-by")).select_by_value("fatalities")
    killed = {e["admin1"] for e in events if e["admin1"] and (e["fatalities"] or 0) > 0}
    wait(browser, lambda d: {p.get_attribute("data-admin1") for p in
                             d.find_elements(By.CSS_SELECTOR, "#map path.admin1.shaded")} == killed)


def test_fatalities_by_type_and_actor_totals_match_the_events(server, browser):
    from collections import Counter

    from selenium.webdriver.common.by import By

    events = all_events(server)
    open_dashboard(browser, server)
    drawn = Counter()
    for r in browser.find_elements(By.CSS_SELECTOR, "#fatalities-chart rect.fat-bar"):
        drawn[r.get_attribute("data-type")] += int(r.get_attribute("data-value"))
    expected = Counter()
    for e in events:
        if e["event_date"] and e["fatalities"]:
            expected[e["event_type"]] += e["fatalities"]
    assert drawn == expected and sum(expected.values()) > 0
    rows = {r.get_attribute("data-actor"): [int(x.text) for x in r.find_elements(By.CSS_SELECTOR, "td.num")]
            for r in browser.find_elements(By.CSS_SELECTOR, "#actors tbody tr[data-actor]")}
    actor = events[0]["actor1"]
    mine = [e for e in events if actor in {e["actor1"], e["actor2"], e["assoc_actor_1"], e["assoc_actor_2"]}]
    assert rows[actor] == [len(mine), sum(e["fatalities"] or 0 for e in mine)]


def test_downloads_hold_the_filtered_events(server, browser, tmp_path):
    """After a filter, the CSV and GeoJSON buttons download exactly the events that match it."""
    import csv
    import json
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_dashboard(browser, server)
    stats = httpx.get(f"{server.url}/stats").json()
    etype = stats["by_event_type"][0]["value"]
    Select(browser.find_element(By.NAME, "event_type")).select_by_value(etype)
    browser.execute_script("document.body.dataset.ready = '0'")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    expected = {e["event_id"] for e in all_events(server) if e["event_type"] == etype}
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    for link, name in (("download-csv", "events.csv"), ("download-geojson", "events.geojson")):
        browser.find_element(By.ID, link).click()
        deadline = time.time() + 20
        while not (tmp_path / name).exists() and time.time() < deadline:
            time.sleep(0.2)
        assert (tmp_path / name).exists(), f"{name} was not downloaded"
    with open(tmp_path / "events.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["event_id"] for r in rows} == expected and {r["event_type"] for r in rows} == {etype}
    gj = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    with_coords = {r["event_id"] for r in rows if r["latitude"]}
    assert {f["properties"]["event_id"] for f in gj["features"]} == with_coords


def test_dashboard_screenshot(server, browser, tmp_path):
    open_dashboard(browser, server)
    browser.execute_script("window.scrollTo(0, 0)")
    out = shot_path(tmp_path, "dashboard.png")
    assert browser.save_screenshot(str(out)) and out.stat().st_size > 10_000


def test_dashboard_filter_and_table_click(server, browser):
    """Filters by event type, every row then has that type; clicking a row opens its panel with its claims."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    stats = httpx.get(f"{server.url}/stats").json()
    etype = stats["by_event_type"][0]
    Select(browser.find_element(By.NAME, "event_type")).select_by_value(etype["value"])
    browser.execute_script("document.body.dataset.ready = '0'")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event-id]")
    assert len(rows) == min(etype["events"], 200)
    assert all(etype["value"] in r.text for r in rows)
    set_clustering(browser, False)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map .ev[data-event-id]")) <= len(rows)
    rows[0].click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence .doc h4"))
    assert rows[0].get_attribute("data-event-id") in browser.find_element(By.ID, "panel-body").text


def test_report_renders_offline(browser, tmp_path, tmp_path_factory):
    """The HTML report opens from a file with its map and charts, fetching nothing; saves its screenshot."""
    from selenium.webdriver.common.by import By

    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "strife", "report", "--db", str(shared_store(tmp_path_factory)),
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    browser.get(out.as_uri())
    svg = browser.find_element(By.CSS_SELECTOR, "svg.map")
    assert svg.is_displayed() and svg.size["width"] > 300
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map circle.marker, svg.map g.cluster")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map text.place-label")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map path.admin1.shaded")
    assert browser.find_element(By.CSS_SELECTOR, "svg.timeline").is_displayed()
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    browser.set_window_size(1200, 2200)
    path = shot_path(tmp_path, "report.png")
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
    browser.set_window_size(1400, 1000)
