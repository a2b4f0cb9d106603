"""roles: who acted against whom in a sentence (extract's roles step).

actor1 (who acted) and actor2 (who was acted on) are phrases the actor lexicon knows, placed by the
parse and by ACLED's coding conventions; the owner of what was hit, a country standing for its forces,
the side that fired in support of another, and a group that claimed or was blamed for an attack in
the next sentence follow from the sentence and its neighbours. Resolve turns the phrases into actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .claimants import SAY_LEMMAS, span_text
from .figures import named_casualty
from .happenings import instrument_words, is_trigger_word
from .lexicon import triggers
from .models import Mention
from .nlp import doc_text
from .places import capital_country

# A phrase under these prepositions is circumstance, not a party to the happening.
NOT_A_PARTY_PREPS = {"despite", "amid", "from", "after", "before", "following", "since", "during", "of",
                     "about", "over", "like", "towards", "toward", "near"}

# Generic categories are not a named perpetrator.
_GENERIC_NAMES = ("Unidentified", "Opposition Rebels", "Civilians", "Protesters", "Rioters")


# ------------------------------------------------------------------ who the sentence says was hit

# The dead told by their remains, and the verbs of finding them. ACLED codes a discovery of bodies
# as violence against civilians by an unidentified armed group (110 of the 163 such notes in the
# train split); who found them is no party to it.
_REMAINS = {"body", "bodies", "corpse", "corpses", "remains", "skeleton", "skeletons"}
_FIND_LEMMAS = {"find", "discover", "recover", "retrieve", "unearth", "exhume", "locate"}


def actor_kinds(sent, words, low, quants, main) -> dict:
    """What the sentence says of the sides, for typing it (happenings.classify): civilian or armed
    victims, a state actor acting, armed words beyond the attacker's own phrase, two armed sides."""
    kinds: dict = {}
    _victims_counted(quants, kinds)
    if main.token is not None:
        _kinds_by_parse(sent, low, main.token, kinds)
    if "clash" in low or "clashes" in low or "exchange of fire" in low or "fought" in words or "gun battle" in low:
        kinds["two_armed"] = True  # "clashes", "an exchange of fire": two armed sides
    return kinds


def _victims_counted(quants, kinds: dict) -> None:
    """The counted victims' own words ("three soldiers", "two farmers") say whether they were armed or
    civilians, and killed protesters are excessive force."""
    lex = triggers()
    single_civ, single_arm = lex.cues["civilians"][0], lex.cues["armed"][0]
    for q in quants:
        v = (q.victim or "").lower().split()
        if set(v) & single_civ:
            kinds["victim_civilian"] = True
        if set(v) & single_arm:
            kinds["victim_armed"] = True
        if {"protesters", "demonstrators", "protestors"} & set(v) and q.figure == "fatalities":
            kinds["protesters_killed"] = True


def _kinds_by_parse(sent, low, tok, kinds: dict) -> None:
    """Who the trigger's objects and passive subjects are says who was hit; its subject, who acted."""
    lex = triggers()
    single_civ, multi_civ = lex.cues["civilians"]
    single_arm, multi_arm = lex.cues["armed"]
    for tgt in _targets_of(tok):
        ws = {x.lower_ for x in tgt.subtree}
        if ws & single_civ or any(c in " ".join(ws) for c in multi_civ):
            kinds["victim_civilian"] = True
            kinds["target_civilian"] = True
        if ws & single_arm:
            kinds["victim_armed"] = True
            kinds["target_civilian"] = False
        elif named_casualty(tgt):
            kinds["victim_civilian"] = True  # "gunmen shot dead Ahmed Musa": a person named, no arms said
            kinds["target_civilian"] = True
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "agent")]
    for s in subj:
        ws = {x.lower_ for x in s.subtree}
        if ws & lex.cues["government_side"][0]:
            kinds["actor1_state"] = True
    # armed words outside the attacker's own phrase ("Turkana attackers kill five": the armed
    # word is the attacker, so nothing says the dead were armed)
    # (nor is a finder of the dead: "police found the bodies of three men")
    attacker = {t.i for s in subj for t in s.subtree} | _finders(sent)
    kinds["armed_beyond_attacker"] = any(
        t.lower_ in single_arm for t in sent if t.i not in attacker) or any(c in low for c in multi_arm)


def _finders(sent) -> set[int]:
    """Token indices of the subjects of verbs that find the dead ("residents discovered five bodies")."""
    return {t.i for v in sent if v.lemma_.lower() in _FIND_LEMMAS
            and any(c.dep_ in ("dobj", "obj") and c.lower_ in _REMAINS for c in v.children)
            for s in v.children if s.dep_ == "nsubj" for t in s.subtree}


def _targets_of(tok) -> list:
    """The trigger's objects and passive subject, and what it was aimed at ("an attack on a bar")."""
    targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("on", "against", "at"):
            targets += [c for c in p.children if c.dep_ == "pobj"]
    return targets


# ------------------------------------------------------------------ actor1 and actor2

def sides(sent, main, actors, country, gazetteer) -> tuple[str | None, str | None, str | None]:
    """(actor1, actor2, backer) of a sentence's main happening, as phrases: the roles the parse gives,
    then the owner of a target hit as actor2, the doer of a happening told as a noun, and a side whose
    fire supported another as the backer."""
    a1, a2 = roles_by_parse(sent, main, actors, country, gazetteer)
    a1, a2 = _owner_of_target(sent, a1, a2, gazetteer)
    if a1 is None:
        a1 = _doer_of_happening(main, gazetteer)
    return _supported_side(sent, a1, a2, actors, country)


def roles_by_parse(sent, main, actors, country, gazetteer=None) -> tuple[str | None, str | None]:
    """actor1 (who acted) and actor2 (who was acted on) as phrases, from the parse: each actor phrase
    the lexicon finds gets a side and a weight by its grammatical role (_GRAMMAR_RULES), then the
    rules of _CHOICE_RULES, in order, choose the two sides."""
    if actors is None:
        return None, None
    matches = actors.find_actors(sent.text, country)
    if not matches:
        return None, None
    cast = _cast(sent, main, matches)
    for rule in _CHOICE_RULES:
        rule(cast)
    a1_text = cast.a1.surface if cast.a1 else None
    if (cast.a1 is None or main.family == "deploy") and gazetteer is not None and main.token is not None:
        # "Turkey shot down two warplanes": a country as the subject of an attack is its armed forces
        # ("Kenya has deployed forces at the border": the country that deploys, whoever else is named)
        a1_text = _country_as_forces(sent, main, gazetteer) or a1_text
    return a1_text, (cast.a2.surface if cast.a2 else None)


@dataclass
class _Party:
    """An actor phrase of the sentence as the parse places it."""

    match: object  # the actor lexicon's match: surface, start, end (in the sentence), actor
    head: object  # its head token; for "members of X", the member noun
    before: str  # the sentence's text before it, lower-cased


@dataclass
class _Cast:
    """The actor phrases of one sentence, the sides their grammar gives them, and the two chosen."""

    sent: object
    main: object
    matches: list
    own: set  # token indices of the main happening's own clause (the trigger's subtree)
    scored1: list = field(default_factory=list)  # (weight, match): acted
    scored2: list = field(default_factory=list)  # (weight, match): acted on
    between: list = field(default_factory=list)  # "clashes between X and Y": the two sides, in the order written
    placed: list = field(default_factory=list)  # matches that took part (claimants and "despite X" are left out)
    left_out: list = field(default_factory=list)  # claimants and finders: never a side
    a1: object = None
    a2: object = None

    def head(self, m):
        """The head token of a match (not through a member noun), or None when it aligns with none."""
        span = self.sent.doc.char_span(self.sent.start_char + m.start, self.sent.start_char + m.end,
                                       alignment_mode="expand")
        return span.root if span is not None else None

    def rank(self, x):
        """Participants of the happening's own clause first, then the weight, then the earliest."""
        h = self.head(x[1])
        return (x[0] + (2 if h is not None and h.i in self.own else 0), -x[1].start)


def _cast(sent, main, matches) -> _Cast:
    """Each actor phrase placed: left out (a claimant, a circumstance), a side named after "between",
    or a side by its grammar."""
    own = set(t.i for t in main.token.subtree) if main.token is not None else set()
    cast = _Cast(sent, main, matches, own)
    finders = _finders(sent)  # "Police found the bodies of three men": who found the dead
    parties = [(m, _party(sent, m)) for m in matches]

    def after_its_head(p):  # "jihadist group" of "fighters of a jihadist group" stands at "fighters"
        return p.match.start > p.head.idx - sent.start_char
    members = {p.head.i for _, p in parties if p is not None and p.head.lower_ in _MEMBER_NOUNS and after_its_head(p)}
    for m, p in parties:
        if p is None or (p.head.i in members and not after_its_head(p)):
            continue  # the member noun itself is the group named after it, not a party of its own
        if _is_claimant(p) or p.head.i in finders:
            cast.left_out.append(m)
            continue
        if _between(p.head):
            cast.between.append(m)
        elif _seized_from(p, main) or _remains_of(p):
            cast.scored2.append((3, m))
        elif _circumstance(p):
            continue
        else:
            side, weight = _grammatical_role(p, main)
            (cast.scored1 if side == 1 else cast.scored2).append((weight, m))
        cast.placed.append(m)
    return cast


def _party(sent, m) -> _Party | None:
    """An actor match as the parse places it; None when it aligns with no tokens."""
    span = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
    if span is None:
        return None
    return _Party(m, _through_members(span.root), sent.text[:m.start].lower())


def _is_claimant(p: _Party) -> bool:
    """ "police said ...": the speaker, the claimant, not a participant."""
    return p.head.dep_ in ("nsubj", "nsubjpass") and p.head.head.lemma_.lower() in SAY_LEMMAS


def _remains_of(p: _Party) -> bool:
    """ "the bodies of four men were found": the dead, the side hit (not a circumstance "of")."""
    h = p.head
    return h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in _REMAINS


def _seized_from(p: _Party, main) -> bool:
    """ "police seized explosives from al-Shabaab members": the owners of what was seized (actor2)."""
    return p.head.dep_ == "pobj" and p.head.head.lower_ == "from" and main.family == "weapons_disrupted"


def _circumstance(p: _Party) -> bool:
    """ "despite the Turkish strikes", "taking advantage of Turkish drones": a circumstance."""
    return p.head.dep_ == "pobj" and p.head.head.lower_ in NOT_A_PARTY_PREPS


# ------------------------------------------------------------------ a side by its grammar

def _grammatical_role(p: _Party, main) -> tuple[int, int]:
    """(side, weight) of one actor phrase: the first of _GRAMMAR_RULES that holds (side 1 acted,
    side 2 was acted on; the weight ranks the candidates of a side), else a weak candidate hit."""
    for rule, side, weight in _GRAMMAR_RULES:
        if rule(p, main):
            return side, weight
    return 2, 1


def _attackers_means(p: _Party, main) -> bool:
    """ "killed in regime airstrikes", "Turkish drones bombed": an armed party's weapon is the attacker."""
    h = p.head
    return p.match.actor.inter in (1, 2, 3, 4, 8) and h.dep_ not in ("dobj", "obj", "nsubjpass") and (
        h.lower_ in instrument_words() or h.lemma_.lower() in instrument_words())


def _headline_passive(p: _Party, main) -> bool:
    """A headline's passive: "Policeman killed by rebels", "Man stabbed in Kisumu" (a participle with
    an agent, or with no auxiliary): its subject was hit. Not a clash's verb, which has no passive
    ("Members of a militia clashed with police": the parser tags "clashed" a participle)."""
    h = p.head
    if main.family == "clash" and main.token is not None and h.head.i == main.token.i:
        return False
    return h.dep_ == "nsubj" and (h.head.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in h.head.children)
                                  or h.head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in h.head.children))


def _the_dead(p: _Party, main) -> bool:
    """ "one gang member died in the exchange": the dead are the side hit."""
    return p.head.dep_ == "nsubj" and p.head.head.lemma_.lower() in ("die", "perish", "succumb")


def _subject(p: _Party, main) -> bool:
    """The subject of a verb ("gunmen attacked a bus") acted (verbs of saying were left out before)."""
    return p.head.dep_ == "nsubj"


def _agent_of_happening(p: _Party, main) -> bool:
    """ "killed by X", "an attack by X", "blamed on X": X acted, when what X did is a happening (a
    trigger word), not a state ("both of which were held by regime troops")."""
    h = p.head
    by_word = re.search(r"(\w+)\s+by (?:the )?$", p.before)
    agent_verb = h.head.head if h.head.dep_ == "agent" else None
    governs_main = agent_verb is not None and (
        main.token is not None and main.token in agent_verb.subtree
        or main.token is None and agent_verb.left_edge.idx <= main.start <= agent_verb.right_edge.idx
        # "set ablaze by X": the verb begins a trigger phrase
        or triggers().phrase_re.match(doc_text(h.doc)[agent_verb.idx:agent_verb.idx + 40].lower()) is not None)
    is_main = main.token is not None and agent_verb is not None and agent_verb.i == main.token.i
    return ((agent_verb is not None and (is_main or is_trigger_word(agent_verb) or governs_main))
            or (agent_verb is None and by_word is not None and _is_trigger_word_text(by_word.group(1)))
            or re.search(r"\bblamed on (?:the )?(?:[\w-]+ ){0,2}$", p.before) is not None)


def _joined_subject(p: _Party, main) -> bool:
    """ "extremists and Turkish-backed fighters entered": joined to the subject, the same side."""
    return p.head.dep_ == "conj" and p.head.head.dep_ in ("nsubj", "agent")


def _described_as_harmed(p: _Party, main) -> bool:
    """ "Policeman killed after ambush": the noun the participle describes was hit."""
    return any(c.dep_ == "acl" and ((main.token is not None and c.i == main.token.i) or c.lemma_.lower() in _HARM_LEMMAS)
               for c in p.head.children)


def _forces_moved(p: _Party, main) -> bool:
    """ "security forces have been deployed": the forces moved acted."""
    return p.head.dep_ == "nsubjpass" and main.family in ("deploy", "base")


def _object_or_target(p: _Party, main) -> bool:
    """The object or passive subject of a verb, or what an attack was "against" or "on", was hit."""
    anc_lower = [a.lower_ for a in p.head.ancestors][:3]
    return p.head.dep_ in ("nsubjpass", "dobj", "obj") or "against" in anc_lower or "on" in anc_lower[:1]


def _modifier_of_happening(p: _Party, main) -> bool:
    """ "Turkish drone strikes", "regime airstrikes": the side named on the happening did it."""
    return p.head.dep_ in ("amod", "compound", "poss") and p.head.head.lemma_.lower() in triggers().lemmas


def _suspected_group(p: _Party, main) -> bool:
    """ "a suspected al-Shabaab planted mine": the named group suspected acted."""
    m = p.match
    return m.actor.inter in (2, 3, 4) and not m.actor.name.startswith(_GENERIC_NAMES) \
        and re.search(r"\b(suspected|alleged|presumed)\s+$", p.before + m.surface.lower().split(" ")[0] + " ") is not None


# Who acted and who was hit by an actor phrase's place in the parse: the first rule that holds
# decides; (rule, side, weight), side 1 acted, side 2 was acted on, the weight ranks a side's candidates.
_GRAMMAR_RULES = (
    (_attackers_means, 1, 3),
    (_headline_passive, 2, 3),
    (_the_dead, 2, 3),
    (_subject, 1, 3),
    (_agent_of_happening, 1, 4),
    (_joined_subject, 1, 2),
    (_described_as_harmed, 2, 3),
    (_forces_moved, 1, 3),
    (_object_or_target, 2, 3),
    (_modifier_of_happening, 1, 2),
    (_suspected_group, 1, 2),
)


# ------------------------------------------------------------------ choosing the two sides

def _best_ranked(c: _Cast) -> None:
    """The best-ranked phrase of each side; actor2 is never actor1's own actor."""
    if c.scored1:
        c.a1 = max(c.scored1, key=c.rank)[1]
    if c.scored2:
        cands = [x for x in c.scored2 if c.a1 is None or x[1].actor.name != c.a1.actor.name]
        if cands:
            c.a2 = max(cands, key=c.rank)[1]


def _people_in_attackers_phrase(c: _Cast) -> None:
    """ "a gang of 1,000 Kikuyu", "gunmen from the Pokot community", "rebels of the National
    Liberation Army": the people or group named in an unidentified attacker's own phrase (or generic
    rebels') are the more specific actor."""
    if c.a1 is None or not c.a1.actor.name.startswith(("Unidentified", "Opposition Rebels")):
        return
    h1 = c.head(c.a1)
    inner = [m for m in c.matches if m is not c.a1 and m.actor.inter in (2, 3, 4)
             and not m.actor.name.startswith(_GENERIC_NAMES) and h1 is not None
             and (h := c.head(m)) is not None and h.i in {t.i for t in h1.subtree}]
    if inner:
        c.a1 = inner[0]


def _sides_between(c: _Cast) -> None:
    """ "clashes between X and Y": X and Y are the two sides, in the order written, unless an agent
    ("attacked by Z") was found; forces that moved to quell such clashes stay actor1."""
    if c.between and c.main.family in ("deploy", "base", "arrest") and c.a1 is not None:
        return  # "troops were rushed in to quell clashes between X and Y": the troops moved
    if len(c.between) >= 2 and (c.a1 is None or not any(x[0] >= 4 for x in c.scored1)):
        first = c.between[0]
        c.a1, c.a2 = first, next((x for x in c.between[1:] if x.actor.name != first.actor.name), c.a2)
    elif c.between:
        if c.a1 is None:
            c.a1 = c.between[0]
        elif c.a2 is None and c.between[0].actor.name != c.a1.actor.name:
            c.a2 = c.between[0]


def _headline_noun_phrase(c: _Cast) -> None:
    """A headline the parser reads as one noun phrase ("MRC attack policeman", "Pokot raiders attack
    Turkana herders"): the actor written just before the attack word acted, the one just after it
    was hit."""
    if not ((c.a1 is None or c.a2 is None) and c.main.family in ("attack", "clash")):
        return
    text = c.sent.text
    t0 = c.main.start - c.sent.start_char
    t1 = t0 + len(c.main.text)
    before = [m for m in c.matches if 0 <= t0 - m.end <= 2]
    after = [m for m in c.matches if 0 <= m.start - t1 <= 12
             and re.fullmatch(r"\s*(?:(?:a|an|the|two|three|four|five|several|\d+)\s+)?", text[t1:m.start])]
    if c.a1 is None and before and before[0].actor.inter in (1, 2, 3, 4, 8) and (c.a2 is None or before[0] is not c.a2):
        c.a1 = before[0]
    if c.a2 is None and after and (c.a1 is None or after[0].actor.name != c.a1.actor.name):
        c.a2 = after[0]


def _armed_group_acts(c: _Cast) -> None:
    """An armed group with no grammatical role while no one acts ("Pokomo militia attack Orma
    village", parsed as a noun phrase): armed groups act; the target is someone else, if named."""
    a2 = c.a2
    if c.a1 is None and a2 is not None and a2.actor.inter in (2, 3, 4) \
            and max((x[0] for x in c.scored2 if x[1] is a2), default=0) <= 1:
        c.a1 = a2
        rest = [x for x in c.scored2 if x[1] is not a2 and x[1].actor.name != a2.actor.name]
        c.a2 = max(rest, key=c.rank)[1] if rest else None


def _named_armed_group(c: _Cast) -> None:
    """No one is the grammatical attacker, but the sentence names an armed group ("a suspected
    al-Shabaab planted land mine", "gunmen linked to X"): ACLED codes that group as actor1."""
    if c.a1 is not None:
        return
    named = [m for m in c.matches if m.actor.inter in (2, 3, 4) and not m.actor.name.startswith(_GENERIC_NAMES)
             and (c.a2 is None or m.actor.name != c.a2.actor.name)]
    if named:
        c.a1 = named[0]


def _other_armed_party(c: _Cast) -> None:
    """The parse gave no attacker, but another armed party takes part ("Police exchange fire with
    raiders", parsed as a noun phrase): the first armed party that is not the target acted."""
    a2 = c.a2
    if c.a1 is not None or a2 is None:
        return
    armed = [m for m in c.placed if m.actor.inter in (1, 2, 3, 4, 8) and m is not a2
             and m.actor.name != a2.actor.name and (m.start < a2.start or _fought_with(c, m))]
    if armed:
        c.a1 = armed[0]


def _fought_with(c: _Cast, m) -> bool:
    """ "died in a shootout with police": the other side of the fight."""
    h = c.head(m)
    if h is None or h.dep_ != "pobj" or h.head.lower_ != "with":
        return False
    w = h.head.head
    return "clash" in (triggers().lemmas.get(w.lemma_.lower()), dict(triggers().phrases).get(w.lower_))


def _other_side_of_clash(c: _Cast) -> None:
    """ "police and two gang members exchanged gunfire": the other subject is the other side."""
    if c.a1 is not None and c.a2 is None and c.main.family == "clash":
        others = [x[1] for x in c.scored1 if x[1].actor.name != c.a1.actor.name]
        if others:
            c.a2 = others[0]


def _non_state_sides_in_order(c: _Cast) -> None:
    """Two non-state sides of a clash ("Maasai and Kikuyu groups clash"): in the order written."""
    a1, a2 = c.a1, c.a2
    if a1 is not None and a2 is not None and c.main.family == "clash" and a2.start < a1.start \
            and a1.actor.inter in (2, 3, 4) and a2.actor.inter in (2, 3, 4):
        c.a1, c.a2 = a2, a1


def _speaker_did_it(c: _Cast) -> None:
    """ "police said they had seized explosives": the speaker did what "they" did."""
    tok = c.main.token
    if tok is not None and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SAY_LEMMAS \
            and any(x.dep_ == "nsubj" and x.lower_ in ("they", "it", "we") for x in tok.children):
        speaker = [m for m in c.matches if (h := c.head(m)) is not None and h.dep_ == "nsubj" and h.head.i == tok.head.i]
        if speaker:
            c.a1 = speaker[0]
            if c.a2 is not None and c.a2.actor.name == c.a1.actor.name:
                c.a2 = None


def _first_named(c: _Cast) -> None:
    """No role found for anyone: the first actor named acted, but not one named as the speaker ("police
    said a woman died on the spot": the police told of it; no one is named as having done it) nor as
    the finder of the dead."""
    if c.a1 is None and c.a2 is None:
        told = [m for m in c.matches if not any(m is x for x in c.left_out)]
        c.a1 = told[0] if told else None


# The rules that choose actor1 and actor2 from the phrases placed, in order.
_CHOICE_RULES = (_best_ranked, _people_in_attackers_phrase, _sides_between, _headline_noun_phrase,
                 _armed_group_acts, _named_armed_group, _other_armed_party, _other_side_of_clash,
                 _non_state_sides_in_order, _speaker_did_it, _first_named)


def _country_as_forces(sent, main, gazetteer) -> str | None:
    """A country (or its capital, standing for its government) as the subject or agent of an attack,
    deployment or capture, or blamed for it ("an air strike blamed on Damascus"): its forces."""
    for c in _doers_named(sent, main):
        if c.pos_ == "PROPN":
            p = gazetteer.country(c.text)
            if p is not None and p.kind == "country":
                return f"{c.text} forces" if not c.text.endswith("s") else c.text
            capital_of = capital_country(c.text)
            if capital_of is not None:
                p = gazetteer.country(capital_of)
                if p is not None:
                    return f"{p.name} forces"
    return None


def _doers_named(sent, main) -> list:
    """Subjects of the happening's verb and of the sentence's other attack verbs, their agents
    ("carried out by Russia"), and what a happening was "blamed on"."""
    verbs = [main.token] + [t for t in sent if t.pos_ == "VERB" and triggers().lemmas.get(t.lemma_.lower())
                            in ("attack", "clash", "territory") and t.i != main.token.i]
    cands = [c for v in verbs for c in v.children if c.dep_ == "nsubj"]
    for ag in (c for v in verbs for c in v.children if c.dep_ == "agent"):
        cands += [c for c in ag.children if c.dep_ == "pobj"]
    for t in sent:
        if t.lower_ == "blamed":
            for prep in (c for c in t.children if c.lower_ == "on"):
                cands += [c for c in prep.children if c.dep_ == "pobj"]
    return cands


# Participles that say their noun was harmed ("soldier killed", "officers wounded").
_HARM_LEMMAS = {"kill", "wound", "injure", "hurt", "shoot", "stab", "abduct", "kidnap", "behead", "attack"}

_MEMBER_NOUNS = {"members", "member", "fighters", "militants", "elements", "supporters", "youths", "men",
                 "gunmen", "remnants", "commanders", "commander", "leaders", "leader", "units", "unit",
                 # quantity nouns: "a big number of Kenyan forces have been deployed"
                 "number", "contingent", "team", "batch", "dozens", "hundreds", "scores", "thousands"}


def _through_members(tok):
    """"Members of the Orma and Pokomo communities clashed": a group named after a member noun takes
    that noun's place in the sentence."""
    t = tok
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _MEMBER_NOUNS:
            return t.head.head
        if t.dep_ not in ("conj", "nmod", "compound", "amod") or t.head.i == t.i:
            return tok
        t = t.head
    return tok


def _between(tok) -> bool:
    """A side named after "between" ("clashes between X and Y", "fighting between members of X")."""
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "between":
            return True
        if tok.dep_ not in ("conj", "pobj", "nmod", "compound", "prep") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _is_trigger_word_text(word: str) -> bool:
    """The word before "by" names a happening: a trigger, a means, or a participle ("killed by")."""
    w = word.lower()
    return w in triggers().lemmas or w in instrument_words() or w.endswith(("ed", "ing"))


def _is_attack_verb(tok) -> bool:
    """A verb of attack or clash (triggers.yaml), or "destroy"."""
    lem = tok.lemma_.lower()
    return tok.pos_ == "VERB" and (triggers().lemmas.get(lem) in ("attack", "clash") or lem == "destroy")


def targets_hit(sent) -> bool:
    """ "targets"/"positions" (triggers.yaml: remote) are what a verb of striking hit: its object, its
    passive subject, or what it was aimed against ("retaliated against regime targets")."""
    lex = triggers()
    single, _ = lex.cues["remote_targets"]

    def striking(v):
        return v.pos_ == "VERB" and v.lemma_.lower() in lex.remote_verbs

    for t in sent:
        if t.lower_ not in single:
            continue
        if t.dep_ in ("dobj", "obj", "nsubjpass") and striking(t.head):
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("against", "on", "at") and striking(t.head.head):
            return True
    return False


_DOER_PATH = ("conj", "pcomp", "prep", "xcomp", "advcl")


def _owner_of_target(sent, a1: str | None, a2: str | None, gazetteer) -> tuple[str | None, str | None]:
    """ "Turkey retaliated and 21 regime targets were hit": the owner of what was hit ("regime"
    modifying the hit targets) is the side hit, actor2, not the attacker. The attacker is then the
    subject of the clause the attack hangs from ("Turkey retaliated ... and [targets] were hit",
    "Turkey responded by hitting ..."), a country standing for its forces."""
    if not a1:
        return a1, a2
    i = sent.text.find(a1)
    span = sent.doc.char_span(sent.start_char + i, sent.start_char + i + len(a1), alignment_mode="expand") if i >= 0 else None
    if span is None:
        return a1, a2
    h = span.root
    patient = h.head
    if not (h.dep_ in ("compound", "amod", "poss", "nmod") and patient.dep_ in ("nsubjpass", "dobj", "obj")
            and _is_attack_verb(patient.head) and patient.lower_ in triggers().cues["remote_targets"][0]):
        return a1, a2  # (only what is hit as a target: "a suspected al-Shabaab planted mine" is the group's)
    hit = set(x.i for x in patient.subtree)
    doer = None
    v = patient.head
    for _ in range(4):
        if v.lemma_.lower() in SAY_LEMMAS:
            break
        subj = [c for c in v.children if c.dep_ == "nsubj" and c.i not in hit]
        if subj:
            doer = subj[0]
            break
        if v.dep_ not in _DOER_PATH or v.head is v:
            break
        v = v.head
    a1_new = None
    if doer is not None:
        a1_new = span_text(list(doer.subtree))
        if doer.pos_ == "PROPN" and gazetteer is not None:
            p = gazetteer.country(doer.text)
            if p is not None and p.kind == "country":
                a1_new = f"{doer.text} forces" if not doer.text.endswith("s") else doer.text
    return a1_new, a1


def _doer_of_happening(main, gazetteer) -> str | None:
    """ "the airstrikes were carried out by Russia", "the raid was conducted by X": the happening (a
    noun trigger) is the passive subject of a verb whose agent did it; a country stands for its forces."""
    tok = main.token
    if tok is None or tok.dep_ != "nsubjpass":  # (the tagger sometimes calls "strikes" a verb)
        return None
    for ag in (c for c in tok.head.children if c.dep_ == "agent"):
        for o in (c for c in ag.children if c.dep_ == "pobj"):
            if o.pos_ == "PROPN" and gazetteer is not None:
                p = gazetteer.country(o.text)
                if p is not None and p.kind == "country":
                    return f"{o.text} forces" if not o.text.endswith("s") else o.text
            return span_text([x for x in o.subtree if x.dep_ not in ("relcl", "punct") and not any(
                a.dep_ == "relcl" for a in x.ancestors if a in o.subtree)])
    return None


def _fire_words(tokens) -> bool:
    """The words name fire: artillery, shelling, air strikes, drones, "fire", "air support" ..."""
    toks = list(tokens)
    words = {t.lower_ for t in toks}
    text = " ".join(t.lower_ for t in toks)
    return any(triggers().has_cue(c, words, text) for c in ("air", "shelling", "support_means"))


def _owner_phrase(tok) -> str:
    """ "the militants' advance" -> "the militants"; "the rebels on Monday" -> "the rebels"."""
    poss = [c for c in tok.children if c.dep_ == "poss"]
    if poss:
        return span_text([x for x in poss[0].subtree if x.dep_ != "case"])
    keep = [tok]
    for c in tok.lefts:
        keep.extend(c.subtree)
    return span_text(keep)


def _support_by_fire(sent, a1: str | None) -> tuple[str, str] | None:
    """(supported side, backer) when the sentence says one side's fire supported another's action
    (triggers.yaml: support): "Y's advance was supported by X's artillery fire", "X's drones covered
    Y", "Y, backed by X's air strikes, attacked ...", "X shelled ... in support of Y", "Y attacked ...
    under cover of X's artillery", "... with X's air support". The backing must be named as fire."""
    lex = triggers()
    for t in sent:
        lem = t.lemma_.lower()
        if lem in lex.support_verbs and t.pos_ == "VERB":
            agent = [c for c in t.children if c.dep_ == "agent"]
            if agent:
                objs = [c for c in agent[0].children if c.dep_ == "pobj"]
                subj = [c for c in t.children if c.dep_ == "nsubjpass"]
                supported = subj[0] if subj else (t.head if t.dep_ in ("acl", "amod") else None)
                backer = objs[0] if objs else None
            else:
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                obj = [c for c in t.children if c.dep_ in ("dobj", "obj")]
                backer, supported = (subj[0] if subj else None), (obj[0] if obj else None)
            if backer is not None and supported is not None and _fire_words(backer.subtree):
                return _owner_phrase(supported), span_text(list(backer.subtree))
        elif lem in lex.support_nouns and t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in ("in", "with", "under"):
            of = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "from")]
            obj = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            if t.head.lower_ == "in":
                # "X shelled ... in support of Y": the attacker is the backer, when it fired
                if lem == "support" and obj and a1 and _fire_words(sent):
                    return _owner_phrase(obj[0]), a1
            elif a1:
                backer_toks = list(obj[0].subtree) if obj else [x for x in t.subtree if x.i <= t.i]
                if _fire_words(backer_toks):
                    return a1, span_text(backer_toks)
    return None


def _supported_side(sent, a1, a2, actors, country) -> tuple[str | None, str | None, str | None]:
    """(actor1, actor2, backer): when the sentence says one side's fire supported another side's action,
    the supported side is actor1 and the side that fired its backer (fuse folds that fire into the
    supported side's event). Two different sides only: a force "supported" by its own artillery is
    just that force."""
    if actors is None:
        return a1, a2, None
    sup = _support_by_fire(sent, a1)
    if sup is None:
        return a1, a2, None
    y = actors.resolve(sup[0], country)
    x = actors.resolve(sup[1], country)
    if y is None or x is None or actors.side_of(y.name) == actors.side_of(x.name):
        return a1, a2, None
    if a2 is not None:
        b = actors.resolve(a2, country)
        if b is not None and actors.side_of(b.name) in (actors.side_of(y.name), actors.side_of(x.name)):
            a2 = None  # the supported side or its backer is not its own target
    return sup[0], a2, x.name


_RESPONSIBILITY = re.compile(r"\b(claimed (?:the )?respon\w*|claimed the attack|"
                             r"blamed (?:it )?on|were blamed|is blamed|suspected to be|believed to be|"
                             r"linked to|responsible for|believed (?:to be )?responsible|suspected|suspect|"
                             r"involvement|behind the attack|affiliated)\b", re.I)

# A suspicion the report itself doubts.
_DOUBTED = re.compile(r"\b(not (?:been )?confirmed|unconfirmed|not clear who|unclear who|not known who)\b", re.I)


def claimed_responsibility(mentions: list[Mention], sdoc, actors, country) -> None:
    """ "... their vehicle ran over an IED. Al Shabaab claimed responsibility.": a named group claiming
    or blamed in the next sentence is the perpetrator of a mention that names none."""
    if actors is None:
        return
    sents = list(sdoc.sents)
    for m in mentions:
        if m.actor1_text:
            a1 = actors.resolve(m.actor1_text, country)
            if a1 is None or not (a1.inter == 3 and a1.name.startswith("Unidentified")):
                continue  # a named attacker stays; only "gunmen", "attackers" may be named later
        if m.family not in ("attack", "clash", "casualty"):
            continue
        nxt = next((i for i, s in enumerate(sents) if s.start_char >= m.end), None)
        here = next((i for i, s in enumerate(sents) if s.start_char <= m.start < s.end_char), None)
        # the mention's own sentence ("Grenade attack on a church blamed on X") and the next two
        # ("... Al Shabaab suspected.", "Residents suspect Al Shabaab.")
        near = ([sents[here]] if here is not None else []) + (sents[nxt:nxt + 2] if nxt is not None else [])
        for s in near:
            if not _RESPONSIBILITY.search(s.text):
                continue
            if _DOUBTED.search(s.text):
                continue  # "al-Shabaab are suspected, but not confirmed": ACLED leaves it unidentified
            named = [a for a in actors.find_actors(s.text, country)
                     if a.actor.inter in (2, 3, 4) and not a.actor.name.startswith(_GENERIC_NAMES)
                     and not (m.actor2_text and a.surface in m.actor2_text)]  # ("killed an al-Shabaab suspect")
            if named:
                m.actor1_text = named[0].surface
                if m.actor2_text == named[0].surface:
                    m.actor2_text = None  # "X claimed the killing of ...": X is not the target
                break
