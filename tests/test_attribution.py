"""Who says so, and whether it happened: attribution and modality on sentences written for these tests."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document

PUB = dt.date(2024, 3, 8)


def mentions_of(text, nlp, knowledge, outlet="Test Wire"):
    doc = Document("t", text, outlet=outlet, published=PUB)
    return extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[0]


ATTRIBUTIONS = [
    ("Seven soldiers were killed in an ambush near Mopti on Tuesday, the army said.", "army"),
    ("The army said seven soldiers were killed in an ambush near Mopti on Tuesday.", "army"),
    ("Gunmen killed five villagers in Zamfara on Monday, police spokesman Mohammed Shehu said.",
     "police spokesman Mohammed Shehu"),
    ("According to local officials, 12 people died when militants attacked a market on Wednesday.", "local officials"),
    ("According to the UN, at least 30 civilians were killed in shelling on Thursday.", "UN"),
    ("A local chief told reporters that bandits killed three herders on Sunday.", "local chief"),
    ("Bandits killed three herders on Sunday, a local chief told Reuters.", "local chief"),
    ("The defence ministry tweeted that 40 militants were killed in air strikes on Wednesday.", "defence ministry"),
    ("Islamic State claimed that its fighters killed 20 soldiers in an attack on Tuesday.", "Islamic State"),
    ("The Syrian Observatory for Human Rights reported that 15 fighters died in clashes on Monday.",
     "Syrian Observatory for Human Rights"),
    ("Rebels attacked an army base on Tuesday, killing nine soldiers, a military source said.", "military source"),
    ("Police confirmed that two officers were wounded in a grenade attack in Mandera on Friday.", "Police"),
    ("Residents said at least eight people were killed when gunmen stormed the village on Monday.", "Residents"),
    ("The interior ministry announced that 25 suspected militants were arrested in raids on Wednesday.",
     "interior ministry"),
    ("A hospital official said 14 wounded people were admitted after the bombing on Tuesday.", "hospital official"),
    ("State television reported that troops repelled an attack on Tuesday, killing 12 insurgents.", "State television"),
    ("Witnesses said police fired live rounds at protesters in Lagos on Tuesday, killing two.", "Witnesses"),
    ("Amnesty International said security forces killed at least 16 protesters in the city on Monday.",
     "Amnesty International"),
    ("The governor said 11 farmers were killed in the attack on Saturday.", "governor"),
    # a verb that gives a toll gives it as a claim ("put the toll at", "raised the death toll to")
    ("The regional governor put the toll at 31 dead after the shelling of the camp near Gao on Sunday.",
     "regional governor"),
    ("Hospital officials raised the death toll from the bombing in Gao to 12 on Monday.", "Hospital officials"),
    ("An army spokesman said six soldiers died when their vehicle hit a landmine on Thursday.", "army spokesman"),
    ("Six soldiers died when their vehicle hit a landmine on Thursday, an army spokesman told AFP.", "army spokesman"),
    ("Al-Shabaab said in a statement that its fighters killed 30 troops in the raid on Tuesday.", "Al-Shabaab"),
    ("The Red Cross said 19 bodies were recovered after the attack on Monday.", "Red Cross"),
    ("Local media reported that gunmen abducted 20 students from a school on Thursday.", "Local media"),
    ("The rebel group claimed that it shot down a government helicopter on Wednesday.", "rebel group"),
    ("A district commissioner said four people were injured in the clashes on Monday.", "district commissioner"),
    ("Opposition activists said 10 demonstrators were killed by security forces on Friday.", "Opposition activists"),
    ("The ministry of health said 22 people were wounded in the blast on Tuesday.", "ministry of health"),
    ("Military sources told the news agency that 13 jihadists were killed in an operation on Monday.",
     "Military sources"),
    ("Officials said the explosion killed three people and wounded 17 others on Tuesday.", "Officials"),
    # a dateline the parser makes the subject of "said" is no speaker; the speaker is after the last comma
    ("GAO, March 14 (Reuters) - Suspected jihadist fighters killed at least 12 people, including two volunteer "
     "defence fighters, in an attack on a gold mining site near Gao late on Tuesday, local sources and a security "
     "official said on Wednesday.", "local sources and a security official"),
]


@pytest.mark.parametrize("sentence, claimant", ATTRIBUTIONS)
def test_attribution(sentence, claimant, nlp, knowledge):
    ms = mentions_of(sentence, nlp, knowledge)
    assert ms, sentence
    assert ms[0].claimant == claimant
    assert not ms[0].claimant_is_outlet


def test_no_one_claiming_responsibility_is_no_claimant(nlp, knowledge):
    from strife.claimants import find_claimant

    sent = next(iter(nlp("No group has claimed responsibility for the attack near Gao.").sents))
    assert find_claimant(sent) == (None, None)


def test_later_pronoun_and_generic_head_resolve_to_the_named_claimant(nlp, knowledge):
    text = ("Kenya's interior ministry said two policemen were killed in an ambush near Wajir on Wednesday.\n"
            "The ministry also said one reservist was shot dead by bandits on Tuesday.\n"
            "Three others were wounded in the ambush, it said.")
    ms = mentions_of(text, nlp, knowledge)
    assert [m.claimant for m in ms] == ["Kenya's interior ministry"] * 3


def test_an_indefinite_claimant_is_someone_new(nlp, knowledge):
    # "a monitoring group" is not "the group" named before: an indefinite article introduces someone
    text = ("Five villagers were killed when gunmen raided a village near Wajir on Tuesday, a local rights group said.\n"
            "More than 400 people have been killed in the county since January, according to a monitoring group.")
    doc = Document("t", text, outlet="Test Wire", published=PUB)
    tallies = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[1]
    assert [t.claimant for t in tallies] == ["monitoring group"]


MODALITY = [
    "The army denied that its soldiers had killed civilians in the village on Tuesday.",
    "Police dismissed reports that officers fired on protesters on Monday.",
    "Militants threatened to attack the town if troops did not withdraw.",
    "The rebels warned that they would bomb government buildings.",
    "The government plans to deploy troops to the border next week.",
    "Officials fear that gunmen may attack the camp again.",
    "The group vowed to kill any soldier who entered the forest.",
    "Elders called for an end to the fighting in the district.",
    "If the talks fail, rebels could attack the capital.",
    "Will the army retake the town before the rains?",
    "Police said no attack took place in the village on Monday.",
    "There was no shooting in the town on Friday, police said.",
    "The minister said troops were preparing to attack rebel positions.",
    "Residents fear that the militia will burn their homes.",
    "The UN urged both sides to avoid attacks on civilians.",
    "Soldiers did not attack the village, the army said.",
    "The militants are planning to attack the convoy, intelligence officials said.",
    "Talks aimed to prevent clashes between the two communities.",
    "Police have been deployed to stop protesters from marching to parliament.",
    "There were no reports of casualties after the shelling stopped, officials said.",
    # a known incident named to say where or when, not told again
    "Police now patrol the stretch of road where last week's ambush happened.",
    # forces described by their deployment, not deployed in the news
    "Ugandan troops, deployed to the region since 2019, guard the border crossing.",
    # a group's habits told in passing
    "Bandits have attacked traders on this road in the past, residents said.",
]


@pytest.mark.parametrize("sentence", MODALITY)
def test_non_asserted_is_not_an_event(sentence, nlp, knowledge):
    ms = mentions_of(sentence, nlp, knowledge)
    assert [m for m in ms if m.event_type != "Strategic developments"] == [], [(m.trigger, m.event_type) for m in ms]


# An attack without casualties, or a killing whose perpetrator is denied, still happened.
ASSERTED = [
    "No one was killed in the attack on the police post in Mandera on Monday, police said.",
    "Soldiers were not involved in the killing of two traders in Beni on Tuesday, the army said.",
    "Gunmen killed four traders in Bunia on Tuesday.",
    "Troops clashed with rebels near Goma on Wednesday.",
    "Protesters marched through Nairobi on Monday.",
    "A roadside bomb struck a police truck in Garissa on Friday.",
    "Three journalists were beaten up by unknown men outside a polling station in Nakuru on Monday.",
    "Hundreds of traders poured into the streets of Eldoret on Tuesday over new market fees.",
]


@pytest.mark.parametrize("sentence", ASSERTED)
def test_asserted_is_an_event(sentence, nlp, knowledge):
    assert mentions_of(sentence, nlp, knowledge)


def test_a_toll_raised_by_the_deaths_themselves_has_no_claimant_of_its_own(nlp, knowledge):
    ms = mentions_of("Two more wounded men died on Tuesday, which raised the death toll from the bombing in Gao "
                     "to eight.", nlp, knowledge)
    assert ms and all(m.claimant_is_outlet and m.claimant == "Test Wire" for m in ms), [m.claimant for m in ms]
