"""The API against a real uvicorn on 127.0.0.1, over a store built once per session from sample reports."""
from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "samples" / n for n in (
    "2025-06-10_pemba-herald_macomia-attack.txt",
    "2025-06-11_rovuma-daily_n380-roadside-bomb.html",
    "2025-06-13_pemba-herald_mbau-strike.txt",
    "2025-06-13_zambezi-tribune_rwanda-strike-mbau.html",
)] + [ROOT / "tests" / "fixtures" / "province" / "2025-05-28_rovuma-daily_patrol-ambush.txt"]  # placed only in a province
TOKEN = "test-token-0123456789"
_STORE: dict[str, Path] = {}


def shared_store(tmp_path_factory) -> Path:
    """One `strife extract` run per test session (it costs ~30 s), reused by every test module."""
    if "db" not in _STORE:
        out = tmp_path_factory.mktemp("store")
        proc = subprocess.run([sys.executable, "-m", "strife", "extract", *map(str, SAMPLES), "--out", str(out), "--quiet"],
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode in (0, 2), proc.stderr
        _STORE["db"] = out / "strife.duckdb"
        assert _STORE["db"].exists()
    return _STORE["db"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`strife serve` in a subprocess on a free port; stopped by its own pid."""

    def __init__(self, db: Path, env: dict | None = None, args: tuple[str, ...] = ()):
        self.port = free_port()
        self.log_path = db.parent / f"serve-{self.port}.log"
        self.log = open(self.log_path, "w")
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if k not in ("STRIFE_API_TOKEN", "STRIFE_MAX_BODY")}
        full_env.update(env or {})
        self.proc = subprocess.Popen([sys.executable, "-m", "strife", "serve", "--db", str(db), "--port", str(self.port), *args],
                                     env=full_env, stdout=subprocess.DEVNULL, stderr=self.log, text=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.log.close()
                raise RuntimeError(f"strife serve exited: {self.log_path.read_text()}")
            try:
                if httpx.get(self.url + "/stats", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("strife serve did not come up in 60 s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    return shared_store(tmp_path_factory)


@pytest.fixture(scope="session")
def server(store):
    """Read-only server: STRIFE_API_TOKEN not set."""
    s = Server(store)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def token_server(store, tmp_path_factory):
    """A server with STRIFE_API_TOKEN set, on its own copy of the store (POST tests write to it)."""
    copy = tmp_path_factory.mktemp("writable") / "strife.duckdb"
    shutil.copy(store, copy)
    s = Server(copy, env={"STRIFE_API_TOKEN": TOKEN})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


# ---------------------------------------------------------------------------------------------- reads
def test_stats(client):
    r = client.get("/stats")
    assert r.status_code == 200
    s = r.json()
    assert s["events"] > 0 and s["documents"] == len(SAMPLES)
    assert s["fatalities"] >= 0 and s["by_event_type"] and s["by_country"]
    assert sum(x["events"] for x in s["by_event_type"]) == s["events"]
    assert s["first_date"] <= s["last_date"]


def test_events_paginated(client):
    total = client.get("/events", params={"limit": 1000}).json()["total"]
    seen = []
    for offset in range(0, total, 3):
        page = client.get("/events", params={"limit": 3, "offset": offset}).json()
        assert page["limit"] == 3 and page["offset"] == offset and page["total"] == total
        seen += [e["event_id"] for e in page["events"]]
    assert len(seen) == total == len(set(seen))
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/events", params={"limit": 5000}).status_code == 422


def test_events_filters(client):
    every = client.get("/events", params={"limit": 1000}).json()["events"]
    assert every, "the sample store has events"
    e = next(x for x in every if x.get("country") and x.get("admin1") and x.get("latitude") is not None)

    def ids(**params):
        body = client.get("/events", params={"limit": 1000, **params}).json()
        assert body["total"] == len(body["events"])
        return {x["event_id"] for x in body["events"]}

    assert ids(country=e["country"]) == {x["event_id"] for x in every if x["country"] == e["country"]}
    assert ids(country=e["country"].upper()) == ids(country=e["country"])
    assert ids(admin1=e["admin1"]) == {x["event_id"] for x in every if x["admin1"] == e["admin1"]}
    assert ids(event_type=e["event_type"]) == {x["event_id"] for x in every if x["event_type"] == e["event_type"]}
    assert ids(date_from=e["event_date"], date_to=e["event_date"]) == {
        x["event_id"] for x in every if x["event_date"] == e["event_date"]}
    assert ids(min_fatalities=5) == {x["event_id"] for x in every if (x["fatalities"] or 0) >= 5}
    bbox = f"{e['longitude'] - 0.01},{e['latitude'] - 0.01},{e['longitude'] + 0.01},{e['latitude'] + 0.01}"
    assert e["event_id"] in ids(bbox=bbox)
    assert all(abs(x["latitude"] - e["latitude"]) <= 0.011 for x in every if x["event_id"] in ids(bbox=bbox))
    actor = (e.get("actor1") or "").split(" ")[0]
    if actor:
        assert e["event_id"] in ids(actor=actor.lower())
    assert ids(country="Atlantis") == set()
    bad = client.get("/events", params={"bbox": "1,2,3"})
    assert bad.status_code == 422 and "bbox" in bad.json()["message"]
    assert client.get("/events", params={"date_from": "yesterday"}).status_code == 422


def test_event_detail(client):
    first = client.get("/events", params={"limit": 1000}).json()["events"]
    e = max(first, key=lambda x: x.get("n_claims") or 0)
    r = client.get(f"/events/{e['event_id']}")
    assert r.status_code == 200
    full = r.json()
    assert full["event_id"] == e["event_id"]
    for key in ("mentions", "claims", "revisions", "sources", "notes"):
        assert key in full
    assert full["mentions"] and all({"doc_id", "sentence", "start", "end"} <= set(m) for m in full["mentions"])
    assert all({"claimant", "figure", "value", "doc_id", "sentence"} <= set(c) for c in full["claims"])
    missing = client.get("/events/EVnope")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/json") and "EVnope" in missing.json()["message"]


def test_document_evidence_marked(client):
    events = client.get("/events", params={"limit": 1000}).json()["events"]
    full = client.get(f"/events/{events[0]['event_id']}").json()
    m = full["mentions"][0]
    r = client.get(f"/documents/{m['doc_id']}", params={"event_id": full["event_id"]})
    assert r.status_code == 200
    doc = r.json()
    text = doc["text"]
    assert any(s["event_id"] == full["event_id"] and s["start"] == m["start"] and s["end"] == m["end"]
               for s in doc["spans"])
    assert text[m["start"]:m["end"]] == m["sentence"]
    assert '<mark class="evidence focus"' in doc["html"]
    # the HTML is the text, escaped, with marks around the spans
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", doc["html"])) == text
    focus = "".join(re.findall(r'<mark class="evidence focus"[^>]*>(.*?)</mark>', doc["html"], flags=re.S))
    assert html.unescape(focus).strip() == m["sentence"].strip() or m["sentence"].strip() in html.unescape(focus)
    assert client.get("/documents/nope").status_code == 404
    listing = client.get("/documents").json()
    assert listing["total"] == len(SAMPLES) and "text" not in listing["documents"][0]


def test_mark_spans_escapes_and_overlaps():
    from strife.serve import mark_spans

    text = "a <b> & c. Second one."
    spans = [{"start": 0, "end": 10, "event_id": "E1"}, {"start": 6, "end": 22, "event_id": "E2"}]
    out = mark_spans(text, spans, focus="E2")
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert '<mark class="evidence" data-events="E1">a &lt;b&gt; </mark>' in out
    assert '<mark class="evidence focus" data-events="E1 E2">&amp; c.</mark>' in out
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text


def test_tallies(client):
    r = client.get("/tallies")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(body["tallies"])
    for t in body["tallies"]:
        assert {"claimant", "subject", "value", "as_of", "doc_id", "sentence"} <= set(t)
    if body["tallies"]:
        subj = body["tallies"][0]["subject"]
        assert all(subj.lower() in t["subject"].lower() for t in client.get("/tallies", params={"subject": subj}).json()["tallies"])


def test_openapi_and_dashboard(client):
    spec = client.get("/openapi.json").json()
    for path in ("/events", "/events/{event_id}", "/tallies", "/documents/{doc_id}", "/stats", "/documents"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/documents"]
    assert client.get("/docs").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and "app.js" in page.text
    assert not re.search(r"""(src|href)=["']https?://""", page.text), "the dashboard must not load anything remote"
    js = client.get("/static/app.js").text
    assert "http://" not in js.replace("http://www.w3.org/2000/svg", "") and "https://" not in js
    world = client.get("/static/world.geojson")
    assert world.status_code == 200 and len(world.content) < 1_500_000


def test_post_body_documented_with_an_example_that_validates(client, token_server):
    """The OpenAPI document shows POST /documents's body with an example; the example is a valid request."""
    spec = client.get("/openapi.json").json()
    media = spec["paths"]["/documents"]["post"]["requestBody"]["content"]["application/json"]
    example = media["example"]
    assert set(example) == {"documents"} and {"id", "text"} <= set(example["documents"][0])
    assert '"documents"' in (ROOT / "README.md").read_text(encoding="utf-8"), "the README shows the body"
    r = httpx.post(f"{token_server.url}/documents", json=example, headers={"Authorization": f"Bearer {TOKEN}"},
                   timeout=300)
    assert r.status_code == 201, r.text
    assert [d["doc_id"] for d in r.json()["documents"]] == [example["documents"][0]["id"]]


@pytest.mark.parametrize("quiet", [False, True])
def test_request_log_on_by_default_and_off_with_quiet(quiet, store):
    s = Server(store, args=("--quiet",) if quiet else ())
    try:
        assert httpx.get(f"{s.url}/events", params={"limit": 3}).status_code == 200
        time.sleep(0.5)  # the log line is written after the response
    finally:
        s.stop()
    log = s.log_path.read_text()
    assert ('"GET /events?limit=3 HTTP/1.1" 200' in log) is not quiet, log
    assert "Started server process" not in log, "uvicorn's startup chatter stays off"


def test_errors_are_json(client):
    for r in (client.get("/no/such/path"), client.get("/events", params={"min_fatalities": -1}),
              client.post("/events")):
        assert r.status_code in (404, 405, 422)
        assert r.headers["content-type"].startswith("application/json")
        assert isinstance(r.json()["message"], str) and r.json()["message"]


# ---------------------------------------------------------------------------------------------- writes
DOC = {"id": "api-test-1", "published": "2025-06-15", "outlet": "Test Wire", "title": "Attack near Macomia",
       "text": "Insurgents attacked the village of Chai in Macomia district, Cabo Delgado, on Saturday, killing "
               "five civilians, the district administrator said."}


def test_post_is_401_without_configured_token(client):
    for headers in ({}, {"Authorization": "Bearer anything"}, {"Authorization": f"Bearer {TOKEN}"}):
        r = client.post("/documents", json={"documents": [DOC]}, headers=headers)
        assert r.status_code == 401, r.text
        assert "STRIFE_API_TOKEN" in r.json()["message"]
    # a bad body does not get past the token check either
    assert client.post("/documents", content=b"not json").status_code == 401


def test_post_needs_the_right_token(token_server):
    with httpx.Client(base_url=token_server.url, timeout=30) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}):
            r = c.post("/documents", json={"documents": [DOC]}, headers=headers)
            assert r.status_code == 401 and r.json()["message"]
            assert r.headers.get("www-authenticate") == "Bearer"
        auth = {"Authorization": f"Bearer {TOKEN}"}
        bad = c.post("/documents", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
        assert bad.status_code == 422 and bad.json()["message"].startswith("invalid request")
        empty = c.post("/documents", json={"documents": []}, headers=auth)
        assert empty.status_code == 422


def test_post_body_limit(token_server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"documents": [{**DOC, "text": "x" * 1_100_000}]}
    with httpx.Client(base_url=token_server.url, timeout=30) as c:
        r = c.post("/documents", json=big, headers=auth)
        assert r.status_code == 413 and "too large" in r.json()["message"]

        def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(12):
                yield b"x" * 100_000

        r = c.post("/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413


@pytest.mark.slow
def test_post_ingests_and_fuses(token_server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=token_server.url, timeout=300) as c:
        before = c.get("/stats").json()
        r = c.post("/documents", json={"documents": [DOC]}, headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["documents"][0]["doc_id"] == DOC["id"] and body["documents"][0]["status"] == "ok"
        after = c.get("/stats").json()
        assert after["documents"] == before["documents"] + 1
        doc = c.get(f"/documents/{DOC['id']}").json()
        assert doc["text"].startswith("Insurgents attacked") and doc["outlet"] == "Test Wire"
        for eid in body["events"]:
            ev = c.get(f"/events/{eid}").json()
            assert any(m["doc_id"] == DOC["id"] for m in ev["mentions"])


@pytest.mark.slow
def test_post_same_document_again_changes_nothing(token_server):
    """Runs after test_post_ingests_and_fuses (file order): the same document again changes nothing."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=token_server.url, timeout=300) as c:
        before = c.get("/stats").json()
        again = c.post("/documents", json={"documents": [DOC]}, headers=auth)
        assert again.status_code == 201, again.text
        after = c.get("/stats").json()
        assert (after["events"], after["documents"]) == (before["events"], before["documents"])


# ---------------------------------------------------------------------------------------------- schemathesis
def test_schemathesis_no_server_errors(server):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    tested = 0
    for result in schema.get_all_operations():
        op = result.ok()

        @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def check(case):
            case.call_and_validate(checks=[not_a_server_error], timeout=30)

        check()
        tested += 1
    assert tested >= 6
