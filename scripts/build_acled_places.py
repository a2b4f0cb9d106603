#!/usr/bin/env python3
"""Build src/strife/data/acled_places.tsv.gz, the conflict gazetteer, from coded ACLED events.

    python scripts/build_acled_places.py [EXPORT.csv] [--split train] [--out PATH]

Provenance: ACLED (Armed Conflict Location & Event Data, acleddata.com). The shipped list is derived
from the `train` split ONLY of the evaluation export ../shared/eval/acled/multi/acled-multi.csv (a
fixed hash split; dev and blind rows are never read). It holds one line per distinct coded location
(name, country, admin1-3, coordinates, the most exact geo_precision coded there, and how many events
were coded there): no event rows, dates, actors or notes. It also writes data/outlet_countries.tsv:
the outlets (ACLED's `source` names) whose events nearly all lie in one country, with that country. ACLED's terms allow derived lists with
attribution; see the README.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))



def main() -> int:
    from strife.resolve.coded_places import build_outlets, build_places, read_export, write_outlets, write_places
    from strife.resolve.gazetteer import Gazetteer

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export", nargs="?", type=Path, default=Path("/work/shared/eval/acled/multi/acled-multi.csv"))
    ap.add_argument("--split", default="train", help="only rows of this split (default train; '' for all)")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "strife" / "data" / "acled_places.tsv.gz")
    ap.add_argument("--outlets", type=Path, default=ROOT / "src" / "strife" / "data" / "outlet_countries.tsv",
                    help="where to write the outlet -> country table")
    a = ap.parse_args()
    gaz = Gazetteer(use_cache=False, coded_places=False)
    unknown: set[str] = set()

    def code(name: str) -> str | None:
        p = gaz.country(name)
        if p is None:
            unknown.add(name)
        return p.country_code if p else None

    places = build_places(read_export(a.export, a.split or None), code)
    write_places(places, a.out)
    outlets = build_outlets(read_export(a.export, a.split or None), code)
    write_outlets(outlets, a.outlets)
    print(f"{len(outlets)} single-country outlets -> {a.outlets}", file=sys.stderr)
    print(f"{len(places)} places from {a.export} (split={a.split or 'all'}) -> {a.out}", file=sys.stderr)
    if unknown:
        print(f"countries not recognised (skipped): {sorted(unknown)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
