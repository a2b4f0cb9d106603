"""happenings: what a sentence says happened (extract's trigger and typing steps).

Trigger words and phrases (data/triggers.yaml) give a happening and its family (attack, clash,
protest, arrest ...); the sentence's cue words and the sides hit then give the ACLED event type and
sub-event type of that family.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import triggers


@dataclass
class TriggerHit:
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
    lex = triggers()
    hits: list[TriggerHit] = []
    low = sent.text.lower()
    covered: set[int] = set()
    for m in lex.phrase_re.finditer(low):
        phrase = m.group(0)
        fam = lex.phrase_family[phrase]
        s = sent.start_char + m.start()
        tok = sent.doc.char_span(s, s + len(phrase), alignment_mode="expand")
        hits.append(TriggerHit(fam, lex.priority[fam], s, phrase, tok.root if tok is not None else None))
        covered.update(range(s, s + len(phrase)))
    for t in sent:
        if t.idx in covered:
            continue
        lem = t.lemma_.lower()
        fam = lex.lemmas.get(lem) or lex.lemmas.get(t.lower_)
        if not fam:
            continue
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON", "ORG", "GPE") and t.pos_ == "PROPN":
            continue  # "March" the month, "Strike Force" the name
        if t.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN", "AUX") and lem not in ("dead",):
            continue
        if t.dep_ == "amod" and t.tag_ in ("VBN", "JJ") and fam not in ("casualty",):
            continue  # "bombed out buildings", "armed men": a description, not a happening
        if t.dep_ == "acl" and t.tag_ == "VBN" and fam in ("deploy", "base"):
            continue  # "troops, deployed there since 2021, ...": who they are, not what happened
        if fam == "loot" and lem == "destroy":
            objs = " ".join(x.lower_ for c in t.children if c.dep_ in ("dobj", "nsubjpass") for x in c.subtree)
            if set(objs.split()) & triggers().cues["armed"][0]:
                fam = "attack"
        if fam == "casualty" and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children) \
                and lem in ("kill", "murder", "slay", "execute", "behead", "massacre"):
            fam = "attack"  # "Turkana attackers kill five": someone killed someone, an attack
        if fam == "deploy" and lem in ("rush", "dispatch"):
            moved = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            if not any(x.lower_ in triggers().cues["armed"][0] or x.lower_ in ("security", "reinforcements")
                       for c in moved for x in c.subtree):
                continue  # "the injured were rushed to hospital": not forces moved
        if fam == "territory" and any(x.lemma_.lower() in _WEAPON_CACHE for c in t.children
                                      if c.dep_ in ("dobj", "nsubjpass") for x in c.subtree):
            fam = "weapons_disrupted"  # "police seized explosive equipment": a weapons seizure
        elif fam == "territory" and any(x.lemma_.lower() in _CRAFT for c in t.children if c.dep_ in ("dobj", "nsubjpass")
                                        for x in c.subtree):
            fam = "abduct"  # "the vessel was captured by pirates": a hijacking, its crew held, not ground taken
        if lem == "disperse":
            crowd = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            if not crowd or crowd[0].lower_ in triggers().cues["armed"][0] or crowd[0].pos_ == "PRON":
                continue  # "troops dispersed the attackers": a fight, told by its own words
        if fam == "attack" and lem == "fire" and t.pos_ == "NOUN" and any(c.lower_ in ("set",) for c in t.head.children):
            fam = "riot"
        hits.append(TriggerHit(fam, lex.priority[fam], t.idx, t.text, t))
    for d in [h for h in hits if h.token is not None and h.token.lemma_.lower() == "disperse"]:
        if any(h.family in ("attack", "clash") and h.token is not None and h.token.pos_ == "VERB"
               and any(c.dep_ == "nsubj" for c in h.token.children) and h.token.i != d.token.head.i
               for h in hits):
            # "a gang attacked houses - police intervened to disperse the crowd": the attack is the
            # event ("police fired tear gas to disperse them" is the dispersal itself)
            hits.remove(d)
    return hits


def is_setting(hit) -> bool:
    """A happening named as the setting of another ("police killed a youth during riots", "shot
    amid protests"): the other one is the event told."""
    t = hit.token
    return t is not None and t.dep_ == "pobj" and t.head.lower_ in ("during", "amid", "amidst")


def classify(family: str, words: set[str], low: str, actor_kinds: dict) -> tuple[str, str]:
    """ACLED event_type and sub_event_type for a sentence's family, refined by cue words and sides."""
    lex = triggers()

    def cue(name):
        return lex.has_cue(name, words, low)

    civil_victims = actor_kinds.get("victim_civilian", False)
    armed_victims = actor_kinds.get("victim_armed", False)
    if family == "protest":
        if actor_kinds.get("protesters_killed"):
            return "Protests", "Excessive force against protesters"
        if cue("violent") and riotous(low):  # (not "no reports of violence")
            return "Riots", "Violent demonstration"
        if cue("intervention"):
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if family == "riot":
        if "mob" in words or "lynched" in words or "vigilantes" in words:
            return "Riots", "Mob violence"
        return "Riots", "Violent demonstration"
    if family == "mob":
        return "Riots", "Mob violence"
    if family == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance"
    if family == "sexual":
        return "Violence against civilians", "Sexual violence"
    if family == "arrest":
        return "Strategic developments", "Arrests"
    if family == "weapons_disrupted":
        return "Strategic developments", "Disrupted weapons use"
    if family == "deploy":
        return "Strategic developments", "Change to group/activity"
    if family == "base":
        return "Strategic developments", "Headquarters or base established"
    if family == "other_strategic":
        return "Strategic developments", "Other"
    if family == "territory_peaceful":
        return "Strategic developments", "Non-violent transfer of territory"
    if family == "loot":
        if "mob" in words or "residents" in words or "youths" in words:
            return "Riots", "Mob violence"
        return "Strategic developments", "Looting/property destruction"
    if family == "territory":
        if actor_kinds.get("actor1_state"):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    # attack / clash / casualty: weapons first, as ACLED codes remote violence by its means
    if cue("suicide"):
        return "Explosions/Remote violence", "Suicide bomb"
    if cue("grenade"):
        return "Explosions/Remote violence", "Grenade"
    if cue("air"):
        return "Explosions/Remote violence", "Air/drone strike"
    if cue("shelling"):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if cue("ied"):
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if family == "clash":
        return "Battles", "Armed clash"
    if family == "attack" and actor_kinds.get("remote_target") and not cue("remote_ground"):
        # "21 targets were hit", "struck 30 positions", nothing said of fighting on the ground: fire
        # from afar, which ACLED codes as shelling when no air words say an air strike (checked above).
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
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
    lex = triggers()
    return tok.lemma_.lower() in lex.lemmas or tok.lower_ in lex.lemmas or tok.lower_ in instrument_words()

_INSTRUMENTS: set | None = None


def instrument_words() -> set:
    global _INSTRUMENTS
    if _INSTRUMENTS is None:
        lex = triggers()
        words = set()
        for cue in ("air", "shelling", "ied", "grenade"):
            words |= lex.cues[cue][0]
        _INSTRUMENTS = words | {"fire", "strike", "strikes", "raid", "raids", "bombardment", "bombing", "bombings",
                                "attack", "attacks", "offensive", "gunfire", "airstrike"}
    return _INSTRUMENTS
