"""Trigger words and phrases added for protests, clashes and attacks that no trigger named in the dev
split's notes (issue 12): one sentence we wrote for each."""
from __future__ import annotations

import pytest

from strife.happenings import find_triggers


@pytest.mark.parametrize("text,family", [
    ("Farmers sat on a dharna outside the district office demanding compensation.", "protest"),
    ("Teachers began an indefinite fast in front of the education office.", "protest"),
    ("Nurses continued their hunger strike for a fifth day.", "protest"),
    ("Villagers blocked traffic on the highway for two hours to demand a bridge.", "protest"),
    ("Students stopped trains at the station to demand changes to the exam.", "protest"),
    ("Shops stayed shut across the valley during the bandh.", "protest"),
    ("Party workers burnt effigies of the chief minister in the town square.", "protest"),
    ("Hundreds formed a human chain along the river against the dam.", "protest"),
    ("Workers began an agitation over unpaid wages at the mill.", "protest"),
    ("Troops opened heavy gunfire on the rebel positions near the river.", "attack"),
    ("A trader was chopped to death by unknown men in the market.", "attack"),
    ("Cross-border firing was reported along the frontier overnight.", "clash"),
    ("Councillors of the two parties exchanged blows in the council hall.", "riot"),
])
def test_each_added_trigger_names_its_sentence(nlp, text, family):
    sent = next(iter(nlp(text).sents))
    assert family in {h.family for h in find_triggers(sent)}, [(h.family, h.text) for h in find_triggers(sent)]


def test_a_hunger_strike_is_a_protest_not_an_attack(nlp):
    sent = next(iter(nlp("Nurses continued their hunger strike for a fifth day.").sents))
    assert "attack" not in {h.family for h in find_triggers(sent)}
