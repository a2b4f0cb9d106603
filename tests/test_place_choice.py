"""Which of the places a sentence names is where its happening was (resolve's place step), on
sentences we wrote. Each test names the rule it checks."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document
from strife.resolve.stage import resolve_document

PUB = dt.date(2024, 5, 10)


def _placed(nlp, knowledge, text, outlet="Wire", published=PUB):
    doc = Document("t", text, outlet=outlet, published=published)
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    return resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)


def test_a_town_in_the_countryside_of_a_province_is_the_town(nlp, knowledge):
    # "countryside of Idlib" names the province, and a province named so must not hide the town the
    # sentence places the happening in
    ms = _placed(nlp, knowledge, "A landmine killed two shepherds near the town of Saraqib in the eastern "
                                 "countryside of Idlib on Tuesday, activists said.")
    assert ms and ms[0].place.name == "Saraqib" and ms[0].place.geo_precision <= 2


def test_the_countryside_of_a_province_alone_is_the_province(nlp, knowledge):
    ms = _placed(nlp, knowledge, "Shelling killed a farmer in the western countryside of Idlib on Tuesday, "
                                 "activists said.")
    assert ms and ms[0].place.kind == "admin1" and ms[0].place.admin1 == "Idleb"


@pytest.mark.parametrize("text, town", [
    ("ILOILO CITY – Two soldiers were killed when rebels ambushed a patrol in Passi town on Tuesday, the "
     "army said.", "Passi"),
    ("Lashkargah (Wire) Three policemen were killed when a roadside bomb hit their car in Marjah on "
     "Tuesday, officials said.", "Marjah"),
])
def test_a_dateline_gives_way_to_a_town_of_its_province(nlp, knowledge, text, town):
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].place.name == town


def test_a_dateline_stays_when_the_only_other_town_lies_in_another_province(nlp, knowledge):
    # a town far from where the report was filed is as likely a namesake read wrong
    ms = _placed(nlp, knowledge, "ILOILO CITY – Two soldiers were killed when rebels ambushed a patrol in "
                                 "Palo on Tuesday, the army said.")
    assert ms and ms[0].place.admin1 == "Western Visayas"


def test_a_name_repeated_does_not_outvote_the_provinces_named_once(knowledge):
    gaz = knowledge.gazetteer
    text = ("Shelling hit Idlib, Hama and Latakia overnight, a relative of the Ortega family said. Neighbours "
            "of the Ortega family fled, and the house of the Ortega family burned.")  # (a hamlet in Colombia)
    assert gaz.document_country(text) == "SY"
    # a town told three times still outweighs an outlet's country told once
    note = "Rebels shelled a base in Kidal town (Kidal, Kidal). The base at Kidal was hit twice."
    assert gaz.document_country(note, prior="BF") == "ML"


def test_places_in_two_provinces_are_two_incidents():
    from strife.incidents import report_incidents
    from strife.models import Mention, Place, TimeInterval

    def mention(start, name, admin1, lat, lon, precision):
        m = Mention(mention_id=f"x:{start}", doc_id="x", sentence="s", start=start, end=start + 1, trigger="t",
                    trigger_start=start, event_type="Explosions/Remote violence", sub_event_type="",
                    family="attack", place_texts=[name])
        m.date = TimeInterval(PUB, PUB)
        m.place = Place(name, "Syria", "SY", admin1, latitude=lat, longitude=lon, geo_precision=precision)
        return m

    # a mountain range in one province and a town 20 km off in the next: "near" places, but two incidents
    lead = mention(0, "Jabal Example", "Lattakia", 35.80, 36.20, 2)
    other = mention(10, "Example Town", "Hama", 35.70, 36.35, 1)
    assert len(report_incidents([lead, other])) == 2
    same = mention(10, "Example Village", "Lattakia", 35.75, 36.30, 1)
    assert len(report_incidents([lead, same])) == 1


def test_location_keeps_the_reports_spelling_and_admin1_the_coders(nlp, knowledge):
    ms = _placed(nlp, knowledge, "A car bomb killed four people in Khan Sheikhoun on Tuesday, activists said.")
    assert ms and ms[0].place.told == "Khan Sheikhoun" and ms[0].place.name != "Khan Sheikhoun"
    ms = _placed(nlp, knowledge, "Shelling killed a farmer in the western countryside of Idlib on Tuesday, "
                                 "activists said.")
    assert ms and ms[0].place.told == "Idlib" and ms[0].place.admin1 == "Idleb"


def test_a_loose_reading_keeps_the_gazetteers_name(knowledge):
    from strife.models import Place
    from strife.resolve.stage import _told

    class Match:  # a consonant-skeleton reading: the report's word is no spelling the gazetteer has
        surface = "Saraqub town"

    p = _told(Place("Saraqib", "Syria", "SY", "Idleb"), Match(), knowledge.gazetteer)
    assert p.told is None
    Match.surface = "Saraqeb town"  # a known spelling, its kind word dropped
    p = _told(Place("Saraqib", "Syria", "SY", "Idleb"), Match(), knowledge.gazetteer)
    assert p.told == "Saraqeb"


def _found(gaz, text, cc=None):
    return [(pm.surface, pm.place.name, pm.place.admin1) for pm in gaz.find_places(text, cc)]


def test_a_local_government_area_and_its_state_are_places(knowledge):
    # Nigeria's districts are told as "X Local Government Area of Y State": neither is an organisation's name
    got = _found(knowledge.gazetteer, "Gunmen killed a trader in Guma Local Government Area of Benue State.")
    assert ("Benue State", "Benue", "Benue") in got and any(s == "Guma" for s, _, _ in got)


def test_a_township_is_a_place_word(knowledge):
    got = _found(knowledge.gazetteer, "Resistance fighters ambushed a convoy in Pyinmana Township on Monday.")
    assert any(name == "Pyinmana" for _, name, _ in got)


def test_a_province_with_a_lowercase_article_contains_the_village(knowledge):
    # no village of that name is known in the province named: the province, not a namesake elsewhere
    got = _found(knowledge.gazetteer, "Gunmen shot a guard near al-Qasrah village in the southern countryside "
                                      "of al-Raqqa province.", "SY")
    assert got and all(a1 == "Ar Raqqa" for _, _, a1 in got)


FILLER = " The district has seen repeated raids over the past year, and schools have stayed closed." * 18


@pytest.mark.parametrize("text, day, town", [
    # the day and town in the sentence before: that sentence tells no happening of its own
    ("A family in Ciudad Victoria, Tamaulipas, sat down to dinner on Tuesday when armed men arrived. Within "
     "minutes the men shot three of them." + FILLER, dt.date(2024, 5, 7), "Ciudad Victoria"),
    # the statement's day is the latest the happening can be; the next sentence tells its own day
    ("The army said on Thursday that it had destroyed a rebel camp in Borno. The operation was carried out near Bama on "
     "May 6, according to a spokesman." + FILLER, dt.date(2024, 5, 6), None),
])
def test_a_day_told_in_the_next_sentence_is_the_happenings(nlp, knowledge, text, day, town):
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].date.start == day
    if town:
        assert ms[0].place.name == town


@pytest.mark.parametrize("after", [
    "In a statement on Thursday, the police named the suspects.",  # the day it was said
    "The police had not named the suspects by Thursday evening.",  # a deadline
    "Traders threatened to close the market on Monday.",  # a day ahead
])
def test_a_day_said_planned_or_bounding_is_not_taken(nlp, knowledge, after):
    text = "Gunmen shot dead two traders at a market in Borno. " + after + FILLER
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].date.anchor == "published"


def test_a_calendar_date_beats_a_day_told_relative_to_another(nlp, knowledge):
    ms = _placed(nlp, knowledge, "Soldiers repelled an attack on Monday. On May 5, a day earlier, gunmen had stormed a "
                                 "checkpoint in Gao, killing two guards." + FILLER)
    storm = [m for m in ms if "stormed" in m.sentence]
    assert storm and storm[0].time_text == "On May 5" and storm[0].date.start == dt.date(2024, 5, 5)


def test_a_calendar_date_of_another_clause_does_not_beat_the_days_own_weekday(nlp, knowledge):
    ms = _placed(nlp, knowledge, "Rebels captured the town of Gao again on Tuesday after losing it to the army on "
                                 "2 April." + FILLER)
    cap = [m for m in ms if "captured" in m.sentence]
    assert cap and cap[0].time_text == "on Tuesday"


def test_an_events_province_outranks_its_country():
    from strife.fuse import fuse
    from strife.models import DAY, Actor, Mention, Place, TimeInterval

    day = dt.date(2024, 5, 9)
    country = Place("Burkina Faso", "Burkina Faso", "BF", None, None, 12.2, -1.6, None, "country", 0, 3)
    sahel = Place("Sahel", "Burkina Faso", "BF", "Sahel", None, 14.0, -0.5, None, "admin1", 0, 3)
    army = Actor("Military Forces of Burkina Faso", 1, "BF")

    def mention(start, place):
        return Mention(f"d:{start}", "d", "s", start, start + 10, "attack", start, "Battles", "Armed clash",
                       actor1=army, date=TimeInterval(day, day, DAY), place=place, place_texts=[place.name])

    # the lead names only the country; the next sentence the province
    events = fuse([mention(0, country), mention(20, sahel)], {"d": Document("d", "", outlet="W", published=day)})
    assert len(events) == 1 and events[0].admin1 == "Sahel"


def test_the_fasting_month_is_not_a_town(knowledge):
    got = _found(knowledge.gazetteer, "A woman was shot dead on Sunday before the end of the Ramadan fast in Kef, "
                                      "in north-western Tunisia.", "TN")
    assert [name for _, name, _ in got] == ["El Kef", "Tunisia"]


def test_a_short_reports_dateline_is_not_its_default_place(nlp, knowledge):
    for head in ("JAKARTA –", "JAKARTA, May 10 (Wire) --"):
        text = (head + " Armed separatists burned a school in Papua province on Monday, police said. "
                "On Tuesday, a soldier was shot dead in a remote highland district.")
        ms = _placed(nlp, knowledge, text)
        shot = [m for m in ms if "shot dead" in m.sentence]
        assert shot and shot[0].place.admin1 == "Papua"


def test_a_running_totals_day_is_not_taken(nlp, knowledge):
    # a running total's day is that of a happening it counts ("including those who died in Monday's
    # ambush"), not the day of the happening told next to it
    text = ("More than 40 people have been killed in Borno so far this month, including the traders who died in "
            "Monday's ambush near Gwoza. Gunmen shot dead two farmers at a market in Borno." + FILLER)
    doc = Document("t", text, outlet="Wire", published=PUB)
    mentions, tallies = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    assert tallies
    ms = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors, tallies)
    farmers = [m for m in ms if "farmers" in m.sentence]
    assert farmers and farmers[0].date.anchor == "published"


def test_a_place_in_a_relative_clause_about_a_participant_is_not_the_happenings(nlp, knowledge):
    # where the displaced once fled from is their past, not where they protest
    ms = _placed(nlp, knowledge, "Hundreds of displaced families, many of whom fled fighting in Macomia, blocked "
                                 "the main road in Pemba on Tuesday to protest against cuts to food aid.")
    assert ms and {m.place.name for m in ms} == {"Pemba"}


def test_a_relative_clause_telling_where_the_happening_went_on_keeps_its_place(nlp, knowledge):
    ms = _placed(nlp, knowledge, "Islamic State fighters launched an attack on army positions on Tuesday, during "
                                 "which they seized two posts near Saraqib, activists said.")
    assert ms and ms[0].place.name == "Saraqib"


def test_an_english_word_first_in_its_sentence_is_not_a_loose_spelling_of_a_town(knowledge):
    # read by their consonants alone these words are towns somewhere; first in a sentence (or after
    # an opening quote) they are English words that the sentence capitalized
    got = _found(knowledge.gazetteer, "Police found the car near Culiacan. Instead of fleeing, the men hid. "
                                      "Sincerely, the committee. The “Pearls of the Lake” choir sang.", "MX")
    assert [s for s, _, _ in got] == ["Culiacan"]


def test_a_word_after_a_family_name_particle_is_a_surname(knowledge):
    # "Cid" is a town's name or code elsewhere; after "Del" it is a woman's family name
    got = _found(knowledge.gazetteer, "Neighbours said Del Cid had moved back to San Miguel in March.")
    assert [s for s, _, _ in got] == ["San Miguel"]


def test_central_america_is_a_region_not_the_united_states(knowledge):
    got = _found(knowledge.gazetteer, "Gang violence across Central America drives families north.")
    assert not any(name == "United States" for _, name, _ in got)


def test_a_datelines_country_weighs_in_the_reports_country(knowledge):
    # the wire names the country it filed from; repeated mentions of where migrants go do not outvote it
    text = ("SANTA ANA, El Salvador (AP) — A bus driver was shot dead on Monday. His brother wants to reach the "
            "United States. Many young men leave for the United States, for America, each year.")
    assert knowledge.gazetteer.document_country(text) == "SV"


def test_a_street_or_neighbourhood_named_for_a_place_is_not_that_place(knowledge):
    # streets and neighbourhoods of a town are often named for states and capitals; the happening is
    # in the town the report names, not in the state or capital the street is named for
    got = _found(knowledge.gazetteer, "Gunmen shot a taxi driver at the corner of Sinaloa and Durango streets, "
                                      "in the La Paz neighborhood of Culiacan, and fled along Calle Morelos.", "MX")
    assert [s for s, _, _ in got] == ["Culiacan"]
    # the neighbourhoods of a city, in the plural, are the city's
    assert [s for s, _, _ in _found(knowledge.gazetteer, "Shells fell on the Daraa neighbourhoods.")] == ["Daraa"]


def test_a_nickname_the_report_gives_is_a_person_wherever_it_is_told_again(knowledge):
    # a gang leader's nickname is a town's name somewhere; once the report says it is his alias, it is
    # him in every later sentence too
    text = ("Police in Culiacan arrested Juan Perez, alias 'El Fuerte', on Monday. Neighbours said El Fuerte "
            "had run the market for years. A note signed by ‘El Salto’ was left beside the body.")
    got = _found(knowledge.gazetteer, text, "MX")
    assert [s for s, _, _ in got] == ["Culiacan"]


def test_the_bylines_name_is_its_author_not_a_place(knowledge):
    text = "\"Victoria Salas\" for Border Desk\nGunmen killed two men in Culiacan on Friday, as covered by Victoria here."
    got = _found(knowledge.gazetteer, text, "MX")
    assert [s for s, _, _ in got] == ["Culiacan"]


def test_the_state_of_a_name_is_the_state_and_says_the_country(knowledge):
    # "the state of Nayarit" is the state, not a town named for it, and it says the country
    text = "A gunfight broke out on Tuesday in the state of Nayarit near the Benito Juarez town square."
    assert knowledge.gazetteer.document_country(text) == "MX"
    got = _found(knowledge.gazetteer, text, "MX")
    assert [(s, name) for s, name, _ in got] == [("Nayarit", "Nayarit")]


def test_a_peoples_name_before_region_is_their_province(knowledge):
    # a demonym is no place, except where a province bears the people's name and the report calls it
    # a region
    got = _found(knowledge.gazetteer, "Troops intercepted two fighters in Ethiopia's Somali region on Monday.", "ET")
    assert ("Somali region", "Somali", "Somali") in got
    assert not _found(knowledge.gazetteer, "Somali troops and Somali state media reported the raid.", "ET")


def test_a_dated_dateline_anchors_the_reports_days(nlp, knowledge):
    # reposted a month later, the report still means the Friday of its dateline's week
    text = ("Kisumu, Apr 05: Two men were shot dead by police in Kondele on Friday, officials said. "
            "Residents blocked the road in protest.")
    doc = Document("t", text, outlet="Wire", published=dt.date(2024, 5, 10))
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    ms = resolve_document(doc, mentions, knowledge.gazetteer, knowledge.actors)
    shot = [m for m in ms if "shot dead" in m.sentence]
    assert shot and shot[0].date.start == dt.date(2024, 4, 5)  # a Friday; not 10 May's week
    assert doc.published == dt.date(2024, 5, 10)  # the report's own record is unchanged


def test_the_sides_listed_after_clashes_between_are_not_places(knowledge):
    # clans and tribes often bear a town's name; listed as the sides of a clash they are not where it was
    got = _found(knowledge.gazetteer, "Six people died in clashes between Talodi, Rufaa and the Hawazma in "
                                      "South Kordofan.", "SD")
    assert [s for s, _, _ in got] == ["South Kordofan"]
    # with a place word before the list, the names are places
    got = _found(knowledge.gazetteer, "Six people died in fighting between the villages of Talodi and Kadugli.", "SD")
    assert [s for s, _, _ in got] == ["Talodi", "Kadugli"]


def test_a_report_of_an_old_incident_alone_keeps_it(nlp, knowledge):
    # the news is an officer's dismissal; the one happening it tells, two months back, is its incident
    text = ("Police in Kisumu have dismissed an officer for killing a hawker. The officer allegedly shot the "
            "hawker at a bar in Kondele on March 2 at about 11 p.m. The commander said he would be charged.")
    ms = _placed(nlp, knowledge, text, published=dt.date(2024, 5, 10))
    assert ms and all(m.date.start == dt.date(2024, 3, 2) for m in ms)
    # beside news of its own day, the same old incident stays background
    text2 = text + " On Thursday, gunmen shot dead two traders in Kisumu."
    doc2 = Document("t2", text2, outlet="Wire", published=dt.date(2024, 5, 10))
    mentions, _ = extract_document(doc2, nlp(text2), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    ms = resolve_document(doc2, mentions, knowledge.gazetteer, knowledge.actors)
    assert ms and all(m.date.start != dt.date(2024, 3, 2) for m in ms)


def test_a_short_reports_day_told_in_a_sentence_of_its_own_dates_its_incident(nlp, knowledge):
    # a short report tells one incident; the day it names in a sentence that tells no happening of its
    # own is that incident's, even two sentences away (and not the day of the statement about it)
    text = ("A shopkeeper was shot dead outside his store in Culiacan. Relatives quickly arrived at the scene. "
            "It was around noon on Tuesday when the first shots were heard. In a statement on Thursday, "
            "prosecutors said they had no suspects.")
    ms = _placed(nlp, knowledge, text, published=dt.date(2024, 5, 10))  # a Friday
    shot = [m for m in ms if "shot dead" in m.sentence]
    assert shot and shot[0].date.start == dt.date(2024, 5, 7)


def test_the_reports_province_carries_its_district_when_all_its_towns_lie_in_one(nlp, knowledge):
    # the report names two towns of one district; a sentence that names no place is in the province,
    # and in that district
    text = ("The family of a soldier from Jamindan, Capiz, asked for justice on Monday. Neighbours in Tapaz said "
            "rebels had taken him from a farm. He was later shot three times with his hands tied." + FILLER)
    ms = _placed(nlp, knowledge, text)
    shot = [m for m in ms if "shot three times" in m.sentence]
    assert shot and shot[0].place.admin1 == "Western Visayas" and shot[0].place.admin2 == "Capiz"


def test_the_name_after_a_passive_by_is_who_did_it_not_a_place(nlp, knowledge):
    # "as reported by Florencia": the agent of a passive is a person; a town is "in" or "near"
    ms = _placed(nlp, knowledge, "Two farmers were shot dead in the hills on Tuesday, as first reported by "
                                 "Florencia in her column, relatives said.")
    assert ms and all("Florencia" not in m.place_texts for m in ms)
    ms = _placed(nlp, knowledge, "Two farmers were shot dead near Florencia on Tuesday, relatives said.")
    assert ms and ms[0].place_texts == ["Florencia"] and ms[0].place.name == "Florencia"


@pytest.mark.parametrize("text, town", [
    ("Hundreds of nurses in Ghana marched in the capital on Monday to demand unpaid allowances.", "Accra"),
    ("Riot police fired tear gas at students protesting in Senegal's capital on Friday.", "Dakar"),
])
def test_the_capital_is_the_capital_city(nlp, knowledge, text, town):
    # resolve._capital_said: "in the capital", "<country>'s capital" name the country's capital city
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].place.name == town and ms[0].place.geo_precision == 1


def test_a_provincial_capital_is_not_the_national_capital(nlp, knowledge):
    ms = _placed(nlp, knowledge, "Hundreds of nurses in Ghana marched in the regional capital on Monday to "
                                 "demand unpaid allowances.")
    assert ms and ms[0].place.name != "Accra"


def test_the_town_given_with_its_district_and_province_is_the_place(nlp, knowledge):
    # _with_container: "a hamlet near Balade village (Bossaso, Bari)" is coded at the town the note
    # locates with its district and province, not at the first town it names
    ms = _placed(nlp, knowledge, "On 3 May 2025, militants attacked a checkpoint at Bosaso airport road near "
                                 "Balade village (Bossaso, Bari), killing two soldiers.")
    assert ms and ms[0].place.name == "Balade"


def test_a_town_of_another_province_than_the_one_named_is_not_the_place(nlp, knowledge):
    # _outside_named_province: the sentence names the province; a town of that name elsewhere in the
    # country is a namesake, and the town the sentence names in that province is the place
    ms = _placed(nlp, knowledge, "On 2 June 2024, soldiers clashed with rebels in Banti, a hamlet near "
                                 "Tembagapura in Papua province, killing one soldier.")
    assert ms and ms[0].place.name == "Tembagapura"


@pytest.mark.parametrize("text, n", [
    ("Gunmen opened fire on an army checkpoint on the road between Tera and Dosso on Tuesday, residents said.", 1),
    ("Gunmen opened fire on army checkpoints in Tera and Dosso on Tuesday, residents said.", 2)])
def test_two_towns_after_between_bound_one_stretch(nlp, knowledge, text, n):
    # the towns a road runs between place one incident; towns only conjoined are two targets
    doc = Document("t", text, outlet="Wire", published=PUB)
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    assert len(mentions) == n


def test_a_name_told_as_an_administrative_unit_is_no_target_of_its_own(knowledge):
    # "near Tera, Dosso region": the region the town lies in, not a second town attacked
    from strife.places import split_conjoined

    text = "Soldiers destroyed a camp near Tera, Dosso region on Friday."
    places = []
    for name in ("Tera", "Dosso"):
        pm = knowledge.gazetteer.find_places(f"in {name}", "NE")[0]
        pm.start = text.index(name)
        pm.end = pm.start + len(name)
        places.append(pm)
    assert all(p.place.geo_precision == 1 for p in places)
    assert len(split_conjoined(places, text)) == 1
    assert len(split_conjoined(places, text.replace(" region", ""))) == 2


def test_a_village_the_gazetteer_lacks_is_the_location_near_the_town_known(nlp, knowledge):
    # "the village of Tell Barsoum" (a name we made up) is no gazetteer entry: the event is written at
    # that village, with the coordinates of Saraqib, near which the report places it, and says so
    from strife.fuse import fuse

    text = "Shelling killed two farmers in the village of Tell Barsoum near Saraqib on Tuesday, activists said."
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].place.name == "Saraqib" and ms[0].place.village == "Tell Barsoum"
    e = fuse(ms, {"t": Document("t", text, outlet="Wire", published=PUB)})[0]
    saraqib = knowledge.gazetteer.resolve("Saraqib", "SY")
    assert (e.location, e.geo_precision, e.geonameid) == ("Tell Barsoum", 2, None)
    assert (e.latitude, e.longitude, e.admin1) == (saraqib.latitude, saraqib.longitude, "Idleb")
    assert " in Tell Barsoum, near Saraqib (Idleb)" in e.notes


@pytest.mark.parametrize("text, village", [
    ("Gunmen killed a farmer near Kuyu Meridi village in Jonglei state on Monday, officials said.", "Kuyu Meridi"),
    ("A drone strike killed three fighters at Wadi Hamra Farm, north of Raqqa, on Monday, activists said.",
     "Wadi Hamra Farm"),
    ("Soldiers shot dead a man in Ngolo Bekumu, a village in the South West region, on Monday, a witness said.",
     "Ngolo Bekumu"),
])
def test_the_ways_a_report_names_a_village(nlp, knowledge, text, village):
    ms = _placed(nlp, knowledge, text)
    assert ms and ms[0].place.village == village


@pytest.mark.parametrize("text", [
    # a village the gazetteer knows is placed at its own entry
    "Shelling killed two farmers in the village of Saraqib on Tuesday, activists said.",
    # a country is no village; nor is a word before "at" or "as"
    "Two men were killed in a rural area of Syria on Tuesday, activists said.",
    "A farmer was killed at Saraqib as Hama villages were shelled on Tuesday, activists said.",
])
def test_no_village_where_none_is_told_or_the_name_is_known(nlp, knowledge, text):
    ms = _placed(nlp, knowledge, text)
    assert ms and all(m.place is None or m.place.village is None for m in ms)


def test_a_country_that_acts_or_is_named_in_capitals_weighs_as_a_party_and_a_name(knowledge):
    # a report of a neighbour's strikes is about the country struck: the neighbour that "launched" or
    # "has deployed" is a party, as its soldiers are; "the DRC", in capitals, is the country's name
    text = ("Kivu — Rwanda launched strikes on rebels in the DRC on Tuesday. Rwanda has deployed troops at the "
            "border. A resident said rebels fled into the hills of the DRC, as Rwanda said the strikes would go "
            "on. Fighting was heard near the border with Rwanda.")
    assert knowledge.gazetteer.document_country(text) == "CD"
    # named as where things happen, the country still weighs fully
    assert knowledge.gazetteer.document_country(text.replace("Rwanda launched", "In Rwanda, police launched")
                                                .replace("Rwanda has deployed", "Rwanda saw")) == "RW"


@pytest.mark.parametrize("text", [
    # where people fled or were taken to is not where the happening was
    "Soldiers shelled villages on Monday, killing two people and causing hundreds of families to flee to Wajir.",
    "Gunmen attacked a bus on the highway on Monday, and the wounded were taken to Garissa.",
])
def test_where_people_fled_or_were_taken_is_not_the_place(nlp, knowledge, text):
    doc = Document("t", text, outlet="Wire", published=PUB)
    mentions, _ = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    assert mentions and all(m.place_texts == [] for m in mentions), [m.place_texts for m in mentions]


def test_going_there_is_the_place_when_it_is_the_happening(nlp, knowledge):
    # a movement of forces happens where the forces went
    ms = _placed(nlp, knowledge, "More police officers were rushed to Wajir on Tuesday to quell clashes.")
    assert ms and ms[0].place.name == "Wajir"


def test_a_state_named_by_its_older_name_and_unit_word_is_found(knowledge):
    # "Karen" alone is a Nairobi suburb and a town; with "State" it is the state (Kayin)
    got = _found(knowledge.gazetteer, "Jets bombed villages in Karen State on Monday.")
    assert [admin1 for _, _, admin1 in got] == ["Kayin"]
    # a name that is a unit of that kind keeps its own reading ("Isiolo County" is Isiolo)
    assert [name for _, name, _ in _found(knowledge.gazetteer, "Raiders struck in Isiolo County on Monday.")] == ["Isiolo"]


def test_a_briefs_trailing_statement_day_gives_way_to_the_happenings_day(nlp, knowledge):
    # PUB is Friday 10 May 2024: "late on Saturday" is the 4th, the statement's "on Sunday" the 5th
    text = ("Armed men burst into a birthday party in the municipality of Celaya, Guanajuato, late on Saturday "
            "and opened fire on the guests, killing six people and wounding four, prosecutors said on Sunday.")
    ms = _placed(nlp, knowledge, text)
    assert ms and {m.date.start for m in ms} == {dt.date(2024, 5, 4)}, [(m.trigger, m.date) for m in ms]
