"""figures: the counted casualties of one parsed sentence (extract's figure step).

A figure is a number (or counting word) whose counted noun is the subject or object of a casualty
word: "at least 12 soldiers were killed", "killing three", "three officers died", "4 fatalities". Each
figure keeps its qualifier ("at least", "as many as", "dozens"), the counted noun phrase and its
character offsets. Numbers that count something else are not casualties: dates and times (the parser's
entities), ages, calibres, distances, amounts, animals and vehicles (quantities.yaml `not_victims`).

An alternative figure for the same victims ("2 policemen were killed (3 according to Taliban
sources)", "as many as 7 fatalities" beside "4 were killed") is marked `alternative`: fuse keeps it as
a claim of its own, never adds it to the sentence's figure.

A toll told far from its noun ("the death toll rose to 9") is a figure too; a coder's own note of the
figure ("Fatalities coded as 0") replaces the report's figures (`apply_coded_figure`).
"""
from __future__ import annotations

import bisect
import functools
import re

from .lexicon import quantities
from .models import Mention, Quantity
from .nlp import doc_text

# Upper-bound qualifiers: the figure is a high, not a best (UCDP's and ACLED's reading of "as many as").
UPPER_BOUND = {"as many as", "up to", "at most", "fewer than"}
# Determiners that make a singular victim one person ("the victim died", "a soldier was killed").
SINGULAR_DETS = {"a", "an", "one", "the", "this", "that", "his", "her", "another"}
# Nouns of people that a bare definite phrase counts ("the policeman was shot dead"); an inanimate
# definite subject ("the attack killed") is never one.
_DEAD_WORDS = ("dead", "injured", "wounded", "hurt")
_CASUALTIES = ("fatalities", "injured")  # the figures that count people hit


def number_value(tokens) -> int | None:
    """Value of a run of number tokens ("21", "1,000", "twenty-one", "five hundred", "1.5 million")."""
    q = quantities()
    total, current = 0, None
    for t in tokens:
        w = t.lower_.replace(",", "")
        if w in ("-", "–"):
            continue
        if re.fullmatch(r"\d+(\.\d+)?", w):
            current = float(w) if current is None else current + float(w)
        elif "-" in w and all(p in q["numbers"] for p in w.split("-")):
            current = (current or 0) + sum(q["numbers"][p] for p in w.split("-"))
        elif w in q["scales"] and current is not None:
            current *= q["scales"][w]
            if q["scales"][w] >= 1000:
                total += current
                current = None
        elif w in q["numbers"]:
            v = q["numbers"][w]
            current = current * v if v >= 100 and current is not None else (current or 0) + v
        elif w in q["vague"]:
            # "tens of thousands" (the run leaves out "of"), "two dozen": a count of that many
            current = q["vague"][w] * (current if current is not None else 1)
        else:
            return None
    val = total + (current or 0)
    return int(val) if val else None


def is_number(tok) -> bool:
    q = quantities()
    w = tok.lower_.replace(",", "")
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY") and tok.lower_ not in q["vague"]:
        return False
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return True
    if w in ("a", "an", "single", "lone", "both", "couple"):
        return False  # handled only as "a soldier was killed" below
    return w in q["numbers"] or w in q["vague"] or ("-" in w and all(p in q["numbers"] for p in w.split("-")))


def qualifier(sent_text_before: str) -> str | None:
    tail = sent_text_before.lower().rstrip()
    for phrase, norm in quantities()["qualifier_list"]:
        if tail.endswith(phrase) and (len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalnum()):
            return norm
    return None


def _own_figure(c, fig) -> str | None:
    if _kills_by_phrase(c):
        return "fatalities"
    if _treated_for_wounds(c, fig):
        return "injured"
    for key in (c.lemma_.lower(), c.lower_):
        if key in fig:
            return fig[key]
    for cc in c.children:
        if cc.lower_ in _DEAD_WORDS and (cc.dep_ in ("oprd", "acomp", "xcomp") or _state_before_object(cc, c)):
            return "fatalities" if cc.lower_ == "dead" else "injured"
        if cc.dep_ in ("oprd", "acomp", "xcomp") and cc.tag_ == "VBN" and fig.get(cc.lemma_.lower()) == "fatalities":
            return "fatalities"  # "a farmer was found beheaded", "found murdered": the state found
    return None


def _state_before_object(word, verb) -> bool:
    """ "gunmen shot dead a farmer": before its object, the parser hangs the verb's result on it as an
    adverb (or leaves it unlabelled), not as a predicate."""
    return word.dep_ in ("advmod", "dep") and word.i == verb.i + 1 and any(
        o.dep_ == "dobj" and o.i > word.i for o in verb.children)


def _treated_for_wounds(verb, fig) -> bool:
    """ "six people were being treated for gunshot wounds": those treated for wounds were wounded."""
    return verb.lemma_.lower() == "treat" and any(
        p.dep_ == "prep" and p.lower_ == "for" and any(fig.get(g.lemma_.lower()) == "injured" for g in p.children)
        for p in verb.children)


def _kills_by_phrase(verb) -> bool:
    """ "gunned down three robbers", "hacked two farmers to death", "two men lost their lives", "a farmer
    succumbed to his injuries": a verb that kills by its particle, its result or its object
    (quantities.yaml's killing_phrases)."""
    phrases = quantities().get("killing_phrases") or {}
    lemma = verb.lemma_.lower()
    if _lost_life(verb):
        return True
    if lemma in phrases.get("down", ()) and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return True
    if lemma in phrases.get("to_wounds", ()) and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lemma_.lower() in _WOUNDS for g in c.children) for c in verb.children):
        return True
    return lemma in phrases.get("to_death", ()) and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in verb.children)


_WOUNDS = {"injury", "injuries", "wound", "wounds", "burn", "burns"}


def _lost_life(verb) -> bool:
    """ "two men lost their lives": a verb whose object "life" makes its subject the dead."""
    phrases = quantities().get("killing_phrases") or {}
    return verb.lemma_.lower() in phrases.get("life", ()) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in verb.children)


# "protested against the killing of a driver", "arrested over the death of 11", "condemned the death of
# a student": a death named as a reason or a subject of a reaction is an earlier happening referred to.
_REASON_PREPS = {"against", "over", "after", "following", "for", "about", "into", "despite", "since", "before"}
_REACTION_VERBS = {"condemn", "denounce", "protest", "investigate", "probe", "mourn", "demand", "blame",
                   "commemorate", "mark", "avenge", "deny"}


def _a_reason(owner) -> bool:
    if owner.dep_ == "pobj" and (owner.head.lower_ in _REASON_PREPS or owner.head.head.pos_ == "NOUN"):
        return True
    return owner.dep_ == "dobj" and owner.head.lemma_.lower() in _REACTION_VERBS


def _death_of(noun) -> str | None:
    """ "the death of four militiamen", "the killing of a member", "the injury of two others": the
    object of "of" under a casualty noun is counted."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    owner = noun.head.head
    if owner.pos_ != "NOUN" or _a_reason(owner):
        return None
    if owner.lemma_.lower() == "head" and any(c.lower_ == "severed" for c in owner.children):
        return "fatalities"  # "the severed head of a man": a body part that only the dead leave
    if _lives_taken(owner):
        return "fatalities"
    kind = quantities()["figure_of"].get(owner.lemma_.lower()) or quantities()["figure_of"].get(owner.lower_)
    return kind if kind in _CASUALTIES else None


def _lives_taken(owner) -> bool:
    """ "the blast claimed the lives of five people", "took the lives of": the lives a verb of taking
    has as its object are the dead ("saved the lives of" or "changed the lives of" are not)."""
    phrases = quantities().get("killing_phrases") or {}
    return owner.lemma_.lower() in ("life", "lives") and owner.dep_ == "dobj" \
        and owner.head.lemma_.lower() in phrases.get("lives_of", ())


def figure_for(head) -> str | None:
    """The figure kind (fatalities, injured, ...) a counted noun is the subject or object of."""
    fig = quantities()["figure_of"]
    if head.lemma_.lower() in fig and head.pos_ == "NOUN" and fig[head.lemma_.lower()] in _CASUALTIES:
        return fig[head.lemma_.lower()]  # "4 fatalities", "12 deaths": the counted noun is the figure
    if head.lower_ in _DEAD_WORDS and any(c.dep_ == "nummod" for c in head.children):
        # "the clashes left 17 dead": the number hangs on the word for the dead itself
        return "fatalities" if head.lower_ == "dead" else "injured"
    of_kind = _death_of(head)
    if of_kind:
        return of_kind
    verb = _verb_after_conjunct(head) or _verb_before_participle(head)
    kind = _own_figure(verb, fig) if verb is not None else None
    if kind:
        return kind
    cands = []
    h = head
    if h.dep_ == "pobj" and h.head.lower_ in ("including", "among") and h.head.head is not h:
        h = h.head.head  # "11 civilians, including six children, were killed": the including noun's verb
    elif h.dep_ == "pobj" and h.head.lower_ == "with" and h.head.head.pos_ in ("NOUN", "PROPN"):
        h = h.head.head  # "a commander with his six guards were killed": the companions share his verb
    elif (along := _along_with(h)) is not None:
        return _own_figure(along, fig)  # "was killed along with his two sons": they died with him
    # "N soldiers were killed" (nsubjpass), "killed N soldiers" (dobj), "N died" (nsubj), "left N dead"
    for _ in range(3):
        if h.dep_ == "nsubj" and any(v.tag_ in ("VBD", "VBZ", "VBP", "VB") and any(c.dep_ == "dobj" for c in v.children)
                                     and not _lost_life(v) for v in [h.head, *h.head.conjuncts]):
            break  # "four gunmen shot and killed a police officer": the subject of a transitive verb did it
        if h.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "conj", "attr", "dep", "npadvmod", "ROOT"):
            cands.append(h.head)
            cands.extend(_shared_verbs(h.head) if h.dep_ in _SUBJECTS else _sharing_object(h, h.head))
        if h.dep_ in ("pobj", "conj", "appos") and h.head is not h:
            h = h.head
            continue
        break
    own = [c for c in head.children if c.dep_ in ("amod", "acl", "relcl") or c.lower_ in _DEAD_WORDS]
    own += _of_phrase_participles(head)
    # "killed and 25 wounded": the number's own participle first; a state the people were in, told
    # before the noun ("2 displaced men shot dead", "three abducted villagers were found dead"), last
    states = [c for c in own if c.dep_ == "amod" and c.i < head.i and _own_figure(c, fig) not in _CASUALTIES]
    for c in [c for c in own if c not in states] + cands + states:
        kind = _own_figure(c, fig)
        if kind:
            return kind
    return None


_SUBJECTS = ("nsubj", "nsubjpass")


def _verb_after_conjunct(head):
    """ "Gunmen killed 12 people and a dozen were wounded": the parser joins "a dozen" to the object
    before it and leaves "were wounded" without a subject; a conjunct right before the auxiliary of a
    later verb that has no subject of its own is that verb's subject."""
    doc = head.doc
    if head.dep_ != "conj" or head.i + 1 >= len(doc) or doc[head.i + 1].dep_ not in ("aux", "auxpass"):
        return None
    verb = doc[head.i + 1].head
    if verb.i <= head.i or verb.pos_ != "VERB" or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    return verb


def _verb_before_participle(head):
    """ "killed 14 farmers harvesting rice": the parser makes the counted noun the subject of the
    participle after it, and the participle a clause of the verb before; that verb is what the noun
    suffered."""
    part = head.head
    if head.dep_ == "nsubj" and part.tag_ == "VBG" and part.dep_ in ("ccomp", "xcomp", "advcl", "dep") \
            and part.head.i < head.i < part.i:
        return part.head
    return None


def _shared_verbs(verb) -> list:
    """The verbs joined to `verb` by a conjunction that share its subject: "the driver fled and was
    shot dead", but not "one fighter was killed but one escaped" (the second verb has a subject of its
    own), nor a verb the parser joined across a comma ("the group blocked the road after a child, a
    member of the community, died": the child died, not the group)."""
    doc = verb.doc
    return [c for c in verb.conjuncts if not any(x.dep_ in _SUBJECTS for x in c.children)
            and c.left_edge.i > 0 and doc[c.left_edge.i - 1].dep_ == "cc"]


def _sharing_object(obj, verb) -> list:
    """The verbs joined to `verb` that share its object `obj`: "shot and killed two people", but not
    "killed 30 people and forced 5,000 residents to flee" (the second verb has an object of its own;
    the residents were not killed). Only an object: a noun in another role shares what it shares."""
    if obj.dep_ not in ("dobj", "obj"):
        return list(verb.conjuncts)
    return [c for c in verb.conjuncts if not any(x.dep_ in ("dobj", "obj") and x is not obj for x in c.children)]


def _along_with(h):
    """The verb of "X was killed along with his two sons", "together with three guards", "killed a
    commander along with his wife": the object of "with" after "along"/"together" shares what the verb's
    object or subject suffered (the parser hangs "with" on the verb or on "along"). None if not so."""
    w = h.head
    if h.dep_ != "pobj" or w.lower_ != "with" or w.i == 0:
        return None
    if w.head.lower_ in ("along", "together") and w.head.head.pos_ == "VERB":
        return w.head.head
    return w.head if w.head.pos_ == "VERB" and w.doc[w.i - 1].lower_ in ("along", "together") else None


def _of_phrase_participles(head) -> list:
    """ "Three members of a vigilante group killed in ambush" (a headline): the parser hangs the
    participle on the last noun of the "of" phrase; it tells what the counted noun suffered."""
    out = []
    for of in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in of.children if c.dep_ == "pobj"):
            out += [c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return out


def _runs(sent) -> list[list]:
    """Runs of number tokens ("twenty - one", "1,500", "five hundred"), each starting at a number the
    document's Matcher found (_number_tokens)."""
    doc, out, used = sent.doc, [], set()
    scales = quantities()["scales"]
    for i in _number_tokens(sent):
        if i in used:
            continue
        run, j = [doc[i]], i + 1
        while j < sent.end:
            if is_number(doc[j]) or doc[j].lower_ in scales:
                run.append(doc[j])
                j += 1
            elif doc[j].text in ("-", "–") and j + 1 < sent.end and is_number(doc[j + 1]) and not doc[j].whitespace_:
                run.extend([doc[j], doc[j + 1]])  # "Twenty-one" split by the tokenizer
                j += 2
            elif _vague_of_vague(run[-1], doc[j], doc[j + 1] if j + 1 < sent.end else None):
                run.append(doc[j + 1])  # "tens of thousands": one count (number_value multiplies), not 10 and 1,000
                j += 2
            else:
                break
        used.update(x.i for x in run)
        out.append(run)
    return out


def _war_scale(run) -> bool:
    """ "tens of thousands killed", "hundreds of thousands displaced": a war's or a crisis's toll, never
    one incident's, and no figure for an event (the report's summary of the war, "as the war rumbles on,
    with tens of thousands killed", had been coded 1,010 dead, its two words added)."""
    vague = quantities()["vague"]
    return sum(t.lower_ in vague for t in run) >= 2


def _vague_of_vague(last, of, nxt) -> bool:
    """ "tens of thousands", "hundreds of thousands": a vague count of a vague count."""
    vague = quantities()["vague"]
    return nxt is not None and of.lower_ == "of" and last.lower_ in vague and nxt.lower_ in vague


def _number_tokens(sent) -> list[int]:
    """Indexes of the sentence's number tokens (is_number). A Matcher run once over the whole document
    finds the tokens that may be numbers (number words, digits, words with a comma or hyphen); only
    those are checked, not every token of every sentence."""
    doc = sent.doc
    found = doc.user_data.get("strife_number_tokens")
    if found is None:
        maybe = sorted({start for _, start, _ in _number_matcher(doc.vocab)(doc)})
        found = doc.user_data["strife_number_tokens"] = [i for i in maybe if is_number(doc[i])]
    return found[bisect.bisect_left(found, sent.start):bisect.bisect_left(found, sent.end)]


@functools.lru_cache(maxsize=4)
def _number_matcher(vocab):
    """The tokens is_number may accept: a number or vague count word, digits (with commas and a
    decimal part), or a word holding a comma or hyphen ("twenty-one")."""
    from spacy.matcher import Matcher

    q = quantities()
    m = Matcher(vocab)
    m.add("NUMBER", [[{"LOWER": {"IN": sorted(set(q["numbers"]) | set(q["vague"]))}}],
                     [{"TEXT": {"REGEX": r"^[\d,.]+$"}}], [{"TEXT": {"REGEX": r"[,\-]"}}]])
    return m


def _counted_noun(run, doc):
    """The noun a number run counts ("dozens of civilians": the object of "of")."""
    last = run[-1]
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else last
    if run[0].lower_ in quantities()["vague"] and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        objs = [c for c in doc[last.i + 1].children if c.dep_ == "pobj"]
        if objs:
            head = objs[0]
    if head is last:
        head = _noun_after(last, doc)
    return _phrase_noun(head)


def _noun_after(last, doc):
    """ "At least 28 Houthis were killed", with the number parsed as `meta`: a number hung on nothing
    counts the plural or proper noun right after it when that noun is an argument of a verb."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if last.dep_ in ("meta", "dep", "npadvmod", "nmod", "appos") and nxt is not None and nxt.tag_ in ("NNS", "NNPS", "NNP") \
            and nxt.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return nxt
    return last


def _phrase_noun(head):
    """ "Two civilian People's Defense Force fighters": the number hung on a possessive or compound
    inside the noun phrase counts the phrase's own noun (the one it modifies, after it); so does one
    hung on a named group the parser makes a modifier of the noun ("two Liberation Front of the
    North (LFN) fighters": nmod)."""
    while head.dep_ in ("poss", "compound", "nmod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return head


def _victim_of(head, run) -> str | None:
    """The counted noun phrase ("Syrian regime soldiers", "its soldiers" for "two of its soldiers")."""
    last = run[-1]
    victim_tok = head
    if head.i == last.i:
        of = [c for c in last.children if c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if not objs:
            return None
        victim_tok = objs[0]
    left = [x for x in victim_tok.lefts if x.dep_ in ("amod", "compound", "poss", "nmod") and x.i > last.i]
    return " ".join([x.text for x in left] + [victim_tok.text])


def _not_victims(run, head, doc) -> bool:
    """Numbers counting what is not a person: units, ages, calibres, animals, vehicles, money."""
    words = set(quantities()["not_victims"])
    nxt = doc[run[-1].i + 1].lower_ if run[-1].i + 1 < len(doc) else ""
    if head.lemma_.lower() in words or head.lower_ in words or nxt in words:
        return True  # "5 km from the town", "killed nine sheep", "7.62 mm rifles"
    if run[0].i > 0 and doc[run[0].i - 1].lower_ in quantities()["money_before"]:
        return True  # "the Tk 20,000 toll", "Rs 5,000": an amount of money
    if run[-1].dep_ == "nummod" and head.i == run[0].i - 1 and head.pos_ == "PROPN":
        return True  # "village Moo 6", "Route 5", "Camp 3": a number after a name is part of the name
    after = doc_text(doc)[run[-1].idx + len(run[-1].text):][:12]
    return bool(re.match(r"[-\s]?(?:year|yr|month)s?[-\s]?old\b", after, re.I))  # "27-year-old", "32 yr old"


def find_quantities(sent, offset_base: int = 0) -> list[Quantity]:
    """Counted figures in a spaCy sentence span."""
    doc = sent.doc
    runs = _runs(sent)
    out, ranged = _range_quantities(sent, runs)
    for run in runs:
        if run[0].i in ranged:
            continue
        value = number_value(run)
        if value is None or _war_scale(run) or _no_one(run):
            continue
        head = _counted_noun(run, doc)
        if _not_victims(run, head, doc) or _elliptic_unspecified(run, head):
            continue
        figure = figure_for(head) or (figure_for(run[-1]) if head is not run[-1] else None)
        if figure is None:
            continue
        qual = qualifier(doc_text(doc)[sent.start_char:run[0].idx])
        if run[0].lower_ in quantities()["vague"] and qual is None:
            qual = run[0].lower_
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        out.append(Quantity(figure=figure, value=value, qualifier=qual, victim=_victim_of(head, run),
                            start=start + offset_base, end=end + offset_base, text=doc_text(doc)[start:end]))
    out += _single_victims(sent, out) + _multiple_killings(sent, out)
    out += _possessed_death(sent, out)
    _mark_alternatives(sent, out)
    _mark_told_before(sent, out)
    return out


def _elliptic_unspecified(run, head) -> bool:
    """ "and several injured", "wounding several others": an unspecified count ("several") with no noun
    of its own and not a subject is elliptic, and the parser hangs it on the wrong figure's verb."""
    if len(run) != 1 or run[0].lower_ not in quantities()["unspecified"]:
        return False
    if head is run[0]:
        return run[0].dep_ not in ("nsubj", "nsubjpass")
    return head.pos_ not in ("NOUN", "PROPN") or head.lower_ in ("others", "more")


def _no_one(run) -> bool:
    """ "although no one was killed", "not one soldier was hurt": "one" after "no" or "not" counts
    nobody."""
    first = run[0]
    return first.lower_ == "one" and first.i > 0 and first.doc[first.i - 1].lower_ in ("no", "not")


# "the double murder", "a triple homicide": the number of dead the word for the killing gives.
_MULTIPLE = re.compile(r"\b(double|triple|quadruple)[ -](?:murders?|homicides?|killings?|executions?|assassinations?)\b",
                       re.I)
_MULTIPLE_VALUE = {"double": 2, "triple": 3, "quadruple": 4}


def _multiple_killings(sent, found: list[Quantity]) -> list[Quantity]:
    text, out = doc_text(sent.doc), []
    for m in _MULTIPLE.finditer(sent.text):
        s, e = sent.start_char + m.start(), sent.start_char + m.end()
        if not any(q.start <= s < q.end for q in found):
            out.append(Quantity(figure="fatalities", value=_MULTIPLE_VALUE[m.group(1).lower()], start=s, end=e,
                                text=text[s:e], victim=None))
    return out


# "between 10 and 15 people were killed": one figure, its low and its high; what they suffered is the
# first casualty word after it (the parser hangs "between" on whatever verb is near).
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_RANGE_KIND = re.compile(r"[^.;:]{0,50}?\b(?:(killed|dead|died|deaths|fatalities|slain)|(injured|wounded|hurt))\b", re.I)


def _range_quantities(sent, runs) -> tuple[list[Quantity], set[int]]:
    """Figures told as a range: the low as "at least", the high as an upper-bound reading of the same
    victims. Returns them and the first tokens of the runs they use."""
    text, out, used = doc_text(sent.doc), [], set()
    for a, b in zip(runs, runs[1:]):
        lo, hi = number_value(a), number_value(b)
        gap = text[a[-1].idx + len(a[-1].text):b[0].idx]
        if not (lo and hi and lo < hi and gap.strip().lower() == "and" and _BETWEEN.search(text[sent.start_char:a[0].idx])):
            continue
        m = _RANGE_KIND.match(text, b[-1].idx + len(b[-1].text))
        if m is None:
            continue
        kind = "fatalities" if m.group(1) else "injured"
        victim = _victim_of(_counted_noun(b, sent.doc), b)
        for value, qual, run in ((lo, "at least", a), (hi, "up to", b)):
            out.append(Quantity(figure=kind, value=value, qualifier=qual, victim=victim, start=run[0].idx,
                                end=run[-1].idx + len(run[-1].text), text=text[run[0].idx:run[-1].idx + len(run[-1].text)],
                                alternative=qual == "up to"))
        used.update({a[0].i, b[0].i})
    return out, used


# "after the seven soldiers were killed, troops killed 13 fighters": a figure named with "the" beside
# another figure of its kind counts victims told before (another incident, or this one again); "of the
# 12 killed, five were children" names the whole.
_DEFINITE = re.compile(r"(?<!\bof )\b(?:the|those|these)\s+$", re.I)


def _mark_told_before(sent, qs: list[Quantity]) -> None:
    text = doc_text(sent.doc)
    told = [q for q in qs if not q.single and _DEFINITE.search(text[max(0, q.start - 12):q.start])]
    for q in told:
        if any(o.figure == q.figure and o not in told and not o.alternative for o in qs):
            q.subset = True


# "A second man has died of his wounds": the ordinal of a victim is the toll now.
ORDINAL_TOLL = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                "tenth": 10}


def _single_count(t) -> int | None:
    """1 for "a/the/his soldier", 2 for "both victims" and "a second man"; None when the noun is not
    counted so."""
    dets = [c for c in t.children if c.dep_ in ("det", "poss", "predet") or c.lower_ == "both"]
    ordinal = next((ORDINAL_TOLL[c.lower_] for c in t.children if c.dep_ == "amod" and c.lower_ in ORDINAL_TOLL), None)
    if ordinal and any(c.lower_ in ("a", "an") for c in dets):
        return ordinal
    if any(c.lower_ == "both" for c in dets) and t.tag_ == "NNS":
        return 2
    if t.tag_ == "NNP" and dets and all(c.lower_ == "the" for c in dets):
        return None  # "the Taliban were killed", "the NPA": a group named, not one person
    if (t.tag_ in ("NN", "NNP") or _aged(t)) and any(c.lower_ in SINGULAR_DETS or c.dep_ == "poss" for c in dets) \
            or _another(t):
        return 1
    if t.tag_ == "NNP" and not any(c.dep_ == "conj" for c in t.children) and (t.ent_type_ == "PERSON" or any(
            c.dep_ == "appos" and _single_count(c) == 1 for c in t.children)):
        return 1  # a person named ("Juan Pérez, a police officer, was murdered on Sunday") is one victim
    if t.dep_ == "conj" and t.tag_ == "NN" and not dets and t.head.tag_ == "NN" and _single_count(t.head) == 1:
        return 1  # "his wife and daughter": the second shares the first's "his"
    if _names_listed(t) or (full_name(t) and not any(c.dep_ == "conj" for c in t.children) and (
            t.dep_ == "dobj" or _relative_casualty(t))):
        return 1  # "gunmen killed Ahmed Musa", "Ahmed Musa and Ibrahim Bello were killed", "it was Ahmed Musa
        # who died": one victim each
    if _named_singular_passive(t, dets) or _full_name_died(t, dets):
        return 1  # "Aminata was killed by a gunman", "Moussa Diarra died": a person named
    if t.tag_ == "NNP" and not dets and not any(c.dep_ == "conj" for c in t.children) and _death_of(t):
        return 1  # "the blast caused the death of Ali Musa": a name after "death of" is one person
    return None


def full_name(t) -> bool:
    """A first and last name: a proper noun with a proper-noun compound and no determiner ("Ahmed
    Musa"). (Without the statistical NER, the default, no PERSON label is set; a group's name takes
    "the" or a plural verb, and places are not killed.)"""
    return t.tag_ == "NNP" and any(c.dep_ == "compound" and c.tag_ == "NNP" for c in t.children) and not any(
        c.dep_ in ("det", "poss", "nummod") for c in t.children)


def _names_listed(t) -> bool:
    """A person named in a list of full names ("Ahmed Musa and Ibrahim Bello")."""
    names = [t, *t.conjuncts]
    return len(names) > 1 and all(full_name(c) for c in names)


def named_casualty(t) -> bool:
    """A full name, alone or in a list of full names, that was killed or wounded ("gunmen shot dead
    Ahmed Musa", "Ahmed Musa and Ibrahim Bello were killed")."""
    return all(full_name(c) for c in [t, *t.conjuncts]) and \
        _casualty_kind(_first_conjunct(t)) in _CASUALTIES


def _named_singular_passive(t, dets) -> bool:
    """A proper noun with no determiner and no conjunct, subject of a passive with a singular
    auxiliary ("Aminata was killed", "Moussa Diarra has been shot dead"): the verb's number says one
    person; a group's name ("the Taliban were killed") takes "the" or a plural verb."""
    if t.tag_ != "NNP" or dets or t.dep_ != "nsubjpass" or any(c.dep_ == "conj" for c in t.children):
        return False
    if sum(c.dep_ == "nsubjpass" for c in t.head.children) > 1 or _dateline(t):
        return False  # "Saida Jan a militant leader was killed": one person parsed as two subjects
    return any(c.dep_ in ("auxpass", "aux") and c.lower_ in ("was", "is", "has") for c in t.head.children)


def _full_name_died(t, dets) -> bool:
    """ "Moussa Diarra died shortly after": a first and last name (a proper noun with a proper-noun
    compound, no determiner, no conjunct) who died is one person; groups are not said to die."""
    return t.tag_ == "NNP" and not dets and t.dep_ == "nsubj" and t.head.lemma_.lower() == "die" \
        and any(c.dep_ == "compound" and c.tag_ == "NNP" for c in t.children) \
        and not any(c.dep_ == "conj" for c in t.children)


def _dateline(t) -> bool:
    """ "Srinagar, Jun 3: a militant was killed": a name followed by a date is the report's dateline;
    so is a name in capitals opening the sentence before a dash ("GAO CITY – four rebels died")."""
    doc = t.doc
    if t.i + 1 < len(doc) and doc[t.i + 1].text in ("–", "—", "-") and t.is_upper and t.i - t.sent.start <= 3:
        return True
    return t.i + 2 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 2].ent_type_ in ("DATE", "TIME")


def _casualty_kind(t) -> str | None:
    """The casualty a noun suffered, as the subject or object of its verb: "a soldier was killed",
    "the victim died", "found dead", "shot dead a teacher". The subject of a transitive killing did it."""
    fig = quantities()["figure_of"]
    if (of := _death_of(t)) is not None:
        return of
    if (rel := _relative_casualty(t)) is not None:
        return rel
    if _shot_dead_named(t):
        return "fatalities"
    if (along := _along_with(t)) is not None:  # "killed a commander along with his wife": she suffered what he did
        return _own_figure(along, fig)
    # "the driver became a victim of the gang and was killed": a subject shares the verbs joined to its own
    verbs = [t.head] + (_shared_verbs(t.head) if t.dep_ in _SUBJECTS else [])
    told = ((v, _own_figure(v, fig)) for v in verbs)
    verb, kind = next(((v, k) for v, k in told if k in _CASUALTIES), (t.head, None))
    if kind is None:
        return None
    if t.dep_ == "nsubj" and _hits_another(verb):
        return None  # "a gunman killed two people": the killer ("a man lost his life" is the dead)
    if t.dep_ == "nsubj" and verb.lemma_.lower() not in fig and verb is t.head:
        return None  # "the soldier fired, leaving him dead"
    return kind


_RELATIVES = {"who", "that", "which"}


def _relative_casualty(t) -> str | None:
    """ "the soldier who was killed in the blast was named", "it was the owner who died": a noun whose
    relative clause says it was killed or wounded suffered that; not the killer ("the gunman who killed
    two people"); not a person the report is about for another reason ("relatives of a man who died
    protested", "compensation for a farmer who was killed"): the death is the reason, told before."""
    if _a_reason(t) or (t.dep_ == "pobj" and t.head.lower_ == "of"):
        return None
    fig = quantities()["figure_of"]
    for v in t.children:
        if v.dep_ != "relcl" or not any(c.dep_ in _SUBJECTS and c.lower_ in _RELATIVES for c in v.children):
            continue
        kind = _own_figure(v, fig)
        if kind in _CASUALTIES and not _hits_another(v):
            return kind
    return None


def _hits_another(verb) -> bool:
    """A killing or wounding verb with an object: its subject did it to someone ("a gunman who killed two
    people"), unless the object is the subject's own life ("a man lost his life")."""
    return any(c.dep_ == "dobj" for c in verb.children) and not _lost_life(verb)


def _shot_dead_named(t) -> bool:
    """ "gunmen shot dead Ahmed Musa": before a name the parser hangs "dead" on the name, not the verb."""
    return t.dep_ == "dobj" and any(c.dep_ == "amod" and c.lower_ == "dead" and t.head.i < c.i < t.i
                                    for c in t.children)


def _aged(t) -> bool:
    """ "the 27-year-old was shot dead": an age told as a noun (its head "old", with "year" in it) is a
    person."""
    return t.lower_ == "old" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
        c.lemma_.lower() in ("year", "yr") for c in t.children)


def _not_a_person(t) -> bool:
    if _another(t) or _aged(t):
        return False
    return t.pos_ not in ("NOUN", "PROPN") or (t.lower_ in set(quantities()["not_victims"]) and not _a_leader(t)) \
        or t.lemma_.lower() in quantities()["not_persons"]


def _a_leader(t) -> bool:
    """ "the head of the village council": a person, not the "head" that counts cattle."""
    return t.lower_ == "head" and not any(c.dep_ == "nummod" for c in t.children) and any(
        c.lower_ == "of" and not any(o.lemma_.lower() in quantities()["not_victims"] for o in c.children)
        for c in t.children)


def _another(t) -> bool:
    """ "the killing of a member of the group and another of its allies": "another" joined to a victim
    is one more."""
    return t.lower_ == "another" and t.dep_ == "conj"


def _another_of_casualty(t) -> str | None:
    """ "the killing of a member of the front and another of its allies": the parser joins "another"
    to the casualty noun, not to the one victim counted after its "of"; "another" is then one more
    victim of that casualty (its kind), not a second casualty noun."""
    if not (_another(t) or _theirs_joined(t)) or t.head.pos_ != "NOUN":
        return None
    victims = [o for p in t.head.children if p.dep_ == "prep" and p.lower_ == "of" and p.i < t.i
               for o in p.children if o.dep_ == "pobj"]
    if not victims or _not_a_person(victims[0]) or _single_count(victims[0]) != 1:
        return None
    return _death_of(victims[0])


def _theirs_joined(t) -> bool:
    """ "the death of a civilian and his grandfather": the parser joins a person owned by "his" or "her"
    (the victim's kin or companion) to the casualty noun, as it does "another"."""
    return t.dep_ == "conj" and t.pos_ == "NOUN" and not _not_a_person(t) and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her") for c in t.children)


def _conjoined_victim(t) -> bool:
    """ "three soldiers and a militiaman", "a farmer and his wife": a person joined to a counted
    victim; not "the death of four fighters and the wounding of three" (casualty nouns)."""
    if _another_of_casualty(t):
        return True
    first, fig = _first_conjunct(t), quantities()["figure_of"]
    if _not_a_person(first) or any(w in fig for w in (t.lemma_.lower(), t.lower_, first.lemma_.lower(), first.lower_)):
        return False
    return any(c.dep_ == "nummod" for c in first.children) or _single_count(first) is not None


def _first_conjunct(t):
    """ "three soldiers and a militiaman were killed": a conjoined victim suffered what the first of
    its conjuncts did (the parse hangs the verb on the first)."""
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t


def _single_victims(sent, found: list[Quantity]) -> list[Quantity]:
    """"A Turkish soldier was killed", "the victim died", "both victims died": one (or two) counted."""
    out = []
    for t in sent:
        if t.dep_ not in ("nsubjpass", "nsubj", "dobj", "pobj", "conj") and not (
                t.dep_ in ("attr", "appos") and _relative_casualty(t)):
            continue  # "it was the owner who was killed", "a trader, Ali Musa, who died": the clause tells
        if t.pos_ not in ("NOUN", "PROPN") and not _another(t) and not _aged(t):
            continue
        if _not_a_person(t) or (t.dep_ == "conj" and not _conjoined_victim(t)) or _dateline(t):
            continue
        if any(c.dep_ == "nummod" for c in t.children) or any(0 <= t.idx - q.end <= 1 for q in found):
            continue  # "one civilian", "28 Houthis": counted as a number already
        count, kind = _single_count(t), _another_of_casualty(t) or _casualty_kind(_first_conjunct(t))
        if count is None or kind is None or any(q.start <= t.idx < q.end for q in found + out) \
                or _counted_in_apposition(t, found):
            continue
        first = min([c for c in t.lefts] + [t], key=lambda x: x.i)
        left = [x for x in t.lefts if x.dep_ in ("amod", "compound")]
        out.append(Quantity(figure=kind, value=count, qualifier=None, victim=" ".join([x.text for x in left] + [t.text]),
                            start=first.idx, end=t.idx + len(t.text),
                            text=doc_text(sent.doc)[first.idx:t.idx + len(t.text)], single=count == 1,
                            subset=_named_among_counted(t, kind, found)))
    return out


def _counted_in_apposition(t, found: list[Quantity]) -> bool:
    """ "killed Abu Yusuf and Abu Hamza, two commanders of the group": the persons named in a list are
    those its counted apposition numbers, not more."""
    first = _first_conjunct(t)
    spans = [(a.left_edge.idx, a.right_edge.idx) for n in [first, *first.conjuncts] for a in n.children
             if a.dep_ == "appos"]
    return any(lo <= q.start <= hi for lo, hi in spans for q in found)


# Nouns that count the dead themselves ("one death", "two victims"), not a kind of person.
_COUNTED_CASUALTIES = {"death", "deaths", "fatality", "fatalities", "victim", "victims", "casualty", "casualties",
                       "body", "bodies"}


def _named_among_counted(t, kind, found: list[Quantity]) -> bool:
    """ "One death was reported, Amadou Kone, 40, was hit in the head and died": a person named after a
    count of the dead by a casualty noun is one of those counted, not one more."""
    return t.tag_ == "NNP" and any(q.figure == kind and not q.single and q.end <= t.idx
                                   and (q.victim or "").lower() in _COUNTED_CASUALTIES for q in found)


# "opened fire on the mayor, causing his death", "after her killing": a death owned by "his" or "her" is
# one person's. Only when the sentence counts no other dead (the "his" is then likely one of them).
_ONE_OWNER = {"his", "her"}
_DEATH_NOUNS = {"death", "killing", "murder", "assassination", "execution", "slaying", "lynching", "beheading"}


def _possessed_death(sent, found: list[Quantity]) -> list[Quantity]:
    if any(q.figure == "fatalities" for q in found):
        return []
    for t in sent:
        if t.pos_ == "NOUN" and t.lemma_.lower() in _DEATH_NOUNS and t.tag_ == "NN" \
                and any(c.dep_ == "poss" and c.lower_ in _ONE_OWNER for c in t.children) and not _a_reason(t):
            return [Quantity(figure="fatalities", value=1, qualifier=None, victim=None, start=t.idx,
                             end=t.idx + len(t.text), text=t.text, single=True)]
    return []


_ACCORDING = re.compile(r"according to ([^,;)]{3,60})|([A-Za-z][\w ]{2,40}?) (?:claim|claimed|claiming|said|saying|"
                        r"reported|reporting)\b", re.I)


# "the army said 3 soldiers died, while a local said at least 18 were killed": a second claimant's figure
# after a contrast is another reading of the same victims.
_SAID_OTHERWISE = re.compile(r"\b(?:while|whereas|but)\s+(?:the\s+)?([^.;,]{2,50}?)\s+(?:said|says|claimed|claims|reported|"
                             r"put the (?:death )?toll at)\b", re.I)


def _said_otherwise(text: str, q: Quantity, rivals: list[Quantity]) -> str | None:
    """The claimant of a figure told after a rival one and a contrast ("..., while a local said 18")."""
    for o in rivals:
        m = _SAID_OTHERWISE.search(text, o.end, q.start) if o.end <= q.start else None
        if m:
            return m.group(1)
    return None


# "two of them", "six of whom": a part of a figure told before.
PART_OF = re.compile(r"\s*(?:\w+\s+)?of (?:them|whom|those|which)\b", re.I)


def _mark_alternatives(sent, qs: list[Quantity]) -> None:
    """A figure in parentheses, or an upper bound beside a plain figure of the same kind, is another
    reading of the same victims, not more victims."""
    text, base = doc_text(sent.doc), sent.start_char
    for q in qs:
        before = text[base:q.start - 0]
        opened = before.rfind("(") > before.rfind(")")
        rivals = [o for o in qs if o is not q and o.figure == q.figure and not o.alternative
                  and not PART_OF.match(text, o.end)]  # ("12 killed, two of them children": a part)
        if not rivals:
            continue
        other = _said_otherwise(text, q, rivals)
        if other:
            q.alternative, q.claimant = True, other
        elif opened or (q.qualifier in UPPER_BOUND and any(o.qualifier not in UPPER_BOUND for o in rivals)):
            q.alternative = True
            start = max(base, q.start - 60)
            start = start if start == base else text.find(" ", start) + 1  # (from a word's start)
            m = _ACCORDING.search(text[start:q.end + 60])
            if m:
                q.claimant = (m.group(1) or m.group(2)).strip()


_CODED = re.compile(r"\b(?:unknown |unspecified |undisclosed )?(?:number of )?fatalities (?:were |was |are )?coded as "
                    r"(\d+)\b", re.I)
_SPLIT = re.compile(r"\b(\d+) fatalit(?:y|ies) (?:were |are )?split (?:across|among|between) (\d+)\b", re.I)


def coded_figure(text: str) -> int | None:
    """A coder's own note of the figure ("Fatalities coded as 0 (X reported 7)", "Unknown fatalities
    coded as 3", "12 fatalities split across 2 events"): the report's final figure for this event."""
    m = _CODED.search(text)
    if m:
        return int(m.group(1))
    m = _SPLIT.search(text)
    if m and int(m.group(2)) > 0:
        return int(m.group(1)) // int(m.group(2))
    return None


# A toll told far from its noun: the figure after "rose to", "stands at" ...
_TOLL = re.compile(r"\b(?:death toll|toll|losses|number of (?:dead|deaths|fatalities))\b[^.;]{0,90}?\b(?:rose to|risen to|climbed to|to|at|reached|"
                   r"hit|stands at|stood at)\s+(?:(at least|more than|over|nearly|about|around)\s+)?"
                   r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|"
                   r"forty|fifty|sixty|seventy|eighty|ninety|a hundred)\b", re.I)


# "the number of people who were killed in four provinces (... a long list ...) rose to 647": a count of
# the dead told with a relative clause, whose figure comes after a long list of places.
_NUMBER_KILLED = re.compile(r"\bnumber of (?:people|persons|civilians|fighters|soldiers) (?:who|that) "
                            r"(?:were|have been|had been) (?:killed|assassinated)\b[^.;]{0,250}?\b"
                            r"(?:rose to|risen to|climbed to|reached)\s+(?:(at least|more than|over|nearly|about|around)\s+)?"
                            r"(\d[\d,]*)\b", re.I)


def toll_quantities(text: str, base: int, existing: list[Quantity]) -> list[Quantity]:
    """ "the death toll rose to 9", "taking its losses this month to 19": the figure after "to"."""
    out = []
    for m in [*_TOLL.finditer(text), *_NUMBER_KILLED.finditer(text)]:
        s, e = base + m.start(2), base + m.end(2)
        if any(q.start <= s < q.end for q in existing):
            continue
        word = m.group(2).lower().replace(",", "")
        value = int(word) if word.isdigit() else quantities()["numbers"].get(word.replace("a ", ""))
        if not value:
            continue
        qual = quantities()["qualifiers"].get(m.group(1).lower()) if m.group(1) else None
        q = Quantity(figure="fatalities", value=value, qualifier=qual, victim=None, start=s, end=e, text=m.group(2))
        by = _TOLL_BY.search(text[:m.start()])
        if by and any(o.figure == "fatalities" and not o.alternative for o in existing):
            q.alternative, q.claimant = True, by.group(1).strip()
        out.append(q)
    return out


# "A second man has died, hospital officials said, as a civic group put the death toll at three": a toll
# its own source gives beside the sentence's figure is that source's reading of the same dead, not more.
_TOLL_BY = re.compile(r"\b(?:as|while|but|and)\s+((?:an?\s+|the\s+)?[A-Za-z][\w -]{2,50}?)\s+"
                      r"(?:put|puts|putting|placed|places|gave|gives|estimated|estimates)\s+(?:the|its)\s+$", re.I)


def apply_coded_figure(mentions: list[Mention], text: str) -> None:
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
