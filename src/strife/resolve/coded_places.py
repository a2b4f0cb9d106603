"""Places from coded event data (ACLED exports): the names and admin units that coders used.

An ACLED export row codes one event at one location: its name, coordinates, admin1 to admin3 and
country, and how exact the point is (geo_precision). Many of these locations are villages, camps and
neighbourhoods that GeoNames cities500 lacks, and their admin names are spelled as ACLED spells them
(the spelling an analyst filters on). `build_places` turns rows into one entry per distinct location,
with how many events were coded there: names, coordinates and admin names only, never the rows or
their notes. scripts/build_acled_places.py builds the shipped list (data/acled_places.tsv.gz) from the
train split of the evaluation export; `strife gazetteer import --acled EXPORT.csv` adds a user's.
"""
from __future__ import annotations

import csv
import functools
import gzip
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("name", "country_code", "admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision", "events")
# ACLED's placeholders for an admin unit it leaves uncoded (sea areas, borders)
_MISSING = {"", "na", "n/a", "none", "null", "unknown"}


@dataclass(frozen=True)
class CodedPlace:
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    latitude: float
    longitude: float
    geo_precision: int  # the most exact precision any event there was coded with
    events: int


def _clean(v) -> str | None:
    v = (v or "").strip()
    return None if v.lower() in _MISSING else v


def _year(r: dict) -> int:
    y = (r.get("year") or "").strip() or (r.get("event_date") or "")[:4]
    return int(y) if y.isdigit() else 0


def build_places(rows: Iterable[dict], country_code: Callable[[str], str | None]) -> list[CodedPlace]:
    """One CodedPlace per distinct (country, location, point), from ACLED-style dict rows (columns
    country, location, latitude, longitude, admin1, admin2, admin3, geo_precision, year or
    event_date). Rows without a location, usable coordinates or a known country are skipped.
    country_code maps ACLED's country name to ISO2. A location's admin names are those of its latest
    coded event, and an admin1 name that later exports replaced is renamed (see _renamed_admin1)."""
    acc: dict[tuple, dict] = {}
    code_of = functools.lru_cache(maxsize=None)(country_code)  # a few hundred countries, many rows
    for r in rows:
        name, country = _clean(r.get("location")), _clean(r.get("country"))
        if not name or not country:
            continue
        try:
            lat, lon = round(float(r["latitude"]), 4), round(float(r["longitude"]), 4)
        except (KeyError, TypeError, ValueError):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        cc = code_of(country)
        if not cc:
            continue
        try:
            gp = int(float(r.get("geo_precision") or 1))
        except ValueError:
            gp = 1
        a = acc.setdefault((cc, name, lat, lon), {"gp": gp, "n": 0, "admins": {}})
        a["gp"] = min(a["gp"], gp)
        a["n"] += 1
        admins = (_clean(r.get("admin1")), _clean(r.get("admin2")), _clean(r.get("admin3")))
        y = _year(r)
        a["admins"][admins] = max(a["admins"].get(admins, 0), y)
    rename = _renamed_admin1(acc)
    out = []
    for (cc, name, lat, lon), a in acc.items():
        a1, a2, a3 = max(a["admins"].items(), key=lambda kv: kv[1])[0]
        a1 = rename.get((cc, a1), a1)
        out.append(CodedPlace(name, cc, a1, a2, a3, lat, lon, max(1, min(a["gp"], 3)), a["n"]))
    out.sort(key=lambda p: (p.country_code, p.name, p.latitude, p.longitude))
    return out


def _renamed_admin1(acc: dict) -> dict[tuple[str, str], str]:
    """ACLED renames admin units over the years ("Rangoon" -> "Yangon", "Shabeellaha Hoose" ->
    "Lower Shabelle", a region merged into a new one). Where one location is coded with two admin1
    names, the name of its later events replaces the earlier one; an old name is renamed when it is no
    longer in use, most of its locations agree on its successor and the change rarely runs the other way."""
    # one location: the same name within about 10 km (exports differ in the coordinates' last digits)
    sites: dict[tuple, dict[str, int]] = {}
    for (cc, name, lat, lon), a in acc.items():
        by_a1 = sites.setdefault((cc, name, round(lat, 1), round(lon, 1)), {})
        for (a1, _a2, _a3), y in a["admins"].items():
            if a1:
                by_a1[a1] = max(by_a1.get(a1, 0), y)
    last: dict[tuple[str, str], int] = {}  # the latest year each admin1 name (and each country) was coded
    for (cc, _name, _lat, _lon), by_a1 in sites.items():
        for a1, y in by_a1.items():
            last[(cc, a1)] = max(last.get((cc, a1), 0), y)
            last[(cc, "")] = max(last.get((cc, ""), 0), y)
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for (cc, _name, _lat, _lon), by_a1 in sites.items():
        if len(by_a1) < 2:
            continue
        new = max(by_a1, key=lambda k: by_a1[k])
        for old, y in by_a1.items():
            if old != new and y < by_a1[new]:
                v = votes.setdefault((cc, old), {})
                v[new] = v.get(new, 0) + 1
    rename = {}
    for key, v in votes.items():
        new, k = max(v.items(), key=lambda kv: kv[1])
        back = votes.get((key[0], new), {}).get(key[1], 0)
        # most of the old name's locations agree on the successor, and the change runs that way at
        # least twice as often as back (a location on a border may be coded either way in any year)
        # A name still in use in the country's latest year was split, not renamed (Dhaka division lost
        # its north to the new Mymensingh division, but goes on).
        if last[key] >= last[(key[0], "")]:
            continue
        if k * 2 > sum(v.values()) and k >= 2 * back and k > back:
            rename[key] = new
    for key in list(rename):  # A -> B -> C: A -> C (a few steps at most)
        for _ in range(3):
            nxt = rename.get((key[0], rename[key]))
            if nxt is None or nxt == key[1]:
                break
            rename[key] = nxt
    return rename


# An outlet tells a report's country when nearly all the events it was a source for lie in one country:
# at least OUTLET_MIN_EVENTS events, OUTLET_MIN_SHARE of them in that country, and no more than
# OUTLET_MAX_COUNTRIES countries in all (a wire service or a generic label such as "Local Network"
# covers many and is left out even where one country dominates the export).
OUTLET_MIN_EVENTS = 3
OUTLET_MIN_SHARE = 0.95
OUTLET_MAX_COUNTRIES = 2
# Labels, not outlets: ACLED's "Local Network", "Local Source Project", social media platforms.
_GENERIC_SOURCE = re.compile(r"^(?:local|other|unknown|media|social media|twitter|x|facebook|telegram|whatsapp|"
                             r"youtube|tiktok|instagram|website)\b", re.I)


def build_outlets(rows: Iterable[dict], country_code: Callable[[str], str | None]) -> list[tuple[str, str, int]]:
    """(outlet, ISO2, events) for outlets of one country, from the `source` column ("A; B; C")."""
    counts: dict[str, dict[str, int]] = {}
    code_of = functools.lru_cache(maxsize=None)(country_code)  # a few hundred countries, many rows
    for r in rows:
        country = _clean(r.get("country"))
        if not country:
            continue
        cc = code_of(country)
        if not cc:
            continue
        for src in (r.get("source") or "").split(";"):
            src = src.strip()
            if src and not _GENERIC_SOURCE.match(src):
                c = counts.setdefault(src, {})
                c[cc] = c.get(cc, 0) + 1
    out = []
    for src, c in counts.items():
        n = sum(c.values())
        cc, k = max(c.items(), key=lambda kv: kv[1])
        if n >= OUTLET_MIN_EVENTS and k >= OUTLET_MIN_SHARE * n and len(c) <= OUTLET_MAX_COUNTRIES:
            out.append((src, cc, n))
    return sorted(out)


def write_outlets(outlets: Iterable[tuple[str, str, int]], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(("outlet", "country_code", "events"))
        w.writerows(outlets)


def read_outlets(path: str | Path) -> dict[str, str]:
    """Folded outlet name -> ISO2."""
    out = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                if r.get("outlet") and r.get("country_code"):
                    out[" ".join(r["outlet"].lower().split())] = r["country_code"]
    except OSError:
        pass
    return out


def write_places(places: Iterable[CodedPlace], path: str | Path) -> None:
    """A gzip'd TSV with a header line; mtime 0 so that the same places give the same bytes."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(COLUMNS)
    for p in places:
        w.writerow([p.name, p.country_code, p.admin1 or "", p.admin2 or "", p.admin3 or "",
                    f"{p.latitude:.4f}", f"{p.longitude:.4f}", p.geo_precision, p.events])
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(buf.getvalue().encode("utf-8"))


def read_places(path: str | Path) -> list[CodedPlace]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        out = []
        for r in csv.DictReader(f, delimiter="\t"):
            try:
                out.append(CodedPlace(r["name"], r["country_code"], r["admin1"] or None, r["admin2"] or None,
                                      r["admin3"] or None, float(r["latitude"]), float(r["longitude"]),
                                      int(r["geo_precision"]), int(r["events"])))
            except (KeyError, TypeError, ValueError):
                continue  # a damaged line is skipped, the rest of the list stands
        return out


def is_coded_export(path: str | Path) -> bool:
    """Does this CSV have ACLED's location columns?"""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            head = next(csv.reader(f), [])
    except OSError:
        return False
    cols = {c.strip().lower() for c in head}
    return {"country", "location", "latitude", "longitude", "admin1"} <= cols


def read_export(path: str | Path, split: str | None = None) -> Iterable[dict]:
    """An ACLED export's rows as dicts; with `split`, only rows whose split column has that value."""
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for r in csv.DictReader(f):
            if split is None or r.get("split") == split:
                yield r
