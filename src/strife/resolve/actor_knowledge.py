"""Actor knowledge learned from ACLED-coded rows: named actors, their countries, inter codes and aliases.

``build_actor_knowledge(rows)`` reads coded rows (dicts with ACLED's columns: actor1, assoc_actor_1,
inter1, actor2, assoc_actor_2, inter2, country and, when present, notes) and returns one record per
distinct actor name:

    {"name": "JNIM: Group for Support of Islam and Muslims", "inter": 2, "side": None, "with": None,
     "countries": ["Burkina Faso", "Mali"], "count": 812, "aliases": ["JNIM", "Group for Support ..."]}

Only names, countries, codes, counts and aliases leave this module: never a row or a note.

- ``inter``: the inter code the name is most often coded with as actor1/actor2. A name that is only
  ever an associated actor has none.
- ``side``: for an associated-only name, the inter code of the side it is associated to, when at least
  ``SIDE_SHARE`` of its rows agree ("Labour Group (India)" is the associate of protesters); ``with``:
  the actor it is associated to, when one actor is that share ("CRPF: Central Reserve Police Force"
  is associated to "Police Forces of India").
- ``aliases``: how the name is written in text, mined from the name itself (its short name before
  ": ", its long name, the name without its country suffix "(Country)" or years "(2014-)", an acronym
  given in parentheses, the halves of "KNU/KNLA: Karen National Union/Karen National Liberation Army").
  Names ACLED joins from others are written as the notes write them, from their parts' short names
  (including initials that the notes of a part's own rows use): "JNIM or ISGS" for "JNIM: ... and/or
  Islamic State (Greater Sahara)", "Kalay PDF" and "PDF-Kalay" for the faction "People's Defense
  Force - Kalay" (on dev-600: inter1 0.690 -> 0.695). An armed or state actor's name is also given in
  the plural: "Puntland Dervish Forces" (inter1 0.695 -> 0.703, inter2 0.593 -> 0.603).
  With ``note_aliases``, short names are also mined from the notes: one defined in parentheses next to
  a long name ("Somali National Army (SNA)"), and a name's initials when its rows' notes write them
  ("ISGS"). Off by default: on dev-600 neither changed a score (the groups they add are mostly in
  actors.yaml already), and a third of the short names defined in the notes were a neighbouring
  body's ("Medical Council of India (MCI)" for a doctors' union).
  An alias is kept only when it names one actor per country (or one coded there DOMINANCE times as
  often as the others), is not written in lower case in the notes (a common word: "police",
  "farmers"), and is not a generic ACLED category (a base name coded with a country suffix in several
  countries: "Students (X)", "Muslim Group (X)").

``write_tsv``/``read_tsv`` store the records compactly (one line per name) in the package.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

# An associated-only name takes its side's inter code when three in four of its rows agree: below that
# the name is associated to several kinds of actor (a party with both protesters and rioters) and no
# single code describes it.
SIDE_SHARE = 0.75
# A base name coded with a country suffix in this many countries is an ACLED category ("Farmers (X)",
# "Fulani Ethnic Militia (X)"), not one group: two could be one group active across a border.
GENERIC_COUNTRIES = 3
# A one- or two-word alias written in lower case this share of the time in the notes is a common word
# ("police", "students", "the opposition"); proper names are capitalised in ACLED's notes.
LOWER_SHARE = 0.2
# A short name defined in the notes next to a long name ("... (SNA)") becomes an alias of the actor
# coded in the same rows when that actor is in at least this share of them and in at least
# NOTE_MIN_ROWS rows (one row can be a coder's slip).
NOTE_SHARE = 0.6
NOTE_MIN_ROWS = 2
# Two names claiming one alias in a country: the alias stays with one when it is coded there ten
# times as often as all the others together ("BJP": the Bharatiya Janata Party, hundreds of rows in
# India, not the Bangladesh Jatiya Party coded there once); closer than that, the alias is dropped.
DOMINANCE = 10

_YEARS = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)")
_SUFFIX = re.compile(r"^(?P<base>.+?)\s*\((?P<paren>[^()]+)\)$")
_COLON = re.compile(r"^(?P<short>[^:]{1,40}?):\s+(?P<long>.+)$")
_STATE = re.compile(r"^(?:Military Forces|Police Forces|Government) of ")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,9}$")
_NOTE_DEF = re.compile(r"((?:[A-Z][\w'\u2019\-]*|of|for|the|and|in|de|du|des|la|le|al|wal)"
                       r"(?:\s+(?:[A-Z][\w'\u2019\-]*|of|for|the|and|in|de|du|des|la|le|al|wal)){1,9})"
                       r"\s+\(([A-Z][A-Za-z\-]{1,9})\)")
_PREPOSITIONS = {"of", "for", "in", "de", "du", "des", "la", "le", "al", "against", "to"}
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
SIDES = (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2"))
COLUMNS = ("name", "inter", "side", "with", "count", "countries", "aliases")


# What some exports write for an empty cell.
MISSING = {"", "NA", "N/A", "nan", "None", "NULL"}


def _split_assoc(cell: str) -> list[str]:
    return [n.strip() for n in (cell or "").split(";") if n.strip() not in MISSING]


def _is_acronym(s: str) -> bool:
    """A short name: one word, starting with a capital, at least two capitals and capitals for half
    its letters ("JNIM", "NSCN-K", "LeT"; not "Pro-Iran", a qualifier)."""
    caps, letters = sum(c.isupper() for c in s), sum(c.isalpha() for c in s)
    return bool(_ACRONYM.match(s)) and caps >= 2 and 2 * caps >= letters


def _base(name: str, countries: set[str]) -> tuple[str, str | None]:
    """The name without year ranges and without a trailing "(Country)"; and that country."""
    base = _YEARS.sub("", name).strip()
    m = _SUFFIX.match(base)
    if m and m.group("paren") in countries:
        return m.group("base").strip(), m.group("paren")
    return base, None


def _name_aliases(name: str, countries: set[str]) -> tuple[set[str], set[str]]:
    """How a coded name is written in text, read from the name alone; and which of those aliases are
    only half of a double name ("KIA" of "KIO/KIA: ..."), which yield to a name that is all of it."""
    base, _ = _base(name, countries)
    if " and/or " in base:
        return set(), set()  # "JNIM: ... and/or ...": "JNIM" is the first group's (see _joined_aliases)
    out = {base}
    halves: set[str] = set()
    state = _STATE.match(base)
    if state:  # "Military Forces of Somalia Custodial Corps": the unit's own name
        tail = base[state.end():]
        for c in countries:
            if tail.startswith(c + " "):
                out = {tail[len(c) + 1:].strip()}
                break
        else:
            return set(), set()
    m = _COLON.match(base)
    if m:
        short, long_ = m.group("short").strip(), m.group("long").strip()
        out = {short, long_}
        shorts, longs = [s.strip() for s in short.split("/")], [s.strip() for s in long_.split("/")]
        # "KNU/KNLA: Karen National Union/Karen National Liberation Army": two names in one; not
        # "SPLA/M-In Opposition: ...Army/Movement-In Opposition", where a half is not a name
        if len(shorts) > 1 and len(shorts) == len(longs) and all(s.isupper() for s in shorts) \
                and all(len(x.split()) >= 2 for x in longs):
            halves = set(shorts + longs)
            out |= halves
    for a in list(out):
        p = _SUFFIX.match(a)
        if p:  # "Jamaat Nusrat al-Islam wal Muslimin (JNIM)", "Movement (Kitgweng faction)"
            out.add(p.group("base").strip())
            if _is_acronym(p.group("paren")):
                out.add(p.group("paren"))
    out = {a for a in out if _usable(a)}
    return out, halves & out


def _initials(name: str, countries: set[str]) -> str | None:
    """The initials of a name that has no short name: "Islamic State (Greater Sahara)" -> "ISGS"."""
    base, _ = _base(name, countries)
    if _COLON.match(base) or _STATE.match(base):
        return None
    caps = [w[0] for w in _WORD.findall(base) if w[0].isupper()]
    # three letters at least: two-letter initials ("PR", "IS") are too often something else
    return "".join(caps) if len(caps) >= 3 else None


def _usable(alias: str) -> bool:
    letters = re.sub(r"[^\w]", "", alias)
    return len(letters) >= 2 and not letters.isdigit() and "(" not in alias and ")" not in alias


def _fold(s: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(s))


def _note_definitions(note: str) -> list[tuple[str, str]]:
    """(long phrase, short name) pairs a note defines: "Ethiopian National Defense Force (ENDF)".
    The long phrase is cut to the words whose initials spell the short name."""
    out = []
    for m in _NOTE_DEF.finditer(note or ""):
        words, short = m.group(1).split(), m.group(2)
        caps = [c for c in short if c.isupper()]
        initials = [w[0] for w in words if w[0].isupper()]
        if len(caps) >= 2 and len(initials) >= len(caps) and initials[-len(caps):] == caps:
            # keep the words from the first one whose initial starts the short name
            k = len(words)
            seen = 0
            while k > 0 and seen < len(caps):
                k -= 1
                seen += words[k][0].isupper()
            out.append((" ".join(words[k:]), short))
    return out


class _Counts:
    """Everything counted in one pass over the rows."""

    def __init__(self) -> None:
        self.main: dict[str, Counter] = defaultdict(Counter)  # name -> inter codes as actor1/2
        self.side: dict[str, Counter] = defaultdict(Counter)  # associated name -> its side's codes
        self.with_: dict[str, Counter] = defaultdict(Counter)  # associated name -> its side's actors
        self.count: Counter = Counter()
        self.countries: dict[str, Counter] = defaultdict(Counter)
        self.defs: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (country, short) -> names
        self.def_rows: Counter = Counter()
        self.def_long: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.words: Counter = Counter()  # case-kept unigrams and bigrams of the notes
        self.caps: dict[str, Counter] = defaultdict(Counter)  # name -> capitals words of its rows' notes

    def add(self, row: Mapping[str, str]) -> None:
        country = (row.get("country") or "").strip()
        names = []
        for actor_col, assoc_col, inter_col in SIDES:
            name = (row.get(actor_col) or "").strip()
            name = "" if name in MISSING else name
            code = str(row.get(inter_col) or "").strip()
            if name:
                names.append(name)
                if code.isdigit() and code != "0":
                    self.main[name][int(code)] += 1
            for a in _split_assoc(row.get(assoc_col) or ""):
                names.append(a)
                if name:
                    self.with_[a][name] += 1
                if code.isdigit() and code != "0":
                    self.side[a][int(code)] += 1
        for n in names:
            self.count[n] += 1
            if country:
                self.countries[n][country] += 1
        note = row.get("notes") or ""
        if note:
            words = _WORD.findall(note)
            self.words.update(words)
            caps = {w for w in words if len(w) >= 3 and w.isupper()}
            for n in set(names):
                self.caps[n].update(caps)
            self.words.update(" ".join(p) for p in zip(words, words[1:]))
            for long_, short in _note_definitions(note):
                self.defs[(country, short)].update(set(names))
                self.def_rows[(country, short)] += 1
                self.def_long[(country, short)][long_] += 1


def _short_names(aliases: dict[str, set[str]], initials: dict[str, str], countries: set[str]) -> dict[str, set[str]]:
    """Folded long name -> the short names it goes by: "people's defense force" -> {"PDF"} from
    "PDF: People's Defense Force"; "islamic state greater sahara" -> {"ISGS"} from its notes."""
    out: dict[str, set[str]] = defaultdict(set)
    for n, al in aliases.items():
        base, _ = _base(n, countries)
        m = _COLON.match(base)
        long_, own = (m.group("long"), {m.group("short")}) if m else (base, set())
        found = {a for a in al | own if _is_acronym(a)} | ({initials[n]} if n in initials else set())
        if found:
            out[_fold(long_)] |= found
            out[_fold(base)] |= found
    return out


def _joined_aliases(name: str, shorts: dict[str, set[str]], countries: set[str]) -> set[str]:
    """Aliases of the names ACLED joins from others, written as the notes write them:
    "JNIM: ... and/or Islamic State (Greater Sahara)" -> "JNIM or ISGS", "JNIM and/or ISGS";
    a local faction "People's Defense Force - Kalay" -> "Kalay PDF", "PDF-Kalay"."""
    base, _ = _base(name, countries)
    out: set[str] = set()
    if " and/or " in base:
        left, right = base.split(" and/or ", 1)
        for a in shorts.get(_fold(left), ()):
            for b in shorts.get(_fold(right), ()):
                out |= {f"{a} or {b}", f"{a} and/or {b}", f"{b} or {a}", f"{b} and/or {a}"}
        return out
    m = _COLON.match(base)
    parent, _, place = (m.group("long") if m else base).partition(" - ")
    # a place is a few capitalised words ("Kalay", "Nay Pyi Taw"), not a description
    if place and len(place.split()) <= 3 and all(w[0].isupper() for w in place.split()) \
            and not set("()") & set(parent + place):
        for a in shorts.get(_fold(parent), ()):
            out |= {f"{place} {a}", f"{a}-{place}"}
    return out


def _plurals(aliases: set[str]) -> set[str]:
    """Notes name a group's members by its name in the plural: "Giants Brigades forces" for the
    "Giants Brigade", "Puntland Dervish Forces" for the "Puntland Dervish Force". Only names of two
    words or more ending in a capitalised noun that is not a preposition's object ("... of Assam");
    short names stay as they are."""
    out = set()
    for a in aliases:
        words = a.split()
        last = words[-1]
        if len(words) < 2 or not (last[0].isupper() and last[1:].islower()) or last.endswith("s") \
                or words[-2].lower() in _PREPOSITIONS:
            continue
        out.add(a[:-1] + "ies" if re.search(r"[^aeiou]y$", last) else a + "s")  # "Army" -> "Armies"
    return out


def _generic_bases(names: Iterable[str], countries: set[str]) -> set[str]:
    """Base names ACLED codes with a country suffix in several countries: categories, not groups."""
    seen: dict[str, set[str]] = defaultdict(set)
    for n in names:
        base, country = _base(n, countries)
        if country:
            seen[base].add(country)
    return {b for b, cs in seen.items() if len(cs) >= GENERIC_COUNTRIES}


def _common_word(alias: str, words: Counter) -> bool:
    """Written in lower case in the notes often enough to be an ordinary word ("police", "let")."""
    if len(alias.split()) > 2 or (alias.isupper() and len(alias) <= 6):
        return False  # longer phrases are names; short capitals match only in capitals
    lower, written = words[alias.lower()], words[alias]
    if alias.lower() == alias:
        return True  # coded names are capitalised; a lower-case alias is a plain word
    return lower > 0 and lower / (lower + written) >= LOWER_SHARE


def _related(long_: str, name: str) -> bool:
    """A note's long phrase and a coded name share a content word (first five letters):
    "Ethiopian National Defense Force" and "Military Forces of Ethiopia" share "Ethio", "Force"."""
    def stems(s: str) -> set[str]:
        return {w.lower()[:5] for w in _WORD.findall(s) if len(w) >= 4}
    return bool(stems(long_) & stems(name))


def _note_aliases(c: _Counts, generic: set[str], countries: set[str]) -> dict[str, set[str]]:
    """Short names the notes define, given to the one actor coded alongside them."""
    out: dict[str, set[str]] = defaultdict(set)
    for key, rows in c.def_rows.items():
        if rows < NOTE_MIN_ROWS:
            continue
        long_ = c.def_long[key].most_common(1)[0][0]
        fits = [n for n, k in c.defs[key].items() if k / rows >= NOTE_SHARE
                and _base(n, countries)[0] not in generic and _related(long_, n)]
        if len(fits) == 1:
            out[fits[0]] |= {key[1], long_}
    return out


def build_actor_knowledge(rows: Iterable[Mapping[str, str]], note_aliases: bool = False) -> list[dict]:
    """One record per distinct actor name in ACLED-coded rows (see the module's docstring)."""
    c = _Counts()
    for row in rows:
        c.add(row)
    countries = {k for cs in c.countries.values() for k in cs}
    generic = _generic_bases(c.count, countries)
    aliases: dict[str, set[str]] = {}
    halves: dict[str, set[str]] = {}
    initials: dict[str, str] = {}  # the initials the notes of a name's own rows write: "ISGS"
    category = {n for n in c.count if _base(n, countries)[0] in generic}
    for n in c.count:
        aliases[n], halves[n] = (set(), set()) if n in category else _name_aliases(n, countries)
        short = _initials(n, countries) if aliases[n] else None
        if short and c.caps[n][short] >= NOTE_MIN_ROWS:
            initials[n] = short
            if note_aliases:
                aliases[n].add(short)
    shorts = _short_names(aliases, initials, countries)
    for n in c.count:
        if n not in category:
            aliases[n] |= {a for a in _joined_aliases(n, shorts, countries) if _usable(a)}
            if n in c.main:  # armed and state actors; associated bodies are named in the singular
                aliases[n] |= _plurals(aliases[n])
    if note_aliases:
        taken = {(k, _fold(a)) for n, al in aliases.items() for k in c.countries[n] for a in al}
        for n, extra in _note_aliases(c, generic, countries).items():
            aliases[n] |= {a for a in extra if _usable(a)
                           and not any((k, _fold(a)) in taken for k in c.countries[n])}
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)  # (country, folded alias) -> names
    whole: dict[tuple[str, str], set[str]] = defaultdict(set)  # the same, without halves of names
    for n, al in aliases.items():
        al -= {a for a in al if _common_word(a, c.words)}
        for k in c.countries[n] or {""}:
            for a in al:
                claims[(k, _fold(a))].add(n)
                if a not in halves[n]:
                    whole[(k, _fold(a))].add(n)
    owner = {key: _owner(whole.get(key) or names, c, countries, key[0]) for key, names in claims.items()}
    out = []
    for n in c.count:
        ok = sorted(a for a in aliases[n] if all(owner[(k, _fold(a))] == n for k in c.countries[n] or {""}))
        out.append({"name": n, "inter": _top(c.main.get(n)), "side": _side(c, n),
                    "with": _share_top(c.with_.get(n)) if n not in c.main else None,
                    "count": c.count[n], "countries": [k for k, _ in c.countries[n].most_common()],
                    "aliases": ok})
    out.sort(key=lambda r: (-r["count"], r["name"]))
    return out


def _owner(names: set[str], c: _Counts, countries: set[str], country: str) -> str | None:
    """The one name an alias stands for in a country, or None when it is ambiguous. A party and its
    militia ("BJP: Bharatiya Janata Party", "BJP: Bharatiya Janata Party Militia") are one group coded
    in two roles: the alias goes to the name coded as an actor (with an inter code), the more frequent
    first. Then one group must be DOMINANCE times as frequent in the country as the others together."""
    groups: dict[str, list[str]] = defaultdict(list)
    for n in names:
        groups[re.sub(r"\s+Militia$", "", _base(n, countries)[0])].append(n)
    # ties broken by the name, so that a rebuild writes the same file
    reps = {max(ns, key=lambda n: (n in c.main, c.count[n], n)): sum(c.countries[n][country] for n in ns)
            for ns in groups.values()}
    top = max(reps, key=lambda n: (reps[n], n))
    rest = sum(k for n, k in reps.items() if n != top)
    return top if reps[top] >= DOMINANCE * rest else None


def _top(codes: Counter | None) -> int | None:
    return codes.most_common(1)[0][0] if codes else None


def _side(c: _Counts, name: str) -> int | None:
    return None if name in c.main else _share_top(c.side.get(name))


def _share_top(counts: Counter | None):
    """The most frequent value when it holds SIDE_SHARE of the counts, else None."""
    if not counts:
        return None
    value, k = counts.most_common(1)[0]
    return value if k / sum(counts.values()) >= SIDE_SHARE else None


def write_tsv(records: Iterable[dict], path: str | Path) -> None:
    """One tab-separated line per name; countries joined by ";", aliases by "|"."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(COLUMNS)
        for r in records:
            w.writerow([r["name"], r["inter"] or "", r["side"] or "", r["with"] or "", r["count"],
                        ";".join(r["countries"]), "|".join(r["aliases"])])


def read_tsv(path: str | Path) -> list[dict]:
    """The records ``write_tsv`` wrote."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = csv.reader(fh, delimiter="\t")
        if tuple(next(lines, ())) != COLUMNS:
            raise ValueError(f"{path}: not an actor list (expected the columns {', '.join(COLUMNS)})")
        for name, inter, side, with_, count, countries, aliases in lines:
            out.append({"name": name, "inter": int(inter) if inter else None,
                        "side": int(side) if side else None, "with": with_ or None, "count": int(count),
                        "countries": countries.split(";") if countries else [],
                        "aliases": aliases.split("|") if aliases else []})
    return out
