"""What the learned type model costs: its file size, its load time, and its share of extract time.

    python benchmarks/typemodel_cost.py [--notes FILE.jsonl] [--n 300]

Runs `strife extract` on the same short reports twice in fresh processes, once with the shipped
type model and once with `STRIFE_TYPE_MODEL=none` (rules only), and prints the model's size, its
load time (median of three loads in this process), and `ratio=` of the two runs' wall times (with
the model / without; the machines are shared, so only the ratio measured in one run means much).
The default input is the first --n reports of ../shared/eval/acled/multi/dev-600.jsonl when it is
there, else the bundled samples.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "acled" / "multi" / "dev-600.jsonl"


def timed_extract(inputs: list[str], out: Path, model: str | None) -> float:
    env = dict(os.environ)
    if model is not None:
        env["STRIFE_TYPE_MODEL"] = model
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "strife", "extract", *inputs, "--out", str(out), "--quiet"],
                   check=True, env=env, cwd=ROOT)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=Path, default=DEV if DEV.exists() else None)
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    from strife.classify import MODEL_DIR, TypeModel

    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir()) / 1e6
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        TypeModel.load(MODEL_DIR)
        loads.append(time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        if args.notes:
            lines = args.notes.read_text(encoding="utf-8").splitlines()[: args.n]
            corpus = Path(tmp) / "notes.jsonl"
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
            inputs = [str(corpus)]
        else:
            inputs = [str(ROOT / "samples")]
        with_model = timed_extract(inputs, Path(tmp) / "a", None)
        without = timed_extract(inputs, Path(tmp) / "b", "none")
    print(f"type model: {size:.1f} MB on disk, loads in {statistics.median(loads):.2f} s")
    print(f"extract with the model {with_model:.1f} s, rules only {without:.1f} s")
    print(f"ratio={with_model / without:.2f} (with / without; the model's share of extract time "
          f"{max(0.0, 1 - without / with_model):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
