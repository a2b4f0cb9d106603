"""Background sentences of an article add no event (issue 13), on an article we wrote: a fictional
week in Niger's Tillaberi region."""
import datetime as dt

import pytest

from strife.extract import extract_document
from strife.models import Document

PUB = dt.date(2024, 5, 10)  # a Friday

ARTICLE = """Gunmen kill five soldiers at a checkpoint near Ayorou

NIAMEY (Sahel Wire) - Gunmen on motorbikes attacked an army checkpoint near Ayorou in western Niger's Tillaberi region on Wednesday, killing five soldiers, the defence ministry said on Thursday.

The ministry said the attackers fled towards the border with Mali after an hour of fighting, and that reinforcements had been sent to the area to search for them.

According to a count kept by a local rights group, 212 soldiers and civilians have been killed in the region since the start of the year. All were killed in attacks, bombings and ambushes by armed groups in the north and west of the region.

A state radio station reported 14 air strikes on suspected camps across the region last week, without giving further details.

Residents of Ayorou said the market had stayed closed on Thursday and that many families were preparing to leave for Tillaberi town, where aid groups run two camps for the displaced.

The governor of the region visited the wounded at the hospital in Tillaberi and promised that the army would stay in the area until the attackers were found. He called on residents to give the security forces any information about the movements of armed men.

The army has been fighting armed groups linked to al-Qaeda and the Islamic State in the region for nearly a decade, and the violence has forced hundreds of thousands of people from their homes. Schools in
many villages of the region have been closed for months, and farmers say they can no longer reach their fields.
"""


@pytest.fixture(scope="module")
def mentions(nlp, knowledge):
    assert len(ARTICLE) > 1500  # read as an article, not a coder's note
    doc = Document("niger", ARTICLE, outlet="Sahel Wire", published=PUB)
    ms, _ = extract_document(doc, nlp(ARTICLE), gazetteer=knowledge.gazetteer, actors=knowledge.actors)
    return ms


@pytest.mark.parametrize("words", ["All were killed in attacks", "reported 14 air strikes"])
def test_plural_attacks_with_no_day_or_victims_of_their_own_are_a_summary(mentions, words):
    assert not [m for m in mentions if words in m.sentence]


def test_the_lead_incident_is_kept_with_its_toll(mentions):
    lead = [m for m in mentions if "checkpoint near Ayorou" in m.sentence and "Wednesday" in m.sentence]
    assert lead and sum(q.value for q in lead[0].quantities if q.figure == "fatalities") == 5
