"""WARC / WARC.gz and RSS / Atom inputs (strife.formats), read through ingest like every other format."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from strife.ingest import clean_text, ingest, read_path
from strife.models import Document, InputProblem

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
HTML_SAMPLES = sorted(SAMPLES.glob("*.html"))


def _http_response(writer, url: str, body: bytes, ctype: str, status: str = "200 OK",
                   date: str = "2025-06-15T10:00:00Z"):
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": date})


def write_warc(path: Path, gz: bool) -> list[str]:
    """A small crawl: a request, the sample HTML pages, a plain-text page, an image, a 404, a redirect,
    and a page with no main text. Returns the URLs of the pages that are reports."""
    from warcio.warcwriter import WARCWriter

    urls = []
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warc_record("https://news.example/", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")))
        for p in HTML_SAMPLES:
            url = f"https://news.example/{p.stem}"
            urls.append(url)
            w.write_record(_http_response(w, url, p.read_bytes(), "text/html; charset=utf-8"))
        txt = SAMPLES / "2025-06-12_eastern-africa-press_nangade-clash.txt"
        urls.append("https://news.example/nangade.txt")
        w.write_record(_http_response(w, urls[-1], txt.read_bytes(), "text/plain"))
        w.write_record(_http_response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00" * 50,
                                      "image/png"))
        w.write_record(_http_response(w, "https://news.example/missing", b"<html>Not found</html>", "text/html",
                                      status="404 Not Found"))
        w.write_record(_http_response(w, "https://news.example/old", b"", "text/html", status="301 Moved"))
        w.write_record(_http_response(w, "https://news.example/empty-page",
                                      b"<html><head><script>var x = 1;</script></head><body></body></html>", "text/html"))
    return urls


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_pages_become_documents(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    urls = write_warc(path, gz)
    items = list(read_path(path))
    docs = [x for x in items if isinstance(x, Document)]
    problems = [x for x in items if isinstance(x, InputProblem)]
    assert [d.url for d in docs] == urls
    # the page with no main text is reported, by file and record; images, 404s and redirects are not reports
    assert len(problems) == 1 and "no extractable main text" in problems[0].reason
    assert problems[0].path == str(path) and "empty-page" in problems[0].reason
    by_url = {d.url: d for d in docs}
    rovuma = by_url["https://news.example/2025-06-11_rovuma-daily_n380-roadside-bomb"]
    assert rovuma.published == dt.date(2025, 6, 11) and rovuma.published_from == "metadata"
    assert "N380" in rovuma.text
    assert "Please fill the fields below" not in rovuma.text
    nangade = by_url["https://news.example/nangade.txt"]
    assert nangade.published == dt.date(2025, 6, 12)
    # ids are stable and distinct
    assert len({d.doc_id for d in docs}) == len(docs)
    assert [d.doc_id for d in docs] == [d.doc_id for d in read_path(path) if isinstance(d, Document)]


def test_warc_same_text_as_the_html_file(tmp_path):
    """A page read from a WARC is cleaned exactly as the same page read from an .html file."""
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gz=True)
    from_warc = {d.url.rsplit("/", 1)[1]: d for d in read_path(path) if isinstance(d, Document)}
    for p in HTML_SAMPLES:
        (direct,) = [d for d in read_path(p) if isinstance(d, Document)]
        assert from_warc[p.stem].text == direct.text
        assert from_warc[p.stem].published == direct.published


def test_truncated_warc_gz_is_reported_not_fatal(tmp_path):
    good = tmp_path / "crawl.warc.gz"
    write_warc(good, gz=True)
    data = good.read_bytes()
    bad = tmp_path / "cut.warc.gz"
    bad.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_path(bad))
    assert any(isinstance(x, Document) for x in items)
    last = items[-1]
    assert isinstance(last, InputProblem) and "WARC" in last.reason


def test_warc_cut_inside_a_record_keeps_the_pages_before(tmp_path):
    """An uncompressed WARC that ends inside a page's payload: the pages before are read, and the
    cut record is named."""
    good = tmp_path / "crawl.warc"
    urls = write_warc(good, gz=False)
    data = good.read_bytes()
    txt = (SAMPLES / "2025-06-12_eastern-africa-press_nangade-clash.txt").read_bytes()
    cut = data.index(txt[:60]) + 30  # inside the payload of the plain-text page, after the HTML pages
    bad = tmp_path / "cut.warc"
    bad.write_bytes(data[:cut])
    items = list(read_path(bad))
    docs = [x for x in items if isinstance(x, Document)]
    assert [d.url for d in docs] == urls[:-1]
    assert isinstance(items[-1], InputProblem) and items[-1].reason.startswith("truncated WARC")
    assert items[-1].line == len(urls) + 1 and "nangade.txt" in items[-1].reason  # after the request record


def test_warc_page_over_the_limit_is_cut_and_kept(tmp_path):
    from strife.formats import read_warc

    path = tmp_path / "crawl.warc.gz"
    urls = write_warc(path, gz=True)
    items = list(read_warc(path, max_chars=400))
    docs = [x for x in items if isinstance(x, Document)]
    assert [d.url for d in docs] == urls  # every report kept
    assert all(len(d.text) <= 400 for d in docs)
    cut = [x for x in items if isinstance(x, InputProblem) and "only the first 3,200 are read" in x.reason]
    assert cut and all(x.line for x in cut)


def test_not_a_warc(tmp_path):
    p = tmp_path / "junk.warc"
    p.write_bytes(b"this is not a web archive\n" * 10)
    items = list(read_path(p))
    assert items and all(isinstance(x, InputProblem) for x in items)
    assert items[0].path == str(p)


def test_rss_items_become_documents():
    items = list(read_path(FEEDS / "lusophone-wire.rss"))
    docs = [x for x in items if isinstance(x, Document)]
    problems = [x for x in items if isinstance(x, InputProblem)]
    wire = [json.loads(line) for line in (SAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d.title for d in docs] == [r["title"] for r in wire]
    assert [d.url for d in docs] == [r["url"] for r in wire]
    assert [d.published for d in docs] == [dt.date.fromisoformat(r["published"]) for r in wire]
    assert all(d.outlet == "Lusophone Wire" and d.published_from == "metadata" for d in docs)
    # the full content:encoded body, cleaned as the same text from JSONL would be
    for d, r in zip(docs, wire):
        assert d.text == clean_text(r["text"], r["outlet"])[0]
    # an item with no text is reported with the file and item number
    assert len(problems) == 1 and problems[0].line == 4 and "no text" in problems[0].reason


def test_atom_entries_become_documents():
    docs = [x for x in read_path(FEEDS / "lusophone-wire.atom") if isinstance(x, Document)]
    assert len(docs) == 3
    assert docs[0].published == dt.date(2025, 6, 11)
    assert "Chai" in docs[0].text and docs[0].url.startswith("https://lusophonewire.example/")


def test_feed_ids_are_stable_when_items_are_added(tmp_path):
    src = (FEEDS / "lusophone-wire.rss").read_text(encoding="utf-8")
    first = [d.doc_id for d in read_path(FEEDS / "lusophone-wire.rss") if isinstance(d, Document)]
    new_item = """<item><title>New item</title><link>https://lusophonewire.example/new</link>
    <guid isPermaLink="false">lw-new</guid><pubDate>Sat, 14 Jun 2025 09:00:00 +0000</pubDate>
    <description>Insurgents attacked a village near Mueda on Saturday, residents said.</description></item>"""
    p = tmp_path / "lusophone-wire.rss"
    p.write_text(src.replace("<item>", new_item + "\n  <item>", 1), encoding="utf-8")
    second = [d.doc_id for d in read_path(p) if isinstance(d, Document)]
    assert second[1:] == first and second[0] not in first


def test_not_a_feed_is_one_problem():
    items = list(read_path(FEEDS / "not-a-feed.xml"))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert "not an RSS or Atom feed" in items[0].reason


def test_feed_and_jsonl_are_duplicates_in_one_run():
    """The same wire stories from a feed and from JSONL: ingest flags the second copies."""
    out = list(ingest([SAMPLES / "wire.jsonl", FEEDS / "lusophone-wire.rss"]))
    docs = [x for x in out if isinstance(x, Document)]
    assert [d.status for d in docs] == ["ok"] * 3 + ["duplicate"] * 3


def test_long_feed_item_is_truncated_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIFE_MAX_DOCUMENT_CHARS", "5000")
    para = "Insurgents attacked a village in Macomia district on Monday, residents said. " * 5
    body = "".join(f"<p>{i}. {para}</p>" for i in range(200))
    p = tmp_path / "long.rss"
    p.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Long</title><guid>x1</guid><pubDate>Mon, 09 Jun 2025 09:00:00 +0000</pubDate>
<description><![CDATA[{body}]]></description></item></channel></rss>""", encoding="utf-8")
    items = list(read_path(p))
    warn = [x for x in items if isinstance(x, InputProblem)]
    (doc,) = [x for x in items if isinstance(x, Document)]
    assert len(doc.text) <= 5000 and doc.text.endswith("said.")
    assert len(warn) == 1 and "(document kept)" in warn[0].reason and "max_document_chars" in warn[0].reason


def test_gzip_feed_is_not_confused_with_warc(tmp_path):
    # a .xml file that is gzip data is not a feed; reported, not fatal
    p = tmp_path / "feed.xml"
    p.write_bytes(gzip.compress(b"<rss/>"))
    items = list(read_path(p))
    assert items and all(isinstance(x, InputProblem) for x in items)


# ------------------------------------------------------------------ strife watch

def _strife(*args, timeout=600):
    import subprocess
    import sys

    return subprocess.run(check=False, args=[sys.executable, "-m", "strife", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def _events_without_ids(out: Path) -> list[str]:
    rows = []
    for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        e.pop("event_id")
        rows.append(json.dumps(e, sort_keys=True))
    return sorted(rows)


@pytest.mark.slow
def test_watch_codes_new_reports_incrementally(tmp_path):
    import shutil

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = [SAMPLES / "2025-06-10_pemba-herald_macomia-attack.txt", SAMPLES / "wire.jsonl"]
    later = [SAMPLES / "2025-06-11_rovuma-daily_n380-roadside-bomb.html", FEEDS / "lusophone-wire.rss"]
    for f in first:
        shutil.copy(f, inbox / f.name)
    db, out = tmp_path / "watch.duckdb", tmp_path / "watch-out"
    p = _strife("watch", inbox, "--db", db, "--out", out, "--once")
    assert p.returncode == 0, p.stderr[-3000:]
    assert "coded 4 new report(s)" in p.stderr
    ids_before = {json.loads(x)["event_id"] for x in (out / "events.jsonl").read_text().splitlines()}
    # nothing new: nothing coded
    p = _strife("watch", inbox, "--db", db, "--out", out, "--once")
    assert p.returncode == 0 and "coded" not in p.stderr, p.stderr[-3000:]
    # new arrivals: an HTML report, and a feed whose 3 stories duplicate wire.jsonl and whose 4th item has no text
    for f in later:
        shutil.copy(f, inbox / f.name)
    p = _strife("watch", inbox, "--db", db, "--out", out, "--once")
    assert p.returncode == 2, p.stderr[-3000:]  # the feed item with no text is a failed input
    assert "coded 1 new report(s)" in p.stderr
    assert sum("lusophone-wire.rss" in ln for ln in p.stderr.splitlines()) == 1
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    assert sorted(d["status"] for d in docs) == ["duplicate"] * 3 + ["failed"] + ["ok"] * 5
    # events are those of one run over everything, and events seen before keep their ids
    clean = tmp_path / "clean"
    p = _strife("extract", *[inbox / f.name for f in first + later], "--out", clean)
    assert p.returncode == 2, p.stderr[-3000:]
    assert _events_without_ids(out) == _events_without_ids(clean)
    ids_after = {json.loads(x)["event_id"] for x in (out / "events.jsonl").read_text().splitlines()}
    assert len(ids_before & ids_after) >= len(ids_before) - 2
