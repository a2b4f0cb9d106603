#!/usr/bin/env python3
"""A second Kenya sample, to check that a rule generalises rather than fits the 600 scored notes.

    python3 scripts/kenya_holdout.py OUT_DIR [--n 500] [--seed 7] [--offset 0]

Takes N rows of ../shared/eval/acled/kenya-2004-2019.csv that are not in kenya-sample-600.csv
(shuffled with SEED, from position OFFSET: "--offset 500" gives a second set disjoint from the
first), writes them to OUT_DIR/holdout.csv and, through ../shared/eval/make_inputs.py,
the input documents to OUT_DIR/holdout.jsonl. Then:

    .venv/bin/strife extract OUT_DIR/holdout.jsonl --out OUT_DIR/out --quiet
    python3 ../shared/eval/score.py --acled OUT_DIR/holdout.csv --pred OUT_DIR/out
"""
from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from pathlib import Path

ACLED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "acled"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--offset", type=int, default=0)
    a = ap.parse_args()
    with open(ACLED / "kenya-2004-2019.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(ACLED / "kenya-sample-600.csv", newline="", encoding="utf-8") as f:
        scored = {r["event_id_cnty"] for r in csv.DictReader(f)}
    rest = [r for r in rows if r["event_id_cnty"] not in scored and r["notes"].strip()]
    random.Random(a.seed).shuffle(rest)
    a.out.mkdir(parents=True, exist_ok=True)
    with open(a.out / "holdout.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rest[a.offset:a.offset + a.n])
    with open(a.out / "holdout.jsonl", "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(ACLED.parent / "make_inputs.py"), str(a.out / "holdout.csv")],
                       stdout=f, check=True)
    print(f"{len(rest[a.offset:a.offset + a.n])} rows -> {a.out / 'holdout.csv'}, {a.out / 'holdout.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
