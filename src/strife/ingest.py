"""ingest: sources to Documents.

Reads .txt, .html/.htm, .jsonl/.ndjson (and, through `formats`, WARC and RSS/Atom files); in a folder
only files of those types are reports (select_inputs), the rest are counted apart. Removes
scraping boilerplate by general rules, infers a missing published date from the text, detects the
language, and flags exact and near-duplicate documents. Bad content becomes an InputProblem naming the
file (and line); it never stops the run.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import hashlib
import json
import os
import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .models import Document, InputProblem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
NUM_PERM = 128  # MinHash permutations


# What a folder's files must look like to be read as reports. Files named on the command line are always
# read; in a folder, an image, a spreadsheet or a README is not a report and is counted as such, neither
# coded nor failed.
FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc", ".warc.gz", ".xml", ".rss",
                   ".atom")


def is_report_file(path: Path, include: Sequence[str] = ()) -> bool:
    """Whether a file found in a folder is read as a report. With include globs (matched against the file
    name and its path), exactly the files matching one are read; otherwise the report types above, less
    README files and Markdown (a folder's notes about its reports)."""
    if include:
        return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(str(path), g) for g in include)
    name = path.name.lower()
    if name.startswith("readme") or name.endswith(".md"):
        return False
    return name.endswith(FOLDER_SUFFIXES)


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files under a folder, recursively, sorted; hidden files and folders skipped."""
    for f in sorted(folder.rglob("*")):
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts):
            yield f


def select_inputs(paths: Iterable[str | Path], include: Sequence[str] = ()) -> tuple[list[Path], list[Path]]:
    """(inputs to read, files that are not reports). A folder becomes its report files; a file (or a path
    that does not exist, which ingest then reports) is kept as named."""
    read: list[Path] = []
    skipped: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            read.append(p)
            continue
        for f in _folder_files(p):
            (read if is_report_file(f, include) else skipped).append(f)
    return read, skipped


def expand_inputs(paths: Iterable[str | Path], include: Sequence[str] = ()) -> Iterator[Path]:
    """Files named, and the report files under folders named (see select_inputs)."""
    yield from select_inputs(paths, include)[0]


# ------------------------------------------------------------------ boilerplate
# Lines that are scraping furniture on any news site: comment and share prompts, newsletter and cookie
# notices, reading-time badges, counters. Matched against a whole (stripped) line, case-insensitively.
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:total\s+)?comments?(?:\s*\(\d+\))?(?:\s+about\s+this\s+article)?
      | \d+\s+comment\(?s?\)?
      | comment\s+policy.*
      | please\s+fill\s+(?:in\s+)?the\s+fields?\s+below\.?
      | \*?\s*denotes\s+required\s+field.*
      | \*?\s*code\s+confirming\s+note
      | do\s+you\s+like\s+this\s+article\??
      | (?:did\s+you\s+)?(?:like|enjoy)(?:d)?\s+this\s+(?:article|story)\??
      | share\s+(?:this|on|via)\b.*
      | (?:follow|like)\s+us\s+on\b.*
      | sign\s+up\s+(?:for|to)\b.*
      | subscribe\b.*
      | (?:read|see)\s+(?:more|also)\s*:.*
      | related\s*(?:stories|articles|news)?\s*:?
      | (?:advertisement|sponsored|sponsored\s+content|ad)
      | search(?:\s+for\s+keyword)?\.?
      | \d+\s+min(?:ute)?s?\s+read
      | (?:photo|image|file\s+photo)\s*:.*
      | this\s+(?:site|website)\s+uses\s+cookies.*
      | we\s+use\s+cookies.*
      | accept(?:\s+all)?\s+cookies?
      | all\s+rights\s+reserved.*
      | ©.*
      | copyright\b.*
      | (?:print|email|tweet|whatsapp|facebook|twitter|linkedin|telegram)(?:\s*[|/·]\s*\w+)*
      | [\d\s()/|.,:-]*
    )$""",
    re.I | re.X,
)
# Photo captions end with a bracketed credit: "... in Idlib province [Getty]".
_CAPTION = re.compile(r"\[[^\]]{2,60}\]\s*$")
_BYLINE = re.compile(r"^(?:by|from|with)\s+[\w .,'&-]{2,60}$", re.I)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$|[.!?]\s*\[[^\]]*\]$""")


def clean_text(raw: str, outlet: str | None = None) -> tuple[str, str | None]:
    """Removes boilerplate lines; returns (clean text, headline if one was found).

    Rules, each general to scraped news pages:
    - a line matching a known furniture pattern (comment, share, newsletter prompts) goes;
    - a line seen before in the same page goes (repeated headlines, captions, bylines);
    - a photo caption (ends with a bracketed credit) goes;
    - a short line without sentence punctuation (bylines, section names, the outlet's name, dates) goes
      when the text has body paragraphs; the first such line of four or more words is the headline.
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    outlet_key = _key(outlet) if outlet else None
    has_body = sum(1 for ln in lines if _SENTENCE_END.search(ln) and len(ln.split()) >= 8) >= 2
    seen: set[str] = set()
    kept: list[str] = []
    headline = None
    for ln in lines:
        if not ln:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        k = _key(ln)
        if not k or k in seen:
            continue
        seen.add(k)
        if _BOILERPLATE.match(ln) or _BYLINE.match(ln):
            continue
        if has_body and _CAPTION.search(ln) and len(ln.split()) < 40 and not ln.startswith("("):
            continue
        if outlet_key and (k == outlet_key or k.startswith(outlet_key + " with")):
            continue
        if has_body and not _SENTENCE_END.search(ln) and len(ln.split()) < 25:
            menu = "|" in ln or "·" in ln or re.match(r"^(search|home|menu|skip to)\b", ln, re.I)
            if headline is None and not menu and len(ln.split()) >= 4 and not re.match(r"^\(?[\d\s,/-]+\)?$", ln):
                headline = ln.rstrip(" .")
            continue
        kept.append(ln)
    while kept and kept[-1] == "":
        kept.pop()
    if not any(kept):
        # Nothing looked like body text (a one-line note, a bare headline): keep what was not furniture.
        kept = [ln for ln in lines if ln and not _BOILERPLATE.match(ln)]
    # Paragraphs separated by one newline: offsets stay simple and sentences never cross a paragraph.
    out = "\n".join(x for x in kept if x)
    return out, headline


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def content_hash(text: str) -> str:
    return hashlib.sha1(_key(text).encode()).hexdigest()


# ------------------------------------------------------------------ outlet of a plain-text report
# A text file carries no metadata, but a scraped or filed report names its outlet in a few set places. Each
# pattern is matched against a whole (stripped) line; the first that names an outlet wins, in this order:
_OUTLET_NAME = r"(?P<o>[A-Z][\w&'.]*(?:[ -][\w&'.]+){0,5})"
_OUTLET_RULES = [
    # the footer's copyright notice: "© 2025 The Daily Example. All rights reserved."
    re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*" + _OUTLET_NAME
               + r"\s*[.,]?\s*(?:all rights reserved.*)?$", re.I),
    # a wire dateline: "KABUL, Afghanistan (AP) — ...", "(Reuters) - ..."
    re.compile(r"^(?:[A-Z][\w'.-]*(?:[ ,]+[\w'.-]+){0,4}\s*)?\(" + _OUTLET_NAME + r"\)\s*[-–—]"),
    # a byline naming its outlet: "By Jane Doe, Example News", "By Jane Doe | Example News", "By Jane Doe for X"
    re.compile(r"^by\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\s*(?:,|\||\bfor\b|\bof\b)\s*"
               + _OUTLET_NAME + r"\.?$", re.I),
    # a sign-off: "– Example Observer, Nairobi bureau", "— Example News"
    re.compile(r"^[-–—]\s*" + _OUTLET_NAME + r"(?:,\s*[\w ]*\bbureau\b.*)?$"),
]
# Words that make "By Jane Doe, Staff Writer" a role, not an outlet.
_ROLE = re.compile(r"\b(?:reporter|correspondent|writer|editor|staff|contributor|journalist|columnist|"
                   r"bureau chief|in|and)\b", re.I)


def outlet_from_text(raw: str) -> str | None:
    """The outlet a plain-text report names (see _OUTLET_RULES), else a masthead: a short capitalised
    line that stands alone at least twice (header and footer of a scraped page). None when neither."""
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in raw.splitlines()]
    for rule in _OUTLET_RULES:
        for ln in lines:
            m = rule.match(ln)
            if m and not _ROLE.search(m["o"]) and not re.search(r"\d", m["o"]):
                return re.split(r"\.\s", m["o"])[0].strip(" .,")  # "Example Post. All rights reserved"
    seen: dict[str, int] = {}
    for ln in lines:
        words = ln.split()
        # 1-5 capitalised words with no sentence punctuation, no digits and no menu bars
        if 1 <= len(words) <= 5 and all(w[0].isupper() for w in words) and not re.search(r"[.!?|:\d·]", ln) \
                and not _BYLINE.match(ln):
            seen[_key(ln)] = seen.get(_key(ln), 0) + 1
            if seen[_key(ln)] == 2:
                return ln
    return None


# ------------------------------------------------------------------ readers

def _decode(data: bytes, path: Path) -> tuple[str | None, str | None]:
    """(text, problem). Binary data is a problem; invalid UTF-8 falls back to cp1252 (most such files
    are Windows-encoded Western text), noted but not failed."""
    if not data.strip():
        return None, "empty file"
    sample = data[:8192]
    if b"\x00" in sample:
        return None, "binary file (NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        bad_at = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, f"not UTF-8 text (invalid byte at offset {bad_at})"
    controls = sum(1 for c in text[:4000] if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if controls > 10:
        return None, "binary file, not text"
    return text, f"invalid UTF-8 at byte {bad_at}; decoded as cp1252"


def _parse_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        import dateparser

        d = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"})
        return d.date() if d else None
    except Exception:  # dateparser raises assorted errors on junk; junk is simply "no date"
        return None


def _doc_from_fields(doc_id, raw_text, *, path, line=None, title=None, outlet=None, url=None,
                     published=None, default_published=None) -> Document:
    text, headline = clean_text(raw_text, outlet)
    pub = _parse_date(published)
    pub_from = "metadata" if pub else None
    if pub is None:
        from .resolve.timex import infer_published

        pub, pub_from = infer_published(raw_text, title or headline)
    if pub is None and default_published is not None:
        pub, pub_from = default_published, "metadata"
    return Document(doc_id=str(doc_id), text=text, path=str(path), line=line, title=title or headline,
                    outlet=outlet, url=url, published=pub, published_from=pub_from,
                    content_hash=content_hash(text))


def read_path(path: Path, default_published: dt.date | None = None,
              max_chars: int | None = None) -> Iterator[Document | InputProblem]:
    """Documents (or problems) from one file, by its suffix. A text longer than max_chars is cut at a
    paragraph break and coded, with a warning: never dropped silently."""
    suffix = path.suffix.lower()
    if path.name.lower().endswith(".warc.gz") or suffix in WARC_SUFFIXES:
        from .formats import read_warc

        yield from read_warc(path, default_published, max_chars)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, default_published, max_chars)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputProblem(str(path), f"cannot read: {e.strerror or e}")
        return
    if suffix in FEED_SUFFIXES or (suffix == ".xml"):
        from .formats import read_feed

        yield from read_feed(path, data, default_published, max_chars)
        return
    text, problem = _decode(data, path)
    if text is None:
        yield InputProblem(str(path), problem or "unreadable")
        return
    if problem:
        yield InputProblem(str(path), problem + " (document kept)", line=None)
    if max_chars and len(text) > max_chars:
        from .formats import limit_text, truncation_warning

        yield truncation_warning(str(path), len(text), max_chars)
        text, _ = limit_text(text, max_chars)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))):
        yield _read_html(path, text, default_published)
        return
    # A text file names no outlet in metadata: the one it names in its text, else its headline, is what
    # an event's sources show (never the file name).
    doc = _doc_from_fields(path.stem, text, path=path, outlet=outlet_from_text(text),
                           default_published=default_published)
    doc.outlet = doc.outlet or doc.title
    yield doc


def _read_html(path: Path, html: str, default_published) -> Document | InputProblem:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except RecursionError:
        doc = None
    d = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    text = d.get("text") or ""
    if not text.strip():
        # trafilatura found no article (or lxml gave up on a deeply nested page): the page's plain text
        from .formats import html_to_text

        text = html_to_text(html)
    if not text.strip():
        return InputProblem(str(path), "HTML page with no extractable main text")
    return _doc_from_fields(path.stem, text, path=path, title=d.get("title"), outlet=d.get("sitename"),
                            url=d.get("url"), published=d.get("date"), default_published=default_published)


def _json_error(e: json.JSONDecodeError) -> str:
    """json's message with its position: "Unterminated string starting at column 22" (its messages may
    already end in "at")."""
    msg = re.sub(r"\s+at$", "", e.msg)
    return f"{msg} at column {e.colno}"


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str] | InputProblem]:
    """(line number, line) of each line of a JSON-lines file that is not blank, read one at a time: a
    corpus may be one file of gigabytes, and a run that held it whole would grow with it. UTF-8 (a
    byte-order mark skipped); a line that is not is read as cp1252, as _decode reads a file (most such
    lines are Windows-encoded Western text). An unreadable, binary or empty file is one problem."""
    empty = True
    try:
        with open(path, "rb") as f:
            if b"\x00" in f.read(8192):
                yield InputProblem(str(path), "binary file (NUL bytes), not text")
                return
        with open(path, encoding="utf-8-sig", errors="surrogateescape") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                empty = False
                try:
                    line.encode("utf-8")
                except UnicodeEncodeError:  # (undecodable bytes, kept as surrogates)
                    line = line.encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")
                yield n, line
    except OSError as e:
        yield InputProblem(str(path), f"cannot read: {e.strerror or e}")
        return
    if empty:
        yield InputProblem(str(path), "empty file")


def _read_jsonl(path: Path, default_published, max_chars=None) -> Iterator[Document | InputProblem]:
    for item in _jsonl_lines(path):
        if isinstance(item, InputProblem):
            yield item
        else:
            yield from _jsonl_record(path, *item, default_published, max_chars)


def _jsonl_record(path: Path, n: int, line: str, default_published, max_chars) -> Iterator[Document | InputProblem]:
    """The document (or the problem) of line n of a JSON-lines file."""
    try:
        rec = json.loads(line.rstrip("\r\n"))  # the line end is not the record's ("unterminated string", not a control character)
    except json.JSONDecodeError as e:
        yield InputProblem(str(path), f"not valid JSON ({_json_error(e)})", line=n)
        return
    if not isinstance(rec, dict):
        yield InputProblem(str(path), "a JSON line must be an object with a 'text' field", line=n)
        return
    body = rec.get("text")
    if not isinstance(body, str) or not body.strip():
        yield InputProblem(str(path), "no 'text' field, or it is empty", line=n)
        return
    if max_chars and len(body) > max_chars:
        from .formats import limit_text, truncation_warning

        yield truncation_warning(str(path), len(body), max_chars, line=n)
        body, _ = limit_text(body, max_chars)
    doc_id = rec.get("id") or rec.get("doc_id") or f"{path.stem}-{n}"
    yield _doc_from_fields(doc_id, body, path=path, line=n, title=rec.get("title"), outlet=rec.get("outlet"),
                           url=rec.get("url"), published=rec.get("published"), default_published=default_published)


# ------------------------------------------------------------------ language and duplicates

@functools.lru_cache(maxsize=1)
def _language_identifier():
    """py3langid's naive Bayes model over byte n-grams (shipped in the package, numpy only), with
    probabilities normalised so that a threshold means the same for every text. It replaced langdetect,
    which took some 9 ms a report against about 1.3 ms, and had to be seeded to repeat itself. Loaded
    from its unpacked copy (_unpacked_language_model) where one can be kept."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        return _identifier_from(_unpacked_language_model(MODEL_DIR / MODEL_FILE))
    except Exception:  # noqa: BLE001 - no cache to write, or a damaged one: the package's own file
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unpacked_language_model(packed: Path) -> Path:
    """py3langid's model file (arrays in an LZMA-compressed npz) unpacked once into the user cache,
    named by the packed file's content: unpacking took 0.65 s of each run's start (the server's in a run
    with workers), loading the unpacked arrays 0.15 s."""
    from .settings import user_cache_dir

    data = packed.read_bytes()
    path = user_cache_dir() / f"langid-{hashlib.sha1(data).hexdigest()[:16]}.npz"
    if not path.exists():
        import lzma
        import shutil

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            with lzma.open(packed) as src, open(tmp, "wb") as dst:  # (streamed: 65 MB unpacked)
                shutil.copyfileobj(src, dst, length=1 << 20)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)  # (a disk that filled up leaves no half copy)
    return path


def _identifier_from(npz: Path):
    """The identifier over an unpacked model: its arrays, as py3langid's own loader makes them."""
    from array import array

    import numpy as np
    from py3langid.langid import LanguageIdentifier

    def table(a):  # (the state tables as the stdlib arrays py3langid's tokenizer walks)
        out = array({2: "H", 4: "I", 8: "L"}[a.dtype.itemsize])
        out.frombytes(np.ascontiguousarray(a).tobytes())
        return out

    with np.load(npz, allow_pickle=False) as d:
        return LanguageIdentifier(np.asarray(d["ptc"]), np.asarray(d["pc"]), d["classes"].tolist(),
                                  table(d["nextmove"]), d["out_feat"].tolist(), norm_probs=True,
                                  tk_row=table(d["nextmove_row"]))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text is too short to tell (short notes are assumed English)."""
    if len(text) < 200:
        return None
    lang, prob = _language_identifier().classify(text[:1000])  # a thousand characters tell the language
    return lang if prob >= 0.9 else None


def _sha1_32(items) -> tuple[int, ...]:
    """datasketch's default hash (sha1_hash32: the first four bytes of SHA-1, little-endian) of each
    string, unpacked in one call rather than one per shingle."""
    digests = b"".join(hashlib.sha1(s.encode()).digest()[:4] for s in items)
    return struct.unpack(f"<{len(digests) // 4}I", digests)


@functools.lru_cache(maxsize=4)
def _permuted(num_perm: int):
    """A MinHash whose permutations every other reuses (a MinHash makes its own, 2 ms a report); the same
    in every process (seeded)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=7)


def sketch(text: str, num_perm: int = NUM_PERM):
    """The MinHash values (uint32: they are below 2**32) of a text's word 5-shingles."""
    from datasketch import MinHash

    first = _permuted(num_perm)
    words = _key(text).split()
    m = MinHash(num_perm=num_perm, seed=7, permutations=first.permutations, scheme=first.scheme, hashfunc=int)
    shingles = {" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))}
    m.update_batch(_sha1_32(shingles))
    return m.hashvalues.astype("uint32")


@dataclass(frozen=True)
class Screening:
    """What a document tells of itself before it is coded: its language, and, if it is to be coded, its
    MinHash sketch. Found where the document is coded (a worker process: it is most of ingest's time),
    decided on in input order by DuplicateFinder.decide."""

    language: str | None
    sketch: object = None

    @property
    def english(self) -> bool:
        return self.language in (None, "en")


def screen(doc: Document) -> Screening:
    s = Screening(detect_language(doc.text))
    return Screening(s.language, sketch(doc.text)) if s.english else s


class DuplicateFinder:
    """Exact duplicates by content hash; near duplicates (syndicated copies, next-day rewrites) by
    MinHash LSH over word 5-shingles. Streaming: each document is checked against those seen before.

    The bands are datasketch's (MinHashLSH's optimal split for the threshold: 25 bands of 5 values at
    0.5 and 128 permutations), kept here in one dict per band (a band's bytes to the documents that had
    them): datasketch's own index keeps a set per band and document, some 8.5 KB a report held for the
    whole run, where this keeps about 3 KB. Candidates and their ranking are the same."""

    def __init__(self, threshold: float = 0.5, num_perm: int = NUM_PERM):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.ranges = MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
        self.bands: list[dict[bytes, str | tuple[str, ...]]] = [{} for _ in self.ranges]
        self.hashes: dict[str, str] = {}
        self.sketches: dict[str, object] = {}  # doc_id -> its MinHash values (uint32: they are below 2**32)

    def _candidates(self, values) -> set[str]:
        """Documents seen before that share a band with these values (MinHashLSH.query)."""
        found: set[str] = set()
        for (start, end), band in zip(self.ranges, self.bands, strict=True):
            hit = band.get(values[start:end].tobytes())
            if hit is not None:
                found.update((hit,) if isinstance(hit, str) else hit)
        return found

    def _insert(self, key: str, values) -> None:
        for (start, end), band in zip(self.ranges, self.bands, strict=True):
            h = values[start:end].tobytes()
            had = band.get(h)
            band[h] = key if had is None else ((had,) if isinstance(had, str) else had) + (key,)
        self.sketches[key] = values

    def _jaccard(self, values, key: str) -> float:
        """The share of equal MinHash values (datasketch's MinHash.jaccard)."""
        return float((values == self.sketches[key]).sum()) / float(len(values))

    def check(self, doc: Document, values=None) -> tuple[str | None, str | None]:
        """(exact_duplicate_of, near_duplicate_of) for a new document, then remembers it (`values`: its
        sketch, if made already)."""
        if doc.content_hash in self.hashes:
            return self.hashes[doc.content_hash], None
        self.hashes[doc.content_hash] = doc.doc_id
        values = sketch(doc.text, self.num_perm) if values is None else values
        near = None
        candidates = self._candidates(values)
        if candidates:
            near = max(candidates, key=lambda c: (self._jaccard(values, c), c))
        if doc.doc_id not in self.sketches:
            self._insert(doc.doc_id, values)
        return None, near

    def decide(self, d: Document, screening: Screening) -> None:
        """A document's language, duplicate and date verdicts, in input order (each document is compared
        with those decided before it)."""
        if screening.language:
            d.language = screening.language
        if not screening.english:
            d.status, d.reason = "skipped", f"language '{screening.language}' is not supported (English only)"
            return
        exact, near = self.check(d, screening.sketch)
        if exact:
            d.status, d.reason, d.near_duplicate_of = "duplicate", f"same text as {exact}", exact
        elif near:
            d.near_duplicate_of = near
        if d.published is None:
            d.reason = "no published date in metadata or text; events get no date unless the text gives one"


def ingest(paths: Iterable[str | Path], default_published: dt.date | None = None,
           near_duplicate_threshold: float = 0.5, max_chars: int | None = None,
           screen_here: bool = True) -> Iterator[Document | InputProblem]:
    """All inputs as Documents (status ok / duplicate / skipped) or InputProblems, in input order.
    Accepts paths, or Documents already built by a caller (the API's POST /documents). Without
    `screen_here`, the documents are not screened: the caller calls DuplicateFinder.decide(doc, screen(doc))
    on each, in input order (a run does, as the documents come back from being coded: pipeline.collect)."""
    dups = DuplicateFinder(near_duplicate_threshold) if screen_here else None
    used_ids: set[str] = set()
    for item in paths:
        if isinstance(item, Document):
            sources: Iterable = [item]
        else:
            p = Path(item)
            if not p.exists():
                yield InputProblem(str(p), "no such file or folder")
                continue
            sources = (x for f in expand_inputs([p]) for x in read_path(f, default_published, max_chars))
        for d in sources:
            if isinstance(d, InputProblem):
                yield d
                continue
            if d.doc_id in used_ids:
                # Two files with one stem (a/report.txt and b/report.txt): keep both, ids made distinct.
                d.doc_id = f"{d.doc_id}-{d.content_hash[:8]}"
            used_ids.add(d.doc_id)
            if not d.text.strip() or not re.search(r"[A-Za-z]{2,}", d.text):
                d.status, d.reason = "failed", "no text left after removing boilerplate"
                yield d
                continue
            if dups is not None:
                dups.decide(d, screen(d))
            yield d
