"""Whether a sentence tells a happening as fact (modality.py), one rule at a time, on sentences
written for these tests."""
import pytest

from strife.happenings import find_triggers
from strife.modality import modality_of, present_perfect, refers_back, statement_date
from strife.resolve import timex


def trigger(text, word, nlp):
    """The sentence and the token of the trigger `word` in it."""
    sent = next(nlp(text).sents)
    hit = next(h for h in find_triggers(sent) if h.token is not None and h.token.text == word)
    return hit.token, sent


@pytest.mark.parametrize("text, word, modality", [
    # a question tells nothing
    ("Did gunmen attack the convoy near Garissa?", "attack", "question"),
    # a known incident named as the place of something else
    ("Traffic was diverted away from the stretch where Tuesday's explosion occurred.", "explosion", "reference"),
    # a negated verb
    ("The convoy was not attacked on Monday.", "attacked", "negated"),
    # a modal auxiliary
    ("Militants could attack the town at any time.", "attack", "hypothetical"),
    # a habit
    ("The gang usually attacks police posts at night.", "attacks", "habitual"),
    # a noun with "no" above the happening
    ("The army made no mention of the strike.", "strike", "negated"),
    # a negated verb of checking a report
    ("The radio could not independently confirm the reports of fighting near Tera.", "fighting", "unconfirmed"),
    ("The radio confirmed the reports of fighting near Tera.", "fighting", "asserted"),
    # governing verbs that do not assert it
    ("The rebels denied attacking the base.", "attacking", "denied"),
    ("Al-Shabaab threatened to attack the town.", "attack", "threat"),
    ("The militants planned to bomb the bridge.", "bomb", "planned"),
    # a condition
    ("Whether the militants attacked the convoy remains unclear.", "attacked", "hypothetical"),
    # negated by a word of its own
    ("There was no attack on the camp that night.", "attack", "negated"),
    ("No one was killed in the fighting.", "killed", "negated"),
    # a death no one inflicted
    ("Aid workers said that children are dying from hunger in three villages near Gao.", "dying", "natural"),
    ("Two herders died of cholera in the camp last month.", "died", "natural"),
    # told as fact
    ("Gunmen attacked a police post in Mandera on Monday.", "attacked", "asserted"),
    ("Three children died of their wounds near Gao on Friday.", "died", "asserted"),
])
def test_modality(text, word, modality, nlp):
    tok, sent = trigger(text, word, nlp)
    assert modality_of(tok, sent) == modality


@pytest.mark.parametrize("text, word, summary", [
    # a campaign summarised in the present perfect is background ...
    ("The offensive has killed thousands of people.", "killed", True),
    ("Schools closed in the province, where the insurgency, which has killed hundreds, began.", "killed", True),
    # ... a present-perfect lead with a concrete subject is news, and so is the past tense
    ("Militants have destroyed a telecommunications mast in Mandera.", "destroyed", False),
    ("The offensive killed thousands of people in 2019.", "killed", False),
])
def test_a_campaign_in_the_present_perfect_is_background(text, word, summary, nlp):
    tok, _ = trigger(text, word, nlp)
    assert present_perfect(tok) is summary


@pytest.mark.parametrize("text, word, back", [
    # a definite noun refers back to a happening told before
    ("The raid, carried out before dawn, left two dead.", "raid", True),
    ("The strike, carried out before dawn, hit a camp.", "hit", True),
    # an indefinite one is new
    ("A raid on a village left two dead.", "raid", False),
])
def test_a_definite_happening_refers_back(text, word, back, nlp):
    tok, _ = trigger(text, word, nlp)
    assert refers_back(tok) is back


def test_the_day_of_a_count_is_a_statements_day(nlp):
    s = "The death toll from the attack on Monday rose to nine on Wednesday."
    sent = next(nlp(s).sents)
    found = {t.text: statement_date(t, sent) for t in timex.find_time_expressions(s) if t.kind == "point"}
    assert found == {"on Monday": False, "on Wednesday": True}


def test_a_campaign_summary_is_no_incident_but_a_dated_lead_is(nlp, knowledge):
    from strife.extraction import extract_document
    from strife.models import Document

    def told(text):
        doc = Document("r", text, outlet="Test Wire")
        return extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[0]

    assert told("The army's offensive has allowed government troops to retake several villages.") == []
    assert [m.family for m in told("Government troops recaptured several villages near Kismayo on Monday.")] == ["territory"]
