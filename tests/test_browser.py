"""The dashboard, the API docs and the report in Debian's headless Chromium, driven by selenium, with the
network blocked: every request that is not to 127.0.0.1 goes to a proxy on a closed local port and fails,
so a page that needs a CDN or a tile server shows it here.

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt packages chromium and chromium-driver; .ci/run
installs them). With STRIFE_SCREENSHOTS=1 the screenshots go to docs/dashboard.png and docs/report.png,
otherwise into the test's tmp_path.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest

from test_serve import ROOT, Server, shared_store

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")


def shot_path(tmp_path: Path, name: str) -> Path:
    if os.environ.get("STRIFE_SCREENSHOTS") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        return ROOT / "docs" / name
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
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(cond)


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


def test_dashboard_map_click_shows_evidence(server, browser, tmp_path):
    """Loads /, sees the map's markers, clicks one, sees the event's evidence sentence highlighted."""
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    markers = browser.find_elements(By.CSS_SELECTOR, "#map svg circle.marker")
    assert markers, "the map shows event markers"
    assert browser.find_elements(By.CSS_SELECTOR, "#map svg path.land"), "country outlines drawn"
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event-id]")
    assert rows, "the table lists events"
    target = markers[-1]  # drawn last: on top, so a real click lands on it
    event_id = target.get_attribute("data-event-id")
    target.click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence mark.focus"))
    event = httpx.get(f"{server.url}/events/{event_id}").json()
    sentences = {" ".join(m["sentence"].split()) for m in event["mentions"]}
    marked = [" ".join(m.text.split()) for m in browser.find_elements(By.CSS_SELECTOR, "#evidence mark.focus")]
    assert any(s in sentences or any(s and s in x for x in sentences) for s in marked), (marked, sentences)
    assert browser.find_element(By.ID, "panel").is_displayed()
    assert event_id in browser.find_element(By.ID, "panel-body").text
    if event["claims"]:
        assert browser.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
    assert "selected" in target.get_attribute("class")
    assert only_local_requests(browser, server.url) == [], "the dashboard fetched something remote"
    browser.execute_script("window.scrollTo(0, 0)")  # map in view; the sticky panel keeps its evidence scrolled
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
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map svg circle.marker")) <= len(rows)
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
    assert browser.find_elements(By.CSS_SELECTOR, "svg.map circle.marker")
    assert browser.find_element(By.CSS_SELECTOR, "svg.timeline").is_displayed()
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    browser.set_window_size(1200, 2200)
    path = shot_path(tmp_path, "report.png")
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
    browser.set_window_size(1400, 1000)
