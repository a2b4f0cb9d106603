"""fuse: mentions to events.

Mentions of one incident, within a report and across reports, become one event. The rule:

1. Within a report, mentions are first grouped into the incidents it tells of (incidents.py).
   Across reports, a report incident is compared only with the open events of its country that its
   date, kind of event and place could match (_OpenIndex).
2. Compatibility, every condition required of every mention of the event:
   - date: the intervals overlap;
   - place: two towns within 10 km when both are town-precise (one town and its outskirts), a place
     'near' a town within the setting `fuse_max_km` (25 km); a province-level place is compatible with
     any place inside that province; a place known only as a country is compatible with nothing in
     another report;
   - type: the same event type, or both in the violence group (Battles, Explosions/Remote violence,
     Violence against civilians), since reports of one fight name it as shelling, clashes or killings;
   - actors: each side's attacker the same actor or unknown ("Unidentified ..."), and likewise each
     side's target: an attack by A on B is not B's retaliation against A.
   A backer's fire that the report says supported another side's action ("the rebels' advance was
   supported by Turkish artillery fire") is that side's event, as ACLED codes it: the mention counts
   as the supported side with the backer associated, and so does the backer's fire against the same
   enemy on that day and place in that report ("Four soldiers were wounded in the Turkish shelling").
   Supporting fire takes the type of the action it supports, so it neither votes on the event's type
   and actors nor has to share the type of mentions in other reports.
3. Clustering: greedy, in report order, each report incident joining the compatible event of other
   reports with the nearest place, else starting a new one. Greedy and ordered, so the output is
   deterministic.

Reconciliation: each claim keeps claimant, report and sentence; a claimant's later figure supersedes
its earlier one; fatalities best is the lowest of the claimants' current figures (conservative, as
ACLED codes), low and high the range of all claims.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .figures import UPPER_BOUND
from .incidents import REVISED, STATEMENT_DAYS, ReportIncident, own_date, own_place, report_incidents
from .lexicon import quantities
from .models import WEEK, Claim, Document, Event, Evidence, Mention, Place, Quantity

VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Up to this length a report is a note about one incident (a coder's note, a wire brief of a few
# sentences): 99 % of ACLED's notes are shorter, nine in ten news articles longer.
NOTE_CHARS = 800
# Which date of an event's mentions wins, at equal precision: a day the sentence tells itself, then
# one carried from the sentence before, then the day of a statement about it, then the report's own day.
DATE_ANCHOR_RANK = {"expression": 0, "narrative": 1, "statement": 2, "dateline": 2, "published": 3}
TOWN_KM = 10.0  # one town and its outskirts
NEAR_KM = 25.0  # "near X": within a district's reach of X


def km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _dates_overlap(a: Mention, b: Mention, bounds: tuple[str, ...] = ("statement",)) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if a.date.anchor in bounds or b.date.anchor in bounds:
        # a statement's day (or, for a recap, the day of a report that dates a happening no otherwise)
        # is the latest the happening can have had (incidents.STATEMENT_DAYS)
        said, other = (a, b) if a.date.anchor in bounds else (b, a)
        return said.date.start - STATEMENT_DAYS <= other.date.end and other.date.start <= said.date.end
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def _places_compatible(a: Place | None, b: Place | None, near_km: float = NEAR_KM) -> tuple[bool, float]:
    """(compatible, distance for ranking). Two towns are one incident's place within TOWN_KM, a place
    near a town (precision 2) within near_km (the setting fuse_max_km)."""
    if a is None or b is None:
        return True, 50.0
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False, 1e9
    pa, pb = a.geo_precision or 3, b.geo_precision or 3
    if pa >= 3 or pb >= 3:
        coarse, fine = (a, b) if pa >= pb else (b, a)
        if coarse.kind == "country":
            return True, 100.0
        if coarse.admin1 and fine.admin1 and coarse.admin1 != fine.admin1:
            return False, 1e9
        return True, 40.0
    if None in (a.latitude, b.latitude):
        return a.name == b.name, 0.0
    d = km(a, b)
    limit = min(TOWN_KM, near_km) if pa == 1 and pb == 1 else near_km
    return d <= limit, d


# A crowd's event: one report's protest is another's riot when the crowd turned violent.
CROWD = {"Protests", "Riots"}


def _types_compatible(a: str, b: str) -> bool:
    return a == b or (a in VIOLENCE and b in VIOLENCE) or (a in CROWD and b in CROWD)


def _kind_group(event_type: str) -> str:
    """Event types that may be one incident share a group (_types_compatible): fusion indexes open
    events by day and group, so a protest is never compared with the day's shellings."""
    return "violence" if event_type in VIOLENCE else "crowd" if event_type in CROWD else event_type


def _countrywide(place) -> bool:
    return place is None or place.kind == "country"


def _unknown(actor) -> bool:
    return actor is None or actor.name.startswith("Unidentified")


def _vague_side(side: str) -> bool:
    """ "insurgents", "gunmen", "terrorists": a description that any named armed group may fit."""
    return side.startswith(("Unidentified", "Opposition Rebels"))


def _side(actor) -> str:
    return actor.side or actor.name


def _actors_compatible(m: Mention, ev: "Cluster") -> bool:
    """Each role's side must agree (allies count as one side: a generic 'rebels' and a named rebel
    group of that opposition) with the sides the event's report incidents vote for (a quote's or a
    reaction's own parse is not the event's); the victims' sides too, when both count armed victims."""
    return roles_compatible(m, ev.voted or ev.mentions) and _victims_compatible(m, ev)


def _same_side(a, b) -> bool:
    """One side, or a description and a group it fits: "insurgents" (ACLED's Opposition Rebels of the
    country) and a named rebel or militia group there."""
    if _side(a) == _side(b):
        return True
    if a.inter in (5, 6) and b.inter in (5, 6) and a.country_code == b.country_code:
        return True  # one crowd, told as protesters and as rioters (a protest that turned violent)
    generic = [x for x in (a, b) if x.name.startswith("Opposition Rebels")]
    return len(generic) == 1 and (b if generic[0] is a else a).inter in (2, 3)


def roles_compatible(m: Mention, theirs_ms: list[Mention]) -> bool:
    """m's sides agree with those of the mentions theirs_ms (see _actors_compatible)."""
    if m.family == "clash":
        # "clashes between A and B" says nothing of who attacked: the sides as a pair must agree
        theirs = [getattr(x, r) for x in theirs_ms for r in ("actor1", "actor2") if not _unknown(getattr(x, r))]
        for mine in (m.actor1, m.actor2):
            if not _unknown(mine) and theirs and not any(_same_side(mine, t) for t in theirs):
                return False
    for role in ("actor1", "actor2") if m.family != "clash" else ():
        mine = getattr(m, role)
        if _unknown(mine):
            continue
        theirs = [getattr(x, role) for x in theirs_ms if not _unknown(getattr(x, role))]
        if theirs and not any(_same_side(mine, t) for t in theirs):
            return False
    return True


def _victims_compatible(m: Mention, ev) -> bool:
    # The largest tolls of the same victims that differ more than threefold are different incidents
    # ("two soldiers killed on Thursday" is not "34 died in an air strike"); claimants of one incident
    # disagree, but rarely by that much. (Each side's largest: a report's smaller figures are often
    # parts or earlier counts of its toll.)
    def largest(ms):
        out: dict = {}
        for x in ms:
            for q in x.quantities:
                if x.claimant_side and q.victim_side and x.claimant_side != q.victim_side:
                    continue  # a party's count of its enemy's dead is a claim, not a measure
                if q.figure == "fatalities" and not q.subset:
                    out[q.victim_side] = max(out.get(q.victim_side, 0), q.value)
        return out
    mine, theirs = largest([m]), largest(ev.mentions)
    for side, v in mine.items():
        for side2, w in theirs.items():
            if side != side2:
                continue  # (unknown victims are not compared with one side's: they may be others)
            lo, hi = sorted((v, w))
            if lo > 0 and hi / lo > 3:
                return False
    mine_v = {q.victim_side for q in m.quantities if q.victim_side and not _vague_side(q.victim_side)}
    theirs_v = {q.victim_side for x in ev.mentions for q in x.quantities
                if q.victim_side and not _vague_side(q.victim_side)}
    if mine_v and theirs_v and not (mine_v & theirs_v):
        return False
    return True


def _facet(x: Mention) -> tuple:
    """What Cluster.compatible reads of an event's mention: its place, date and type."""
    p, d = x.place, x.date
    return ((p.name, p.country_code, p.admin1, p.latitude, p.longitude, p.geo_precision, p.kind) if p else None,
            (d.start, d.end, d.anchor) if d else None, x.event_type)


def _recap(m: Mention, tolls: set) -> bool:
    """A report that dates a happening only by its own day and repeats a toll the event has (`tolls`:
    its mentions' death figures) ("the strike came a day after the clash near Nangade, where 23
    insurgents were killed") retells it."""
    if m.date is None or m.date.anchor != "published":
        return False
    return any(q.figure == "fatalities" and not q.subset and q.value in tolls for q in m.quantities)


def _facet_rank(x: Mention, m: Mention, dated_apart: bool, max_km: float, recap: bool = False) -> float | None:
    """None when x, a mention of an event (dated_apart: see Cluster), rules out that m's incident,
    from another report, is that event: by country, date, type or place; else their places' distance."""
    if x.place and m.place and x.place.country_code != m.place.country_code:
        return None
    # a sentence dated only by its report's day, in an event dated otherwise, is its context ("he said
    # the patrol had been accompanied by the local force"): it neither dates the event nor names its kind
    context = dated_apart and x.date is not None and x.date.anchor == "published"
    if not context and not _dates_overlap(x, m, ("statement", "published") if recap else ("statement",)):
        return None
    if (not context and not _types_compatible(x.event_type, m.event_type)) or _countrywide(x.place):
        return None
    ok, dist = _places_compatible(x.place, m.place, max_km)
    return dist if ok else None


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    # kept as mentions are added (`add`): an incident is compared with hundreds of open events
    docs: set[str] = field(default_factory=set)
    own_dated: Mention | None = None  # its first mention dated by its own words, not its report's day
    # one mention of each place, date and type: compatible() compares another report's mention with
    # nothing else of them (reports of one incident repeat its place and day)
    facets: dict[tuple, Mention] = field(default_factory=dict)
    told: set[tuple[str, str]] = field(default_factory=set)  # (type, sub-event type) of its own actions
    # the facets of other reports' incidents one of its facets ruled out: facets are only added, so a
    # facet once ruled out stays out (while the event is dated the same way; see compatible)
    refused: set[tuple] = field(default_factory=set)
    tolls: set = field(default_factory=set)  # its mentions' death figures (_recap)
    voted: list[Mention] = field(default_factory=list)  # its report incidents' leads with their voted sides

    def add(self, mentions: list[Mention], voted: Mention | None = None) -> None:
        if voted is not None:
            self.voted.append(voted)
        self.mentions.extend(mentions)
        self.docs.update(x.doc_id for x in mentions)
        for x in mentions:
            if self.own_dated is None and x.date is not None and x.date.anchor != "published":
                self.own_dated = x
            self.facets.setdefault(_facet(x), x)
            self.tolls.update(q.value for q in x.quantities if q.figure == "fatalities")
            if not x.backer:
                self.told.add((x.event_type, x.sub_event_type))

    @property
    def dated_apart(self) -> bool:
        return self.own_dated is not None

    @property
    def anchor(self) -> Mention:
        """A mention whose date, kind and place every incident that joins the event must match: its
        first, or once a mention is dated by its own words, that one (compatible() then no longer
        compares the dates of mentions dated only by their report's day)."""
        return self.own_dated or self.mentions[0]

    def compatible(self, m: Mention, max_km: float, kinds: set[str] | None = None,
                   facet: tuple | None = None) -> float | None:
        """None, or a rank (lower is better: the nearest place), for the lead of a report incident from
        a report none of whose incidents is in this event. `kinds`: the event types the incident was
        told as (its lead's when not given); `facet`: _facet(m), when the caller has it."""
        if _countrywide(m.place):
            # A report that places its incident only in a country says nothing of where it was: two
            # such reports of the same day are as likely two incidents as one.
            return None
        kinds = kinds or {m.event_type}
        recap = _recap(m, self.tolls)
        mine, rank = (facet or _facet(m), self.dated_apart, recap), None
        if mine in self.refused:
            return None
        for x in self.facets.values():
            r = _facet_rank(x, m, self.dated_apart, max_km, recap)
            if r is None:
                self.refused.add(mine)
                return None
            rank = r if rank is None else min(rank, r)
        # Across reports, one incident is told as the same kind of event: the mention must share its type
        # with one of the event's mentions; only a generic "clash" may turn out to be shelling or an air
        # strike in another report. One report may tell an incident's parts as different kinds (clashes,
        # then air strikes on the same fighters), so one such part does not shut the event to other
        # reports. Supporting fire is part of the action it supports, whatever that action's type, and
        # is not compared.
        if self.told and not m.backer and not any(
                t in kinds or "Armed clash" in (sub, m.sub_event_type) for t, sub in self.told):
            return None
        if not _actors_compatible(m, self):
            return None
        return rank


def read_report(mentions: list[Mention], doc: Document | None, max_km: float = NEAR_KM) -> list[Told]:
    """One report's mentions (in report order) as fusion reads them: supporting fire folded
    (fold_supporting_fire), then grouped into the incidents the report tells of (incidents.py), each
    with what fusion compares of it (Told)."""
    incidents = report_incidents(fold_supporting_fire(mentions, max_km),
                                 note=doc is not None and 0 < len(doc.text) <= NOTE_CHARS)
    return [Told.of(inc) for inc in incidents]


@dataclass
class Told:
    """A report incident and what fusion compares of it, worked out once: its lead, the lead with the
    sides its mentions vote for (_voted), the kinds of event it was told as, and the voted lead's facet."""

    incident: ReportIncident
    lead: Mention
    voted: Mention
    kinds: set[str]
    facet: tuple

    @classmethod
    def of(cls, inc: ReportIncident) -> "Told":
        voted = _voted(inc)
        return cls(inc, inc.lead, voted, {x.event_type for x in inc.mentions if not x.backer}, _facet(voted))


class ReportsRead:
    """Reports read as their incidents (read_report) while a run codes them: a run whose worker
    processes code the reports does this in its own process, while it waits for them, instead of in
    fusion, after them, when nothing else runs (0.4 s of a 2 MB run's serial end). A report whose
    mentions come twice (one document read twice) is left to fusion."""

    def __init__(self, max_km: float = NEAR_KM):
        self.max_km = max_km
        self.incidents: dict[str, list[Told] | None] = {}

    def add(self, doc: Document, mentions: list[Mention]) -> None:
        did = doc.doc_id
        self.incidents[did] = None if did in self.incidents else read_report(mentions, doc, self.max_km)

    def of(self, doc_id: str, max_km: float) -> list[Told] | None:
        return self.incidents.get(doc_id) if max_km == self.max_km else None


def fuse(mentions: list[Mention], documents: dict[str, Document], max_km: float = NEAR_KM,
         previous_ids: dict[str, str] | None = None, reading: ReportsRead | None = None) -> list[Event]:
    """Events from resolved mentions. Each report's mentions are first grouped into the incidents it
    tells of (read_blocks); each report incident then joins the most compatible event from other
    reports, judged by its lead mention, or starts one (fuse_block). previous_ids maps mention_id ->
    event_id from an earlier run, so that an event keeps its id when new reports arrive."""
    blocks = read_blocks(mentions, documents, max_km, reading)
    events: list[Event] = []
    for cc in sorted(blocks, key=lambda c: c or ""):
        events.extend(fuse_block(blocks[cc], documents, max_km, previous_ids))
    return settle(events)


def read_blocks(mentions: list[Mention], documents: dict[str, Document], max_km: float = NEAR_KM,
                reading: ReportsRead | None = None) -> dict[str | None, list[Told]]:
    """The report incidents of the mentions (read_report; `reading` holds reports already read so), in
    blocks by the country of each incident's lead: fusion never joins two countries' incidents, so the
    blocks can be fused apart (the Ray runner fuses each in its own task). A report is read whole, before
    it is blocked: its mentions placed abroad belong to the incident they were told in."""
    blocks: dict[str | None, list[Told]] = defaultdict(list)
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    for did, ms in by_doc.items():
        told = reading.of(did, max_km) if reading is not None else None
        for t in told if told is not None else read_report(ms, documents.get(did), max_km):
            blocks[t.lead.place.country_code if t.lead.place else None].append(t)
    return blocks


def fuse_block(told: list[Told], documents: dict[str, Document], max_km: float = NEAR_KM,
               previous_ids: dict[str, str] | None = None) -> list[Event]:
    """The events of one block of report incidents (read_blocks), before settle gives them their ids."""
    return [_event_of(c, documents, previous_ids or {}) for c in _cluster_block(told, documents, max_km)]


def _cluster_block(told: list[Told], documents, max_km: float) -> list[Cluster]:
    """Greedy, in report order: each report incident joins the best compatible event of other
    reports, or starts one (in creation order, the first of equal rank)."""
    def order(t):
        m = min(t.incident.mentions, key=lambda x: x.start)
        return (_doc_key(documents.get(m.doc_id), m.doc_id), m.start, m.mention_id)

    open_clusters: list[Cluster] = []
    index = _OpenIndex(max_km)
    for t in sorted(told, key=order):
        m, voted, inc = t.lead, t.voted, t.incident
        best, best_rank = None, None
        for ci in index.candidates(voted):
            c = open_clusters[ci]
            if m.doc_id in c.docs:
                continue  # the report told these as different incidents
            r = c.compatible(voted, max_km, t.kinds, t.facet)
            if r is not None and (best_rank is None or r < best_rank):
                best, best_rank = ci, r
        if best is None:
            best = len(open_clusters)
            open_clusters.append(Cluster())
        c = open_clusters[best]
        anchor = c.anchor if c.mentions else None
        # the lead first: it wins the votes that tie (place, type, actors)
        c.add([m] + [x for x in inc.mentions if x is not m], voted)
        if c.anchor is not anchor:
            index.add(best, c.anchor)  # (filed again under its new anchor)
    return open_clusters


def _days(d) -> range:
    """The days of an interval, as ordinals; a statement's or a report's day is the latest of its
    happening's days (_dates_overlap)."""
    first = d.start - STATEMENT_DAYS if d.anchor in ("statement", "published") else d.start
    return range(first.toordinal(), d.end.toordinal() + 1)


ANY = object()  # a wildcard in _OpenIndex's keys
KM_PER_DEGREE = 6371.0 * math.pi / 180  # of latitude, with km()'s earth radius


class _OpenIndex:
    """Open events filed by their anchor mention (Cluster.anchor): the days its date covers, its kind
    of event (_kind_group) and its place. Cluster.compatible requires the anchor to share a day, a kind
    and a place with the incident, so an incident need only be compared with the events filed under its
    own days, kind and the places that could be its own: the result of comparing it with all open
    events, at near-linear cost. Places are filed by province ("area", a province or region), by the
    province a town is in ("town"), by name, and by band of latitude: two places within max_km lie in
    the same or the next band."""

    def __init__(self, max_km: float):
        self.band = max_km / KM_PER_DEGREE * 1.01  # (1 %: rounding in km())
        self.filed: dict[tuple, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.undated: list[int] = []

    def add(self, ci: int, m: Mention) -> None:
        """Files event ci under its anchor m (Cluster.anchor)."""
        if m.date is None:
            self.undated.append(ci)
            return
        keys = self._keys(m.place)
        for day in _days(m.date):
            filed = self.filed[(day, _kind_group(m.event_type))]
            for key in keys:
                filed[key].append(ci)

    def candidates(self, m: Mention) -> list[int]:
        """The events m's incident could join, in creation order."""
        if m.date is None:
            return self.undated
        wanted, seen = self._wanted(m.place), set()
        for day in _days(m.date):
            filed = self.filed.get((day, _kind_group(m.event_type)), {})
            for kind, value in wanted:
                if value is ANY:
                    for (k, _), cis in filed.items():
                        if kind in (k, ANY):
                            seen.update(cis)
                else:
                    seen.update(filed.get((kind, value), ()))
        return sorted(seen)

    def _keys(self, p: Place | None) -> list[tuple]:
        if _countrywide(p):
            return []  # an event placed only in a country is joined by no other report (compatible)
        if (p.geo_precision or 3) >= 3:
            return [("area", p.admin1)]
        keys = [("town", p.admin1), ("name", p.name)]
        if p.latitude is not None:
            keys.append(("band", math.floor(p.latitude / self.band)))
        return keys

    def _wanted(self, q: Place | None) -> list[tuple]:
        """The keys of every place _places_compatible could accept beside q (see there)."""
        if _countrywide(q):
            return []
        coarse = (q.geo_precision or 3) >= 3
        if coarse and q.admin1 is None:
            return [(ANY, ANY)]
        # a province differs from a place only when both name their province
        areas = [("area", q.admin1), ("area", None)] if q.admin1 else [("area", ANY)]
        if coarse:
            return areas + [("town", q.admin1), ("town", None)]
        wanted = areas + [("name", q.name)]  # (a town without coordinates is compared by name)
        if q.latitude is not None:
            band = math.floor(q.latitude / self.band)
            wanted += [("band", band - 1), ("band", band), ("band", band + 1)]
        return wanted


def _voted(inc: ReportIncident) -> Mention:
    """The incident's lead with the sides its mentions vote for: a report's parse of one sentence may
    swap the roles ("The strike, carried out by Rwandan gunships, hit a camp"), its incident less so."""
    own = [x for x in inc.mentions if not x.backer and x.family != "casualty"] or inc.mentions
    # a sentence with neither day nor place of its own (a quote, another source's count, a consequence)
    # adds evidence, not sides: "drivers said troops fired into the bush" is not who attacked; nor
    # does a happening named as one told before ("farmers were woken by the explosions")
    own = [x for x in own if x is inc.lead or ((own_date(x) or own_place(x)) and not x.refers_back)] or own
    sides = {}
    for role in ("actor1", "actor2"):
        names = [getattr(x, role).name for x in own if not _unknown(getattr(x, role))]
        top = _vote(names)
        sides[role] = next((getattr(x, role) for x in own if getattr(x, role) is not None
                            and getattr(x, role).name == top), getattr(inc.lead, role))
    quantities = [q for x in inc.mentions for q in x.quantities]
    # a lead dated but placed only by its province ("the man died overnight") is where the incident's
    # own sentences place it ("police broke up a protest in Pemba")
    placed = inc.lead if own_place(inc.lead) else next((x for x in inc.mentions if own_place(x)), inc.lead)
    # and a death told on its own says nothing of the kind of event (as in _event_of)
    kind = inc.lead.event_type if inc.lead.family != "casualty" else (
        _vote([x.event_type for x in inc.mentions if x.family != "casualty" and not x.backer]) or inc.lead.event_type)
    return dataclasses.replace(inc.lead, quantities=quantities, place=placed.place, event_type=kind, **sides)


def fold_supporting_fire(mentions: list[Mention], near_km: float = NEAR_KM) -> list[Mention]:
    """Mentions as fusion reads them: a backer's supporting fire as the supported side's action.

    A mention with a backer (extract: "Y's advance was supported by X's artillery") gets X as Y's
    associated actor. A mention of X's own fire in the same report ("four soldiers were wounded in the
    X shelling") is folded the same way when it is that support: remote violence on an overlapping
    date, at a compatible place, against the supported side's enemy (the same side as the support
    mention's target, or any other side when that is unknown). Only support the report states counts:
    X backing Y in general is not X's fire in Y's fight. Copies are returned; stored mentions stay as
    extracted, so fusing again gives the same events."""
    support: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.backer and m.actor1 is not None and not _unknown(m.actor1):
            support[m.doc_id].append(m)
    if not support:
        return mentions
    out = []
    for m in mentions:
        if m.backer and m.actor1 is not None and not _unknown(m.actor1):
            if m.actor1.assoc is None:
                m = dataclasses.replace(m, actor1=dataclasses.replace(m.actor1, assoc=m.backer))
        elif m.actor1 is not None and m.event_type == "Explosions/Remote violence":
            for s in support.get(m.doc_id, ()):
                if m.actor1.name != s.backer or not _dates_overlap(s, m) or not _places_compatible(s.place, m.place, near_km)[0]:
                    continue
                enemy = _side(m.actor2) if m.actor2 is not None and not _unknown(m.actor2) else None
                target = _side(s.actor2) if s.actor2 is not None and not _unknown(s.actor2) else None
                if enemy == _side(s.actor1) or (enemy and target and enemy != target):
                    continue
                m = dataclasses.replace(m, backer=s.backer,
                                        actor1=dataclasses.replace(s.actor1, assoc=s.actor1.assoc or s.backer))
                break
        out.append(m)
    return out


def settle(events: list[Event]) -> list[Event]:
    """Unique ids and the output order. Two events that would take the same earlier id: the larger
    keeps it, the other gets its own. Then by date, country, place and id."""
    seen: set[str] = set()
    for e in sorted(events, key=lambda e: (-len(e.mention_ids), e.mention_ids)):
        if e.event_id in seen:
            e.event_id = _content_id(e)
        seen.add(e.event_id)
    events.sort(key=lambda e: (e.event_date or dt.date.min, e.country or "", e.location or "", e.event_id))
    return events


def _doc_key(doc: Document | None, doc_id: str):
    return ((doc.published or dt.date.min) if doc else dt.date.min, doc_id)


def _vote(values):
    c = Counter(v for v in values if v is not None)
    if not c:
        return None
    top = max(c.values())
    for v in values:  # earliest among the most common
        if v is not None and c[v] == top:
            return v
    return None


def _event_of(c: Cluster, documents: dict[str, Document], previous_ids: dict[str, str]) -> Event:
    ms = c.mentions
    event_date, precision, anchor = _event_date(ms, documents)
    place = _event_place(ms)
    # Supporting fire takes the type and actors of the action it supports: the event's own mentions
    # vote, and only an event told wholly as supporting fire is coded from it.
    own = [m for m in ms if not m.backer] or ms
    # type: by vote; the sub-type of the strongest trigger among mentions of that type
    # a death told on its own ("three of our men died") says nothing of what kind of event it was
    etype = _crowd_turned_violent(_vote([m.event_type for m in own if m.family != "casualty"])
                                  or _vote([m.event_type for m in own]), own)
    of_type = [m for m in own if m.event_type == etype]
    sub = max(of_type, key=lambda m: (m.priority, m.sub_event_type != "Armed clash", -ms.index(m))).sub_event_type
    actor1, assoc1, actor2 = _event_actors(ms, own, etype)
    etype, sub = _armed_not_riot(etype, sub, actor1, actor2)
    claims = _claims(ms, documents, actor1, actor2)
    sub, claims = _protest_dead(etype, sub, claims)
    event_sides = {_side(a) for a in (actor1, actor2) if a is not None}
    fat = _reconcile([cl for cl in claims if cl.figure == "fatalities"], event_sides)
    inj = _reconcile([cl for cl in claims if cl.figure == "injured"], event_sides, conservative=False)
    sources = []
    for m in ms:
        d = documents.get(m.doc_id)
        name = (d.outlet if d and d.outlet else m.doc_id)
        if name not in sources:
            sources.append(name)
    evidence = []
    for m in ms:
        ev = Evidence(m.doc_id, m.sentence, m.start, m.end)
        if ev not in evidence:
            evidence.append(ev)
    e = Event(
        event_id="", event_date=event_date, time_precision=precision, event_type=etype, sub_event_type=sub,
        actor1=actor1.name if actor1 else None, assoc_actor_1=assoc1,
        inter1=actor1.inter if actor1 else None,
        actor2=actor2.name if actor2 else None, assoc_actor_2=actor2.assoc if actor2 else None,
        inter2=actor2.inter if actor2 else None,
        country=place.country if place else None, admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None, location=(place.village or place.told or place.name) if place else None,
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        geo_precision=_precision(place), geonameid=place.geonameid if place and not place.village else None,
        fatalities=fat[0], fatalities_low=fat[1], fatalities_high=fat[2], injured=inj[0],
        claims=claims, mentions=evidence, sources=sources, date_anchor=anchor or "none",
    )
    e.notes = note_for(e, (place.told or place.name) if place is not None and place.village else None)
    e.mention_ids = sorted(m.mention_id for m in ms)
    olds = Counter(previous_ids[m.mention_id] for m in ms if m.mention_id in previous_ids)
    if olds:
        top = max(olds.values())
        e.event_id = min(k for k, v in olds.items() if v == top)
    else:
        e.event_id = _content_id(e, ms)
    e.revisions = _revisions(claims)
    return e


# In ACLED's train split no peaceful protest or protest with intervention has a death (0 of 12,775);
# all 53 protests with dead are excessive force against protesters. Dead counted beside a protest died
# in it (excessive force), or are what it protests: an earlier killing ("residents protested after a
# Dalit youth was killed", "demanding the arrest of the accused in the murder of"), not a toll of the
# protest. A death told with the protest's own time or the forces' action is the protest's.
_PROTESTS_WITHOUT_DEAD = ("Peaceful protest", "Protest with intervention")
_GRIEVANCE = re.compile(r"\b(?:after|over|against|following|demanding|condemning|denouncing|protesting|to protest|"
                        r"opposing|commemorat\w*|anniversary|in memory|calling for|seeking|justice for|"
                        r"(?:arrest|punishment|trial) of)\b"
                        r"[^.;]{0,120}?\b(?:kill|murder|death|died|dead|lynch|shot|gunn|assassinat|"
                        r"(?:claimed|took|cost) the li(?:fe|ves)|lost (?:their|his|her) li(?:fe|ves))|"
                        r"\b(?:murder|killing|death|deaths|assassination|lynching) (?:of|case)\b", re.I)
_IN_THE_PROTEST = re.compile(r"\b(?:during|in) (?:the |a |an |their |that |people's |people )?(?:\w+ )?"
                             r"(?:protests?|demonstrations?|march(?:es)?|rall(?:y|ies)|clash(?:es)?|unrest)\b|"
                             r"\b(?:opened fire|fired (?:on|at|into)|tear ?gas|lathi|cane.?charge|baton|live (?:rounds|ammunition)|"
                             r"gunfire|in response|police action|acted against)\b", re.I)


def _protest_dead(etype: str | None, sub: str | None, claims: list[Claim]) -> tuple[str | None, list[Claim]]:
    """(sub-event type, claims) of a protest or riot that counts dead: the dead told as what the crowd
    protests are left out (riots: dev split fatalities +10 with it, 13 notes won and 4 lost); dead
    that remain make a protest excessive force against protesters."""
    if not ((etype == "Protests" and sub in _PROTESTS_WITHOUT_DEAD) or etype == "Riots"):
        return sub, claims
    kept = [cl for cl in claims if cl.figure != "fatalities" or not _grievance(cl.sentence or "")]
    if etype == "Protests" and any(cl.figure == "fatalities" for cl in kept):
        sub = "Excessive force against protesters"
    return sub, kept


def _grievance(sentence: str) -> bool:
    """A death the sentence tells as the cause of a protest, not as happening in it."""
    return bool(_GRIEVANCE.search(sentence)) and not _IN_THE_PROTEST.search(sentence)


def _crowd_turned_violent(etype: str | None, own: list[Mention]) -> str | None:
    """A protest whose crowd a sentence tells as violent ("protesters blocked roads with burning tyres
    and threw stones"; police then fired) is ACLED's riot, a violent demonstration, however many of the
    reports' sentences call it a protest: in ACLED's training notes, protests told with stones or burning
    tyres are coded Riots/Violent demonstration nine times in ten."""
    if etype == "Protests" and any(m.event_type == "Riots" and m.sub_event_type == "Violent demonstration"
                                   and m.family != "casualty" for m in own):
        return "Riots"
    return etype


def _armed_not_riot(etype: str | None, sub: str | None, actor1, actor2) -> tuple:
    """A riot is a crowd's violence (ACLED codes its actor as rioters). A fight that a named armed
    group leads, a rebel group or a political, ethnic or communal militia ("two clan militias clashed
    over a well"), is a battle when the other side is armed too, and violence against civilians when it
    is civilians; an unnamed crowd ("Unidentified") stays what the reports call it."""
    if etype != "Riots" or actor1 is None or actor1.inter not in (2, 3, 4) or _unknown(actor1):
        return etype, sub
    if actor2 is not None and actor2.inter in (1, 2, 3, 4, 8):
        return "Battles", "Armed clash"
    if actor2 is not None and actor2.inter == 7:
        return "Violence against civilians", "Attack"
    return etype, sub


def _event_date(ms: list[Mention], documents: dict[str, Document]) -> tuple:
    """(date, precision, anchor) of an event: its mentions' most precise, best anchored, then narrowest
    ("on Friday evening" over "overnight") interval."""
    dated = [m for m in ms if m.date is not None]
    if not dated:
        return None, None, None
    best_d = min(dated, key=lambda m: (m.date.precision, DATE_ANCHOR_RANK.get(m.date.anchor, 2),
                                       (m.date.end - m.date.start).days, m.date.start.toordinal()))
    return _point_in(best_d, documents), best_d.date.precision, best_d.date.anchor


def _event_place(ms: list[Mention]) -> Place | None:
    """The most precise place, by vote; a place a sentence names itself outvotes one it inherited from
    the sentence before."""
    placed = [m.place for m in ms if m.place is not None and m.place_texts] or \
        [m.place for m in ms if m.place is not None]
    if not placed:
        return None

    def rank(p):
        # of region-precision places, a province before the country ("killed in northern Burkina Faso
        # ... in its Sahel region")
        return (p.geo_precision or 3, p.kind == "country")
    best = min(rank(p) for p in placed)
    name = _vote([p.name for p in placed if rank(p) == best])
    p = next(p for p in placed if p.name == name and rank(p) == best)
    # a village the gazetteer lacks, named by any sentence placed here, names the event's location
    village = next((m.place.village for m in ms if m.place is not None and m.place.village and m.place.name == p.name), None)
    return dataclasses.replace(p, village=village) if village and not p.village else p


def _precision(p: Place | None) -> int | None:
    """The event's geo_precision: a village the gazetteer lacks is near the place known (2) at best."""
    if p is None:
        return None
    return max(p.geo_precision or 1, 2) if p.village else p.geo_precision


def _event_actors(ms: list[Mention], own: list[Mention], etype: str) -> tuple:
    """(actor1, its associated actor, actor2) of an event's mentions (`own`: those not a backer's
    supporting fire), by vote."""
    # who acted: told by the sentences with a day or town of their own and not a death told alone (a
    # quote, another source's count or a consequence names the speaker's sides, not the incident's)
    voters = [m for m in own if m.family != "casualty" and (own_date(m) or own_place(m))] or own
    a1 = _vote([m.actor1.name for m in voters if m.actor1 and not _unknown(m.actor1)]) or _vote([m.actor1.name for m in ms if m.actor1 and not _unknown(m.actor1)]) or _vote([m.actor1.name for m in ms if m.actor1])
    # whom it hit: told by any sentence but one that names the happening as known ("residents were
    # woken by the explosions" names those who heard it, not its target)
    told = [m for m in ms if not m.refers_back] or ms
    a2 = _vote([m.actor2.name for m in told if m.actor2 and not _unknown(m.actor2)]) or _vote([m.actor2.name for m in ms if m.actor2])
    if a1 is not None and a2 == a1 and not (a1.startswith("Unidentified") and etype == "Battles"
                                            or a1.startswith("Rioters") and etype == "Riots"
                                            or a1.startswith("Protesters") and etype == "Protests"):
        # the same actor voted into both roles: keep it as actor1, and the next-best other as actor2
        # (two unnamed communal militias, or two unidentified groups, are a clash's two sides; a
        # counter-demonstration is protesters against protesters, as ACLED codes it)
        a2 = _vote([m.actor2.name for m in ms if m.actor2 and m.actor2.name != a1 and not _unknown(m.actor2)])
    if etype == "Riots" and a1 is not None and a1.startswith("Protesters"):
        # the crowd of a protest turned riot is coded as rioters (_crowd_turned_violent)
        a1 = next((m.actor1.name for m in ms if m.actor1 and m.actor1.name.startswith("Rioters")), a1)
    actor1 = next((m.actor1 for m in ms if m.actor1 and m.actor1.name == a1), None)
    actor2 = next((m.actor2 for m in ms if m.actor2 and m.actor2.name == a2), None)
    # An associated actor told in one mention holds for the event ("the Turkish-backed National Army"
    # in one report, "the National Army" in another; the supporting fire of a backer).
    assoc1 = (actor1.assoc or _vote([m.actor1.assoc for m in ms if m.actor1 and m.actor1.assoc
                                     and _side(m.actor1) == _side(actor1) and m.actor1.assoc != actor1.name])
              if actor1 else None)
    if etype in ("Protests", "Riots") and actor2 is None:
        # the police who fired on the crowd, told in a sentence of its own
        actor2 = next((m.actor1 for m in ms if m.event_type not in ("Protests", "Riots")
                       and m.actor1 is not None and m.actor1.inter == 1), None)
    return actor1, assoc1, actor2


def _point_in(m: Mention, documents: dict[str, Document]) -> dt.date:
    """One date for an interval: the report's published date when it falls inside (the report is
    news of the day), else the middle of a week's days, else the interval's last day (the latest the
    incident can have happened)."""
    iv = m.date
    if iv.start == iv.end:
        return iv.start
    d = documents.get(m.doc_id)
    if d is not None and d.published is not None and iv.start <= d.published <= iv.end:
        return d.published
    return _mid_week(iv) or iv.end


def _mid_week(iv) -> dt.date | None:
    """ "Last week", said on a Tuesday: the days of the week before (and the Monday), told at week
    precision, are equally likely; their middle day is at most four days from any of them, where the
    last day may be a week off. (Up to 8 days: resolve's "last week" reaches the day before the report.)"""
    return iv.start + (iv.end - iv.start) // 2 if iv.precision == WEEK and (iv.end - iv.start).days <= 8 else None


def _content_id(e: Event, ms: list[Mention] | None = None) -> str:
    # The first mention (by report and offset) names the event; a mention belongs to one event only, so
    # the key is unique. Split mentions of one sentence ("Binnish and Sarmein") differ by place; two
    # triggers of one sentence at one place by their offset, whatever order the event holds them in
    # (one run in several of the UCDP articles gave the same event another id).
    first = min(ms, key=lambda m: (m.doc_id, m.start, m.place.name if m.place else "", m.trigger_start,
                                   m.mention_id)) if ms else None
    if first is not None:
        key = f"{first.doc_id}:{first.start}:{first.trigger}:{first.place.name if first.place else ''}"
    else:
        key = "|".join(f"{m.doc_id}:{m.start}" for m in e.mentions) + f"|{e.location}"
    return "EV" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _claims(ms: list[Mention], documents, actor1, actor2) -> list[Claim]:
    """One claim per figure kind per mention: the sum of its distinct victim groups ("5 soldiers and 3
    civilians" is 8), leaving out sub-counts ("including six children"). An alternative reading of the
    same victims ("(3 according to X)") is a claim of its own, by its own claimant."""
    out: list[Claim] = []
    sides = {s for m in ms for s in m.sides}
    for a in (actor1, actor2):
        if a is not None:
            sides.add(_side(a))
    for m in ms:
        groups: dict[tuple, list] = defaultdict(list)
        for q in m.quantities:
            if not q.subset:
                groups[(q.figure, q.claimant or ("unnamed sources" if q.alternative else None))].append(q)
        d = documents.get(m.doc_id)
        for (fig, own), qs in groups.items():
            value = sum(q.value for q in qs)
            qual = qs[0].qualifier if len(qs) == 1 else None
            victim = ", ".join(q.victim for q in qs if q.victim) or None
            vsides = {q.victim_side for q in qs}
            cl = Claim(claimant=own or m.claimant or (d.outlet if d else m.doc_id) or m.doc_id, figure=fig,
                       value=value, qualifier=qual, doc_id=m.doc_id, sentence=m.sentence, start=qs[0].start,
                       end=qs[-1].end, victim=victim, as_of=d.published if d else None,
                       victim_side=vsides.pop() if len(vsides) == 1 else None,
                       single=len(qs) == 1 and qs[0].single, another=len(qs) == 1 and _one_more(qs[0]))
            # Party to the conflict: the claimant speaks for one of the event's sides (a defence
            # ministry claiming enemy losses, a rebel spokesman, a state news agency).
            cl.party_to_conflict = bool(m.claimant_side and m.claimant_side in sides and own is None)
            if not any(x.doc_id == cl.doc_id and x.figure == cl.figure and x.value == cl.value
                       and x.claimant == cl.claimant for x in out):
                out.append(cl)
    return out


def _standing(claims: list[Claim]) -> tuple[int, int, int]:
    """(best, low, high) of claims about the same victims. Per claimant the latest figure stands; best
    is the lowest standing figure that is not only an upper bound ("as many as 12" is a high). One
    victim told by a singular noun ("the man died", "Ali Musa was shot dead") is not a toll: it rivals
    no claim of a toll ("two people were killed")."""
    high = max(c.value for c in claims)
    if all(c.single for c in claims) and any(c.another for c in claims):
        return (_singles_added(claims),) * 3
    claims = [c for c in claims if not c.single] or claims
    claims = [c for c in claims if not _revised_away(c, claims)] or claims
    latest: dict[str, Claim] = {}
    for cl in sorted(claims, key=lambda c: (c.as_of or dt.date.min, c.doc_id, c.start)):
        key = next((k for k in latest if _same_claimant(k, cl.claimant)), cl.claimant)
        if key not in latest or _supersedes(cl, latest[key]):
            latest[key] = cl
    firm = [c.value for c in latest.values() if c.qualifier not in UPPER_BOUND] or \
        [c.value for c in latest.values()]
    lows = [c.value for c in claims if c.qualifier not in UPPER_BOUND] or [c.value for c in claims]
    return min(firm), min(lows), high


def _one_more(q: Quantity) -> bool:
    """ "gunmen killed another refugee": one victim told by a singular noun after "another"."""
    return q.single and q.text.lower().startswith("another ")


def _singles_added(claims: list[Claim]) -> int:
    """One victim told by a singular noun, then "another" one ("the body of a refugee was found ...
    gunmen killed another refugee"): when no toll is told, each "another" is one more victim than
    those told before, not a rival reading of the same one (told again, "the man", it is not)."""
    return (1 if any(not c.another for c in claims) else 0) + sum(c.another for c in claims)


# "14 people injured, up from nine reported on Friday": a figure a later one says it replaced.
_UP_FROM = re.compile(r"\b(?:up|rising|risen|climbing|increased) from (?:an? )?(?:earlier )?(\d+|[a-z]+)\b", re.I)


def _revised_away(old: Claim, claims: list[Claim]) -> bool:
    """A figure that a later claim says it was revised up from ("up from nine reported on Friday") is
    no longer anyone's reading of the victims, whoever gave it."""
    def value(word: str) -> int | None:
        return int(word) if word.isdigit() else quantities()["numbers"].get(word.lower())
    return any(c.value > old.value and (c.as_of or dt.date.min) >= (old.as_of or dt.date.min)
               and any(value(w) == old.value for w in _UP_FROM.findall(c.sentence or "")) for c in claims)


def _supersedes(new: Claim, old: Claim) -> bool:
    """A claimant's figure in a later report supersedes its earlier one. Within one report a smaller
    figure told after a larger one counts a part or other victims ("three soldiers were killed ...
    a civilian was killed"), unless the report says the toll was revised ("the toll has risen to")."""
    return new.doc_id != old.doc_id or new.value >= old.value or bool(REVISED.search(new.sentence or ""))


# Words that do not tell one claimant from another.
_CLAIMANT_FILLER = {"the", "district", "province", "provincial", "local", "state", "national", "regional", "city",
                    "official", "officials", "spokesperson", "spokesman", "told", "said", "according"}


@functools.lru_cache(maxsize=4096)
def _claimant_words(claimant: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", claimant.lower()) if len(w) > 3 and w not in _CLAIMANT_FILLER)


def _same_claimant(a: str, b: str) -> bool:
    """One claimant however a report names it: "Macomia district administrator Anselmo Chicoco",
    "Anselmo Chicoco" and "the district administrator" are one."""
    return a.lower() == b.lower() or bool(_claimant_words(a) & _claimant_words(b))


def _reconcile(claims: list[Claim], sides: set[str] | None = None,
               conservative: bool = True) -> tuple[int | None, int | None, int | None]:
    """(best, low, high). Claims about one side's dead are readings of the same victims and are never
    added; when the claims count the event's two sides apart ("23 insurgents" by one, "5 soldiers" by
    another), the event's toll is the sum over the sides, or a total the reports give when larger.
    `sides`: the event's actors' sides; victims of any other side are not counted apart (the same
    fighters may be named as two groups)."""
    if not claims:
        return None, None, None
    by_side: dict[str, list[Claim]] = defaultdict(list)
    rest = []
    for cl in claims:
        (by_side[cl.victim_side] if cl.victim_side and cl.victim_side in (sides or ()) else rest).append(cl)
    if len(by_side) == 1 and rest and not conservative:
        # "four policemen were injured by stones"; "the hospital has treated 14 people": two groups of
        # wounded, perhaps overlapping, neither a reading of the other (the toll of the dead keeps
        # ACLED's conservative lowest reading, `conservative`: a headline's "two soldiers and dozens of
        # civilians" often counts other incidents' dead)
        return tuple(max(a, b) for a, b in zip(_standing(next(iter(by_side.values()))), _standing(rest)))
    if len(by_side) < 2:
        return _standing(claims)
    parts = [_standing(cs) for cs in by_side.values()]
    summed = tuple(sum(p[i] for p in parts) for i in range(3))
    if not rest:
        return summed
    total = _standing(rest)
    return tuple(max(a, b) for a, b in zip(summed, total))


def _revisions(claims: list[Claim]) -> list[dict]:
    """Each figure's history: as_of, value, claimant, doc, in time order."""
    return [{"figure": c.figure, "as_of": c.as_of, "value": c.value, "claimant": c.claimant, "doc_id": c.doc_id}
            for c in sorted(claims, key=lambda c: (c.figure, c.as_of or dt.date.min, c.doc_id, c.start))]


_VERB = {
    "Battles": "fought", "Protests": "protested", "Riots": "rioted",
    "Explosions/Remote violence": "struck", "Violence against civilians": "attacked",
    "Strategic developments": "acted against",
}


def note_for(e: Event, known: str | None = None) -> str:
    """One plain sentence saying what happened. `known`: the place known near the village of
    `location` that the gazetteer lacks (Place.village), whose coordinates the event has."""
    where = e.location or e.admin1 or e.country or "an unknown place"
    if e.admin1 and e.location and e.admin1 != e.location:
        where = f"{e.location} ({e.admin1})"
    near = "near " if e.geo_precision == 2 and not known else "in "
    if known:
        where = f"{e.location}, near {known}" + (f" ({e.admin1})" if e.admin1 and e.admin1 != known else "")
    who = e.actor1 or "Unidentified actors"
    verb = _VERB.get(e.event_type or "", "acted against")
    sub = (e.sub_event_type or "").lower()
    if e.event_type in ("Protests", "Riots"):
        what = f"{who} {verb}"
        if e.actor2:
            what += f", involving {e.actor2}"
    else:
        what = f"{who} {verb} {e.actor2}" if e.actor2 else f"{who} {verb}"
    when = e.event_date.isoformat() if e.event_date else "On an unknown date"
    s = f"On {when}, {what} {near}{where} ({sub})." if e.event_date else f"{when}, {what} {near}{where} ({sub})."
    if e.fatalities is not None:
        rng = f" ({e.fatalities_low}-{e.fatalities_high} claimed)" if e.fatalities_low != e.fatalities_high else ""
        s = s[:-1] + f"; {e.fatalities} killed{rng}."
    if e.injured:
        s = s[:-1] + f"; {e.injured} injured."
    return s
