"""Actor knowledge learned from coded rows: the builder on rows made up here, and the resolver with the
packaged list (acled_actors.tsv) on sentences written for these tests."""
from __future__ import annotations

import pytest

from strife.resolve.actor_knowledge import build_actor_knowledge, read_tsv, write_tsv
from strife.resolve.actors import LEARNED_PATH, ActorResolver


def row(country, actor1, inter1, actor2="", inter2="", assoc1="", assoc2="", notes=""):
    return {"country": country, "actor1": actor1, "inter1": str(inter1), "actor2": actor2,
            "inter2": str(inter2), "assoc_actor_1": assoc1, "assoc_actor_2": assoc2, "notes": notes}


# Invented groups in real countries; each line one coded event.
ROWS = (
    [row("Mali", "FLX: Front for the Liberation of Xandria", 2, "Civilians (Mali)", 7,
         notes="FLX fighters attacked a village; police arrived later.")] * 3
    + [row("Mali", "FLX: Front for the Liberation of Xandria", 3, "Military Forces of Mali (2021-)", 1)]
    + [row("Niger", "Civilians (Niger)", 7, "Rioters (Niger)", 5)]
    + [row("Chad", "Civilians (Chad)", 7, "Police", 1), row("Chad", "Police", 1)]
    # "RDU" names two different groups coded in Chad as often: ambiguous there, so dropped for both
    + [row("Chad", "RDU: Rally for Democratic Unity", 3), row("Chad", "RDU: Riverine Defence Union", 3)]
    # the same short name in two countries: each keeps it in its own country
    + [row("Ghana", "KVM: Kumasi Vigilance Movement", 3), row("Togo", "KVM: Kara Valley Militia", 4)]
    # an associated-only union, always beside protesters; and a regiment beside the state's forces
    + [row("Niger", "Protesters (Niger)", 6, assoc1="NTU: Niamey Teachers Union")] * 2
    + [row("Niger", "Military Forces of Niger (2023-)", 1, assoc1="Desert Lancers Regiment")] * 2
    + [row("Niger", "Military Forces of Niger (2023-) Sahel Rapid Battalion", 1), row("Niger", "NA", "")]
    # a double name and one of its halves coded alone: the half's whole name keeps its short name
    + [row("Sudan", "DMA/DMF: Darfur Mountain Alliance/Darfur Mountain Front", 2),
       row("Sudan", "DMF: Darfur Mountain Front", 2)]
    # a qualifier in parentheses is no short name; "(Ghana)" is the country
    + [row("Ghana", "Militia (Pro-Government)", 3), row("Ghana", "Tamale Youth Vanguard (TYV) (Ghana)", 4)]
    # names ACLED joins: two groups when the coder could not tell which, and a parent's local faction
    + [row("Mali", "Sahel Patriotic Front", 2, notes="SPF or FLX fighters burned a school.")]
    + [row("Mali", "FLX: Front for the Liberation of Xandria and/or Sahel Patriotic Front", 2)]
    + [row("Mali", "Front for the Liberation of Xandria - Gao", 3),
       row("Mali", "Front for the Liberation of Xandria - some northern cells", 3)]
    # short names the notes use: initials of a name, and one defined beside the state's army
    + [row("Mali", "Sahel Patriotic Front", 2, notes="SPF fighters burned a school.")] * 2
    + [row("Mali", "Military Forces of Mali (2021-)", 1,
           notes="The Mali Defence Corps (MDC) patrolled the road.")] * 2
)


@pytest.fixture(scope="module")
def records():
    return {r["name"]: r for r in build_actor_knowledge(ROWS)}


def test_builder_codes_names_with_their_most_frequent_inter(records):
    flx = records["FLX: Front for the Liberation of Xandria"]
    assert (flx["inter"], flx["countries"], flx["count"]) == (2, ["Mali"], 4)
    assert flx["aliases"] == ["FLX", "Front for the Liberation of Xandria"]
    assert "NA" not in records  # an export's empty cell is no actor


def test_builder_strips_years_and_names_state_units(records):
    assert "Sahel Rapid Battalion" in records["Military Forces of Niger (2023-) Sahel Rapid Battalion"]["aliases"]
    assert records["Military Forces of Niger (2023-)"]["aliases"] == []  # the templates name state forces


def test_builder_drops_categories_common_words_and_ambiguous_aliases(records):
    assert records["Civilians (Mali)"]["aliases"] == []  # "Civilians (X)" in three countries: a category
    assert records["Police"]["aliases"] == []  # written "police" in the notes: a common word
    assert "RDU" not in records["RDU: Rally for Democratic Unity"]["aliases"]
    assert "RDU" not in records["RDU: Riverine Defence Union"]["aliases"]
    assert "Rally for Democratic Unity" in records["RDU: Rally for Democratic Unity"]["aliases"]
    assert "KVM" in records["KVM: Kumasi Vigilance Movement"]["aliases"]
    assert "KVM" in records["KVM: Kara Valley Militia"]["aliases"]


def test_builder_reads_parentheses(records):
    assert "Pro-Government" not in records["Militia (Pro-Government)"]["aliases"]
    assert {"TYV", "Tamale Youth Vanguard"} <= set(records["Tamale Youth Vanguard (TYV) (Ghana)"]["aliases"])


def test_builder_gives_a_short_name_to_the_whole_name_not_the_half(records):
    assert "DMF" in records["DMF: Darfur Mountain Front"]["aliases"]
    double = records["DMA/DMF: Darfur Mountain Alliance/Darfur Mountain Front"]["aliases"]
    assert "DMA" in double and "DMF" not in double


def test_builder_mines_note_aliases_only_when_asked(records):
    assert "SPF" not in records["Sahel Patriotic Front"]["aliases"]
    mined = {r["name"]: r["aliases"] for r in build_actor_knowledge(ROWS, note_aliases=True)}
    assert "SPF" in mined["Sahel Patriotic Front"]
    assert {"MDC", "Mali Defence Corps"} <= set(mined["Military Forces of Mali (2021-)"])


def test_builder_writes_joined_names_as_the_notes_do(records):
    either = records["FLX: Front for the Liberation of Xandria and/or Sahel Patriotic Front"]["aliases"]
    assert {"FLX or SPF", "SPF or FLX", "FLX and/or SPF"} <= set(either)  # SPF: initials its notes use
    assert {"Gao FLX", "FLX-Gao"} <= set(records["Front for the Liberation of Xandria - Gao"]["aliases"])
    cells = records["Front for the Liberation of Xandria - some northern cells"]["aliases"]
    assert not any(a.endswith("FLX") for a in cells)  # a description, not a place


def test_builder_adds_the_plural_of_an_armed_name(records):
    assert "Sahel Rapid Battalions" in records["Military Forces of Niger (2023-) Sahel Rapid Battalion"]["aliases"]
    assert "Sahel Patriotic Fronts" in records["Sahel Patriotic Front"]["aliases"]
    assert "Front for the Liberation of Xandrias" not in records["FLX: Front for the Liberation of Xandria"]["aliases"]
    assert records["NTU: Niamey Teachers Union"]["aliases"] == ["NTU", "Niamey Teachers Union"]  # associated only


def test_builder_gives_associated_names_their_side(records):
    union = records["NTU: Niamey Teachers Union"]
    assert (union["inter"], union["side"], union["with"]) == (None, 6, "Protesters (Niger)")
    assert records["Desert Lancers Regiment"]["with"] == "Military Forces of Niger (2023-)"


def test_builder_output_does_not_depend_on_row_order():
    forward = build_actor_knowledge(ROWS)
    assert build_actor_knowledge(list(reversed(ROWS))) == forward


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> ActorResolver:
    """A resolver over the list built from the made-up rows (instead of the packaged one)."""
    path = tmp_path_factory.mktemp("actors") / "acled_actors.tsv"
    records = build_actor_knowledge(ROWS)
    write_tsv(records, path)
    assert read_tsv(path) == records
    return ActorResolver(learned=path)


def names(r: ActorResolver, text: str, cc: str) -> list[tuple[str, int, str | None]]:
    return [(m.actor.name, m.actor.inter, m.actor.assoc) for m in r.find_actors(text, cc)]


def test_made_up_list_resolves_in_its_countries(made_up):
    assert names(made_up, "FLX gunmen stormed the market.", "ML") == \
        [("FLX: Front for the Liberation of Xandria", 2, None)]
    assert names(made_up, "The Kara Valley Militia and KVM members clashed.", "TG") == \
        [("KVM: Kara Valley Militia", 4, None), ("KVM: Kara Valley Militia", 4, None)]
    assert names(made_up, "KVM members clashed with police.", "GH")[0] == ("KVM: Kumasi Vigilance Movement", 3, None)
    assert names(made_up, "Members of the NTU marched on the ministry.", "NE") == \
        [("Protesters (Niger)", 6, "NTU: Niamey Teachers Union")]
    assert names(made_up, "The Desert Lancers Regiment shelled the camp.", "NE") == \
        [("Military Forces of Niger", 1, "Desert Lancers Regiment")]
    assert names(made_up, "The Sahel Rapid Battalion crossed the river.", "NE") == \
        [("Military Forces of Niger (2023-) Sahel Rapid Battalion", 1, None)]


def test_made_up_list_skips_ambiguous_and_foreign_aliases(made_up):
    assert not any("RDU" in n for n, _, _ in names(made_up, "RDU fighters attacked a checkpoint.", "TD"))
    def flx(text: str, cc: str) -> bool:
        return any(n.startswith("FLX") for n, _, _ in names(made_up, text, cc))

    assert flx("FLX gunmen stormed the market.", "ML")
    assert not flx("FLX gunmen stormed the market.", "KE")  # not coded in Kenya
    assert not flx("flx gunmen stormed the market.", "ML")  # a short name only in capitals


# ------------------------------------------------------------------ the packaged list


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()


def test_packaged_list_is_there():
    recs = read_tsv(LEARNED_PATH)
    assert len(recs) > 5000 and sum(len(x["aliases"]) for x in recs) > 5000


# (sentence, report country, expected first actor name, inter, assoc): groups the hand-written
# actors.yaml does not list, named as reports name them
LEARNED = [
    ("TPNPB fighters opened fire on a police post in the highlands.", "ID",
     "TPNPB: West Papua National Liberation Army", 2, None),
    ("The Kalay PDF ambushed a convoy on the highway.", "MM", "People's Defense Force - Kalay", 3, None),
    ("Puntland Dervish Forces raided a hideout in the mountains.", "SO",
     "Military Forces of Somalia (2022-) Puntland Dervish Force", 1, None),
    ("Bangsamoro Islamic Freedom Fighters ambushed an army patrol.", "PH",
     "BIFF: Bangsamoro Islamic Freedom Fighters", 2, None),
    ("ULFA militants extorted money from tea traders.", "IN",
     "ULFA: United Liberation Front of Assam", 2, None),
    ("FDLR rebels looted cattle near the park.", "CD",
     "FDLR: Democratic Forces for the Liberation of Rwanda", 2, None),
    ("CONAIE called a march against the fuel price rise.", "EC",
     "Protesters (Ecuador)", 6, "CONAIE: Confederation of Indigenous Nationalities of Ecuador"),
    ("Members of the KCTU rallied outside parliament.", "KR",
     "Protesters (South Korea)", 6, "KCTU: Korean Confederation of Trade Unions"),
]


@pytest.mark.parametrize("text,cc,name,inter,assoc", LEARNED)
def test_learned_groups_resolve(r, text, cc, name, inter, assoc):
    found = r.find_actors(text, cc)
    assert found, text
    assert (found[0].actor.name, found[0].actor.inter, found[0].actor.assoc) == (name, inter, assoc)


def test_learned_acronym_stays_in_its_country(r):
    assert not any("TPNPB" in m.actor.name for m in r.find_actors("TPNPB fighters opened fire.", "KE"))


def test_hand_written_entries_keep_priority(r):
    assert r.resolve("Al-Shabaab militants", "SO").name == "Al Shabaab"
    assert r.resolve("HTS fighters", "SY").name == "HTS: Hayat Tahrir al-Sham"
    assert r.resolve("the police", "IN").name == "Police Forces of India"
