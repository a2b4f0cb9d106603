"""resolve: a document's mentions get ISO dates, gazetteer places and canonical actors.

Cascades, each step only when the one before came up short:
- date: the mention's own time expression (anchored on the published date); else the previous
  sentence's mention when the narrative runs on ("The ministry also said ... Six others were wounded");
  else the published date, with week precision because the report only bounds it.
- place: a town named in the sentence (precision 1; 2 when "near X"); else a region or province
  (precision 3); else the previous sentence's place; else the document's main province; else its
  country.
- actors: the phrases extract found, resolved in the document's country; a missing attacker becomes
  the "Unidentified ..." category ACLED would code; a missing target, the victims' side.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections import Counter

from ..models import DAY, WEEK, Actor, Document, Mention, Place, TimeInterval
from ..places import unlisted_place
from . import timex
from .actors import ETHNIC_FIGHTING_NOUNS
from .conventions import apply_conventions, type_by_target

# A mention inherits date and place from the mention just before it only when they are this close:
# the next sentence, or the same one. Farther back, a report has usually moved on to another matter.
NARRATIVE_GAP_CHARS = 2
# Happenings dated more than a month before the report are background history, not news.
HISTORY_DAYS = 31
# Up to this length a report is a note about one incident (a wire brief, an ACLED note), not an article.
SHORT_REPORT_CHARS = 1500
LAST_WEEK = re.compile(r"\blast week\b", re.I)
# "marched in the capital", "Burkina Faso's capital", "the national capital": the country's capital city.
# A state's or province's capital is not ("the provincial capital"), nor money ("capital flight").
CAPITAL = re.compile(r"\b(?P<before>[\w'’]+)\s+capital\b(?!\s+(?:of|punishment|gains?|markets?|flight|"
                     r"investments?|expenditure|spending|projects?|costs?|controls?)\b)", re.I)
CAPITAL_OF = {"the", "its", "national", "country's", "nation's", "country’s", "nation’s", "federal"}


def _outlet_country(outlet: str | None, gazetteer) -> str | None:
    """The country an outlet gives: one its name states ("Star (Kenya)", "Kenya Times"), else the one
    nearly all of its coded events lie in (data/outlet_countries.tsv: "Ada Derana" is Sri Lankan).
    An outlet field may list several outlets ("A; B"); they vote."""
    if not outlet:
        return None
    m = re.search(r"\(([^)]+)\)", outlet)
    for cand in ([m.group(1)] if m else []) + re.findall(r"[A-Z][a-z]+", outlet):
        p = gazetteer.country(cand)
        if p is not None:
            return p.country_code
    votes = Counter(cc for part in outlet.split(";") if (cc := gazetteer.outlet_country(part)))
    if votes:
        (cc, n), = votes.most_common(1)
        return cc if n * 2 > sum(votes.values()) else None
    return None


def document_country(doc: Document, gazetteer) -> str | None:
    """The country a report is about: from its text (places, country names, demonyms), with its
    outlet's country ("Star (Kenya)") as prior evidence; the outlet's alone when the text names none."""
    if gazetteer is None:
        return None
    prior = _outlet_country(doc.outlet, gazetteer)
    return gazetteer.document_country(doc.text, prior=prior) or prior


def resolve_document(doc: Document, mentions: list[Mention], gazetteer=None, actors=None,
                     tallies=()) -> list[Mention]:
    """Dates, places and actors of a report's mentions. `tallies`: the report's running totals (extract),
    whose sentences tell of other happenings."""
    country = document_country(doc, gazetteer)
    doc.country = country
    doc = _as_of_dateline(doc)
    default_place = _document_place(doc, gazetteer, country, mentions)
    prev: Mention | None = None
    prev_sentence_end = -10
    for m in mentions:
        adjacent = prev is not None and (m.start - prev_sentence_end) <= NARRATIVE_GAP_CHARS or (prev is not None and prev.start == m.start)
        m.date, told = _mention_date(m, doc, prev if adjacent else None, mentions, tallies)
        m.place = _beyond_country(_mention_place(m, doc, prev if adjacent else None, told, gazetteer, country),
                                  default_place)
        m.place = _unlisted(m, m.place, gazetteer, actors, country)
        if actors is not None:
            _mention_actors(m, doc, prev if adjacent else None, (m.place.country_code if m.place else None) or country,
                            actors)
        if m.actor1 is not None and m.actor2 is not None and m.actor1.name == m.actor2.name \
                and not (m.actor1.name.startswith("Unidentified") and m.event_type == "Battles") \
                and not m.actor1.name.startswith("Rioters"):
            m.actor2 = None  # (two unnamed armed groups or communal militias are the two sides of a clash)
        prev, prev_sentence_end = m, m.end
        if m.date is not None and doc.published is not None and (doc.published - m.date.end).days > HISTORY_DAYS:
            m.background = True
    mentions = _interventions(doc, mentions)
    # History ("the town was seized by insurgents in August 2020") is left out: a report's background
    # is coded, if at all, from the reports of its own day. Within HISTORY_DAYS it keeps its own date.
    kept = [m for m in mentions if not m.background]
    if kept and not any(_dated_or_counted(m) for m in kept):
        # a report of a period (a rights group's findings): its sentences of the report's own day neither
        # date nor count a happening; the incidents it tells with their own day, months back, are its news
        return _told_late([m for m in mentions if m.background]) or kept
    return kept or _told_late(mentions)


def _dated_or_counted(m: Mention) -> bool:
    """The mention tells a happening of a day of its own, or counts its dead or wounded."""
    return (m.date is not None and m.date.anchor != "published") or any(
        q.figure in ("fatalities", "injured") for q in m.quantities)


def _beyond_country(place: Place | None, default_place: Place | None) -> Place | None:
    """The mention's place; where it is only the country ("Burma Army jets bombed a village near ..."),
    the report's main province in that country, which places it better."""
    if place is None or (place.kind == "country" and default_place is not None and default_place.admin1
                         and default_place.country_code == place.country_code):
        return default_place
    return place


def _unlisted(m: Mention, place: Place | None, gazetteer, actors, cc: str | None) -> Place | None:
    """The place with the village, town or farm its sentence names that the gazetteer does not know
    ("Turkish strikes on the village of Al Dabas"): the location a coder writes, placed at the place
    known nearby (see Place.village). A name of an actor or a country is no such place."""
    if place is None or place.kind == "country":
        return place
    name = unlisted_place(m.sentence or "", m.start, m.place_matches)
    if not name or (actors is not None and actors.find_actors(name, cc)) \
            or (gazetteer is not None and gazetteer.country(name) is not None):
        return place
    p = _copy(place)
    p.village = name
    return p


def _told_late(mentions: list[Mention]) -> list[Mention]:
    """A report all of whose happenings are history is news of an old incident (an officer dismissed
    for a killing two months ago, a trial): its happenings told with their own day are the incident."""
    return [m for m in mentions if m.date is not None and m.date.precision == DAY
            and m.date.anchor in ("expression", "narrative")]


# A dated dateline at the head of a report: "Srinagar, Oct 08:", "SANAA, Sept. 12 (Xinhua) -".
_DATED_DATELINE = re.compile(r"\A\s*[A-Z][A-Za-z .'’-]{2,40},\s*(?P<day>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                             r"[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)"
                             r"(?:,?\s*\d{4})?\s*[:(—–-]")
# A dateline's day this far before the published date is a report reposted later; further back it
# is more likely a misreading than the report's day.
DATELINE_DAYS = 62


def _as_of_dateline(doc: Document) -> Document:
    """The report as of the day its dateline tells, when that differs from its published date: a
    report written "Srinagar, Oct 08:" and published a month later says "on Friday" of October's week.
    (Its own record keeps the published date; only the anchor for its days changes.)"""
    m = _DATED_DATELINE.search(doc.text[:200]) if doc.published else None
    iv = timex.resolve_time(re.sub(r"\s+0(\d)", r" \1", m.group("day")), doc.published) if m else None
    if iv is None or iv.start == doc.published or not 0 < (doc.published - iv.start).days <= DATELINE_DAYS:
        return doc
    return dataclasses.replace(doc, published=iv.start)


def _mention_date(m: Mention, doc: Document, prev: Mention | None, mentions: list[Mention], tallies):
    """(the mention's date interval, the neighbouring sentence that told its day or None). `prev`: the
    mention just before, when it is close enough to carry the narrative on (else None)."""
    iv = None
    if m.time_text and doc.published:
        iv = timex.resolve_time(m.time_text, doc.published)
        if iv is not None and LAST_WEEK.search(m.time_text):
            # "last week" in a report: the calendar week before, or (said late in a week) the days
            # just gone; both are covered, at week precision.
            iv = TimeInterval(iv.start, max(iv.end, doc.published - dt.timedelta(days=1)), WEEK, iv.anchor, iv.text)
    if iv is not None and m.statement_dated:
        # a statement's day is the latest the happening can have had: the day told just before
        # ("stormed Chai on Monday. The administrator said on Tuesday that ...") is better
        if prev is not None and prev.date is not None and prev.date.anchor != "published" and prev.date.start <= iv.start:
            iv = None
        else:
            iv = TimeInterval(iv.start, iv.end, iv.precision, "statement", iv.text)
    told = None
    if (iv is None or iv.anchor == "statement") and prev is None and doc.published \
            and len(doc.text) > SHORT_REPORT_CHARS:  # (a short note's sentences all tell its one incident)
        # "The military said on Saturday it destroyed a camp. The operation was carried out at Nuwar on
        # January 14.": the happening's day told in a sentence of its own, next to it
        told = _neighbour_day(doc, m, mentions, iv, tallies)
        iv = told[0] if told else iv
    if iv is None and prev is None and doc.published and len(doc.text) <= SHORT_REPORT_CHARS:
        told = _day_told_in_short_report(doc, mentions, tallies)
        iv = told[0] if told else iv
    if iv is None and prev is not None and prev.date is not None:
        # (a report's own day carried over stays the report's day, not a day the narrative told)
        iv = TimeInterval(prev.date.start, prev.date.end, prev.date.precision,
                          "published" if prev.date.anchor == "published" else "narrative", prev.date.text)
    if iv is None and doc.published:
        iv = TimeInterval(doc.published, doc.published, WEEK if len(doc.text) > 1500 else DAY, "published", None)
    return iv, told


def _mention_place(m: Mention, doc: Document, prev: Mention | None, told, gazetteer, country) -> Place | None:
    """The place the mention's sentence names, else the one just before (`prev`, when the narrative
    carries on), else the town of the sentence that told its day; None leaves the report's place."""
    place = _place_of(m, gazetteer, doc.text)
    if place is None or place.kind == "country":  # (the capital of the country the sentence names)
        place = _capital_said(m.sentence, gazetteer, place.country_code if place else country) or place
    if place is None and prev is not None and prev.place is not None and not m.time_text:
        place = prev.place
    if place is None and told is not None and gazetteer is not None:
        place = _town_near(told, doc, gazetteer, country)  # (the sentence that dated it names the town)
    return place


def _mention_actors(m: Mention, doc: Document, prev: Mention | None, cc: str | None, actors) -> None:
    """The mention's actors resolved to ACLED's names in country cc, its victims' and claimant's sides."""
    m.actor1 = actors.resolve(m.actor1_text, cc) if m.actor1_text else None
    m.actor2 = actors.resolve(m.actor2_text, cc) if m.actor2_text else None
    _victims_as_actor2(m, actors, cc)
    if m.actor1 is not None and m.actor1.name.startswith("Unidentified Armed Group") and m.actor1_text \
            and re.search(r"\b(the|these|those)\s+" + re.escape(m.actor1_text), m.sentence or "", re.I):
        # "Al Shabaab militants raided the town. The militants burnt the station.": the
        # definite phrase points back to the armed group named before it in the report
        before = [a.actor for a in actors.find_actors(doc.text[:m.start], cc)
                  if a.actor.inter in (2, 3, 4) and not a.actor.name.startswith(("Unidentified", "Civilians"))]
        if before:
            m.actor1 = before[-1]
    if m.actor1 is not None and m.actor2 is not None and m.actor1.name == m.actor2.name:
        m.actor2 = None  # one phrase read twice ("militants" as attacker and target)
    if m.actor2 is not None and m.family != "clash":
        m.actor2 = _as_victims(m.actor2, m.actor2_text or "", actors, cc) or m.actor2
    if m.actor1 is None and m.actor2 is None and prev is not None and prev.event_type == m.event_type \
            and (prev.actor1_text or prev.actor2_text):
        # "Clashes between X and Y on Monday. 15 were killed in the clashes.": the same
        # happening told on; its sides are the ones just named
        m.actor1, m.actor2 = prev.actor1, prev.actor2
    type_by_target(m, actors)
    short_text = doc.text if len(doc.text) <= SHORT_REPORT_CHARS else ""  # a short report is read whole
    communal = bool(COMMUNAL_CUES.search(short_text or m.sentence or ""))
    apply_conventions(m, actors, cc, communal, short_text)
    _sides(m, actors, cc)


def _victims_as_actor2(m: Mention, actors, cc: str | None) -> None:
    """The counted victims say who was hit more surely than the parse does."""
    if m.quantities and any(q.victim for q in m.quantities):
        prior2, m.actor2 = m.actor2, None
    else:
        prior2 = None
    if m.actor2 is None:
        for q in m.quantities:
            if q.victim and re.match(r"(its|their|our)\b", q.victim, re.I) and m.claimant:
                # "two of its soldiers", in the ministry's words: the claimant's own side
                a = actors.claimant_actor(m.claimant, cc)
                if a is not None:
                    m.actor2 = a
                    break
            if q.victim:
                a = actors.resolve(_with_of(q.victim, m.sentence), cc)
                if a is not None and (m.actor1 is None or a.name != m.actor1.name):
                    m.actor2 = a
                    break
    if m.actor2 is None:
        m.actor2 = prior2
    elif prior2 is not None and m.actor1 is None and prior2.inter in (1, 2, 3, 4, 8) \
            and actors.side_of(prior2.name) != actors.side_of(m.actor2.name):
        # "four officers were wounded when Pokot herdsmen fired on them": the victims are the
        # officers, so the armed party the parse had as target is the one that fired.
        m.actor1 = prior2


def _sides(m: Mention, actors, cc: str | None) -> None:
    """The sides of the mention's actors, of its claimant and of its counted victims."""
    for a in (m.actor1, m.actor2):
        if a is not None and a.side is None:
            a.side = actors.side_of(a.name)
    m.sides = sorted({actors.side_of(x) for a in (m.actor1, m.actor2) if a is not None
                      for x in (a.name, a.assoc) if x})
    if m.claimant and not m.claimant_is_outlet:
        spoke = actors.claimant_actor(m.claimant, cc)
        m.claimant_side = actors.side_of(spoke.name) if spoke is not None else None
    for q in m.quantities:
        a = actors.resolve(q.victim, cc) if q.victim else None
        q.victim_side = actors.side_of(a.name) if a is not None and a.inter != 7 else None


# A sentence: up to its full stop (or a line's end) and the space after it.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?:\s+|$)|\n")
# (any form of the verb: "after announcing 156 dead on Monday" tells another statement's day)
_SAID_BEFORE = re.compile(r"\b(?:statement|said|says|saying|told|announc(?:ed|es|ing)|report(?:ed|s|ing)|stat(?:ed|es|ing)|"
                         r"press|briefing|interview|"
                         r"tweet\w*|posted|published)\b[^.;]{0,30}$", re.I)
# "threatened to return to the streets on Monday", "plans to vote on Friday": a day ahead.
_AHEAD_BEFORE = re.compile(r"\b(?:will|would|shall|plans?|planned|planning|threaten\w*|vow\w*|promis\w*|intends?|"
                           r"expected|due|scheduled|set to)\b[^.;]{0,40}$", re.I)
# "by Friday afternoon", "until Monday", "since Tuesday": a bound, not the day something happened.
_BOUND = re.compile(r"\s*(?:by|until|till|since|before|after|from)\b", re.I)
_BOUND_BEFORE = re.compile(r"\b(?:by|until|till|since|before|after|from)\s+$", re.I)
# A day named by its weekday or its date, not by its distance from another ("the previous day").
_NAMED_DAY = re.compile(r"\b(?:mon|tues?|wednes|thurs?|fri|satur|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                        r"oct|nov|dec)[a-z]*\.?\s+\d|\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|"
                        r"sep|oct|nov|dec)", re.I)
# How many days before the report a day told in a neighbouring sentence may be: a report of the
# week's news (further back, the sentence is more likely history than the happening's day).
NEIGHBOUR_DAYS = 7


def _neighbour_day(doc: Document, m: Mention, mentions: list[Mention], iv: TimeInterval | None, tallies=()):
    """The day told in the sentence just before or after the mention, when that sentence tells no
    happening of its own (no mention starts in it, and it is no running total, whose days are those of
    the happenings it counts: "... so far this week, including those who died in Monday's raid"): "A
    family was at dinner in Ciudad Victoria on Thursday when gunmen came. They shot all of them." A day after the statement that tells of the
    happening, or more than NEIGHBOUR_DAYS before the report, is not it. Returns the day and the span
    of the sentence that told it."""
    starts = {x.start for x in mentions} | {t.start for t in tallies}
    for lo, hi in (_sentence_after(doc.text, m.end), _sentence_before(doc.text, m.start)):
        day = _day_told(doc, lo, hi, iv, starts)
        if day is not None:
            return day, (lo, hi)
    return None


def _day_told_in_short_report(doc: Document, mentions: list[Mention], tallies=()):
    """In a short report, the day told in a sentence of its own anywhere in it ("A man was shot dead
    outside a restaurant. ... It was around 2 p.m. on Monday when the shots were heard."): a short
    report tells one incident, so its day is that incident's. Returns the day and its sentence's span."""
    starts = {x.start for x in mentions} | {t.start for t in tallies}
    lo = 0
    for end in [x.end() for x in _SENTENCE_END.finditer(doc.text)] + [len(doc.text)]:
        day = _day_told(doc, lo, end, None, starts)
        if day is not None:
            return day, (lo, end)
        lo = end
    return None


def _day_told(doc: Document, lo: int, hi: int, iv: TimeInterval | None, starts) -> TimeInterval | None:
    """The day the sentence text[lo:hi] names, if it tells no happening of its own (no mention or
    running total starts in it) and the day is neither one said, planned or bounded, nor after `iv`
    (or the report), nor more than NEIGHBOUR_DAYS before the report."""
    if hi <= lo or any(lo <= st < hi for st in starts):
        return None
    part = doc.text[lo:hi]
    for te in timex.find_time_expressions(part):
        if _SAID_BEFORE.search(part, 0, te.start) or _AHEAD_BEFORE.search(part, 0, te.start) \
                or not _NAMED_DAY.search(te.text) or _BOUND.match(te.text) or _BOUND_BEFORE.search(part, 0, te.start):
            continue  # the day it was said, one planned or threatened, a deadline, another's day
        day = timex.resolve_time(te, doc.published)
        if day is None or day.precision != DAY or day.end > (iv.end if iv is not None else doc.published) \
                or (doc.published - day.start).days > NEIGHBOUR_DAYS:
            continue
        return TimeInterval(day.start, day.end, DAY, "expression", day.text)
    return None


def _sentence_after(text: str, end: int) -> tuple[int, int]:
    m = _SENTENCE_END.search(text, end + 1) if end < len(text) else None
    return end, (m.end() if m else len(text))


def _sentence_before(text: str, start: int) -> tuple[int, int]:
    ends = [x.end() for x in _SENTENCE_END.finditer(text, 0, start) if x.end() < start - 1]
    return (ends[-1] if ends else 0), start


def _capital_said(text: str, gazetteer, country: str | None) -> Place | None:
    """The country's capital city when the text places the happening "in the capital" (or in "Kenya's
    capital"), naming no town of its own (the callers look for one first)."""
    if gazetteer is None or country is None:
        return None
    for m in CAPITAL.finditer(text):
        before = m.group("before")
        owner = re.sub(r"['’]?s$", "", before)
        if before.lower() in CAPITAL_OF or (owner != before and _country_named(owner, country, gazetteer)):
            p = gazetteer.capital(country)
            return _copy(p) if p is not None else None
    return None


def _country_named(word: str, country: str, gazetteer) -> bool:
    """`word` (the end of "Burkina Faso's") names the country `country`."""
    p = gazetteer.country(word)
    if p is None or p.country_code != country:
        name = (gazetteer.country(country) or Place(name="")).name
        return bool(name) and name.lower().endswith(word.lower())
    return True


def _town_near(told, doc: Document, gazetteer, country: str | None) -> Place | None:
    """The town named in the sentence that told the mention's day, if it names one."""
    lo, hi = told[1]
    towns = [pm for pm in gazetteer.find_places(doc.text, country)
             if lo <= pm.start < hi and pm.place.geo_precision == 1 and (country is None or pm.place.country_code == country)]
    return _told(_copy(towns[0].place), towns[0], gazetteer) if towns else None


def _interventions(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """"Workers protested over arrears. Police fired tear gas.": the police action in the next sentence
    (or anywhere in a short note) is the intervention in the protest, coded as its actor2 (ACLED's
    "Protest with intervention"), not an event of its own. With dead counted it stays an event."""
    short = len(doc.text) <= SHORT_REPORT_CHARS
    absorbed: set[int] = set()
    for i, m in enumerate(mentions):
        if m.event_type not in ("Protests", "Riots"):
            continue
        for j in range(i + 1, len(mentions)):
            n = mentions[j]
            if n.event_type in ("Protests", "Riots"):
                break
            if not short and n.start - m.end > NARRATIVE_GAP_CHARS:
                break
            if n.event_type not in ("Battles", "Violence against civilians", "Explosions/Remote violence") \
                    or n.actor1 is None or n.actor1.inter != 1 \
                    or (n.actor2 is not None and n.actor2.inter not in (5, 6, 7)):
                continue
            if m.actor2 is None:
                m.actor2 = n.actor1
                m.sides = sorted(set(m.sides) | set(n.sides))
            if not any(q.figure == "fatalities" for q in n.quantities):
                if m.sub_event_type == "Peaceful protest":
                    m.sub_event_type = "Protest with intervention"
                absorbed.add(j)
            break
    return [m for k, m in enumerate(mentions) if k not in absorbed]


# "the province of Idlib": the admin1 that a town shares its name with. Not "area of" or "district of":
# "in the area of Deou", "the rural area of Murindo" name the place itself.
_OF_REGION = re.compile(r"\b(province|region|governorate|countryside|county|state)\s+of\s+(the\s+)?$", re.I)


def _place_of(m: Mention, gazetteer=None, text: str = "") -> Place | None:
    matches = [pm for pm in m.place_matches if not _dateline_elsewhere(pm, m.place_matches, text)]
    provinces = []
    if gazetteer is not None and text:
        for pm in matches:
            # "the northwestern region of Idlib": the province, not the town of that name. It stands
            # only if the sentence names no town of its own ("the town of Binnish in the countryside of
            # Idlib" is in Binnish).
            if pm.place.geo_precision == 1 and pm.place.admin1 and _OF_REGION.search(text[max(0, pm.start - 40):pm.start]) \
                    and gazetteer.same_name(pm.place.name, pm.place.admin1):
                a = gazetteer.admin1(pm.place.country_code, pm.place.admin1)
                if a is not None:
                    provinces.append(pm)
    towns = [pm for pm in matches if pm.place.geo_precision == 1 and pm not in provinces]
    towns = [pm for pm in towns if not _outside_named_province(pm, matches)] or towns
    towns.sort(key=lambda pm: not _with_container(pm, matches, text))  # (a stable sort: else in order)
    if towns:
        p = _told(_copy(towns[0].place), towns[0], gazetteer)
        if m.place_precision_hint == 2:
            p.geo_precision = 2
        return p
    if provinces:
        a = gazetteer.admin1(provinces[0].place.country_code, provinces[0].place.admin1)
        return _told(a, provinces[0], gazetteer)
    if matches:
        # a province before a country ("the Kenya-Somali border in Isiolo County")
        best = min(matches, key=lambda pm: (pm.place.geo_precision, pm.place.kind == "country", pm.start))
        return _told(_copy(best.place), best, gazetteer)
    return None


def _outside_named_province(pm, matches) -> bool:
    """"a police station in Banti, coded as Tembagapura district, Mimika regency, Papua province": a town of
    another province of the country than every province the sentence names is a namesake the gazetteer
    knows in place of one it lacks; a town of the named province is the place. (With no such town, the
    namesake stands: dropping it lost more on the dev notes, 5564 -> 5546 within 25 km, than it gained.)"""
    if pm.place.geo_precision != 1:
        return False
    named = {q.place.admin1 for q in matches if q.place.kind == "admin1" and q.place.country_code == pm.place.country_code}
    return bool(named) and pm.place.admin1 not in named


# A place's district and province in brackets after it: "Baki (Baki, Awdal)", "Mareerey village (Jilib,
# Middle Juba)", the way a coder names the place an event is coded at.
_CONTAINER_AFTER = re.compile(r"(?:\s+(?:village|town|city|locality|area))?\s*\(([^()]{1,80})\)", re.I)


def _with_container(pm, matches, text: str) -> bool:
    """The town is followed by brackets that name other places ("Damasha village near Baki (Baki, Awdal)"
    is coded at Baki): the place the report itself locates. Not a dateline's "(AFP)"."""
    mo = _CONTAINER_AFTER.match(text, pm.end) if text else None
    return bool(mo) and any(mo.start(1) <= q.start < mo.end(1) for q in matches if q is not pm)


# Words that say what kind of place a name is ("Tafas city", "Daraa Province"): not part of the name.
_KIND_WORDS = re.compile(r"(?:\s+(?:city|town|village|province|provinces|governorate|region|state|county|district|"
                         r"countryside|municipality|township|area|camp|prefecture|department))+$", re.I)


def _told(p: Place, pm, gazetteer) -> Place:
    """The place with the name as the report spells it ("Al-Hawl", "Daraa", "Khan Sheikhoun", "Idlib
    Province"), where that spelling is one the gazetteer knows for the entry (not a loose or fuzzy
    reading): the reader finds the report's own spelling in `location`, and admin1 keeps the coders'
    (ACLED's) spelling ("Idleb"). A country keeps its name."""
    if gazetteer is None or p.kind == "country":
        return p
    name = _KIND_WORDS.sub("", pm.surface.strip()).strip()
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    if name.isupper() and len(name) > 3:
        name = name.title()  # a dateline in capitals
    if name and gazetteer.spells(name, p) and gazetteer.fold_name(name) != gazetteer.fold_name(p.name):
        p.told = name
    return p


# A dateline: the place a report was filed from, at the head of its text or of a line, then a dash, a
# colon, an agency in brackets or a date ("BACOLOD CITY –", "Idlib Province –", "Kabul (AFP)",
# "Nairobi, Oct 8:"). The happening of the sentence it heads is told by the other places named there.
_DATELINE_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?"
_DATELINE_AFTER = re.compile(r"(?:\s*,?\s*(?:city|province|governorate|state|county)\b)?(?:\s*,\s*" + _DATELINE_DATE + r")?"
                             r"(?:\s*\([A-Z][^()\n]{0,30}\)\s*(?:[–—-]+|:)?|\s+-+|\s*[–—:])", re.I)


def _dateline_elsewhere(pm, matches, text: str) -> bool:
    """Is the match a dateline, and does its sentence name another town or district in the dateline's province (a
    report filed from a regional hub tells of that region: "LEGAZPI CITY - ... in Ragay town")? A town
    in another province may be a namesake read wrong, and the dateline is then the better guess."""
    if not _is_dateline(pm, text):
        return False
    p = pm.place
    return any(o is not pm and o.place.geo_precision <= 2 and o.place.kind != "admin2" and o.place.country_code == p.country_code
               and (p.kind == "admin1" or o.place.admin1 == p.admin1) for o in matches)


def _is_dateline(pm, text: str) -> bool:
    """Is the match a dateline: first on its line (within a few characters) and followed by a dash,
    a colon, an agency in brackets or a date?"""
    if not text:
        return False
    line_start = text.rfind("\n", 0, pm.start) + 1
    if text[line_start:pm.start].strip(" \t\"'“”‘’*•-"):
        return False
    return bool(_DATELINE_AFTER.match(text, pm.end))


def _copy(p: Place) -> Place:
    return copy.copy(p)


def _document_place(doc: Document, gazetteer, country: str | None, mentions) -> Place | None:
    """The report's main province (the most named admin1), at region precision; else its country."""
    if gazetteer is None:
        return None
    matches = gazetteer.find_places(doc.text, country)
    # where the report was filed from ("JAKARTA -") is not where it happened, unless it names no other place
    matches = [pm for pm in matches if not _is_dateline(pm, doc.text)] or matches
    if len(doc.text) <= SHORT_REPORT_CHARS:
        # A short note names one place, usually the event's, even in another sentence.
        for pm in matches:
            if pm.place.geo_precision <= 2 and (country is None or pm.place.country_code == country):
                p = _copy(pm.place)
                p.geo_precision = max(p.geo_precision, 2)
                return p
    admins = Counter((pm.place.country_code, pm.place.admin1) for pm in matches
                     if pm.place.admin1 and (country is None or pm.place.country_code == country))
    if admins:
        (cc, a1), _ = admins.most_common(1)[0]
        p = gazetteer.admin1(cc, a1)
        if p is not None:
            named = next((pm for pm in matches if pm.place.kind == "admin1" and pm.place.admin1 == a1), None)
            return _with_sole_district(_told(p, named, gazetteer) if named is not None else p, matches)
    if country:
        p = _capital_said(doc.text, gazetteer, country) or gazetteer.country(country)
        if p is not None:
            return p
    return None


def _with_sole_district(p: Place, matches) -> Place:
    """The report's province with its district, when every place it names in the province lies in one
    ("a barangay of Dumalag, Capiz": Western Visayas, district Capiz); the point stays the province's."""
    inside = [pm.place for pm in matches if pm.place.country_code == p.country_code and pm.place.admin1 == p.admin1
              and pm.place.kind != "admin1" and pm.place.admin2]
    districts = {_DISTRICT_WORDS.sub("", d.admin2.lower()).strip() for d in inside}
    if len(districts) != 1:
        return p
    # the district's own entry spells it as the coders do ("Capiz", not GeoNames' "Province of Capiz")
    name = next((d.admin2 for d in inside if d.kind == "admin2"), inside[0].admin2)
    p = _copy(p)
    p.admin2 = name
    return p


_DISTRICT_WORDS = re.compile(r"^(?:province|district|municipality|department) of\s+|\s+(?:province|district)$")


# Civilian nouns that after a people's name are read as its militia when it acts ("Pokot herders
# attacked"), but not when it is attacked.
_PEOPLE_NOUNS = ETHNIC_FIGHTING_NOUNS | {"man"}
# Words that mark violence between communities (ethnic, clan or pastoral), coded to identity militias.
COMMUNAL_CUES = re.compile(r"\b(ethnic|tribal|tribes?|clans?|communal|inter-?communal|inter-?clan|inter-?ethnic|"
                           r"communities|cattle raid\w*|livestock raid\w*|cattle rustl\w*|rustlers?|raiders|"
                           r"stock theft|livestock|herding|cattle|goats|camels|animals|revenge attack|grazing|"
                           r"pasture|water(?:ing)? point|boreholes?|land dispute|(?:clash\w*|fight\w*|dispute) over land|"
                           r"land (?:ownership|row|conflict)|border (?:conflict|dispute))\b", re.I)


def _as_victims(actor: Actor | None, phrase: str, actors, cc: str | None) -> Actor | None:
    """"attacked a Degodia herdsman": a people named by a civilian noun, when it is the one hit, is
    civilians of that people, not its militia."""
    if actor is None or actor.inter != 4 or " Ethnic Militia (" not in actor.name:
        return None
    words = phrase.split()
    last = words[-1].lower() if words else ""
    if last in _PEOPLE_NOUNS:
        return Actor(actors.generic("civilians", cc).name, 7, cc, actor.name.replace(" Ethnic Militia ", " Ethnic Group "))
    return None


def _with_of(victim: str, sentence: str | None) -> str:
    """"four members of al-Shabaab": a counted member noun takes the group written after it."""
    mo = re.search(re.escape(victim) + r"\s+of\s+((?:the\s+)?[\w'-]+(?:\s+[A-Z][\w'-]*){0,3})", sentence or "")
    return f"{victim} of {mo.group(1)}" if mo else victim
