"""Actor resolution: phrases, sentences, claimants and sides, across several conflicts."""
from __future__ import annotations


import pytest

from strife.models import Actor
from strife.resolve.actors import ActorMatch, ActorResolver


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()


MOT = "Military Forces of Turkey"
MOS = "Military Forces of Syria"
MOR = "Military Forces of Russia"

# (phrase, report country, expected name, expected inter, expected assoc)
PHRASES = [
    # --- Syria (the seeds) ---
    ("At least 20 Syrian regime soldiers", "SY", MOS, 1, None),
    ("the Turkey-backed forces", "SY", "Syrian National Army", 2, MOT),
    ("Turkish-backed opposition fighters", "SY", "Syrian National Army", 2, MOT),
    ("Turkish-backed National Army", "SY", "Syrian National Army", 2, MOT),
    ("the opposition", "SY", "Opposition Rebels (Syria)", 2, None),  # armed, in Syria's war
    ("suspected Somali pirates", "KE", "Unidentified Armed Group (Kenya)", 3, None),  # crime, not a people's militia
    ("Bashar Assad's forces", "SY", MOS, 1, None),
    ("Assad's army", "SY", MOS, 1, None),
    ("Russian Su-24 bombers", "SY", MOR, 8, None),
    ("the Russian airstrikes", "SY", MOR, 8, None),
    ("Russian planes", "SY", MOR, 8, None),
    ("Turkish soldiers", "SY", MOT, 8, None),
    ("Turkey's troops", "SY", MOT, 8, None),
    ("the Turkish army", "SY", MOT, 8, None),
    ("Turkish drones", "SY", MOT, 8, None),
    ("The Turkish Defense Ministry", "SY", MOT, 8, None),
    ("regime forces", "SY", MOS, 1, None),
    ("regime troops", "SY", MOS, 1, None),
    ("the regime", "SY", MOS, 1, None),
    ("the Syrian regime", "SY", MOS, 1, None),
    ("government forces", "SY", MOS, 1, None),
    ("a regime outpost", "SY", MOS, 1, None),
    ("Russian-backed Syrian forces", "SY", MOS, 1, MOR),
    ("the Russian-backed regime", "SY", MOS, 1, MOR),
    ("rebel commander", "SY", "Opposition Rebels (Syria)", 2, None),
    ("opposition fighters", "SY", "Opposition Rebels (Syria)", 2, None),
    ("the militants", "SY", "Opposition Rebels (Syria)", 2, None),
    ("the key National Army unit", "SY", "Syrian National Army", 2, None),
    ("the National Liberation Front", "SY", "NLF: National Front for Liberation", 2, None),
    ("NLF fighters", "SY", "NLF: National Front for Liberation", 2, None),
    ("Hayat Tahrir al-Sham", "SY", "HTS: Hayat Tahrir al-Sham", 2, None),
    ("HTS militants", "SY", "HTS: Hayat Tahrir al-Sham", 2, None),
    ("Kurdish-led Syrian Democratic Forces", "SY", "SDF: Syrian Democratic Forces", 2, None),
    ("ISIS militants", "SY", "Islamic State (Syria)", 2, None),
    ("fleeing civilians", "SY", "Civilians (Syria)", 7, None),
    ("unidentified warplanes", "SY", "Unidentified Military Forces", 8, None),
    # --- Kenya ---
    ("Al-Shabaab militants", "KE", "Al Shabaab", 2, None),
    ("suspected al-Shabab fighters", "KE", "Al Shabaab", 2, None),
    ("a mob", "KE", "Rioters (Kenya)", 5, None),
    ("irate youths", "KE", "Rioters (Kenya)", 5, None),
    ("angry residents", "KE", "Rioters (Kenya)", 5, None),
    ("unknown gunmen", "KE", "Unidentified Armed Group (Kenya)", 3, None),
    ("bandits", "KE", "Unidentified Armed Group (Kenya)", 3, None),
    ("militants", "KE", "Unidentified Armed Group (Kenya)", 3, None),
    ("police officers", "KE", "Police Forces of Kenya", 1, None),
    ("Kenyan police", "KE", "Police Forces of Kenya", 1, None),
    ("GSU officers", "KE", "Police Forces of Kenya", 1, None),
    ("AP officers", "KE", "Police Forces of Kenya", 1, None),
    ("KDF soldiers", "KE", "Military Forces of Kenya", 1, None),
    ("Pokot raiders", "KE", "Pokot Ethnic Militia (Kenya)", 4, None),
    ("Turkana attackers", "KE", "Turkana Ethnic Militia (Kenya)", 4, None),
    ("Somali gunmen", "KE", "Somali Ethnic Militia (Kenya)", 4, None),
    ("cattle rustlers", "KE", "Unidentified Communal Militia (Kenya)", 4, None),
    ("Mungiki members", "KE", "Mungiki Militia", 3, None),
    ("the Mombasa Republican Council", "KE", "MRC: Mombasa Republican Council", 3, None),
    ("SLDF militia", "KE", "SLDF: Sabaot Land Defence Force", 3, None),
    ("demonstrators", "KE", "Protesters (Kenya)", 6, None),
    ("students", "KE", "Civilians (Kenya)", 7, "Students (Kenya)"),
    ("villagers", "KE", "Civilians (Kenya)", 7, None),
    ("security guards", "KE", "Private Security Forces (Kenya)", 8, None),
    ("Ugandan troops", "KE", "Military Forces of Uganda", 8, None),
    # --- Nigeria ---
    ("Boko Haram insurgents", "NG", "Boko Haram - JAS", 2, None),
    ("ISWAP fighters", "NG", "ISWAP: Islamic State West Africa Province", 2, None),
    ("Islamic State fighters", "NG", "ISWAP: Islamic State West Africa Province", 2, None),
    ("Fulani herdsmen", "NG", "Fulani Ethnic Militia (Nigeria)", 4, None),
    ("Nigerian troops", "NG", "Military Forces of Nigeria", 1, None),
    ("armed bandits", "NG", "Unidentified Armed Group (Nigeria)", 3, None),
    ("worshippers", "NG", "Civilians (Nigeria)", 7, None),
    # --- Somalia ---
    ("Somali soldiers", "SO", "Military Forces of Somalia", 1, None),
    ("SNA troops", "SO", "Military Forces of Somalia", 1, None),
    ("Somali gunmen", "SO", "Unidentified Armed Group (Somalia)", 3, None),
    ("AMISOM peacekeepers", "SO", "AMISOM: African Union Mission in Somalia", 8, None),
    ("Hawiye clan militia", "SO", "Hawiye Clan Militia (Somalia)", 4, None),
    ("clan militias", "SO", "Unidentified Clan Militia (Somalia)", 4, None),
    # --- Yemen ---
    ("Houthi rebels", "YE", "Military Forces of Yemen (2016-) Supreme Political Council", 1, None),
    ("Saudi-led coalition", "YE", "Military Forces of Saudi Arabia", 8, None),
    ("coalition warplanes", "YE", "Military Forces of Saudi Arabia", 8, None),
    ("Iran-backed militias", "YE", "Military Forces of Yemen (2016-) Supreme Political Council", 1, "Military Forces of Iran"),
    ("AQAP militants", "YE", "AQAP: Al Qaeda in the Arabian Peninsula", 2, None),
    # --- Ukraine ---
    ("Russian forces", "UA", MOR, 8, None),
    ("Ukrainian troops", "UA", "Military Forces of Ukraine", 1, None),
    ("Russian-backed separatists", "UA", "Opposition Rebels (Ukraine)", 2, MOR),
    ("Wagner mercenaries", "UA", "Wagner Group", 8, None),
    # --- Mali / Sahel ---
    ("JNIM militants", "ML", "JNIM: Group for Support of Islam and Muslims", 2, None),
    ("Malian soldiers", "ML", "Military Forces of Mali", 1, None),
    ("FAMa", "ML", "Military Forces of Mali", 1, None),
    ("jihadists", "ML", "Unidentified Armed Group (Mali)", 3, None),
    ("Dozo hunters", "ML", "Dozo Ethnic Militia (Mali)", 4, None),
    ("UN peacekeepers", "ML",
     "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 8, None),
    ("Islamic State in the Greater Sahara", "ML", "Islamic State (Sahel)", 2, None),
    # --- Afghanistan / Pakistan ---
    ("Taliban fighters", "AF", "Taliban", 2, None),
    ("Afghan security forces", "AF", "Military Forces of Afghanistan", 1, None),
    ("Pakistani Taliban", "PK", "TTP: Tehreek-i-Taliban Pakistan", 2, None),
    ("ISKP militants", "AF", "ISKP: Islamic State Khorasan Province", 2, None),
    ("U.S. drones", "AF", "Military Forces of the United States", 8, None),
    # --- elsewhere ---
    ("M23 rebels", "CD", "M23: March 23 Movement", 2, None),
    ("Rwanda-backed rebels", "CD", "M23: March 23 Movement", 2, "Military Forces of Rwanda"),
    ("RSF paramilitaries", "SD", "RSF: Rapid Support Forces", 2, None),
    ("Sudanese army", "SD", "Military Forces of Sudan", 1, None),
    ("pro-government militia", "SD", "Pro-Government Militia (Sudan)", 3, "Military Forces of Sudan"),
    ("Hamas gunmen", "IL", "Hamas", 2, None),
    ("Israeli troops", "PS", "Military Forces of Israel", 8, None),
    ("Fano militiamen", "ET", "Fano", 3, None),
    ("Haftar's forces", "LY", "LNA: Libyan National Army", 2, None),
    ("Ambazonian separatists", "CM", "Ambazonian Separatists", 2, None),
    ("ADF rebels", "CD", "ADF: Allied Democratic Forces", 2, None),
    ("ADF fighters", "CM", "Ambazonian Separatists", 2, None),
    ("Chadian National Army", "SY", "Military Forces of Chad", 8, None),
]


@pytest.mark.parametrize("phrase,cc,name,inter,assoc", PHRASES)
def test_resolve_phrase(r, phrase, cc, name, inter, assoc):
    actor = r.resolve(phrase, cc)
    assert actor is not None, phrase
    assert (actor.name, actor.inter, actor.assoc) == (name, inter, assoc)


@pytest.mark.parametrize("phrase,cc", [
    ("the town", "SY"), ("equipment", "SY"), ("the outpost", "SY"), ("Turkish border", "SY"),
    ("drones", "SY"), ("the Defense Ministry", "SY"), ("President", "SY"), ("spokesman", "SY"),
    ("the Syrian Observatory for Human Rights", "SY"), ("Iranian-made drones", "YE"), ("", "KE"),
    ("let us go", "KE"), ("the state of emergency", "KE"), ("five tanks", None),
    # political opposition and family factions are not rebels outside a civil war's context
    ("the opposition", "KE"), ("opposition MP", "KE"), ("two rival factions", "KE"),
])
def test_resolve_none(r, phrase, cc):
    assert r.resolve(phrase, cc) is None


def test_resolve_country_fields(r):
    a = r.resolve("Turkish soldiers", "SY")
    assert a.country_code == "TR"
    b = r.resolve("Al Shabaab", "KE")
    assert b.country_code == "SO"
    c = r.resolve("unknown gunmen", "KE")
    assert c.country_code == "KE"


def test_same_force_own_country_is_inter_1(r):
    assert r.resolve("Turkish soldiers", "TR").inter == 1
    assert r.resolve("Turkish soldiers", "SY").inter == 8
    assert r.resolve("Turkish soldiers").inter == 1


def test_no_country_context(r):
    assert r.resolve("civilians").name == "Civilians"
    assert r.resolve("unknown gunmen").name == "Unidentified Armed Group"
    assert r.resolve("soldiers").name == "Unidentified Military Forces"
    # police of a state not yet known: kept as state forces, named once the run's country is known
    police = r.resolve("police")
    assert (police.name, police.inter, police.country_code) == ("Police Forces", 1, None)
    assert r.resolve("Kenyan police").name == "Police Forces of Kenya"


@pytest.mark.parametrize("text,expected", [
    # a people's name with a group word, or standing alone as a side, is that people's militia
    ("Members of the Orma and Pokomo communities clashed near the river.",
     ["Orma Ethnic Militia (Kenya)", "Pokomo Ethnic Militia (Kenya)"]),
    ("Turkana raiders struck at dawn.", ["Turkana Ethnic Militia (Kenya)"]),
    ("Fighting between Borana and Somalis left three dead.",
     ["Borana Ethnic Militia (Kenya)", "Somali Ethnic Militia (Kenya)"]),
    ("Rival ethnic groups fought over a water point.", ["Unidentified Ethnic Militia (Kenya)"]),
    # ... but a people's name that is a place's name, in place position, is not an actor
    ("Gunmen attacked a bus in Turkana on Sunday.", ["Unidentified Armed Group (Kenya)"]),
    ("Three herders were shot near the Samburu border.", ["Civilians (Kenya)"]),
    ("Police officers were sent to Turkana, Samburu and Baringo counties.", ["Police Forces of Kenya"]),
    # a group word alone names no people
    ("The community was attacked by gunmen.", ["Unidentified Armed Group (Kenya)"]),
])
def test_peoples_and_their_militias(r, text, expected):
    assert [m.actor.name for m in r.find_actors(text, "KE")] == expected


def test_case_sensitive_acronyms(r):
    assert r.resolve("IS fighters", "IQ").name == "Islamic State (Iraq)"
    assert r.resolve("is fighters", "IQ").name == "Unidentified Armed Group (Iraq)"
    assert r.resolve("AP officers", "SY") is None  # Administration Police only in Kenya
    assert r.resolve("U.S. troops", "SY").name == "Military Forces of the United States"


def test_spelling_variants_fold(r):
    names = {r.resolve(p, "SO").name for p in ("al-Shabaab", "Al Shabaab", "al-Shabab", "AL-SHABAAB", "Shabaab")}
    assert names == {"Al Shabaab"}
    assert r.resolve("Hay\u2019at Tahrir al-Sham", "SY").name == "HTS: Hayat Tahrir al-Sham"
    assert r.resolve("Bashar al-Assad\u2019s troops", "SY").name == MOS


def test_al_shabaab_in_mozambique_is_islamic_state(r):
    assert r.resolve("al-Shabaab insurgents", "MZ").name == "Islamic State (Mozambique)"


def test_ethnic_victims_are_civilians_with_group(r):
    a = r.resolve("Pokot villagers", "KE")
    assert (a.name, a.inter, a.assoc) == ("Civilians (Kenya)", 7, "Pokot Ethnic Group (Kenya)")


# ---------------------------------------------------------------------------------------- sentences

def _found(matches: list[ActorMatch]) -> list[tuple[str, str]]:
    return [(m.surface, m.actor.name) for m in matches]


def test_find_actors_in_a_report_sentence(r):
    s = ("Eight Syrian regime soldiers died on Monday when the Turkey-backed forces shelled their post "
         "near Afrin, a rebel commander said.")
    ms = r.find_actors(s, "SY")
    assert _found(ms) == [
        ("Syrian regime soldiers", MOS),
        ("Turkey-backed forces", "Syrian National Army"),
        ("rebel commander", "Opposition Rebels (Syria)"),
    ]
    assert ms[1].actor.assoc == MOT
    for m in ms:
        assert s[m.start:m.end] == m.surface


def test_find_actors_skips_monitors_and_stops_at_commas(r):
    s = ("The Syrian regime, backed by Russian air strikes, presses on, the Syrian Observatory "
         "for Human Rights said.")
    assert _found(r.find_actors(s, "SY")) == [("Syrian regime", MOS), ("Russian air strikes", MOR)]


def test_find_actors_spokesman_and_unit(r):
    s = ("Captain Naji Mustafa, spokesman for the National Liberation Front, said the key National "
         "Army unit had destroyed a regime outpost.")
    assert _found(r.find_actors(s, "SY")) == [
        ("National Liberation Front", "NLF: National Front for Liberation"),
        ("National Army unit", "Syrian National Army"),
        ("regime outpost", MOS),
    ]


def test_find_actors_kenya(r):
    s = "Unknown gunmen shot dead two police officers and a herder in Baragoi, Samburu."
    ms = r.find_actors(s, "KE")
    assert [(m.actor.name, m.actor.inter) for m in ms] == [
        ("Unidentified Armed Group (Kenya)", 3), ("Police Forces of Kenya", 1), ("Civilians (Kenya)", 7)]
    assert ms[2].actor.assoc == "Pastoralists (Kenya)"


def test_find_actors_somalia(r):
    s = "Al-Shabaab militants attacked an AMISOM base near Afgoye, killing three Somali soldiers."
    assert _found(r.find_actors(s, "SO")) == [
        ("Al-Shabaab militants", "Al Shabaab"),
        ("AMISOM base", "AMISOM: African Union Mission in Somalia"),
        ("Somali soldiers", "Military Forces of Somalia"),
    ]


def test_find_actors_nigeria(r):
    s = "Boko Haram insurgents killed 12 farmers in Borno before Nigerian troops repelled them."
    ms = r.find_actors(s, "NG")
    assert _found(ms) == [("Boko Haram insurgents", "Boko Haram - JAS"), ("farmers", "Civilians (Nigeria)"),
                          ("Nigerian troops", "Military Forces of Nigeria")]
    assert ms[1].actor.assoc == "Farmers (Nigeria)"


def test_find_actors_yemen_and_ukraine(r):
    s = "Saudi-led coalition airstrikes hit Houthi positions in Marib."
    assert _found(r.find_actors(s, "YE")) == [
        ("Saudi-led coalition airstrikes", "Military Forces of Saudi Arabia"), ("Houthi positions", "Military Forces of Yemen (2016-) Supreme Political Council")]
    s = "Ukrainian troops repelled an assault by Russian forces near Bakhmut, Kyiv said."
    assert _found(r.find_actors(s, "UA")) == [
        ("Ukrainian troops", "Military Forces of Ukraine"), ("Russian forces", MOR)]


def test_find_actors_mali_afghanistan(r):
    s = "JNIM militants ambushed a convoy of Malian soldiers and Wagner mercenaries near Mopti."
    assert [m.actor.name for m in r.find_actors(s, "ML")] == [
        "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali", "Wagner Group"]
    s = "Taliban fighters attacked a checkpoint manned by Afghan police in Kunduz."
    assert [m.actor.name for m in r.find_actors(s, "AF")] == ["Taliban", "Police Forces of Afghanistan"]


def test_find_actors_empty(r):
    assert r.find_actors("The weather was fine on Tuesday.", "KE") == []
    assert r.find_actors("", "KE") == []


# ---------------------------------------------------------------------------------------- claimants

@pytest.mark.parametrize("claimant,cc,name", [
    ("the Turkish Defense Ministry", "SY", MOT),
    ("Turkey's defence ministry", "SY", MOT),
    ("state news agency SANA", "SY", "Government of Syria"),
    ("a rebel commander", "SY", "Opposition Rebels (Syria)"),
    ("Captain Naji Mustafa, spokesman for the National Liberation Front", "SY", "NLF: National Front for Liberation"),
    ("The Russian military", "SY", MOR),
    ("Kenya police spokesman", "KE", "Police Forces of Kenya"),
    ("Ankara", "SY", "Government of Turkey"),
    ("Erdogan", "SY", "Government of Turkey"),
    ("Al-Shabaab's military operations spokesman", "SO", "Al Shabaab"),
    ("the Houthi-run Al-Masirah TV", "YE", "Military Forces of Yemen (2016-) Supreme Political Council"),
    ("Nigerian army spokesman", "NG", "Military Forces of Nigeria"),
    ("the Kremlin", "UA", "Government of Russia"),
])
def test_claimant_party(r, claimant, cc, name):
    a = r.claimant_actor(claimant, cc)
    assert a is not None and a.name == name


@pytest.mark.parametrize("claimant,cc", [
    ("the Syrian Observatory for Human Rights", "SY"), ("SOHR", "SY"), ("the United Nations", "SY"),
    ("Reuters", "SY"), ("AFP", "SY"), ("residents", "KE"), ("witnesses", "KE"), ("hospital officials", "SY"),
    ("Human Rights Watch", "KE"), ("a doctor", "SY"), ("the Kenya Red Cross", "KE"),
])
def test_claimant_neutral(r, claimant, cc):
    assert r.claimant_actor(claimant, cc) is None


def test_claimant_is_party_via_side(r):
    """The lead's use: is the claimant a party to the fight between actor1 and actor2?"""
    actor1 = r.resolve("the Turkey-backed forces", "SY")
    actor2 = r.resolve("Syrian regime soldiers", "SY")
    sides = {r.side_of(actor1), r.side_of(actor1.assoc), r.side_of(actor2)}
    assert r.side_of(r.claimant_actor("the Turkish Defense Ministry", "SY")) in sides
    assert r.side_of(r.claimant_actor("rebel commander", "SY")) in sides
    assert r.side_of(r.claimant_actor("state news agency SANA", "SY")) in sides


# ---------------------------------------------------------------------------------------- sides

@pytest.mark.parametrize("name,side", [
    ("Military Forces of Syria", "SY"),
    ("Government of Syria", "SY"),
    ("Police Forces of Kenya (2013-)", "KE"),
    ("Police Forces of Kenya (2013-) General Service Unit", "KE"),
    ("Military Forces of Kenya (2002-2013)", "KE"),
    ("Military Forces of South Sudan", "SS"),
    ("Military Forces of Sudan", "SD"),
    ("Military Forces of the United States", "US"),
    ("Military Forces of Democratic Republic of Congo", "CD"),
    ("NLF: National Front for Liberation", "Syrian opposition"),
    ("Syrian National Army", "Syrian opposition"),
    ("Opposition Rebels (Syria)", "Syrian opposition"),
    ("Islamic State (Iraq)", "Islamic State"),
    ("ISWAP: Islamic State West Africa Province", "Islamic State"),
    ("Al Shabaab", "Al Shabaab"),
    ("Pro-Government Militia (Sudan)", "SD"),
    ("Civilians (Kenya)", "Civilians (Kenya)"),
])
def test_side_of(r, name, side):
    assert r.side_of(name) == side


def test_side_of_accepts_actor(r):
    assert r.side_of(Actor("Military Forces of Turkey", 8, "TR")) == "TR"
    assert r.side_of(r.resolve("Turkish soldiers", "SY")) == r.side_of(r.claimant_actor("Ankara", "SY"))
    assert r.side_of("HTS: Hayat Tahrir al-Sham") != r.side_of("SDF: Syrian Democratic Forces")


# ---------------------------------------------------------------------------------------- the data

def test_every_country_has_state_templates(r):
    assert len(r.country_name) > 240
    for cc, name in [("SY", "Syria"), ("TR", "Turkey"), ("RU", "Russia"), ("IR", "Iran"), ("KE", "Kenya"),
                     ("CD", "Democratic Republic of Congo"), ("PS", "Palestine"), ("CI", "Ivory Coast")]:
        assert r.country_name[cc] == name
        assert r.generic("civilians", cc).name == f"Civilians ({name})"
    assert r.generic("military", "TD").name == "Military Forces of Chad"
    assert r.generic("police", "KE").name == "Police Forces of Kenya"
    assert r.generic("government", "SY").name == "Government of Syria"
    assert r.generic("protesters", "KE", "Students (Kenya)") == Actor("Protesters (Kenya)", 6, "KE", "Students (Kenya)")


def test_at_least_sixty_named_groups(r):
    assert len(r.groups_by_name) >= 60


def test_default_is_cached_and_resolve_returns_copies(r):
    assert ActorResolver.default() is r
    a = r.resolve("Turkish soldiers", "SY")
    a.assoc = "changed"
    assert r.resolve("Turkish soldiers", "SY").assoc is None


def test_a_groups_acronym_holds_near_home_and_where_acled_coded_it():
    # letters are shared across the world: Colombia's "EMC" is a Syrian town's emergency centre
    r = ActorResolver.default()
    names = lambda text, cc: [m.actor.name for m in r.find_actors(text, cc)]
    assert "FARC Dissidents" not in names("The Idlib EMC said missiles struck the town.", "SY")
    assert "FARC Dissidents" in names("EMC fighters attacked a police station.", "CO")
    assert "FARC Dissidents" in names("EMC fighters attacked a police station.", None)  # no country known
    assert "HTS: Hayat Tahrir al-Sham" in names("HTS fighters shelled a village.", "TR")  # a neighbour
    # the full name holds anywhere
    assert "FARC Dissidents" in names("Estado Mayor Central fighters were seen at the border.", "VE")
