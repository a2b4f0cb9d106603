"""fuse on hand-built mentions: which mentions are one incident, and how figures reconcile."""
import datetime as dt

from strife.fuse import fuse
from strife.models import DAY, Actor, Document, Mention, Place, Quantity, TimeInterval

IDLIB = Place("Idlib", "Syria", "SY", "Idlib", None, 35.93, 36.63, None, "admin1", 0, 3)
SARAQIB = Place("Saraqib", "Syria", "SY", "Idlib", None, 35.86, 36.80, 1, "town", 30000, 1)
ARIHA = Place("Ariha", "Syria", "SY", "Idlib", None, 35.81, 36.61, 2, "town", 40000, 1)
SY = Actor("Military Forces of Syria", 1, "SY")
TR = Actor("Military Forces of Turkey", 8, "SY")
REB = Actor("Opposition Rebels (Syria)", 2, "SY")


def m(doc, start, day, place, a1, a2, etype="Explosions/Remote violence", killed=None, claimant="X"):
    d = dt.date(2020, 3, day)
    qs = [Quantity("fatalities", killed)] if killed is not None else []
    return Mention(f"{doc}:{start}", doc, f"sentence {doc} {start}", start, start + 10, "attack", start, etype,
                   "Air/drone strike", actor1=a1, actor2=a2, quantities=qs, claimant=claimant,
                   date=TimeInterval(d, d, DAY), place=place, place_texts=[place.name] if place else [])


DOCS = {"a": Document("a", "", outlet="A", published=dt.date(2020, 3, 4)),
        "b": Document("b", "", outlet="B", published=dt.date(2020, 3, 5))}


def test_same_incident_across_reports_is_one_event_with_both_sources():
    events = fuse([m("a", 0, 3, SARAQIB, TR, SY, killed=5, claimant="ministry"),
                   m("b", 0, 3, SARAQIB, TR, SY, killed=7, claimant="monitor")], DOCS)
    assert len(events) == 1
    e = events[0]
    assert e.sources == ["A", "B"]
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (5, 5, 7)
    assert {c.claimant for c in e.claims} == {"ministry", "monitor"}


def test_attack_and_retaliation_stay_apart():
    events = fuse([m("a", 0, 3, IDLIB, SY, TR), m("a", 20, 3, IDLIB, TR, SY)], DOCS)
    assert len(events) == 2


def test_different_days_or_towns_stay_apart():
    assert len(fuse([m("a", 0, 3, SARAQIB, SY, None), m("b", 0, 4, SARAQIB, SY, None)], DOCS)) == 2
    assert len(fuse([m("a", 0, 3, SARAQIB, SY, None), m("a", 20, 3, ARIHA, SY, None)], DOCS)) == 2


def test_province_level_mention_joins_a_town_in_that_province():
    events = fuse([m("a", 0, 3, IDLIB, SY, REB), m("b", 0, 3, SARAQIB, SY, REB)], DOCS)
    assert len(events) == 1 and events[0].location == "Saraqib" and events[0].geo_precision == 1


SYRIA = Place("Syria", "Syria", "SY", None, None, 35.0, 38.0, 163843, "country", 0, 3)


def test_reports_placed_only_in_a_country_stay_apart():
    # two reports of the same day that name no place below the country are not one incident
    assert len(fuse([m("a", 0, 3, SYRIA, SY, REB), m("b", 0, 3, SYRIA, SY, REB)], DOCS)) == 2
    # within one report the narrative still runs on
    assert len(fuse([m("a", 0, 3, SYRIA, SY, REB), m("a", 11, 3, SYRIA, SY, REB)], DOCS)) == 1


def test_clash_sides_agree_as_a_pair():
    a = m("a", 0, 3, SARAQIB, REB, SY, etype="Battles")
    b = m("b", 0, 3, SARAQIB, SY, REB, etype="Battles")
    b.family = "clash"  # "clashes between the army and rebels": no side named as the attacker
    assert len(fuse([a, b], DOCS)) == 1
    c = m("b", 0, 3, SARAQIB, SY, REB, etype="Battles")  # "the army attacked rebels": a different attack
    assert len(fuse([a, c], DOCS)) == 2


def test_a_claimants_later_figure_supersedes_its_earlier_one():
    events = fuse([m("a", 0, 3, SARAQIB, TR, SY, killed=7, claimant="ministry"),
                   m("b", 0, 3, SARAQIB, TR, SY, killed=9, claimant="ministry"),
                   m("b", 20, 3, SARAQIB, TR, SY, killed=12, claimant="residents")], DOCS)
    (e,) = events
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (9, 7, 12)
    assert [r["value"] for r in e.revisions if r["claimant"] == "ministry"] == [7, 9]


def test_ids_are_stable_and_kept_from_a_previous_run():
    first = fuse([m("a", 0, 3, SARAQIB, TR, SY)], DOCS)
    again = fuse([m("a", 0, 3, SARAQIB, TR, SY)], DOCS)
    assert first[0].event_id == again[0].event_id
    previous = {"a:0": "EVkept"}
    grown = fuse([m("b", 0, 3, SARAQIB, TR, SY), m("a", 0, 3, SARAQIB, TR, SY)], DOCS, previous_ids=previous)
    assert [e.event_id for e in grown] == ["EVkept"]


def test_party_to_conflict_marks_claims_from_a_side():
    a = m("a", 0, 3, SARAQIB, TR, SY, killed=50, claimant="Turkish defence ministry")
    a.claimant_side, a.sides = "TR", ["SY", "TR"]
    b = m("b", 0, 3, SARAQIB, TR, SY, killed=40, claimant="war monitor")
    b.sides = ["SY", "TR"]
    (e,) = fuse([a, b], DOCS)
    party = {c.claimant: c.party_to_conflict for c in e.claims}
    assert party == {"Turkish defence ministry": True, "war monitor": False}


SNA = Actor("Syrian National Army", 2, "SY", side="Syrian opposition")
REB_S = Actor("Opposition Rebels (Syria)", 2, "SY", side="Syrian opposition")


def typed(mention, etype, sub):
    mention.event_type, mention.sub_event_type = etype, sub
    return mention


def test_stated_supporting_fire_folds_into_the_supported_sides_battle():
    # "Rebels took the village" / "their advance was supported by the backer's artillery" / "three
    # soldiers were wounded in the backer's shelling", all in one report and on one day.
    took = typed(m("a", 0, 3, SARAQIB, SNA, SY), "Battles", "Non-state actor overtakes territory")
    support = typed(m("a", 12, 3, SARAQIB, REB_S, SY), "Explosions/Remote violence", "Shelling/artillery/missile attack")
    support.backer = "Military Forces of Turkey"
    wounded = typed(m("a", 24, 3, SARAQIB, TR, SY), "Explosions/Remote violence", "Shelling/artillery/missile attack")
    wounded.quantities = [Quantity("injured", 3)]
    other_report = typed(m("b", 0, 3, SARAQIB, SNA, SY), "Battles", "Non-state actor overtakes territory")
    (e,) = fuse([took, support, wounded, other_report], DOCS)
    assert (e.event_type, e.actor1, e.assoc_actor_1, e.actor2) == (
        "Battles", "Syrian National Army", "Military Forces of Turkey", "Military Forces of Syria")
    assert e.injured == 3 and e.sources == ["A", "B"]
    assert took.actor1.assoc is None and wounded.actor1 is TR  # stored mentions stay as extracted


def test_backer_fire_without_stated_support_is_its_own_event():
    took = typed(m("a", 0, 3, SARAQIB, SNA, SY), "Battles", "Non-state actor overtakes territory")
    shelling = m("a", 12, 3, SARAQIB, TR, SY)
    assert len(fuse([took, shelling], DOCS)) == 2


def test_backer_fire_on_another_day_or_enemy_is_not_folded():
    support = typed(m("a", 0, 3, SARAQIB, REB_S, SY), "Explosions/Remote violence", "Shelling/artillery/missile attack")
    support.backer = "Military Forces of Turkey"
    next_day = m("a", 12, 4, SARAQIB, TR, SY)
    on_civilians = m("a", 24, 3, SARAQIB, TR, Actor("Civilians (Syria)", 7, "SY"))
    events = fuse([support, next_day, on_civilians], DOCS)
    assert sorted(e.actor1 for e in events) == ["Military Forces of Turkey", "Military Forces of Turkey",
                                                 "Opposition Rebels (Syria)"]


def test_one_reports_mixed_telling_does_not_shut_the_event_to_other_reports():
    # A report tells a fight as clashes and then air strikes on the same fighters; another report's
    # account of the clashes still joins it.
    clash = typed(m("a", 0, 3, SARAQIB, REB_S, SY), "Battles", "Non-state actor overtakes territory")
    air = m("a", 12, 3, SARAQIB, REB_S, SY)
    other = typed(m("b", 0, 3, SARAQIB, REB_S, SY), "Battles", "Non-state actor overtakes territory")
    (e,) = fuse([clash, air, other], DOCS)
    assert e.event_type == "Battles"


def test_an_associated_actor_told_in_one_report_holds_for_the_event():
    backed = Actor("Syrian National Army", 2, "SY", assoc="Military Forces of Turkey", side="Syrian opposition")
    (e,) = fuse([m("a", 0, 3, SARAQIB, SNA, SY), m("b", 0, 3, SARAQIB, backed, SY)], DOCS)
    assert (e.actor1, e.assoc_actor_1) == ("Syrian National Army", "Military Forces of Turkey")


def test_an_upper_bound_is_a_high_not_a_best():
    a = m("a", 0, 3, SARAQIB, TR, SY, killed=7, claimant="ministry")
    b = m("b", 0, 3, SARAQIB, TR, SY, killed=12, claimant="residents")
    b.quantities[0].qualifier = "as many as"
    e = fuse([a, b], DOCS)[0]
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (7, 7, 12)


def test_tolls_of_different_sides_are_added_those_of_one_side_are_not():
    a = m("a", 0, 3, SARAQIB, SY, REB, killed=23, claimant="ministry")
    a.quantities[0].victim_side = REB.name
    b = m("a", 11, 3, SARAQIB, SY, REB, killed=2, claimant="ministry")
    b.quantities[0].victim_side = SY.name
    c = m("a", 22, 3, SARAQIB, SY, REB, killed=5, claimant="commander")
    c.quantities[0].victim_side = SY.name
    e = fuse([a, b, c], DOCS)[0]
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (25, 25, 28)


def test_a_statement_a_day_later_is_about_the_incident_not_a_new_one():
    raid = m("a", 0, 2, SARAQIB, REB, SY, killed=7, claimant="governor")
    later = m("a", 40, 3, None, None, None, killed=9, claimant="governor")
    later.place = SARAQIB
    later.place_texts = []
    events = fuse([raid, later], DOCS)
    assert len(events) == 1 and events[0].event_date == dt.date(2020, 3, 2) and events[0].fatalities == 9


def test_a_separate_incident_in_one_report_stays_apart():
    raid = m("a", 0, 3, SARAQIB, REB, SY, killed=7)
    other = m("a", 40, 3, SARAQIB, REB, SY, killed=3)
    other.sentence = "In a separate attack, three soldiers were killed."
    assert len(fuse([raid, other], DOCS)) == 2


def test_counter_demonstration_keeps_protesters_on_both_sides():
    """Supporters of a party protesting against opposition protesters: ACLED codes Protesters against
    Protesters; one actor in both roles is otherwise read as one phrase taken twice."""
    zm = Place("Lusaka", "Zambia", "ZM", "Lusaka", None, -15.41, 28.28, 1, "town", 1_000_000, 1)
    prot = Actor("Protesters (Zambia)", 6, "ZM")
    ms = [m("a", 0, 3, zm, prot, prot, etype="Protests")]
    ev, = fuse(ms, DOCS)
    assert (ev.actor1, ev.actor2) == ("Protesters (Zambia)", "Protesters (Zambia)")
    ms = [m("a", 0, 3, SARAQIB, SY, SY)]
    ev, = fuse(ms, DOCS)
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", None)


def test_the_open_event_index_offers_every_event_an_incident_could_join():
    # Fusion compares an incident only with the open events its index offers (_OpenIndex); any event
    # that Cluster.compatible accepts must be among them, whatever the places' precision and province.
    import random

    from strife.fuse import Cluster, _OpenIndex

    rng = random.Random(7)

    def place():
        kind = rng.choice(["town", "town", "near", "nocoords", "province", "province-unknown", "country"])
        admin1 = rng.choice(["Idlib", "Aleppo", None])
        lat, lon = 35.5 + rng.uniform(-0.6, 0.6), 36.6 + rng.uniform(-0.6, 0.6)
        if kind in ("town", "near"):
            return Place(f"T{rng.randint(0, 30)}", "Syria", "SY", admin1, None, lat, lon, None, "town", 0,
                         1 if kind == "town" else 2)
        if kind == "nocoords":
            return Place(f"T{rng.randint(0, 30)}", "Syria", "SY", admin1, None, None, None, None, "town", 0, 1)
        if kind == "country":
            return SYRIA
        return Place(admin1 or "North", "Syria", "SY", admin1 if kind == "province" else None, None, lat, lon,
                     None, "admin1", 0, 3)

    def mention(doc):
        x = m(doc, 0, rng.randint(1, 6), place(), SY, None,
              etype=rng.choice(["Battles", "Explosions/Remote violence", "Protests"]))
        if rng.random() < 0.1:
            x.date = None
        return x

    index, clusters = _OpenIndex(25.0), []
    for i in range(300):
        c = Cluster()
        c.add([mention(f"e{i}")])
        index.add(len(clusters), c.mentions[0])
        clusters.append(c)
    joinable = 0
    for j in range(300):
        probe = mention(f"p{j}")
        offered = set(index.candidates(probe))
        accepting = {ci for ci, c in enumerate(clusters) if c.compatible(probe, 25.0) is not None}
        assert accepting <= offered, (probe.place, probe.date, accepting - offered)
        joinable += len(accepting)
    assert joinable > 100  # the check is not vacuous: many probes could join some event


def test_fusion_leaves_the_mentions_as_extracted(knowledge):
    # A mention that refers back to an incident takes the incident's place and day while fusing (the
    # samples tell such raids); the mentions fused, which the store keeps, must stay as extracted, or
    # fusing the store again in the next run reads altered input.
    from conftest import sample_inputs
    from strife.ingest import ingest
    from strife.models import to_dict
    from strife.pipeline import process_documents
    from strife.settings import load_settings

    docs = [d for d in ingest(sample_inputs()) if isinstance(d, Document) and d.status == "ok"]
    mentions = [m for r in process_documents(docs, load_settings(), knowledge) for m in r.mentions]
    before = [to_dict(m) for m in mentions]
    by_id = {d.doc_id: d for d in docs}
    first = fuse(mentions, by_id)
    assert [to_dict(m) for m in mentions] == before
    assert [to_dict(e) for e in fuse(mentions, by_id)] == [to_dict(e) for e in first]


def test_reports_read_while_coding_fuse_as_reports_read_by_fusion(knowledge):
    # A run with worker processes reads each report as its incidents while the workers code the next
    # (fuse.ReportsRead); fusion then uses those readings, and must give what reading them itself gives.
    from conftest import sample_inputs
    from strife.fuse import ReportsRead
    from strife.ingest import ingest
    from strife.models import to_dict
    from strife.pipeline import process_documents
    from strife.settings import load_settings

    docs = [d for d in ingest(sample_inputs()) if isinstance(d, Document) and d.status == "ok"]
    results = list(process_documents(docs, load_settings(), knowledge))
    mentions = [m for r in results for m in r.mentions]
    by_id = {d.doc_id: d for d in docs}
    reading = ReportsRead()
    for r in results:
        reading.add(r.document, r.mentions)
    plain = [to_dict(e) for e in fuse(mentions, by_id)]
    assert [to_dict(e) for e in fuse(mentions, by_id, reading=reading)] == plain
    # the readings are what fusion uses: a report read as telling nothing gives no event
    told = next(r for r in results if r.mentions)
    reading.incidents[told.document.doc_id] = []
    assert len(fuse(mentions, by_id, reading=reading)) < len(plain)
    # a report whose mentions came twice, or a reading made with another distance, is read by fusion
    reading.add(told.document, told.mentions)
    assert [to_dict(e) for e in fuse(mentions, by_id, reading=reading)] == plain
    near = ReportsRead(max_km=5.0)
    near.add(told.document, told.mentions)
    assert near.of(told.document.doc_id, 5.0) and near.of(told.document.doc_id, 25.0) is None


def _claim(claimant, value, doc="d1", start=0, sentence="", single=False, qualifier=None):
    from strife.models import Claim

    return Claim(claimant=claimant, figure="fatalities", value=value, qualifier=qualifier, doc_id=doc,
                 sentence=sentence, start=start, single=single, as_of=dt.date(2024, 3, 8))


def test_one_victim_told_by_a_singular_noun_is_not_a_rival_toll():
    from strife.fuse import _standing

    # "Witnesses said soldiers shot a driver" beside "the shooting left two people dead"
    claims = [_claim("Test Wire", 2, start=0), _claim("witnesses", 1, start=90, single=True)]
    assert _standing(claims)[0] == 2
    # alone, the one victim is the figure
    assert _standing([_claim("witnesses", 1, single=True)]) == (1, 1, 1)


def test_another_victim_told_by_a_singular_noun_is_one_more():
    from strife.fuse import _standing

    # "the body of a herder was found ..." then "gunmen killed another herder nearby"
    one, more = _claim("monitor", 1, single=True), _claim("monitor", 1, start=120, single=True)
    more.another = True
    assert _standing([one, more]) == (2, 2, 2)
    # a toll told beside them stays the figure ("two herders were killed")
    assert _standing([_claim("monitor", 2, start=300), one, more])[0] == 2


def test_a_smaller_figure_later_in_the_same_report_is_no_revision():
    from strife.fuse import _standing

    # "Three soldiers were killed ..." then "... a civilian was killed in another town", one claimant
    assert _standing([_claim("monitor", 3, start=0), _claim("monitor", 1, start=200)])[0] == 3
    # a toll the report says was revised stands
    assert _standing([_claim("monitor", 7, start=0),
                      _claim("monitor", 5, start=200, sentence="The toll was revised to five.")])[0] == 5
    # a later report's figure supersedes
    assert _standing([_claim("monitor", 7, doc="d1"), _claim("monitor", 5, doc="d2")])[0] == 5


def test_a_recap_dated_only_by_its_report_joins_the_event_of_the_days_before():
    # "The strike came a day after troops clashed with rebels near Saraqib, where 23 were killed": dated
    # only by its report, repeating the event's toll
    told = m("b", 0, 5, SARAQIB, SY, REB, etype="Battles", killed=23)
    told.date = TimeInterval(dt.date(2020, 3, 5), dt.date(2020, 3, 5), 2, "published")
    assert len(fuse([m("a", 0, 3, SARAQIB, SY, REB, etype="Battles", killed=23), told], DOCS)) == 1
    # another toll is another happening of the days before
    told.quantities[0].value = 8
    assert len(fuse([m("a", 0, 3, SARAQIB, SY, REB, etype="Battles", killed=23), told], DOCS)) == 2
    # and a day of its own is its own
    told.quantities[0].value = 23
    told.date = TimeInterval(dt.date(2020, 3, 5), dt.date(2020, 3, 5), DAY, "expression")
    assert len(fuse([m("a", 0, 3, SARAQIB, SY, REB, etype="Battles", killed=23), told], DOCS)) == 2


def test_a_reports_context_sentence_does_not_keep_other_reports_out():
    # report a: the clash, and "he said the patrol had been accompanied by a militia" (its report's day)
    context = m("a", 20, 4, SARAQIB, SY, None, etype="Strategic developments")
    context.date = TimeInterval(dt.date(2020, 3, 4), dt.date(2020, 3, 4), 2, "published")
    events = fuse([m("a", 0, 3, SARAQIB, SY, REB, etype="Battles"), context,
                   m("b", 0, 3, SARAQIB, SY, REB, etype="Battles")], DOCS)
    assert len(events) == 1


def test_a_quote_with_no_day_or_town_does_not_vote_the_sides():
    # report a: "a bomb killed three soldiers near Saraqib on Tuesday"; "drivers said troops fired into
    # the bush" (no day or town of its own); report b tells the bomb with rebels as the attacker
    lead = m("a", 0, 3, SARAQIB, None, SY, killed=3)
    quote = m("a", 20, 3, IDLIB, SY, None)
    quote.place_texts = []
    quote.date = TimeInterval(dt.date(2020, 3, 4), dt.date(2020, 3, 4), 2, "published")
    events = fuse([lead, quote, m("b", 0, 3, SARAQIB, REB, SY, killed=3)], DOCS)
    assert len(events) == 1
    assert events[0].actor1 == REB.name


PROTESTERS = Actor("Protesters (Syria)", 6, "SY")
RIOTERS = Actor("Rioters (Syria)", 5, "SY")
POLICE = Actor("Police Forces of Syria", 1, "SY")


def test_a_protest_whose_crowd_is_told_as_violent_is_a_riot():
    # "Police fired tear gas to break up a protest in Saraqib" / "protesters had blocked the road with
    # burning tyres and thrown stones": ACLED's violent demonstration, with the crowd as rioters
    told = [typed(m("a", 0, 3, SARAQIB, PROTESTERS, POLICE), "Protests", "Protest with intervention"),
            typed(m("a", 20, 3, SARAQIB, RIOTERS, None), "Riots", "Violent demonstration"),
            typed(m("b", 0, 3, SARAQIB, PROTESTERS, POLICE), "Protests", "Protest with intervention")]
    events = fuse(told, DOCS)
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == \
        [("Riots", "Violent demonstration", "Rioters (Syria)")]
    # a protest the police broke up, its crowd told as no more than protesting, stays a protest
    events = fuse([told[0], told[2]], DOCS)
    assert [(e.event_type, e.actor1) for e in events] == [("Protests", "Protesters (Syria)")]


def test_wounded_of_two_groups_are_neither_added_nor_rivals_and_a_revised_figure_gives_way():
    from strife.fuse import _reconcile
    from strife.models import Claim

    day = dt.date(2020, 3, 4)

    def said(value, claimant, sentence, side=None, as_of=day, qualifier=None):
        return Claim(claimant, "injured", value, qualifier, "a", sentence, as_of=as_of, victim_side=side)

    police = said(4, "police", "Four policemen were injured by stones, the police said.", side=SY.name)
    witnesses = said(9, "witnesses", "At least nine people were injured, witnesses said.", qualifier="at least")
    hospital = said(14, "hospital", "The hospital has now treated 14 people, up from nine reported on Friday.",
                    as_of=day + dt.timedelta(days=1))
    # four wounded policemen are not a lower reading of the protesters' wounded
    assert _reconcile([police, witnesses], {SY.name}, conservative=False)[0] == 9
    # "up from nine": the hospital's later figure replaces the nine, whoever gave it
    assert _reconcile([police, witnesses, hospital], {SY.name}, conservative=False)[0] == 14
    # the dead keep ACLED's conservative lowest reading
    assert _reconcile([police, witnesses], {SY.name})[0] == 4


def test_a_riot_led_by_a_named_armed_group_is_a_battle_or_an_attack():
    # "Fighters of two clan militias clashed over a well near Saraqib; youths of one side burned
    # homes": the model reads a mob, but named armed groups fighting are a battle to ACLED, and a
    # named militia attacking villagers is violence against civilians; an unnamed crowd stays a riot
    clan_a = Actor("Abu Clan Militia (Syria)", 4, "SY")
    clan_b = Actor("Beni Clan Militia (Syria)", 4, "SY")
    villagers = Actor("Civilians (Syria)", 7, "SY")
    mob = Actor("Unidentified Communal Militia (Syria)", 4, "SY")
    cases = [(clan_a, clan_b, ("Battles", "Armed clash")), (clan_a, villagers, ("Violence against civilians", "Attack")),
             (mob, villagers, ("Riots", "Mob violence")), (RIOTERS, villagers, ("Riots", "Mob violence"))]
    for a1, a2, want in cases:
        (e,) = fuse([typed(m("a", 0, 3, SARAQIB, a1, a2), "Riots", "Mob violence")], DOCS)
        assert (e.event_type, e.sub_event_type) == want, (a1.name, a2.name)


def test_last_week_is_dated_at_the_middle_of_its_days(nlp, knowledge):
    """ "last week", said on a Tuesday: the week before and the Monday (resolve's interval, 4 to 11 March
    2024) are equally likely days; the middle one is at most four days off, the last one up to a week."""
    from strife.extraction import extract_document
    from strife.resolve.stage import resolve_document

    text = "Gunmen shot dead a trader near Gao last week, relatives said."
    doc = Document("w", text, outlet="Wire", published=dt.date(2024, 3, 12))
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    mentions = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)
    assert (mentions[0].date.start, mentions[0].date.end) == (dt.date(2024, 3, 4), dt.date(2024, 3, 11))
    events = fuse(mentions, {"w": doc})
    assert [(e.event_date, e.time_precision) for e in events] == [(dt.date(2024, 3, 7), 2)]


def test_a_protests_dead_are_its_grievance_or_make_it_excessive_force():
    from strife.fuse import _protest_dead

    # the killing a protest is about is an earlier incident: no dead of the protest's own
    grievance = _claim("Test Wire", 1, sentence="Traders marched in Eldoret on Monday demanding the arrest of "
                                                 "the men accused in the murder of a shopkeeper.")
    assert _protest_dead("Protests", "Peaceful protest", [grievance]) == ("Peaceful protest", [])
    anniversary = _claim("Test Wire", 9, sentence="Families gathered in Garissa to mark the anniversary of a raid "
                                                  "that left nine students dead.")
    assert _protest_dead("Protests", "Peaceful protest", [anniversary])[1] == []
    culprits = _claim("Test Wire", 1, sentence="Teachers rallied in Kisumu on Monday calling for the trial of the "
                                                "men who assassinated a school principal.")
    assert _protest_dead("Protests", "Peaceful protest", [culprits])[1] == []
    failure = _claim("Test Wire", 40, sentence="Hundreds marched in Gao on Monday over the failure of the "
                                               "authorities to stop the bombings that claimed the lives of 40 people.")
    assert _protest_dead("Protests", "Peaceful protest", [failure]) == ("Peaceful protest", [])
    # dead in the protest itself: ACLED's excessive force against protesters
    during = _claim("Test Wire", 2, sentence="Two people were killed when police opened fire on marchers in "
                                             "Eldoret on Monday.")
    assert _protest_dead("Protests", "Protest with intervention", [during]) == \
        ("Excessive force against protesters", [during])
    # a riot over an earlier killing does not count it either; its own dead stay, of its own type
    assert _protest_dead("Riots", "Violent demonstration", [grievance]) == ("Violent demonstration", [])
    assert _protest_dead("Riots", "Violent demonstration", [during]) == ("Violent demonstration", [during])
    # another type's dead are left as they are
    assert _protest_dead("Violence against civilians", "Attack", [grievance]) == ("Attack", [grievance])
