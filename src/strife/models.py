"""The typed data that flows between strife's stages.

ingest -> Document; nlp -> (Document, spaCy Doc); extract -> Mention, Tally; resolve fills a Mention's
date, place and actors; fuse -> Event (with Claim); store and outputs write them.

Plain dataclasses: cheap to build, picklable (for worker processes and Ray), and turned into JSON by
`to_dict`. Dates are `datetime.date`; JSON output writes them as ISO strings.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# ACLED's time_precision and geo_precision codes.
DAY, WEEK, MONTH = 1, 2, 3
TOWN, NEAR, REGION = 1, 2, 3


_PLAIN = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a class's field names (None: not a dataclass), once


def to_dict(obj: Any) -> Any:
    """A dataclass (or list/dict of them) as JSON-ready plain data, dates as ISO strings. (Called some
    100 times per mention when a run is stored: plain values return first, fields are looked up once.)"""
    if isinstance(obj, _PLAIN):
        return obj
    cls = type(obj)
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    names = _FIELDS[cls]
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


@dataclass(slots=True)
class Document:
    """One report after ingest: cleaned text plus what is known about where it came from."""

    doc_id: str
    text: str
    path: str | None = None
    line: int | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # "metadata", "text", "inferred" or None
    language: str | None = "en"
    content_hash: str = ""
    near_duplicate_of: str | None = None
    country: str | None = None  # ISO2 of the country the report is about (resolve fills it)
    status: str = "ok"  # "ok", "failed", "skipped", "duplicate"
    reason: str | None = None


@dataclass(slots=True)
class InputProblem:
    """Bad content in one input: reported, counted, and the run goes on."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class TimeInterval:
    """A resolved time expression: [start, end] and ACLED's time_precision (1 day, 2 week, 3 month)."""

    start: dt.date
    end: dt.date
    precision: int = DAY
    anchor: str = "expression"  # "expression", "narrative", "statement", "dateline", "published"
    text: str | None = None


@dataclass(slots=True)
class Place:
    """A gazetteer entry, or a coarser fallback (admin1, country) with its geo_precision."""

    name: str
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    kind: str = "town"  # "town", "village", "region", "admin1", "country", "base", "crossing", "camp", ...
    population: int = 0
    geo_precision: int = TOWN
    told: str | None = None  # the name as the report spells it ("Al-Hawl"), where a report named the entry
    # a village or farm the report names at this place that the gazetteer does not know ("the village of
    # Al Dabas" near the town known): the event's location, near these coordinates (geo_precision 2)
    village: str | None = None


@dataclass(slots=True)
class Actor:
    """A canonical actor in ACLED's style with its inter code."""

    name: str
    inter: int
    country_code: str | None = None
    assoc: str | None = None  # associated actor ("Military Forces of Turkey" for Turkey-backed rebels)
    side: str | None = None  # allies share a side ("Syrian opposition" for NLF, SNA and generic rebels)


@dataclass(slots=True)
class Quantity:
    """A reported count: killed, injured, captured, destroyed ... with its qualifier."""

    figure: str  # "fatalities", "injured", "captured", "destroyed", "displaced", "arrested"
    value: int
    qualifier: str | None = None  # "at least", "as many as", "more than", "nearly", "about", "dozens", ...
    victim: str | None = None  # the counted noun phrase ("Syrian regime soldiers")
    start: int = 0  # character offsets into the document's cleaned text
    end: int = 0
    text: str = ""
    low: int | None = None
    high: int | None = None
    victim_side: str | None = None  # the side the counted victims belong to (resolve fills it)
    subset: bool = False  # "at least 11 civilians, including six children": part of another figure
    alternative: bool = False  # another reading of the same victims ("2 killed (3 according to X)")
    claimant: str | None = None  # the alternative's own claimant, when the sentence names one
    single: bool = False  # one victim told by a singular noun ("a soldier was killed", "Ali Musa died")


@dataclass(slots=True)
class Mention:
    """One reported happening in one sentence of one document."""

    mention_id: str
    doc_id: str
    sentence: str
    start: int  # sentence offsets into the document's cleaned text
    end: int
    trigger: str
    trigger_start: int
    event_type: str
    sub_event_type: str
    family: str = ""
    priority: int = 0
    modality: str = "asserted"  # "asserted", "negated", "denied", "hypothetical", "planned", "question"
    actor1_text: str | None = None
    actor2_text: str | None = None
    place_texts: list[str] = field(default_factory=list)
    place_precision_hint: int | None = None  # 2 for "near X", 3 for "northern X province"
    time_text: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    claimant: str | None = None
    claimant_is_outlet: bool = False
    claimant_side: str | None = None  # the side the claimant speaks for, when it is one (resolve fills it)
    sides: list[str] = field(default_factory=list)  # the participants' sides and their backers' (resolve)
    # The canonical actor whose fire the report says supported actor1's action ("Y's advance was
    # supported by X's artillery"): extract fills it; fuse folds that fire into Y's event (see fuse).
    backer: str | None = None
    # filled by resolve
    date: TimeInterval | None = None
    place: Place | None = None
    place_matches: list = field(default_factory=list)  # gazetteer matches in the sentence (extract)
    actor1: Actor | None = None
    actor2: Actor | None = None
    background: bool = False  # a statement about an older incident
    statement_dated: bool = False  # its only day is a statement's ("X said on Friday") (extract)
    refers_back: bool = False  # named by a definite noun ("the raid"): one of its kind told before (extract)


@dataclass(slots=True)
class Claim:
    """One figure, who claims it, and where."""

    claimant: str
    figure: str
    value: int
    qualifier: str | None
    doc_id: str
    sentence: str
    start: int = 0
    end: int = 0
    victim: str | None = None
    party_to_conflict: bool = False
    as_of: dt.date | None = None
    victim_side: str | None = None  # the armed side the counted victims belong to; None for civilians/unknown
    single: bool = False  # it tells of one victim by a singular noun, not a toll ("the man died")
    another: bool = False  # that one victim is one more than those told before ("another man died")


@dataclass(slots=True)
class Tally:
    """A cumulative figure ("at least 15 soldiers have been killed this month"): never an incident."""

    claimant: str | None
    subject: str
    value: int
    qualifier: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    as_of: dt.date | None
    doc_id: str
    sentence: str
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Evidence:
    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One incident, fused from its mentions across reports. Field names follow ACLED where ACLED has one."""

    event_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    geonameid: int | None
    fatalities: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    injured: int | None
    claims: list[Claim] = field(default_factory=list)
    mentions: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: str = ""
    date_anchor: str = "expression"
    revisions: list[dict] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)  # the mentions fused here (keeps ids stable)


@dataclass
class RunResult:
    """What `strife.extract` returns."""

    documents: list[Document]
    events: list[Event]
    tallies: list[Tally]
    mentions: list[Mention]
    problems: list[InputProblem]

    @property
    def failed(self) -> bool:
        return bool(self.problems)
