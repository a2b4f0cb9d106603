"""figures._runs starts its number runs at the tokens a Matcher finds once per document: the same
tokens a loop over every token of every sentence finds (sentences written for this test)."""
from strife.figures import _runs, _number_tokens, is_number


def test_number_tokens_are_the_tokens_a_loop_would_find(nlp):
    text = ("Twenty-one people died and 1,500 fled on 3 May 2024 when gunmen attacked Garissa. "
            "Dozens of homes burned; police said two officers and a driver were hurt, and 7.5 km of road closed. "
            "Five hundred families, many of them from three villages, sheltered in a 12-room school.")
    doc = nlp(text)
    found = 0
    for sent in doc.sents:
        looped = [t.i for t in sent if is_number(t)]
        assert _number_tokens(sent) == looped
        found += len(looped)
    assert found >= 6


def test_runs_join_number_words(nlp):
    doc = nlp("Twenty-one soldiers and five hundred civilians were killed, and 1,500 fled.")
    runs = [" ".join(t.text for t in run) for run in _runs(next(doc.sents))]
    assert runs == ["Twenty - one", "five hundred", "1,500"]  # "Twenty-one" is split by the tokenizer
