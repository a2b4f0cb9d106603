"""Who acted against whom, after resolution: roles from the parse and ACLED's coding conventions, on
sentences written for these tests (Kenyan places, so the state and generic actors are Kenya's)."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document
from strife.resolve.stage import resolve_document

PUB = dt.date(2023, 5, 12)


def extracted(text, nlp, knowledge):
    """The report's document and its mentions as extract leaves them."""
    doc = Document("r", text, outlet="Test Wire", published=PUB)
    return doc, extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[0]


def resolved(text, nlp, knowledge):
    doc, ms = extracted(text, nlp, knowledge)
    return resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors)


def coded(text, nlp, knowledge):
    ms = resolved(text, nlp, knowledge)
    assert ms, text
    m = ms[0]
    return m.event_type, m.actor1 and m.actor1.name, m.actor2 and m.actor2.name


ROLES = [
    # a member noun and the group it is of are one side, and a clash's verb is no headline passive
    # (the parser tags "clashed" a participle after "Members of a militia")
    ("Fighters of a jihadist group clashed with soldiers near Mandera on Saturday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Military Forces of Kenya")),
    ("Members of a militia clashed with police near Mandera on Saturday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Police Forces of Kenya")),
    # the two sides of a clash between peoples, in the order written
    ("Members of the Orma and Pokomo communities clashed near Garsen on Monday, leaving four dead.",
     ("Battles", "Orma Ethnic Militia (Kenya)", "Pokomo Ethnic Militia (Kenya)")),
    ("Fighting between Borana and Somalis left three dead near Moyale on Sunday.",
     ("Battles", "Borana Ethnic Militia (Kenya)", "Somali Ethnic Militia (Kenya)")),
    # a clash between communities with no people named: two unnamed communal militias
    ("Ethnic clashes broke out near Kapsabet on Tuesday, and three people were injured.",
     ("Battles", "Unidentified Communal Militia (Kenya)", "Unidentified Communal Militia (Kenya)")),
    # counted victims decide actor2; the armed party the parse had as target fired
    ("Three police officers were wounded when suspected Turkana raiders fired on their vehicle near Kainuk on Friday.",
     ("Battles", "Turkana Ethnic Militia (Kenya)", "Police Forces of Kenya")),
    # a suspected group as the maker of the device
    ("A lorry hit a suspected al-Shabaab planted landmine near Garissa on Monday, killing two passengers.",
     ("Explosions/Remote violence", "Al Shabaab", "Civilians (Kenya)")),
    # arrests are coded to the police; the arrested are actor2
    ("Two suspected al-Shabaab militants were arrested in Garissa on Tuesday.",
     ("Strategic developments", "Police Forces of Kenya", "Al Shabaab")),
    # forces that "have been deployed" moved: actor1
    ("More security forces have been deployed to Lamu ahead of the elections.",
     ("Strategic developments", "Military Forces of Kenya", None)),
    # "bandits" in a livestock raid are a communal militia
    ("Bandits shot dead a herder and drove off 200 head of livestock near Lokichar on Sunday.",
     ("Violence against civilians", "Unidentified Communal Militia (Kenya)", "Civilians (Kenya)")),
    # a noun-phrase headline still has its attacker
    ("Police exchange fire with gunmen in Kerio Valley",
     ("Battles", "Police Forces of Kenya", "Unidentified Armed Group (Kenya)")),
    # the participle's noun is the one hit
    ("Soldier killed after ambush by al-Shabaab fighters near Garissa",
     ("Battles", "Al Shabaab", "Military Forces of Kenya")),
    # forces that drive over a mine are its target
    ("Four police officers escaped unhurt when their vehicle drove over a landmine near Garissa on Monday.",
     ("Explosions/Remote violence", "Unidentified Armed Group (Kenya)", "Police Forces of Kenya")),
    # the civilian named in a stabbing is the victim
    ("A trader was stabbed to death in Kisumu on Monday night.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # dead counted outrank the theft in the same sentence
    ("Two police officers were killed and their rifles stolen by gunmen in Lamu on Sunday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Police Forces of Kenya")),
    # a grenade with no armed target named hits civilians
    ("A grenade attack on a bar in Isiolo wounded four on Saturday night.",
     ("Explosions/Remote violence", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # the group blamed in the next sentence is the perpetrator; regional names for it count
    ("A bomb exploded at a bus stop in Garissa on Monday, wounding three people. Islamist militants were blamed.",
     ("Explosions/Remote violence", "Al Shabaab", "Civilians (Kenya)")),
    # the group named in generic rebels' own phrase is the more specific actor
    ("Rebels of the Sabaot Land Defence Force attacked a police post near Bungoma on Monday.",
     ("Battles", "SLDF: Sabaot Land Defence Force", "Police Forces of Kenya")),
    # the dead told by their bodies were hit; who found them is no party to the killing
    ("The bodies of two men were found dumped beside a road outside Thika on Sunday.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    ("Police found the bodies of three men in a sugarcane field near Mumias on Monday.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    ("Villagers discovered five bodies with gunshot wounds near Marsabit on Friday.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # a headline's passive without its auxiliary
    ("Soldier shot dead by al-Shabaab gunmen near Mandera",
     ("Battles", "Al Shabaab", "Military Forces of Kenya")),
    # what a crowd protests against is not a party to the protest
    ("Traders protested against the county government in Eldoret on Monday.",
     ("Protests", "Protesters (Kenya)", None)),
    # a note's label on a sentence of its own names the next one
    ("Looting: 10 May. Al-Shabaab fighters raided Hulugho and looted shops before withdrawing.",
     ("Strategic developments", "Al Shabaab", None)),
    # property burned by no one named: an unidentified armed group
    ("Property destruction: Shops in Kilifi were set ablaze on Friday night.",
     ("Strategic developments", "Unidentified Armed Group (Kenya)", None)),
    # people with no arms of their own who kill are a mob
    ("Angry villagers lynched a suspected thief in Kakamega on Sunday.",
     ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")),
    # party supporters who attack are a mob too
    ("Supporters of a losing candidate attacked a polling clerk in Kisii on Tuesday.",
     ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")),
    # an armed group with no grammatical role acted; a people's herdsman attacked is a civilian
    ("Orma militia attack Pokomo herdsman near Garsen",
     ("Violence against civilians", "Orma Ethnic Militia (Kenya)", "Civilians (Kenya)")),
    # a village attacked is a civilian target
    ("Raiders attacked a village near Lokichar on Sunday and drove off cattle.",
     ("Violence against civilians", "Unidentified Communal Militia (Kenya)", "Civilians (Kenya)")),
    # a riot named as the setting of a killing: the killing is the event
    ("Police shot dead a youth during riots in Kisumu on Monday.",
     ("Violence against civilians", "Police Forces of Kenya", "Civilians (Kenya)")),
    # a headline read as one noun phrase: the actor before the attack word acted, the one after was hit
    ("Suspected members of MRC attack policeman near Malindi",
     ("Battles", "MRC: Mombasa Republican Council", "Police Forces of Kenya")),
    # two crowds fighting each other: rioters on both sides, mob violence
    ("Supporters of two rival aspirants clashed at a market in Kakamega on Saturday.",
     ("Riots", "Rioters (Kenya)", "Rioters (Kenya)")),
    # a crowd fighting police is a riot, not a battle
    ("Youths engaged police in running battles in Kisumu on Monday.",
     ("Riots", "Rioters (Kenya)", "Police Forces of Kenya")),
    # ACLED's violent demonstration: roads blocked with bonfires
    ("Residents protested over insecurity in Embu on Tuesday, blocking the highway with bonfires.",
     ("Riots", "Rioters (Kenya)", None)),
    # the police a crowd protests against are its grievance, not a party
    ("Boda boda riders protested against harassment by traffic police in Thika on Monday.",
     ("Protests", "Protesters (Kenya)", None)),
    # the forces named in a short protest note intervened
    ("Residents protested over water shortages in Voi on Tuesday. Police intervened.",
     ("Protests", "Protesters (Kenya)", "Police Forces of Kenya")),
    # the counted subject of "shot and killed" did the killing; the one killed is the target
    ("Three gunmen shot and killed a police officer in Mombasa on Friday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Police Forces of Kenya")),
    # herders who kill are armed: a communal militia where the violence is over livestock
    ("Two people were killed by herders near Maralal on Monday after a dispute over cattle.",
     ("Violence against civilians", "Unidentified Communal Militia (Kenya)", "Civilians (Kenya)")),
    # armed bandits who burn homes are not a mob
    ("Armed bandits attacked traders near Kapedo and torched their stalls on Monday.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # civilians are never the acting side: unnamed people who destroy property are an armed group
    ("Property destruction: Unknown people armed with clubs destroyed campaign posters in Nyeri on Monday.",
     ("Strategic developments", "Unidentified Armed Group (Kenya)", None)),
    # forces dispersing a crowd tell of a gathering: the crowd is actor1, the forces intervened
    ("Police fired tear gas to disperse hundreds of hawkers outside the county offices in Nakuru on Monday.",
     ("Protests", "Protesters (Kenya)", "Police Forces of Kenya")),
    # ... but dispersed fighters were in a fight
    ("Soldiers dispersed al-Shabaab fighters who attacked a camp near Mandera on Monday.",
     ("Battles", "Military Forces of Kenya", "Al Shabaab")),
    # a group a crowd marches against is its grievance, not a party
    ("Mothers marched in Mombasa on Monday against the recruitment of their sons by al-Shabaab.",
     ("Protests", "Protesters (Kenya)", None)),
    # forces sent in to stop a clash moved; the sides of the clash and the enemy are not parties
    ("Movement of forces: More police officers were rushed to Marsabit on Monday to quell clashes between Borana and Gabra herders.",
     ("Strategic developments", "Police Forces of Kenya", None)),
    ("Movement of forces: Kenya has deployed troops along the border with Somalia over fears of attacks by al-Shabaab.",
     ("Strategic developments", "Military Forces of Kenya", None)),
    # a group that recruits is the one acting; those recruited are not a party
    ("Recruitment: The Mombasa Republican Council is recruiting youths in Kilifi, police said on Monday.",
     ("Strategic developments", "MRC: Mombasa Republican Council", None)),
    # a clash with its sides unnamed has two unidentified sides
    ("Two people were killed in a clash near Kagumo on Wednesday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Unidentified Armed Group (Kenya)")),
    # ... and two communal militias when it is over land or water
    ("Three people died in clashes over land near Mai Mahiu on Sunday.",
     ("Battles", "Unidentified Communal Militia (Kenya)", "Unidentified Communal Militia (Kenya)")),
    ("Fighting over a borehole left two herders dead near Wajir on Friday.",
     ("Battles", "Unidentified Communal Militia (Kenya)", "Unidentified Communal Militia (Kenya)")),
    # a suspicion the report doubts, or a group's past, does not name the perpetrator
    ("Gunmen shot dead two traders in Malindi on Monday. Al-Shabaab is suspected, but this has not been confirmed.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    ("Gunmen abducted two aid workers in Dadaab on Monday. Al-Shabaab has carried out kidnappings in the past.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # security beefed up: the state's forces moved
    ("Movement of forces: Security has been beefed up in Lamu ahead of the holidays.",
     ("Strategic developments", "Military Forces of Kenya", None)),
    # a vigilante group that kills is a mob
    ("A suspected cattle thief was beaten to death by a vigilante group in Kakamega on Monday.",
     ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")),
    # a label and date on a sentence of their own, then the story
    ("Movement of forces: 3 May. Dozens of al-Shabaab fighters were seen moving through the forest near Kiunga.",
     ("Strategic developments", "Al Shabaab", None)),
    # the note's label decides the type; a crowd does not act in a strategic development
    ("Property destruction: Youths burned a lorry carrying ballot papers in Kisii on Monday.",
     ("Strategic developments", "Unidentified Armed Group (Kenya)", None)),
    # a ship captured is a hijacking, and pirates are an armed group whatever people they come from
    ("A fishing vessel was seized by Somali pirates near Lamu in Kenya on Monday and its crew held captive.",
     ("Violence against civilians", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)")),
    # weapons seized are a disrupted weapons use, their owners actor2; "they" is the speaker
    ("Police seized explosives from suspected al-Shabaab members in Mombasa on Monday.",
     ("Strategic developments", "Police Forces of Kenya", "Al Shabaab")),
    ("Police said they had seized a cache of weapons in Garissa on Monday, in an inquiry into attacks blamed on al-Shabaab.",
     ("Strategic developments", "Police Forces of Kenya", "Unidentified Armed Group (Kenya)")),
    # a clash with police by no one armed is a riot
    ("One man died after clashes with police in Dandora on Monday.",
     ("Riots", "Rioters (Kenya)", "Police Forces of Kenya")),
    # ... but not when the other side is armed
    ("Police clashed with armed bandits in Kerio Valley on Monday.",
     ("Battles", "Police Forces of Kenya", "Unidentified Armed Group (Kenya)")),
    # casualties of a gathering with no one named who did it: a riot
    ("Two people were injured during a party meeting in Bungoma on Saturday.",
     ("Riots", "Rioters (Kenya)", None)),
    # a crowd burning property is a mob
    ("Angry traders burnt down two lodges in Watamu on Sunday after their stalls were demolished.",
     ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")),
    # property damaged by protesters makes the protest a riot
    ("Students protested over fees in Njoro on Monday, damaging several buildings.",
     ("Riots", "Rioters (Kenya)", None)),
    # "believed to be members of X": X did it
    ("Armed men believed to be members of al-Shabaab killed three elders in Lamu on Sunday.",
     ("Violence against civilians", "Al Shabaab", "Civilians (Kenya)")),
    # security raised is the state's move, whoever else the sentence names
    ("Movement of forces: Security has been tightened in Lodwar after Turkana raiders killed two herders.",
     ("Strategic developments", "Military Forces of Kenya", None)),
    # a device found, and the forces that disposed of it in the next sentence
    ("Defusal: An explosive device was found near a school in Nakuru on Monday. Police safely disposed of it.",
     ("Strategic developments", "Police Forces of Kenya", "Unidentified Armed Group (Kenya)")),
    # state violence with no armed opponent named is against civilians
    ("A rights activist was shot and killed by police in Meru on Tuesday.",
     ("Violence against civilians", "Police Forces of Kenya", "Civilians (Kenya)")),
    # people only suspected of crime, killed by a mob, are civilians
    ("Two suspected thieves were killed by a mob in Mishomoroni on Sunday.",
     ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")),
    # the forces whose weapon killed acted (roles._attackers_means)
    ("Two herders were killed in military airstrikes near Mandera on Monday.",
     ("Explosions/Remote violence", "Military Forces of Kenya", "Civilians (Kenya)")),
    # the side named on the happening did it (roles._modifier_of_happening)
    ("Kenyan police raids killed two al-Shabaab suspects in Garissa on Monday.",
     ("Battles", "Police Forces of Kenya", "Al Shabaab")),
    # the group named inside an unidentified attacker's phrase is the attacker (roles._people_in_attackers_phrase)
    ("Gunmen and al-Shabaab fighters attacked a police post near Mandera on Monday.",
     ("Battles", "Al Shabaab", "Police Forces of Kenya")),
    # a headline's noun described as killed was hit, armed group or not (roles._described_as_harmed)
    ("Al-Shabaab commander killed in Lamu forest",
     ("Battles", "Unidentified Armed Group (Kenya)", "Al Shabaab")),
    # the passive subject was hit, even an armed group with no attacker named (roles._object_or_target)
    ("Two al-Shabaab fighters were shot dead in Mandera on Monday.",
     ("Battles", "Unidentified Armed Group (Kenya)", "Al Shabaab")),
    # the sides after "between", in the order written (roles._between)
    ("Clashes between police and al-Shabaab fighters near Mandera left three dead on Monday.",
     ("Battles", "Police Forces of Kenya", "Al Shabaab")),
    # a group no grammar rule places is still a side (roles._named_armed_group), and two non-state
    # sides of a clash stand in the order written (roles._non_state_sides_in_order)
    ("Clashes pitted Orma herders against Pokomo militiamen near Garsen on Monday.",
     ("Battles", "Orma Ethnic Militia (Kenya)", "Pokomo Ethnic Militia (Kenya)")),
]


@pytest.mark.parametrize("text, expected", ROLES)
def test_roles(text, expected, nlp, knowledge):
    assert coded(text, nlp, knowledge) == expected


def test_police_action_after_a_protest_is_its_intervention(nlp, knowledge):
    text = "Traders protested against new market fees in Kisumu on Monday. Police fired tear gas to disperse them."
    ms = resolved(text, nlp, knowledge)
    assert [(m.event_type, m.sub_event_type, m.actor1.name, m.actor2.name) for m in ms] == [
        ("Protests", "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya")]


def test_police_killing_after_a_protest_stays_an_event(nlp, knowledge):
    text = "Traders protested against new market fees in Kisumu on Monday. Police shot dead two of them."
    ms = resolved(text, nlp, knowledge)
    assert len(ms) == 2 and ms[0].actor2.name == "Police Forces of Kenya"


def test_officials_attacked_are_civilians_of_their_government(nlp, knowledge):
    text = "Gunmen shot dead a county official in Wajir on Monday."
    (m,) = resolved(text, nlp, knowledge)
    assert (m.actor2.name, m.actor2.inter, m.actor2.assoc) == ("Civilians (Kenya)", 7, "Government of Kenya")
    assert m.event_type == "Violence against civilians"  # not a battle with the government


def test_the_militants_point_back_to_the_group_named_before(nlp, knowledge):
    text = ("Al-Shabaab fighters crossed into Mandera county on Monday night. "
            "The militants burnt a police post and a lorry before dawn on Tuesday.")
    ms = resolved(text, nlp, knowledge)
    burnt = [m for m in ms if "burnt" in m.sentence]
    assert burnt and burnt[0].actor1.name == "Al Shabaab"


def test_the_one_who_died_is_the_side_hit(nlp, knowledge):
    text = "One gang member died in a shootout with police in Kayole on Monday."
    doc, ms = extracted(text, nlp, knowledge)
    assert ms and ms[0].actor1_text != "gang member"
    (m,) = resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors)
    assert m.actor2 is not None and m.actor2.name == "Unidentified Armed Group (Kenya)"


def test_protesters_counted_dead_are_excessive_force(nlp, knowledge):
    # the victims' own words decide, whatever the trigger's object (roles._victims_counted)
    (m,) = resolved("Police opened fire on demonstrators in Kisumu on Monday, killing two protesters.", nlp, knowledge)
    assert (m.sub_event_type, m.actor1.name, m.actor2.name) == (
        "Excessive force against protesters", "Protesters (Kenya)", "Police Forces of Kenya")


def test_forces_named_after_despite_are_not_a_party(nlp, knowledge):
    # roles._circumstance: "despite heavy police patrols" is a circumstance
    text = "Al-Shabaab fighters attacked a camp near Mandera on Monday despite heavy police patrols."
    (m,) = resolved(text, nlp, knowledge)
    assert m.actor1.name == "Al Shabaab" and m.actor2.name != "Police Forces of Kenya"


# One sentence per rule of roles._GRAMMAR_RULES: the actor phrase and the rule that places it.
GRAMMAR = [
    ("Two herders were killed in military airstrikes near Mandera on Monday.", "military airstrikes", "_attackers_means"),
    ("Herder shot by raiders near Baragoi", "Herder", "_headline_passive"),
    ("Two police reservists died in a gunfight near Tot on Monday.", "police reservists", "_the_dead"),
    ("Bandits attacked a school in Kapedo on Monday.", "Bandits", "_subject"),
    ("A trader was shot dead by police in Kisumu on Monday.", "police", "_agent_of_happening"),
    ("KDF soldiers and police officers stormed a house in Garissa on Monday.", "police officers", "_joined_subject"),
    ("Al-Shabaab commander killed in Lamu forest", "Al-Shabaab commander", "_described_as_harmed"),
    ("More police officers have been deployed to Marsabit.", "police officers", "_forces_moved"),
    ("Two al-Shabaab fighters were shot dead in Mandera on Monday.", "al-Shabaab fighters", "_object_or_target"),
    ("Kenyan police raids killed two al-Shabaab suspects in Garissa on Monday.", "Kenyan police", "_modifier_of_happening"),
    ("Two officers were wounded in a shootout with suspected al-Shabaab militants near Mandera on Monday.",
     "suspected al-Shabaab militants", "_suspected_group"),
]


def placing_rule(text, phrase, nlp, knowledge):
    """The first grammar rule that holds for the actor phrase `phrase` and the sentence's main happening."""
    from strife import roles
    from strife.happenings import find_triggers, is_setting

    sent = next(nlp(text).sents)
    main = max(find_triggers(sent), key=lambda h: (not is_setting(h), h.priority, -h.start))
    match = next(m for m in knowledge.actors.find_actors(sent.text, "KE") if m.surface == phrase)
    party = roles._party(sent, match)
    return next((rule.__name__ for rule, _, _ in roles._GRAMMAR_RULES if rule(party, main)), None)


@pytest.mark.parametrize("text, phrase, rule", GRAMMAR)
def test_each_grammar_rule_places_its_sentence(text, phrase, rule, nlp, knowledge):
    assert placing_rule(text, phrase, nlp, knowledge) == rule


def test_every_grammar_rule_has_a_sentence():
    from strife import roles

    assert {rule.__name__ for rule, _, _ in roles._GRAMMAR_RULES} == {rule for _, _, rule in GRAMMAR}


def test_a_headline_read_as_one_noun_phrase_has_its_sides_around_the_attack_word(nlp, knowledge):
    # roles._headline_noun_phrase on its own (in the whole chain earlier rules already find these sides)
    from strife import roles
    from strife.happenings import find_triggers

    sent = next(nlp("MRC youths attack chief in Kwale").sents)
    (main,) = find_triggers(sent)
    cast = roles._cast(sent, main, knowledge.actors.find_actors(sent.text, "KE"))
    roles._headline_noun_phrase(cast)
    assert (cast.a1.surface, cast.a2.surface) == ("MRC youths", "chief")


def test_the_speaker_is_not_the_doer_when_no_one_is_named(nlp, knowledge):
    # roles._first_named: "police said" names who told of it, not who shot
    doc, ms = extracted("Police said 50-year-old Amina Hassan died on the spot, while her 30-year-old son who "
                        "was with her was shot in the leg.", nlp, knowledge)
    assert ms and all((m.actor1_text or "").lower() != "police" for m in ms)


def test_a_person_named_as_killed_is_a_civilian_victim(nlp, knowledge):
    # no arms said of the man named: ACLED's violence against civilians, not a clash of two armed groups
    event_type, _, victims = coded("Gunmen shot dead Kiprono Langat near Eldoret on Tuesday, police said.", nlp, knowledge)
    assert (event_type, victims) == ("Violence against civilians", "Civilians (Kenya)")
    # a name with an armed word stays an armed side
    assert coded("Soldiers killed Al Shabaab commander Ahmed Yusuf near Mandera on Tuesday.", nlp, knowledge)[0] == "Battles"
