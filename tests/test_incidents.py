"""A news article read as the incidents it tells of (extract -> resolve -> incidents), on a report we
wrote: a fictional week in Mali's Mopti region. Each test names the rule it checks."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.incidents import report_incidents
from strife.models import Document
from strife.resolve.stage import resolve_document

PUB = dt.date(2024, 3, 8)  # a Friday


def mentions_of(doc_id, text, nlp, knowledge):
    """The mentions extract reads in one report we wrote."""
    doc = Document(doc_id, text, outlet="Sahel Wire", published=PUB)
    return extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[0]

ARTICLE = """Gunmen kill villagers in central Mali as army reports losses

BAMAKO (Sahel Wire) - Gunmen on motorbikes attacked the village of Ogossagou in central Mali's Mopti region on Wednesday, killing at least 11 civilians and burning granaries, local officials said.

The mayor of Bankass said on Thursday that the death toll had risen to 14, and that six people were being treated at the health centre in Bankass.

The raid is the latest sign that armed groups move freely between the border with Burkina Faso and the Niger river, residents say.

Every time an attack happens, the market in Bankass closes and prices go up again, said a trader.

At least 30 soldiers have been killed in the region so far this month, according to a count kept by Sahel Wire.

Separately, the army said on Friday that two soldiers were killed when their vehicle struck an explosive device near Boni on Thursday morning.

The army also said on Friday that one soldier was killed by sniper fire near Douentza.

Humanitarian groups say more than 300,000 people have fled their homes in the centre of the country since 2018, and aid agencies warn that the lean season will make matters worse for the families who have arrived in Mopti town this year.

The United Nations mission has condemned the violence and called on the authorities to investigate the killings in Ogossagou without delay. A delegation of community leaders from the Dogon and Fulani communities met the regional governor in Mopti town to discuss the return of displaced families before the rains, the governor's office said in a statement.
"""


@pytest.fixture(scope="module")
def incidents(nlp, knowledge):
    assert len(ARTICLE) > 1500  # read as an article, not a coder's note
    doc = Document("mali", ARTICLE, outlet="Sahel Wire", published=PUB)
    mentions, tallies = extract_document(doc, nlp(ARTICLE), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    mentions = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)
    return report_incidents(mentions), tallies


def _with(incs, words):
    return [i for i in incs if any(words in m.sentence for m in i.mentions)]


def test_a_statement_about_the_lead_adds_to_it_and_keeps_its_day(incidents):
    incs, _ = incidents
    raid = _with(incs, "Ogossagou in central")
    assert len(raid) == 1
    assert any("risen to 14" in m.sentence for m in raid[0].mentions)
    assert raid[0].lead.date.start == dt.date(2024, 3, 6)  # Wednesday, not the mayor's Thursday


def test_a_definite_reference_is_the_incident_told_before(incidents):
    incs, _ = incidents
    assert all(not any(m.sentence.startswith("The raid is the latest") for m in i.mentions) or
               any("Ogossagou in central" in m.sentence for m in i.mentions) for i in incs)


def test_a_habit_and_a_count_are_not_incidents(incidents):
    incs, tallies = incidents
    assert not _with(incs, "Every time an attack")
    assert not _with(incs, "At least 30 soldiers")
    assert any(t.value == 30 for t in tallies)


def test_the_same_source_counting_other_dead_tells_another_incident(incidents):
    incs, _ = incidents
    bomb, sniper = _with(incs, "explosive device near Boni"), _with(incs, "sniper fire")
    assert len(bomb) == 1 and len(sniper) == 1 and bomb[0] is not sniper[0]
    # the army spoke on Friday; the bomb went off on Thursday
    assert bomb[0].lead.date.start == dt.date(2024, 3, 7)


def test_a_statement_day_is_only_a_bound(nlp):
    from strife.modality import statement_date
    from strife.resolve import timex

    s = "The ministry said on Friday that rebels had attacked the base on Tuesday."
    sent = next(nlp(s).sents)
    found = {t.text: statement_date(t, sent) for t in timex.find_time_expressions(s) if t.kind == "point"}
    assert found == {"on Friday": True, "on Tuesday": False}


@pytest.mark.parametrize("sentence", [
    "Al-Shabaab, which usually claims its attacks on its radio station, had made no mention of the ambush by Sunday.",
    "The gang often raids cattle posts in the district, residents said.",
    "Schools stayed shut in the province, which the insurgency has ravaged since 2019.",
    "Jets continue flying over the desert east of Gao, striking hideouts of the militants.",
    "Residents of the villages near Mopti have continued to hold daily protests against the curfew.",
])
def test_habits_and_things_not_told_are_not_incidents(sentence, nlp, knowledge):
    text = LONG_PREFIX + sentence
    doc = Document("habit", text, outlet="Sahel Wire", published=PUB)
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    assert not [m for m in mentions if m.sentence.strip() == sentence]


# Background that tells no happening, to make a report long enough to be read as an article.
LONG_PREFIX = ("The regional council met on Monday to discuss the budget for schools and clinics. " * 20)


def test_a_toll_told_far_from_its_noun_and_an_increase(nlp, knowledge):
    s = ("The death toll from an attack by gunmen on a market in the northern town of Kaya rose to 12 on "
         "Tuesday after three more bodies were found.")
    ms = mentions_of("toll", s, nlp, knowledge)
    counted = [q.value for m in ms for q in m.quantities if q.figure == "fatalities" and not q.subset]
    assert counted == [12]


def test_two_happenings_dated_apart_in_one_sentence_keep_their_own_figures(nlp, knowledge):
    s = ("Gunmen killed at least six herders in a raid on the village of Tillia on Sunday night, and a roadside "
         "bomb killed four soldiers near Menaka on Monday.")
    ms = mentions_of("two", s, nlp, knowledge)
    by_day = {m.time_text: sorted(q.value for q in m.quantities if q.figure == "fatalities") for m in ms}
    assert by_day == {"on Sunday night": [6], "on Monday": [4]}


def test_deaths_told_on_another_day_in_one_sentence_are_another_happening(nlp, knowledge):
    # the happening told apart is a death ("were killed"), not only an attack or a clash
    s = ("On Wednesday, two rebels and a soldier were killed in an encounter near Menaka while another rebel "
         "was killed in a clash on Friday, the army said.")
    ms = mentions_of("dead", s, nlp, knowledge)
    by_day = {m.time_text: sum(q.value for q in m.quantities if q.figure == "fatalities") for m in ms}
    assert by_day == {"On Wednesday": 3, "on Friday": 1}
    # a death told as what the happening followed is its cause, not a happening told apart
    s = ("At least ten houses were torched early on Monday in a village near Menaka after a trader was killed "
         "on Sunday night.")
    ms = mentions_of("cause", s, nlp, knowledge)
    assert len(ms) == 1
    # one day told twice (a dateline and "today") is one happening's day
    s = ("MENAKA, 8 March 2024 - One trader was killed and at least five people were injured in Menaka today "
         "when police used tear gas and live rounds to disperse a protest by traders.")
    ms = mentions_of("today", s, nlp, knowledge)
    assert len(ms) == 1


def test_a_description_fits_a_named_group_but_not_the_state(knowledge):
    from strife.fuse import _same_side
    from strife.models import Actor

    rebels = Actor("Opposition Rebels (Mali)", 2, "ML")
    jnim = Actor("JNIM: Group for Support of Islam and Muslims", 2, "ML")
    army = Actor("Military Forces of Mali (2021-)", 1, "ML")
    assert _same_side(rebels, jnim) and _same_side(jnim, rebels)
    assert not _same_side(rebels, army)


PROTEST = """Police fire on displaced families protesting over food rations in Nampula

NAMPULA (Sahel Wire) - Police fired live rounds at displaced families who were protesting over cuts to food rations in Nampula city on Thursday, witnesses said.

Protesters burned tyres and threw stones at a police station, and the crowd was dispersed with tear gas by the afternoon.

One of the wounded, a woman of forty, died overnight at the central hospital, a nurse told Sahel Wire.

The hospital said it had treated eleven people injured in the unrest.
""" + ("The provincial council met on Monday to discuss the budget for schools and clinics. " * 15)


def test_a_protest_its_riot_and_a_death_with_no_one_named_are_one_incident(nlp, knowledge):
    doc = Document("protest", PROTEST, outlet="Sahel Wire", published=PUB)
    mentions, _ = extract_document(doc, nlp(PROTEST), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    mentions = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)
    incs = report_incidents(mentions)
    assert len(incs) == 1
    assert any("died overnight" in m.sentence for m in incs[0].mentions)


def _m(start, a1, a2, event_type="Battles", family="attack", figures=(), place="Gao", day=dt.date(2024, 3, 4)):
    from strife.models import Mention, Place, Quantity, TimeInterval

    m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                trigger_start=start, event_type=event_type, sub_event_type="", family=family,
                place_texts=[place], quantities=[Quantity(figure="fatalities", value=v) for v in figures])
    m.date = TimeInterval(day, day)
    m.place = Place(place, "Mali", "ML", "Gao", latitude=16.27, longitude=-0.04)
    m.actor1, m.actor2 = a1, a2
    return m


ARMY = ("Military Forces of Mali (2021-)", 1, "ML")
POLICE = ("Police Forces of Mali (2021-)", 1, "ML")
JNIM = ("JNIM: Group for Support of Islam and Muslims", 2, "ML")


def test_a_state_force_left_without_a_side_fights_on_its_country_side():
    from strife.models import Actor

    lead = _m(0, Actor(*ARMY, side="ML"), Actor(*JNIM, side="JNIM"), figures=(4,))
    told_on = _m(10, Actor(*POLICE), Actor(*JNIM, side="JNIM"))  # (a later step gave no side)
    assert len(report_incidents([lead, told_on])) == 1


def test_other_sides_with_no_victims_on_the_same_day_and_town_are_the_parse_not_an_incident():
    from strife.models import Actor

    lead = _m(0, Actor(*ARMY, side="ML"), Actor(*JNIM, side="JNIM"), figures=(4,))
    # "The battle was the second in the town this week": sides read otherwise, nothing counted
    noise = _m(10, Actor(*ARMY, side="ML"), Actor("Civilians (Mali)", 7, "ML", side="Civilians (Mali)"),
               event_type="Violence against civilians")
    assert len(report_incidents([lead, noise])) == 1
    # ... but the side that was hit striking back is a retaliation, and counted victims are others
    hit_back = _m(10, Actor(*JNIM, side="JNIM"), Actor(*ARMY, side="ML"), event_type="Explosions/Remote violence")
    victims = _m(10, Actor("Unidentified Communal Militia (Mali)", 4, "ML"), Actor("Civilians (Mali)", 7, "ML"),
                 event_type="Violence against civilians", figures=(3,))
    # another party acting beside it ("allied artillery shelled the army") is another incident too
    other_party = _m(10, Actor("Military Forces of Niger", 8, "NE", side="NE"), Actor(*ARMY, side="ML"),
                     event_type="Explosions/Remote violence")
    for other in (hit_back, victims, other_party):
        assert len(report_incidents([lead, other])) == 2
    # a protest over the killing is an event of its own, as is another town told with its own name
    protest = _m(10, Actor("Protesters (Mali)", 6, "ML"), None, event_type="Protests", family="protest")
    elsewhere = _m(10, Actor("Unidentified Communal Militia (Mali)", 4, "ML"), Actor(*ARMY, side="ML"), place="Ansongo")
    for other in (protest, elsewhere):
        assert len(report_incidents([lead, other])) == 2


TALLY_LIST = ("Gunmen killed two farmers in the village of Tillia near Menaka on Monday, officials said. " + LONG_PREFIX
              + "The monitor has recorded 500 deaths in the region since early March 2020. Also, four members of "
              "the foreign force were killed.\n- 120 soldiers, including 9 officers\nMeanwhile, the ruling party "
              "condemned the attack.")


def test_a_running_total_carried_on_and_a_meanwhile_reaction_are_no_incidents(nlp, knowledge):
    doc = Document("list", TALLY_LIST, outlet="Sahel Wire", published=PUB)
    mentions, tallies = extract_document(doc, nlp(TALLY_LIST), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    mentions = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)
    assert {t.value for t in tallies} >= {500, 4}
    incs = report_incidents(mentions)
    assert len(incs) == 1 and not any(q.value in (4, 120) for m in incs[0].mentions for q in m.quantities)


def test_a_happening_named_by_its_day_refers_back(nlp):
    from strife.modality import refers_back

    sent = next(nlp("Dozens have died this month, including the villagers killed in Monday night's raid.").sents)
    raid = next(t for t in sent if t.lower_ == "raid")
    assert refers_back(raid)
    assert not refers_back(next(t for t in nlp("Gunmen raided a village on Monday night.") if t.lemma_ == "raid"))


def test_this_comes_as_tells_another_incident():
    from strife.models import Actor

    lead = _m(0, Actor(*ARMY), Actor(*JNIM), figures=(11,))
    other = _m(50, Actor(*ARMY), Actor(*JNIM))
    other.sentence = "This comes as soldiers raided a rebel camp on the highway."
    assert len(report_incidents([lead, other])) == 2
    other.sentence = "Soldiers raided a rebel camp on the highway."
    assert len(report_incidents([lead, other])) == 1


def test_another_sources_count_of_the_same_dead_is_the_same_incident():
    from strife.models import Actor

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*JNIM), Actor(*ARMY), event_type=bomb, figures=(3,))
    lead.quantities[0].victim_side = "ML"
    # "Drivers said four soldiers had died and that troops fired into the bush": no day or town of its own
    quote = _m(50, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(4,), place="Mali")
    quote.quantities[0].victim_side = "ML"
    quote.place = None
    quote.date.anchor = "published"
    quote.claimant = "drivers"
    assert len(report_incidents([lead, quote])) == 1
    quote.quantities[0].victim_side = "JNIM"
    assert len(report_incidents([lead, quote])) == 2


def test_the_dead_taken_for_the_doer_name_no_other_side():
    from strife.models import Actor, Quantity

    lead = _m(0, Actor(*JNIM), Actor(*ARMY), figures=(3,))
    # "Three of our men died at the scene": the parse made "men" the doer
    dead = _m(50, Actor("Rioters (Mali)", 5, "ML"), None, family="casualty")
    dead.actor1_text, dead.place, dead.date.anchor = "men", None, "published"
    dead.quantities = [Quantity(figure="fatalities", value=3, victim="our men")]
    assert len(report_incidents([lead, dead])) == 1
    dead.actor1_text = "rioters"
    assert len(report_incidents([lead, dead])) == 2


def test_harm_with_no_doer_fits_a_side_any_sentence_of_the_incident_names():
    """"Police broke up the march ... a doctor said one man died of gunshot wounds ... four police
    officers were injured by stones": the officers are a side the incident's protest sentence names,
    though not its best-dated sentence's (the shooting's)."""
    from strife.models import Actor, Quantity

    gunmen, civilians = ("Unidentified Armed Group (Mali)", 3, "ML"), ("Civilians (Mali)", 7, "ML")
    protest = _m(0, Actor("Protesters (Mali)", 6, "ML"), Actor(*POLICE), event_type="Protests", family="protest")
    protest.date.anchor = "narrative"  # (the day told in the next sentence)
    shot = _m(2, Actor(*gunmen), Actor(*civilians), event_type="Violence against civilians", family="casualty",
              figures=(1,))
    hurt = _m(50, Actor(*gunmen), Actor(*POLICE), family="casualty")
    hurt.quantities = [Quantity(figure="injured", value=4)]
    hurt.place, hurt.place_texts = None, []
    incs = report_incidents([protest, shot, hurt])
    assert len(incs) == 1 and incs[0].lead.start == 2
    assert len(report_incidents([shot, hurt])) == 2  # no sentence names the police: another incident


def test_the_same_toll_within_a_day_at_the_town_or_its_province_is_one_incident_told_again():
    """"Militants killed 14 soldiers in an ambush near Gao on Monday ... The army said its convoy came
    under fire and 14 soldiers died": the parse reads the sides otherwise, the toll tells the same dead."""
    from strife.models import Actor, Place

    def other(figures=(14,), day=dt.date(2024, 3, 4)):
        return _m(50, Actor(*ARMY, side="ML"), Actor("Civilians (Mali)", 7, "ML", side="Civilians (Mali)"),
                  event_type="Violence against civilians", figures=figures, day=day)

    ambush = _m(0, Actor(*JNIM, side="JNIM"), Actor(*ARMY, side="ML"), figures=(14,))
    assert len(report_incidents([ambush, other()])) == 1
    # "The ministry said on Tuesday that 14 soldiers were killed in Gao region": the statement's day, the province
    said = other(day=dt.date(2024, 3, 5))
    said.place = Place("Gao", "Mali", "ML", "Gao", kind="admin1", latitude=16.5, longitude=0.5)
    assert len(report_incidents([ambush, said])) == 1
    # another toll, two days apart, the dead of another side, or one victim (a common toll): two incidents
    theirs = other()
    ambush.quantities[0].victim_side, theirs.quantities[0].victim_side = "ML", "JNIM"
    for o in (other(figures=(3,)), other(day=dt.date(2024, 3, 6)), theirs):
        assert len(report_incidents([ambush, o])) == 2
    one = _m(0, Actor(*JNIM, side="JNIM"), Actor(*ARMY, side="ML"), figures=(1,))
    assert len(report_incidents([one, other(figures=(1,))])) == 2


def test_a_happening_that_harmed_no_one_is_not_the_one_that_killed():
    """"Observers documented the killing of two fighters in shelling on Tessit ... The army also shelled
    areas near Gao, but no casualties were reported": the shelling that harmed no one does not lend the
    killing its place, in an article or a short note."""
    from strife.models import Actor

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(2,))
    lead.place.geo_precision = 3  # ("in southern Gao region")
    shelled = _m(2, Actor(*ARMY), Actor(*JNIM), event_type=bomb)  # (the next sentence)
    shelled.place.geo_precision = 1
    shelled.sentence = "The army also shelled areas near Gao, but no casualties were reported."
    assert len(report_incidents([lead, shelled])) == 2
    assert len(report_incidents([lead, shelled], note=True)) == 2
    shelled.sentence = "The army also shelled areas near Gao."
    assert len(report_incidents([lead, shelled])) == 1
    assert len(report_incidents([lead, shelled], note=True)) == 1


def test_a_sentence_opened_as_the_next_item_does_not_give_the_lead_its_town():
    """"Observers documented the death of a civilian in shelling on Gao region ... Moreover, three
    civilians were wounded by mortar fire on Tessit": the next item of a list is another happening."""
    from strife.models import Actor, Quantity

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(1,))
    lead.place.geo_precision = 3
    wounded = _m(2, Actor(*ARMY), Actor(*JNIM), event_type=bomb, place="Tessit")
    wounded.place.geo_precision = 1
    wounded.quantities = [Quantity(figure="injured", value=3)]
    wounded.sentence = "Moreover, three civilians were wounded by mortar fire on Tessit."
    assert len(report_incidents([lead, wounded])) == 2
    wounded.sentence = "Three civilians were wounded by mortar fire on Tessit."
    assert len(report_incidents([lead, wounded])) == 1


def test_also_opening_a_sentence_does_not_move_on():
    """"Also killed in the attack was a teacher from Tessit": more of the same incident, not a list's
    next item."""
    from strife.models import Actor

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(1,))
    lead.place.geo_precision = 3
    more = _m(2, Actor(*ARMY), Actor(*JNIM), event_type=bomb, place="Tessit", figures=(1,))
    more.place.geo_precision = 1
    more.sentence = "Also killed in the attack was a teacher from Tessit."
    assert len(report_incidents([lead, more])) == 1


def test_a_short_note_moves_on_to_another_incident():
    """ "Monitors documented three fighters killed by a mine near Gao. On the other hand, the army shelled
    a village in Mopti.": in a short note too, a sentence opened as the next item of a list tells another
    happening (incidents._moves_on), not more of the one before."""
    from strife.models import Actor

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(3,))
    shelled = _m(2, Actor(*ARMY), Actor(*JNIM), event_type=bomb)
    shelled.sentence = "On the other hand, the army shelled a village in Mopti."
    assert len(report_incidents([lead, shelled], note=True)) == 2
    shelled.sentence = "The army shelled a village in Mopti."
    assert len(report_incidents([lead, shelled], note=True)) == 1


def test_incidents_of_one_day_place_kind_and_actors_are_one_event():
    """ "Jets bombed rebel convoys in Gao on Monday, killing 12. Meanwhile, rebel radio reported 20 air
    strikes on Gao.": told apart by "meanwhile", but ACLED codes one event per day, place, kind of event
    and pair of actors (incidents._one_acled_event); another kind of event stays apart."""
    from strife.models import Actor

    bomb = "Explosions/Remote violence"
    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type=bomb, figures=(12,))
    told = _m(5, Actor(*ARMY), Actor(*JNIM), event_type=bomb)
    told.sentence = "Meanwhile, rebel radio reported 20 air strikes on Gao."
    for m in (lead, told):
        m.place.geo_precision = 1
    assert len(report_incidents([lead, told])) == 1
    told.event_type = "Battles"
    assert len(report_incidents([lead, told])) == 2
    # ("In a separate attack, ...": told as another incident, it stays one)
    told.event_type, told.sentence = bomb, "In a separate strike, jets bombed a depot in Gao."
    assert len(report_incidents([lead, told])) == 2


def test_a_town_told_for_an_incident_no_sentence_placed_is_where_it_was():
    """ "Authorities executed four men, the movement said on Saturday. The execution was witnessed by
    crowds in the town of Mopti.": the first sentence names no place (it has the report's main province,
    Gao), so the town told after a locative word places the incident (incidents._placed_by_guess); a
    town named in a list ("Mopti, Kayes and Segou traders ...") does not."""
    from strife.models import Actor, Place

    lead = _m(0, Actor(*ARMY), Actor(*JNIM), event_type="Violence against civilians", figures=(4,))
    lead.place_texts = []
    lead.place = Place("Gao", "Mali", "ML", "Gao", kind="admin1", latitude=16.5, longitude=0.5)
    told = _m(2, Actor(*ARMY), Actor(*JNIM), event_type="Violence against civilians", place="Mopti")
    told.place = Place("Mopti", "Mali", "ML", "Mopti", latitude=14.49, longitude=-4.19)
    told.place.geo_precision = 1
    told.sentence = "The execution was witnessed by crowds in the town of Mopti."
    assert len(report_incidents([lead, told])) == 1
    told.sentence = "Mopti, Kayes and Segou traders watched the execution."
    assert len(report_incidents([lead, told])) == 2


def test_a_short_note_that_opens_a_sentence_on_another_province_moves_on(nlp, knowledge):
    """A brief that goes on "In Mopti, ..." tells another incident; a coder's note that names another
    province later in a sentence ("linked to clashes in Mopti") does not (incidents.other_province)."""
    brief = ("Soldiers shelled a village near Gao on Wednesday, killing two civilians, residents said. "
             "In Mopti, gunmen shot dead a trader near Bankass on Wednesday.")
    doc = Document("b", brief, outlet="Sahel Wire", published=PUB)
    mentions = resolve_document(doc, mentions_of("b", brief, nlp, knowledge), knowledge.gazetteer, knowledge.actors)
    assert len(report_incidents(mentions, note=True)) == 2
    note = ("Soldiers shelled a village near Gao on Wednesday, killing two civilians. The shelling was linked "
            "to clashes in Mopti, where gunmen had shot dead a trader near Bankass on Wednesday.")
    doc = Document("n", note, outlet="Sahel Wire", published=PUB)
    mentions = resolve_document(doc, mentions_of("n", note, nlp, knowledge), knowledge.gazetteer, knowledge.actors)
    assert len(report_incidents(mentions, note=True)) == 1


@pytest.mark.parametrize("sentence, incident", [
    # a running-total cue inside a negation counts nothing: the strikes are an incident
    ("Jets carried out eight air strikes on the outskirts of Gao, with no casualties reported so far.", True),
    ("No fewer than 30 soldiers have been killed so far in the offensive around Gao.", False),
])
def test_so_far_in_a_negation_is_no_running_total(sentence, incident, nlp, knowledge):
    assert bool(mentions_of("s", sentence, nlp, knowledge)) == incident
