"""The model's attribute rules applied by lookup (attributes.py) give every token the POS, morphology,
lemma, tag and dependency that spaCy's own attribute_ruler gives it, on sentences we wrote to reach
its exceptions: contractions and slang ("gonna", "ain't", "y'all", "let's"), pronouns by their role,
"do" and "have" as main verbs, "there is", determiners standing alone, "but" as an adverb, line breaks."""
import numpy as np
import pytest

TEXTS = [
    "Gunmen killed three soldiers in Idlib on Monday, and they didn't flee.\n\nThe army said it was gonna respond.",
    "Y'all ain't seen nothing yet, a commander told them; let's go, he said, c'mon.\n   \nThere is no ceasefire.",
    "I saw it. It hit me and you. Did they do it? They did what they had to do, and that was that.",
    "Those who fled got nothing, but the village gets water; but then again, whether it lasts is unclear.",
    "Those are the facts. This is what happened: police shot him because he ran, though he was unarmed.",
]


def _spacy_and_ours():
    import spacy

    from strife.attributes import compile_rules
    from strife.settings import load_settings

    theirs = spacy.load(load_settings().model, exclude=["ner"])
    return theirs, compile_rules(theirs.get_pipe("attribute_ruler"))


def test_the_lookup_gives_the_tokens_what_spacys_attribute_ruler_gives():
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    nlp, rules = _spacy_and_ours()
    assert rules is not None
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    for parsed in nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        a, b = (Doc(parsed.vocab).from_bytes(parsed.to_bytes()) for _ in range(2))
        a, b = lemmatizer(ruler(a)), lemmatizer(rules(b))
        cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
        assert np.array_equal(a.to_array(cols), b.to_array(cols)), [
            (t.text, t.pos_, u.pos_, str(t.morph), str(u.morph), t.lemma_, u.lemma_) for t, u in zip(a, b)
            if (t.pos_, str(t.morph), t.lemma_) != (u.pos_, str(u.morph), u.lemma_)]


def test_the_pipeline_applies_the_rules_by_lookup(nlp):
    from strife.attributes import AttributeRules

    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRules)
    doc = nlp("They were gonna shell the town.")
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"] and doc[0].pos_ == "PRON"


@pytest.mark.parametrize("pattern", [
    [{"SHAPE": "dd"}],  # a token attribute not read here
    [{"LOWER": {"FUZZY": "gonna"}}],  # an operator not read here
])
def test_a_rule_beyond_the_lookup_keeps_spacys_component(pattern):
    import spacy

    from strife.attributes import compile_rules

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert compile_rules(ruler) is not None
    ruler.add([pattern], {"POS": "NUM"})
    assert compile_rules(ruler) is None
