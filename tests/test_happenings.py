"""What a sentence says happened and its ACLED type (happenings.py), on sentences written for these
tests (Kenyan places, so the state and generic actors are Kenya's)."""
import datetime as dt

import pytest

from strife.extraction import extract_document
from strife.models import Document
from strife.resolve.stage import resolve_document


def typed(text, nlp, knowledge):
    doc = Document("r", text, outlet="Test Wire", published=dt.date(2023, 5, 12))
    ms = extract_document(doc, nlp(text), gazetteer=knowledge.gazetteer, actors=knowledge.actors)[0]
    return [(m.event_type, m.sub_event_type) for m in resolve_document(doc, ms, knowledge.gazetteer, knowledge.actors)]


@pytest.mark.parametrize("text, types", [
    # families whose type is fixed (happenings._FIXED_TYPES)
    ("A schoolgirl was sexually assaulted by a police officer in Kisumu on Monday.",
     ("Violence against civilians", "Sexual violence")),
    ("Al-Shabaab fighters set up a base in the forest near Kolbio on Monday.",
     ("Strategic developments", "Headquarters or base established")),
    ("Authorities imposed a curfew in Kapedo on Monday.", ("Strategic developments", "Other")),
    ("Non-violent transfer of territory: Al-Shabaab fighters took over Kolbio on Monday after troops withdrew.",
     ("Strategic developments", "Non-violent transfer of territory")),
    # remote violence by its means (happenings._MEANS): a suicide bomb before a bomb
    ("A suicide bomber killed five people at a market in Mandera on Monday.",
     ("Explosions/Remote violence", "Suicide bomb")),
    ("Mortar shells fired by al-Shabaab hit a camp near Mandera on Monday.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    # bombs dropped are an air strike, with no aircraft named (ACLED's train split: 9 of 15 such notes)
    ("The military dropped bombs on two villages near Mandera on Monday, killing three people.",
     ("Explosions/Remote violence", "Air/drone strike")),
    # an attack told before police dispersed the crowd is the event (happenings._drop_dispersal_of_attackers)
    ("A gang attacked houses in Kisumu on Monday before police intervened to disperse the crowd.",
     ("Battles", "Armed clash")),
])
def test_types(text, types, nlp, knowledge):
    assert typed(text, nlp, knowledge) == [types]


def test_trigger_words_are_the_tokens_a_loop_over_every_token_would_find(nlp):
    from strife.happenings import _trigger_words
    from strife.lexicon import triggers

    text = ("ATTACK ON CONVOY. Shelling hit Garissa on Monday, and gunmen attacked a bus near Wajir. "
            "Police said two officers were killed; protesters marched and Attack helicopters circled.")
    doc = nlp(text)
    lemmas = triggers().lemmas
    for sent in doc.sents:
        looped = [t for t in sent if t.lemma_.lower() in lemmas or t.lower_ in lemmas]
        assert _trigger_words(sent) == looped
    assert {t.lower_ for t in _trigger_words(next(doc.sents))} == {"attack"}
