"""The gazetteer: spellings, admin1 and country fallbacks, place names in running text, user files."""
from __future__ import annotations

import math

import pytest

from strife.resolve.gazetteer import Gazetteer, PlaceMatch, fold, norm, register_gazetteer_file, skeleton


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


# spelling, country hint, expected country, expected admin1 (ACLED's spelling, as the coded places
# label it), lat, lon, tolerance km
SPELLINGS = [
    ("Maarat al-Numan", None, "SY", "Idleb", 35.65, 36.68, 10),
    ("Ma'arrat an Nu'man", None, "SY", "Idleb", 35.65, 36.68, 10),
    ("Maarret al-Numan", None, "SY", "Idleb", 35.65, 36.68, 10),
    ("Maaret al-Numan", None, "SY", "Idleb", 35.65, 36.68, 10),
    ("Maarat al-Nouman", "SY", "SY", "Idleb", 35.65, 36.68, 10),
    ("Saraqeb", None, "SY", "Idleb", 35.86, 36.80, 10),
    ("Saraqib", None, "SY", "Idleb", 35.86, 36.80, 10),
    ("Khan Sheikhoun", None, "SY", "Idleb", 35.44, 36.65, 10),
    ("Khan Shaykhun", None, "SY", "Idleb", 35.44, 36.65, 10),
    ("Kafranbel", "SY", "SY", "Idleb", 35.61, 36.56, 10),
    ("Aleppo", None, "SY", "Aleppo", 36.20, 37.16, 15),
    ("Deir ez-Zor", None, "SY", "Deir ez Zor", 35.33, 40.14, 15),
    ("Deir Ezzor", "SY", "SY", "Deir ez Zor", 35.33, 40.14, 15),
    ("Raqqa", None, "SY", "Ar Raqqa", 35.95, 39.01, 15),
    ("Jisr al-Shughur", None, "SY", "Idleb", 35.81, 36.32, 10),
    ("Jisr ash-Shughur", None, "SY", "Idleb", 35.81, 36.32, 10),
    ("Abu Kamal", "SY", "SY", "Deir ez Zor", 34.45, 40.92, 15),
    ("Garissa", "KE", "KE", "Garissa", -0.45, 39.65, 10),
    ("Mandera", "KE", "KE", "Mandera", 3.94, 41.86, 15),
    ("Lamu", "KE", "KE", "Lamu", -2.27, 40.90, 15),
    ("Mpeketoni", "KE", "KE", "Lamu", -2.39, 40.70, 15),
    ("Eldoret", None, "KE", "Uasin Gishu", 0.52, 35.27, 10),
    ("Kisumu", None, "KE", "Kisumu", -0.10, 34.76, 10),
    ("Maiduguri", None, "NG", "Borno", 11.85, 13.16, 10),
    ("Gwoza", "NG", "NG", "Borno", 11.09, 13.69, 15),
    ("Kaduna", "NG", "NG", "Kaduna", 10.52, 7.44, 15),
    ("Sanaa", None, "YE", None, 15.35, 44.21, 15),
    ("Sana'a", None, "YE", None, 15.35, 44.21, 15),
    ("Hodeidah", None, "YE", "Al Hudaydah", 14.80, 42.95, 15),
    ("Taiz", "YE", "YE", "Taizz", 13.58, 44.02, 15),
    ("Marib", "YE", "YE", "Marib", 15.46, 45.32, 20),
    ("Kharkiv", None, "UA", "Kharkiv", 50.00, 36.23, 15),
    ("Kharkov", None, "UA", "Kharkiv", 50.00, 36.23, 15),
    ("Bakhmut", "UA", "UA", "Donetsk", 48.60, 38.00, 15),
    ("Mariupol", None, "UA", "Donetsk", 47.10, 37.55, 15),
    ("Timbuktu", None, "ML", None, 16.77, -3.01, 15),
    ("Mopti", "ML", "ML", "Mopti", 14.49, -4.19, 15),
    ("Kidal", "ML", "ML", "Kidal", 18.44, 1.41, 15),
    ("Mogadishu", None, "SO", "Banadir", 2.04, 45.34, 10),
    ("Kismayo", None, "SO", "Lower Juba", -0.36, 42.55, 10),
    ("Baidoa", "SO", "SO", "Bay", 3.11, 43.65, 15),
    ("Beledweyne", "SO", "SO", "Hiraan", 4.74, 45.20, 15),
    ("Kandahar", None, "AF", "Kandahar", 31.61, 65.71, 15),
    ("Lashkar Gah", None, "AF", "Helmand", 31.59, 64.37, 15),
    ("Kunduz", None, "AF", "Kunduz", 36.73, 68.86, 15),
    ("Mosul", None, "IQ", "Ninewa", 36.34, 43.12, 10),
    ("Fallujah", None, "IQ", "Al Anbar", 33.35, 43.78, 15),
    ("Tikrit", None, "IQ", "Salah Al Din", 34.60, 43.68, 15),
    ("Goma", "CD", "CD", "Nord-Kivu", -1.68, 29.23, 10),
    ("Bukavu", "CD", "CD", "Sud-Kivu", -2.51, 28.86, 10),
    ("Beni", "CD", "CD", "Nord-Kivu", 0.49, 29.47, 15),
    # supplement entries: regions, mountains, camps, bases, crossings
    ("Jabal al-Zawiya", None, "SY", "Idleb", 35.68, 36.50, 15),
    ("Jebel Zawiya", None, "SY", "Idleb", 35.68, 36.50, 15),
    ("Bab al-Hawa crossing", None, "SY", "Idleb", 36.23, 36.67, 10),
    ("Hmeimim", None, "SY", "Lattakia", 35.41, 35.95, 10),
    ("Al-Hol camp", None, "SY", "Al Hasakeh", 36.38, 41.15, 10),
    ("Kerio Valley", None, "KE", "Elgeyo-Marakwet", 0.80, 35.65, 30),
    ("Boni forest", None, "KE", "Lamu", -1.67, 41.17, 40),
    ("Sambisa Forest", None, "NG", "Borno", 11.30, 13.50, 60),
]


@pytest.mark.parametrize("spelling,hint,cc,admin1,lat,lon,tol", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_spellings_resolve(gaz, spelling, hint, cc, admin1, lat, lon, tol):
    p = gaz.resolve(spelling, hint)
    assert p is not None, spelling
    assert p.country_code == cc
    if admin1:
        assert p.admin1 == admin1
    assert km(p.latitude, p.longitude, lat, lon) <= tol, (p.name, p.latitude, p.longitude)
    assert p.country and p.latitude is not None and p.kind


def test_table_is_big_enough():
    assert len(SPELLINGS) >= 40
    assert len({s[2] for s in SPELLINGS}) >= 10


def test_transliteration_variants_share_a_key():
    keys = {norm(s) for s in ("Ma'arrat an Nu'man", "Maarat al-Numan", "Ma‘arrat an-Nu‘mān")}
    assert len(keys) == 1
    assert skeleton(norm("Maarret al-Numan")) == skeleton(norm("Maarat al-Numan"))
    assert skeleton(norm("Saraqeb")) == skeleton(norm("Saraqib"))
    assert fold("Ḩamāh") == "hamah"


def test_town_entries_carry_a_geonameid_and_precision_1(gaz):
    p = gaz.resolve("Saraqib")
    assert p.geonameid == 164816 and p.geo_precision == 1 and p.kind == "town"


def test_ariha_needs_the_country_hint(gaz):
    p = gaz.resolve("Ariha", "SY")
    assert p.country_code == "SY" and p.admin1 == "Idleb"
    assert km(p.latitude, p.longitude, 35.81, 36.61) < 10
    # with other Syrian places nearby the Syrian Ariha wins too
    q = gaz.resolve("Ariha", near=[(35.86, 36.80)])
    assert q.country_code == "SY"


def test_province_suffix_means_the_admin1(gaz):
    p = gaz.resolve("Idlib province")
    assert p.kind == "admin1" and p.geo_precision == 3 and p.geonameid is None
    assert p.admin1 == "Idleb" and p.country_code == "SY"
    for text in ("Idlib governorate", "northern Idlib", "Idleb province"):
        assert gaz.resolve(text).kind == "admin1", text
    town = gaz.resolve("Idlib city")
    assert town.kind == "town" and town.geo_precision == 1
    assert gaz.resolve("the town of Idlib").kind == "town"
    assert gaz.resolve("Idlib").kind == "town"  # a bare name: the town, as ACLED codes it


def test_kenya_counties(gaz):
    for county in ("Nairobi", "Garissa", "Murang'a", "Elgeyo-Marakwet", "Homa Bay", "Tharaka-Nithi",
                   "Mandera", "Lamu", "Trans Nzoia", "Uasin Gishu", "West Pokot", "Vihiga", "Bomet"):
        p = gaz.admin1("KE", county)
        assert p is not None and p.admin1 == county and p.kind == "admin1" and p.geo_precision == 3, county
    assert gaz.resolve("Garissa County").kind == "admin1"
    assert gaz.resolve("Garissa County").admin1 == "Garissa"
    g = gaz.admin1("KE", "Garissa")
    assert km(g.latitude, g.longitude, -0.45, 39.65) < 150


def test_kenya_has_47_named_counties():
    from strife.resolve.gazetteer import DATA

    names = {line.split("\t")[2] for line in (DATA / "admin1.tsv").read_text(encoding="utf-8").splitlines()
             if line.startswith("KE\t")}
    assert len(names) == 47


def test_syria_admin1(gaz):
    for name in ("Idlib", "Aleppo", "Hama", "Homs", "Latakia", "Daraa"):
        p = gaz.admin1("SY", name)
        assert p is not None and p.country == "Syria", name
    assert gaz.admin1("SY", "Idleb").admin1 == "Idleb"
    assert gaz.admin1("SY", "Rural Damascus") is not None
    assert gaz.admin1("SY", "Narnia") is None


def test_countries_and_demonyms(gaz):
    for q, cc in (("Syria", "SY"), ("SY", "SY"), ("SYR", "SY"), ("Turkey", "TR"), ("Türkiye", "TR"),
                  ("Turkish", "TR"), ("Kenyan", "KE"), ("Somali", "SO"), ("DRC", "CD"), ("Ivory Coast", "CI")):
        p = gaz.country(q)
        assert p is not None and p.country_code == cc, q
        assert p.kind == "country" and p.geo_precision == 3 and p.admin1 is None
    assert gaz.country("Syria").country == "Syria"
    s = gaz.country("Syria")
    assert 32 < s.latitude < 37.5 and 35.5 < s.longitude < 42.5


def test_lebanon_is_the_country_not_a_us_town(gaz):
    assert gaz.resolve("Lebanon").kind == "country"


def _surfaces(matches):
    return [m.surface for m in matches]


def test_find_places_arabic_names(gaz):
    text = ("Regime forces shelled Maarat al-Numan and Kafr Nabl on Tuesday, while rebels attacked "
            "positions near Saraqeb. Residents fled toward Bab al-Hawa crossing on the Turkish border.")
    ms = gaz.find_places(text)
    assert all(isinstance(m, PlaceMatch) for m in ms)
    by = {m.surface: m for m in ms}
    assert "Maarat al-Numan" in by and by["Maarat al-Numan"].place.country_code == "SY"
    assert "Saraqeb" in by and by["Saraqeb"].place.admin1 == "Idleb"
    assert any(s.startswith("Bab al-Hawa") for s in by)
    assert "Tuesday" not in " ".join(by)
    for m in ms:
        assert text[m.start:m.end] == m.surface


def test_find_places_admin1_and_town(gaz):
    text = ("Airstrikes hit the town of Ariha in southern Idlib province. Clashes continued in "
            "Idlib city and in northern Idlib.")
    ms = gaz.find_places(text, country_hint="SY")
    kinds = {m.surface: m.place.kind for m in ms}
    assert kinds.get("Ariha") == "town"
    assert kinds.get("Idlib province") == "admin1"
    assert kinds.get("Idlib city") == "town"
    assert [m.place.kind for m in ms if m.surface == "Idlib"] == ["admin1"]  # "northern Idlib"
    ariha = next(m for m in ms if m.surface == "Ariha")
    assert ariha.place.country_code == "SY"


def test_find_places_ambiguity_resolved_by_other_places(gaz):
    # no hint: Ariha (Jericho in the West Bank is also "Ariha") sits next to unambiguous Syrian towns
    text = "Fighting raged around Saraqib, Sarmin and Ariha as government troops advanced on Jisr al-Shughur."
    ms = gaz.find_places(text)
    ariha = next(m for m in ms if m.surface == "Ariha")
    assert ariha.place.country_code == "SY"


def test_find_places_kenya(gaz):
    text = ("Suspected al-Shabaab militants attacked a police post in Mandera County on Monday. "
            "Two officers were killed near Lamu, and a bus was ambushed on the Garissa road.")
    ms = gaz.find_places(text)
    by = {m.surface: m.place for m in ms}
    assert by["Mandera County"].kind == "admin1" and by["Mandera County"].admin1 == "Mandera"
    assert by["Lamu"].country_code == "KE"
    assert "Monday" not in by


@pytest.mark.parametrize("sentence", [
    "The Defense Ministry said on Friday that March was calm.",
    "President Erdogan told reporters that the talks had failed.",
    "Bashar al-Assad met Vladimir Putin in May.",
    "Police said the National Liberation Front and Hayat Tahrir al-Sham were responsible.",
    "Government officials and aid agencies said on Sunday that many children were among the dead.",
    "Reuters could not independently verify the report, Amnesty International said.",
])
def test_no_false_positives(gaz, sentence):
    assert _surfaces(gaz.find_places(sentence)) == []


def test_countries_in_text(gaz):
    ms = gaz.find_places("Turkey sent more troops to Syria after the attack.")
    assert [(m.surface, m.place.kind, m.place.country_code) for m in ms] == [
        ("Turkey", "country", "TR"), ("Syria", "country", "SY")]


def test_demonyms_are_not_places(gaz):
    assert _surfaces(gaz.find_places("Syrian and Turkish soldiers clashed overnight.")) == []


def test_document_country(gaz):
    assert gaz.document_country(
        "Turkish drones struck Syrian regime positions near Saraqib and Maarat al-Numan, "
        "the Turkish Defense Ministry said.") == "SY"
    assert gaz.document_country("Kenyan police said gunmen killed three people in Garissa and Wajir.") == "KE"
    assert gaz.document_country("Clashes in Maiduguri and Gwoza, Borno State, left ten dead.") == "NG"
    assert gaz.document_country("Nothing happened on Friday.") is None


GEONAMES_ROWS = [
    # geonameid, name, asciiname, alternatenames, lat, lon, fclass, fcode, cc, cc2, admin1, admin2,
    # admin3, admin4, population, elevation, dem, timezone, modified
    ("99000001", "Qaryat Zibdiyya", "Qaryat Zibdiyya", "Zibdiyya,Zibdiyeh,زبدية", "35.7000", "36.6000",
     "P", "PPL", "SY", "", "12", "", "", "", "0", "", "350", "Asia/Damascus", "2020-01-01"),
    ("99000002", "Jabal Dummy", "Jabal Dummy", "Jebel Dummy", "35.5000", "36.4000",
     "T", "MT", "SY", "", "10", "", "", "", "0", "", "600", "Asia/Damascus", "2020-01-01"),
    ("99000003", "Some Shop", "Some Shop", "", "35.5000", "36.4000",
     "S", "SHOP", "SY", "", "10", "", "", "", "0", "", "600", "Asia/Damascus", "2020-01-01"),
    ("99000004", "Kambi Zibdi", "Kambi Zibdi", "Zibdi Camp", "-0.1000", "39.9000",
     "S", "CMPRF", "KE", "", "16", "", "", "", "0", "", "100", "Africa/Nairobi", "2020-01-01"),
]


def _write_geonames(path):
    path.write_text("".join("\t".join(r) + "\n" for r in GEONAMES_ROWS), encoding="utf-8")
    return path


def test_import_geonames(gaz, tmp_path):
    f = _write_geonames(tmp_path / "SY.txt")
    g = Gazetteer()
    assert g.resolve("Zibdiyeh") is None
    assert g.import_geonames(f) == 3  # the shop is skipped
    p = g.resolve("Zibdiyeh")
    assert p.name == "Qaryat Zibdiyya" and p.geonameid == 99000001 and p.admin1 == "Idleb"
    m = g.resolve("Jebel Dummy")
    assert m.kind == "mountain" and m.geo_precision == 2 and m.admin1 == "Hama"
    c = g.resolve("Zibdi Camp")
    assert c.kind == "camp" and c.country_code == "KE" and c.admin1 == "Garissa"
    assert [x.surface for x in g.find_places("Shelling hit Zibdiyya overnight.")] == ["Zibdiyya"]


def test_extra_files_and_registration(tmp_path, monkeypatch):
    sup = tmp_path / "mine.csv"
    sup.write_text("name,aliases,latitude,longitude,country_code,admin1,kind\n"
                   "Wadi Imaginary,Imaginary Valley,35.1,36.9,SY,Hama,valley\n", encoding="utf-8")
    g = Gazetteer(extra_files=[sup, _write_geonames(tmp_path / "SY.txt")])
    assert g.resolve("Imaginary Valley").kind == "valley"
    assert g.resolve("Zibdiyya").geonameid == 99000001
    monkeypatch.setenv("STRIFE_DATA_DIR", str(tmp_path / "data"))
    dest = register_gazetteer_file(sup)
    assert dest.parent == tmp_path / "data" / "gazetteer" and dest.exists()
    try:
        assert Gazetteer.default().resolve("Wadi Imaginary") is not None
    finally:
        Gazetteer.default.cache_clear()
    with pytest.raises(ValueError):
        bad = tmp_path / "bad.txt"
        bad.write_text("hello world\n")
        register_gazetteer_file(bad)


def test_supplement_rows_are_sane():
    import csv

    from strife.resolve.gazetteer import DATA, KIND_PRECISION

    with open(DATA / "places_supplement.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(r for r in f if not r.startswith("#")))
    assert len(rows) >= 200
    for r in rows:
        assert len(r["country_code"]) == 2, r
        assert r["kind"] in KIND_PRECISION, r
        if not r["latitude"].strip():
            # an old district without coordinates of its own takes its admin1's point: it must name one
            assert not r["longitude"].strip() and r["admin1"].strip() and r["kind"] == "region", r
            continue
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180, r
        assert (float(r["latitude"]), float(r["longitude"])) != (0.0, 0.0), r


def test_default_is_cached(gaz):
    assert Gazetteer.default() is Gazetteer.default()


# ---------------------------------------------------------------------------------------------------
# "Time and place": provinces as ACLED codes them, old districts, fuzzy spellings, peoples, country hint


def _places(gaz, text, cc=None):
    return [(m.surface, m.place) for m in gaz.find_places(text, cc)]


def test_admin1_point_is_its_centroid_not_a_city(gaz):
    # an event known only to its province stands at the province's centroid (geo_precision 3), never
    # on its capital: Cabo Delgado events must not pile up on Pemba
    for cc, a1, lat, lon, city in [("MZ", "Cabo Delgado", -12.30, 40.03, (-12.97, 40.52)),
                                   ("KE", "Mandera", 3.52, 40.96, (3.94, 41.86)),
                                   ("SY", "Idleb", 35.86, 36.63, (35.93, 36.63))]:
        p = gaz.admin1(cc, a1)
        assert p is not None and p.geo_precision == 3 and p.kind == "admin1"
        assert km(p.latitude, p.longitude, lat, lon) < 1, (a1, p)
        assert km(p.latitude, p.longitude, *city) > 5, (a1, p)


def test_county_suffix_is_the_admin1_not_a_namesakes_alias(gaz):
    ps = _places(gaz, "Police reinforcements arrived in Isiolo County on Monday.", "KE")
    assert [(p.kind, p.admin1, p.country_code) for _, p in ps] == [("admin1", "Isiolo", "KE")]


@pytest.mark.parametrize("text,admin1", [
    ("Clashes were reported in the Rift Valley Province last year.", "Nakuru"),
    ("Security was tightened across North Eastern Province.", "Garissa"),
    ("Raiders struck a village in Trans Mara on Sunday.", "Narok"),
    ("Gunmen attacked a herder in the Mt. Elgon area.", "Bungoma"),
    ("Two people were hurt in Nyandaura County on Friday.", "Nyandarua"),
])
def test_old_provinces_districts_and_misspelt_counties(gaz, text, admin1):
    ps = _places(gaz, text, "KE")
    assert ps and ps[0][1].admin1 == admin1 and ps[0][1].country_code == "KE", ps


def test_fuzzy_needs_a_place_slot_and_the_country(gaz):
    # a place word after the name lets a two-letter slip through; without a slot or a country, nothing
    ps = _places(gaz, "Traders protested in Kakameka town.", "KE")
    assert ps and ps[0][1].name == "Kakamega", ps
    assert _places(gaz, "Traders protested in Kakameka town.") == []
    assert _places(gaz, "Kakameka traders protested.", "KE") == []


def test_the_fuzzy_table_comes_with_the_index_and_follows_added_places(gaz, tmp_path):
    # read from the cached index, not built on the first misspelt place: it must be the index's own
    assert gaz._fuzzy_by_country and gaz._fuzzy_by_country == gaz._fuzzy_table()
    g = Gazetteer()
    f = tmp_path / "extra.csv"
    f.write_text("name,latitude,longitude,country_code,admin1\nZorbatuni,1.0,35.0,KE,Turkana\n", encoding="utf-8")
    g.add_file(f)
    ps = _places(g, "Herders clashed in Zorbatunni village.", "KE")
    assert ps and ps[0][1].name == "Zorbatuni", ps


def test_country_hint_beats_a_foreign_namesake(gaz):
    ps = _places(gaz, "Insurgents attacked Palma on Wednesday.", "MZ")
    assert [p.country_code for _, p in ps] == ["MZ"]
    # a word that is only a small town abroad is no place in a report about Kenya
    assert _places(gaz, "Attackers torched the Ribah homestead near the river.", "KE") == []


def test_common_words_and_groups_are_not_places(gaz):
    assert _places(gaz, "Man with suspected links to al-Shabaab arrested.", "KE") == []
    assert _places(gaz, "Suspected Al Shabaab fighters fled.", "KE") == []
    assert _places(gaz, "Clashes between Maasai and Kikuyu herders left one dead.", "KE") == []
    ps = _places(gaz, "Youths rioted in Kikuyu town.", "KE")
    assert ps and ps[0][1].name == "Kikuyu" and ps[0][1].admin1 == "Kiambu"


def test_place_before_an_office_or_after_university_of(gaz):
    assert [s for s, _ in _places(gaz, "The Garissa Governor visited the wounded.", "KE")] == ["Garissa"]
    assert [s for s, _ in _places(gaz, "Students of the University of Eldoret rioted.", "KE")] == ["Eldoret"]


def test_hyphenated_pairs_of_names(gaz):
    ps = _places(gaz, "A bomb hit a lorry on the Garissa-Lamu road.", "KE")
    assert [p.name for _, p in ps] == ["Garissa", "Lamu"]
    assert [p.admin1 for _, p in _places(gaz, "Fighting in Nord-Kivu continued.", "CD")] == ["Nord-Kivu"]


def test_city_estate_beats_a_foreign_town_without_a_hint(gaz):
    ps = _places(gaz, "A grenade was thrown at a bus in Eastleigh.")
    assert ps and ps[0][1].country_code == "KE" and ps[0][1].admin1 == "Nairobi"


def test_outlet_prior_outweighs_a_passing_demonym(gaz):
    text = "Police arrested two Somali nationals in Eastleigh."
    assert gaz.document_country(text, prior="KE") == "KE"
    # one weak hint decides nothing
    assert gaz.document_country("Man arrested.") is None


def test_drc_provinces_of_2015(gaz):
    for name in ("Ituri", "Haut-Katanga", "Tshopo", "Kongo Central", "Bas-Congo"):
        p = gaz.admin1("CD", name)
        assert p is not None and p.kind == "admin1", name
    assert gaz.admin1("CD", "Bas-Congo").name == "Kongo-Central"  # ACLED's spelling


def test_district_rows_without_coordinates_take_the_county_capital(gaz):
    p = gaz.resolve("Koibatek", "KE")
    a = gaz.admin1("KE", "Baringo")
    assert p is not None and p.admin1 == "Baringo" and p.geo_precision == 3
    assert (p.latitude, p.longitude) == (a.latitude, a.longitude)


def test_a_places_own_name_beats_an_alternate_spelling_of_a_bigger_place(gaz):
    # "Kisii" is the Kenyan town's name and, in GeoNames, an old alternate spelling of a larger
    # Chinese city; with no country known, the town whose own name it is wins
    (m,) = gaz.find_places("Supporters attacked a polling clerk in Kisii on Tuesday.")
    assert m.place.country_code == "KE"


# -- coded places (ACLED exports) -------------------------------------------------------------------

_EXPORT_HEAD = "event_id_cnty,event_date,year,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,notes\n"


def _write_export(path, rows):
    path.write_text(_EXPORT_HEAD + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_build_places_one_entry_per_location_never_notes(tmp_path):
    from strife.resolve.coded_places import build_places, read_export, read_places, write_places

    f = _write_export(tmp_path / "export.csv", [
        ("X1", "2019-05-01", "2019", "Somalia", "Shabeellaha Hoose", "Qoryooley", "", "Qoryooley", "1.7878", "44.5300", "2", "Radio X", "secret note one"),
        ("X2", "2023-05-01", "2023", "Somalia", "Lower Shabelle", "Qoryooley", "", "Qoryooley", "1.7878", "44.5300", "1", "Radio X", "secret note two"),
        ("X3", "2018-01-01", "2018", "Somalia", "Shabeellaha Hoose", "Marka", "", "Dhanaane", "1.91", "44.92", "1", "Radio X", "n"),
        ("X4", "2023-02-01", "2023", "Somalia", "Lower Shabelle", "Marka", "", "Dhanaane", "1.9104", "44.9201", "1", "Radio X", "n"),
        ("X5", "2023-02-01", "2023", "Somalia", "Bay", "Baidoa", "", "Baidoa", "not-a-number", "43.6", "1", "Radio X", "n"),
        ("X6", "2023-02-01", "2023", "Atlantis", "A", "B", "", "Poseidonia", "1.0", "1.0", "1", "Radio X", "n"),
    ])
    cc = {"Somalia": "SO"}.get
    places = build_places(read_export(f), cc)
    # two distinct points (rows of one point aggregate); bad coordinates and unknown countries skipped
    assert [(p.name, p.events, p.geo_precision) for p in places] == [("Dhanaane", 1, 1), ("Dhanaane", 1, 1),
                                                                       ("Qoryooley", 2, 1)]
    # the later name of a renamed unit replaces the earlier one everywhere it was used
    assert {p.admin1 for p in places} == {"Lower Shabelle"}
    out = tmp_path / "places.tsv.gz"
    write_places(places, out)
    assert read_places(out) == places
    import gzip

    text = gzip.open(out, "rt", encoding="utf-8").read()
    assert "secret" not in text and "X1" not in text and "2019" not in text


def test_coded_places_add_villages_and_acled_admin_names(tmp_path):
    from strife.resolve.coded_places import CodedPlace

    g = Gazetteer()
    assert g.resolve("Qaryat Imaginaria", "SY") is None
    n = g.add_coded_places([CodedPlace("Qaryat Imaginaria", "SY", "Idleb", "Harim", None, 36.10, 36.60, 1, 3)])
    assert n == 1
    p = g.resolve("Qaryat Imaginaria", "SY")
    assert p.admin1 == "Idleb" and p.admin2 == "Harim" and p.geo_precision == 1
    assert km(p.latitude, p.longitude, 36.10, 36.60) < 1
    # a GeoNames town within CODED_ADMIN2_KM of it takes its admin2 in the coders' names
    near = [i for i in range(len(g.names)) if g.cc[i] == "SY" and g.kind[i] == "town" and g.gid[i]
            and km(g.lat[i], g.lon[i], 36.10, 36.60) < 8]
    assert near and all(g.adm2[i] == "Harim" for i in near)


def test_shipped_coded_places_label_admin1_in_acled_spelling(gaz):
    assert gaz.resolve("Qoryooley", "SO").admin1 == "Lower Shabelle"
    assert gaz.resolve("Thaketa", "MM").admin1 == "Yangon"
    # a border town keeps its own province where coded places of it lie around
    assert gaz.resolve("Jisr al-Shughur", "SY").admin1 == "Idleb"
    # a coded district that no town is named after is an entry of its own (precision 2)
    assert gaz.resolve("Djugu territory", "CD").geo_precision == 2


def test_container_names_pick_the_namesake_inside_them(gaz):
    assert [p.country_code for _, p in _places(gaz, "Truckers blocked a bridge in Windsor, Ontario, on Friday.")] \
        == ["CA", "CA"]
    ps = _places(gaz, "Gunmen killed two people in Qarmoun al-Sharqi, Idlib, on Monday.", "SY")
    assert [(p.kind, p.geo_precision) for _, p in ps] == [("admin1", 3)]  # the province, not Idlib city


def test_outlets_of_one_country_give_the_report_country(gaz):
    from strife.models import Document
    from strife.resolve.stage import document_country

    text = "Students staged a protest against the increase in hostel fees."
    assert document_country(Document("a", text), gaz) is None
    assert document_country(Document("b", text, outlet="Ada Derana"), gaz) == "LK"
    assert document_country(Document("c", text, outlet="Reuters"), gaz) is None


@pytest.mark.slow  # builds the index in an empty cache dir (a minute or more)
def test_cli_imports_a_coded_export(tmp_path, monkeypatch):
    import subprocess
    import sys

    f = _write_export(tmp_path / "mine.csv", [
        ("Z1", "2023-02-01", "2023", "Syria", "Idleb", "Harim", "", "Qaryat Imaginaria", "36.10", "36.60", "1", "S", "n")])
    env = {**__import__("os").environ, "STRIFE_DATA_DIR": str(tmp_path / "data"), "STRIFE_CACHE_DIR": str(tmp_path / "cache")}
    r = subprocess.run([sys.executable, "-m", "strife", "gazetteer", "import", "--acled", str(f)], env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "imported 1 coded places" in r.stderr
    written = list((tmp_path / "data" / "gazetteer").glob("*.coded.tsv.gz"))
    assert len(written) == 1
    g = Gazetteer(extra_files=written)
    assert g.resolve("Qaryat Imaginaria", "SY").admin1 == "Idleb"
    bad = tmp_path / "notes.csv"
    bad.write_text("id,text\n1,hello\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "strife", "gazetteer", "import", "--acled", str(bad)], env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode != 0 and "not an ACLED export" in r.stderr


def test_an_article_inside_a_multiword_name_is_folded_away(gaz):
    # "el"/"ar" stand as words of their own inside the name; the index keys the name without them
    ps = _places(gaz, "Gunmen shot a shopkeeper in Apaseo el Alto on Monday.", "MX")
    assert [(p.name, p.admin1) for _, p in ps] == [("Apaseo el Alto", "Guanajuato")]
    ps = _places(gaz, "A convoy was ambushed near Ar Rutba on Friday.", "IQ")
    assert ps and ps[0][1].kind == "town" and km(ps[0][1].latitude, ps[0][1].longitude, 33.04, 40.28) < 15, ps


def test_final_eh_and_ah_are_one_ending():
    assert norm("Al Hasakeh") == norm("Al-Hasakah") == norm("Hasaka")
    assert norm("Hamah") == norm("Hama")


def test_the_unit_after_a_direction_contains_the_place(gaz):
    # "in northern Idlib" names the province: a namesake or near spelling elsewhere is not the place
    ps = _places(gaz, "Militants executed two men in Zurbata village in northern Idlib.", "SY")
    assert [p.admin1 for _, p in ps] == ["Idleb"], ps


@pytest.mark.parametrize("text,cc,admin1", [
    # a district or town named as the container lies near its village, else the village is a namesake
    ("A landmine blast hurt two farmers in Kamble village (Raigad, Maharashtra).", "IN", "Maharashtra"),
    ("Residents protested in Rio Negro corregimiento (Huila) on Sunday.", "CO", "Huila"),
    ("Police dispersed stone-throwers in Srinagar, Jammu and Kashmir.", "IN", "Jammu and Kashmir"),
])
def test_a_named_container_keeps_the_place_inside_it(gaz, text, cc, admin1):
    ps = _places(gaz, text, cc)
    assert ps and all(p.admin1 == admin1 for _, p in ps), ps
    if "Srinagar" in text:
        assert ps[0][1].name == "Srinagar"


def test_a_nickname_after_alias_is_not_a_place(gaz):
    ps = _places(gaz, "A gang leader, alias 'El Conejo', was shot dead in Rosarito on Monday.", "MX")
    assert [p.name for _, p in ps] == ["Rosarito"], ps


def test_a_containing_unit_named_like_a_country_is_the_province(gaz):
    text = "Bandits looted shops in Kagara (Rafi, Niger) on Monday; Niger police said none were hurt."
    assert gaz.document_country(text, prior="NG") == "NG"


def test_a_place_named_in_the_text_outweighs_the_outlets_country(gaz):
    # a Somali outlet's note about a Kenyan camp: the camp says Kenya; a passing demonym does not
    text = "Two grenades exploded near the airstrip of Dadaab Refugee Camp overnight."
    assert gaz.document_country(text, prior="SO") == "KE"
    assert gaz.document_country("Police arrested two Somali nationals in a raid.", prior="KE") == "KE"


def test_a_country_named_for_its_nationals_votes_as_a_demonym(gaz):
    text = ("Residents of Hankey, Eastern Cape, chased Lesotho nationals from their shacks after a Lesotho "
            "national was accused; Lesotho nationals fled.")
    assert gaz.document_country(text, prior="ZA") == "ZA"


def test_a_bare_admin1_name_is_not_a_small_namesake_town_elsewhere(gaz):
    ps = _places(gaz, "Raiders stole cattle from a village in Samburu on Sunday night.", "KE")
    assert [(p.kind, p.admin1) for _, p in ps] == [("admin1", "Samburu")], ps


def test_the_countryside_of_a_province_contains_the_place(gaz):
    ps = _places(gaz, "Gunmen shot a guard near al-Qasrah village in the southern countryside of Raqqa.", "SY")
    assert ps and all(p.admin1 == "Ar Raqqa" for _, p in ps), ps


@pytest.mark.parametrize("text, town", [
    ("Police dispersed a sit-in held in front of the Cathedral of Tegucigalpa on Sunday.", "Tegucigalpa"),
    ("Traders marched from the central market to the Mombasa Police Station on Tuesday.", "Mombasa"),
    ("Students gathered outside the Hospital of Cochabamba to demand vaccines.", "Cochabamba"),
])
def test_a_building_named_for_its_town_places_the_happening_there(gaz, text, town):
    # _PLACE_PRECEDERS / _PLACE_FOLLOWERS: "the Cathedral of X", "X Police Station" name a building of
    # the town X, not a longer name that hides the place
    assert town in [m.place.name for m in gaz.find_places(text)]


def test_a_province_after_a_town_and_a_comma_is_the_province(gaz):
    # _province_after_town: "Saraqib, Idlib" names the town and its province, not Idlib city too
    found = [(m.place.name, m.place.kind) for m in gaz.find_places("Drones struck a bakery in Saraqib, Idlib "
                                                                    "on Monday.")]
    assert ("Saraqib", "town") in found and all(kind != "town" for name, kind in found if name != "Saraqib")


def test_a_weapon_named_for_a_man_is_no_place(gaz):
    # "Molotov" is an old name of Perm in GeoNames; in reports it is a petrol bomb (_COMMON)
    found = [m.place.name for m in gaz.find_places("Youths threw Molotov cocktails at a police post in "
                                                   "Mombasa on Friday.")]
    assert found == ["Mombasa"]


def test_a_spelling_guess_far_from_the_places_named_is_dropped(gaz):
    # _stray_guess: a village the gazetteer lacks, told beside towns it knows, is not a namesake-like
    # spelling of a town at the other end of the country
    found = {m.place.name for m in gaz.find_places("Militants clashed with soldiers in Marrkade village near "
                                                   "Balade village (Bossaso, Bari) on Monday.")}
    assert {"Balade", "Bosaso"} <= found and not any(n.lower().startswith("marc") for n in found)


def test_a_village_of_a_district_leaves_the_district_named(gaz):
    # "X of Y district": Y is a place though a capitalized word and "of" come before it, because a unit
    # word follows (a longer name, "University of Y", has none)
    found = [m.place.name for m in gaz.find_places("A roadside bomb killed two policemen in Shinkai of "
                                                   "Kandahar district on Friday.")]
    assert any(n.startswith("Kandah") for n in found)


def test_a_province_named_by_its_compass_point(gaz):
    # a compass point told as one word or two is one name; it names a province only before "region" or
    # "province", and only of the document's country (every country has its north)
    assert norm("Northwest") == norm("North-West") == norm("North West")

    def found(text, hint):
        return [(m.place.name, m.place.country_code, m.place.kind) for m in gaz.find_places(text, hint)]

    assert found("Soldiers were ambushed in the Northwest region on Tuesday.", "CM") == [("Nord-Ouest", "CM", "admin1")]
    assert found("Schools stayed shut in the Northwest and Southwest regions.", "CM") == [
        ("Nord-Ouest", "CM", "admin1"), ("Sud-Ouest", "CM", "admin1")]
    assert found("Rebels were seen in the Northwestern Province.", "ZM") == [("North-Western", "ZM", "admin1")]
    # Kenya names no province "Central" today: not Uganda's, nor anyone's
    assert found("Youths clashed with police in Nyeri, Central Province.", "KE") == [("Nyeri", "KE", "town")]
    assert found("Fighting went on in the Northern region.", "SY") == []
    assert found("The convoy drove northwest towards the border.", "CM") == []


def test_an_article_in_a_hyphened_run_begins_the_next_name(gaz):
    # "the Homs-Al-Qusayr road" names Homs and Al-Qusayr; an "Al" left on the first would make a place
    # "Homs-Al" out of nothing
    found = [(m.surface, m.place.name) for m in gaz.find_places("Gunmen stopped cars on the Homs-Al-Qusayr road.", "SY")]
    assert found[0] == ("Homs", "Homs") and found[1][0] == "Al-Qusayr"
    assert [m.surface for m in gaz.find_places("Herders fled the Pokot-Turkana border.", "KE")] == ["Turkana"]


def test_places_are_written_as_acled_spells_them(gaz):
    # GeoNames keeps a scholarly transliteration's marks; ACLED writes the plain letters, and keeps a
    # language's own accents
    from strife.resolve.gazetteer import acled_spelling

    assert acled_spelling("Jalālābād") == "Jalalabad"
    assert acled_spelling("Ḩamāh") == "Hamah" and acled_spelling("Al ‘Ashārah") == "Al Asharah"
    assert acled_spelling("Mocímboa da Praia") == "Mocímboa da Praia" and acled_spelling("Şırnak") == "Şırnak"
    (m,) = gaz.find_places("Shelling hit Jalalabad on Monday.", "AF")
    assert m.place.name == "Jalalabad"
    assert all(acled_spelling(m.place.name) == m.place.name
               for m in gaz.find_places("Jets struck Hama, Ariha and Sarmin.", "SY"))


def test_a_plural_acronym_is_no_place(gaz):
    # "MPs", "IDPs", "NGOs": people or bodies, never a town that has the capitals as an alias
    assert gaz.find_places("Youths heckled MPs at a rally over the new tax law.", None) == []
    assert [m.surface for m in gaz.find_places("IDPs fled Goma on Monday.", None)] == ["Goma"]



@pytest.mark.parametrize("sentence, town", [
    # a town and its division written without a comma: two places, not one longer name
    ("Soldiers clashed with separatists in Kumbo Bui Division on Monday.", "Kumbo"),
    ("Fighting was reported in Kapenguria West Pokot County on Monday.", "Kapenguria"),
])
def test_a_town_before_its_unit_without_a_comma_is_found(gaz, sentence, town):
    assert town in [pm.place.name for pm in gaz.find_places(sentence)]


def test_a_longer_name_that_is_not_a_town_and_unit_stays_unread(gaz):
    # "Kenya Institute" is one name, not Kenya then a unit
    assert "Nairobi" in [pm.place.name for pm in gaz.find_places("He studied at the Kenya Institute of "
                                                                 "Mass Communication in Nairobi County.")]
    assert [pm.place.name for pm in gaz.find_places("He joined the Mandera Peace Committee on Monday.")] == []
