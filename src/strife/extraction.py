"""extract: a parsed report to mentions and tallies (the extract stage's entry point and its order).

Each sentence is read in steps, each in a module of its own:
1. happenings (happenings.py): trigger words (data/triggers.yaml) say that something happened and what
   family it is; a coder's note label ("Arrests: ...") names the family outright;
2. claimant (claimants.py): "X said", "according to X", "X told Y", "X tweeted"; "it said" resolved to
   the last named claimant, else the outlet;
3. modality (modality.py): a negated, denied, threatened, planned, conditional, habitual or questioned
   happening is dropped, a campaign summarised in the present perfect is background, and a day
   governed by a verb of saying is the statement's day;
4. figures (figures.py) with their qualifiers, read from the parse; cumulative ones ("this month",
   "so far", "since December", "the war has killed") become tallies, never incident figures (tallies.py);
5. roles (roles.py): who acted against whom; then the ACLED type (happenings.classify);
6. places (places.py) and time expressions, for resolve to anchor; one mention per place when towns
   are conjoined, and one more per happening the sentence dates apart.
Then the report's own passes: a group that claimed an attack, the lead incident of a short note
that names no happening, and a coder's own figure note.

Output is plain data (Mention, Tally); resolve fills dates, places and canonical actors, and
incidents.py groups a report's mentions into its incidents.
"""
from __future__ import annotations

import copy

import re
from dataclasses import dataclass, field

from .claimants import find_claimant, plural_subject, resolve_claimant
from .figures import apply_coded_figure, find_quantities, toll_quantities
from .happenings import TriggerHit, classify, cue_words, find_triggers, is_setting, is_trigger_word, riotous
from .lexicon import triggers
from .modality import CAMPAIGN_NOUNS, HABITUAL, modality_of, present_perfect, refers_back, statement_date
from .models import Document, Mention, Quantity, Tally
from .places import locative, precision_hint, split_conjoined, the_town
from .resolve.stage import SHORT_REPORT_CHARS
from .roles import actor_kinds, claimed_responsibility, roles_by_parse, sides, targets_hit
from .tallies import a_few_hours, cumulative_cue, clause_spans, continues_tally, follows_tally, incident_figures, tallied_here

# classify.lead_mention reads the place rule from here
_locative = locative


@dataclass
class DocContext:
    """What extraction remembers across the sentences of one document."""

    doc: Document
    country: str | None = None
    claimants: list[str] = field(default_factory=list)
    place_matches: list = field(default_factory=list)
    time_exprs: list = field(default_factory=list)
    last_subject: str | None = None  # the plural noun the sentence before was about (claimants.plural_subject)


@dataclass
class Reading:
    """What one sentence tells, filled in step by step."""

    sent: object
    low: str  # its text, lower-cased
    words: set[str]  # its cue words
    hits: list[TriggerHit]
    quants: list[Quantity]
    claimant: str | None
    points: list = field(default_factory=list)  # time expressions of a point in time
    periods: list = field(default_factory=list)  # ... and of a period ("this month")
    years: list = field(default_factory=list)  # ... and of a bare year ("in 2014")
    statement_dated: bool = False  # its only days are days of a statement
    label_fam: str | None = None  # the family a coder's label names ("Arrests: ...")
    label_text: str | None = None
    label_end: int = 0  # where the label ends in the sentence (0 for a label carried from before)
    asserted: list[TriggerHit] = field(default_factory=list)  # the happenings told as fact
    main: TriggerHit | None = None  # the happening the sentence tells
    day_points: list = field(default_factory=list)  # its points precise to the day
    background: bool = False  # a campaign summarised, or a habit
    cumulative: bool = False  # a running total with no incident figure
    incident_q: list[Quantity] = field(default_factory=list)
    tallied: bool = False  # it gave a tally
    after_tally: bool = False  # it comes just after the sentence that gave the last tally, with no day


# ------------------------------------------------------------------ the stage

def extract_document(doc: Document, sdoc, *, gazetteer=None, actors=None) -> tuple[list[Mention], list[Tally]]:
    """Mentions and tallies of one parsed document: each sentence read (_read_sentence) and told as
    mentions (_sentence_mentions), then the passes over the whole report."""
    ctx = _context(doc, gazetteer)
    mentions: list[Mention] = []
    tallies: list[Tally] = []
    pending = None  # a coder's label told in a sentence of its own names the next one
    for sent in sdoc.sents:
        if len(sent.text.strip()) < 3:
            continue
        r, pending = _read_sentence(sent, ctx, pending)
        if r is not None:
            mentions += _sentence_mentions(r, ctx, tallies, (actors, gazetteer), len(mentions))
    claimed_responsibility(mentions, sdoc, actors, ctx.country)
    if not mentions:
        mentions = _lead_incident(doc, sdoc, ctx, actors)
    apply_coded_figure(mentions, doc.text)
    return mentions, tallies


def _context(doc: Document, gazetteer) -> DocContext:
    """The report's country and every place it names, found once."""
    ctx = DocContext(doc=doc)
    if gazetteer is not None:
        from .resolve.stage import document_country

        ctx.country = document_country(doc, gazetteer)
        ctx.place_matches = gazetteer.find_places(doc.text, ctx.country)
    return ctx


def _read_sentence(sent, ctx: DocContext, pending) -> tuple[Reading | None, tuple | None]:
    """A sentence's happenings, figures, claimant, times and label; (None, label) for a label and
    date told on their own ("Looting: 24 May."), which name the next sentence."""
    hits = find_triggers(sent)
    quants = find_quantities(sent)
    claimant, _ = resolve_claimant(find_claimant(sent)[0], ctx)
    ctx.last_subject = plural_subject(sent)
    low = sent.text.lower()
    r = Reading(sent, low, cue_words(low), hits, quants, claimant)
    _times(r, ctx.doc)
    return _label(r, pending)


_PERIOD_END = re.compile(r"\b(?:until|till|up to|through)\s+$", re.I)


def _times(r: Reading, doc: Document) -> None:
    """The sentence's points and periods in time. A day told only as the day of a statement ("X said
    on Friday") bounds the happening's day: it is used when the sentence gives no other (in a
    coder's note, "Reported on 11 Feb" is the event's date by convention)."""
    from .resolve import timex

    texprs = timex.find_time_expressions(r.sent.text)
    # "from late March 2019 until today": the report's day as a period's end is no day something
    # happened on (a date as the end, "the week up to 8 September", is the day ACLED codes such a week by)
    points = [t for t in texprs if t.kind == "point" and not (
        t.text.lower() in ("today", "now") and _PERIOD_END.search(r.sent.text[max(0, t.start - 12):t.start]))]
    said = [t for t in points if statement_date(t, r.sent)]
    if len(doc.text) <= SHORT_REPORT_CHARS:
        # in a coder's note or a brief, only a trailing statement's day after the happening's own gives
        # way ("attacked late on Saturday ..., prosecutors said on Sunday"); "Reported on 11 Feb, ..." dates it
        own = [p for p in points if p not in said]
        said = [t for t in said if any(p.start < t.start for p in own)]
    r.statement_dated = bool(said) and len(said) == len(points)
    r.points = [t for t in points if t not in said] or said
    r.periods = [t for t in texprs if t.kind == "period" and not a_few_hours(t)]
    r.years = [t for t in texprs if t.kind == "year"]


def _label(r: Reading, pending) -> tuple[Reading | None, tuple | None]:
    """Label prefixes of ACLED-style notes ("Arrests: ...") name the family outright. A label with
    nothing told after it ("Looting: 24 May." then the story) names, and dates, the next sentence."""
    text = r.sent.text
    mlabel = re.match(r"\s*([A-Za-z /-]{4,40}):", text)
    if mlabel and mlabel.group(1).strip().lower() in triggers().labels:
        r.label_fam, r.label_text = triggers().labels[mlabel.group(1).strip().lower()], mlabel.group(1)
        r.label_end = mlabel.end()
        told_after = [h for h in r.hits if h.start >= r.sent.start_char + mlabel.end()]
        if len(re.findall(r"[A-Za-z]{3,}", text[mlabel.end():])) <= 2 and not told_after:
            return None, (r.label_fam, r.label_text, r.points)
    elif pending is not None:
        r.label_fam, r.label_text, carried = pending
        r.points = r.points or carried
    return r, None


def _sentence_mentions(r: Reading, ctx: DocContext, tallies: list[Tally], knowledge, n: int) -> list[Mention]:
    """The mentions of one sentence read (`n` mentions told before it): none when it tells only a
    denied or planned happening, a count or a summary; else its main happening with its type, sides,
    figures, places and time, one per conjoined place, and any happening it dates apart."""
    actors, gazetteer = knowledge
    doc = ctx.doc
    r.asserted = [h for h in r.hits if modality_of(h.token, r.sent) == "asserted"]
    if r.hits and not r.asserted and not r.label_fam:
        return []  # only denied / threatened / planned happenings
    _choose_main(r)
    _background(r, doc)
    quants = r.quants + toll_quantities(r.sent.text, r.sent.start_char, r.quants)
    # (a sentence that tells a happening of its own, "gunmen shot dead two farmers", is no breakdown;
    # a short report that tells a running total carries it on as an article does)
    continued = continues_tally(tallies, r.sent, r.points, [] if r.hits else quants)
    r.incident_q = incident_figures(r.sent, quants, (r.points, r.periods), r.background, r.claimant, doc, tallies,
                                    continued)
    cut = _recalled_from(r, doc)
    if cut is not None:  # the recalled incident's figures are not this sentence's incident's
        r.incident_q = [q for q in r.incident_q if q.start - r.sent.start_char < cut]
    r.tallied = tallied_here(tallies, r.sent)
    r.after_tally = follows_tally(tallies, r.sent, r.points)
    r.cumulative = r.cumulative and not r.incident_q
    if r.main is None or any(rule(r, doc) for rule in _NOT_INCIDENTS):
        return []
    kinds = actor_kinds(r.sent, r.words, r.low, r.incident_q, r.main)
    kinds["remote_target"] = targets_hit(r.sent)
    typed = _event_type(r, kinds, doc)
    if _nothing_counted(r, kinds):
        return []
    base = _mention(r, doc, typed, sides(r.sent, r.main, actors, ctx.country, gazetteer))
    places = _places(r.sent, ctx, r.main.token)
    told = _per_place(base, places, doc, n)
    if base.time_text and len(r.day_points) >= 2:
        # A second happening with a date of its own in the same sentence ("captured by the regime on
        # Tuesday after being recaptured by rebels on 27 February") is a mention of its own.
        for m2 in _second_happenings(r, told, base, places, (actors, ctx, gazetteer)):
            if cut is not None and m2.trigger_start - r.sent.start_char >= cut:
                continue  # told in the recalled part ("comes two weeks after ...; a man was hurt in the 1 May attack")
            m2.mention_id = f"{doc.doc_id}:{n + len(told) + 1}"
            told.append(m2)
    return told


def _choose_main(r: Reading) -> None:
    """The happening the sentence tells: not one named as the setting of another ("police killed a
    youth during riots"), then the highest priority, then the first. A coder's label names the
    family; a word of that family after it ("Movement of forces: troops were deployed ...") still
    gives the parse its verb."""
    asserted = r.asserted
    main = max(asserted, key=lambda h: (not is_setting(h), h.priority, -h.start)) if asserted else None
    if r.label_fam:
        label_end = r.sent.start_char + r.label_end
        told = next((h for h in asserted if h.family == r.label_fam and h.token is not None
                     and h.start >= label_end), None)
        main = TriggerHit(r.label_fam, triggers().priority.get(r.label_fam, 50),
                          told.start if told else r.sent.start_char, r.label_text, told.token if told else None)
    r.main = main


def _background(r: Reading, doc: Document) -> None:
    """With no day of its own, a campaign summarised in the present perfect ("the offensive has
    killed") or a habit ("every time a bomb goes off") is background, not an incident."""
    r.cumulative = cumulative_cue(r.sent.text, r.periods)
    r.day_points = [pp for pp in r.points if _precision_of(pp, doc) == 1]
    main = r.main
    if main is not None and main.token is not None and not r.day_points and present_perfect(main.token):
        r.background = True
    if main is not None and not r.day_points and HABITUAL.search(r.sent.text) and not r.label_fam:
        r.background = True


def _a_count(r: Reading, doc: Document) -> bool:
    """ "four soldiers have been killed so far this week": a count (a tally), not an incident, in an
    article; a short note's sentence is its incident. A day told in another clause ("..., including
    the civilians who died in Monday's raid"), or a happening named by its day ("Monday night's raid"),
    names an incident told before, not this one."""
    return r.tallied and not any(q.figure in ("fatalities", "injured") for q in r.incident_q) \
        and (not _days_in_main_clause(r) or refers_back(r.main.token)) and _an_article(doc)


def _days_in_main_clause(r: Reading) -> list:
    rel = r.main.start - r.sent.start_char
    clause = next((c for c in clause_spans(r.sent.text) if c[0] <= rel < c[1]), (0, len(r.sent.text)))
    return [pp for pp in r.day_points if clause[0] <= pp.start < clause[1]]


def _a_summary(r: Reading, doc: Document) -> bool:
    """A summary of the campaign ("the offensive has killed thousands since March") with no figure,
    day or place of an incident; a strategic development told by its verb still stands."""
    main = r.main
    return (r.cumulative or r.background) and not r.incident_q and not r.points and not (
        main.family not in ("attack", "clash", "casualty", "territory") and main.token is not None
        and main.token.pos_ == "VERB")


def _background_only(r: Reading, doc: Document) -> bool:
    """Background ("the insurgency has killed thousands") with no incident figure."""
    return r.background and not r.incident_q


def _the_war(r: Reading, doc: Document) -> bool:
    """ "displaced by the insurgency", "the violence has pushed up prices": the war, not an incident."""
    tok = r.main.token
    return tok is not None and tok.lemma_.lower() in CAMPAIGN_NOUNS and not r.incident_q \
        and not r.day_points and _an_article(doc)


def _many_happenings(r: Reading, doc: Document) -> bool:
    """ "All were killed in raids, bombings and ambushes by the militia", "the channel reported 14 air
    strikes across the province": a happening named as plural attacks, counted or listed or as what
    victims died in, with no day and no victims of its own, sums up many incidents in an article; it
    tells none of them."""
    tok = r.main.token
    if tok is None or not _plural_noun(tok) or r.main.family != "attack" or r.day_points or not _an_article(doc):
        return False
    if any(q.figure in ("fatalities", "injured") for q in r.incident_q):
        return False
    return any(c.dep_ in ("nummod", "conj") for c in tok.children) or (tok.dep_ == "pobj" and tok.head.lower_ == "in") \
        or _dozens_of(tok)


def _plural_noun(tok) -> bool:
    """A plural noun, also one the tagger calls a verb where the parse makes it an object or subject
    ("reported 23 airstrikes": "airstrikes" tagged VBZ, the object of "reported")."""
    return tok.tag_ == "NNS" or (tok.tag_ == "VBZ" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))


# Words that count plural happenings without a number ("dozens of air strikes").
_MANY_WORDS = {"dozens", "scores", "hundreds", "thousands", "tens"}


def _dozens_of(tok) -> bool:
    """ "The coalition has launched dozens of air strikes on the province": happenings counted in
    dozens are many incidents summed up."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _MANY_WORDS


# "The raid came a week after ...", "This incident comes days after ...": what follows is recalled to
# set the incident told in context.
# A happening "hours after" ("the report came hours after Turkey shot down two warplanes") is the
# day's news, another incident.
# "This comes as violence has raged", "The raid came amid fighting in the north": what follows is the setting.
_COMES_AFTER = re.compile(r"\b(?:comes?|came|coming)\b(?![^.;:]{0,40}?\b(?:hours?|minutes|moments|shortly)\b)"
                          r"[^.;:]{0,40}?\b(?:after|following)\b|\b(?:comes?|came|coming)\s+(?:as|amid)\s+(?!(?:a|an|part)\b)",
                          re.I)


def _recalled_from(r: Reading, doc: Document) -> int | None:
    """Where a sentence's recalled part starts ("The encounter came a week after | a clash in another
    village, which killed two"), in an article: an earlier incident the article does not report."""
    m = _COMES_AFTER.search(r.sent.text) if _an_article(doc) else None
    return m.end() if m else None


def _a_recall(r: Reading, doc: Document) -> bool:
    """The happening told after "comes after" is recalled: it adds no event (the incident it sets in
    context is told elsewhere; its figures are dropped in _sentence_mentions)."""
    cut = _recalled_from(r, doc)
    return cut is not None and r.main.start - r.sent.start_char >= cut


# "given a wake, days after their comrades abandoned them in a clash": a happening told some days or more
# before the sentence's own news is recalled ("hours after" may be the same day's news: incidents).
_DAYS_BEFORE_NEWS = re.compile(r"\b(?:days|weeks|months|years|a week|a month|a year)\s+(?:after|before)\b", re.I)


def _days_apart(r: Reading, doc: Document) -> bool:
    """The main happening sits after "days after" (or "weeks before") in an article, with no figure or day
    of its own: recalled to set the sentence's news in time, as "came a week after" (_a_recall)."""
    if not _an_article(doc) or r.incident_q or r.day_points:
        return False
    rel = r.main.start - r.sent.start_char
    return any(m.end() <= rel for m in _DAYS_BEFORE_NEWS.finditer(r.sent.text))


def _the_dead_named(r: Reading, doc: Document) -> bool:
    """ "the identities of the killed rebels will be determined": a killing told only as a definite
    adjective of its victims ("the slain soldiers") names dead told before, not a happening."""
    tok = r.main.token
    return tok is not None and r.main.family == "casualty" and tok.dep_ == "amod" and not r.incident_q \
        and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.head.children)


# Subjects that refer back to people just counted ("All were killed in ambushes", "They died in raids").
_COUNTED_BEFORE = {"all", "they", "those", "these", "both", "most", "many", "each", "some"}


def _tally_retold(r: Reading, doc: Document) -> bool:
    """ "Since March the monitor has counted 900 dead. All were killed in raids and ambushes across four
    provinces.": a sentence just after a running total whose subject refers back to the people it
    counted, with no day and no figure of its own, tells how the counted died, not a new incident."""
    if not r.after_tally or r.incident_q:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _COUNTED_BEFORE for c in r.sent.root.children)


# Nouns of happenings that are no trigger words of their own ("the assassination attempts", "the incidents").
_HAPPENING_NOUNS = {"assassination", "attempt", "incident"}


def _a_happening(tok) -> bool:
    return is_trigger_word(tok) or tok.lemma_.lower() in _HAPPENING_NOUNS


def _the_happenings_have(r: Reading, doc: Document) -> bool:
    """ "Meanwhile, the bombings have wounded dozens of people", "the attacks in A, B and C regions caused
    scores of injuries": happenings named as a definite plural, the subject of a present-perfect verb
    or spread over places conjoined, with no day, sum up a period's incidents, not one of them."""
    if r.day_points:
        return False
    for verb in r.sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                      for c in verb.children)
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            named = _a_happening(subj) or any(c.dep_ == "compound" and _a_happening(c) for c in subj.children)
            spread = any(t.dep_ == "conj" for t in subj.subtree)  # "the attacks in A, B and C regions"
            if subj.tag_ == "NNS" and named and (perfect or spread) and any(
                    c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subj.children):
                return True
    return False


# Nouns that count happenings ("the number of clashes doubled").
_COUNT_NOUNS = {"number", "count", "tally", "total"}


def _a_number_of(r: Reading, doc: Document) -> bool:
    """ "The number of armed clashes across the country doubled in May": happenings named as what a
    number counts are a statistic, not an incident. "A number of protesters blocked the road", "a total
    of 54 explosions" are a happening told with its size."""
    tok = r.main.token
    if tok is None or tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    counter = tok.head.head
    return counter.lemma_.lower() in _COUNT_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in counter.children)


# A bare year told as when something happened ("in 2014", "in late 2014"), not as a name ("the 2018 deal").
_IN_YEAR = re.compile(r"(?:in|during|early|late|mid)\b", re.I)


def _a_past_year(r: Reading, doc: Document) -> bool:
    """ "The war flared up in late 2014 when the rebels seized the capital": a happening told in its
    clause as in a year before the report's, with no day of its own, is history, not the report's
    news. (A bare year gives no date, so it would be dated on the report's day.)"""
    if r.points or doc.published is None or not _an_article(doc):
        return False
    rel = r.main.start - r.sent.start_char
    clause = next((c for c in clause_spans(r.sent.text) if c[0] <= rel < c[1]), (0, len(r.sent.text)))
    return any(clause[0] <= y.start < clause[1] and _IN_YEAR.match(y.text)
               and int(re.search(r"\d{4}", y.text).group()) < doc.published.year for y in r.years)


# Sentences with a happening that still tell no incident.
_NOT_INCIDENTS = (_a_count, _a_summary, _background_only, _the_war, _many_happenings, _a_recall, _tally_retold,
                  _the_happenings_have, _a_number_of, _a_past_year, _days_apart, _the_dead_named)


def _event_type(r: Reading, kinds: dict, doc: Document) -> tuple[str, str]:
    """ACLED event and sub-event type of the main happening (happenings.classify). A coder's label
    ("Property destruction: youths attacked a vehicle") is the coder's call: a strategic development,
    whatever the crowd words say. A short note about one demonstration with violence told in another
    sentence ("Students protested over food. They pelted vehicles with stones.") is a riot."""
    event_type, sub_event_type = classify(r.main.family, r.words, r.low, kinds)
    if r.label_fam and event_type != "Strategic developments":
        event_type, sub_event_type = classify(r.main.family, set(), "", {})
    if event_type == "Protests" and sub_event_type != "Excessive force against protesters" \
            and len(doc.text) <= SHORT_REPORT_CHARS and riotous(doc.text):
        event_type, sub_event_type = "Riots", "Violent demonstration"
    return event_type, sub_event_type


def _nothing_counted(r: Reading, kinds: dict) -> bool:
    """ "death" or "killing" as a noun with nothing counted and no one named: not an incident."""
    main = r.main
    return (main.family == "casualty" and not r.incident_q and not kinds.get("victim_armed")
            and not kinds.get("victim_civilian") and (main.token is None or main.token.pos_ != "VERB"))


def _mention(r: Reading, doc: Document, typed: tuple[str, str], actors: tuple) -> Mention:
    """The sentence's mention of its main happening, before it is split by place."""
    main = r.main
    a1, a2, backer = actors
    return Mention(
        mention_id="", doc_id=doc.doc_id, sentence=r.sent.text, start=r.sent.start_char, end=r.sent.end_char,
        trigger=main.text, trigger_start=main.start, event_type=typed[0], sub_event_type=typed[1],
        family=main.family, priority=main.priority,
        modality="asserted", actor1_text=a1, actor2_text=a2, time_text=_time_text(r, doc),
        quantities=r.incident_q, claimant=r.claimant or doc.outlet, claimant_is_outlet=r.claimant is None,
        backer=backer, refers_back=refers_back(main.token), statement_dated=r.statement_dated,
    )


def _time_text(r: Reading, doc: Document) -> str | None:
    """The most exact expression wins ("Thursday (February 27th)" over "earlier this month"), then the
    one nearest the trigger."""
    from .resolve import timex

    if not r.points:
        return None
    trig_rel = r.main.start - r.sent.start_char
    ref = doc.published or _REF_DATE

    def exactness(p):
        iv = timex.resolve_time(p, ref)
        # a day told by its distance from another day the report told ("On June 17, a day earlier")
        # after one named in its own right
        return (iv.precision if iv else 9, bool(_RELATIVE_DAY.search(p.text)), abs(p.start - trig_rel))
    return min(r.points, key=exactness).text


# A day told relative to another day of the narrative, not to the report's own day.
_RELATIVE_DAY = re.compile(r"\b(?:earlier|later|before|after|previous|prior|following|next)\b", re.I)


def _places(sent, ctx: DocContext, trigger=None) -> list:
    """The places named in the sentence where a happening can be (places.locative), else "the town"
    just named. A place inside a relative clause the trigger is not in tells of its participants' past,
    not where the happening was ("displaced people, many of whom fled attacks in Macomia, blocked roads
    in Pemba")."""
    places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
              and locative(pm, ctx.doc.text, ctx)]
    aside = _relative_clauses(sent, trigger)
    places = [pm for pm in places if not any(lo <= pm.start < hi for lo, hi in aside) and not _an_agent(sent, pm)
              and not _destination(sent, pm, trigger)]
    return places or the_town(sent, ctx)


# Verbs of fleeing or taking people away: the place they go "to" is where people went after the happening.
_AWAY_LEMMAS = {"flee", "escape", "evacuate", "airlift", "rush", "take", "transport", "transfer", "carry",
                "relocate", "displace"}


def _destination(sent, pm, trigger) -> bool:
    """ "causing 2,500 people to flee to Thailand", "the wounded were taken to a hospital in Kano": the
    place people fled or were taken to is not where the happening was, unless going there is the
    happening ("troops were rushed to Tana North", a movement of forces)."""
    tok = _token_at(sent, pm)
    while tok is not None and tok.dep_ in ("compound", "amod") and tok.head is not tok:
        tok = tok.head
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "into", "towards", "toward"):
        return False
    verb = tok.head.head
    return verb.lemma_.lower() in _AWAY_LEMMAS and (trigger is None or verb.i != trigger.i)


def _token_at(sent, pm):
    """The token a place match starts at, if one does."""
    return next((t for t in sent if t.idx == pm.start), None)


def _an_agent(sent, pm) -> bool:
    """ "as first reported by Florencia in her column": the name after a passive's "by" is
    who did it, a person far more often than a town (a town is a place "in" or "near", not "by")."""
    tok = _token_at(sent, pm)
    return tok is not None and tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def _relative_clauses(sent, trigger) -> list[tuple[int, int]]:
    """The character spans of the sentence's relative clauses about a participant ("who", "whom",
    "which") that do not hold the trigger. One that tells where or when ("where", "during which") tells
    of the happening itself."""
    if trigger is None:
        return []
    spans = []
    for t in sent:
        if t.dep_ == "relcl" and not (t.left_edge.i <= trigger.i <= t.right_edge.i) and not _of_the_happening(t):
            spans.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge)))
    return spans


def _of_the_happening(verb) -> bool:
    """A relative clause opened by "where"/"when" or by a preposition of time or place with "which"."""
    for c in verb.children:
        if c.tag_ == "WRB":
            return True
        if c.dep_ == "prep" and c.lower_ in ("during", "in", "at", "on", "after", "before", "near") \
                and any(w.tag_ in ("WDT", "WP") for w in c.children):
            return True
    return False


def _per_place(base: Mention, places: list, doc: Document, n: int) -> list[Mention]:
    """One mention per place when places are directly conjoined ("the towns of Binnish and
    Sarmein"); the figures stay with the first."""
    groups = split_conjoined(places, doc.text)
    if len(groups) >= 2 and _names_listed(groups, doc.text) >= SWEEP_PLACES and _one_sweep(base, doc):
        groups = groups[:1]
    out = []
    for group in groups:
        m = copy.copy(base)
        m.mention_id = f"{doc.doc_id}:{n + len(out) + 1}"
        m.place_matches = group
        m.place_texts = [p.surface for p in group]
        m.place_precision_hint = precision_hint(group, doc.text)
        if len(groups) > 1:
            m.quantities = [] if group is not groups[0] else base.quantities
        out.append(m)
    return out


# Three or more towns listed as hit in one sentence of an article ("shelled positions in Kafr Nabl,
# Sfuhen, Fleifel and al-Bara") tell one sweep; two ("bombed Binnish and Sarmin") stay two incidents.
SWEEP_PLACES = 3


# Names listed before the first place found ("in Kafr Nabl, Sfuhen, " before "Fleifel and al-Bara").
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*,\s+)+$")


def _names_listed(groups, text: str) -> int:
    """How many names the list holding the places found has: the names listed before the first, and
    the items from the first to the last, names the gazetteer does not know included ("in Al-Fatira,
    Safohin, Benin and Ruwayha", with two of them found, lists four)."""
    start, end = groups[0][0].start, groups[-1][-1].end
    before = _LISTED_BEFORE.search(text[max(0, start - 200):start])
    n_before = before.group().count(",") if before else 0
    return n_before + len(re.findall(r",\s*(?:and\s+)?|\s+and\s+", text[start:end])) + 1


def _one_sweep(base: Mention, doc: Document) -> bool:
    """An article's sweep of shelling or raids over a list of towns, with no one killed or hurt, is one
    incident at the first town named, not an event per town (a coder's note, or a sentence with its
    victims, keeps one per place)."""
    return _an_article(doc) and not any(q.figure in ("fatalities", "injured") for q in base.quantities)


def _an_article(doc: Document) -> bool:
    """A news article, not a coder's note: longer than a short report, or told in paragraphs (a
    headline and a few paragraphs of a wire brief; a coder's note is one paragraph)."""
    return len(doc.text) > SHORT_REPORT_CHARS or doc.text.strip().count("\n") >= 2


def _second_happenings(r: Reading, told, base, places, knowledge):
    """Mentions of the happenings a sentence dates apart from its main one ("Insurgents killed nine
    civilians in Chai on Monday night, and a roadside bomb killed three soldiers on the N380 on
    Tuesday"; "two rebels were killed on Thursday while another was killed in a clash on Saturday").
    Each takes the figures, places and words of its own part of the sentence; the main mentions
    (`told`) keep theirs."""
    actors, ctx, gazetteer = knowledge
    sent, points, day_points, asserted, main = r.sent, r.points, r.day_points, r.asserted, r.main
    text, base_char = sent.text, sent.start_char
    chosen = next(p for p in points if p.text == base.time_text)
    out = []
    for other in (p for p in day_points if p.text != base.time_text and not _same_day(p, chosen, ctx.doc)):
        cut = _part_boundary(text, *sorted((chosen.end if chosen.start < other.start else chosen.start,
                                            other.start if chosen.start < other.start else other.end)))
        side = (lambda x: x >= cut) if chosen.start < other.start else (lambda x: x < cut)
        near = [h for h in asserted if h is not main and h.family in ("territory", "attack", "clash", "casualty")
                and side(h.start - base_char) and not side(main.start - base_char)]
        if not near:
            continue
        h2 = min(near, key=lambda h: abs(h.start - base_char - other.start))
        lo, hi = (0, cut) if main.start < h2.start else (cut, len(text))
        if h2.family == "casualty" and _a_cause(text[hi:] if lo == 0 else text[:lo]):
            continue
        w1, l1 = cue_words(text[lo:hi].lower()), text[lo:hi].lower()  # the main happening's part
        rest = text[hi:] if lo == 0 else text[:lo]
        w2, l2 = cue_words(rest.lower()), rest.lower()  # the other's
        kinds2 = actor_kinds(sent, w2, l2, [], h2)
        m2 = copy.copy(base)
        m2.trigger, m2.trigger_start, m2.family, m2.priority = h2.text, h2.start, h2.family, h2.priority
        m2.event_type, m2.sub_event_type = classify(h2.family, w2, l2, kinds2)
        m2.actor1_text, m2.actor2_text = roles_by_parse(sent, h2, actors, ctx.country, gazetteer)
        m2.time_text = other.text
        m2.quantities = [q for q in base.quantities if not lo <= q.start - base_char < hi]
        mine = [p for p in places if not lo <= p.start - base_char < hi]
        m2.place_matches, m2.place_texts = mine, [p.surface for p in mine]  # none named in its part: none
        m2.place_precision_hint = precision_hint(m2.place_matches, sent.doc.text)
        for m in told:  # the main happening keeps what its own part tells
            m.quantities = [q for q in m.quantities if lo <= q.start - base_char < hi]
            m.event_type, m.sub_event_type = classify(main.family, w1, l1, actor_kinds(sent, w1, l1, m.quantities, main))
            if mine:
                m.place_matches = [p for p in m.place_matches if lo <= p.start - base_char < hi] or m.place_matches
                m.place_texts = [p.surface for p in m.place_matches]
        out.append(m2)
    return out


def _a_cause(part: str) -> bool:
    """ "Houses were torched on Monday after a rider was killed on Sunday night": a death told as what
    the happening followed is its cause, told in passing, not a happening the report tells apart."""
    return bool(re.match(r"[\s,;]*(?:after|following|in retaliation for|in revenge for)\b", part, re.I))


def _same_day(a, b, doc: Document) -> bool:
    """ "PEMBA, 13 June 2025 – One man was killed in Pemba today": two ways of telling one day are one
    happening's day, not two happenings dated apart."""
    from .resolve import timex

    ref = doc.published or _REF_DATE
    x, y = timex.resolve_time(a, ref), timex.resolve_time(b, ref)
    return x is not None and y is not None and (x.start, x.end) == (y.start, y.end)


def _part_boundary(text: str, a: int, b: int) -> int:
    """Where the part of a sentence that tells the happening at `a` ends and the one at `b` begins:
    the last ", and", "; " or " and " between them, else the midpoint."""
    lo, hi = sorted((a, b))
    seps = [m.start() for m in re.finditer(r",\s+and\b|;\s|,\s+after\b|\bafter\b|,\s+while\b", text[lo:hi])]
    return lo + (seps[-1] if seps else (hi - lo) // 2)


# Words of a gathering, or of a crowd's purpose ("drove slowly to denounce fuel prices", "blocked the
# road to demand water"): a report of one, whatever verb it uses, is a protest.
_GATHERING = re.compile(r"\b(gather(?:ed|ing)?|demonstrat\w*|rall(?:y|ied|ies)|sit-in|march(?:ed|ing)|protest\w*|"
                        r"picket\w*|petition\w*|to (?:denounce|demand|complain|condemn|reject|call for)|"
                        r"blocked (?:a|the) (?:road|highway|street))\b", re.I)


def _lead_incident(doc: Document, sdoc, ctx: DocContext, actors) -> list[Mention]:
    """A short report that names a party to political violence or a gathering but tells no happening
    the trigger words know, not even a denied or threatened one ("Al Shabaab reached an agreement with a clan militia", "residents
    gathered to complain") is still about its lead incident: one mention from its first dated, or
    first, sentence, a protest when it tells of a gathering, else a strategic development."""
    if actors is None or len(doc.text) > SHORT_REPORT_CHARS:
        return []
    from .resolve import timex

    named = [a for a in actors.find_actors(doc.text, ctx.country) if a.actor.inter != 7]
    gathering = _GATHERING.search(doc.text)
    if not named and not gathering:
        return []
    sents = [s for s in sdoc.sents if len(s.text.strip()) >= 3]
    if not sents or any(find_triggers(s) for s in sents):
        return []  # its happenings were denied, threatened, planned or background: not an incident
    dated = [s for s in sents if any(t.kind == "point" for t in timex.find_time_expressions(s.text))]
    sent = (dated or sents)[0]
    points = [t for t in timex.find_time_expressions(sent.text) if t.kind == "point"]
    etype, sub = ("Protests", "Peaceful protest") if gathering else ("Strategic developments", "Other")
    own = [a for a in named if sent.start_char <= a.start < sent.end_char] or named
    places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
              and locative(pm, doc.text, ctx)] or the_town(sent, ctx)
    claimant, _ = resolve_claimant(find_claimant(sent)[0], ctx)
    return [Mention(mention_id=f"{doc.doc_id}:1", doc_id=doc.doc_id, sentence=sent.text, start=sent.start_char,
                    end=sent.end_char, trigger="", trigger_start=sent.start_char, event_type=etype,
                    sub_event_type=sub, family="protest" if gathering else "other_strategic",
                    priority=triggers().priority.get("other_strategic", 0),
                    actor1_text=own[0].surface if own else None, time_text=points[0].text if points else None,
                    quantities=[], claimant=claimant or doc.outlet, claimant_is_outlet=claimant is None,
                    place_matches=places, place_texts=[p.surface for p in places],
                    place_precision_hint=precision_hint(places, doc.text))]


# A reference day for resolving a time expression in a report with no published date.
_REF_DATE = __import__("datetime").date(2000, 1, 1)


def _precision_of(expr, doc: Document) -> int:
    """How exact a time expression is (1: a day), as resolve will read it."""
    from .resolve import timex

    iv = timex.resolve_time(expr, doc.published or _REF_DATE)
    return iv.precision if iv else 9
