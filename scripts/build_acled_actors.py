#!/usr/bin/env python3
"""Build src/strife/data/acled_actors.tsv from the train split of an ACLED export.

    python scripts/build_acled_actors.py ../shared/eval/acled/multi/acled-multi.csv

Reads only rows whose `split` column is `train` (all rows when the file has no `split` column) and
writes names, countries, inter codes, counts and aliases: never a row or a note.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from strife.resolve.actor_knowledge import build_actor_knowledge, write_tsv

OUT = Path(__file__).resolve().parent.parent / "src" / "strife" / "data" / "acled_actors.tsv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", help="ACLED export with a `split` column (train/dev/blind)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--note-aliases", action="store_true",
                    help="also mine short names from the notes (defined in parentheses, or a name's "
                         "initials its rows' notes use); off: no gain on dev-600")
    args = ap.parse_args(argv)
    csv.field_size_limit(1 << 24)
    with open(args.csv, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("split", "train") == "train"]
    records = build_actor_knowledge(rows, note_aliases=args.note_aliases)
    write_tsv(records, args.out)
    n_alias = sum(len(r["aliases"]) for r in records)
    print(f"{len(rows)} train rows -> {len(records)} names, {n_alias} aliases -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
