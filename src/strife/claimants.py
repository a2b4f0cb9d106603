"""claimants: who a sentence says gives its figures ("X said", "according to X", "X told Y", "X
tweeted"), and "it"/"the ministry" resolved to the last claimant named that fits (extract's claimant step).
"""
from __future__ import annotations

import re

from .nlp import doc_text

SAY_LEMMAS = {"say", "tell", "tweet", "report", "claim", "state", "announce", "confirm", "acknowledge",
              "add", "quote", "insist", "allege", "post", "write", "disclose", "reveal", "note",
              "estimate", "accuse", "assert", "declare", "indicate", "show", "record", "document", "deny",
              # verbs that lay the blame or judge ("police blamed the group on Monday for the killing")
              "blame", "tag", "condemn", "denounce"}

GENERIC_CLAIMANT_HEADS = {"ministry", "military", "army", "spokesman", "spokesperson", "official", "officials",
                          "agency", "group", "monitor", "observatory", "police", "statement", "source",
                          "sources", "commander", "it", "he", "she", "they", "ministry's", "government",
                          "office", "media", "report", "the"}

PRONOUNS = {"it", "he", "she", "they", "we", "i"}


def span_text(tokens) -> str:
    """The text of a phrase's tokens, without a leading article or trailing punctuation."""
    toks = sorted(tokens, key=lambda x: x.i)
    while toks and (toks[0].dep_ in ("det", "punct", "cc") or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    while toks and toks[-1].dep_ in ("punct", "cc"):
        toks = toks[:-1]
    if not toks:
        return ""
    doc = toks[0].doc
    return re.sub(r"\s+", " ", doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]).strip(" ,\"'“”")


# "the governor put the toll at 31", "officials raised the death toll to 12": a verb whose object is a
# toll or a count gives a figure, as a verb of saying does.
_TOLL_VERBS = {"put", "place", "raise", "set", "give", "bring", "revise", "update", "lower", "estimate"}
_TOLL_NOUNS = {"toll", "figure", "number", "count", "tally"}


def _gives_a_toll(t) -> bool:
    """A verb giving a toll, said by someone ("which raised the toll to 8": the deaths did, no one said)."""
    return t.lemma_.lower() in _TOLL_VERBS and t.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _TOLL_NOUNS for c in t.children) and any(
        c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") and c.lower_ not in ("this", "that") for c in t.children)


def find_claimant(sent) -> tuple[str | None, object | None]:
    """(claimant phrase, the say-verb token) for a sentence, from the parse."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _claimant_text(_without_relcl(objs[0])), t
    says = [t for t in sent if (t.lemma_.lower() in SAY_LEMMAS and t.pos_ in ("VERB", "AUX")) or _gives_a_toll(t)]
    # Prefer the outermost say-verb (the sentence's own attribution, not a quoted one).
    says.sort(key=lambda t: (len(list(t.ancestors)), t.i))
    for t in says:
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and not _nobody(subj[0]):
            text = _claimant_text(_without_relcl(subj[0]))
            if text and not _only_dateline(text):
                return text, t
        agent = [c for c in t.children if c.dep_ == "agent"]
        if agent:
            objs = [c for c in agent[0].children if c.dep_ == "pobj"]
            if objs:
                return span_text(list(objs[0].subtree)), t
    # The parser sometimes hangs the speaker elsewhere ("..., Turkey's defence ministry said on
    # Wednesday"): the words between the last comma and the verb of saying are the speaker.
    m = _TRAILING_SAY.search(sent.text)
    if m and len(m.group(1).split()) <= 8:
        return re.sub(r"^(the|a|an)\s+", "", m.group(1).strip(), flags=re.I), None
    return None, None


# "OUAGADOUGOU, March 14 (Reuters) - Gunmen killed 12 people ..., a security official said": the parser
# may make the dateline the verb's subject; the speaker is then found after the last comma (_TRAILING_SAY).
_DATELINE_SUBJECT = re.compile(r"^[A-Z][A-Z'./-]+(?:[ /][A-Z][A-Z'./-]+)*\s*(?:,|\()")


def _only_dateline(text: str) -> bool:
    """A subject that is a dateline and no speaker after its dash (resolve_claimant strips the dateline
    of "KIGALI/PEMBA (Lusophone Wire) - Rwandan forces")."""
    m = _DATELINE.match(text)
    return bool(_DATELINE_SUBJECT.match(text)) and not (m and len(text) > m.end() + 2)


def _nobody(subj) -> bool:
    """ "No group has claimed responsibility": no one said anything."""
    return subj.lower_ in ("nobody", "none", "no-one") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subj.children)


def _claimant_text(tokens) -> str:
    """The claimant phrase, keeping an indefinite article: "a monitoring group" is someone not named
    before, where "the group" is the last group named (resolve_claimant)."""
    text = span_text(tokens)
    first = min(tokens, key=lambda x: x.i) if tokens else None
    if text and first is not None and first.lower_ in ("a", "an", "another"):
        return f"{first.lower_} {text}"
    return text


def _without_relcl(head) -> list:
    """The phrase's tokens without its relative clauses ("the officer, who spoke on condition of
    anonymity because he was not authorised to talk to the press" is "the officer")."""
    cut = {t.i for c in head.subtree if c.dep_ == "relcl" for t in c.subtree}
    return [x for x in head.subtree if x.i not in cut]


_TRAILING_SAY = re.compile(r",\s*([A-Za-z][^,;:\"“”]{2,80}?)\s+(?:said|says|told|reported|tweeted|added|claimed|stated|"
                           r"announced|confirmed|wrote)\b[^,]*[.!]?[\"”']?$")

_DATELINE = re.compile(r"^\(?[A-Z][A-Za-z0-9'/ ,.-]{1,60}?\)?\s*(?:\([^)]{1,60}\))?(?:\s+|(?<=\)))[-–—]+\s*(?=\S)")


_FEMALE = re.compile(r"\b(woman|women|mother|girl|wife|daughter|sister|widow|mrs|ms|she|her)\b")
_MALE = re.compile(r"\b(man|men|father|boy|husband|son|brother|mr|he|his)\b")


def _other_gender(pronoun: str, claimant: str) -> bool:
    """ "he said" is not the woman quoted before; "she said" not the man."""
    return bool(pronoun == "he" and _FEMALE.search(claimant) or pronoun == "she" and _MALE.search(claimant))


# "two of them", "some of those", "one of the men": a part of a group told before.
_PARTITIVE = re.compile(r"^(?:one|two|three|four|five|six|several|some|many|most|both|all|each|none|a few)"
                        r" of (?:them|those|these)$")


def plural_subject(sent) -> str | None:
    """The plural noun a sentence is about ("Drivers travelling in the convoy gave ..." is "Drivers"):
    what a partitive claimant in the next sentence ("two of them said") is part of."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ not in ("NNS", "NNPS"):
        return None
    return span_text([t for t in subj.lefts if t.dep_ in ("amod", "compound", "det")] + [subj])


def resolve_claimant(text: str | None, ctx) -> tuple[str | None, bool]:
    """A pronoun or a bare generic head ("the ministry", "it") is the last named claimant that fits;
    `ctx` (extract's DocContext) keeps the claimants the report has named so far."""
    if not text:
        return None, False
    # "KIGALI/PEMBA (Lusophone Wire) - Rwandan forces": the dateline is not part of the speaker
    m = _DATELINE.match(text)
    if m and len(text) > m.end() + 2:
        text = text[m.end():].strip()
    indefinite = re.match(r"(?:a|an|another)\s+", text)
    if indefinite:  # "according to a monitoring group": a claimant not named before
        text = text[indefinite.end():]
        ctx.claimants.append(text)
        return text, False
    low = text.lower()
    if _PARTITIVE.match(low):
        # "Drivers in the convoy gave a different account. Two of them told us ...": the people the
        # sentence before was about
        return (ctx.last_subject or text), False
    words = low.replace("'s", "").split()
    if low in PRONOUNS or (len(words) <= 2 and words and words[-1] in GENERIC_CLAIMANT_HEADS):
        for prev in reversed(ctx.claimants):
            pl = prev.lower()
            if (low in PRONOUNS or words[-1] in pl) and not _other_gender(low, pl):
                return prev, False
        if low in PRONOUNS:
            return None, False
    ctx.claimants.append(text)
    return text, False
