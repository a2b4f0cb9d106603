#!/usr/bin/env python3
"""Builds the type model the package ships (src/strife/data/typemodel/) from the `train` split of the
multi-country ACLED file in ../shared, and records in its meta.json how it scores on the `dev-600`
sample (notes typed directly, without the rest of the pipeline). The blind split is never read here.

    .venv/bin/python scripts/train_typemodel.py [--out DIR] [--from DIR]

--from DIR re-scores an already trained model instead of training again.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strife.classify import MODEL_DIR, TypeModel, inter_code, read_acled, train

MULTI = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "acled" / "multi"


def held_out_scores(model: TypeModel, rows: list[dict]) -> dict:
    preds = model.predict([r["notes"] for r in rows])
    n = len(rows)
    return {"notes": n,
            "event_type": round(sum(p.event_type == r["event_type"] for p, r in zip(preds, rows)) / n, 3),
            "sub_event_type": round(sum(p.sub_event_type == r["sub_event_type"] for p, r in zip(preds, rows)) / n, 3),
            "inter1": round(sum(p.inter1 == inter_code(r["inter1"]) for p, r in zip(preds, rows)) / n, 3),
            "inter2": round(sum(p.inter2 == inter_code(r["inter2"]) for p, r in zip(preds, rows)) / n, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--from", dest="source", type=Path, help="a trained model to re-score instead of training")
    args = ap.parse_args()
    if args.source:
        model = TypeModel.load(args.source)
    else:
        rows = read_acled(MULTI / "acled-multi.csv", split="train")
        model = train(rows, seed=0, progress=lambda m: print(m, file=sys.stderr))
        model.meta["trained_on"] = "acled-multi.csv, split=train (ACLED data, acleddata.com)"
    model.meta["dev_600"] = held_out_scores(model, read_acled(MULTI / "dev-600.csv", split=None))
    print(model.meta["dev_600"], file=sys.stderr)
    model.save(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
