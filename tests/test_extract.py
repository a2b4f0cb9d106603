"""extract on hand-written sentences (real spaCy parse, real lexicons)."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document

PUB = dt.date(2024, 3, 8)  # a Friday


def run(text, nlp, knowledge, outlet="Test Wire", published=PUB):
    doc = Document("t", text, outlet=outlet, published=published)
    return extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)


@pytest.mark.parametrize("sentence, value, qualifier", [
    ("At least 12 soldiers were killed in an ambush near Gao on Tuesday.", 12, "at least"),
    ("As many as 40 civilians were killed when gunmen attacked a market in Mopti on Monday.", 40, "as many as"),
    ("Gunmen killed more than 20 villagers in Zamfara on Wednesday.", 20, "more than"),
    ("Twenty-one people died in the attack on a church in Owo on Sunday, police said.", 21, None),
    ("Dozens of civilians were killed in an air strike on Tuesday.", 12, "dozens"),
    ("Nearly 30 fighters were killed in clashes on Thursday.", 30, "nearly"),
])
def test_fatality_figures_and_qualifiers(sentence, value, qualifier, nlp, knowledge):
    mentions, tallies = run(sentence, nlp, knowledge)
    assert not tallies
    qs = [q for m in mentions for q in m.quantities if q.figure == "fatalities"]
    assert [(q.value, q.qualifier) for q in qs] == [(value, qualifier)]


def test_injured_counted_apart_from_killed(nlp, knowledge):
    mentions, _ = run("A bomb exploded at a bus station in Nairobi on Monday, killing three people and wounding 23.",
                      nlp, knowledge)
    figs = {(q.figure, q.value) for m in mentions for q in m.quantities}
    assert figs == {("fatalities", 3), ("injured", 23)}
    assert mentions[0].event_type == "Explosions/Remote violence"
    assert mentions[0].sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("sentence, claimant", [
    ("Five soldiers were killed in an attack on Tuesday, the defence ministry said.", "defence ministry"),
    ("According to the Syrian Observatory for Human Rights, 14 fighters died in clashes on Monday.",
     "Syrian Observatory for Human Rights"),
    ("Gunmen killed four miners on Wednesday, a local chief told reporters.", "local chief"),
    ("The army tweeted that 30 militants were killed in air strikes on Thursday.", "army"),
    # a relative clause is not part of the claimant's name
    ("Three soldiers were killed near Gao on Tuesday, according to an officer, who spoke on condition of anonymity "
     "because he was not allowed to talk to reporters.", "officer"),
])
def test_claimants(sentence, claimant, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert mentions and mentions[0].claimant == claimant and not mentions[0].claimant_is_outlet


def test_pronoun_claimant_resolves_to_last_named(nlp, knowledge):
    text = ("Two policemen were killed in an ambush in Wajir on Tuesday, the county commissioner said.\n"
            "Three others were wounded in the ambush, he added.")
    mentions, _ = run(text, nlp, knowledge)
    assert [m.claimant for m in mentions] == ["county commissioner", "county commissioner"]


def test_unattributed_figure_is_claimed_by_the_outlet(nlp, knowledge):
    mentions, _ = run("Gunmen killed six traders in Bunia on Tuesday.", nlp, knowledge, outlet="Kivu Times")
    assert mentions[0].claimant == "Kivu Times" and mentions[0].claimant_is_outlet


@pytest.mark.parametrize("sentence", [
    "At least 15 soldiers have been killed in the region this month.",
    "The war has killed more than 300,000 people since 2011.",
    "Some 40 people have been killed so far this year in the province.",
    "The militia has killed 200 civilians in recent weeks, the UN said.",
    "The monitor recorded the deaths of 300 people, including 40 women, in mine blasts since early March 2020.",
    "Of the total number, 25 people were killed while herding goats.",
    "Another 120 fighters were killed in clashes in the same period.",
    "More than 200 soldiers were killed and 90 wounded during 140 ambushes and raids, the rebels said.",
    # a month is no day: the month's sum of many incidents (tallies._days_told)
    "In March, more than 300 soldiers were killed during 120 shootouts and ambushes across the north.",
])
def test_cumulative_figures_are_tallies_not_incidents(sentence, nlp, knowledge):
    mentions, tallies = run(sentence, nlp, knowledge)
    assert tallies, sentence
    assert not any(q.figure == "fatalities" for m in mentions for q in m.quantities)


def test_the_last_hours_are_no_running_period(nlp, knowledge):
    """ "... where fierce clashes took place during the last hours": the time of the incident just told
    (as "the past few hours"), not a period that makes the sentence a campaign's summary."""
    text = ("The monitor has documented a new attack by rebels on army positions near Gao, where fierce "
            "clashes took place during the last hours.")
    mentions, tallies = run(text, nlp, knowledge)
    assert mentions and not tallies


def test_a_day_keeps_many_happenings_an_incident(nlp, knowledge):
    """ "On Monday, 40 soldiers were killed in three attacks": a day gives the attacks' sum to one day's
    incidents, not to a running total (tallies._days_told)."""
    mentions, tallies = run("On Monday, 40 soldiers were killed in three attacks across the province of Gao.", nlp, knowledge)
    assert not tallies and [q.value for m in mentions for q in m.quantities if q.figure == "fatalities"] == [40]


@pytest.mark.parametrize("sentence", [
    "The army denied that soldiers had fired on protesters in Kisumu on Tuesday.",
    "Insurgents threatened to attack the town of Mueda.",
    "The government plans to deploy more troops to the province.",
    "Rebels could attack the capital if talks fail.",
    "Did the police kill the two students?",
    "No one was killed in the incident, police said.",
])
def test_non_asserted_happenings_are_not_events(sentence, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert mentions == [], [(m.trigger, m.event_type) for m in mentions]


@pytest.mark.parametrize("sentence, event_type, sub_event_type", [
    ("Hundreds of teachers marched to parliament in Nairobi on Monday to demand higher pay.",
     "Protests", "Peaceful protest"),
    ("Police fired tear gas to disperse protesters in Kisumu on Tuesday.", "Protests", "Protest with intervention"),
    ("Rioters burned tyres and pelted police with stones in Mombasa on Tuesday.", "Riots", "Violent demonstration"),
    ("A mob lynched a suspected thief in Kisii on Sunday.", "Riots", "Mob violence"),
    ("Police arrested 12 suspected militants in Garissa on Friday.", "Strategic developments", "Arrests"),
    ("Gunmen abducted three aid workers near Dadaab on Thursday.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Warplanes bombed the town of Ariha on Tuesday.", "Explosions/Remote violence", "Air/drone strike"),
    ("Troops and rebels clashed near Goma on Wednesday.", "Battles", "Armed clash"),
    ("A grenade was hurled at a bar in Mandera on Saturday, wounding five.", "Explosions/Remote violence", "Grenade"),
    ("Two women were raped by soldiers in Kiwanja on Tuesday.", "Violence against civilians", "Sexual violence"),
])
def test_event_types(sentence, event_type, sub_event_type, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert mentions, sentence
    assert (mentions[0].event_type, mentions[0].sub_event_type) == (event_type, sub_event_type)


def test_conjoined_towns_become_separate_mentions(nlp, knowledge):
    mentions, _ = run("Government jets bombed the towns of Gao and Kidal on Tuesday.", nlp, knowledge)
    assert sorted(m.place_texts[0] for m in mentions) == ["Gao", "Kidal"]


def test_including_subcount_is_marked_as_subset(nlp, knowledge):
    mentions, _ = run("At least 14 villagers, including four women, were killed when gunmen raided the market on "
                      "Monday.", nlp, knowledge)
    qs = {(q.value, q.subset) for m in mentions for q in m.quantities}
    assert (14, False) in qs and (4, True) in qs


@pytest.mark.parametrize("sentence, supported, backer", [
    ("The army's advance on Jilib was supported by American air strikes on Monday, officials said.",
     "Military Forces of Somalia", "Military Forces of the United States"),
    ("American drones covered the Somali troops' attack on al-Shabaab fighters near Jilib on Monday.",
     "Military Forces of Somalia", "Military Forces of the United States"),
    ("Somali troops, backed by American air strikes, attacked al-Shabaab bases near Jilib on Monday.",
     "Military Forces of Somalia", "Military Forces of the United States"),
    ("Kenyan artillery shelled al-Shabaab bases near Jilib in support of Somali troops on Monday.",
     "Military Forces of Somalia", "Military Forces of Kenya"),
    ("Somali troops attacked al-Shabaab bases near Jilib under cover of Kenyan artillery fire on Monday.",
     "Military Forces of Somalia", "Military Forces of Kenya"),
])
def test_fire_in_support_of_another_side(sentence, supported, backer, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert mentions, sentence
    m = mentions[0]
    assert knowledge.actors.resolve(m.actor1_text, "SO").name == supported
    assert m.backer == backer


@pytest.mark.parametrize("sentence", [
    "Somali troops, backed by the United States, attacked al-Shabaab bases near Jilib on Monday.",
    "US-backed Somali troops attacked al-Shabaab bases near Jilib on Monday.",
    "Somali troops attacked al-Shabaab bases near Jilib under cover of darkness on Monday.",
])
def test_backing_not_named_as_fire_is_no_support(sentence, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert mentions and all(m.backer is None for m in mentions)


def test_the_owner_of_hit_targets_is_the_side_hit(nlp, knowledge):
    mentions, _ = run("Ethiopia retaliated on Sunday and 15 rebel targets were hit and destroyed, the defence "
                      "ministry said.", nlp, knowledge)
    m = mentions[0]
    assert (m.event_type, m.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert m.actor1_text == "Ethiopia forces" and m.actor2_text == "rebel"


@pytest.mark.parametrize("sentence, sub_event_type", [
    ("The army responded by hitting rebel positions near Bambari on Sunday.", "Shelling/artillery/missile attack"),
    ("Warplanes struck rebel positions near Bambari on Sunday.", "Air/drone strike"),
])
def test_positions_hit_without_ground_fighting_are_remote_violence(sentence, sub_event_type, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert (mentions[0].event_type, mentions[0].sub_event_type) == ("Explosions/Remote violence", sub_event_type)


def test_positions_stormed_are_a_battle(nlp, knowledge):
    mentions, _ = run("Soldiers stormed and destroyed rebel positions near Bambari on Sunday.", nlp, knowledge)
    assert mentions[0].event_type == "Battles"


def test_the_town_is_the_town_just_named(nlp, knowledge):
    text = ("Police reinforcements reached Garissa on Monday morning.\n"
            "Two officers were shot dead inside the town hours later, the county commander said.")
    mentions, _ = run(text, nlp, knowledge)
    shot = [m for m in mentions if "shot dead" in m.sentence]
    assert shot and shot[0].place_texts == ["Garissa"]


def test_the_town_hall_is_not_a_reference_to_a_town(nlp, knowledge):
    text = ("Police reinforcements reached Garissa on Monday morning.\n"
            "Two officers were shot dead outside the town hall hours later, the county commander said.")
    mentions, _ = run(text, nlp, knowledge)
    shot = [m for m in mentions if "shot dead" in m.sentence]
    assert shot and shot[0].place_texts == []


def test_a_country_that_carried_out_the_strikes_is_the_attacker(nlp, knowledge):
    mentions, _ = run("The air strikes on the camp were carried out by Ethiopia, a war monitor said on Sunday.",
                      nlp, knowledge)
    assert mentions and mentions[0].actor1_text == "Ethiopia forces"


def test_positions_attacked_are_not_taken_for_shelling(nlp, knowledge):
    mentions, _ = run("Militants attacked a police position near Mandera on Sunday.", nlp, knowledge)
    assert mentions[0].event_type == "Battles"


@pytest.mark.parametrize("sentence, value", [
    ("Three officers died in the ambush near Gao on Tuesday.", 3),
    ("Both victims died in hospital in Mopti on Tuesday.", 2),
    ("The victim died on the way to the clinic in Gao on Tuesday.", 1),
    ("On 9 May, a man was found dead in his shop in Gao.", 1),
    ("Police shot dead a teacher in Kaya on Tuesday.", 1),
    ("The raid on the market in Mopti on Tuesday caused 4 fatalities.", 4),
    ("Police gunned down three suspected robbers in Kayes on Sunday.", 3),
    ("Gunmen hacked two farmers to death near Mopti on Monday.", 2),
    ("Two men were beaten to death by a crowd in Segou on Monday.", 2),
    ("Moussa Keita, a school teacher, was murdered in Segou on Sunday.", 1),
    ("A rebel commander with his four bodyguards were killed in a raid near Gao on Monday.", 5),
    ("Two militants were killed near Gao on Monday. The army said the Taliban were killed by their own bomb.", 2),
])
def test_deaths_told_with_died_victim_and_fatalities_are_counted(sentence, value, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert sum(q.value for m in mentions for q in m.quantities if q.figure == "fatalities") == value


@pytest.mark.parametrize("sentence, value", [
    ("Soldiers killed 2 militants 5 km from Gao on Tuesday.", 2),
    ("Gunmen armed with 7.62 mm rifles killed three herders in Mopti on Tuesday.", 3),
    ("A 45-year-old man was killed by gunmen in Gao on Tuesday.", 1),
    ("Raiders killed nine sheep and two herders near Gao on Tuesday.", 2),
    ("Gunmen burned 3 vehicles and killed 4 traders in Gao on Tuesday.", 4),
    ("On Monday, jets executed more than 30 airstrikes on rebel positions near Gao.", 0),
    ("Jets carried out nearly 50 airstrikes near Gao on Monday, killing 6 fighters.", 6),
])
def test_units_ages_calibres_animals_and_vehicles_are_not_casualties(sentence, value, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert sum(q.value for m in mentions for q in m.quantities if q.figure == "fatalities") == value


def test_an_alternative_figure_is_not_added(nlp, knowledge):
    mentions, _ = run("On Tuesday, 2 policemen were killed (5 according to the rebels) when their truck hit a mine "
                      "near Gao.", nlp, knowledge)
    qs = [q for m in mentions for q in m.quantities if q.figure == "fatalities"]
    assert sorted((q.value, q.alternative) for q in qs) == [(2, False), (5, True)]
    assert next(q for q in qs if q.alternative).claimant == "the rebels"


def test_a_coders_figure_note_is_the_figure(nlp, knowledge):
    mentions, _ = run("On 3 March 2024, shelling by the army killed 6 civilians in Gao. Fatalities coded as 0 "
                      "(a local radio reported 6).", nlp, knowledge)
    assert [q.value for m in mentions for q in m.quantities if q.figure == "fatalities"] == [0]


def test_a_short_report_with_no_known_happening_keeps_its_lead_incident(nlp, knowledge):
    mentions, _ = run("On 4 March 2024, al-Shabaab reached an agreement with a clan militia in Jilib.", nlp, knowledge)
    assert [(m.event_type, m.sub_event_type) for m in mentions] == [("Strategic developments", "Other")]
    mentions, _ = run("On 4 March 2024, about 40 teachers gathered outside the town hall in Gao over unpaid wages.",
                      nlp, knowledge)
    assert [m.event_type for m in mentions] == ["Protests"]
    mentions, _ = run("The army denied that soldiers had fired on a crowd in Gao on Tuesday.", nlp, knowledge)
    assert mentions == []


@pytest.mark.parametrize("sentence, value", [
    ("Monitors documented the death of four militiamen near Gao on Monday.", 4),
    ("Monitors documented the killing of a herder near Gao on Monday.", 1),
    ("Drivers protested in Gao on Monday against the killing of a fellow driver.", 0),
    ("The colonel was arrested in Gao on Monday over his role in the killing of 11 youths.", 0),
])
def test_the_death_of_is_counted_unless_it_is_a_reason(sentence, value, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    assert sum(q.value for m in mentions for q in m.quantities if q.figure == "fatalities") == value


@pytest.mark.parametrize("sentence, value", [
    # the number hung on a possessive inside the noun phrase counts the phrase's noun
    ("Two civilian People's Militia fighters were killed in a shootout near Gao on Monday.", 2),
    # a number parsed as `meta` counts the plural or proper noun right after it
    ("At least 28 Houthis were killed in air strikes near Marib on Sunday.", 28),
    ("Marib: At least 28 Houthis were killed in air strikes on Sunday, a government source said.", 28),
    # a singular victim joined to a counted one
    ("Three soldiers and a policeman were killed in an ambush near Gao on Monday.", 4),
    ("Gunmen killed a farmer and his wife at their home near Mopti on Monday.", 2),
    # a name after "the death of" is one person
    ("The blast near Gao on Monday caused the death of Ali Musa and wounded two others.", 1),
    # the state in which a victim was found
    ("On Monday a trader who had been missing for a week was found beheaded near Mopti.", 1),
    # a number after a name is part of the name, not a count
    ("A teacher was shot dead by gunmen at camp Zone 6 near Gao on Monday.", 1),
    # a range is one figure: its low is the toll, its high a reading of the same victims
    ("Between 10 and 15 villagers were killed when gunmen raided Ogossagou on Monday.", 10),
    ("One soldier was killed and between two and four were wounded in an ambush near Gao on Monday.", 1),
    # casualty nouns joined are not victims joined ("the wounding of three" is injured)
    ("The clash near Gao on Monday resulted in the death of four rebels and the wounding of three soldiers.", 4),
    # the victims of an earlier happening, named again with "the", are not added
    ("After the seven soldiers were killed on Sunday, troops killed 13 rebels near Gao on Monday.", 13),
    # the word for the killing gives its dead
    ("Police in Gao on Monday opened an inquiry into the double murder of a trader and his son.", 2),
    # "another" joined to a victim is one more; "the head of" a body is a person, not cattle
    ("Monitors documented the killing of a member of one militia and another of its ally near Gao on Monday.", 2),
    ("Soldiers killed the deputy head of the rebel council and two other fighters near Gao on Monday.", 3),
    ("Raiders killed a herder and 40 head of cattle near Gao on Monday.", 1),
    # a death told by its body
    ("On Monday the body of a herder was found on the road to Mopti.", 1),
])
def test_figure_phrases(sentence, value, nlp, knowledge):
    mentions, _ = run(sentence, nlp, knowledge)
    qs = [q for m in mentions for q in m.quantities if q.figure == "fatalities" and not q.subset and not q.alternative]
    assert sum(q.value for q in qs) == value


def test_a_range_keeps_its_high_as_an_upper_bound(nlp, knowledge):
    mentions, _ = run("Between 10 and 15 villagers were killed when gunmen raided Ogossagou on Monday.", nlp, knowledge)
    qs = sorted((q.value, q.qualifier, q.alternative) for m in mentions for q in m.quantities if q.figure == "fatalities")
    assert qs == [(10, "at least", False), (15, "up to", True)]


def test_a_period_in_a_superlative_is_no_running_total(nlp, knowledge):
    mentions, tallies = run("Troops killed 23 rebels in a battle near Gao on Wednesday, the army said, in one of the "
                            "heaviest clashes reported in the region this year.", nlp, knowledge)
    assert not tallies
    assert [q.value for m in mentions for q in m.quantities if q.figure == "fatalities"] == [23]
    _, tallies = run("At least 30 soldiers have been killed in the region this year.", nlp, knowledge)
    assert [t.value for t in tallies] == [30]


def test_a_second_victim_is_the_toll_and_a_toll_by_another_source_is_its_reading(nlp, knowledge):
    mentions, _ = run("A second man has died of gunshot wounds sustained when police fired on protesters in Gao on "
                      "Friday, hospital officials said, as a rights group put the death toll at three.", nlp, knowledge)
    qs = sorted((q.value, q.alternative, q.claimant) for m in mentions for q in m.quantities if q.figure == "fatalities")
    assert qs == [(2, False, None), (3, True, "a rights group")]


def test_the_wounded_refer_back_and_a_count_naming_a_told_raid_is_no_incident(nlp, knowledge):
    from strife.modality import refers_back

    doc = nlp("The wounded were flown by helicopter to the hospital in Mopti.")
    assert refers_back(next(t for t in doc if t.lower_ == "wounded"))
    text = ("Gunmen raided the village of Ogossagou in Mopti region on Monday night, killing nine civilians, "
            "the mayor said. " * 24 + "At least 30 people have been killed in the region so far this month, including "
            "the civilians who died in Monday night's raid on Ogossagou.")
    mentions, tallies = run(text, nlp, knowledge)
    assert [t.value for t in tallies][-1] == 30
    assert not any("so far this month" in m.sentence for m in mentions)


def test_a_part_of_a_running_total_is_no_incident_figure(nlp, knowledge):
    mentions, tallies = run("Soldiers have killed at least 1,080 people since February, according to a monitor's "
                            "count, 54 of which died in custody.", nlp, knowledge)
    assert [t.value for t in tallies] == [1080]
    assert not [q for m in mentions for q in m.quantities if q.figure == "fatalities"]
