"""The rule-labelled entities that stand in for the statistical NER (nlp.mark_entities, data/entities.yaml):
numbers that are days, times, ages, amounts or names of units are labelled, so that no rule reads them
as casualty figures; counts of people are left alone."""
import pytest

from strife.figures import is_number
from strife.nlp import load_model
from strife.settings import load_settings


def _labelled(nlp, text):
    doc = nlp(text)
    return {t.text: t.ent_type_ for t in doc if t.like_num}


@pytest.mark.parametrize("text, number, label", [
    ("On 9 May 2021, a man was found dead near the market.", "9", "DATE"),
    ("Police said that on Nov 21, 2019, two men were arrested.", "21", "DATE"),
    ("The ceasefire agreed under a 2018 deal collapsed.", "2018", "DATE"),
    ("Two days later, 14 people were wounded.", "Two", "DATE"),
    ("Shots were heard at around 10.30 pm in the town.", "10.30", "TIME"),
    ("Fighting lasted for 3 hours near the bridge.", "3", "DATE"),
    ("A 40-minute gunfight ensued at the checkpoint.", "40", "DATE"),
    ("Farmer Ali Musa, 52, was shot in his field.", "52", "DATE"),
    ("Prices rose by 30 percent after the blockade.", "30", "PERCENT"),
    ("The militia demanded $5,000 for each hostage.", "5,000", "MONEY"),
    ("Soldiers of Battalion 312 shelled the ridge.", "312", "ORDINAL"),
    ("A rocket landed 12 km from the camp.", "12", "QUANTITY"),
    ("Traders closed their shops in protest. [size=around 300]", "300", "QUANTITY"),
])
def test_numbers_that_are_not_counts_are_labelled(nlp, text, number, label):
    labels = _labelled(nlp, text)
    assert labels[number] == label, labels
    tok = next(t for t in nlp(text) if t.text == number)
    assert not is_number(tok)


@pytest.mark.parametrize("text, number", [
    ("Gunmen killed 12 villagers in Tillaberi on Monday.", "12"),
    ("Some 2000 protesters marched to the governor's office.", "2000"),
    ("At least five soldiers died when their convoy hit a mine.", "five"),
])
def test_counts_of_people_stay_numbers(nlp, text, number):
    tok = next(t for t in nlp(text) if t.text == number)
    assert tok.ent_type_ == "" and is_number(tok)


def test_names_are_labelled_so_their_words_are_not_triggers(nlp):
    doc = nlp("The General Strike Committee called on workers to stay home.")
    assert [(e.text, e.label_) for e in doc.ents] == [("General Strike Committee", "ORG")]


def test_the_model_ner_is_skipped_by_default_and_kept_on_request():
    s = load_settings()
    assert "ner" not in load_model(s.model, "rules").pipe_names
    assert "strife_entities" in load_model(s.model, "rules").pipe_names
    assert "ner" in load_model(s.model, "model").pipe_names
    with pytest.raises(ValueError):
        load_model(s.model, "regex")
