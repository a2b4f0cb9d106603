"""Time expressions: finding them, resolving them against the published date, inferring that date."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strife.models import DAY, MONTH, WEEK
from strife.resolve.timex import TimeExpr, find_time_expressions, infer_published, resolve_time

D = dt.date
WED_0304 = D(2020, 3, 4)  # Wednesday
FRI_0221 = D(2020, 2, 21)  # Friday
THU_0227 = D(2020, 2, 27)  # Thursday
SUN_0301 = D(2020, 3, 1)  # Sunday
SAT_0222 = D(2020, 2, 22)  # Saturday
FRI_0103 = D(2020, 1, 3)  # Friday, just after a year boundary
MON_0302 = D(2020, 3, 2)  # Monday

RESOLVE_CASES = [
    # bare weekdays: the most recent such day on or before publication
    ("on Friday", FRI_0221, D(2020, 2, 21), D(2020, 2, 21), DAY),
    ("On Thursday", FRI_0221, D(2020, 2, 20), D(2020, 2, 20), DAY),
    ("on Saturday", SUN_0301, D(2020, 2, 29), D(2020, 2, 29), DAY),
    ("on Sunday", SUN_0301, D(2020, 3, 1), D(2020, 3, 1), DAY),
    ("Friday's", WED_0304, D(2020, 2, 28), D(2020, 2, 28), DAY),
    ("late Tuesday", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("early Monday", WED_0304, D(2020, 3, 2), D(2020, 3, 2), DAY),
    ("on Tuesday evening", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("Monday night", WED_0304, D(2020, 3, 2), D(2020, 3, 2), DAY),
    ("late on Tuesday", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("on Thursday", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("last Friday", FRI_0221, D(2020, 2, 14), D(2020, 2, 14), DAY),
    ("on the night of Monday to Tuesday", WED_0304, D(2020, 3, 2), D(2020, 3, 3), DAY),
    ("in the early hours of Sunday", WED_0304, D(2020, 3, 1), D(2020, 3, 1), DAY),
    # weekday with date: the date wins
    ("Thursday (February 27th)", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("on Tuesday (March 3)", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("on Tuesday, March 3, 2020", D(2020, 3, 10), D(2020, 3, 3), D(2020, 3, 3), DAY),
    # explicit dates
    ("on 27 February", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("February 27th", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("Feb. 27", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("on the 10th of February", WED_0304, D(2020, 2, 10), D(2020, 2, 10), DAY),
    ("on 30 December", FRI_0103, D(2019, 12, 30), D(2019, 12, 30), DAY),
    ("on March 5", SUN_0301, D(2020, 3, 5), D(2020, 3, 5), DAY),  # scheduled, a few days ahead
    ("on 20 June", WED_0304, D(2019, 6, 20), D(2019, 6, 20), DAY),  # far ahead: last year's
    ("March 3, 2020", D(2021, 1, 1), D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("3 March 2020", D(2021, 1, 1), D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("04 March, 2020", WED_0304, D(2020, 3, 4), D(2020, 3, 4), DAY),
    ("27/02/2020", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("27.02.2020", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    ("02/27/2020", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),  # only month-first is valid
    ("03/04/2020", D(2020, 5, 1), D(2020, 4, 3), D(2020, 4, 3), DAY),  # ambiguous: day-first
    ("2020-02-27", WED_0304, D(2020, 2, 27), D(2020, 2, 27), DAY),
    # days relative to publication
    ("yesterday", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("today", WED_0304, D(2020, 3, 4), D(2020, 3, 4), DAY),
    ("the previous day", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("a day earlier", WED_0304, D(2020, 3, 3), D(2020, 3, 3), DAY),
    ("the day before yesterday", WED_0304, D(2020, 3, 2), D(2020, 3, 2), DAY),
    ("overnight", WED_0304, D(2020, 3, 3), D(2020, 3, 4), DAY),
    ("last night", WED_0304, D(2020, 3, 3), D(2020, 3, 4), DAY),
    ("two days ago", WED_0304, D(2020, 3, 2), D(2020, 3, 2), DAY),
    # weeks
    ("earlier this week", WED_0304, D(2020, 3, 2), D(2020, 3, 3), WEEK),
    ("earlier this week", MON_0302, D(2020, 3, 2), D(2020, 3, 2), WEEK),
    ("last week", WED_0304, D(2020, 2, 24), D(2020, 3, 1), WEEK),
    ("last week", SUN_0301, D(2020, 2, 17), D(2020, 2, 23), WEEK),
    ("this week", WED_0304, D(2020, 3, 2), D(2020, 3, 4), WEEK),
    ("over the weekend", WED_0304, D(2020, 2, 29), D(2020, 3, 1), WEEK),
    ("over the weekend", SAT_0222, D(2020, 2, 22), D(2020, 2, 22), WEEK),
    ("a week ago", WED_0304, D(2020, 2, 26), D(2020, 2, 26), WEEK),
    # months and years
    ("this month", FRI_0221, D(2020, 2, 1), D(2020, 2, 21), MONTH),
    ("earlier this month", THU_0227, D(2020, 2, 1), D(2020, 2, 26), MONTH),
    ("last month", WED_0304, D(2020, 2, 1), D(2020, 2, 29), MONTH),
    ("last month", FRI_0103, D(2019, 12, 1), D(2019, 12, 31), MONTH),
    ("in December", WED_0304, D(2019, 12, 1), D(2019, 12, 31), MONTH),
    ("earlier in February", THU_0227, D(2020, 2, 1), D(2020, 2, 26), MONTH),
    ("late February", WED_0304, D(2020, 2, 21), D(2020, 2, 29), MONTH),
    ("in March 2019", WED_0304, D(2019, 3, 1), D(2019, 3, 31), MONTH),
    ("so far this year", WED_0304, D(2020, 1, 1), D(2020, 3, 4), MONTH),
    ("last year", WED_0304, D(2019, 1, 1), D(2019, 12, 31), MONTH),
    # periods
    ("since December", FRI_0221, D(2019, 12, 1), D(2020, 2, 21), MONTH),
    ("since December", D(2020, 12, 15), D(2020, 12, 1), D(2020, 12, 15), MONTH),
    ("since 2011", WED_0304, D(2011, 1, 1), D(2020, 3, 4), MONTH),
    ("since February 8th", THU_0227, D(2020, 2, 8), D(2020, 2, 27), MONTH),
    ("since Friday", WED_0304, D(2020, 2, 28), D(2020, 3, 4), WEEK),
    ("in the past 48 hours", WED_0304, D(2020, 3, 2), D(2020, 3, 4), WEEK),
    ("in the last 24 hours", WED_0304, D(2020, 3, 3), D(2020, 3, 4), DAY),
    ("over the past two weeks", WED_0304, D(2020, 2, 19), D(2020, 3, 4), MONTH),
    ("in the past few days", WED_0304, D(2020, 3, 1), D(2020, 3, 4), WEEK),
    ("in recent days", WED_0304, D(2020, 2, 26), D(2020, 3, 4), WEEK),
    ("in recent weeks", WED_0304, D(2020, 2, 5), D(2020, 3, 4), MONTH),
    ("recently", WED_0304, D(2020, 2, 3), D(2020, 3, 4), MONTH),
    # future
    ("tomorrow", WED_0304, D(2020, 3, 5), D(2020, 3, 5), DAY),
    ("next week", WED_0304, D(2020, 3, 9), D(2020, 3, 15), WEEK),
    ("next Friday", FRI_0221, D(2020, 2, 28), D(2020, 2, 28), DAY),
]


@pytest.mark.parametrize(("expr", "published", "start", "end", "precision"), RESOLVE_CASES,
                         ids=[f"{c[0]}@{c[1]}" for c in RESOLVE_CASES])
def test_resolve_time(expr, published, start, end, precision):
    got = resolve_time(expr, published)
    assert got is not None, expr
    assert (got.start, got.end, got.precision) == (start, end, precision)
    assert got.anchor == "expression"
    assert got.text == expr


@pytest.mark.parametrize("expr", ["since the start of the war", "so far", "2018", "in 2011",
                                  "3 min read", "", "the convoy"])
def test_resolve_time_without_anchor(expr):
    assert resolve_time(expr, WED_0304) is None


def test_resolve_time_takes_a_time_expr_and_a_datetime():
    text = "Troops were killed late Tuesday in Idlib."
    (expr,) = find_time_expressions(text)
    got = resolve_time(expr, dt.datetime(2020, 3, 4, 18, 30))
    assert (got.start, got.end, got.text) == (D(2020, 3, 3), D(2020, 3, 3), "late Tuesday")


def test_weekday_decides_the_year_near_a_year_boundary():
    # 31 December 2019 was a Tuesday; published in January 2020, the year before is right
    got = resolve_time("on Tuesday (December 31)", FRI_0103)
    assert got.start == D(2019, 12, 31)
    # a mismatching weekday (a typo) does not move a date far from publication
    got = resolve_time("on Monday (February 27)", WED_0304)
    assert got.start == D(2020, 2, 27)


def test_dateparser_fallback_for_other_languages():
    got = resolve_time("3 mars 2020", WED_0304)
    assert got is not None and got.start == D(2020, 3, 3)


def _found(text):
    return [(e.text, e.kind) for e in find_time_expressions(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("At least 20 soldiers were killed on Friday in a missile attack.", [("on Friday", "point")]),
    ("At least 15 Turkish soldiers have been killed in Syria this month.", [("this month", "period")]),
    ("The ministry also said late Tuesday on Twitter that one soldier was killed.", [("late Tuesday", "point")]),
    ("Syrian opposition fighters on Thursday (February 27th) reentered a key town.",
     [("on Thursday (February 27th)", "point")]),
    ("The town was recaptured by rebels on 27 February.", [("on 27 February", "point")]),
    ("24 people had been killed in the past 48 hours.", [("in the past 48 hours", "period")]),
    ("Forced to flee their homes since December, according to UN figures.", [("since December", "period")]),
    ("Regime troops were killed on Tuesday evening when drones bombed a base.", [("on Tuesday evening", "point")]),
    ("34 Turkish soldiers died last week in an air strike.", [("last week", "point")]),
    ("Turkey declared an operation over the weekend.", [("over the weekend", "point")]),
    ("Several soldiers have been killed in recent weeks.", [("in recent weeks", "period")]),
    ("The conflict has killed 500,000 people since it began in 2011.", [("in 2011", "year")]),
    ("The conflict has killed 500,000 people since 2011.", [("since 2011", "period")]),
    ("Friday's attack killed five.", [("Friday's", "point")]),
    ("Shelling overnight killed three.", [("overnight", "point")]),
    ("Clashes erupted on the night of Monday to Tuesday.", [("on the night of Monday to Tuesday", "point")]),
    ("Erdogan will hold talks on March 5 or March 6.", [("on March 5", "point"), ("March 6", "point")]),
    ("Putin will speak later today.", [("later today", "future")]),
    ("Losses so far this year exceed 300.", [("so far this year", "period")]),
    ("Nothing since the start of the war compares.", [("since the start of the war", "period")]),
    ("NAIROBI, March 3, 2020 (Reuters) - Gunmen killed 12.", [("March 3, 2020", "point")]),
    ("Published: 2020-03-04", [("2020-03-04", "point")]),
    ("Dated 27/02/2020.", [("27/02/2020", "point")]),
    ("A day earlier, two soldiers were killed.", [("A day earlier", "point")]),
    ("Fighting resumed earlier this week.", [("earlier this week", "point")]),
])
def test_find_time_expressions_kinds(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "3 min read",
    "Russian Su-24 bombers struck the militants.",
    "Turkey has 12 observation posts in Idlib.",
    "The M5 highway and the M4 highway were cut.",
    "They may 5 times refuse.",
    "Theresa May said it would march on.",
    "USA Today reported the figure.",
    "UN Resolution 2254 calls for a ceasefire.",
    "About 2,000 fighters and 1.2.3 more; the 1990s.",
    "The Sunday Times reported 24 hours of fighting.",
    "He spoke at 10:30 to 300 people.",
])
def test_find_time_expressions_no_false_hits(text):
    assert [e for e in find_time_expressions(text) if e.kind != "year"] == []


def test_a_year_mention_is_not_an_incident_date():
    found = find_time_expressions("Turkey and Russia agreed the 2018 deal in Sochi.")
    assert [(e.text, e.kind) for e in found] == [("2018", "year")]
    assert resolve_time(found[0], WED_0304) is None


def test_offsets_index_the_text():
    text = ("(Zaman Al Wasl)- At least 20 Syrian regime soldiers were killed on Friday in a missile attack.\n"
            "On Thursday, the National Army shelled regime forces.\n"
            "At least 15 Turkish soldiers have been killed this month; the UN said Friday that 900,000 "
            "have fled since December.")
    found = find_time_expressions(text)
    assert [e.text for e in found] == ["on Friday", "On Thursday", "this month", "Friday", "since December"]
    for e in found:
        assert text[e.start:e.end] == e.text
        assert isinstance(e, TimeExpr)
    assert [e.start for e in found] == sorted(e.start for e in found)


def test_empty_text():
    assert find_time_expressions("") == []
    assert find_time_expressions("No time at all here.") == []


TODAY = D(2026, 1, 1)


@pytest.mark.parametrize(("text", "title", "expected"), [
    ("NAIROBI, March 3, 2020 (Reuters) - Gunmen killed 12 people on Tuesday.", None, (D(2020, 3, 3), "text")),
    ("Title\nBy Staff\nPublished: 2020-03-04 10:22 GMT\nFighters attacked on Tuesday.", None,
     (D(2020, 3, 4), "text")),
    ("Title\nUpdated: 5 March 2020\nPublished: 4 March 2020\nText.", None, (D(2020, 3, 4), "text")),
    ("Syrian regime kills two Turkish soldiers\n3 min read\n04 March, 2020\nTurkey continued to send troops.",
     None, (D(2020, 3, 4), "text")),
    ("Gunmen attacked a market.", "Attack in Kano | 12/03/2021", (D(2021, 3, 12), "text")),
])
def test_infer_published_from_the_header(text, title, expected):
    assert infer_published(text, title, today=TODAY) == expected


def test_infer_published_from_weekday_date_agreement():
    # 3 March fell on a Tuesday in 2020 and 2015 (and 2026, after "today"): the most recent wins
    text = "Fighters on Tuesday, March 3 took the town; on Monday (March 2) they shelled it."
    assert infer_published(text, today=TODAY) == (D(2020, 3, 3), "inferred")
    # the year that most pairs agree with wins over a more recent year that only one agrees with:
    # Tuesday 3 March (2020, 2015), Saturday 28 February (2015): 2015
    text = "Fighters on Tuesday, March 3 took the town after shelling on Saturday (February 28)."
    assert infer_published(text, today=TODAY) == (D(2015, 3, 3), "inferred")
    # "today" bounds the years: with today in 2019 the 2020 reading is not possible
    text = "Fighters on Tuesday, March 3 took the town."
    assert infer_published(text, today=D(2019, 1, 1)) == (D(2015, 3, 3), "inferred")


def test_infer_published_event_date_in_a_sentence_is_only_a_lower_bound():
    text = "On March 3, 2019, gunmen attacked a village. The attack on 5 March 2019 followed."
    assert infer_published(text, today=TODAY) == (D(2019, 3, 5), "inferred")


@pytest.mark.parametrize("text", ["Gunmen attacked on Friday.", "", "Soldiers were killed last week."])
def test_infer_published_without_evidence(text):
    assert infer_published(text, today=TODAY) == (None, None)


def test_infer_published_never_guesses_today():
    today = dt.date.today()
    assert infer_published("Shelling was reported on Friday and again yesterday.") == (None, None)
    assert infer_published("Talks are due next week.", "Idlib talks") == (None, None)
    # a weekday-date pair that agrees only after today is not taken either
    tomorrow = today + dt.timedelta(days=1)
    day, _ = infer_published(f"On {tomorrow:%A} ({tomorrow:%B} {tomorrow.day}) talks resume.", today=today)
    assert day is None or day < today


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(published=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)),
       weekday=st.sampled_from(range(7)),
       form=st.sampled_from(["on {}", "{}", "late {}", "early {}", "{} night", "{}'s", "on {} evening"]))
def test_weekday_resolves_within_the_week_before_publication(published, weekday, form):
    got = resolve_time(form.format(WEEKDAY_NAMES[weekday]), published)
    assert got is not None and got.start == got.end and got.precision == DAY
    assert 0 <= (published - got.start).days <= 6
    assert got.start.weekday() == weekday


@given(published=st.dates(min_value=D(1990, 3, 1), max_value=D(2099, 10, 31)),
       day=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_day_month_without_year_is_at_most_two_weeks_ahead_and_within_a_year(published, day):
    text = f"on {day.day} {day:%B}"
    got = resolve_time(text, published)
    if got is None:  # 29 February with no leap year in range
        assert (day.month, day.day) == (2, 29)
        return
    assert (got.start.month, got.start.day) == (day.month, day.day)
    # 29 February goes to the most recent leap year, up to four years back
    limit = 4 * 366 if (day.month, day.day) == (2, 29) else 366
    assert -14 <= (published - got.start).days < limit + 14


@given(published=st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)),
       expr=st.sampled_from(["this month", "since December", "in the past 48 hours", "in recent weeks",
                             "so far this year", "earlier this week", "this week", "since 2011", "overnight"]))
def test_periods_end_on_publication_and_start_before(published, expr):
    got = resolve_time(expr, published)
    if got is None:
        return
    assert got.start <= got.end <= published


def test_a_span_of_days_is_dated_on_its_first_day():
    # "4-6 July" read as its last day ("6 July") dates the killings after they began; ACLED codes
    # a span on its first day, at week precision for a span of a few days
    text = "Villagers said the raids, which went on between 12-14 May, left the market empty."
    spans = [te.text for te in find_time_expressions(text)]
    assert spans == ["between 12-14 May"]
    iv = resolve_time(spans[0], D(2020, 5, 20))
    assert (iv.start, iv.end, iv.precision) == (D(2020, 5, 12), D(2020, 5, 12), WEEK)
    iv = resolve_time("May 3-5, 2019", D(2020, 5, 20))
    assert (iv.start, iv.end) == (D(2019, 5, 3), D(2019, 5, 3))
    # a first day after the last is no span ("9 to 8 June"): never dated on the 9th
    assert "from 9 to 8 June" not in [te.text for te in find_time_expressions("It ran from 9 to 8 June.")]
