"""tallies: which figures of a sentence are running totals (extract's tally step).

A figure is cumulative when its own clause carries a period ("this month", "since December"), a
running-total cue ("so far", "the war has killed") or the sentence is a present-perfect summary; such
a figure becomes a Tally, never an incident's figure.
"""
from __future__ import annotations

import re

from .models import Document, Quantity, Tally

# Cumulative cues: a figure in such a sentence is a running total, not one incident's toll.
CUMULATIVE = re.compile(
    r"\b(this (?:month|year|week)|so far|to date|since (?:the |its |late |early |mid-)?\w+|in recent (?:weeks|days|months)|"
    r"(?:in|over|during) the (?:past|last) (?:\d+|few|several|two|three|four|\w+) (?:hours|days|weeks|months|years)|"
    r"in total|altogether|overall|cumulative|losses|death toll (?:since|so far|this)|"
    r"(?:war|conflict|offensive|campaign|fighting|insurgency|violence|crisis|uprising|operation) (?:has|have|had) (?:so far )?"
    r"(?:killed|claimed|left)|has since|have since|had since|over the years|past year|last year)\b", re.I)

# Cues that make every figure of the sentence a running total, whatever clause it sits in.
SENTENCE_CUMULATIVE = re.compile(r"\b((?:has|have|had) since|so far|to date|since (?:the start|the beginning|it began))\b", re.I)

# Clause boundaries inside a sentence: a figure's clause decides whether it is a running total.
_CLAUSE_SPLIT = re.compile(r",\s+(?=(?:taking|bringing|raising|pushing|including|which|while|adding|after|"
                           r"according|as|but|and)\b)|;|\s[-–—]\s")


def clause_spans(text: str) -> list[tuple[int, int]]:
    out, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, len(text)))
    return out


def tallied_here(tallies: list[Tally], sent) -> bool:
    return bool(tallies) and tallies[-1].start == sent.start_char


def _tally_subject(q: Quantity) -> str:
    verb = {"fatalities": "killed", "injured": "injured"}.get(q.figure, q.figure)
    return f"{q.victim or 'people'} {verb}".strip()


def _fill_tally_period(t: Tally, doc: Document, ptext: str | None) -> None:
    from .resolve import timex

    if ptext and doc.published:
        iv = timex.resolve_time(ptext, doc.published)
        if iv is not None:
            t.period_start, t.period_end = iv.start, iv.end
            return
    t.period_end = doc.published
