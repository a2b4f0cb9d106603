"""modality: whether a sentence tells a happening as fact (extract's modality step).

A denied, threatened, planned, conditional, habitual or questioned happening, or a death of hunger or
disease, is not an event; a campaign summarised in the present perfect is background; a day governed
by a verb of saying is the statement's day, not the happening's; a definite noun ("the raid") refers
back to a happening told.
"""
from __future__ import annotations

import re

from .claimants import SAY_LEMMAS
from .happenings import is_trigger_word

# Lemmas that, when they govern a trigger, mean the happening is not asserted as fact.
NON_ASSERTED = {
    "deny": "denied", "dismiss": "denied", "refute": "denied", "reject": "denied",
    "threaten": "threat", "warn": "threat", "vow": "threat", "pledge": "threat",
    "plan": "planned", "intend": "planned", "prepare": "planned", "plot": "planned", "propose": "planned",
    "want": "planned", "seek": "planned", "aim": "planned", "consider": "planned", "decide": "planned",
    "fear": "hypothetical", "risk": "hypothetical", "prevent": "hypothetical", "avert": "hypothetical",
    "urge": "hypothetical", "call": "hypothetical", "demand": "hypothetical", "hope": "hypothetical",
    "avoid": "hypothetical", "stop": "hypothetical",
}

HABIT_ADVERBS = {"usually", "often", "regularly", "routinely", "frequently", "typically", "generally"}

MODAL_AUX = {"will", "would", "could", "may", "might", "shall", "should", "can", "must"}

# A habit or history told in passing ("al-Shabaab have carried out abductions in the past"): not an incident
# ("in the past few hours", "in the past two days" is a recent period, no habit).
HABITUAL = re.compile(r"\b(every time|each time|whenever|usually|often|sometimes|occasionally|frequently|regularly|routinely|in the past(?!\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?))|in recent years|over the years|in previous years|on several occasions|"
                      r"on previous occasions|in the last few years|"
                      # an ongoing campaign with no day of its own ("jets continue flying over the desert",
                      # "residents have continued to hold daily protests"): the setting, not an incident
                      r"continu(?:e|es|ed|ing) (?:to \w+|(?!including)\w+ing)|daily|every day|day after day|nightly)\b", re.I)


def modality_of(tok, sent) -> str:
    """How the sentence tells the happening at `tok`: "asserted", or why it is not an event
    ("question", "reference", "negated", "hypothetical", "habitual", "denied", "threat", "planned",
    "unconfirmed").
    The happening's word and the words above it in the parse (up to four) are tried in turn, each
    against _CHAIN_RULES in order."""
    if sent.text.rstrip().endswith("?"):
        return "question"  # "Did the rebels attack the convoy?"
    if tok is None:
        return "asserted"
    if _names_a_known_incident(tok):
        return "reference"
    chain = [tok] + list(tok.ancestors)[:4]
    for i, a in enumerate(chain):
        for rule in _CHAIN_RULES:
            found = rule(tok, a, i)
            if found:
                return found
    return _negated_by_its_words(tok)


def _names_a_known_incident(tok) -> bool:
    """ "the stretch where Tuesday's explosion occurred": a known incident named, not told."""
    h = tok.head
    return tok.dep_ == "nsubj" and h.lemma_.lower() in ("occur", "happen", "take") and h.dep_ == "relcl" \
        and any(c.lower_ in ("where", "when") for c in h.children)


# Each rule reads one word of the chain: `a`, `i` words above the happening's word `tok`.

def _negation(tok, a, i) -> str | None:
    """ "were not killed": negated; a noun under a negated verb ("riots - not specified") stays."""
    if any(c.dep_ == "neg" for c in a.children) and (i == 0 or (i == 1 and tok.pos_ == "VERB")):
        return "negated"
    return None


def _modal(tok, a, i) -> str | None:
    """ "militants could attack the town": a modal auxiliary (MODAL_AUX) on it or its verb."""
    if i <= 1 and any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in a.children):
        return "hypothetical"
    return None


def _habit(tok, a, i) -> str | None:
    """ "which usually publicises its attacks": a habit (HABIT_ADVERBS), not one happening."""
    if i <= 1 and any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in a.children):
        return "habitual"
    return None


def _no_noun(tok, a, i) -> str | None:
    """ "made no mention of the strike", "no sign of an attack": a noun with "no" above it."""
    if 1 <= i <= 2 and a.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in a.children):
        return "negated"
    return None


def _not_asserting(tok, a, i) -> str | None:
    """ "denied attacking", "threatened to attack", "planned to attack": a governing verb that does
    not assert it (NON_ASSERTED)."""
    if i >= 1 and a.lemma_.lower() in NON_ASSERTED:
        return NON_ASSERTED[a.lemma_.lower()]
    return None


def _condition(tok, a, i) -> str | None:
    """ "if rebels attack the town", "unless", "whether": a condition, not a fact."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in a.children) and i <= 1:
        return "hypothetical"
    return None


# The rules tried on each word of the chain, in order.
# Causes of death that are no one's violence ("people are dying of hunger", "died from cholera").
NATURAL_CAUSES = {"hunger", "starvation", "malnutrition", "famine", "disease", "diseases", "illness", "cholera",
                  "malaria", "covid", "covid-19", "coronavirus", "cold", "heat", "thirst", "exhaustion"}


def _natural_death(tok, a, i) -> str | None:
    """ "Reports say people are dying from hunger in the camps": a death of a cause no one inflicted is
    not political violence (ACLED and UCDP code neither)."""
    if i == 0 and tok.lemma_.lower() in ("die", "death", "dead") and any(
            c.dep_ == "prep" and c.lower_ in ("of", "from") and any(o.lower_ in NATURAL_CAUSES for o in c.children)
            for c in tok.children):
        return "natural"
    return None


# Verbs of checking a report ("could not confirm the reports of fighting").
CHECK_VERBS = {"confirm", "verify", "corroborate"}


def _unconfirmed(tok, a, i) -> str | None:
    """ "Reporters could not independently confirm the reports of fighting": a happening that a
    negated verb of checking governs is not asserted (one the report told is told elsewhere)."""
    if i >= 1 and a.lemma_.lower() in CHECK_VERBS and any(c.dep_ == "neg" for c in a.children):
        return "unconfirmed"
    return None


_CHAIN_RULES = (_negation, _modal, _habit, _no_noun, _not_asserting, _condition, _natural_death, _unconfirmed)


def _negated_by_its_words(tok) -> str:
    """ "never attacked", "no attack", "No one was killed": negated by a word of its own."""
    for c in tok.children:
        if c.lower_ in ("no", "never", "nobody", "none"):
            return "negated"
        if c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return "negated"  # "No one was killed"
    return "asserted"


def statement_date(t, sent) -> bool:
    """ "X said on Friday that ...", "On Wednesday he told reporters that ...": a day governed by a
    reporting verb, or told right after one, is the statement's day, not the happening's."""
    span = sent.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    before = sent.doc[span.start - 1] if span.start > sent.start else None
    if before is not None and (says(before) or (before.dep_ in ("dobj", "dative", "pobj") and says(before.head))):
        return True  # right after the verb ("said on Friday they had killed", "told reporters on Friday")
    head = span.root
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            # "the death toll rose to nine on Wednesday": the day of a count, as of a statement
            return says(head) or any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in head.children)
    return False


def says(tok) -> bool:
    """A verb of saying (SAY_LEMMAS): its subject is a claimant, its day the statement's."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SAY_LEMMAS


# Determiners with which a report refers back to a happening it has told ("The raid ...", "that attack").
REFERRING = {"the", "that", "this", "these", "those"}


def refers_back(tok) -> bool:
    """A happening named by a definite noun ("The strike, carried out before dawn, hit a camp"): in a
    report that has already told one of its kind, it is that one again."""
    if tok is None:
        return False
    if tok.pos_ != "NOUN" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
            c.dep_ == "det" and c.lower_ in REFERRING for c in tok.children):
        return True  # "The wounded were flown to hospital": the victims of a happening told before
    if _perceived(tok):
        return True
    if tok.pos_ != "NOUN":
        if _harmed_in_the_happening(tok):
            return True
        # "The strike, carried out before dawn, hit a camp": the happening is the verb's subject
        tok = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and is_trigger_word(c)), None)
    return tok is not None and tok.pos_ == "NOUN" and any(
        (c.dep_ == "det" and c.lower_ in REFERRING) or _a_days_own(c) for c in tok.children)


# Verbs of perceiving: "residents heard explosions", "they were woken by gunfire".
_PERCEIVE = {"hear", "wake", "awaken", "awake", "see", "feel", "watch", "witness"}


def _perceived(tok) -> bool:
    """ "Residents said they heard explosions for twenty minutes": a witness's perception of a happening
    tells of one the report has told, not another."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in _PERCEIVE
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.lemma_.lower() in _PERCEIVE


# Prepositions that place a harm inside a happening ("killed in the attack", "wounded during the clash").
_WITHIN = {"in", "during", "at"}
# Nouns that name the happening told before without being trigger words ("killed at the scene").
_SCENE_NOUNS = {"scene", "incident", "encounter", "exchange", "shootout", "firefight", "gunfight"}


def _harmed_in_the_happening(verb) -> bool:
    """ "Three troopers were killed during the encounter", "she was killed at the scene": a casualty
    verb placed in a happening named by a definite noun tells the victims of one already told."""
    from .lexicon import quantities

    if quantities()["figure_of"].get(verb.lemma_.lower()) not in ("fatalities", "injured"):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _WITHIN):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if (is_trigger_word(obj) or obj.lower_ in _SCENE_NOUNS) and any(
                    c.dep_ == "det" and c.lower_ in REFERRING for c in obj.children):
                return True
    return False


# "Monday night's raid", "yesterday's attack", "last week's bombing": a happening named by its day is
# one the reader was told of.
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
              "night", "morning", "evening", "week", "weekend", "month"}


def _a_days_own(c) -> bool:
    return c.dep_ == "poss" and (c.lower_ in _DAY_WORDS or c.ent_type_ in ("DATE", "TIME"))


CAMPAIGN_NOUNS = {"assault", "offensive", "war", "conflict", "campaign", "crisis", "fighting", "violence",
                  "operation", "insurgency", "unrest", "bombardment", "escalation", "advance", "push", "onslaught"}


def present_perfect(tok) -> bool:
    """A campaign summarised in the present perfect ("the offensive has killed", "the assault has
    allowed the regime to reclaim swathes of territory"): background, not a dated incident. A
    present-perfect news lead with a concrete subject ("militants have destroyed a mast") stays news."""
    if tok is None:
        return False
    verbs = [tok] + [a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")][:2]
    for a in verbs:
        if any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in a.children):
            subj = [c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lower_ in ("which", "that") and a.dep_ == "relcl":
                subj = [a.head]  # "the insurgency, which has killed more than 6,000 people"
            if subj and subj[0].lemma_.lower() in CAMPAIGN_NOUNS:
                return True
    return False
