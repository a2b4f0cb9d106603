"""`--engine ray`: on a local 2-CPU Ray cluster, the output files equal a local run's on a multi-country corpus:
the sample reports (Mozambique) and short notes written for this test from several countries, some of which
name no country (a run-wide default country would put those into Mozambique in one engine and not the other)."""
from __future__ import annotations

from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

# Ray's own start-up notices (resource and logging hints) are not strife's concern
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::FutureWarning:ray"),
    pytest.mark.filterwarnings("ignore::UserWarning:ray"),
    pytest.mark.filterwarnings("ignore::RuntimeWarning:ray"),
]

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INPUTS = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.html")) + [SAMPLES / "wire.jsonl",
                                                                             ROOT / "tests" / "fixtures" / "multi" / "notes.jsonl",
                                                                             SAMPLES / "bad" / "broken.jsonl",
                                                                             SAMPLES / "no-such-file.txt"]
COMPARED = ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl", "events.geojson")


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_output_equals_local_output(cluster, tmp_path):
    from strife.distributed import run_ray
    from strife.outputs import write_outputs
    from strife.pipeline import run
    from strife.settings import load_settings

    settings = load_settings()
    local = run(INPUTS, settings=settings, db=tmp_path / "local.duckdb")
    dist = run_ray(INPUTS, settings=settings, db=tmp_path / "ray.duckdb")
    assert ray.is_initialized()  # a cluster it did not start is left running
    for name, res in (("local", local), ("ray", dist)):
        write_outputs(tmp_path / name, res.events, res.tallies, res.documents, res.problems)
    assert len(dist.events) > 10
    countries = {e.country for e in local.events}
    assert len(countries - {None}) >= 5 and None in countries  # several countries, and events with none
    assert [str(p) for p in dist.problems] == [str(p) for p in local.problems]
    for name in COMPARED:
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_merge_events_matches_fuse():
    """Fusing country blocks apart and merging equals fusing everything at once."""
    import datetime as dt

    from strife.distributed import _merge_events
    from strife.fuse import fuse
    from strife.models import Document, Mention, Place
    from strife.models import TimeInterval as TI

    places = {"MZ": Place("Pemba", "Mozambique", "MZ", "Cabo Delgado", None, -12.97, 40.52),
              "SY": Place("Idlib", "Syria", "SY", "Idlib", None, 35.93, 36.63)}
    docs = {f"d{i}": Document(doc_id=f"d{i}", text="", published=dt.date(2025, 6, 9 + i % 3)) for i in range(6)}
    ms = []
    for i in range(30):
        cc = "MZ" if i % 3 else "SY"
        day = dt.date(2025, 6, 9 + i % 4)
        ms.append(Mention(mention_id=f"m{i}", doc_id=f"d{i % 6}", sentence=f"s{i}", start=i * 10, end=i * 10 + 9,
                          trigger="attack", trigger_start=i * 10, event_type="Battles", sub_event_type="Armed clash",
                          date=TI(day, day), place=places[cc]))
    whole = fuse(ms, docs)
    blocks = [fuse([m for m in ms if m.place.country_code == cc], docs) for cc in ("MZ", "SY")]
    from strife.models import to_dict

    assert to_dict(_merge_events(blocks)) == to_dict(whole)


def test_a_report_told_across_countries_is_fused_as_locally(cluster):
    """A report's mention placed abroad (a namesake, a border town) belongs to the incident it was told
    in: the Ray runner reads each report whole before blocking its incidents by country, as fuse does
    (it had blocked the mentions themselves, and written such a report's mention as an event of its own)."""
    import datetime as dt

    from strife.distributed import _fuse_blocks
    from strife.fuse import NEAR_KM, fuse
    from strife.models import Document, Mention, Place, to_dict
    from strife.models import TimeInterval as TI

    day = dt.date(2025, 6, 9)
    pemba = Place("Pemba", "Mozambique", "MZ", "Cabo Delgado", None, -12.97, 40.52)
    abroad = Place("Mtwara", "Tanzania", "TZ", "Mtwara", None, -10.27, 40.18)
    docs = {"d0": Document(doc_id="d0", text="", published=day)}
    sentence = "Insurgents attacked Pemba on Monday and killed four people; the wounded were taken to Mtwara."
    ms = [Mention(mention_id=f"m{i}", doc_id="d0", sentence=sentence, start=i * 40, end=i * 40 + 30,
                  trigger=t, trigger_start=i * 40, event_type="Violence against civilians", sub_event_type="Attack",
                  date=TI(day, day), place=p) for i, (t, p) in enumerate((("attacked", pemba), ("killed", abroad)))]
    local = fuse(ms, docs)
    assert len(local) == 1
    assert to_dict(_fuse_blocks(ray, ms, docs, NEAR_KM, {})) == to_dict(local)
