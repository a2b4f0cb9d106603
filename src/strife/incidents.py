"""incidents: one report's resolved mentions grouped into the incidents the report tells of.

A report is read as its lead incident (its first mention) plus any other incident with its own date,
place or victims. Every other mention attaches to an incident: a sentence that recalls, explains,
reacts, reports a statement or counts (the toll given by an official on a later day, the funerals,
the evacuation of the wounded) adds evidence to the incident it follows, never an event of its own.
Fusion across reports then works on these report incidents (fuse.py): one report incident is one
mention set and becomes (part of) one event.

Rules, in order, for each mention after the first:
1. a mention that says it is another incident ("in a separate attack", "elsewhere", "hours after
   <another happening>") starts one;
2. it joins the latest incident it agrees with: dates that overlap and places compatible (two towns a
   report names are two places, unless one is only "near" the other), where a date or place the sentence does
   not give itself (inherited from the sentence before, or the report's publication day and main
   province) agrees with anything; a mention that would give the incident its first own date or
   place joins it only as the very next sentence (not one opened as the next item of a list:
   "moreover", "on the other hand"), or when the incident is the report's lead told so far with
   neither; a sentence with a town of its own that says no one was harmed ("but no casualties were
   reported") does not join an incident with dead, nor lend it its town;
3. a statement's day is not the incident's day: a figure attributed to a named source, dated later
   than the incident and placed nowhere of its own, is a statement about that incident;
   the same kind of event (fusion's type groups) and the same sides in the same roles;
4. a mention with neither a date nor a place of its own, and no other sides, attaches to the latest
   incident whatever its kind (a consequence, a reaction);
5. otherwise it is an incident of its own.
Then an incident within a day of an earlier one, at its town or in its province, with the same toll
(of two or more) of the same side's dead, is that incident told again (_join_retold).
A short note (a wire brief, a coder's note) is read as one incident of each kind: only rule 1, a
date of its own on another day, or another kind of event makes another.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from .models import Mention, Place

# Words with which a report says it has moved on to a different incident ("in another deadly attack":
# one word may qualify the noun). SAID_SEPARATE: those but "meanwhile", which may also tell the same
# strikes from another source, or a reaction to them.
_INCIDENT_NOUN = r"(?:[a-z]+ )?(?:attack|incident|raid|strike|clash)"
_TOLD_APART = (rf"separately|in a separate|in another {_INCIDENT_NOUN}|elsewhere|"
               rf"in a different|a separate {_INCIDENT_NOUN}|this (?:comes|came) (?:as|after|amid)")
SEPARATE = re.compile(rf"\b({_TOLD_APART}|meanwhile)\b", re.I)
SAID_SEPARATE = re.compile(rf"\b({_TOLD_APART})\b", re.I)
# A clause told as happening some time before or after the sentence's own news.
OTHER_TIME = re.compile(r"\b(?:hours|days|weeks|months|a day|a week|a month|a year|shortly|soon|just|moments)\s+"
                        r"(?:after|before)\b", re.I)
# A "near X" place within this distance of a town another sentence names is one incident's place,
# as fusion across reports allows for "near" places.
SAME_PLACE_KM = 25.0
# How long before a statement the happening it tells of may be: a source reports within days.
STATEMENT_DAYS = dt.timedelta(days=3)


@dataclass
class ReportIncident:
    """The mentions of one incident in one report; the first is the lead."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def lead(self) -> Mention:
        """The mention that best places and dates the incident: its own day-precise date and
        town-precise place first, then the earliest in the report."""
        return min(self.mentions, key=lambda m: (not own_date(m), not own_place(m), m.start))


def own_date(m: Mention) -> bool:
    return m.date is not None and m.date.anchor == "expression"


def own_place(m: Mention) -> bool:
    return bool(m.place_texts) and m.place is not None and (m.place.geo_precision or 3) <= 2


def _dates_agree(inc: ReportIncident, m: Mention) -> bool:
    """Own days overlap, and a statement's day ("the ministry said on Wednesday") falls on or within
    STATEMENT_DAYS after the happening's own day."""
    if _said_on(m):
        return all(_within_statement(x, m) for x in inc.mentions if own_date(x))
    if not own_date(m):
        return True
    if not all(_within_statement(m, x) for x in inc.mentions if _said_on(x)):
        return False
    dated = [x for x in inc.mentions if own_date(x)]
    return not dated or any(x.date.start <= m.date.end and m.date.start <= x.date.end for x in dated)


def _said_on(m: Mention) -> bool:
    return m.date is not None and m.date.anchor == "statement"


def _within_statement(happening: Mention, statement: Mention) -> bool:
    """A statement tells of happenings of its own day or the few days before it."""
    return statement.date.start - STATEMENT_DAYS <= happening.date.start <= statement.date.end


def _km(a: Place, b: Place) -> float:
    from .fuse import km

    return km(a, b)


def _places_agree(inc: ReportIncident, m: Mention) -> bool:
    if m.place is None or (own_place(m) and _placed_by_guess(inc) and _told_as_where(m)):
        return True
    if own_place(m) and any(own_place(x) and x.place.name == m.place.name for x in inc.mentions):
        return True  # a town the incident was already told at (a "near" town beside it stays its own)
    if own_place(m) and _named_in(m.place, inc):
        return True  # "killed in Yangon's Mingaladon township", then "residents of Mingaladon said"
    for x in inc.mentions:
        if x.place is None or (x.place.country_code and m.place.country_code
                               and x.place.country_code != m.place.country_code):
            continue
        if not (own_place(x) and own_place(m)):
            if x.place.admin1 and m.place.admin1 and x.place.admin1 != m.place.admin1 and (
                    own_place(m) or (m.place_texts and own_place(x))):
                # a town in another province; or another province named, where the incident has a town
                # ("in the eastern countryside of Hama", after a landmine "near Khanasir in Aleppo")
                return False
            continue
        if x.place.admin1 and m.place.admin1 and x.place.admin1 != m.place.admin1:
            return False  # two places in two provinces, however close ("a mountain in Latakia", "a town in Hama")
        near = 2 in (x.place.geo_precision, m.place.geo_precision) and x.start != m.start
        if x.place.name != m.place.name and not (near and None not in (x.place.latitude, m.place.latitude)
                                                 and _km(x.place, m.place) <= SAME_PLACE_KM):
            return False  # two towns named ("bombed Binnish and Sarmin") are two incidents
    return True


def _placed_by_guess(inc: ReportIncident) -> bool:
    """ "Authorities executed four men, the movement said ... The execution was witnessed by crowds in the
    town of Mopti": none of the incident's sentences names a place (its place is the report's main
    province, or a sentence's before it), so a town told for it is where it was, not another incident."""
    return not any(x.place_texts for x in inc.mentions)


def _told_as_where(m: Mention) -> bool:
    """The sentence names its town after a locative word ("in the town of Mopti", "near Gao"), not in
    a list of names or a quote ("Mopti, Kayes and Segou traders ...")."""
    from .places import _LOCATIVE

    s = m.sentence or ""
    i = s.find(m.place_texts[0]) if m.place_texts else -1
    return i > 0 and bool(_LOCATIVE.search(s[max(0, i - 40):i]))


def _named_in(place: Place, inc: ReportIncident) -> bool:
    """The place is one the incident's own sentences named, though they were placed elsewhere (at the
    city of "Yangon's Mingaladon township")."""
    names = {place.name.casefold(), (place.told or place.name).casefold()}
    return any(t.casefold() in names for x in inc.mentions if own_place(x) for t in x.place_texts)


def _adds_anchor(inc: ReportIncident, m: Mention) -> bool:
    """The mention gives a date or a place the incident has not had from any of its sentences."""
    return (own_date(m) and not any(own_date(x) for x in inc.mentions)) or \
        (own_place(m) and not any(own_place(x) for x in inc.mentions))


def _open_lead(incidents: list[ReportIncident], inc: ReportIncident, m: Mention) -> bool:
    """The report's lead told so far with no day of its own (a headline, a summary lead): the first
    sentence that dates the same victims' happening tells the lead's details."""
    return inc is incidents[0] and not any(own_date(x) for x in inc.mentions) and _same_victims(inc.lead, m)


def _same_victims(lead: Mention, m: Mention) -> bool:
    """The lead's victims, when it names them, are the mention's too: its target's side, or a toll
    of the same side ("regime kills two Turkish soldiers as airstrikes continue" is not told in
    "regime planes bombed Binnish", which names no victims)."""
    from .fuse import _side, _unknown

    if _unknown(lead.actor2) and not lead.quantities:
        return True
    if not _unknown(lead.actor2) and not _unknown(m.actor2) and _side(lead.actor2) == _side(m.actor2):
        return True
    theirs = {q.victim_side for q in lead.quantities if q.figure == "fatalities"}
    return any(q.figure == "fatalities" and q.victim_side in theirs for q in m.quantities)


# A sentence opened with these adds another item to a list of happenings (not "also": "Also killed
# was a teacher" tells more of the same incident).
MOVES_ON = re.compile(r"^\W*(?:moreover|furthermore|additionally|on the other hand)\b", re.I)


def _moves_on(m: Mention) -> bool:
    """ "Moreover, three civilians were wounded by mortar fire on Tessit": a sentence opened as the
    next item of a list tells another happening, so it does not give the incident before it its
    first place or day as the very next sentence would."""
    return bool(MOVES_ON.search(m.sentence or ""))


def _next_to(inc: ReportIncident, m: Mention) -> bool:
    return any(0 <= m.start - x.end <= 2 or x.start == m.start for x in inc.mentions)


def _told_as_other(m: Mention) -> bool:
    """ "... hours after Turkey shot down two warplanes": the trigger sits in a clause that places
    its happening before or after the one the sentence is about."""
    rel = m.trigger_start - m.start
    return any(c.end() <= rel for c in OTHER_TIME.finditer(m.sentence or "")) or bool(SEPARATE.search(m.sentence or ""))


def _a_meanwhile_reaction(m: Mention) -> bool:
    """ "Meanwhile, the party condemned the attack": "meanwhile" moves on in time, but a sentence with
    no day, town or victims of its own tells a reaction or the setting, not another incident."""
    s = m.sentence or ""
    return bool(re.search(r"\bmeanwhile\b", s, re.I)) and not SAID_SEPARATE.search(s) \
        and not any(c.end() <= m.trigger_start - m.start for c in OTHER_TIME.finditer(s)) \
        and not (own_date(m) or own_place(m) or m.quantities)


def _statement_about(inc: ReportIncident, m: Mention) -> bool:
    """"The toll rose to nine, the administrator said on Wednesday": a named source's figure, dated
    after the incident, with no place of its own."""
    lead = inc.lead
    return (not m.claimant_is_outlet and bool(m.quantities) and not own_place(m) and own_date(m)
            and lead.date is not None and m.date.start >= lead.date.start)


def _same_sides(inc: ReportIncident, m: Mention) -> bool:
    """The same attacker and target (or unknown ones): "regime fire killed a Turkish soldier" and
    "Turkish drones bombed a regime convoy" are two incidents, whatever their date and place. The dead
    of both sides ("23 insurgents ... two soldiers were killed") are one battle's."""
    from .fuse import roles_compatible

    lead = inc.lead
    if m.family == "casualty" and (not m.actor1_text or _dead_named_as_doer(m)):
        # "the man died overnight after surgery", "a woman was shot in the chest": harm told with no
        # one named as its cause is any incident's whose sides it fits (a civilian's, anyone's); a side
        # any of its sentences names ("police broke up the protest ... four police officers were injured")
        from .fuse import _same_side

        v = m.actor2
        return v is None or v.inter == 7 or any(_same_side(v, a) for x in inc.mentions for a in (x.actor1, x.actor2) if a)
    if m.event_type == "Battles" and lead.event_type == "Battles":
        # one battle told from both sides ("troops killed 23 insurgents"; "the ministry said two
        # soldiers were killed"): its sides as a pair, whoever the sentence makes the attacker
        m = dataclasses.replace(m, family="clash")
    return roles_compatible(_sided(m), [_sided(lead)])


def _dead_named_as_doer(m: Mention) -> bool:
    """ "Three of our men died at the scene": the only party the sentence names is its dead, whom the
    parse may take for the doer; no one is named as the cause."""
    doer = (m.actor1_text or "").lower()
    return bool(doer) and any(q.figure == "fatalities" and doer in (q.victim or "").lower().split()
                              for q in m.quantities)


def _sided(m: Mention) -> Mention:
    """The mention with a side for each state actor: a state's forces left without one by a later step
    (a type model's actors) fight on their country's side, as resolve's side_of says ("Police Forces
    of Kenya" and "Police Forces of Kenya" with no side are one side)."""
    def fill(a):
        if a is not None and a.side is None and a.inter == 1 and a.country_code:
            return dataclasses.replace(a, side=a.country_code)
        return a
    return dataclasses.replace(m, actor1=fill(m.actor1), actor2=fill(m.actor2))


def _sides_noise(inc: ReportIncident, m: Mention) -> bool:
    """Other sides that are the parse's noise, not another incident: the mention counts no dead or
    wounded of its own ("Monday's battle was the second time the two forces clashed"), is the same kind
    of event, names no town the incident has not, has the incident's actor acting, and the side the
    incident hit is not the one acting now ("Turkish drones bombed a regime convoy" after regime fire
    killed Turkish soldiers is a retaliation: another incident)."""
    from .fuse import _same_side, _unknown

    if any(q.figure in ("fatalities", "injured") for q in m.quantities) or not _same_kind(inc, m):
        return False  # (a protest over a killing is ACLED's event of its own)
    if own_place(m) and not any(own_place(x) and x.place.name == m.place.name for x in inc.mentions):
        return False  # a town of its own: another happening told there ("allied forces took seven towns")
    lead, mine = _sided(inc.lead), _sided(m)
    if not (_unknown(mine.actor1) or _unknown(lead.actor2) or not _same_side(mine.actor1, lead.actor2)):
        return False
    # the same one acting (or one unnamed): only whom it hit is read otherwise ("Turkish shelling" beside
    # "rebels took the town" is two parties acting: two incidents)
    return _unknown(mine.actor1) or _unknown(lead.actor1) or _same_side(mine.actor1, lead.actor1)


def _same_kind(inc: ReportIncident, m: Mention) -> bool:
    from .fuse import _types_compatible

    crowd = {"Protests", "Riots"}  # one report's protest that turned violent is one incident
    return any(_types_compatible(x.event_type, m.event_type) or {x.event_type, m.event_type} <= crowd
               for x in inc.mentions)


# Words with which a source revises its own figure ("the toll has risen to nine").
REVISED = re.compile(r"\b(rose|risen|rising|climbed|increased|jumped|revised|updated|now|raising|bringing)\b", re.I)


def _recounted(inc: ReportIncident, m: Mention) -> bool:
    """The same source giving another toll of the same side's dead, without saying it revised it
    ("one Turkish soldier was killed late Tuesday", after "two Turkish soldiers were killed"), counts
    other victims: another incident."""
    if REVISED.search(m.sentence or ""):
        return False
    from .fuse import _same_claimant

    mine = {(q.victim_side, q.value) for q in m.quantities if q.figure == "fatalities" and q.victim_side and not q.subset}
    for x in inc.mentions:
        if not _same_claimant(x.claimant or "", m.claimant or ""):
            continue
        for q in x.quantities:
            if q.figure == "fatalities" and not q.subset and any(
                    side == q.victim_side and value != q.value for side, value in mine):
                return True
    return False


def _attach(incidents: list[ReportIncident], m: Mention) -> ReportIncident | None:
    if _told_as_other(m) and not _a_meanwhile_reaction(m) and not m.refers_back:
        return None  # ("Meanwhile, a woman was killed in the attack": the attack told before)
    incidents = [inc for inc in incidents if not _recounted(inc, m)]
    if not incidents:
        return None
    anchored = own_date(m) or own_place(m)
    if m.refers_back:
        # "The protest was triggered by an announcement last month": with no figure of its own, a
        # happening named as one already told is that one, whatever other day its sentence names
        for inc in reversed(incidents):
            if (_dates_agree(inc, m) or not m.quantities) and _same_kind(inc, m) and not _told_elsewhere(inc, m):
                # "The raid is the latest sign that armed groups move freely along the coast to
                # Quissanga": the places it names are not where the raid was
                _placed_as(inc, m)
                if not _dates_agree(inc, m):
                    m.date = inc.lead.date  # (nor is the day it names the incident's: "Monday's raid")
                return inc
        if not (m.quantities or own_date(m)):
            # "Farmers said they were woken by explosions": a happening told as known, with no day and no
            # figure of its own and no incident of its kind told before, is the latest one perceived
            _placed_as(incidents[-1], m)
            return incidents[-1]
    for inc in reversed(incidents):
        if ((_next_to(inc, m) and not _moves_on(m)) or not _adds_anchor(inc, m) or _open_lead(incidents, inc, m)) \
                and _dates_agree(inc, m) \
                and _places_agree(inc, m) and (_same_sides(inc, m) or _sides_noise(inc, m)) \
                and not _harmless_beside_dead(inc, m):
            return inc
    for inc in reversed(incidents):
        if _statement_about(inc, m) and _same_sides(inc, m):
            return inc
    if not anchored and (not m.quantities or _same_sides(incidents[-1], m) or _rival_count(incidents[-1], m)):
        # a reaction, a consequence, a quote: evidence for the incident told last; other sides with
        # their own figures ("Turkey retaliated: 21 regime targets were destroyed") are another incident
        return incidents[-1]
    return None


# "... but no casualties have been reported": a happening told as harming no one.
NO_CASUALTIES = re.compile(r"\b(?:no (?:casualties|injuries|deaths|fatalities|losses)|no one was (?:hurt|injured|"
                           r"killed|harmed|wounded)|without (?:any )?casualties)\b", re.I)


def _harmless_beside_dead(inc: ReportIncident, m: Mention) -> bool:
    """ "Shelling hit villages near Tessit, but no casualties were reported", after "the killing of two
    fighters": a happening with a place of its own that harmed no one is not the one that killed,
    and must not lend that incident its place (it is another shelling, perhaps elsewhere)."""
    if not own_place(m) or not NO_CASUALTIES.search(m.sentence or "") or \
            any(q.figure in ("fatalities", "injured") for q in m.quantities):
        return False
    return any(q.figure == "fatalities" for x in inc.mentions for q in x.quantities)


def _placed_as(inc: ReportIncident, m: Mention) -> None:
    """A happening named as the incident's is where the incident was, whatever places its sentence names."""
    if not _places_agree(inc, m):
        m.place, m.place_texts = inc.lead.place, []


def _told_elsewhere(inc: ReportIncident, m: Mention) -> bool:
    """ "Funerals were held for nine victims of Monday's raid on Chai", in a report of Thursday's strike
    elsewhere: a happening named as one known ("Monday's raid") with a day and a town of its own, where
    the incident has another day and another town, is another incident, not one told before in the report."""
    if not (own_date(m) and own_place(m)):
        return False
    days = [x.date for x in inc.mentions if own_date(x)]
    towns = {x.place.name for x in inc.mentions if own_place(x)}
    other_day = bool(days) and not any(d.start <= m.date.end and m.date.start <= d.end for d in days)
    return other_day and bool(towns) and m.place.name not in towns


def _rival_count(inc: ReportIncident, m: Mention) -> bool:
    """ "Drivers said four soldiers had died and that troops fired into the bush": another source's
    count of the dead of the side the incident's own figure counts, with no day or town of its own, is
    a claim about the same victims, whoever the sentence makes the doer."""
    theirs = {q.victim_side for x in inc.mentions for q in x.quantities if q.figure == "fatalities" and q.victim_side}
    return any(q.figure == "fatalities" and q.victim_side in theirs for q in m.quantities)


# A sentence that opens on another incident: "In a separate incident on Friday", "Separately,", "Elsewhere,"
# (not "This comes after", "(coded separately)": a coder's note's asides).
_OPENS_APART = re.compile(r"\W*(?:in a separate|separately\b|elsewhere\b|in (?:another|a second|a similar) "
                          r"(?:[a-z]+ )?(?:attack|incident|raid|strike|clash|ambush|bombing))", re.I)


def opens_another_incident(lead: Mention, m: Mention) -> bool:
    """In a short report (a brief, a coder's note), a sentence that opens on another incident or on a
    place in another province than the lead's: the type model reads it apart (classify)."""
    return bool(_OPENS_APART.match(m.sentence or "")) or other_province(lead, m)


def other_province(lead: Mention, m: Mention) -> bool:
    """A sentence that opens on its place, in another province of the country than the incident's own
    place ("shelled Kansafra in the countryside of Idlib ... In Daraa, gunmen shot dead a former
    fighter"). A coder's note names other provinces too, as background, but not as its opening words."""
    a, b = lead.place, m.place
    return bool(lead.place_texts) and a is not None and b is not None and _opens_on_place(m) \
        and bool(a.admin1 and b.admin1) and a.country_code == b.country_code and a.admin1 != b.admin1


# "In Daraa, ...", "Meanwhile in Homs province, ...": a sentence that opens on a place, then a comma.
_OPENS_ON_PLACE = re.compile(r"\W*(?:[Mm]eanwhile,?\s+|[Ee]lsewhere,?\s+)?[Ii]n\s+(?:the\s+)?[A-Z][\w'’-]*"
                             r"(?:\s+[A-Z][\w'’-]*)*(?:\s+(?:province|region|state|governorate|county|district))?,")


def _opens_on_place(m: Mention) -> bool:
    return bool(m.place_texts) and bool(_OPENS_ON_PLACE.match(m.sentence or ""))


def _attach_in_note(incidents: list[ReportIncident], m: Mention) -> ReportIncident | None:
    """A short note tells of one incident: another incident only when told as one, on its own other
    day, in another province, or as another kind of event (an arrest after a riot is ACLED's event of
    its own)."""
    if _told_as_other(m) or _moves_on(m) or other_province(incidents[-1].lead, m):
        return None  # ("On the other hand, regime forces shelled a town in another province")
    for inc in reversed(incidents):
        if _dates_agree(inc, m) and _same_kind(inc, m) and not _harmless_beside_dead(inc, m):
            return inc
    return None


def report_incidents(mentions: list[Mention], note: bool = False) -> list[ReportIncident]:
    """The incidents of one report's mentions (in report order). `note`: the report is a short note
    about one incident (a wire brief, a coder's note), whose sentences all tell that incident unless
    they say otherwise."""
    incidents: list[ReportIncident] = []
    attach = _attach_in_note if note else _attach
    for m in sorted(mentions, key=lambda x: (x.start, x.mention_id)):
        # a copy: attaching may give a mention its incident's place and day (_attach), and the stored
        # mention stays as extracted, so that fusing the store again gives the same events
        m = copy.copy(m)
        inc = attach(incidents, m) if incidents else None
        if inc is None:
            inc = ReportIncident()
            incidents.append(inc)
        inc.mentions.append(m)
    return incidents if note else _join_retold(incidents)


# A toll this small recurs among one day's incidents in one town ("a man was shot dead"); a larger
# one repeated is the same dead told again.
RETOLD_MIN = 2


def _join_retold(incidents: list[ReportIncident]) -> list[ReportIncident]:
    """ "Militants killed 14 soldiers in an ambush near Gao on Monday ... The army said its convoy came
    under fire and 14 soldiers died": an incident within a day of an earlier one (a statement's day and its
    happening's), at its town or in its province, with the same toll of the same side's dead, is that
    incident told again, however its sentences name the sides."""
    kept: list[ReportIncident] = []
    for inc in incidents:
        same = next((k for k in kept if _retold(k, inc) or _one_acled_event(k, inc)), None)
        if same is None:
            kept.append(inc)
        else:
            same.mentions.extend(inc.mentions)
    return kept


def _retold(a: ReportIncident, b: ReportIncident) -> bool:
    la, lb = a.lead, b.lead
    if la.date is None or lb.date is None or abs((la.date.start - lb.date.start).days) > RETOLD_DAYS:
        return False
    if not _one_place(la.place, lb.place):
        return False
    tolls = [q for x in a.mentions for q in x.quantities
             if q.figure == "fatalities" and not q.subset and q.value >= RETOLD_MIN]
    # the same number of the same side's dead ("three soldiers" is not "three militants")
    return any(q.figure == "fatalities" and not q.subset and q.value == t.value
               and (q.victim_side == t.victim_side or None in (q.victim_side, t.victim_side))
               for x in b.mentions for q in x.quantities for t in tolls)


def _one_acled_event(a: ReportIncident, b: ReportIncident) -> bool:
    """ "Jets bombed rebel convoys in Gao on Monday, killing 12. Meanwhile, rebel radio reported 20 air
    strikes on Gao.": ACLED codes one event per day, place, kind of event and pair of actors, so two
    incidents of one report that share all of them are one event."""
    la, lb = a.lead, b.lead
    if la.date is None or lb.date is None or la.place is None or lb.place is None:
        return False
    same_day = (la.date.start, la.date.end) == (lb.date.start, lb.date.end)
    return same_day and own_place(la) and own_place(lb) and la.place.name == lb.place.name \
        and la.event_type == lb.event_type and la.sub_event_type == lb.sub_event_type \
        and _sides(la) == _sides(lb) and not _said_to_be_separate(b)


def _sides(m: Mention) -> tuple:
    return getattr(m.actor1, "name", None), getattr(m.actor2, "name", None)


def _said_to_be_separate(inc: ReportIncident) -> bool:
    """The report tells the incident as another one, in one of its sentences."""
    return any(SAID_SEPARATE.search(m.sentence or "") for m in inc.mentions)


# "The ministry said on Sunday that troops killed three rebels ... The operation was carried out
# yesterday": a statement's day and its happening's day told in one report are a day apart.
RETOLD_DAYS = 1


def _one_place(p: Place | None, q: Place | None) -> bool:
    """The same town, or a town and the province it is in (two towns, however near, may be two
    incidents' places)."""
    if p is None or q is None or p.country_code != q.country_code or (p.admin1 and q.admin1 and p.admin1 != q.admin1):
        return False
    return p.name == q.name or "admin1" in (p.kind, q.kind)
