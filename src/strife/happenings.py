"""happenings: what a sentence says happened (extract's trigger and typing steps).

Trigger words and phrases (data/triggers.yaml) give a happening and its family (attack, clash,
protest, arrest ...); the sentence's cue words and the sides hit then give the ACLED event type and
sub-event type of that family.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .lexicon import triggers


@dataclass
class TriggerHit:
    """A happening a sentence names: its family, priority, where it starts and its token."""

    family: str
    priority: int
    start: int  # char offset in doc
    text: str
    token: object | None


# Things whose seizure is a weapons seizure (ACLED: disrupted weapons use), not territory taken.
_WEAPON_CACHE = {"weapon", "arm", "ammunition", "explosive", "equipment", "gun", "rifle", "firearm", "bomb",
                 "grenade", "cache", "ied", "detonator", "munition", "round", "bullet", "material"}

# Craft whose capture is a hijacking, not territory taken.
_CRAFT = {"vessel", "ship", "boat", "dhow", "tanker", "trawler", "yacht", "lorry", "truck", "bus", "vehicle",
          "car", "aircraft", "plane", "matatu"}


def find_triggers(sent) -> list[TriggerHit]:
    """The happenings a sentence names: trigger phrases first, then trigger words (by lemma) outside
    them that name a happening here (_names_a_happening), in the family the words around them give
    (_refined_family)."""
    lex = triggers()
    hits, covered = _phrase_hits(sent)
    for t in _trigger_words(sent):
        if t.idx in covered:
            continue
        lem = t.lemma_.lower()
        fam = lex.lemmas.get(lem) or lex.lemmas.get(t.lower_)
        if not fam or not _names_a_happening(t, lem, fam):
            continue
        fam = _refined_family(t, lem, fam)
        if fam is not None:
            hits.append(TriggerHit(fam, lex.priority[fam], t.idx, t.text, t))
    _drop_dispersal_of_attackers(hits)
    return hits


def _trigger_words(sent) -> list:
    """The sentence's tokens whose lemma or lowercased form is a trigger word, found by a Matcher run
    once over the whole document (not by a loop over every token of every sentence)."""
    doc = sent.doc
    found = doc.user_data.get("strife_trigger_words")
    if found is None:
        found = doc.user_data["strife_trigger_words"] = sorted({s for _, s, _ in _trigger_matcher(doc.vocab)(doc)})
    return [doc[i] for i in found[bisect.bisect_left(found, sent.start):bisect.bisect_left(found, sent.end)]]


@functools.lru_cache(maxsize=4)
def _trigger_matcher(vocab):
    """Trigger words by lemma (lower-case as the lexicon has them; a proper noun's lemma keeps its
    capitals, so its title and upper case forms too) or by the word itself."""
    from spacy.matcher import Matcher

    words = sorted(triggers().lemmas)
    m = Matcher(vocab)
    m.add("TRIGGER", [[{"LEMMA": {"IN": words + [w.title() for w in words] + [w.upper() for w in words]}}],
                      [{"LOWER": {"IN": words}}]])
    return m


def _phrase_hits(sent) -> tuple[list[TriggerHit], set[int]]:
    """The trigger phrases of the sentence ("set ablaze", "opened fire"), and the characters they cover."""
    lex = triggers()
    hits: list[TriggerHit] = []
    covered: set[int] = set()
    for m in lex.phrase_re.finditer(sent.text.lower()):
        phrase = m.group(0)
        fam = lex.phrase_family[phrase]
        s = sent.start_char + m.start()
        tok = sent.doc.char_span(s, s + len(phrase), alignment_mode="expand")
        hits.append(TriggerHit(fam, lex.priority[fam], s, phrase, tok.root if tok is not None else None))
        covered.update(range(s, s + len(phrase)))
    return hits, covered


def _names_a_happening(t, lem: str, fam: str) -> bool:
    """A trigger word that names a happening here, not a name, a month or a description."""
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON", "ORG", "GPE") and t.pos_ == "PROPN":
        return False  # "March" the month, "Strike Force" the name
    if t.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN", "AUX") and lem not in ("dead",):
        return False
    if t.dep_ == "amod" and t.tag_ in ("VBN", "JJ") and fam not in ("casualty",):
        return False  # "bombed out buildings", "armed men": a description, not a happening
    if t.dep_ == "acl" and t.tag_ == "VBN" and fam in ("deploy", "base"):
        return False  # "troops, deployed there since 2021, ...": who they are, not what happened
    return True


def _refined_family(t, lem: str, fam: str) -> str | None:
    """The family a trigger word's objects and subject give it, or None when they say it is no
    happening of its family."""
    armed = triggers().cues["armed"][0]
    objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    if fam == "loot" and lem == "destroy":
        if set(" ".join(x.lower_ for c in objects for x in c.subtree).split()) & armed:
            fam = "attack"  # "destroyed two military vehicles": an attack on armed forces
    if fam == "casualty" and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children) \
            and lem in ("kill", "murder", "slay", "execute", "behead", "massacre"):
        fam = "attack"  # "Turkana attackers kill five": someone killed someone, an attack
    if fam == "deploy" and lem in ("rush", "dispatch"):
        if not any(x.lower_ in armed or x.lower_ in ("security", "reinforcements") for c in objects for x in c.subtree):
            return None  # "the injured were rushed to hospital": not forces moved
    if fam == "territory" and any(x.lemma_.lower() in _WEAPON_CACHE for c in objects for x in c.subtree):
        fam = "weapons_disrupted"  # "police seized explosive equipment": a weapons seizure
    elif fam == "territory" and any(x.lemma_.lower() in _CRAFT for c in objects for x in c.subtree):
        fam = "abduct"  # "the vessel was captured by pirates": a hijacking, its crew held, not ground taken
    if lem == "fatality" and not any(c.dep_ == "nummod" and c.like_num and c.lower_ not in ("0", "zero")
                                     for c in t.children):
        return None  # "3 fatalities." closing a coder's note counts the dead; "no fatalities" tells of none
    if lem == "disperse":
        if not objects or objects[0].lower_ in armed or objects[0].pos_ == "PRON":
            return None  # "troops dispersed the attackers": a fight, told by its own words
    if fam == "attack" and lem == "fire" and t.pos_ == "NOUN" and any(c.lower_ in ("set",) for c in t.head.children):
        fam = "riot"  # "set fire to shops": arson by a crowd
    return fam


def _drop_dispersal_of_attackers(hits: list[TriggerHit]) -> None:
    """ "a gang attacked houses - police intervened to disperse the crowd": the attack is the event
    ("police fired tear gas to disperse them" is the dispersal itself)."""
    for d in [h for h in hits if h.token is not None and h.token.lemma_.lower() == "disperse"]:
        if any(h.family in ("attack", "clash") and h.token is not None and h.token.pos_ == "VERB"
               and any(c.dep_ == "nsubj" for c in h.token.children) and h.token.i != d.token.head.i
               for h in hits):
            hits.remove(d)


def is_setting(hit) -> bool:
    """A happening named as the setting of another ("police killed a youth during riots", "shot
    amid protests"): the other one is the event told."""
    t = hit.token
    return t is not None and t.dep_ == "pobj" and t.head.lower_ in ("during", "amid", "amidst")


# Families whose ACLED type is fixed, whatever else the sentence says.
_FIXED_TYPES = {
    "mob": ("Riots", "Mob violence"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual": ("Violence against civilians", "Sexual violence"),
    "arrest": ("Strategic developments", "Arrests"),
    "weapons_disrupted": ("Strategic developments", "Disrupted weapons use"),
    "deploy": ("Strategic developments", "Change to group/activity"),
    "base": ("Strategic developments", "Headquarters or base established"),
    "other_strategic": ("Strategic developments", "Other"),
    "territory_peaceful": ("Strategic developments", "Non-violent transfer of territory"),
}
# Means of remote violence, tried in this order (cue lexicon name, ACLED sub-event type): ACLED codes
# remote violence by its means, whoever was hit.
_MEANS = (("suicide", "Suicide bomb"), ("grenade", "Grenade"), ("air", "Air/drone strike"),
          ("shelling", "Shelling/artillery/missile attack"), ("ied", "Remote explosive/landmine/IED"))


def classify(family: str, words: set[str], low: str, actor_kinds: dict) -> tuple[str, str]:
    """ACLED event_type and sub_event_type for a sentence's family, refined by cue words and sides."""
    if family in _FIXED_TYPES:
        return _FIXED_TYPES[family]
    if family == "protest":
        return _protest_type(words, low, actor_kinds)
    if family == "riot":
        if "mob" in words or "lynched" in words or "vigilantes" in words:
            return "Riots", "Mob violence"  # a crowd punishing someone, not a demonstration
        return "Riots", "Violent demonstration"
    if family == "loot":
        if "mob" in words or "residents" in words or "youths" in words:
            return "Riots", "Mob violence"  # a crowd looting or destroying
        return "Strategic developments", "Looting/property destruction"
    if family == "territory":
        if actor_kinds.get("actor1_state"):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    return _violence_type(family, words, low, actor_kinds)


def _protest_type(words: set[str], low: str, actor_kinds: dict) -> tuple[str, str]:
    """Protesters killed are excessive force; violence told (not "no reports of violence") makes a
    riot; forces intervening, a protest with intervention."""
    lex = triggers()
    if actor_kinds.get("protesters_killed"):
        return "Protests", "Excessive force against protesters"
    if lex.has_cue("violent", words, low) and riotous(low):  # (not "no reports of violence")
        return "Riots", "Violent demonstration"
    if lex.has_cue("intervention", words, low):
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _violence_type(family: str, words: set[str], low: str, actor_kinds: dict) -> tuple[str, str]:
    """An attack, clash or casualty: remote violence by its means first, then a battle when armed
    sides fought or were hit, else violence against civilians."""
    lex = triggers()

    def cue(name):
        return lex.has_cue(name, words, low)

    means = next((sub for name, sub in _MEANS if cue(name)), None)
    if means is not None:
        return "Explosions/Remote violence", means
    if family == "clash":
        return "Battles", "Armed clash"
    if family == "attack" and actor_kinds.get("remote_target") and not cue("remote_ground"):
        # "21 targets were hit", "struck 30 positions", nothing said of fighting on the ground: fire
        # from afar, which ACLED codes as shelling when no air words say an air strike (checked above).
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    civil_victims = actor_kinds.get("victim_civilian", False)
    armed_victims = actor_kinds.get("victim_armed", False)
    if civil_victims and not armed_victims:
        return "Violence against civilians", "Attack"
    if armed_victims or actor_kinds.get("two_armed"):
        return "Battles", "Armed clash"
    if family in ("attack", "casualty") and not armed_victims and actor_kinds.get("target_civilian", True):
        if actor_kinds.get("armed_beyond_attacker", cue("armed")) and not cue("civilians"):
            return "Battles", "Armed clash"  # "the strike destroyed regime vehicles": a military target
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def cue_words(low: str) -> set[str]:
    """The words of a lower-cased text, as the cue lexicons match them."""
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", low))


def riotous(text: str) -> bool:
    """Violence told anywhere in a note, except in a negated sentence ("No violence was reported")."""
    for sent in re.split(r"(?<=[.;!?])\s+", text.lower()):
        words = set(re.findall(r"[a-z][a-z'-]*", sent))
        if words & {"no", "not", "without", "never", "nor"}:
            continue
        if triggers().has_cue("violent", words, sent):
            return True
    return False


def is_trigger_word(tok) -> bool:
    """A token that names a happening or its means ("strike", "airstrikes", "killed")."""
    lex = triggers()
    return tok.lemma_.lower() in lex.lemmas or tok.lower_ in lex.lemmas or tok.lower_ in instrument_words()


_INSTRUMENTS: set | None = None


def instrument_words() -> set:
    """Words of the means of an attack (air, shelling, IED and grenade cues, "fire", "raid" ...), built once."""
    global _INSTRUMENTS
    if _INSTRUMENTS is None:
        lex = triggers()
        words = set()
        for cue in ("air", "shelling", "ied", "grenade"):
            words |= lex.cues[cue][0]
        _INSTRUMENTS = words | {"fire", "strike", "strikes", "raid", "raids", "bombardment", "bombing", "bombings",
                                "attack", "attacks", "offensive", "gunfire", "airstrike"}
    return _INSTRUMENTS
