"""tallies: which figures of a sentence are running totals (extract's tally step).

A figure is cumulative when its own clause carries a period ("this month", "since December"), a
running-total cue ("so far", "the war has killed") or the sentence is a present-perfect summary; such
a figure becomes a Tally, never an incident's figure.
"""
from __future__ import annotations

import datetime as dt
import re

from .figures import PART_OF
from .models import Document, Quantity, Tally

# Cumulative cues: a figure in such a sentence is a running total, not one incident's toll.
CUMULATIVE = re.compile(
    r"\b(this (?:month|year|week)|so far|to date|since (?:the |its |late |early |mid-)?\w+|in recent (?:weeks|days|months)|"
    r"(?:in|over|during) the (?:past|last) (?:(?!(?:few|several|couple)\b)\w+ hours|(?:\d+|few|several|two|three|four|\w+) "
    r"(?:days|weeks|months|years))|"
    r"in total|altogether|overall|cumulative|losses|death toll (?:since|so far|this)|"
    # "in days of protests", "after weeks of fighting", "in less than a week": a spell of many happenings;
    # "in 2021": a whole year
    r"(?:in|during|over|after) (?:days|weeks|months|years) of|in less than a (?:week|month|year)|(?:in|during|throughout) (?:19|20)\d\d(?!\d)|"
    r"(?:war|conflict|offensive|campaign|fighting|insurgency|violence|crisis|uprising|operation) (?:has|have|had) (?:so far )?"
    r"(?:killed|claimed|left)|has since|have since|had since|over the years|past year|last year)\b", re.I)

# "with no casualties reported so far", "no group has so far claimed it": a running-total cue inside a
# negation says nothing has been counted yet ("no fewer than 30 killed so far" is a count).
NONE_SO_FAR = re.compile(r"\b(?:no|none|not|nobody)\b(?!\s+(?:fewer|less|more)\b)[^.;,]{0,60}?\b(?:so far|to date)\b",
                         re.I)


def cumulative_cue(text: str, periods=()) -> bool:
    """A running-total cue or a period of time (timex) in the sentence, outside a negation (NONE_SO_FAR)."""
    negated = [m.span() for m in NONE_SO_FAR.finditer(text)]
    if any(not any(lo <= p.start < hi for lo, hi in negated) for p in periods):
        return True
    return bool(CUMULATIVE.search(NONE_SO_FAR.sub(" ", text)))


# Cues that make every figure of the sentence a running total, whatever clause it sits in.
# "since early January 2019" names a period of years; "of the total", "in the same period" take a part of a
# running total told before.
SENTENCE_CUMULATIVE = re.compile(
    r"\b((?:has|have|had) since|so far|to date|since (?:the start|the beginning|it began)|"
    r"since (?:early |late |mid-?)?(?:[A-Z][a-z]+ )?(?:19|20)\d\d|of (?:the|this|that) total|"
    r"(?:in|during|over) the same period|(?:among|of|in) (?:the|this|that) total (?:death )?toll|"
    # "The violence has already displaced 2,000, while at least 7 people have been killed": the campaign's
    # course so far, told as done already, counts every figure of the sentence
    r"(?:war|conflict|offensive|campaign|fighting|insurgency|violence|crisis|uprising) (?:has|have|had) already|"
    # "As more fatalities are recorded, the number of people killed in four provinces rose to 647": a running count
    r"as more (?:fatalities|deaths|casualties|victims) (?:are|were|have been|had been) (?:recorded|documented|reported))\b",
    re.I)

# A figure counted over three or more happenings ("740 soldiers were killed during 355 shootouts"):
# the sum of many incidents, a running total, unless the sentence gives them a day.
MANY_HAPPENINGS = re.compile(
    r"\b(?:in|during|across|over|from)\s+(?:more than |over |some |at least |nearly |about )?"
    r"(?:\d[\d,]*|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\s+(?:separate |different )?"
    r"(?:attacks|shootouts|clashes|incidents|operations|raids|strikes|airstrikes|air strikes|ambushes|bombings|"
    r"explosions|assassinations|battles)\b", re.I)

# "in one of the heaviest clashes reported this year", "the deadliest attack since 2019": a period in a
# superlative compares the incident with others; it does not make the incident's figure a running total.
SUPERLATIVE = re.compile(r"\b(?:one of )?the (?:\w+iest|worst|largest|biggest|greatest|highest|fiercest|most \w+)\b"
                         r"[^,;.]*", re.I)

# Clause boundaries inside a sentence: a figure's clause decides whether it is a running total.
_CLAUSE_SPLIT = re.compile(r",\s+(?=(?:taking|bringing|raising|pushing|including|which|while|adding|after|"
                           r"according|as|but|and)\b)|;|\s[-–—]\s")


# "in the past few hours", "during the last hours": the time of one incident just told, no period a
# running total is counted over ("in the past 48 hours" still is one).
FEW_HOURS = re.compile(r"\b(?:past|last|previous)\s+(?:(?:a\s+)?(?:few|several|couple\s+of)\s+)?hours\b", re.I)


def a_few_hours(pp) -> bool:
    """A period of a few hours (FEW_HOURS)."""
    return bool(FEW_HOURS.search(pp.text))


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence, cut at _CLAUSE_SPLIT."""
    out, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, len(text)))
    return out


# How a sentence or list item carries on the running total told just before it ("Also, four members of
# the coalition were killed.", "- 152 civilians, including 12 women").
CONTINUES = re.compile(r"\s*(?:[-–•*]\s|also\b|in addition\b|moreover\b|besides\b|as well as\b|of (?:them|whom)\b)", re.I)
# The running total is the sentence just before: at most a line break or two apart.
TALLY_GAP_CHARS = 3


def continues_tally(tallies: list[Tally], sent, points, quants: list[Quantity] = ()) -> bool:
    """The sentence carries on the running total told in the sentence just before it, with no day
    of its own: its figures are parts of that total, not an incident's ("Also, four members of the
    coalition were killed."), or parts of it smaller than the total ("the number killed rose to 647.
    The Observatory documented the assassination of 229 civilians ..."). `quants`: the figures of a
    sentence that tells no happening of its own (extract passes none for one that does)."""
    if not follows_tally(tallies, sent, points):
        return False
    return bool(CONTINUES.match(sent.text)) or _a_breakdown(tallies[-1], quants)


def follows_tally(tallies: list[Tally], sent, points) -> bool:
    """The sentence comes just after the one that told the last running total, with no day of its own."""
    return bool(tallies) and not points and 0 <= sent.start_char - tallies[-1].end <= TALLY_GAP_CHARS


def _a_breakdown(tally: Tally, quants) -> bool:
    """Every casualty figure of the sentence is smaller than the running total just told: a part of it."""
    counted = [q for q in quants if q.figure in ("fatalities", "injured")]
    return bool(counted) and all(q.value < tally.value for q in counted)


def tallied_here(tallies: list[Tally], sent) -> bool:
    """The sentence gave the last tally."""
    return bool(tallies) and tallies[-1].start == sent.start_char


def _tally_subject(q: Quantity) -> str:
    """ "civilians killed", "people injured": who the running total counts."""
    verb = {"fatalities": "killed", "injured": "injured"}.get(q.figure, q.figure)
    return f"{q.victim or 'people'} {verb}".strip()


def _fill_tally_period(t: Tally, doc: Document, ptext: str | None) -> None:
    """The period the sentence names, resolved on the report's day; else up to that day."""
    from .resolve import timex

    if ptext and doc.published:
        iv = timex.resolve_time(ptext, doc.published)
        if iv is not None:
            t.period_start, t.period_end = iv.start, iv.end
            return
    t.period_end = doc.published


def incident_figures(sent, quants: list[Quantity], times, background: bool, claimant: str | None, doc: Document,
                     tallies: list[Tally], continued: bool = False) -> list[Quantity]:
    """The figures of one incident that a sentence gives. Its cumulative figures of the killed and
    injured are added to `tallies` instead; other cumulative figures are dropped. `times` is the
    sentence's (points, periods); `background`, whether it summarises a campaign; `continued`, whether
    it carries on the running total told just before (continues_tally)."""
    points, periods = times
    text = _without_superlatives(sent.text)
    periods = [pp for pp in periods if not (text[pp.start:pp.start + 1] == " " != sent.text[pp.start:pp.start + 1])]
    clauses = clause_spans(text)
    # read by _is_tally only for a sentence of many happenings: resolved once a sentence, there alone
    days = not MANY_HAPPENINGS.search(text) or _days_told(points, doc)
    incident_q: list[Quantity] = []
    for q in quants:
        rel = q.start - sent.start_char
        clause = next((c for c in clauses if c[0] <= rel < c[1]), (0, len(text)))
        c_periods = [pp for pp in periods if clause[0] <= pp.start < clause[1]]
        if continued or _is_tally(q, text, rel, clause, (points, c_periods), background, days):
            if q.figure in ("fatalities", "injured"):
                period = (c_periods or periods or [None])[0]
                tallies.append(_tally(q, sent, claimant, doc, period))
        elif _part_of_a_tally(q, sent, tallies) and not [pp for pp in points if clause[0] <= pp.start < clause[1]]:
            continue  # (a part with a day of its own, "including 34 who died on Thursday", is an incident)
        else:
            _mark_part(q, sent, incident_q)
            incident_q.append(q)
    return incident_q


def _without_superlatives(text: str) -> str:
    """The sentence with its superlative comparisons blanked (same length: offsets hold)."""
    return SUPERLATIVE.sub(lambda m: " " * len(m.group(0)), text)


def _part_of_a_tally(q: Quantity, sent, tallies: list[Tally]) -> bool:
    """ "1,080 people have been killed since February, 54 of which died in custody": a part of the
    running total this sentence gave is a part of that total, not an incident's figure."""
    rel = q.start - sent.start_char
    return tallied_here(tallies, sent) and (bool(PART_OF.match(sent.text, q.end - sent.start_char))
                                            or re.search(r"\bincluding\s*$", sent.text[:rel]) is not None)


def _days_told(points, doc: Document) -> bool:
    """The sentence names a day ("on Monday", "on 3 July"), not only a month or a season ("In March,
    300 soldiers were killed during 120 shootouts": a month's sum of many incidents)."""
    from .resolve import timex

    ref = doc.published or dt.date.today()
    return any((iv := timex.resolve_time(pp, ref)) is None or iv.precision <= 1 for pp in points)


# "Thousands of fighters have died in the offensive, with 12 troops killed on Monday": "hundreds" or
# "thousands" in a clause whose dead are told in the present perfect is the campaign's count so far,
# however the sentence's main happening is told ("more than 100 rebels have been killed" may be news).
_PERFECT_DEAD = re.compile(r"\b(?:has|have)\s+(?:now\s+|already\s+)?(?:been\s+)?(?:killed|died|slain|perished)\b", re.I)


def _is_tally(q: Quantity, text: str, rel: int, clause, times, background: bool, days: bool = True) -> bool:
    """A figure is cumulative when its own clause carries a period ("this month", "since December")
    or a running-total cue, or the sentence one that covers every clause ("so far"). A present-perfect
    lead ("four children have been killed") is news; a present-perfect figure in the hundreds ("the
    regime has killed hundreds") is a campaign's running total. An "including 34 who died in an air
    strike on Thursday" clause with a day of its own inside a cumulative sentence is an incident."""
    points, c_periods = times
    ctext = text[clause[0]:clause[1]]
    q_cumulative = bool(c_periods) or bool(CUMULATIVE.search(ctext)) or bool(SENTENCE_CUMULATIVE.search(text)) \
        or (bool(MANY_HAPPENINGS.search(text)) and not days)
    q_is_tally = q_cumulative or (background and q.value >= 100) or (
        q.qualifier in ("hundreds", "thousands") and bool(_PERFECT_DEAD.search(ctext)))
    if q_is_tally:
        c_points = [pp for pp in points if clause[0] <= pp.start < clause[1]]
        if re.search(r"\bincluding\b", ctext[: rel - clause[0]]) and c_points:
            q_is_tally = False
    return q_is_tally


def _mark_part(q: Quantity, sent, incident_q: list[Quantity]) -> None:
    """ "at least 11 civilians, including six children", "two of them": a sub-count of a figure told
    before it; "two more bodies were found": an increase, not the toll. Either is a subset."""
    text = sent.text
    rel = q.start - sent.start_char
    if (re.search(r"\b(including|among them|of whom|of them|among whom)\s*$", text[: rel].rstrip(" ,"))
            or PART_OF.match(text, q.end - sent.start_char)) \
            and any(o.figure == q.figure and o.start < q.start for o in incident_q):
        q.subset = True
    if re.match(r"\s*more\b", text[q.end - sent.start_char:]):
        q.subset = True


def _tally(q: Quantity, sent, claimant: str | None, doc: Document, period) -> Tally:
    """A running total as of the report's day, over the period the sentence names, else up to then."""
    t = Tally(claimant=claimant or doc.outlet, subject=_tally_subject(q), value=q.value, qualifier=q.qualifier,
              period_start=None, period_end=None, as_of=doc.published, doc_id=doc.doc_id, sentence=sent.text,
              start=sent.start_char, end=sent.end_char)
    _fill_tally_period(t, doc, period.text if period else None)
    return t
