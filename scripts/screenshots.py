"""Refresh docs/dashboard.png and docs/report.png from the demo's output, in headless Chromium.

    scripts/demo.sh && .venv/bin/python scripts/screenshots.py [demo-out]

Serves DIR/strife.duckdb with `strife serve` on a free local port, opens the dashboard with one event's
evidence shown, and opens DIR/report.html; needs Debian's chromium and chromium-driver and selenium (the
test extras).
"""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser(profile: str, size: str):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={size}",
                 f"--user-data-dir={profile}", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def dashboard(out_dir: Path, png: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "strife", "serve", "--db", str(out_dir / "strife.duckdb"),
                               "--port", str(port), "--quiet"], stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                httpx.get(url + "/stats", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        events = httpx.get(url + "/events", params={"limit": 1000}).json()["events"]
        shown = max(events, key=lambda e: (e["n_claims"], e["fatalities"] or 0))  # the most contested event
        with tempfile.TemporaryDirectory() as profile:
            d = browser(profile, "1400,1000")
            d.get(url + "/")
            WebDriverWait(d, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
            d.find_element(By.CSS_SELECTOR, f'#events tr[data-event-id="{shown["event_id"]}"]').click()
            WebDriverWait(d, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence mark.focus"))
            d.execute_script("window.scrollTo(0, 0)")
            time.sleep(1)
            d.save_screenshot(str(png))
            d.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(out_dir: Path, png: Path) -> None:
    html = out_dir / "report.html"
    if not html.exists():
        subprocess.run([sys.executable, "-m", "strife", "report", "--db", str(out_dir / "strife.duckdb"), "--out",
                        str(html)], check=True)
    with tempfile.TemporaryDirectory() as profile:
        d = browser(profile, "1200,2200")
        d.get(html.resolve().as_uri())
        time.sleep(1)
        d.save_screenshot(str(png))
        d.quit()


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "demo-out"
    dashboard(out, ROOT / "docs" / "dashboard.png")
    report(out, ROOT / "docs" / "report.png")
    print("wrote docs/dashboard.png and docs/report.png", file=sys.stderr)
