"""store: an embedded DuckDB file (documents, mentions, events, claims, tallies, revisions).

Mentions are the durable record: each run upserts the documents it read (by doc_id) and replaces their
mentions and tallies, then events are fused again from all stored mentions, an event keeping the id
its mentions had before (see fuse.fuse's previous_ids). Running the same input twice changes nothing.
Writes happen in one transaction, so a run killed midway leaves the store as it was before the run.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import StoreError
from .models import (Actor, Claim, Document, Event, Evidence, Mention, Place, Quantity, Tally, TimeInterval,
                     to_dict)

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, path VARCHAR, line INTEGER, outlet VARCHAR, url VARCHAR, title VARCHAR,
    published DATE, published_from VARCHAR, language VARCHAR, content_hash VARCHAR,
    near_duplicate_of VARCHAR, status VARCHAR, reason VARCHAR, text VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR PRIMARY KEY, doc_id VARCHAR, start INTEGER, "end" INTEGER, event_type VARCHAR,
    sub_event_type VARCHAR, event_date DATE, data JSON);
CREATE TABLE IF NOT EXISTS tallies (
    doc_id VARCHAR, start INTEGER, value BIGINT, subject VARCHAR, claimant VARCHAR, qualifier VARCHAR,
    period_start DATE, period_end DATE, as_of DATE, sentence VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, event_date DATE, time_precision INTEGER, event_type VARCHAR,
    sub_event_type VARCHAR, actor1 VARCHAR, assoc_actor_1 VARCHAR, inter1 INTEGER, actor2 VARCHAR,
    assoc_actor_2 VARCHAR, inter2 INTEGER, country VARCHAR, admin1 VARCHAR, admin2 VARCHAR, location VARCHAR,
    latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER, geonameid BIGINT, fatalities INTEGER,
    fatalities_low INTEGER, fatalities_high INTEGER, injured INTEGER, sources JSON, notes VARCHAR,
    date_anchor VARCHAR, data JSON);
CREATE TABLE IF NOT EXISTS claims (
    event_id VARCHAR, claimant VARCHAR, figure VARCHAR, value BIGINT, qualifier VARCHAR, doc_id VARCHAR,
    sentence VARCHAR, start INTEGER, "end" INTEGER, victim VARCHAR, party_to_conflict BOOLEAN, as_of DATE);
CREATE TABLE IF NOT EXISTS revisions (
    event_id VARCHAR, figure VARCHAR, as_of DATE, value BIGINT, claimant VARCHAR, doc_id VARCHAR);
"""

EVENT_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "geonameid", "fatalities",
                 "fatalities_low", "fatalities_high", "injured"]


class Store:
    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise StoreError(f"no store at {self.path}; run `strife extract INPUT --db {self.path}` first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as e:
            raise StoreError(f"cannot open DuckDB store {self.path}: {e}") from None
        if not read_only:
            # A run writes one transaction of some thousands of rows: one thread, and memory handed back
            # to the system after each statement, keep the store from adding to a run's peak memory
            # what its allocators would keep (60 of 263 MB on a 4 MB run).
            self.con.execute("SET threads = 1")
            self.con.execute("SET allocator_flush_threshold = '8MB'")
            self.con.execute(SCHEMA)

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---------------------------------------------------------------- writes
    def save_run(self, documents: list[Document], mentions: list[Mention], tallies: list[Tally],
                 events: list[Event], mention_rows: "RowSpool | None" = None) -> None:
        """One transaction: the run's documents, their mentions and tallies, and all events.
        mention_rows: the mentions' rows, already written as they were coded (else made here)."""
        c = self.con
        docs = list({d.doc_id: d for d in documents}.values())  # a document read twice is stored once
        c.execute("BEGIN TRANSACTION")
        try:
            ids = [[d.doc_id] for d in docs]
            for table in ("documents", "mentions", "tallies"):
                self._bulk(f"DELETE FROM {table} WHERE doc_id IN (SELECT c0 FROM rows)", ids)
            self._bulk("INSERT INTO documents SELECT * FROM rows", table="documents", rows=(
                [d.doc_id, d.path, d.line, d.outlet, d.url, d.title, d.published, d.published_from,
                 d.language, d.content_hash, d.near_duplicate_of, d.status, d.reason, d.text] for d in docs))
            if mention_rows is not None:
                self._insert_from(mention_rows.done(), "mentions")
            else:
                with rows_file((mention_row(m) for m in mentions), lines=True) as path:
                    self._insert_from(path, "mentions")
            self._bulk("INSERT INTO tallies SELECT * FROM rows", table="tallies", rows=(
                [t.doc_id, t.start, t.value, t.subject, t.claimant, t.qualifier, t.period_start, t.period_end,
                 t.as_of, t.sentence] for t in tallies))
            self._replace_events(events)
            c.execute("COMMIT")
        except Exception:
            c.execute("ROLLBACK")
            raise

    def _bulk(self, sql: str, rows: Iterable[list], table: str | None = None) -> None:
        """Runs sql over `rows` (a table `rows` of columns c0, c1, ... typed as `table`'s, or one VARCHAR
        column), read by DuckDB from a file the rows are written to as they are made (rows_file)."""
        with rows_file(rows) as path:
            source = read_rows(path, self._types(table) if table else ["VARCHAR"])
            if source is not None:
                self.con.execute(sql.replace("FROM rows", f"FROM {source}"))

    def _insert_from(self, path: str, table: str) -> None:
        """Inserts the rows of a JSON-lines file (columns c0, c1, ... in the table's order)."""
        source = read_rows(path, self._types(table))
        if source is not None:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM {source}")

    def _types(self, table: str) -> list[str]:
        """The column types of `table`, as read from JSON (a JSON column is read as its text)."""
        cols = self.con.execute(f"PRAGMA table_info('{table}')").fetchall()
        return ["VARCHAR" if c[2] == "JSON" else c[2] for c in cols]

    def _replace_events(self, events: list[Event]) -> None:
        c = self.con
        c.execute("DELETE FROM events")
        c.execute("DELETE FROM claims")
        c.execute("DELETE FROM revisions")
        self._bulk("INSERT INTO events SELECT * FROM rows", table="events", rows=(
            [getattr(e, k) for k in EVENT_COLUMNS] + [json.dumps(e.sources), e.notes, e.date_anchor,
                                                      json.dumps(to_dict(e))] for e in events))
        self._bulk("INSERT INTO claims SELECT * FROM rows", table="claims", rows=(
            [e.event_id, cl.claimant, cl.figure, cl.value, cl.qualifier, cl.doc_id, cl.sentence, cl.start, cl.end,
             cl.victim, cl.party_to_conflict, cl.as_of] for e in events for cl in e.claims))
        self._bulk("INSERT INTO revisions SELECT * FROM rows", table="revisions", rows=(
            [e.event_id, r["figure"], r["as_of"], r["value"], r["claimant"], r["doc_id"]]
            for e in events for r in e.revisions))

    # ---------------------------------------------------------------- reads
    def documents(self) -> list[Document]:
        rows = self.con.execute("SELECT doc_id, path, line, outlet, url, title, published, published_from, language, "
                                "content_hash, near_duplicate_of, status, reason, text FROM documents ORDER BY doc_id").fetchall()
        return [Document(doc_id=r[0], path=r[1], line=r[2], outlet=r[3], url=r[4], title=r[5], published=r[6],
                         published_from=r[7], language=r[8], content_hash=r[9], near_duplicate_of=r[10],
                         status=r[11], reason=r[12], text=r[13] or "") for r in rows]

    def mentions(self) -> list[Mention]:
        return [mention_from_json(json.loads(r[0])) for r in
                self.con.execute("SELECT data FROM mentions ORDER BY doc_id, start, mention_id").fetchall()]

    def tallies(self) -> list[Tally]:
        rows = self.con.execute("SELECT doc_id, start, value, subject, claimant, qualifier, period_start, period_end, "
                                "as_of, sentence FROM tallies ORDER BY doc_id, start, value").fetchall()
        return [Tally(claimant=r[4], subject=r[3], value=r[2], qualifier=r[5], period_start=r[6], period_end=r[7],
                      as_of=r[8], doc_id=r[0], sentence=r[9], start=r[1]) for r in rows]

    def event_ids_by_mention(self) -> dict[str, str]:
        out = {}
        for (data,) in self.con.execute("SELECT data FROM events").fetchall():
            e = json.loads(data)
            for mid in e.get("mention_ids", []):
                out[mid] = e["event_id"]
        return out

    def events(self) -> list[dict]:
        return [json.loads(r[0]) for r in self.con.execute(
            "SELECT data FROM events ORDER BY event_date, country, location, event_id").fetchall()]


@contextlib.contextmanager
def rows_file(rows: Iterable, lines: bool = False) -> Iterator[str]:
    """A temporary JSON-lines file of `rows` (lists, as objects of columns c0, c1, ...; or, with lines,
    JSON lines already made), removed afterwards. The rows go to the file as they are made, and DuckDB
    reads it whole (read_rows): fast (executemany inserts row by row, some 6 s for 300 reports) and
    light (a run's rows are never all held at once, and Arrow, which would add some 90 MB to a run's
    peak memory, is not loaded)."""
    fd, path = tempfile.mkstemp(prefix="strife-rows-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write((row if lines else _row_line(row)) + "\n")
        yield path
    finally:
        os.remove(path)


def _row_line(row: list) -> str:
    return json.dumps({f"c{i}": v for i, v in enumerate(row)}, default=str)


def read_rows(path: str, types: list[str]) -> str | None:
    """The DuckDB table expression reading a rows file, columns c0, c1, ... of `types`; None when the
    file has no rows."""
    if not os.path.getsize(path):
        return None
    columns = ", ".join(f"c{i}: '{t}'" for i, t in enumerate(types))
    return f"read_json('{path}', format = 'newline_delimited', columns = {{{columns}}})"


MENTION_DATA = "c7"  # the column of a mention's row that holds the whole mention (mention_row)


def mention_row(m: Mention) -> str:
    """A mention's row of the mentions table, as a line of a rows file."""
    return _row_line([m.mention_id, m.doc_id, m.start, m.end, m.event_type, m.sub_event_type,
                      m.date.start if m.date else None, json.dumps(mention_to_json(m))])


class RowSpool:
    """The mentions' rows, written to a temporary file as each report is coded (the worker processes
    make them, store.mention_row): a run holds no mention while it codes reports, when the model and
    gazetteer fill its memory. Fusion reads them back (`mentions`) once coding is done and the
    gazetteer is let go, and the store inserts the file as it is. Closed and removed with `with`.
    `keep`: the mentions are also rebuilt as their rows come, and kept: for a process that codes no
    report itself (worker processes do), whose memory holds no model; it does this while it waits for
    the workers, instead of after them, when nothing else runs (0.3 s of a 2 MB run's serial end)."""

    def __init__(self, keep: bool = False):
        fd, self.path = tempfile.mkstemp(prefix="strife-mentions-", suffix=".jsonl")
        self.file = os.fdopen(fd, "w", encoding="utf-8")
        self.kept: list[Mention] | None = [] if keep else None

    def write(self, lines: list[str]) -> list[Mention] | None:
        """Writes the rows; with `keep`, returns their mentions, as kept."""
        self.file.writelines(line + "\n" for line in lines)
        if self.kept is None:
            return None
        mentions = [_mention_of_row(line) for line in lines]
        self.kept.extend(mentions)
        return mentions

    def done(self) -> str:
        """The file's path, all rows written."""
        self.file.flush()
        return self.path

    def mentions(self) -> Iterator[Mention]:
        """The spooled mentions, in the order they were written."""
        if self.kept is not None:
            yield from self.kept
            return
        with open(self.done(), encoding="utf-8") as f:
            for line in f:
                yield _mention_of_row(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()
        os.remove(self.path)


def _mention_of_row(line: str) -> Mention:
    return mention_from_json(json.loads(json.loads(line)[MENTION_DATA]))


def mention_to_json(m: Mention) -> dict:
    d = to_dict(m)
    d["place_matches"] = []  # gazetteer matches are re-derivable; the chosen place is kept
    return d


def _date(s):
    return dt.date.fromisoformat(s) if isinstance(s, str) else s


def _build(cls, d: dict):
    """A dataclass from stored JSON, ignoring fields this version does not know (a store written by
    another version of strife still loads)."""
    names = _field_names(cls)
    return cls(**{k: v for k, v in d.items() if k in names})


@functools.cache
def _field_names(cls) -> frozenset[str]:
    """(once per class: a run's end builds every mention of the run from its row, RowSpool.mentions)"""
    return frozenset(f.name for f in dataclasses.fields(cls))


def mention_from_json(d: dict) -> Mention:
    d = dict(d)
    d["quantities"] = [_build(Quantity, q) for q in d.get("quantities") or []]
    if d.get("date"):
        iv = dict(d["date"])
        iv["start"], iv["end"] = _date(iv["start"]), _date(iv["end"])
        d["date"] = _build(TimeInterval, iv)
    if d.get("place"):
        d["place"] = _build(Place, d["place"])
    for k in ("actor1", "actor2"):
        if d.get(k):
            d[k] = _build(Actor, d[k])
    d["place_matches"] = []
    return _build(Mention, d)


__all__ = ["Store", "Claim", "Evidence"]
