"""Inputs at scale: WARC / WARC.gz files from news crawls (warcio) and RSS/Atom feed files (feedparser).

Both readers stream: one Document (or InputProblem) per record or feed entry, built with
ingest._doc_from_fields so that cleaning, date inference and ids follow the same rules as every other
format. Nothing is dropped silently:

- a WARC record that is a page (an HTTP 200 response or a resource record with an HTML or text
  payload) becomes a Document, or an InputProblem naming the file and record number when it holds no
  readable text; requests, metadata, redirects, errors and images are not reports and are passed over;
- a corrupt or truncated archive ends with an InputProblem saying where reading stopped;
- a feed entry without text is an InputProblem naming the file and entry number; an XML file that is
  not a feed is one InputProblem;
- text longer than the setting max_document_chars is cut at a paragraph break, with a warning
  ("(document kept)") naming the file.

Document ids are stable across reads (a watched feed that gains new items keeps the old items' ids):
a feed entry's guid (or link) and a WARC record's target URI are hashed into the id.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from .models import Document, InputProblem

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


# ------------------------------------------------------------------ shared helpers

def max_document_chars() -> int:
    """The setting max_document_chars (defaults, config file named by STRIFE_CONFIG, environment)."""
    try:
        from .settings import load_settings

        return load_settings().max_document_chars
    except Exception:  # noqa: BLE001 - a broken settings file is reported by the CLI; readers fall back to the default
        from .settings import Settings

        return Settings().max_document_chars


def limit_text(text: str, max_chars: int) -> tuple[str, bool]:
    """(text, truncated): text cut to at most max_chars characters, at the last paragraph (else
    sentence, else word) break before the limit, so that no sentence is cut in half."""
    if max_chars <= 0 or len(text) <= max_chars:
        return text, False
    head = text[:max_chars]
    for sep in ("\n", ". ", " "):
        cut = head.rfind(sep)
        if cut > max_chars // 2:
            return head[:cut + len(sep)].rstrip(), True
    return head, True


def truncation_warning(where: str, n_chars: int, max_chars: int, line: int | None = None) -> InputProblem:
    return InputProblem(where, f"text is {n_chars:,} characters; only the first {max_chars:,} are coded "
                               f"(setting max_document_chars) (document kept)", line=line)


def _short_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8', 'replace')).hexdigest()[:12]}"


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML fragment, a newline at each block element (feed entries carry HTML)."""

    BLOCK: ClassVar[set[str]] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
             "table", "section", "article", "header", "footer", "figure", "figcaption", "pre", "hr", "dd", "dt"}
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "iframe", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    p = _TextOfHtml()
    try:
        p.feed(fragment)
        p.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient, but a pathological fragment falls back to tag stripping
        return re.sub(r"<[^>]*>", " ", fragment)
    text = "".join(p.parts)
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text).strip()


# ------------------------------------------------------------------ WARC

def _charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return m.group(1) if m else None


def _decode_payload(data: bytes, content_type: str | None) -> str | None:
    if not data.strip() or b"\x00" in data[:8192]:
        return None
    for enc in (_charset(content_type), "utf-8"):
        if not enc:
            continue
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _html_document(html: str, *, doc_id: str, path: Path, line: int | None, url: str | None,
                   default_published, fallback_published=None) -> Document | None:
    """A Document from a page's HTML (trafilatura main-text extraction), None when it has no main text."""
    import trafilatura

    from .ingest import _doc_from_fields

    try:
        ext = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except (RecursionError, ValueError, TypeError):
        ext = None
    if ext is None:
        return None
    d = ext.as_dict() if hasattr(ext, "as_dict") else dict(ext)
    text = d.get("text") or ""
    if not text.strip():
        return None
    return _with_fallback_date(_doc_from_fields(
        doc_id, text, path=path, line=line, title=d.get("title"), outlet=d.get("sitename"),
        url=url or d.get("url"), published=d.get("date"), default_published=default_published), fallback_published)


def _with_fallback_date(doc: Document, fallback: dt.date | None) -> Document:
    """A page with no date in its metadata or text gets the crawl date, marked as inferred."""
    if doc.published is None and fallback is not None:
        doc.published, doc.published_from = fallback, "inferred"
    return doc


def _warc_date(value: str | None) -> dt.date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


TRUNCATED = "truncated WARC"  # the problem that ends a WARC file's reading (_warc_record)


def read_warc(path: Path, default_published: dt.date | None = None,
              max_chars: int | None = None) -> Iterator[Document | InputProblem]:
    """Documents from the pages in a WARC (or WARC.gz) file, streaming, in record order. max_chars
    defaults to the setting max_document_chars."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = Path(path)
    max_chars = max_chars or max_document_chars()
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed by the with below, after the error is reported
    except OSError as e:
        yield InputProblem(str(path), f"cannot read: {e.strerror or e}")
        return
    n = 0
    with f:
        if (problem := _not_warc(f)) is not None:
            yield InputProblem(str(path), problem)
            return
        try:
            for n, rec in enumerate(ArchiveIterator(f), start=1):
                for item in _warc_record(rec, n, path, default_published, max_chars):
                    yield item
                    if isinstance(item, InputProblem) and item.reason.startswith(TRUNCATED):
                        return  # nothing after it can be read
        except ArchiveLoadFailed as e:
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            yield InputProblem(str(path), f"not a WARC file, or corrupt after {n} records ({msg[:160]})")
        except Exception as e:  # noqa: BLE001 - warcio raises assorted errors on damaged input (zlib, headers)
            yield InputProblem(str(path), f"corrupt or truncated WARC after {n} records "
                                          f"({type(e).__name__}: {str(e)[:160]})")


def _not_warc(f) -> str | None:
    """Why the open file is not a WARC (or WARC.gz) file, from its first bytes; None when it is one.
    Leaves the file at its start."""
    head = f.read(4096)
    f.seek(0)
    if head[:2] == b"\x1f\x8b":
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            head = b""
    if head.lstrip().startswith((b"WARC/", b"filedesc://")):
        return None
    return "empty file" if not head.strip() else "not a WARC file (no WARC header)"


def _page_type(rec) -> tuple[str, str | None] | None:
    """A record's page type (mime, the Content-Type header) when it holds a page to read: an HTTP 200
    response, a resource or a conversion, of HTML or plain text. None for everything else (requests,
    metadata, dns: records, redirects and errors, images, scripts, style sheets, robots.txt ...)."""
    if rec.rec_type not in ("response", "resource", "conversion"):
        return None
    if rec.rec_type == "response":
        if rec.http_headers is None or rec.http_headers.get_statuscode() != "200":
            return None
        ctype = rec.http_headers.get_header("Content-Type")
    else:
        ctype = rec.rec_headers.get_header("Content-Type")
    mime = (ctype or "").split(";")[0].strip().lower()
    return (mime, ctype) if mime in HTML_TYPES or mime in TEXT_TYPES else None


def _read_capped(stream, max_bytes: int) -> tuple[bytes, bool]:
    """At most max_bytes of a record's payload, and whether there was more (the rest is skipped)."""
    data = stream.read(max_bytes + 1)
    if len(data) <= max_bytes:
        return data, False
    while stream.read(1 << 20):
        pass
    return data[:max_bytes], True


def _warc_record(rec, n: int, path: Path, default_published: dt.date | None,
                 max_chars: int) -> Iterator[Document | InputProblem]:
    """The document in record n, or the problems with it (a "truncated WARC" problem ends the file)."""
    from .ingest import _doc_from_fields

    if (kind := _page_type(rec)) is None:
        return
    mime, ctype = kind
    url, where = rec.rec_headers.get_header("WARC-Target-URI"), str(path)
    max_bytes = max_chars * 8  # an HTML page is read from at most this (markup is several times its text)
    data, oversized = _read_capped(rec.content_stream(), max_bytes)
    if getattr(rec.raw_stream, "limit", 0):
        # fewer bytes than the record's Content-Length: the file ends inside this record
        yield InputProblem(where, f"{TRUNCATED}: the file ends inside record {n} ({url}); "
                                  f"the {n - 1} records before it were read", line=n)
        return
    text = _decode_payload(data, ctype)
    if text is None:
        yield InputProblem(where, f"record {n} ({url or 'no URI'}): empty or binary payload", line=n)
        return
    if oversized:
        yield InputProblem(where, f"record {n} ({url}): page larger than {max_bytes:,} bytes; "
                                  f"only the first {max_bytes:,} are read (document kept)", line=n)
    crawl_date = _warc_date(rec.rec_headers.get_header("WARC-Date"))
    doc_id = _short_id(path.name.split(".")[0], url or f"{path.name}#{n}")
    if mime in HTML_TYPES:
        doc = _html_document(text, doc_id=doc_id, path=path, line=n, url=url,
                             default_published=default_published, fallback_published=crawl_date)
        if doc is None:
            yield InputProblem(where, f"record {n} ({url}): HTML page with no extractable main text", line=n)
            return
    else:
        doc = _with_fallback_date(_doc_from_fields(doc_id, text, path=path, line=n, url=url,
                                                   default_published=default_published), crawl_date)
    yield from limit_document(doc, max_chars)


def limit_document(doc: Document, max_chars: int) -> Iterator[Document | InputProblem]:
    """The document, cut to max_chars of cleaned text, after a warning when it was cut."""
    text, cut = limit_text(doc.text, max_chars)
    if cut:
        from .ingest import content_hash

        yield truncation_warning(doc.path or "", len(doc.text), max_chars, doc.line)
        doc.text = text
        doc.content_hash = content_hash(text)
    yield doc


# ------------------------------------------------------------------ RSS / Atom

def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry) -> str:
    """The fullest body an entry carries: content (content:encoded, Atom content), else the summary."""
    best = ""
    for c in entry.get("content") or []:
        v = c.get("value") or ""
        if len(v) > len(best):
            best = v
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return html_to_text(best)


def read_feed(path: Path, data: bytes, default_published: dt.date | None = None,
              max_chars: int | None = None) -> Iterator[Document | InputProblem]:
    """Documents from the items of an RSS or Atom feed file, in feed order. max_chars defaults to the
    setting max_document_chars."""
    import feedparser

    from .ingest import _doc_from_fields

    path = Path(path)
    if not data.strip():
        yield InputProblem(str(path), "empty file")
        return
    if b"\x00" in data[:8192]:
        yield InputProblem(str(path), "binary file (NUL bytes), not a feed")
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        if parsed.get("version"):
            yield InputProblem(str(path), f"feed has no items{why}")
        else:
            yield InputProblem(str(path), f"not an RSS or Atom feed{why}")
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or None
    max_chars = max_chars or max_document_chars()
    for n, entry in enumerate(entries, 1):
        title = html_to_text(entry.get("title") or "").strip() or None
        link = entry.get("link") or None
        key = entry.get("id") or link or f"{title}|{n}"
        doc_id = _short_id(path.stem, key)
        text = _entry_text(entry)
        if not text.strip():
            yield InputProblem(str(path), f"item {n} ({title or link or 'untitled'}): no text in the feed item",
                               line=n)
            continue
        doc = _doc_from_fields(doc_id, text, path=path, line=n, title=title, outlet=outlet, url=link,
                               published=_entry_date(entry), default_published=default_published)
        yield from limit_document(doc, max_chars)
