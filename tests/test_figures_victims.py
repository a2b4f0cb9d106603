"""Figures of one incident read from sentences we wrote (issue 13): single named victims, companions
killed "along with" a victim, and headline figures whose participle the parser hangs elsewhere."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document

PUB = dt.date(2024, 3, 8)


def extracted(text, nlp, knowledge):
    """(mentions, tallies) of one report we wrote."""
    doc = Document("t", text, outlet="Test Wire", published=PUB)
    return extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)


def killed(text, nlp, knowledge) -> int:
    mentions, _ = extracted(text, nlp, knowledge)
    return sum(q.value for m in mentions for q in m.quantities if q.figure == "fatalities" and not q.subset
               and not q.alternative)


@pytest.mark.parametrize("sentence, value", [
    # a headline: "killed" hangs on "factions", but counts the fighters
    ("South of Gao | Two fighters of armed factions killed in rocket attack by the army on Tessit", 2),
    ("Three members of a vigilante group killed in ambush near Mopti", 3),
])
def test_a_headline_participle_on_the_of_phrase_counts_the_number(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    ("Moussa Traore (aged 50), the father of the family, was killed along with his two sons: Ali and Bakary.", 3),
    ("A village chief was shot dead together with three of his guards near Gao on Monday.", 4),
])
def test_companions_killed_along_with_a_victim_are_counted(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    ("Aminata was killed by a gunman in front of her house in Gao on Monday.", 1),
    ("Moussa Diarra died shortly after he reached the clinic in Gao on Monday.", 1),
    # a group's name with a plural verb, or a name that was attacked, is not one victim
    ("The Taliban were killed by their own bomb near Kunduz on Monday.", 0),
    ("Barkhane was attacked by gunmen near Gao on Monday.", 0),
    # one person parsed as two subjects; a dateline is not a victim
    ("Amadou Kone a militant leader was killed and another militant was detained near Gao on Monday.", 1),
    ("Gao, March 3: A militant was killed in a gunbattle with soldiers on Sunday, officials said.", 1),
])
def test_a_name_with_a_singular_passive_is_one_victim(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    # full names as the object of a killing, alone or listed: one each ("dead" hangs on the name)
    ("Gunmen shot dead Oumar Sidibe near Gao on Monday, the mayor said.", 1),
    ("Unknown assailants killed Oumar Sidibe and Hawa Keita in Gao on Monday.", 2),
    ("Oumar Sidibe and Hawa Keita were killed when gunmen attacked a market near Gao on Monday.", 2),
    # a counted apposition numbers the names: not two more
    ("Soldiers killed Abu Hudhaifa and Abu Talha, two commanders of the group, near Gao on Monday.", 2),
    # the counted noun the parser makes the subject of the participle after it ("farmers harvesting")
    ("Jihadists killed at least 14 farmers harvesting rice near Gao on Saturday.", 14),
    ("Soldiers watched 14 farmers harvesting rice near Gao on Saturday.", 0),
    # names that were arrested are no casualties
    ("Police arrested Oumar Sidibe and Hawa Keita in Gao on Monday.", 0),
])
def test_persons_named_as_killed_are_counted_one_each(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    ("Gunmen raided a village near Gao on Monday, and the mayor said five people were being treated for gunshot wounds.", 5),
    ("Four children were treated for injuries after the blast in Gao on Monday, a nurse said.", 4),
    ("Doctors in Gao treated twelve patients for malaria on Monday.", 0),  # not wounds
])
def test_people_treated_for_wounds_are_injured(sentence, value, nlp, knowledge):
    mentions, _ = extracted(sentence, nlp, knowledge)
    found = [q.value for m in mentions for q in m.quantities if q.figure == "injured"]
    assert max(found, default=0) == value


def test_a_partitive_speaker_is_part_of_the_group_the_sentence_before_was_about(nlp, knowledge):
    text = ("A roadside bomb struck an army truck near Gao on Monday, killing three soldiers, an officer said. "
            "Traders travelling behind the truck gave a different account. "
            "Two of them said that five soldiers had died in the blast.")
    mentions, _ = extracted(text, nlp, knowledge)
    five = [m for m in mentions if any(q.value == 5 for q in m.quantities)]
    assert five and all(m.claimant == "Traders" for m in five)


def test_he_said_is_the_man_who_denied_not_the_woman_quoted_before(nlp, knowledge):
    text = ("Police fired on a crowd in Gao on Monday, killing two people. \"They shot at us,\" said a woman "
            "who was at the market. A police spokesman denied that officers had used live rounds. \"We used "
            "tear gas,\" he said, adding that three officers had been injured by stones.")
    mentions, _ = extracted(text, nlp, knowledge)
    three = [m for m in mentions if any(q.value == 3 and q.figure == "injured" for q in m.quantities)]
    assert three and all("spokesman" in (m.claimant or "") for m in three)


def fatalities_read(text, nlp) -> list[int]:
    from strife.figures import find_quantities

    return [q.value for s in nlp(text).sents for q in find_quantities(s) if q.figure == "fatalities"
            and not q.alternative]


@pytest.mark.parametrize("sentence, values", [
    # a verb joined to the victim's own verb by "and" shares its subject
    ("The bus driver became a target of the gang and was killed near Gao on Monday.", [1]),
    ("The gunman fled on foot and was shot dead by police near Gao on Monday.", [1]),
    # a joined verb with a subject of its own has its own: the second one escaped
    ("One militant got neutralised but one escaped, the police said on Monday.", [1]),
    # a verb the parser joins across a comma does not share the subject: the group did not die
    ("The group gathered and blocked the road after a child, a member of the community, died from hunger.", []),
])
def test_joined_verbs_share_a_subject_only_through_a_conjunction(sentence, values, nlp):
    assert fatalities_read(sentence, nlp) == values


@pytest.mark.parametrize("sentence, values", [
    ("Gunmen opened fire on the village mayor near Gao on Monday, causing his immediate death.", [1]),
    ("A trader was hit by a stray bullet near Gao, which resulted in her death.", [1]),
    # a death named as the reason of a reaction is an earlier happening; one counted already stays one
    ("Traders in Gao protested over his death on Monday.", []),
    ("A soldier was shot dead in Gao on Monday and the army confirmed his death.", [1]),
])
def test_a_death_owned_by_his_or_her_is_one_victim(sentence, values, nlp):
    assert fatalities_read(sentence, nlp) == values


def test_a_short_report_carries_its_running_total_on(nlp, knowledge):
    """A report under a note's length that tells a running total: the sentences that carry it on
    ("In addition, ...", a breakdown smaller than the total) are parts of it, not an incident's toll."""
    text = ("Gunmen killed a village guard in Gao on Monday, a monitoring group said.\n"
            "As more deaths are documented, the number of people who were killed in the region rose to 530.\n"
            "The group documented the assassination of 210 civilians by armed cells in the region.\n"
            "In addition, 300 soldiers were assassinated in the same areas.")
    mentions, tallies = extracted(text, nlp, knowledge)
    figures = [q.value for m in mentions for q in m.quantities if q.figure == "fatalities"]
    assert figures == [1]
    assert sorted(t.value for t in tallies) == [210, 300, 530]


@pytest.mark.parametrize("sentence, values", [
    # the number hangs on a named group the parser makes a modifier (nmod) of the counted noun
    ("Some two Unity Party of the Sahel-Free People’s Army (UPS-FPA) fighters have been killed in an armed "
     "clash with troops on Saturday.", [2]),
    # a dateline in capitals before a dash is no victim: four died, not five
    ("GAO CITY – Some four Unity Party of the Sahel-Free People’s Army (UPS-FPA) rebels died during a "
     "skirmish with troops on Thursday morning.", [4]),
    ("GAO CITY – A rebel died during a skirmish with troops on Thursday morning.", [1]),
])
def test_a_long_group_name_inside_the_counted_phrase(sentence, values, nlp):
    assert fatalities_read(sentence, nlp) == values


@pytest.mark.parametrize("sentence, value", [
    # a multiplier: "two dozen" is 24, not 2 + 12
    ("Two dozen soldiers were killed when rebels overran a base near Gao on Monday.", 24),
    # a vague count of a vague count is a war's toll, never one incident's: no figure (its two words
    # had been added, 10 + 1,000), while the incident's own figure in the same sentence stands
    ("The war has dragged on for a decade, with tens of thousands killed.", 0),
    ("Tens of thousands fled their homes after gunmen killed 12 villagers near Gao on Monday.", 12),
])
def test_counts_of_counts(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


def test_a_count_joined_to_the_object_before_is_the_next_verbs_subject(nlp, knowledge):
    # the parser makes "a dozen" a conjunct of "people" and leaves "were wounded" without a subject
    mentions, _ = extracted("Gunmen killed 12 people and a dozen were wounded in an attack on Gao on Monday.",
                            nlp, knowledge)
    figures = sorted((q.figure, q.value) for m in mentions for q in m.quantities)
    assert figures == [("fatalities", 12), ("injured", 12)]


@pytest.mark.parametrize("sentence, value", [
    # the parser joins "another" to "killing"/"death", not to the one victim after "of"
    ("Observers have documented the killing of a member of the Gao Brigade and another of “Free Sahel” faction, "
     "in addition to the injury of fighters in shelling by the army on the village of Tessit.", 2),
    ("The monitor documented the death of a child and another in shelling on Tessit.", 2),
])
def test_another_after_a_casualty_noun_is_one_more_victim(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


def test_another_after_an_arrest_counts_no_dead(nlp, knowledge):
    assert killed("Police reported the arrest of a member of the gang and another of its allies in Gao.",
                  nlp, knowledge) == 0


@pytest.mark.parametrize("sentence, value", [
    # the person named after "one death" is that death, not one more
    ("One death was reported, Amadou Kone, aged 40 years old, was hit in the head and died instantly.", 1),
    # a person named beside a count of people, not of deaths, is one more
    ("Two soldiers were killed near Gao on Monday and Captain Moussa Diarra died later.", 3),
])
def test_a_person_named_after_a_count_of_deaths_is_one_of_them(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence", [
    "A clash took place on Monday near Gao, although no one was killed in the fighting.",
    "Gunmen attacked the village of Tessit on Monday but no one was hurt.",
])
def test_no_one_counts_nobody(sentence, nlp, knowledge):
    mentions, _ = extracted(sentence, nlp, knowledge)
    assert not [q for m in mentions for q in m.quantities if q.figure in ("fatalities", "injured")]


@pytest.mark.parametrize("sentence, value", [
    # figures._lost_life: "lost their lives" kills its subject, though the verb has an object
    ("Three herders lost their lives when gunmen raided the camp near Tera on Monday.", 3),
    ("A teacher lost his life in the raid on the school near Tera on Monday.", 1),
])
def test_those_who_lost_their_lives_are_counted(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


def test_kin_the_parser_joins_to_the_casualty_noun_is_one_more_victim(nlp, knowledge):
    # figures._theirs_joined: "the death of a herder and his nephew" (the parse joins "nephew" to "death")
    assert killed("Medics documented the death of a herder and his grandfather as well as injuries to two women "
                  "in a mine blast near Tera on Monday.", nlp, knowledge) == 2


@pytest.mark.parametrize("sentence", [
    # figures._aged: an age told as a noun is one person
    "The 34-year-old was shot dead outside his shop in Tera on Monday.",
    "A 52-year-old was killed by gunmen on the road to Tera on Monday.",
])
def test_an_age_told_as_a_noun_is_one_victim(sentence, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == 1


@pytest.mark.parametrize("sentence, value", [
    # figures._death_of and triggers.yaml casualty phrases: a severed head is one dead
    ("Residents of Tera found the severed head of a man in a sack beside the road on Monday.", 1),
    ("Police found the severed heads of two traders near the market in Tera on Monday.", 2),
])
def test_a_severed_head_counts_the_dead(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, values", [
    # the number hung on the word for the dead itself, written in digits
    ("Fighting between two militias near Gao left at least 17 dead on Tuesday.", [17]),
    ("The clashes near Gao left 17 dead and 30 wounded.", [17]),
    # a number of animals left dead is no casualty
    ("The raid near Gao left 40 dead cattle.", []),
    # an age written "yr old" is no count
    ("A 32 yr old trader was shot dead in a market near Gao.", [1]),
    # an amount of money is no toll
    ("The fight near Gao began when a trader refused to pay the Tk 20,000 toll to a gang.", []),
])
def test_a_number_counting_the_dead_word_itself(sentence, values, nlp):
    assert fatalities_read(sentence, nlp) == values


@pytest.mark.parametrize("text, value, mentions", [
    # a coder's closing count is the incident's dead
    ("On 4 March 2024, in Gao, Mali, armed men attacked a bar. 3 fatalities.", 3, None),
    # "no fatalities" tells of none, and adds no happening
    ("On 4 March 2024, armed men blew up the safe of a fuel station in Gao. There were no fatalities.", 0, 1),
])
def test_a_closing_count_of_fatalities(text, value, mentions, nlp, knowledge):
    assert killed(text, nlp, knowledge) == value
    if mentions is not None:
        assert len(extracted(text, nlp, knowledge)[0]) == mentions


@pytest.mark.parametrize("sentence, value", [
    # an unspecified plural is coded as 3, as ACLED codes it ("Unspecified number of fatalities coded as 3")
    ("Several soldiers were killed when their convoy was ambushed near Gao on Monday.", 3),
    ("Several were reported killed in the fighting near the market on Monday.", 3),
    # elliptic: the count belongs to the other figure, not to the dead
    ("Gunmen killed a farmer and wounded several others near Gao on Monday.", 1),
    ("Two policemen were killed and several injured when the bomb went off in Gao on Monday.", 2),
])
def test_several_is_three_unless_it_is_elliptic(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


def test_a_second_claimants_figure_after_a_contrast_is_an_alternative(nlp, knowledge):
    text = ("Gunmen attacked a village near Gao on Monday. The army said several soldiers died while a villager "
            "said at least 12 soldiers were killed.")
    mentions, _ = extracted(text, nlp, knowledge)
    figures = [q for m in mentions for q in m.quantities if q.figure == "fatalities"]
    other = [q for q in figures if q.alternative]
    assert [q.value for q in other] == [12] and "villager" in other[0].claimant
    assert killed(text, nlp, knowledge) == 3


@pytest.mark.parametrize("sentence, value", [
    # "dead" before the object is hung on the verb as an adverb: the object is the dead
    ("Gunmen shot dead a farmer near Gao on Monday.", 1),
    ("Soldiers shot dead a suspected rebel at a checkpoint near Gao on Monday.", 1),
])
def test_shot_dead_before_a_singular_object_counts_one(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    # a verb joined to the killing has an object of its own: those were not killed
    ("The fighting near Gao killed 30 people on Monday and forced 5,000 residents to flee.", 30),
    ("Troops killed five militants near Gao on Monday and rescued 40 hostages.", 5),
    ("Militants stormed the town of Gao on Monday, killing 12 people and forcing more than 3,000 residents "
     "from their homes.", 12),
    # the joined verbs share the object
    ("Gunmen shot and killed two traders at the market in Gao on Monday.", 2),
    ("Gunmen abducted and killed three farmers near Gao on Monday.", 3),
])
def test_a_joined_verb_with_its_own_object_does_not_share_the_killing(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    ("A village chief who was beaten by a mob near Gao on Monday later succumbed to his injuries.", 1),
    ("Three of the wounded later succumbed to their wounds in hospital in Gao on Monday.", 3),
    # "succumbed" to anything else is no death
    ("The governor of Gao succumbed to pressure on Monday and released the detained protesters.", 0),
])
def test_succumbing_to_wounds_is_dying(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    ("The explosion at the market in Gao on Monday claimed the lives of five people, including a child.", 5),
    ("Clashes near Gao on Monday claimed the lives of seven soldiers and left 15 wounded.", 7),
    ("Doctors in Gao saved the lives of three children wounded in the blast on Monday.", 0),
    # a second person sharing the first's "his" is one more; "along with" hung on "along"
    ("An Israeli air strike near Gao killed a senior Hamas commander along with his wife and daughter on Monday.", 3),
])
def test_lives_claimed_and_kin_killed_along_with_a_victim(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    # a state the people were in, told before the noun, gives way to what happened to them
    ("Two displaced men were shot dead near Gao on Monday while travelling to the camp.", 2),
    ("2 displaced men shot dead while travelling from Gao to Menaka.", 2),
    # the number's own participle still comes first
    ("1 killed and 25 arrested during a raid on a militia camp near Gao on Monday.", 1),
])
def test_a_state_before_the_noun_gives_way_to_the_casualty(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value


@pytest.mark.parametrize("sentence, value", [
    # a relative clause tells what happened to the noun it hangs on
    ("Gunmen raided a bar in Gao on Monday. Witnesses said it was the owner, Moussa Traore, who was killed.", 1),
    ("Gunmen raided a bar in Gao on Monday. The waiter who died in hospital was named as Moussa Traore.", 1),
    # the relative clause's subject killed someone: the noun is the killer
    ("Soldiers in Gao on Monday arrested a gunman who killed two traders.", 2),
    # a death that is the reason for a protest was told before, not a casualty of this event
    ("Relatives of a trader who was killed last month blocked the main road in Gao on Monday.", 0),
    ("Farmers marched in Gao on Monday demanding compensation for a herder who died in custody.", 0),
])
def test_a_relative_clause_tells_the_casualty(sentence, value, nlp, knowledge):
    assert killed(sentence, nlp, knowledge) == value
