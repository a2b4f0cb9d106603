#!/usr/bin/env python3
"""Builds the type model the package ships (src/strife/data/typemodel/) from the `train` split of the
multi-country ACLED file in ../shared, and records in its meta.json how it scores on the `dev` split
(notes typed directly, without the rest of the pipeline): on the dev-600 sample, on all the dev notes
in ACLED's current schema, on those weighted as dev-600 and blind-1000 are stratified (by sub-event
type), the figure the learner's settings were chosen on, and the actor types of the dev notes in the
pre-2019 schema (older notes, written as other reports will be). The blind split is never read here.

    .venv/bin/python scripts/train_typemodel.py [--out DIR] [--from DIR] [--multi DIR]

--from DIR re-scores an already trained model instead of training again; --multi names the folder of
acled-multi.csv and dev-600.csv (default ../shared/eval/acled/multi beside the checkout).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from strife.classify import MODEL_DIR, TypeModel, inter_code, read_acled, train

MULTI = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "acled" / "multi"
FIELDS = ("event_type", "sub_event_type", "inter1", "inter2")


def held_out_scores(model: TypeModel, rows: list[dict], weights: list[float] | None = None,
                    fields: tuple[str, ...] = FIELDS) -> dict:
    """Accuracy of each field on rows (weighted when weights are given)."""
    preds = model.predict([r["notes"] for r in rows])
    w = weights or [1.0] * len(rows)
    out: dict = {"notes": len(rows)}
    for f in fields:
        gold = [inter_code(r[f]) if f.startswith("inter") else r[f] for r in rows]
        right = sum(wi for wi, p, g in zip(w, preds, gold) if getattr(p, f) == g)
        out[f] = round(right / sum(w), 3)
    return out


def stratified_weights(rows: list[dict], sample: list[dict]) -> list[float]:
    """Each row's weight so that the rows count as the sample is stratified, by sub-event type."""
    want, have = Counter(r["sub_event_type"] for r in sample), Counter(r["sub_event_type"] for r in rows)
    return [want[r["sub_event_type"]] / have[r["sub_event_type"]] for r in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--from", dest="source", type=Path, help="a trained model to re-score instead of training")
    ap.add_argument("--multi", type=Path, default=MULTI, help="the folder of acled-multi.csv and dev-600.csv")
    args = ap.parse_args()
    if args.source:
        model = TypeModel.load(args.source)
    else:
        rows = read_acled(args.multi / "acled-multi.csv", split="train")
        model = train(rows, seed=0, progress=lambda m: print(m, file=sys.stderr))
        model.meta["trained_on"] = "acled-multi.csv, split=train (ACLED data, acleddata.com)"
    dev600 = read_acled(args.multi / "dev-600.csv", split=None)
    dev_all = read_acled(args.multi / "acled-multi.csv", split="dev")
    dev = [r for r in dev_all if r.get("sub_event_type")]
    old = [r for r in dev_all if not r.get("sub_event_type")]
    model.meta["dev_600"] = held_out_scores(model, dev600)
    model.meta["dev_pre_2019"] = held_out_scores(model, old, fields=("inter1", "inter2"))
    model.meta["dev_current_schema"] = held_out_scores(model, dev)
    model.meta["dev_stratified"] = held_out_scores(model, dev, stratified_weights(dev, dev600))
    for k in ("dev_600", "dev_current_schema", "dev_stratified", "dev_pre_2019"):
        print(k, model.meta[k], file=sys.stderr)
    model.save(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
