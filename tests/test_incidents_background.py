"""Background sentences of an article add no event (issue 13), on an article we wrote: a fictional
week in Niger's Tillaberi region."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.incidents import report_incidents
from strife.models import Document
from strife.modality import refers_back
from strife.resolve.stage import resolve_document

PUB = dt.date(2024, 5, 10)  # a Friday


def _read(doc_id, text, nlp, knowledge, outlet="Sahel Wire"):
    """A report we wrote, read by extract: (document, mentions, tallies)."""
    doc = Document(doc_id, text, outlet=outlet, published=PUB)
    ms, tallies = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    return doc, ms, tallies


ARTICLE = """Gunmen kill five soldiers at a checkpoint near Ayorou

NIAMEY (Sahel Wire) - Gunmen on motorbikes attacked an army checkpoint near Ayorou in western Niger's Tillaberi region on Wednesday, killing five soldiers, the defence ministry said on Thursday.

The ministry said the attackers fled towards the border with Mali after an hour of fighting, and that reinforcements had been sent to the area to search for them. A herder who was grazing his goats beside the road was also killed during the attack, a relative said.

The attack came a week after gunmen killed three traders at a market in Tera. Meanwhile, a soldier was also wounded during the attack, a medic said. The statement came hours after soldiers killed two gunmen near Ouallam.

The army said its aircraft then bombed positions in the towns of Filingue, Maradi, Zinder, Abala and Dosso on Thursday, without saying whether anyone was hurt. Its drones also struck camps near Tillaberi and Tahoua on Thursday.

According to a count kept by a local rights group, 212 soldiers and civilians have been killed in the region since the start of the year. Most of them died in raids, bombings and ambushes by armed groups in the north and west of the region.

A state radio station reported 14 air strikes on suspected camps across the region last week, without giving further details.

Residents of Ayorou said the market had stayed closed on Thursday and that many families were preparing to leave for Tillaberi town, where aid groups run two camps for the displaced.

The governor of the region visited the wounded at the hospital in Tillaberi and promised that the army would stay in the area until the attackers were found. He called on residents to give the security forces any information about the movements of armed men.

The army has been fighting armed groups linked to al-Qaeda and the Islamic State in the region for nearly a decade, and the violence has forced hundreds of thousands of people from their homes. Schools in
many villages of the region have been closed for months, and farmers say they can no longer reach their fields.
"""


@pytest.fixture(scope="module")
def mentions(nlp, knowledge):
    assert len(ARTICLE) > 1500  # read as an article, not a coder's note
    doc, ms, _ = _read("niger", ARTICLE, nlp, knowledge)
    return ms


@pytest.mark.parametrize("words", ["died in raids, bombings", "reported 14 air strikes"])
def test_plural_attacks_with_no_day_or_victims_of_their_own_are_a_summary(mentions, words):
    assert not [m for m in mentions if words in m.sentence]


def test_the_lead_incident_is_kept_with_its_toll(mentions):
    lead = [m for m in mentions if "checkpoint near Ayorou" in m.sentence and "Wednesday" in m.sentence]
    assert lead and sum(q.value for q in lead[0].quantities if q.figure == "fatalities") == 5


@pytest.mark.parametrize("sentence, told_before", [
    ("A herder was also killed during the attack, a relative said.", True),
    ("The woman was killed at the scene, police said.", True),
    ("A herder was killed during an attack on his village.", False),  # an attack not told before
    ("Two soldiers were killed in Ayorou on Tuesday.", False),
])
def test_victims_harmed_in_the_happening_told_before_refer_back(sentence, told_before, nlp):
    from strife.happenings import find_triggers

    sent = next(iter(nlp(sentence).sents))
    casualty = [h for h in find_triggers(sent) if h.family == "casualty"]
    assert casualty and refers_back(casualty[0].token) == told_before


@pytest.fixture(scope="module")
def incidents(nlp, knowledge):
    """The article's incidents (from mentions of their own: resolve changes the mentions it reads)."""
    doc, ms, _ = _read("niger", ARTICLE, nlp, knowledge)
    return report_incidents(resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors))


def test_victims_of_the_attack_told_before_join_its_incident(incidents):
    herder = [i for i in incidents if any("grazing his goats" in m.sentence for m in i.mentions)]
    assert len(herder) == 1 and any("checkpoint near Ayorou" in m.sentence for m in herder[0].mentions)


def _sweep_mentions(towns, found, knowledge):
    """The mentions extract._per_place makes of "bombed positions in <towns>", with `found` the towns
    the gazetteer placed (each as it knows it)."""
    from strife.extraction import _per_place
    from strife.models import Mention

    text = ARTICLE + f"The army said its aircraft bombed positions in {towns} on Thursday.\n"
    start = len(ARTICLE)
    places = []
    for name in found:
        pm = knowledge.gazetteer.find_places(f"in {name}", "NE")[0]
        pm.start = text.index(name, start)
        pm.end = pm.start + len(name)
        places.append(pm)
    base = Mention(mention_id="niger:1", doc_id="niger", sentence=text[start:], start=start, end=len(text),
                   trigger="bombed", trigger_start=start + 25, event_type="Explosions/Remote violence",
                   sub_event_type="Air/drone strike", family="attack", priority=50)
    doc = Document("niger", text, outlet="Sahel Wire", published=PUB)
    return _per_place(base, places, doc, 0)


@pytest.mark.parametrize("towns, mentions", [("Ouallam, Tera, Filingue and Abala", 1), ("Tillaberi and Dosso", 2)])
def test_a_sweep_over_three_or_more_towns_is_one_mention_two_towns_stay_two(towns, mentions, knowledge):
    assert len(_sweep_mentions(towns, towns.replace(" and ", ", ").split(", "), knowledge)) == mentions


def test_a_happening_recalled_after_comes_after_adds_nothing(mentions):
    recalled = [m for m in mentions if "three traders" in m.sentence]
    assert all(not m.quantities for m in recalled)  # the attack told before, not the traders' killing
    assert [m for m in mentions if "two gunmen near Ouallam" in m.sentence]  # "hours after": the day's news


def test_meanwhile_with_the_happening_told_before_is_that_incident(incidents):
    medic = [i for i in incidents if any("a medic said" in m.sentence for m in i.mentions)]
    assert len(medic) == 1 and any("checkpoint near Ayorou" in m.sentence for m in medic[0].mentions)


COUNT = ("Gunmen killed two farmers in the village of Tillia near Menaka on Monday, officials said. "
         + ARTICLE[ARTICLE.index("NIAMEY"):]
         + "As more deaths are recorded, the number of people who were killed in the four regions of the north, "
           "including the districts along the border with Niger and Burkina Faso, rose to 812.\n"
           "The monitor documented the assassination of 240 civilians by armed groups in these regions.\n"
           "In addition, 310 soldiers were killed in the same areas.\n")


def test_a_running_count_and_its_breakdown_are_tallies(nlp, knowledge):
    doc, ms, tallies = _read("count", COUNT, nlp, knowledge)
    assert {812, 240, 310} <= {t.value for t in tallies}
    assert not any(q.value in (812, 240, 310) for m in ms for q in m.quantities)


def test_a_town_the_incident_was_already_told_at_agrees_with_it():
    from strife.incidents import ReportIncident, _places_agree
    from strife.models import Mention, Place, TimeInterval

    def at(start, name, lat, lon, precision=1):
        m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                    trigger_start=start, event_type="Battles", sub_event_type="", family="clash", place_texts=[name])
        m.date = TimeInterval(PUB, PUB)
        m.place = Place(name, "Niger", "NE", "Tillaberi", latitude=lat, longitude=lon, geo_precision=precision)
        return m

    # the incident was told "near Tera" and then at Ayorou (48 km apart, one of them "near"): the next
    # sentence at Ayorou is told where the incident already was
    inc = ReportIncident([at(0, "Ayorou", 14.73, 0.92), at(10, "Tera", 14.01, 0.75, precision=2)])
    assert _places_agree(inc, at(20, "Ayorou", 14.73, 0.92))
    assert not _places_agree(inc, at(20, "Ouallam", 14.32, 2.09))  # a town of its own


@pytest.mark.parametrize("sentence, perceived", [
    ("Residents said they heard explosions before dawn.", True),
    ("Villagers were woken by explosions shortly after midnight.", True),
    ("Gunmen set off explosions at the market on Monday.", False),
])
def test_a_witness_perceiving_a_happening_tells_of_one_told_before(sentence, perceived, nlp):
    from strife.happenings import find_triggers

    sent = next(iter(nlp(sentence).sents))
    nouns = [h for h in find_triggers(sent) if h.token is not None and h.token.lower_ == "explosions"]
    assert nouns and refers_back(nouns[0].token) == perceived


STRIKE = """Army jets strike a camp near Abala

NIAMEY (Sahel Wire) - Air force jets bombed a camp used by armed men near Abala, in Niger's Tillaberi region, before dawn on Wednesday, killing at least eight fighters, a military source said.

The source said the camp had been used to store fuel and motorbikes for raids on villages along the border. "The jets came back three times," he said.

Herders near Abala said they were woken by loud explosions and that soldiers closed the road to Abala for most of the morning.

Funerals were held in Tera on Thursday for six villagers killed in Sunday's raid on a market there, which local officials blamed on gunmen from across the border.

The army has been fighting armed groups linked to al-Qaeda and the Islamic State in the region for nearly a decade. The violence has forced hundreds of thousands of people from their homes, and schools in many villages have been closed for months. Aid groups say that food prices in the markets of the region have doubled since the start of the year, and that many families now eat one meal a day.

The regional governor said in a statement that the security forces would stay in the area until the roads were safe again, and he called on residents to report any movements of armed men to the authorities. Traders in Tillaberi town said that fewer lorries were arriving from the north each week, and that the price of millet and cooking oil had risen again this month. Many shops in the town's main market now open only in the mornings.
"""


@pytest.fixture(scope="module")
def strike_incidents(nlp, knowledge):
    assert len(STRIKE) > 1500  # read as an article, not a coder's note
    doc, ms, _ = _read("strike", STRIKE, nlp, knowledge)
    return report_incidents(resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors))


def _incident_of(incidents, words):
    found = [i for i in incidents if any(words in m.sentence for m in i.mentions)]
    assert len(found) == 1, words
    return found[0]


def test_what_witnesses_perceived_is_the_lead_incident_and_names_none_of_its_sides(strike_incidents):
    from strife.fuse import _voted

    lead = _incident_of(strike_incidents, "bombed a camp")
    assert _incident_of(strike_incidents, "woken by loud explosions") is lead
    assert _voted(lead).actor2 is None or _voted(lead).actor2.inter != 7  # the herders heard it; it hit fighters


def test_a_known_happening_with_its_own_day_and_town_is_another_incident(strike_incidents):
    lead = _incident_of(strike_incidents, "bombed a camp")
    funerals = _incident_of(strike_incidents, "Funerals were held")
    assert funerals is not lead
    assert all(m.date is None or m.date.start != dt.date(2024, 5, 8) for m in funerals.mentions)


def test_a_happening_named_as_known_on_another_day_in_another_town_is_told_elsewhere():
    from strife.incidents import ReportIncident, _told_elsewhere
    from strife.models import Mention, Place, TimeInterval

    def told(start, name, day, anchor="expression"):
        m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                    trigger_start=start, event_type="Violence against civilians", sub_event_type="Attack",
                    family="attack", place_texts=[name])
        m.date = TimeInterval(day, day, anchor=anchor)
        m.place = Place(name, "Niger", "NE", "Tillaberi", latitude=14.0, longitude=1.0, geo_precision=1)
        return m

    wednesday, sunday = dt.date(2024, 5, 8), dt.date(2024, 5, 5)
    inc = ReportIncident([told(0, "Abala", wednesday)])
    assert _told_elsewhere(inc, told(50, "Tera", sunday))  # "Sunday's raid on Tera"
    assert not _told_elsewhere(inc, told(50, "Abala", sunday))  # the incident's own town
    assert not _told_elsewhere(inc, told(50, "Tera", wednesday))  # the incident's own day
    assert not _told_elsewhere(inc, told(50, "Tera", PUB, anchor="published"))  # no day of its own


def test_a_place_the_incidents_own_sentence_named_agrees_with_it():
    from strife.incidents import ReportIncident, _places_agree
    from strife.models import Mention, Place, TimeInterval

    def at(start, name, texts, lat, lon):
        m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                    trigger_start=start, event_type="Protests", sub_event_type="", family="protest", place_texts=texts)
        m.date = TimeInterval(PUB, PUB)
        m.place = Place(name, "Niger", "NE", "Niamey", latitude=lat, longitude=lon, geo_precision=1)
        return m

    # "soldiers fired on protesters in Niamey's Lazaret district" (placed at Niamey), then "residents of
    # Lazaret said five were wounded": the district the lead named
    inc = ReportIncident([at(0, "Niamey", ["Niamey", "Lazaret"], 13.51, 2.11)])
    assert _places_agree(inc, at(20, "Lazaret", ["Lazaret"], 13.55, 2.09))
    assert not _places_agree(inc, at(20, "Dosso", ["Dosso"], 13.05, 3.19))


def test_a_count_over_a_period_until_today_is_no_incident(nlp, knowledge):
    text = ARTICLE + ("Also, three herders and two traders were killed by armed men in the same period, from early "
                      "March until today, the rights group said.\n")
    doc, ms, tallies = _read("count2", text, nlp, knowledge)
    assert not [m for m in ms if "two traders" in m.sentence]


def test_a_sentence_whose_subject_refers_back_to_a_running_totals_dead_is_no_incident(nlp, knowledge):
    # a fictional short article: the sentences after the count tell how the counted died
    text = ("Two herders killed near Ayorou\nGunmen shot dead two herders near Ayorou on Wednesday, residents said.\n"
            "Since the start of the year, a local rights group has counted at least 212 soldiers and civilians killed "
            "in the region. All were killed in raids and ambushes by armed groups in the north and west of the region.\n")
    doc, ms, tallies = _read("retold", text, nlp, knowledge)
    assert tallies and not [m for m in ms if m.sentence.startswith("All were")]
    assert [m for m in ms if "two herders" in m.sentence]


def test_deaths_in_the_past_few_hours_are_an_incident_not_a_running_total(nlp, knowledge):
    # "in the past few hours" is when the incident just told happened, not a period counted over
    text = ("A local monitor has documented the death of three soldiers in an ambush by gunmen near Ayorou in the "
            "past few hours.\n")
    doc, ms, tallies = _read("hours", ARTICLE + text, nlp, knowledge)
    assert not [t for t in tallies if t.value == 3]
    assert [q.value for m in ms if "three soldiers" in m.sentence for q in m.quantities if q.figure == "fatalities"] == [3]


@pytest.mark.parametrize("lead, mentions", [("Troops shell villages\nThe army shelled two villages on Wednesday.\n", 1),
                                            ("", 4)])
def test_a_short_articles_sweep_is_one_mention_a_coders_note_keeps_one_per_town(lead, mentions, knowledge):
    # a short article told in paragraphs is an article, not a coder's note (one paragraph)
    from strife.extraction import _per_place
    from strife.models import Mention

    towns = "Ouallam, Tera, Filingue and Abala"
    sent = f"The army said its aircraft bombed positions in {towns} on Thursday.\n"
    text = lead + sent
    start = len(lead)
    places = []
    for name in towns.replace(" and ", ", ").split(", "):
        pm = knowledge.gazetteer.find_places(f"in {name}", "NE")[0]
        pm.start = text.index(name, start)
        pm.end = pm.start + len(name)
        places.append(pm)
    base = Mention(mention_id="short:1", doc_id="short", sentence=sent, start=start, end=len(text),
                   trigger="bombed", trigger_start=start + 25, event_type="Explosions/Remote violence",
                   sub_event_type="Air/drone strike", family="attack", priority=50)
    doc = Document("short", text, outlet="Sahel Wire", published=PUB)
    assert len(_per_place(base, places, doc, 0)) == mentions


@pytest.mark.parametrize("sentence, told", [
    ("Meanwhile, the assassination attempts have wounded dozens of people in the region.", False),
    ("Meanwhile, the bombings have wounded dozens of people in the region.", False),
    ("Meanwhile, gunmen have wounded four people in Tera.", True),
    ("Meanwhile, the raids on army posts in Tera, Dosso and Abala districts wounded dozens of people.", False)])
def test_happenings_named_as_a_definite_plural_in_the_present_perfect_sum_up_a_period(nlp, knowledge, sentence, told):
    text = ARTICLE + sentence + "\n"
    doc, ms, _ = _read("plural", text, nlp, knowledge)
    assert bool([m for m in ms if m.sentence.startswith("Meanwhile, ") and "people" in m.sentence
                 or m.sentence.startswith("Meanwhile, gunmen")]) == told


def test_happenings_a_number_counts_are_a_statistic(nlp, knowledge):
    text = ARTICLE + "The number of armed clashes across the region more than doubled in April, reaching 40 incidents.\n"
    doc, ms, _ = _read("number", text, nlp, knowledge)
    assert not [m for m in ms if m.sentence.startswith("The number of")]


@pytest.mark.parametrize("text", [
    "On 3 May 2023, a number of traders blocked the main road in Kisumu to protest new market fees.",
    "On 3 May 2023, monitors recorded a total of 40 explosions near the frontline village of Pisky.",
])
def test_a_happening_told_with_its_size_is_an_incident(nlp, knowledge, text):
    # extract._a_number_of: "a number of", "a total of" tell a happening's size, not a statistic
    doc, ms, _ = _read("size", text, nlp, knowledge)
    assert ms


def test_a_short_articles_recalled_happenings_add_no_incident(nlp, knowledge):
    # a short article told in paragraphs recalls as a long one does, a second dated happening included
    text = ("Gunmen kill two on a beach in Tera\nGunmen killed two men on a beach in Tera on Thursday, police said.\n"
            "Thursday's killings come two weeks after two traders were shot dead in Dosso; a driver was wounded in "
            "the 26 April attack.\n")
    doc, ms, _ = _read("recall", text, nlp, knowledge)
    recalled = [m for m in ms if m.sentence.startswith("Thursday's")]
    assert all(not m.quantities for m in recalled)
    assert all(m.date is None or m.date.start != dt.date(2024, 4, 26) for m in recalled)
    assert len(recalled) <= 1


def test_a_short_articles_war_is_no_incident(nlp, knowledge):
    text = ("Gunmen kill two on a beach in Tera\nGunmen killed two men on a beach in Tera on Thursday, police said.\n"
            "Thousands of families fled the fighting across the region.\n")
    doc, ms, _ = _read("war", text, nlp, knowledge)
    assert not [m for m in ms if m.sentence.startswith("Thousands of families")]


@pytest.mark.parametrize("towns, mentions", [("Kwarbeni, Zongodey, Ouallam and Tera", 1), ("Ouallam and Tera", 2)])
def test_a_sweep_counts_the_names_listed_not_only_the_towns_found(towns, mentions, knowledge):
    # two of four names listed are towns the gazetteer knows: still a sweep over four
    assert len(_sweep_mentions(towns, ("Ouallam", "Tera"), knowledge)) == mentions


def test_happenings_counted_in_dozens_sum_up_many_incidents(nlp, knowledge):
    text = ARTICLE + "Meanwhile, the army launched dozens of air strikes on villages across the region, a monitor said.\n"
    doc, ms, _ = _read("dozens", text, nlp, knowledge)
    assert not [m for m in ms if "dozens of air strikes" in m.sentence]


def test_what_an_incident_comes_as_or_amid_is_its_setting(nlp, knowledge):
    text = ARTICLE + "This comes as gunmen attacked a market in Dosso on Tuesday, killing two traders.\n"
    doc, ms, _ = _read("comesas", text, nlp, knowledge)
    assert not [m for m in ms if m.sentence.startswith("This comes as")]


def test_in_the_past_few_hours_is_no_habit(nlp, knowledge):
    # "in the past" tells a habit; "in the past few hours" a recent incident
    text = ARTICLE + "A local monitor has reported a new attack by gunmen on a checkpoint near Tera in the past few hours.\n"
    doc, ms, _ = _read("pasthours", text, nlp, knowledge)
    assert [m for m in ms if "new attack" in m.sentence]


def test_another_province_named_disagrees_with_the_incidents_town():
    # incidents._places_agree: a happening told in another province ("in the eastern countryside of
    # Hama"), with no town of its own, is not at the incident's town in Aleppo
    from strife.incidents import ReportIncident, _places_agree
    from strife.models import Mention, Place, TimeInterval

    def at(start, name, admin1, precision):
        m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                    trigger_start=start, event_type="Explosions/Remote violence", sub_event_type="",
                    family="blast", place_texts=[name])
        m.date = TimeInterval(PUB, PUB)
        m.place = Place(name, "Syria", "SY", admin1, latitude=36.0, longitude=37.0, geo_precision=precision)
        return m

    inc = ReportIncident([at(0, "Khanasir", "Aleppo", 2)])
    assert not _places_agree(inc, at(20, "Hama", "Hama", 3))
    assert _places_agree(inc, at(20, "Aleppo", "Aleppo", 3))


def test_figures_among_the_total_death_toll_are_parts_of_a_running_total(nlp, knowledge):
    # tallies.SENTENCE_CUMULATIVE: "Among the total death toll, there are 52 people, including four
    # children": a breakdown of the running total, no incident's toll
    text = ("The monitor has documented the deaths of 390 people in mine blasts across the country since "
            "January. Among the total death toll, there are 52 shepherds, including four children, who "
            "were killed while grazing their flocks.")
    doc, ms, tallies = _read("toll", text, nlp, knowledge)
    assert not any(q.value in (52, 4) for m in ms for q in m.quantities)


# A short article told in paragraphs: under SHORT_REPORT_CHARS, but no coder's note.
SHORT_ARTICLE = ("Mine blast kills four soldiers near Tera\n"
                 "A roadside mine killed four soldiers near Tera on Tuesday, a monitor said.\n"
                 "Since March 2022 the monitor has documented the killing of 310 soldiers in the region. "
                 "All were killed in raids, bombings and ambushes by armed groups across the region.\n"
                 "Another 95 gunmen were also killed in clashes with the army in the same period.\n")


def test_a_short_articles_running_total_adds_no_incident(nlp, knowledge):
    # extract._a_count and _many_happenings: a short article's paragraphs of counts and summed-up
    # attacks are no incidents, as in a long article
    assert len(SHORT_ARTICLE) < 1500
    doc, ms, _ = _read("shortcount", SHORT_ARTICLE, nlp, knowledge)
    told = [m.sentence for m in ms]
    assert any("roadside mine" in s for s in told)
    assert not [s for s in told if s.startswith(("All were", "Another 95"))]


@pytest.mark.parametrize("sentence, marker", [
    # extract._a_past_year: a bare year gives no date, so the sentence would be dated on the report's day
    ("The insurgency spread to the region in late 2017 when gunmen seized several villages near Tera.", "late 2017"),
    # modality.HABITUAL: "sometimes" tells a habit, not an incident
    ("The gunmen sometimes attack army convoys on the road to Ouallam.", "sometimes attack"),
    # extract._days_apart: the wake is the news; the clash "days after" which it was held is recalled
    ("A wake was held for the herders in Tera, days after gunmen abandoned them in a clash with soldiers.",
     "A wake was held"),
    # extract._the_dead_named: "the killed herders" are dead told before
    ("Relatives said the identities of the killed herders were confirmed by the hospital in Tera.",
     "identities of the killed"),
    # extract._plural_noun: "airstrikes" is tagged VBZ, but the parse makes it the object of "reported":
    # still plural happenings counted, which sum up many incidents
    ("Meanwhile, the rebel-run radio reported 23 Niger-led coalition airstrikes on Tera without giving details.",
     "coalition airstrikes"),
])
def test_background_sentences_add_no_incident(sentence, marker, nlp, knowledge):
    doc, ms, _ = _read("background", ARTICLE + sentence + "\n", nlp, knowledge)
    assert not [m for m in ms if marker in m.sentence]


@pytest.mark.parametrize("sentence", [
    # tallies.CUMULATIVE: a spell of many happenings, or a whole year, counts a running total
    "At least 40 people have been killed in weeks of protests against the new tax, a rights group said.",
    "More than 30 herders have been killed in 2024, a local association said.",
    # tallies.SENTENCE_CUMULATIVE: a campaign's course told as done already counts every figure
    "The violence has already displaced 3,000 people, while at least 60 have been killed by shelling.",
])
def test_cumulative_cues_make_running_totals(sentence, nlp, knowledge):
    doc, ms, tallies = _read("cumul", "Tera, Niger\n" + sentence + "\n", nlp, knowledge)
    assert not any(q.figure == "fatalities" for m in ms for q in m.quantities)
    assert any(t.value in (40, 30, 60) for t in tallies)


def test_a_short_articles_summed_up_attacks_add_no_incident(nlp, knowledge):
    # extract._many_happenings: in a short article told in paragraphs too
    text = ("Mine blast kills four soldiers near Tera\n"
            "A roadside mine killed four soldiers near Tera on Tuesday, a monitor said.\n"
            "Meanwhile, state radio reported 14 air strikes on camps across the region.\n")
    doc, ms, _ = _read("shortmany", text, nlp, knowledge)
    assert not [m for m in ms if "14 air strikes" in m.sentence]


@pytest.mark.parametrize("sentence", ["In another deadly attack, gunmen killed two herders near Tera.",
                                      "A separate suicide attack killed a guard at the gate."])
def test_a_qualified_other_incident_is_told_apart(sentence):
    # incidents.SAID_SEPARATE: one word may qualify the incident noun
    from strife.incidents import SAID_SEPARATE

    assert SAID_SEPARATE.search(sentence)


@pytest.mark.parametrize("part", ["The ministry, after announcing 40 dead on Monday",
                                  "the group, reporting 12 wounded on Sunday"])
def test_a_day_of_another_statement_is_no_neighbours_day(part):
    # resolve.stage._SAID_BEFORE: any form of a statement verb tells the day a statement was made
    from strife.resolve.stage import _SAID_BEFORE

    i = part.rindex(" on ")
    assert _SAID_BEFORE.search(part, 0, i + 1)


def test_thousands_told_dead_so_far_are_no_part_of_a_days_toll(nlp, knowledge):
    # tallies._PERFECT_DEAD: "thousands ... have died" is the campaign's count, not added to Monday's 12
    text = ("Tera, Niger\nThousands of herders have died in the conflict, with 12 herders killed near Tera "
            "on Monday.\n")
    doc, ms, tallies = _read("thousands", text, nlp, knowledge)
    assert sorted(q.value for m in ms for q in m.quantities if q.figure == "fatalities") == [12]
    assert any(t.value == 1000 for t in tallies)


@pytest.mark.parametrize("verb", ["blamed", "tagged", "condemned"])
def test_the_day_blame_was_laid_is_a_statements_day(verb, nlp, knowledge):
    # claimants.SAY_LEMMAS: "blame", "tag", "condemn", "denounce" lay the blame or judge; their day is
    # a statement's, not the killing's
    text = ARTICLE + f"The mayor {verb} the militia on Monday for the killing of a farmer in his field near Tera.\n"
    doc, ms, _ = _read("blame", text, nlp, knowledge)
    told = [m for m in ms if verb in m.sentence]
    assert told and all(m.statement_dated for m in told)


def test_a_count_over_less_than_a_week_is_a_running_total(nlp, knowledge):
    # tallies.CUMULATIVE: "in less than a week" is a spell of many happenings
    text = ARTICLE + "The toll now stands at six herders, all killed by mines near Tera in less than a week.\n"
    doc, ms, tallies = _read("lessweek", text, nlp, knowledge)
    assert not any(q.value == 6 for m in ms for q in m.quantities) and any(t.value == 6 for t in tallies)


def test_a_happening_placed_only_in_the_country_takes_the_reports_province(nlp, knowledge):
    # resolve.stage._beyond_country: "Niger" as the only place says less than the report's main province
    text = ARTICLE + "On Thursday, Niger army jets bombed a village in Niger, killing three herders.\n"
    doc, ms, tallies = _read("country", text, nlp, knowledge)
    ms = resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors, tallies)
    told = [m for m in ms if "bombed a village in Niger" in m.sentence]
    assert told and all(m.place is not None and m.place.kind != "country" and m.place.admin1 for m in told)


def test_a_report_of_a_periods_abuses_tells_its_dated_incidents(nlp, knowledge):
    # resolve.stage._dated_or_counted: when no sentence of the report's own day dates or counts a
    # happening, the incidents it tells with their own day, months back, are its news
    text = ("Rights group documents abuses in western Niger\n"
            "A rights group published a report about abuses across the Tillaberi region over the past year.\n"
            "Armed groups abducted civilians, looted shops and burned schools, the report said.\n"
            "In one incident on 2 February, gunmen killed four herders near Tera, the report said.\n")
    doc, ms, tallies = _read("period", text, nlp, knowledge)
    ms = resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors, tallies)
    assert ms and all("2 February" in m.sentence for m in ms)
