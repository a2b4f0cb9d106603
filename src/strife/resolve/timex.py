"""Time expressions: find them in text, resolve them against a report's published date.

Three public functions:

* `find_time_expressions(text)` -> `TimeExpr` spans (offsets into `text`) with a kind:
  "point" (an incident time: "on Friday", "late Tuesday", "on 27 February", "last week"),
  "period" (a cumulative window: "this month", "since December", "in the past 48 hours"),
  "year" (a bare year mention: "in 2011", "the 2018 deal"; never an incident date),
  "future" ("tomorrow", "next week", "later this month"; never an incident date).
* `resolve_time(expr, published)` -> `TimeInterval` anchored on the published date, or None.
* `infer_published(text, title)` -> (date, "text" | "inferred") or (None, None).

Everything is rule-based with precompiled regexes: it runs on every sentence of large corpora.
dateparser is used only as a last resort for an explicit full date (with a year) that the rules
below do not read, e.g. another language's month names.

Resolution rules (published date = P), each with its reason:

* bare weekday ("on Friday", "Friday's", "late Tuesday", "Tuesday evening"): the most recent such
  day ON OR BEFORE P. Reports speak of the day they are published as "on Friday" too, and news
  reports past events; dateparser's "past" preference gets the same-day case a week wrong.
* "last Friday": strictly before P. "next Friday": strictly after P (kind "future").
* "on the night of Monday to Tuesday", "Monday night into Tuesday": start Monday (bare-weekday rule),
  end the day after, DAY precision: the night straddles two dates and ACLED codes its first day.
* "overnight", "last night": start P-1, end P, DAY precision (the night before publication).
* "yesterday", "the previous day", "a day earlier": P-1.  "today", "tonight", "this morning": P.
* explicit day and month without year ("on 27 February", "February 27th"): the latest year in which
  the date is no later than P + 14 days. The 14 days let a report speak of a scheduled event a few
  days ahead ("talks in Moscow on March 5", published 1 March) without dating it a year back; such a
  date lies after P and the extract stage can read that as planned, not happened.
* weekday with date ("Thursday (February 27th)", "on Tuesday, March 3"): the date wins; the weekday
  only picks the year when no year is given and the default year disagrees but the year before (or
  after) agrees and is within half a year of P.
* numeric dates: "2020-02-27" is ISO; "27/02/2020", "27.02.2020" are day-first unless only the
  month-first reading is valid (second number > 12). Ambiguous "03/04/2020" reads day-first: most of
  the world, and most conflict reporting, writes day-first.
* "earlier this week": Monday of P's week .. P-1 (WEEK); on a Monday it collapses to P.
  "this week" (period): Monday .. P.  "last week"/"the previous week": the previous Mon-Sun (WEEK).
  "over the weekend": the most recent Saturday-Sunday that began on or before P, clipped to P (WEEK).
* "earlier this month": the 1st .. P-1 (MONTH). "this month"/"so far this month" (period): 1st .. P.
  "last month": the previous calendar month (MONTH). Same pattern for "year".
* "in March", "earlier in February", "late March": the most recent such month that began on or
  before P, clipped to P (MONTH precision; early/mid/late narrow the interval to days 1-10, 11-20,
  21-end but keep MONTH precision, as ACLED codes them).
* "since X" (period): the start of X .. P, for any X the rules resolve ("since December": 1 December of
  the most recent December before P; "since 2011": 1 January 2011; "since Friday").
* "in the past 48 hours" / "in the last N days|weeks|months" (period): P - N units .. P, hours rounded up
  to whole days. "in recent days" P-7 .. P, "in recent weeks" P-28 .. P, "in recent months" P-90 .. P,
  "recently" P-30 .. P (a weak hint).
* "N days ago", "two weeks ago", "a week earlier": P minus that much (DAY for days, WEEK for weeks).
* "since the start of the war", "so far", "to date": period with no anchor -> resolve_time is None.
* a bare year ("in 2018", "the 2018 deal") is kind "year" and resolve_time returns None: a year is
  never an incident date.

Precision of periods and spans: end-start <= 1 day is DAY, <= 7 days WEEK, else MONTH (ACLED's
codes are "exact day", "within a week", "within a month"; anything coarser is still 3).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from strife.models import DAY, MONTH, WEEK, TimeInterval

__all__ = ["TimeExpr", "find_time_expressions", "infer_published", "resolve_time"]


@dataclass
class TimeExpr:
    """A time expression found in text: character offsets, its text, and its kind."""

    start: int
    end: int
    text: str
    kind: str  # "point", "period", "year", "future"


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_NUM = {name: i for i, name in enumerate(_WEEKDAYS)}
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                 "fri": 4, "sat": 5, "sun": 6}

_MONTHS_FULL = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_MONTH_NUM = {name: i + 1 for i, name in enumerate(_MONTHS_FULL)}
_MONTH_NUM.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                   "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "twenty-four": 24, "thirty-six": 36, "forty-eight": 48,
    "seventy-two": 72, "ninety-six": 96,
    # vague counts: a point inside the usual range, the interval's precision carries the vagueness
    "couple of": 2, "a couple of": 2, "few": 3, "a few": 3, "several": 5,
}

# How far after publication an explicit day-month without year may fall (see module docstring).
_FUTURE_TOLERANCE = dt.timedelta(days=14)
# Weekday-date agreement may move a year-less date to the neighbouring year only within this range.
_WEEKDAY_YEAR_SWITCH = dt.timedelta(days=183)
# infer_published looks for candidate years this far back (the brief: ~15 years).
_INFER_YEARS_BACK = 15


def _title_and_upper(words: list[str]) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first (months are case-sensitive:
    "may" and "march" are common English words in lower case)."""
    forms = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.title(), w.upper()]
    return "|".join(forms)


_MON_FULL = rf"(?:{_title_and_upper(_MONTHS_FULL)})(?![A-Za-z])"
# A month name, full or abbreviated; only an abbreviation takes a dot ("Feb. 27", not "27 February.").
_MON = (rf"(?:(?:{_title_and_upper(_MONTHS_FULL)})(?![A-Za-z])"
        rf"|(?:{_title_and_upper(['sept', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'])})(?![A-Za-z])\.?)")
_WD_FULL = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD_ABBR = rf"(?:{_title_and_upper(list(_WEEKDAY_ABBR))})(?![A-Za-z])\.?"
_DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_UNITS = r"(?:hours?|days?|weeks?|months?|years?)(?!\s+ago)"
_NUM = (r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|twenty-four|thirty-six|"
        r"forty-eight|seventy-two|ninety-six|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|fourteen|fifteen|twenty|thirty|an|a)")

# A date with a month name: "March 3", "March 3rd, 2020", "3 March 2020", "the 3rd of March", "04 March, 2020".
_DATE_MD = rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
_DATE_DM = rf"(?:(?i:the)\s+)?(?P<d2>{_DAY})\s+(?:(?i:of)\s+)?(?P<m2>{_MON}),?(?:\s+(?P<y2>{_YEAR}))?"
_DATE_NAMED = rf"(?:{_DATE_MD}|{_DATE_DM})"

_PART_OF_DAY = r"(?i:morning|afternoon|evening|night|noon|midday|midnight|dawn|daybreak)"

# Weekday, optionally with a date: "on Friday", "late Tuesday", "Friday's", "Monday night",
# "on the night of Monday to Tuesday", "Thursday (February 27th)", "on Tuesday, March 3, 2020".
_RE_WEEKDAY = re.compile(
    rf"""
    (?<![\w'’-])
    (?:(?i:on|overnight|during)\s+)?
    (?:(?i:(?:in\s+)?the\s+(?:early\s+|small\s+|late\s+)?(?:hours|morning|afternoon|evening|night)\s+(?:of|between)\s+))?
    (?:(?P<part>(?i:early|late|earlier|later))\s+(?:(?i:on)\s+)?)?
    (?:(?P<rel>(?i:last|this|next|past|previous|coming))\s+)?
    (?:(?P<wd>{_WD_FULL})|(?P<wda>{_WD_ABBR})(?=,?\s*\(?\s*(?:\d|{_MON})))
    (?P<poss>['’]s)?
    (?![A-Za-z])
    (?!\s+(?:Times|Telegraph|Express|Herald|Mirror|Post|Mail|Star|Independent|Tribune|Sport|Observer)\b)
    (?:\s+(?P<part2>{_PART_OF_DAY}))?
    (?:\s+(?i:to|into|and|through|until|till)\s+(?:(?i:early|late)\s+)?(?P<wd2>{_WD_FULL})(?:\s+{_PART_OF_DAY})?)?
    (?:(?:\s*,\s*|\s*\(\s*|\s+)(?:(?i:on)\s+)?{_DATE_NAMED}(?:\s*\))?)?
    """,
    re.VERBOSE,
)

# A date with a month name, no weekday: "on 27 February", "February 27th", "March 3, 2020".
_RE_DATE_NAMED = re.compile(
    rf"(?<![\w'’-])(?:(?i:on|late\s+on|early\s+on)\s+)?(?:(?P<part>(?i:early|late))\s+)?{_DATE_NAMED}"
)

# A span of days in one month: "between 4-6 July", "from 4 to 6 July", "July 4-6, 2021". Read as
# its one day ("6 July") it dates the incident after it began; the span is coded on its first day.
_RANGE_SEP = r"\s*(?:-|–|—|(?i:to|and|until|till|through))\s*"
_RE_DAY_RANGE = re.compile(
    rf"(?<![\w'’-])(?:(?i:between|from|on)\s+)?(?:"
    rf"(?P<a1>{_DAY}){_RANGE_SEP}(?P<a2>{_DAY})\s+(?:(?i:of)\s+)?(?P<am>{_MON})(?:,?\s+(?P<ay>{_YEAR}))?"
    rf"|(?P<bm>{_MON})\s+(?P<b1>{_DAY}){_RANGE_SEP}(?P<b2>{_DAY})(?:,?\s+(?P<by>{_YEAR}))?)"
)

# Numeric dates: ISO "2020-02-27" (also with "/"), and "27/02/2020", "27.02.20", "27-02-2020".
_RE_DATE_ISO = re.compile(r"(?<![\d/.\-])(?P<y>(?:19|20)\d\d)(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/])")
_RE_DATE_NUM = re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<s>[/.\-])(?P<b>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")

# A month, with a year ("March 2020", "in March of 2020") or after a preposition ("in December",
# "since December", "earlier in February", "late March", "mid-March", "at the end of February").
_MONTH_PREP = (r"(?i:in|since|during|by|until|till|through|throughout|from|of|last|this|earlier\s+in|"
               r"later\s+in|early\s+in|late\s+in|at|to|before|after)")
_MONTH_PART = r"(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of)"
_RE_MONTH = re.compile(
    rf"""
    (?<![\w'’-])
    (?:(?P<prep>{_MONTH_PREP})\s+(?:(?i:the)\s+)?)?
    (?:(?P<part>{_MONTH_PART})(?:\s*-\s*|\s+))?
    (?:
        (?P<mon>{_MON}),?\s+(?:(?i:of)\s+)?(?P<year>{_YEAR})
      | (?P<mon2>{_MON_FULL})(?!\s*(?:\d|-\d))
    )
    """,
    re.VERBOSE,
)

# A bare year in a date-like context: "in 2011", "since 2011", "the 2018 deal", "(2019)".
_RE_YEAR = re.compile(
    r"(?<![\w'’-])(?:(?P<prep>(?i:in|since|by|until|till|through|of|from|the|early|late|mid|before|after|during|"
    r"between|and|to|year|circa|c\.))(?:\s+|\s*-\s*))(?P<year>(?:19|20)\d\d)(?![\d,.:/]\d|\d|s\b|-\d)"
)

# Relative expressions; each alternative is a named group (no inner named groups) so that
# m.lastgroup says which rule fired. Order matters where alternatives share a prefix.
_REL_RULES: list[tuple[str, str, str]] = [
    # (group name, kind, pattern)
    ("since_start_unit", "period", r"(?:ever\s+)?since\s+the\s+(?:start|beginning|outset|turn)\s+of\s+(?:the|this)\s+(?:year|month|week)"),
    ("since_start_other", "period", r"(?:ever\s+)?since\s+the\s+(?:start|beginning|outset|outbreak|onset|launch)\s+of\s+(?:the\s+|its\s+|their\s+|a\s+)?[\w-]+(?:\s+(?:war|conflict|offensive|uprising|revolution|crisis|campaign|operation|fighting))?"),
    ("so_far_unit", "period", r"(?:so\s+far|thus\s+far|until\s+now|to\s+date)\s+(?:this|in\s+(?:the|this)|in)\s+(?:year|month|week)"),
    ("earlier_unit", "point", r"earlier\s+(?:this|in\s+the)\s+(?:week|month|year)"),
    ("later_unit", "future", r"later\s+(?:this|in\s+the)\s+(?:week|month|year)"),
    ("this_weekend", "point", r"(?:over|during|at|on|in)\s+the\s+(?:past\s+)?weekend|(?:(?:over|during|on|at)\s+)?(?:this|last|the\s+past|this\s+past)\s+weekend"),
    # "in the past 48 hours", "the past week", "the last 24 hours", "over the last week"; not "last week"
    ("past_unit", "period", r"(?:(?:in|over|during|within|for)\s+)?(?:the\s+|this\s+)?(?:past|preceding)\s+(?:" + _NUM + r"\s+)?" + _UNITS
     + r"|(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?(?:last|previous)\s+" + _NUM + r"\s+" + _UNITS
     + r"|(?:in|over|during|within|for)\s+the\s+(?:last|previous)\s+" + _UNITS),
    ("this_unit", "period", r"(?:(?:so\s+far|thus\s+far)\s+)?this\s+(?:week|month|year)(?:\s+(?:so\s+far|alone))?"),
    ("last_unit", "point", r"(?:last|the\s+previous|the\s+preceding)\s+(?:week|month|year)"),
    ("next_unit", "future", r"(?:next|the\s+coming|the\s+following)\s+(?:week|month|year|days|weeks|months)"),
    ("ago", "point", r"(?:about\s+|some\s+|nearly\s+|almost\s+)?" + _NUM + r"\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|previously)"),
    ("recent", "period", r"(?:in|over|during)\s+(?:the\s+)?recent\s+(?:days|weeks|months|years)|(?:the\s+)?recent\s+(?:days|weeks|months)"),
    ("recently", "period", r"recently|lately"),
    ("day_before_yesterday", "point", r"the\s+day\s+before\s+yesterday"),
    ("previous_day", "point", r"the\s+(?:previous|preceding)\s+(?:day|night|evening)|the\s+day\s+before|a\s+day\s+(?:earlier|before)|the\s+night\s+before"),
    ("last_night", "point", r"last\s+night|overnight"),
    ("yesterday", "point", r"(?:early\s+|late\s+)?yesterday(?:\s+(?:morning|afternoon|evening|night))?"),
    ("tomorrow", "future", r"tomorrow(?:\s+(?:morning|afternoon|evening|night))?|later\s+today|later\s+tonight"),
    ("today", "point", r"(?:earlier\s+|early\s+|late\s+)?today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+in\s+the\s+day"),
    ("so_far", "period", r"so\s+far|thus\s+far|to\s+date"),
]
_RE_REL = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{name}>{pat})" for name, _, pat in _REL_RULES) + r")(?![\w-])",
    re.IGNORECASE,
)
_REL_KIND = {name: kind for name, kind, _ in _REL_RULES}

_RE_SINCE_BEFORE = re.compile(r"(?i:(?:ever\s+)?since)\s+$")
_RE_NUM_IN = re.compile(r"\b(?:\d+|" + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _NUMBER_WORDS), key=len, reverse=True)) + r")\b", re.IGNORECASE)
_RE_UNIT_IN = re.compile(r"(hour|day|week|month|year)s?", re.IGNORECASE)
# "USA Today", "Russia Today": an outlet's name, not a date.
_RE_OUTLET_TODAY = re.compile(r"[A-Z][\w.]*\s+$")


# --------------------------------------------------------------------------------------------
# Finding
# --------------------------------------------------------------------------------------------

def _month_of(name: str) -> int:
    return _MONTH_NUM[name.rstrip(".").lower()]


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y if y else 2000, m)[1]


def _named_date(m: re.Match) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from a match of _DATE_NAMED groups, or None if impossible."""
    if m.group("m1"):
        mon, day, year = m.group("m1"), m.group("d1"), m.group("y1")
    elif m.group("m2"):
        mon, day, year = m.group("m2"), m.group("d2"), m.group("y2")
    else:
        return None
    month = _month_of(mon)
    d = int(day.rstrip("stndrh"))
    y = int(year) if year else None
    # Year-less February 29 is kept (checked against a leap year); the resolver picks a leap year.
    if not _valid(y or 2000, month, d):
        return None
    return y, month, d


def _day_range(m: re.Match) -> tuple | None:
    """("range", year or None, month, first day, last day) of a _RE_DAY_RANGE match, or None."""
    mon = _month_of(m.group("am") or m.group("bm"))
    d1, d2 = (int((m.group(k) or "").rstrip("stndrh") or 0) for k in (("a1", "a2") if m.group("am") else ("b1", "b2")))
    year = m.group("ay") or m.group("by")
    y = int(year) if year else None
    if not (d1 < d2 and _valid(y or 2000, mon, d1) and _valid(y or 2000, mon, d2)):
        return None
    return ("range", y, mon, d1, d2)


# Speed: Python's re tries every alternative of a pattern with optional prefixes at every position of
# the text, which is slow over whole documents. So each word-based pattern is tried only anchored at
# the few token starts just before a cheap literal trigger (a weekday name for the weekday pattern, a
# month name for the date and month patterns, a year-like number, a relative word). How many tokens
# back is the longest prefix the pattern allows ("in the early hours of Monday": 5 tokens before it).
_RE_TOKEN = re.compile(r"\w+")
_RE_TRIG_WEEKDAY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\b(?:mon|tues?|wed|thu|thurs?|fri|sat|sun)\b")
_RE_TRIG_MONTH = re.compile(_MON)
_RE_TRIG_YEAR = re.compile(r"(?:19|20)\d\d")
_RE_TRIG_REL = re.compile(r"day|night|week|month|year|hour|tomorrow|recent|lately|so far|thus far|to date|since")
_BACK_WEEKDAY, _BACK_MONTH, _BACK_YEAR, _BACK_REL = 6, 5, 2, 6


def _anchored(regex: re.Pattern, text: str, starts: list[int], triggers, back: int):
    """Matches of `regex` anchored at the token starts up to `back` tokens before each trigger."""
    seen: set[int] = set()
    for m in triggers:
        i = bisect.bisect_right(starts, m.start()) - 1
        for st in starts[max(0, i - back): i + 1]:
            if st in seen:
                continue
            seen.add(st)
            hit = regex.match(text, st)
            if hit:
                yield hit


def _candidates(text: str):
    """Yield (start, end, kind, spec, priority). Lower priority wins among equal-length overlaps."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few Unicode letters change length in lower(); keep offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    starts = [m.start() for m in _RE_TOKEN.finditer(text)]
    months = list(_RE_TRIG_MONTH.finditer(text))
    yield from _weekday_candidates(text, lowered, starts)
    yield from _named_date_candidates(text, starts, months)
    yield from _numeric_date_candidates(text)
    yield from _month_candidates(text, starts, months)
    yield from _year_candidates(text, starts)
    yield from _relative_candidates(text, lowered, starts)


def _weekday_candidates(text: str, lowered: str, starts: list[int]):
    """ "on Friday", "Tuesday's", "Thursday (February 27th)", "Monday night into Tuesday"."""
    for m in _anchored(_RE_WEEKDAY, text, starts, _RE_TRIG_WEEKDAY.finditer(lowered), _BACK_WEEKDAY):
        if m.group("wd"):
            wd = _WEEKDAY_NUM[m.group("wd").lower()]
        else:
            wd = _WEEKDAY_ABBR[m.group("wda").rstrip(".").lower()]
        date = _named_date(m)
        if date is not None:
            y, mon, d = date
            yield m.start(), m.end(), "point", ("date", y, mon, d, wd, None), 0
            continue
        if m.group("wda"):
            continue  # an abbreviation counts only with its date
        rel = (m.group("rel") or "").lower() or None
        wd2 = _WEEKDAY_NUM[m.group("wd2").lower()] if m.group("wd2") else None
        # the match may have run into a date that did not validate: cut back to the weekday part
        end = m.end()
        if m.group("m1") or m.group("m2"):
            end = max(x for x in (m.end("wd"), m.end("poss") if m.group("poss") else -1,
                                  m.end("part2") if m.group("part2") else -1,
                                  m.end("wd2") if m.group("wd2") else -1) if x is not None)
        kind = "future" if rel in ("next", "coming") else "point"
        yield m.start(), end, kind, ("wd", wd, rel, wd2), 1


def _named_date_candidates(text: str, starts: list[int], months: list):
    """ "on 27 February", "March 3, 2020", "between 4-6 July"."""
    for m in _anchored(_RE_DATE_NAMED, text, starts, months, _BACK_MONTH):
        date = _named_date(m)
        if date is None:
            continue
        y, mon, d = date
        yield m.start(), m.end(), "point", ("date", y, mon, d, None, None), 1
    for m in _anchored(_RE_DAY_RANGE, text, starts, months, _BACK_MONTH):
        span = _day_range(m)
        if span is not None:
            yield m.start(), m.end(), "point", span, 0


def _numeric_date_candidates(text: str):
    """ "2020-02-27", "27/02/2020" (day first, unless only month first is a date)."""
    for m in _RE_DATE_ISO.finditer(text):
        y, mon, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid(y, mon, d):
            yield m.start(), m.end(), "point", ("date", y, mon, d, None, None), 0
    for m in _RE_DATE_NUM.finditer(text):
        a, b, ytxt = int(m.group("a")), int(m.group("b")), m.group("y")
        if len(ytxt) == 2 and m.group("s") == ".":
            continue  # "3.5.20" is more often a version or a score than a date
        y = int(ytxt) if len(ytxt) == 4 else 2000 + int(ytxt)
        if _valid(y, b, a):  # day-first, the default (also for ambiguous 03/04/2020)
            yield m.start(), m.end(), "point", ("date", y, b, a, None, None), 0
        elif _valid(y, a, b):  # month-first only when day-first is impossible (02/27/2020)
            yield m.start(), m.end(), "point", ("date", y, a, b, None, None), 0


def _month_candidates(text: str, starts: list[int], months: list):
    """ "in March 2020", "early last month", "since February", "late March"."""
    for m in _anchored(_RE_MONTH, text, starts, months, _BACK_MONTH):
        prep = (m.group("prep") or "").lower()
        part = (m.group("part") or "").lower()
        if m.group("mon"):
            mon, year = _month_of(m.group("mon")), int(m.group("year"))
        else:
            if not prep and not part:
                continue
            mon, year = _month_of(m.group("mon2")), None
        prep = " ".join(prep.split())
        part = " ".join(part.split()).removeprefix("the ")
        start = m.start()
        if prep in ("of", "at", "to", "before", "after", "from") and not part:
            start = m.start("mon") if m.group("mon") else m.start("mon2")  # keep the month, not the word
        if prep == "since":
            yield start, m.end(), "period", ("since", ("month", year, mon, part or None)), 1
            continue
        part = next((p for p in ("earlier", "later", "early", "late") if prep.startswith(p)), part)
        yield start, m.end(), "point", ("month", year, mon, part or None), 2


def _year_candidates(text: str, starts: list[int]):
    """ "in 2019", "since 2015"."""
    for m in _anchored(_RE_YEAR, text, starts, _RE_TRIG_YEAR.finditer(text), _BACK_YEAR):
        prep = m.group("prep").lower()
        year = int(m.group("year"))
        start = m.start() if prep in ("in", "since", "during", "by", "until", "till", "through",
                                      "early", "late", "mid", "circa", "c.") else m.start("year")
        if prep == "since":
            yield start, m.end(), "period", ("since", ("year", year)), 3
        else:
            yield start, m.end(), "year", ("year", year), 3


def _relative_candidates(text: str, lowered: str, starts: list[int]):
    """ "yesterday", "last week", "two days ago", "so far this year" (an outlet's name "... Today" is
    not a date)."""
    for m in _anchored(_RE_REL, text, starts, _RE_TRIG_REL.finditer(lowered), _BACK_REL):
        name = m.lastgroup
        if name == "today" and m.group(0)[0] == "T" and m.group(0).startswith("Today"):
            before = text[max(0, m.start() - 30):m.start()]
            if _RE_OUTLET_TODAY.search(before) and not before.rstrip().endswith((".", "!", "?", ":", "\n")):
                continue
        yield m.start(), m.end(), _REL_KIND[name], ("rel", name, m.group(0).lower()), 2


def _select(text: str) -> list[tuple[int, int, str, tuple]]:
    """Longest non-overlapping candidates, in text order, with a preceding "since" folded in."""
    cands = sorted(set(_candidates(text)), key=lambda c: (-(c[1] - c[0]), c[4], c[0]))
    taken: list[tuple[int, int, str, tuple]] = []
    used = bytearray(len(text))
    for start, end, kind, spec, _ in cands:
        if any(used[start:end]):
            continue
        used[start:end] = b"\x01" * (end - start)
        taken.append((start, end, kind, spec))
    taken.sort()
    out = []
    for start, end, kind, spec in taken:
        if kind in ("point", "year") and spec[0] != "since":
            m = _RE_SINCE_BEFORE.search(text, max(0, start - 16), start)
            if m and not any(used[m.start():start]):
                start, kind, spec = m.start(), "period", ("since", spec)
        out.append((start, end, kind, spec))
    return out


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Time expressions in `text` (a sentence or a whole document), offsets into `text`."""
    if not text:
        return []
    return [TimeExpr(s, e, text[s:e], kind) for s, e, kind, _ in _select(text)]


@functools.lru_cache(maxsize=8192)
def _parse_one(text: str) -> tuple[str, tuple] | None:
    """(kind, spec) of the longest time expression in `text`, or None."""
    found = _select(text)
    if not found:
        return None
    _, _, kind, spec = max(found, key=lambda f: f[1] - f[0])
    return kind, spec


# --------------------------------------------------------------------------------------------
# Resolving
# --------------------------------------------------------------------------------------------

_ONE = dt.timedelta(days=1)


def _span_precision(start: dt.date, end: dt.date) -> int:
    days = (end - start).days
    return DAY if days <= 1 else WEEK if days <= 7 else MONTH


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _weekday_on_or_before(wd: int, p: dt.date) -> dt.date:
    return p - dt.timedelta(days=(p.weekday() - wd) % 7)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _date_without_year(mon: int, d: int, wd: int | None, p: dt.date) -> dt.date | None:
    cands = [c for c in (_safe_date(y, mon, d) for y in range(p.year + 1, p.year - 5, -1)) if c]
    ok = [c for c in cands if c <= p + _FUTURE_TOLERANCE]
    if not ok:
        return None
    best = ok[0]
    if wd is not None and best.weekday() != wd:
        for c in cands:
            if c.weekday() == wd and abs(c - p) <= _WEEKDAY_YEAR_SWITCH:
                return c
    return best


def _month_interval(year: int | None, mon: int, part: str | None, p: dt.date) -> tuple[dt.date, dt.date] | None:
    if year is None:
        year = p.year if mon <= p.month else p.year - 1
    first, last = dt.date(year, mon, 1), _month_end(year, mon)
    if part in ("early", "beginning of", "start of"):
        last = dt.date(year, mon, 10)
    elif part in ("mid", "middle of"):
        first, last = dt.date(year, mon, 11), dt.date(year, mon, 20)
    elif part in ("late", "end of"):
        first = dt.date(year, mon, 21)
    elif part == "earlier":
        last = min(last, max(first, p - _ONE))
    if first > p:
        return first, last  # a future month ("in March 2031"): left as stated
    return first, min(last, p)


def _count(phrase: str) -> int:
    m = _RE_NUM_IN.search(phrase)
    if not m:
        return 1
    tok = " ".join(m.group(0).lower().split())
    return int(tok) if tok.isdigit() else _NUMBER_WORDS.get(tok, 1)


def _unit(phrase: str) -> str:
    m = None
    for m in _RE_UNIT_IN.finditer(phrase):
        pass
    return m.group(1).lower() if m else "day"


def _back(p: dt.date, n: int, unit: str) -> dt.date:
    if unit == "hour":
        return p - dt.timedelta(days=max(1, -(-n // 24)))
    if unit == "day":
        return p - dt.timedelta(days=n)
    if unit == "week":
        return p - dt.timedelta(weeks=n)
    if unit == "month":
        y, m = _add_months(p.year, p.month, -n)
        return dt.date(y, m, min(p.day, calendar.monthrange(y, m)[1]))
    y = p.year - n
    return dt.date(y, p.month, min(p.day, calendar.monthrange(y, p.month)[1]))


def _unit_of_period(phrase: str) -> str:
    return "week" if "week" in phrase else "month" if "month" in phrase else "year"


_UNIT_PERIODS = ("earlier_unit", "this_unit", "so_far_unit", "since_start_unit", "later_unit", "last_unit",
                 "next_unit")


def _unit_period_interval(name: str, phrase: str, p: dt.date, monday: dt.date) -> tuple[dt.date, dt.date, int]:
    """ "earlier this week", "this month", "so far this year", "later this month", "last week", "next
    month", "in the coming days": a week, month or year relative to the published day p."""
    unit = _unit_of_period(phrase)
    if name in ("earlier_unit", "this_unit", "so_far_unit", "since_start_unit", "later_unit"):
        first = monday if unit == "week" else dt.date(p.year, p.month, 1) if unit == "month" else dt.date(p.year, 1, 1)
        prec = WEEK if unit == "week" else MONTH
        if name == "earlier_unit":
            return first, max(first, p - _ONE), prec
        if name == "later_unit":
            last = first + dt.timedelta(days=6) if unit == "week" else (
                _month_end(p.year, p.month) if unit == "month" else dt.date(p.year, 12, 31))
            return min(p + _ONE, last), last, prec
        return first, p, prec
    if name == "last_unit":
        if unit == "week":
            return monday - dt.timedelta(days=7), monday - _ONE, WEEK
        if unit == "month":
            y, m = _add_months(p.year, p.month, -1)
            return dt.date(y, m, 1), _month_end(y, m), MONTH
        return dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31), MONTH
    if phrase.endswith(("days", "weeks", "months")):
        n = {"days": 7, "weeks": 28, "months": 90}[phrase.split()[-1]]
        return p + _ONE, p + dt.timedelta(days=n), MONTH if n > 7 else WEEK
    if unit == "week":
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), WEEK
    if unit == "month":
        y, m = _add_months(p.year, p.month, 1)
        return dt.date(y, m, 1), _month_end(y, m), MONTH
    return dt.date(p.year + 1, 1, 1), dt.date(p.year + 1, 12, 31), MONTH


def _rel_interval(name: str, phrase: str, p: dt.date) -> tuple[dt.date, dt.date, int] | None:
    monday = p - dt.timedelta(days=p.weekday())
    if name in ("yesterday", "previous_day"):
        return p - _ONE, p - _ONE, DAY
    if name == "day_before_yesterday":
        return p - 2 * _ONE, p - 2 * _ONE, DAY
    if name == "today":
        return p, p, DAY
    if name == "tomorrow":
        d = p + _ONE if phrase.startswith("tomorrow") else p
        return d, d, DAY
    if name == "last_night":
        return p - _ONE, p, DAY
    if name in _UNIT_PERIODS:
        return _unit_period_interval(name, phrase, p, monday)
    if name == "this_weekend":
        sat = _weekday_on_or_before(5, p)
        if "last" in phrase and p.weekday() >= 5:
            sat -= dt.timedelta(days=7)  # "last weekend" said on a weekend: the one before
        return sat, min(sat + _ONE, p), WEEK
    if name == "past_unit":
        unit = _unit(phrase)
        start = _back(p, _count(phrase), unit)
        return start, p, _span_precision(start, p)
    if name == "ago":
        unit = _unit(phrase)
        d = _back(p, _count(phrase), unit)
        prec = DAY if unit in ("hour", "day") else WEEK if unit == "week" else MONTH
        return d, d, prec
    if name == "recent":
        n = 7 if "days" in phrase else 28 if "weeks" in phrase else 90 if "months" in phrase else 365
        return p - dt.timedelta(days=n), p, WEEK if n <= 7 else MONTH
    if name == "recently":
        return p - dt.timedelta(days=30), p, MONTH
    return None  # "so far", "since the start of the war": a period with no anchor


def _interval(spec: tuple, p: dt.date) -> tuple[dt.date, dt.date, int] | None:
    tag = spec[0]
    if tag == "date":
        _, y, mon, d, wd, _part = spec
        day = _safe_date(y, mon, d) if y else _date_without_year(mon, d, wd, p)
        return (day, day, DAY) if day else None
    if tag == "range":
        # coded on the first day, at the precision of the span (ACLED codes a span's first day)
        _, y, mon, d1, d2 = spec
        last = _safe_date(y, mon, d2) if y else _date_without_year(mon, d2, None, p)
        if last is None:
            return None
        first = last - dt.timedelta(days=d2 - d1)
        return first, first, _span_precision(first, last)
    if tag == "wd":
        _, wd, rel, wd2 = spec
        if rel in ("next", "coming"):
            day = p + dt.timedelta(days=(wd - p.weekday()) % 7 or 7)
        elif rel in ("last", "past", "previous"):
            day = p - dt.timedelta(days=(p.weekday() - wd) % 7 or 7)
        else:
            day = _weekday_on_or_before(wd, p)
        if wd2 is None:
            return day, day, DAY
        end = day + dt.timedelta(days=(wd2 - wd) % 7)
        if end > p >= day:
            end = p
        return day, end, _span_precision(day, end)
    if tag == "month":
        _, y, mon, part = spec
        iv = _month_interval(y, mon, part, p)
        return (iv[0], iv[1], MONTH) if iv else None
    if tag == "year":
        return None  # a bare year is never an incident date (see "since" for periods)
    if tag == "rel":
        return _rel_interval(spec[1], " ".join(spec[2].split()), p)
    if tag == "since":
        inner = spec[1]
        if inner[0] == "year":
            start = dt.date(inner[1], 1, 1)
        else:
            iv = _interval(inner, p)
            if iv is None:
                return None
            start = iv[0]
        if start > p:
            # "since December" with December after P cannot be: take the year before
            if inner[0] == "month" and inner[1] is None:
                start = start.replace(year=start.year - 1)
            else:
                return None
        return start, p, _span_precision(start, p)
    return None


_RE_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _dateparser_fallback(text: str, p: dt.date) -> dt.date | None:
    """Last resort for an explicit full date the rules do not read (another language, odd layout).
    Only strings that carry a year: dateparser's relative-date handling is not what we want."""
    if not _RE_HAS_YEAR.search(text):
        return None
    import warnings

    import dateparser  # imported lazily: it is slow to import and rarely needed

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = dateparser.parse(
            text,
            settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                      "RELATIVE_BASE": dt.datetime(p.year, p.month, p.day)},
        )
    return got.date() if got else None


def resolve_time(expr: str | TimeExpr, published: dt.date) -> TimeInterval | None:
    """The interval an expression denotes, anchored on `published`; None if it has no anchor
    ("since the start of the war", a bare year) or is not a time expression."""
    if isinstance(published, dt.datetime):
        published = published.date()
    text = expr.text if isinstance(expr, TimeExpr) else expr
    text = text.strip()
    if not text:
        return None
    parsed = _parse_one(text)
    if parsed is None:
        day = _dateparser_fallback(text, published)
        return TimeInterval(day, day, DAY, "expression", text) if day else None
    _, spec = parsed
    iv = _interval(spec, published)
    if iv is None:
        return None
    start, end, precision = iv
    return TimeInterval(start=start, end=end, precision=precision, anchor="expression", text=text)


# --------------------------------------------------------------------------------------------
# Publication date from the text
# --------------------------------------------------------------------------------------------

_RE_LABEL = re.compile(
    r"(?i:(?P<label>first\s+published|published|posted|last\s+updated|updated|date|issued|released)"
    r"(?:\s+on)?\s*[:\-–]?\s*)$"
)
_RE_DATELINE_AFTER = re.compile(r"^\s*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\s*)?(?:\([^()\n]{1,40}\)\s*)?[-–—|:]")
_RE_DATELINE_BEFORE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?,\s*$")
_RE_EVENT_PREP = re.compile(r"(?i:\b(?:on|since|in|until|by|from|before|after|of))\s+$")
_RE_EVENT_PREP_IN = re.compile(r"(?i:on|late\s+on|early\s+on|since)\s")

# The header: the title, and the top of the text (a byline, a date line, a dateline paragraph).
_HEADER_LINES = 15
_HEADER_CHARS = 1500


def _full_dates(text: str):
    """(start, end, date, weekday or None) for every date with a year in `text`."""
    for s, e, kind, spec in _select(text):
        if kind == "point" and spec[0] == "date" and spec[1]:
            day = _safe_date(spec[1], spec[2], spec[3])
            if day:
                yield s, e, day, spec[4]


def _header_date(block: str, today: dt.date) -> dt.date | None:
    """A date with a year standing in a header position: labelled ("Published: ..."), alone on its
    line ("04 March, 2020"), or in a dateline ("NAIROBI, March 3, 2020 (Reuters) -")."""
    best: tuple[int, dt.date] | None = None
    for s, e, day, _wd in _full_dates(block):
        if day > today or day.year < 1990:
            continue
        before = block[max(0, s - 40):s]
        line_start = block.rfind("\n", 0, s) + 1
        line_end = block.find("\n", e)
        line_end = len(block) if line_end < 0 else line_end
        line = block[line_start:line_end]
        lab = _RE_LABEL.search(before)
        if lab:
            rank = 1 if "updat" in lab.group("label").lower() else 0  # prefer "published" to "updated"
        elif _RE_EVENT_PREP.search(before) or _RE_EVENT_PREP_IN.match(block, s):
            continue  # "on March 3, 2020, gunmen attacked": an event date, not the header's
        elif len(line.strip()) <= 60 and len(line.strip()) - (e - s) <= 35:
            rank = 2  # a short line that is mostly the date (a byline/date line)
        elif _RE_DATELINE_AFTER.match(block, e) or _RE_DATELINE_BEFORE.search(block[:s]):
            rank = 2
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, day)
    return best[1] if best else None


def _weekday_pairs(text: str):
    """(month, day, weekday) for every weekday-date pair without a year."""
    for m in _RE_WEEKDAY.finditer(text):
        date = _named_date(m)
        if date is None or date[0] is not None:
            continue
        wd = _WEEKDAY_NUM[m.group("wd").lower()] if m.group("wd") else _WEEKDAY_ABBR[m.group("wda").rstrip(".").lower()]
        yield date[1], date[2], wd


def infer_published(text: str, title: str | None = None, *, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """The published date of a document without metadata, and how it was found.

    Cascade:
    1. a full date with a year in the header (title, first lines): labelled, on a line of its own,
       or in a dateline -> (date, "text");
    2. otherwise the evidence in the body, each giving a date the report cannot precede (a report is
       published on or after the events it reports): full dates with a year, and weekday-date pairs
       without a year ("Thursday (February 27th)"), each dated in the year (at most 15 back, not after
       `today`) in which the weekday agrees with the date, the year agreeing with most pairs, the most
       recent on ties. The latest of these dates is the estimate -> (date, "inferred");
    3. no evidence -> (None, None). Never today's date as a guess.
    """
    today = today or dt.date.today()
    text = text or ""
    lines = text.split("\n")
    header = "\n".join(lines[:_HEADER_LINES])[:_HEADER_CHARS]
    if title:
        header = title + "\n" + header
    day = _header_date(header, today)
    if day:
        return day, "text"

    whole = (title + "\n" if title else "") + text
    evidence: list[dt.date] = [d for _, _, d, _ in _full_dates(whole) if dt.date(1990, 1, 1) <= d <= today]
    pairs = list(_weekday_pairs(whole))
    if pairs:
        years = range(today.year, today.year - _INFER_YEARS_BACK - 1, -1)
        votes = []
        for y in years:
            agree = [_safe_date(y, mon, d) for mon, d, wd in pairs]
            agree = [c for c, (_, _, wd) in zip(agree, pairs) if c and c <= today and c.weekday() == wd]
            votes.append((len(agree), y, agree))
        n, _, agree = max(votes, key=lambda v: (v[0], v[1]))
        if n:
            evidence += agree
    if evidence:
        return max(evidence), "inferred"
    return None, None
