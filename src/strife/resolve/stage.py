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

from ..lexicon import triggers
from ..models import DAY, WEEK, Actor, Document, Mention, Place, TimeInterval
from . import timex
from .actors import ETHNIC_FIGHTING_NOUNS

# A mention inherits date and place from the mention just before it only when they are this close:
# the next sentence, or the same one. Farther back, a report has usually moved on to another matter.
NARRATIVE_GAP_CHARS = 2
# Happenings dated more than a month before the report are background history, not news.
HISTORY_DAYS = 31
# Up to this length a report is a note about one incident (a wire brief, an ACLED note), not an article.
SHORT_REPORT_CHARS = 1500
LAST_WEEK = re.compile(r"\blast week\b", re.I)


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
        m.place = _mention_place(m, doc, prev if adjacent else None, told, gazetteer, country) or default_place
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
    return [m for m in mentions if not m.background] or _told_late(mentions)


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
    _type_by_target(m, actors)
    communal = bool(COMMUNAL_CUES.search(doc.text if len(doc.text) <= SHORT_REPORT_CHARS else m.sentence or ""))
    _default_actors(m, actors, cc, communal, doc.text)
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
_SAID_BEFORE = re.compile(r"\b(?:statement|said|says|told|announced|reported|stated|press|briefing|interview|"
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
        p = gazetteer.country(country)
        if p is not None:
            return p
    return None


def _with_sole_district(p: Place, matches) -> Place:
    """The report's province with its district, when every place it names in the province lies in one
    ("Barangay Lahug in Tapaz, Capiz": Western Visayas, district Capiz); the point stays the province's."""
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


# The generic categories, asked of the actor dictionary by a plain noun so that its country naming
# (ACLED's short names) applies: "gunmen" in Kenya -> "Unidentified Armed Group (Kenya)".
CLASH_WORDS = re.compile(r"\b(clash\w*|fight\w*|fought|fistfights?|brawl\w*|scuffl\w*)\b", re.I)
# Civilian nouns that after a people's name are read as its militia when it acts ("Pokot herders
# attacked"), but not when it is attacked.
_PEOPLE_NOUNS = ETHNIC_FIGHTING_NOUNS | {"man"}
# Words that mark violence between communities (ethnic, clan or pastoral), coded to identity militias.
COMMUNAL_CUES = re.compile(r"\b(ethnic|tribal|tribes?|clans?|communal|inter-?communal|inter-?clan|inter-?ethnic|"
                           r"communities|cattle raid\w*|livestock raid\w*|cattle rustl\w*|rustlers?|raiders|"
                           r"stock theft|livestock|herding|cattle|goats|camels|animals|revenge attack|grazing|"
                           r"pasture|water(?:ing)? point|boreholes?|land dispute|(?:clash\w*|fight\w*|dispute) over land|"
                           r"land (?:ownership|row|conflict)|border (?:conflict|dispute))\b", re.I)
# "Security has been beefed up": the state's forces moved, whoever else the sentence names.
SECURITY_RAISED = re.compile(r"\bsecurity (?:has been |had been |was |is being |is |being )?(?:beefed up|tightened|"
                             r"heightened|stepped up|increased|reinforced)\b", re.I)
# Armed people, named by what they are; with weapons and fire, the words that arm a side (a clash
# with police by no one so described is a crowd's); with soldiers, the armed nouns that keep state
# violence from being against civilians.
_ARMED_PEOPLE = (r"gunm[ae]n|bandits?|raiders?|militia\w*|militants?|insurgents?|rebels?|attackers?|assailants?|"
                 r"gangs?|gangsters?|armed|al[- ]?shabaa?b|terrorists?|criminals?|thugs?|robbers?|warriors?|"
                 r"fighters?|suspects?")
# Civilian nouns for people who carry arms in pastoral conflict: as attackers they are not a mob.
_PASTORAL = r"herders?|herdsm[ae]n|pastoralists?"
ARMED_CIVILIAN_NOUNS = re.compile(rf"\b({_PASTORAL})\b", re.I)
ARMED_WORDS = re.compile(rf"\b({_ARMED_PEOPLE}|{_PASTORAL}|guns?|gunfire|rifles?|shootout|"
                         r"fire|fired|firing|shot|shooting|bullets?|machetes?|pangas?|arrows?|weapons?)\b", re.I)
ARMED_NOUNS = re.compile(rf"\b({_ARMED_PEOPLE}|soldiers?|troops?)\b", re.I)
PROTEST_WORDS = re.compile(r"\b(protest\w*|demonstrat\w*|strike|rampage|riot\w*)\b", re.I)
# A gathering as the setting of casualties ("injured during a party meeting").
GATHERING_SETTING = re.compile(r"\b(?:during|at|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:rally|rallies|meeting|"
                               r"primaries|campaigns?|protests?|demonstrations?|riots?|strike)\b", re.I)
# What forces do to a crowd: the intervention that makes them actor2 of a protest or riot.
INTERVENTION = re.compile(r"\b(interven\w*|dispers\w*|tear ?gas\w*|tear-gass\w*|fired|opened fire|arrested|"
                          r"clash\w*|contain\w*|battl\w*|water cannon|rubber bullets|batons?|broke up|quell\w*|"
                          r"repuls\w*|rescued?|shot|confront\w*|open fire|fir(?:e|ed|ing)|kill\w*|injur\w*|"
                          r"wound\w*|engag\w*|turned away|barred)\b", re.I)

_GENERIC_NOUN = {"Protesters": "protesters", "Rioters": "rioters", "Civilians": "civilians",
                 "Unidentified Armed Group": "gunmen"}


def _generic(actors, kind: str, cc: str | None) -> Actor | None:
    return actors.resolve(_GENERIC_NOUN[kind], cc)


def _unnamed_armed(actors, cc: str | None, communal: bool) -> Actor | None:
    """The armed side a report leaves unnamed: a communal militia in communal violence, else an
    unidentified armed group."""
    return actors.generic("communal_militia", cc) if communal else _generic(actors, "Unidentified Armed Group", cc)


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


# Police words: the state violence rule asks for armed people other than the police who acted.
_POLICE_WORDS = {"police", "officer", "officers", "personnel", "unit", "guards"}


def _armed_named(sentence: str) -> bool:
    """Whether a sentence names armed people or military things ("positions", "convoy") other than the
    police who acted."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    return bool(ARMED_NOUNS.search(sentence)) or bool(words & (triggers().cues["armed"][0] - _POLICE_WORDS))


def _type_by_target(m: Mention, actors) -> None:
    """ACLED tells violence against civilians from a battle by who was hit: once the target is a
    resolved actor, an armed target makes an attack a battle and a civilian one the reverse."""
    t = m.actor2
    if t is None:
        return
    if t.name.startswith("Unidentified Armed Group") and m.actor2_text and re.search(
            r"\b(suspected|alleged)\s+(?:[\w-]+\s+){0,2}" + re.escape(m.actor2_text), m.sentence or "", re.I):
        # "a suspected gang leader was killed", "two suspected criminals killed by a mob": people only
        # suspected of crime, unarmed when hit, are civilians in ACLED's coding
        m.actor2 = actors.generic("civilians", t.country_code)
        t = m.actor2
    if m.event_type == "Violence against civilians" and m.sub_event_type == "Attack" and t.inter in (1, 2, 3, 4, 8) \
            and not t.name.startswith("Government"):  # (officials attacked are civilians: see _default_actors)
        m.event_type, m.sub_event_type = "Battles", "Armed clash"
    elif m.event_type == "Battles" and m.sub_event_type == "Armed clash" and m.family in ("attack", "casualty") \
            and t.inter == 7 and m.actor1 is not None and m.actor1.inter in (1, 2, 3, 4, 8):
        m.event_type, m.sub_event_type = "Violence against civilians", "Attack"


def _default_actors(m: Mention, actors, cc: str | None, communal: bool = False, doc_text: str = "") -> None:
    """ACLED's conventions by event type: protests are coded with "Protesters (country)" as actor1
    and riots with "Rioters (country)" (the named group, students or traders, as associated actor);
    violence against civilians always has civilians as actor2; an event with no named perpetrator
    gets the fitting "Unidentified ..." category."""
    def named(a):
        return a is not None and a.inter in (7, 6, 5) and not a.name.startswith(("Civilians", "Protesters", "Rioters"))

    if m.sub_event_type == "Remote explosive/landmine/IED" and m.actor1 is not None and m.actor1.inter in (1, 8) \
            and m.actor2 is None:
        # "officers escaped when their vehicle drove over an explosive": forces do not plant the
        # mines they drive over; they are the target
        m.actor1, m.actor2 = None, m.actor1
    if m.event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles") \
            and m.actor2 is not None and m.actor2.name.startswith("Government") and m.actor2.inter == 1:
        # officials, chiefs and politicians attacked are unarmed: ACLED codes them as civilians, with
        # their government as associated actor
        gov = m.actor2.name
        m.actor2 = actors.generic("civilians", cc)
        m.actor2.assoc = gov
    if m.event_type in ("Protests", "Riots") and m.actor2 is not None and m.actor2.inter == 1 \
            and m.actor2.name.startswith("Government"):
        m.actor2 = None  # what a crowd protests against is not a party to the event (ACLED leaves it out)
    if m.event_type == "Strategic developments" and m.actor1 is None and m.actor2 is not None \
            and m.actor2.inter in (1, 2, 3, 4, 8) and m.sub_event_type != "Arrests":
        # "the president deployed the military", "Looting: al-Shabaab raided a town": in a strategic
        # development the one armed party named is the one acting
        m.actor1, m.actor2 = m.actor2, None
    if m.event_type == "Strategic developments" and m.sub_event_type in (
            "Change to group/activity", "Looting/property destruction", "Headquarters or base established") \
            and m.actor2 is not None and m.actor2.inter == 7:
        # a deployment, a base or property burned: ACLED names no civilian side (the owners of a
        # burned house are not a party)
        m.actor2 = None
    if m.event_type == "Strategic developments" and m.sub_event_type == "Change to group/activity" \
            and (m.actor1 is None and re.search(r"\bsecurity\b", m.sentence or "", re.I)
                 or SECURITY_RAISED.search(m.sentence or "")):
        # "security has been beefed up along the border": the state's forces (ACLED: its military)
        m.actor1 = actors.state_actor("military", cc)
    if m.event_type == "Strategic developments" and m.sub_event_type == "Change to group/activity":
        # forces moved, deployed or recruiting: one side changes what it does; the enemy it moves
        # against, the youths it recruits or the official who reports it are not a party (ACLED
        # leaves actor2 empty in nearly all such events)
        m.actor2 = None
    if m.event_type == "Strategic developments" and m.sub_event_type == "Disrupted weapons use":
        # a device defused: the forces that found it and whoever planted it (unknown unless named)
        if m.actor1 is None and doc_text and len(doc_text) <= SHORT_REPORT_CHARS:
            # "An explosive is found in Kaptembwa. Police safely disposed of the device."
            forces = [a.actor for a in actors.find_actors(doc_text, cc) if a.actor.inter == 1
                      and a.actor.name.startswith(("Police", "Military"))]
            if forces:
                m.actor1 = forces[0]
        if m.actor1 is None:
            m.actor1 = _generic(actors, "Unidentified Armed Group", cc)
        elif m.actor1.inter in (1, 8) and m.actor2 is None:
            m.actor2 = _generic(actors, "Unidentified Armed Group", cc)
    if m.event_type == "Strategic developments" and m.actor1 is None \
            and m.sub_event_type == "Looting/property destruction":
        # property burned or looted by no one named: ACLED's unidentified armed group (or communal militia)
        m.actor1 = _unnamed_armed(actors, cc, communal)
    report = doc_text if doc_text and len(doc_text) <= SHORT_REPORT_CHARS else m.sentence or ""
    if m.event_type == "Battles" and m.family == "clash" and not ARMED_WORDS.search(report) \
            and sum(a is not None and a.inter == 1 for a in (m.actor1, m.actor2)) == 1 \
            and all(a is None or a.inter in (1, 7) for a in (m.actor1, m.actor2)):
        # "one dead following clashes with police": the side no report arms is a crowd; ACLED codes
        # such clashes as riots (83 of 86 Kenyan notes of clashes with police that name no armed group)
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
        m.actor1, m.actor2 = None, next(a for a in (m.actor1, m.actor2) if a is not None and a.inter == 1)
    if m.event_type in ("Violence against civilians", "Battles") and m.family in ("casualty", "attack") \
            and not m.actor1_text and GATHERING_SETTING.search(m.sentence or ""):
        # "two injured during a party meeting", "three shot dead during protests": casualties of a
        # gathering with no one named who did it are a riot's (ACLED codes them so)
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
        m.actor1 = None
        if m.actor2 is not None and m.actor2.inter != 1:
            m.actor2 = None
    if m.event_type in ("Protests", "Riots") and m.actor2 is not None and m.actor2.inter in (1, 2, 3, 4, 8) \
            and not INTERVENTION.search(m.sentence or ""):
        # "residents protested police brutality", "women marched against youths joining al-Shabaab":
        # the forces or group protested against are the grievance, not a party
        m.actor2 = None
    if m.event_type in ("Protests", "Riots"):
        role = "Protesters" if m.event_type == "Protests" else "Rioters"
        crowd = m.actor1 if m.actor1 is not None and m.actor1.inter in (5, 6, 7) else None
        if crowd is None and m.actor2 is not None and m.actor2.inter in (5, 6, 7) and m.actor1 is not None:
            crowd = None
        if m.actor1 is None or m.actor1.inter in (5, 6, 7):
            other = m.actor2 if m.actor2 is not None and m.actor2.inter not in (5, 6, 7) else None
            new1 = _generic(actors, role, cc)
            if new1 is not None and named(crowd):
                new1.assoc = crowd.name
            m.actor1 = new1
            m.actor2 = other
        elif m.actor1.inter in (1, 2, 3, 4, 8):
            # "police dispersed protesters": the crowd is actor1, the police actor2
            state = m.actor1
            m.actor1 = _generic(actors, role, cc)
            # what the crowd protests against (a ministry, a governor) is not a party; forces are
            m.actor2 = None if state.name.startswith("Government") or not INTERVENTION.search(m.sentence or "") \
                else state
        if m.actor2 is None and m.sub_event_type != "Mob violence":
            # "Police used tear gas to disperse students who were protesting": the forces that
            # intervene are actor2, wherever the sentence (or a short note) names them (a mob's
            # actor2 is its victim, whoever stepped in)
            for sent in re.split(r"(?<=[.;!?])\s+", report):
                if not INTERVENTION.search(sent):
                    continue
                forces = [a.actor for a in actors.find_actors(sent, cc)
                          if a.actor.inter == 1 and a.actor.name.startswith(("Police", "Military"))]
                if forces:
                    m.actor2 = forces[0]
                    if m.sub_event_type == "Peaceful protest":
                        m.sub_event_type = "Protest with intervention"
                    break
        if m.event_type == "Riots" and m.sub_event_type == "Mob violence" and m.actor2 is None:
            m.actor2 = _generic(actors, "Civilians", cc)
        return
    if m.actor2 is None and m.actor1 is not None and m.sub_event_type in (
            "Non-state actor overtakes territory", "Government regains territory"):
        # Territory changes hands between two sides: the side that lost it is actor2.
        if m.actor1.inter == 1:
            m.actor2 = actors.resolve("rebels", cc)
        elif m.actor1.inter in (2, 3):
            m.actor2 = actors.resolve("government forces", cc)
    crowd = [a for a in (m.actor1, m.actor2) if a is not None and a.inter in (5, 6)]
    if m.actor1 is not None and m.actor1.inter == 7 and m.family == "clash":
        crowd.append(m.actor1)  # "supporters clashed": the civilians named are the ones fighting
    if m.event_type == "Battles" and crowd and not any(a is not None and a.inter in (2, 3, 4)
                                                        for a in (m.actor1, m.actor2)):
        # "supporters of two candidates clashed", "youths engaged police in running battles": a
        # crowd fighting with its hands and stones is a riot, not a battle between armed groups
        m.event_type, m.sub_event_type = "Riots", "Violent demonstration"
        state = next((a for a in (m.actor1, m.actor2) if a is not None and a.inter in (1, 8)), None)
        m.actor1 = _generic(actors, "Rioters", cc)
        m.actor1.assoc = next((a.assoc for a in crowd if a.assoc), None)
        m.actor2 = state or (_generic(actors, "Rioters", cc) if m.family == "clash" else None)
        if state is None and m.family == "clash":
            m.sub_event_type = "Mob violence"  # two crowds fighting each other (ACLED's usual coding)
        return
    if m.event_type in ("Violence against civilians", "Battles") and m.actor1 is not None and m.actor1.inter == 5 \
            and m.family in ("attack", "casualty", "mob"):
        # "beaten to death by a vigilante group", "a mob attacked": rioters who attack are mob violence
        m.event_type, m.sub_event_type = "Riots", "Mob violence"
        if m.actor2 is None:
            m.actor2 = _generic(actors, "Civilians", cc)
        return
    if m.event_type in ("Violence against civilians", "Explosions/Remote violence", "Battles") and m.actor1 is not None \
            and m.actor1.inter == 7:
        if m.actor2 is not None and m.actor2.inter in (1, 2, 3, 4, 8):
            # "48 people killed as a militia attacks a village", parsed the other way round
            m.actor1, m.actor2 = m.actor2, m.actor1
        elif m.actor1_text and ARMED_CIVILIAN_NOUNS.search(m.actor1_text):
            # "four people were killed by herders": herders carry arms in pastoral conflict; ACLED
            # codes them as a communal militia or an unidentified armed group, not as a mob
            m.actor1 = _unnamed_armed(actors, cc, communal)
        elif m.event_type != "Explosions/Remote violence" and m.actor1_text:
            # "villagers mobilised, killing a man": people with no arms of their own who attack are a
            # mob (ACLED: Riots, mob violence, by rioters)
            crowd = m.actor1
            m.event_type, m.sub_event_type = "Riots", "Mob violence"
            m.actor1 = _generic(actors, "Rioters", cc)
            if crowd.assoc:
                m.actor1.assoc = crowd.assoc
            if m.family == "clash" or CLASH_WORDS.search(m.sentence or ""):
                # "supporters of two candidates clashed": rioters on both sides
                m.actor2 = _generic(actors, "Rioters", cc)
            elif m.actor2 is None:
                m.actor2 = _generic(actors, "Civilians", cc)
            return
        else:
            m.actor1, m.actor2 = None, m.actor2 or m.actor1
    if communal and m.actor1 is not None and m.actor1.inter == 3 and m.actor1.name.startswith("Unidentified Armed Group") \
            and m.event_type in ("Battles", "Violence against civilians"):
        # "bandits" or "gunmen" in a cattle raid or a clash between communities: ACLED codes them as
        # a communal militia
        m.actor1 = actors.generic("communal_militia", cc)
    if m.actor1 is None and m.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
        if m.actor2 is not None and m.actor2.inter == 4 and m.event_type == "Battles":
            # a clash with one side named as a people's or communal militia: the other side is too
            m.actor1, m.actor2 = m.actor2, actors.generic("communal_militia", cc)
        elif communal and m.event_type != "Explosions/Remote violence":
            # "ethnic clashes", "cattle raiders struck": ACLED codes communal violence to identity
            # militias (inter 4), not to an unidentified armed group
            m.actor1 = actors.generic("communal_militia", cc)
        else:
            m.actor1 = _generic(actors, "Unidentified Armed Group", cc)
    if m.event_type == "Battles" and m.actor1 is not None and m.actor1.inter == 4 \
            and (m.actor2 is None or m.actor2.inter == 7 and communal):
        # a communal clash has two sides; the second is unnamed
        m.actor2 = actors.generic("communal_militia", cc)
    if m.event_type == "Battles" and m.family == "clash" and m.actor2 is not None and m.actor2.inter == 7 \
            and re.search(r"\b(people|persons|men)$", m.actor2_text or ""):
        m.actor2 = None  # "two people were killed in a clash": the dead of a clash are not a civilian side
    if m.event_type == "Battles" and m.family in ("attack", "casualty") and m.actor1 is not None \
            and m.actor1.inter == 1 and m.actor2 is None and not m.actor2_text and not _armed_named(m.sentence or ""):
        # "a rights activist was shot dead by police": state violence with no armed opponent named
        # is against civilians
        m.event_type, m.sub_event_type = "Violence against civilians", "Attack"
        m.actor2 = _generic(actors, "Civilians", cc)
    if m.event_type == "Battles" and m.sub_event_type == "Armed clash" and m.actor1 is not None and m.actor2 is None:
        # a clash has two armed sides; the one the report leaves unnamed is unidentified ("two killed
        # in a clash", "police engaged the assailant")
        m.actor2 = _unnamed_armed(actors, cc, communal)
    if m.event_type == "Strategic developments" and m.sub_event_type == "Arrests" and (
            m.actor1 is None or m.actor1.inter not in (1, 8)):
        # ACLED codes arrests to the state's police; the arrested are actor2
        arrested = m.actor1
        m.actor1 = actors.state_actor("police", cc)
        if m.actor2 is None and arrested is not None:
            m.actor2 = arrested
    if m.event_type == "Strategic developments" and m.sub_event_type == "Looting/property destruction" \
            and m.actor1 is not None and m.actor1.inter in (5, 7) and m.actor1_text \
            and not re.search(r"\b(unknown|unidentified)\b", m.actor1_text, re.I) and not ARMED_WORDS.search(report) \
            and (m.trigger or "").lower() not in triggers().labels:
        # "traders burnt down three villas in retaliation": a crowd destroying property is a mob
        # (unless the note's own label says property destruction)
        crowd = m.actor1
        m.actor1 = _generic(actors, "Rioters", cc)
        m.actor1.assoc = crowd.assoc
        if PROTEST_WORDS.search(report):
            m.event_type, m.sub_event_type = "Riots", "Violent demonstration"  # students on the rampage, protesting
            m.actor2 = None
        else:
            m.event_type, m.sub_event_type = "Riots", "Mob violence"
            m.actor2 = _generic(actors, "Civilians", cc)
        return
    if m.event_type == "Strategic developments" and m.actor1 is not None and m.actor1.inter in (5, 6, 7) \
            and m.sub_event_type != "Arrests":
        # ACLED never codes civilians or a crowd as the side that acts in a strategic development:
        # "unidentified people destroyed a billboard", "youths attacked a vehicle carrying ballot
        # boxes" are an unidentified armed group's (a communal militia's, in communal violence)
        m.actor1 = _unnamed_armed(actors, cc, communal)
    if m.event_type == "Violence against civilians" and (m.actor2 is None or m.actor2.inter != 7):
        m.actor2 = _generic(actors, "Civilians", cc)
    if m.event_type == "Explosions/Remote violence" and m.actor2 is None and (any(
            q.figure in ("fatalities", "injured") and not q.victim_side for q in m.quantities)
            or m.sub_event_type in ("Grenade", "Remote explosive/landmine/IED", "Suicide bomb")):
        # a bomb that killed "four people", or a grenade thrown with no armed target named: ACLED
        # codes those hit as civilians
        m.actor2 = _generic(actors, "Civilians", cc)
