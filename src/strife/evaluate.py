"""evaluate: a run's events scored against coded data.

Three kinds of answer key, each matched to the run in its own way:

- ACLED rows (a CSV export): each row's notes were one document, its id the row's event_id_cnty and
  its published date the row's event_date. Of that document's events, the one that agrees best with
  the row (event type, sub-event type, within 25 km) is compared with the coded fields.
- UCDP codings (JSONL, as UCDP-AEC): each coded article was one document 'u<id>', published on its
  source_date. The coded event is found when one of the article's events has a date within the coded
  dates, give or take a day, at a place that shares a name word with UCDP's where, adm2 or adm1 name.
- Hand-coded incidents (JSON, as ../shared/eval/seeds.gold.json): each incident is matched one-to-one,
  closest first, to an event of a compatible date, type and place; the events left over are tally
  leaks, duplicates of a matched incident, or spurious.

The rules are those the project measures itself by (../shared/eval/score.py documents them), written
here so that a user can measure strife on coded data of their own; tests/test_evaluate.py shows the
two agree. The library never prints: `Scores` carries the figures and the misses, the CLI prints them.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StrifeError
from .models import Event, Place, Tally, to_dict

KINDS = ("acled", "ucdp", "gold")


@dataclass
class Miss:
    """One answer the run got wrong: the row, article or incident, what disagrees, and how."""

    key: str
    what: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.key} {self.what}" + (f": {self.detail}" if self.detail else "")


@dataclass
class Scores:
    """Per-field [right, of] counts, other figures (events per note, F1, ...) and the misses."""

    kind: str
    counts: dict[str, list[int]]
    figures: dict[str, float | int | None] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def add(self, checks: dict[str, bool | None]) -> None:
        """Counts one answer's checks; a check of None does not apply to this answer."""
        for name, ok in checks.items():
            if ok is not None:
                self.counts[name][0] += bool(ok)
                self.counts[name][1] += 1

    def rate(self, name: str) -> float | None:
        right, of = self.counts[name]
        return right / of if of else None

    def to_dict(self) -> dict:
        rates = {k: None if self.rate(k) is None else round(self.rate(k), 3) for k in self.counts}
        return {"kind": self.kind, **rates, **self.figures, "counts": {k: list(v) for k, v in self.counts.items()}}

    def summary(self) -> str:
        """One line: the headline figures of this kind of key."""
        names = {"acled": ("event_type", "sub_event_type", "date", "fatalities", "within_25km", "admin1",
                           "inter1", "inter2", "detected", "events_per_note"),
                 "ucdp": ("found", "deaths", "date", "admin1", "country", "events_per_article", "articles"),
                 "incidents": ("f1", "precision", "recall", "fatalities", "actor1", "actor2", "claims",
                               "duplicates", "tally_leaks", "tallies")}[self.kind]
        d = self.to_dict()
        d["tallies"] = "/".join(map(str, self.counts.get("tallies", [])))  # nine of nine reads better as 9/9
        return f"{self.kind}: " + " ".join(f"{n}={d[n]}" for n in names)


@dataclass
class AnswerKey:
    """A loaded key: its kind ("acled", "ucdp" or "gold"), its rows (ACLED rows, UCDP codings or gold
    incidents), the whole gold file for "gold", and the lines that could not be read."""

    kind: str
    path: Path
    rows: list[dict]
    gold: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ small readers

def fold(s) -> str:
    """Lowercase ASCII words separated by single spaces: 'Ma‘arrat an-Nu‘mān' -> 'ma arrat an nu man'."""
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


# The date formats ACLED exports have used (ISO first: it is the common one and the fastest to read).
_DATE_FORMATS = ("%d %B %Y", "%d-%b-%y", "%d-%B-%Y", "%d/%m/%Y", "%m/%d/%Y")


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    s = str(value or "").strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


def number(value) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def km(lat1, lon1, lat2, lon2) -> float | None:
    """Great-circle distance, or None when a coordinate is missing."""
    from .fuse import km as place_km

    if None in (lat1, lon1, lat2, lon2):
        return None
    return place_km(Place("", latitude=lat1, longitude=lon1), Place("", latitude=lat2, longitude=lon2))


def event_rows(events: Iterable[Event | dict]) -> list[dict]:
    """Events as output rows (what events.jsonl holds); rows pass through."""
    from .outputs import event_row

    return [e if isinstance(e, dict) else event_row(e) for e in events]


def tally_rows(tallies: Iterable[Tally | dict]) -> list[dict]:
    return [t if isinstance(t, dict) else to_dict(t) for t in tallies]


def doc_ids(event: dict) -> set[str]:
    """The documents an event was read from: its mentions' doc ids (and a doc_ids list, if given)."""
    ids = {str(m["doc_id"]) for m in event.get("mentions") or [] if m.get("doc_id") is not None}
    return ids | {str(d) for d in event.get("doc_ids") or []}


def events_by_doc(events: list[dict]) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for e in events:
        for d in doc_ids(e):
            by_doc.setdefault(d, []).append(e)
    return by_doc


def read_jsonl(path: Path, problems: list[str]) -> list[dict]:
    """The objects of a JSONL file; a broken line is named in problems and skipped."""
    rows = []
    if not path.exists():
        return rows
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{n}: not valid JSON ({e.msg}); line skipped")
            continue
        if isinstance(row, dict):
            rows.append(row)
        else:
            problems.append(f"{path}:{n}: not a JSON object; line skipped")
    return rows


# ------------------------------------------------------------------ ACLED rows

ACLED_FIELDS = ("detected", "event_type", "sub_event_type", "date", "fatalities", "within_25km", "within_100km",
                "admin1", "inter1", "inter2")
# ACLED's newer exports name the actor types instead of giving their codes.
INTER_NAMES = {"state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4, "rioters": 5,
               "protesters": 6, "civilians": 7, "external other forces": 8}


def inter_code(value, default: str) -> str:
    """An inter code as text ('1' ... '8'), from a code or an ACLED actor-type name; default when none."""
    n = number(value)
    if n is not None:
        return str(int(n)) if n else default
    return str(INTER_NAMES.get(fold(value), default)) if fold(value) else default


def acled_row_id(row: dict) -> str:
    return str(row.get("event_id_cnty") or row.get("data_id") or "")


def acled_agreement(row: dict, event: dict) -> int:
    """How well an event fits a row: the type counts twice, the sub-event type and 25 km once each."""
    dist = km(number(event.get("latitude")), number(event.get("longitude")),
              number(row.get("latitude")), number(row.get("longitude")))
    return (2 * (event.get("event_type") == row.get("event_type"))
            + (event.get("sub_event_type") == row.get("sub_event_type")) + (dist is not None and dist <= 25))


def acled_checks(row: dict, event: dict) -> dict[str, bool]:
    dist = km(number(event.get("latitude")), number(event.get("longitude")),
              number(row.get("latitude")), number(row.get("longitude")))
    got, want = number(event.get("fatalities")), number(row.get("fatalities"))
    return {
        "detected": True,
        "event_type": event.get("event_type") == row.get("event_type"),
        "sub_event_type": event.get("sub_event_type") == row.get("sub_event_type"),
        "date": parse_date(event.get("event_date")) == parse_date(row.get("event_date")),
        # No figure is ACLED's 0: a note that reports no deaths is coded 0.
        "fatalities": got == want or (got is None and want == 0),
        "within_25km": dist is not None and dist <= 25,
        "within_100km": dist is not None and dist <= 100,
        "admin1": bool(fold(row.get("admin1"))) and fold(event.get("admin1")) == fold(row.get("admin1")),
        "inter1": inter_code(event.get("inter1"), "") == inter_code(row.get("inter1"), ""),
        # A one-sided event has no second actor: ACLED's inter2 is then 0.
        "inter2": inter_code(event.get("inter2"), "0") == inter_code(row.get("inter2"), "0"),
    }


def _acled_miss(row: dict, event: dict | None, checks: dict[str, bool]) -> Miss | None:
    note = " ".join(str(row.get("notes") or "").split())
    if event is None:
        return Miss(acled_row_id(row), "no event", note[:160])
    wrong = [k for k in ("event_type", "sub_event_type", "date", "fatalities", "within_25km") if not checks[k]]
    if not wrong:
        return None
    got = f"{event.get('event_date')} {event.get('event_type')}/{event.get('sub_event_type')} " \
          f"{event.get('fatalities')} @ {event.get('location')}"
    want = f"{row.get('event_date')} {row.get('event_type')}/{row.get('sub_event_type')} " \
           f"{row.get('fatalities')} @ {row.get('location')}"
    return Miss(acled_row_id(row), ",".join(wrong), f"got {got}; want {want}; {note[:120]}")


def score_acled(rows: list[dict], events: Iterable[Event | dict]) -> Scores:
    """ACLED rows against the events of their notes; a row whose note gave no event is wrong on every field."""
    by_doc = events_by_doc(event_rows(events))
    scores = Scores("acled", {k: [0, 0] for k in ACLED_FIELDS})
    per_note = []
    for row in rows:
        cands = by_doc.get(acled_row_id(row), [])
        per_note.append(len(cands))
        # max keeps the first of equals: events.jsonl order decides a tie, as it does for a reader.
        best = max(cands, key=lambda e: acled_agreement(row, e)) if cands else None
        checks = acled_checks(row, best) if best else {k: False for k in ACLED_FIELDS}
        scores.add(checks)
        miss = _acled_miss(row, best, checks)
        if miss:
            scores.misses.append(miss)
    scores.figures = {"notes": len(rows),
                      "events_per_note": round(sum(per_note) / len(per_note), 2) if per_note else None}
    return scores


def acled_documents(rows: list[dict]) -> list[dict]:
    """The input lines for ACLED rows: one document per row's notes, published on its event date."""
    docs = []
    for row in rows:
        if str(row.get("notes") or "").strip():
            d = parse_date(row.get("event_date"))
            docs.append({"id": acled_row_id(row), "text": row["notes"], "published": d.isoformat() if d else None,
                         "outlet": row.get("source") or None})
    return docs


# ------------------------------------------------------------------ UCDP codings

UCDP_FIELDS = ("found", "deaths", "date", "admin1", "country", "deaths_any")
# Words that say what kind of place a name is, and articles and directions: they name no place.
PLACE_KIND_WORDS = frozenset(
    "town village city district suburb state region governorate province municipality county township river "
    "area camp department division departement prefecture oblast raion".split())
PLACE_STOP_WORDS = frozenset(
    "al el the of an as ar at ad ash de la ul north south east west northern southern eastern western central "
    "upper lower".split())


def name_words(name) -> set[str]:
    """A place name's words that can identify it: folded, longer than two letters, no kind word or article."""
    return {w for w in fold(name).split()
            if len(w) > 2 and w not in PLACE_KIND_WORDS and w not in PLACE_STOP_WORDS}


def _ucdp_window(coding: dict) -> tuple[dt.date, dt.date] | None:
    """The coded dates with a day's slack either side (a report's "yesterday" often lands a day off)."""
    start = parse_date(coding.get("start_date"))
    end = parse_date(coding.get("end_date")) or start
    if start is None:
        return None
    return start - dt.timedelta(days=1), end + dt.timedelta(days=1)


def ucdp_checks(coding: dict, cands: list[dict]) -> tuple[dict[str, bool], list[dict]]:
    """The checks of one coded article against its events, and the events that found the coded one."""
    window = _ucdp_window(coding)
    names = set().union(*(name_words(coding.get(k)) for k in
                          ("location_where_name", "location_adm2_name", "location_adm1_name")))
    adm1, country = name_words(coding.get("location_adm1_name")), name_words(coding.get("location_root_name"))
    low, high = number(coding.get("deaths_low")) or 0, number(coding.get("deaths_high")) or 0

    def on_day(e):
        d = parse_date(e.get("event_date"))
        return window is not None and d is not None and window[0] <= d <= window[1]

    def toll_ok(e):  # no figure reads as no deaths
        return low <= (number(e.get("fatalities")) or 0) <= high

    def place(e):
        return name_words(e.get("location")) | name_words(e.get("admin2")) | name_words(e.get("admin1"))

    hits = [e for e in cands if on_day(e) and names & place(e)]
    return {"found": bool(hits), "deaths": any(toll_ok(e) for e in hits), "date": any(map(on_day, cands)),
            "admin1": bool(adm1) and any(adm1 & name_words(e.get("admin1")) for e in cands),
            "country": any(country & name_words(e.get("country")) for e in cands),
            "deaths_any": any(map(toll_ok, cands))}, hits


def _ucdp_miss(coding: dict, cands: list[dict], hits: list[dict], checks: dict) -> Miss | None:
    if not hits:
        got = [f"{e.get('event_date')} {e.get('location')}/{e.get('admin1')}" for e in cands[:4]]
        return Miss(f"u{coding.get('id')}", "not found",
                    f"want {coding.get('start_date')} {coding.get('location_where_name')}/"
                    f"{coding.get('location_adm1_name')}; got {got}")
    if not checks["deaths"]:
        return Miss(f"u{coding.get('id')}", "deaths", f"got {[e.get('fatalities') for e in hits]} want "
                    f"{coding.get('deaths_low')}-{coding.get('deaths_high')}")
    return None


def score_ucdp(codings: list[dict], events: Iterable[Event | dict]) -> Scores:
    """UCDP codings against their articles' events. Every field is a share of all articles."""
    by_doc = events_by_doc(event_rows(events))
    scores = Scores("ucdp", {k: [0, 0] for k in UCDP_FIELDS})
    per_article = []
    for coding in codings:
        cands = by_doc.get(f"u{coding.get('id')}", [])
        per_article.append(len(cands))
        checks, hits = ucdp_checks(coding, cands)
        scores.add(checks)
        miss = _ucdp_miss(coding, cands, hits, checks)
        if miss:
            scores.misses.append(miss)
    n = len(codings)
    scores.figures = {"articles": n, "events_per_article": round(sum(per_article) / n, 2) if n else None}
    return scores


def ucdp_documents(codings: list[dict]) -> list[dict]:
    """The input lines for UCDP codings: one document 'u<id>' per coded article."""
    return [{"id": f"u{c.get('id')}", "text": c["source_article"],
             "published": str(c.get("source_date") or "")[:10] or None}
            for c in codings if str(c.get("source_article") or "").strip()]


# ------------------------------------------------------------------ hand-coded incidents

INCIDENT_FIELDS = ("precision", "recall", "fatalities", "injured", "actor1", "actor2", "sub_event_type", "claims",
                   "sources", "tallies")


UNMATCHED_LABELS = {"tally_leaks": "tally leak (a cumulative figure coded as an incident)",
                    "duplicates": "duplicate (a second event for a matched incident)",
                    "spurious": "spurious (matches no incident)"}


def actor_fits(pattern: str, event: dict, side: int) -> bool:
    """The gold's actor pattern (a regular expression) found in the event's actor or its associate."""
    names = " | ".join(str(event.get(k) or "") for k in (f"actor{side}", f"assoc_actor_{side}"))
    return re.search(pattern, names, re.I) is not None


def closeness(incident: dict, event: dict) -> float | None:
    """None when the event cannot be the incident (date outside the window, another type, too far);
    else how close it is: nearer, from the incident's reports, with its actors, ranks higher."""
    d = parse_date(event.get("event_date"))
    lo, hi = (parse_date(x) for x in incident["date_window"])
    if d is None or not lo <= d <= hi or event.get("event_type") not in incident["event_types"]:
        return None
    loc = incident["location"]
    dist = km(number(event.get("latitude")), number(event.get("longitude")), loc["latitude"], loc["longitude"])
    if dist is None and loc["tolerance_km"] >= 50 and fold(event.get("admin1")) == fold(loc.get("admin1")):
        dist = loc["tolerance_km"]  # an incident placed only by its province takes an event placed so too
    if dist is None or dist > loc["tolerance_km"]:
        return None
    return (1.0 - dist / 1000.0 + 0.5 * len(doc_ids(event) & set(incident["docs"]))
            + 0.25 * actor_fits(incident["actor1"], event, 1) + 0.25 * actor_fits(incident["actor2"], event, 2)
            + 0.5 * bool(incident["required"]))


def match_incidents(incidents: list[dict], events: list[dict]) -> tuple[dict[int, int], set[int]]:
    """One-to-one, closest pair first: incident index -> event index; and the events compatible with a
    matched incident (those left unmatched are its duplicates)."""
    pairs = sorted(((s, i, j) for i, inc in enumerate(incidents) for j, e in enumerate(events)
                    if (s := closeness(inc, e)) is not None), reverse=True)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in pairs:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched, {j for _, i, j in pairs if i in matched}


def in_range(rng: dict | None, value) -> bool | None:
    if rng is None:
        return None
    v = number(value)
    return v is not None and rng["low"] <= v <= rng["high"]


def claim_found(claim: dict, event: dict) -> bool:
    return any(str(c.get("doc_id")) == claim["doc"] and number(c.get("value")) == claim["value"]
               and (c.get("figure") or "fatalities") == claim["figure"]
               and re.search(claim["claimant"], str(c.get("claimant") or ""), re.I)
               for c in event.get("claims") or [])


def incident_checks(incident: dict, event: dict) -> dict[str, bool | None]:
    """The fields of a matched required incident; None where the gold does not code the field."""
    subtypes = incident.get("sub_event_types")
    return {"fatalities": in_range(incident.get("fatalities"), event.get("fatalities")),
            "injured": in_range(incident.get("injured"), event.get("injured")),
            "actor1": actor_fits(incident["actor1"], event, 1),
            "actor2": actor_fits(incident["actor2"], event, 2),
            "sub_event_type": event.get("sub_event_type") in subtypes if subtypes else None,
            "sources": set(incident["docs"]) <= doc_ids(event)}


def _leaks_a_tally(event: dict, gold_tallies: list[dict]) -> bool:
    """An event whose evidence holds a coded tally's words, in the tally's report: a cumulative figure
    coded as an incident."""
    texts = [(t["doc"], fold(t["text"])) for t in gold_tallies if fold(t.get("text"))]
    sentences = [(str(m.get("doc_id")), fold(m.get("sentence") or m.get("text"))) for m in event.get("mentions") or []]
    return any(doc == d and text in s for d, s in sentences for doc, text in texts)


def _describe(e: dict) -> str:
    return (f"{e.get('event_id')} {e.get('event_date')} {e.get('event_type')} @ {e.get('location')} "
            f"({e.get('actor1')} vs {e.get('actor2')}) docs={sorted(doc_ids(e))}")


def _score_matched(scores: Scores, incidents: list[dict], events: list[dict], matched: dict[int, int]) -> None:
    for i, inc in enumerate(incidents):
        if not inc["required"]:
            continue
        scores.add({"recall": i in matched})
        if i not in matched:
            scores.misses.append(Miss(inc["id"], "missed", f"{inc['date_window'][0]} {inc['location']['name']}: "
                                      f"{inc.get('note', '')}"))
            continue
        event = events[matched[i]]
        checks = incident_checks(inc, event)
        claims = [claim_found(c, event) for c in inc.get("claims", [])]
        scores.add(checks)
        for ok in claims:
            scores.add({"claims": ok})
        got = event | {"sources": sorted(doc_ids(event))}  # the reports it was read from
        wrong = [f"{k}={got.get(k)!r}" for k, ok in checks.items() if ok is False]
        wrong += [f"claim {c['value']} in {c['doc']}" for c, ok in zip(inc.get("claims", []), claims) if not ok]
        if wrong:
            scores.misses.append(Miss(inc["id"], "partial", f"-> {event.get('event_id')}: {'; '.join(wrong)}"))


def score_incidents(gold: dict, events: Iterable[Event | dict], tallies: Iterable[Tally | dict] = ()) -> Scores:
    """Hand-coded incidents against a run's events and tallies (see the module's docstring)."""
    events, tallies = event_rows(events), tally_rows(tallies)
    incidents, gold_tallies = gold.get("events", []), gold.get("tallies", [])
    matched, compatible = match_incidents(incidents, events)
    scores = Scores("incidents", {k: [0, 0] for k in INCIDENT_FIELDS})
    scores.counts["precision"] = [len(matched), len(events)]
    _score_matched(scores, incidents, events, matched)
    kinds = {"tally_leaks": 0, "duplicates": 0, "spurious": 0}
    taken = set(matched.values())
    for j, e in enumerate(events):
        if j in taken:
            continue
        kind = "tally_leaks" if _leaks_a_tally(e, gold_tallies) else "duplicates" if j in compatible else "spurious"
        kinds[kind] += 1
        scores.misses.append(Miss(e.get("event_id") or str(j), UNMATCHED_LABELS[kind], _describe(e)))
    for t in gold_tallies:
        scores.add({"tallies": any(str(p.get("doc_id")) == t["doc"] and number(p.get("value")) == t["value"]
                                   for p in tallies)})
    p, r = scores.rate("precision") or 0.0, scores.rate("recall") or 0.0
    scores.figures = {"f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "predicted": len(events), **kinds}
    return scores


def gold_documents(gold: dict, gold_path: Path) -> list[dict]:
    """The input lines for a gold file's `documents` ({id: {file, outlet, published}}): each file is looked
    for beside the gold file and in the folder named by its `corpus` next to the gold's folder."""
    folders = [gold_path.parent, gold_path.parent.parent / str(gold.get("corpus") or "")]
    docs = []
    for doc_id, meta in (gold.get("documents") or {}).items():
        found = [f / meta["file"] for f in folders if (f / meta["file"]).is_file()] if meta.get("file") else []
        if not found:
            raise StrifeError(f"{gold_path}: the text of document {doc_id} ({meta.get('file')}) is not beside the "
                              "gold file; give the reports with --input FILE")
        docs.append({"id": doc_id, "text": found[0].read_text(encoding="utf-8"), "published": meta.get("published"),
                     "outlet": meta.get("outlet")})
    if not docs:
        raise StrifeError(f"{gold_path} names no documents; give the reports it codes with --input FILE")
    return docs


# ------------------------------------------------------------------ keys and runs

ACLED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "notes")
INCIDENT_KEYS = ("id", "required", "date_window", "event_types", "location", "actor1", "actor2", "docs")
LOCATION_KEYS = ("latitude", "longitude", "tolerance_km")


def load_key(kind: str, path: str | Path, limit: int | None = None) -> AnswerKey:
    """An answer key read and checked; `limit` keeps the first N ACLED rows or UCDP codings."""
    path = Path(path)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not path.is_file():
        raise StrifeError(f"no answer key at {path}: name an existing file")
    if kind == "gold":
        gold = _read_gold(path)
        return AnswerKey(kind, path, gold["events"], gold=gold)
    problems: list[str] = []
    rows = _read_acled(path) if kind == "acled" else _read_codings(path, problems)
    return AnswerKey(kind, path, rows[:limit] if limit else rows, problems=problems)


def _read_acled(path: Path) -> list[dict]:
    # utf-8-sig: a CSV saved from a spreadsheet starts with a byte-order mark; undecodable bytes are replaced
    # so that one bad note does not lose the file.
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ACLED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise StrifeError(f"{path} is not an ACLED export: no column {', '.join(missing)} "
                              "(export the rows with their notes from ACLED's data export tool)")
        return list(reader)


def _read_codings(path: Path, problems: list[str]) -> list[dict]:
    codings = []
    for n, row in enumerate(read_jsonl(path, problems), 1):
        if row.get("id") is None or not row.get("start_date"):
            problems.append(f"{path}: coding {n} has no id or start_date; skipped")
        else:
            codings.append(row)
    return codings


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise StrifeError(f"{path} is not a JSON incident key ({e})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        raise StrifeError(f"{path}: an incident key is a JSON object with an 'events' list "
                          "(see ../shared/eval/seeds.gold.json)")
    for n, inc in enumerate(gold["events"], 1):
        missing = [k for k in INCIDENT_KEYS if k not in inc]
        missing += [f"location.{k}" for k in LOCATION_KEYS if k not in (inc.get("location") or {})]
        if missing:
            raise StrifeError(f"{path}: incident {inc.get('id', n)} has no {', '.join(missing)}")
        window = inc["date_window"]
        if not isinstance(window, list) or len(window) != 2 or None in map(parse_date, window):
            raise StrifeError(f"{path}: incident {inc['id']}: date_window must be two dates, [\"YYYY-MM-DD\", ...]")
        for side in ("actor1", "actor2"):
            try:
                re.compile(inc[side])
            except re.error as e:
                raise StrifeError(f"{path}: incident {inc['id']}: {side} is not a regular expression ({e})") from None
    return gold


def key_documents(key: AnswerKey) -> list[dict]:
    """The input lines (id, text, published, outlet) that the key's coders read."""
    if key.kind == "acled":
        return acled_documents(key.rows)
    if key.kind == "ucdp":
        return ucdp_documents(key.rows)
    return gold_documents(key.gold, key.path)


def score(key: AnswerKey, events: Iterable[Event | dict], tallies: Iterable[Tally | dict] = ()) -> Scores:
    if key.kind == "acled":
        return score_acled(key.rows, events)
    if key.kind == "ucdp":
        return score_ucdp(key.rows, events)
    return score_incidents(key.gold, events, tallies)


@dataclass
class Evaluation:
    """Scores, where the scored output is (None for a temporary directory), whether extract ran, and the
    problems met (unreadable key lines, failed inputs)."""

    scores: Scores
    out: Path | None
    ran: bool
    problems: list[str] = field(default_factory=list)


def evaluate(key: AnswerKey, pred: str | Path | None = None, *, inputs: list[str | Path] | None = None,
             settings=None, progress=None) -> Evaluation:
    """Score the output in `pred` when it holds events.jsonl; else run extract on `inputs` (default: the
    key's own documents), write its output into `pred` (default: a temporary directory) and score that."""
    if pred is None:
        with tempfile.TemporaryDirectory(prefix="strife-eval-") as tmp:
            result = evaluate(key, tmp, inputs=inputs, settings=settings, progress=progress)
        result.out = None
        return result
    pred = Path(pred)
    problems = list(key.problems)
    if (pred / "events.jsonl").exists():
        events = read_jsonl(pred / "events.jsonl", problems)
        tallies = read_jsonl(pred / "tallies.jsonl", problems)
        return Evaluation(score(key, events, tallies), pred, False, problems)
    result = run_extract(key, pred, inputs=inputs, settings=settings, progress=progress)
    problems += [str(p) for p in result.problems]
    return Evaluation(score(key, result.events, result.tallies), pred, True, problems)


def run_extract(key: AnswerKey, out: Path, *, inputs=None, settings=None, progress=None):
    """extract over the key's documents (written to OUT/input.jsonl) or over `inputs`; the output files
    go into `out`, as `strife extract` writes them. Returns the RunResult."""
    from .outputs import write_outputs
    from .pipeline import run

    out.mkdir(parents=True, exist_ok=True)
    if not inputs:
        src = out / "input.jsonl"
        src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in key_documents(key)), encoding="utf-8")
        inputs = [src]
    result = run(inputs, settings=settings, progress=progress)
    write_outputs(out, result.events, result.tallies, result.documents, result.problems)
    return result
