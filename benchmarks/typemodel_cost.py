"""What the learned type model costs: its file size, its load time, and its share of extract time.

    python benchmarks/typemodel_cost.py [--notes FILE.jsonl] [--n 300] [--repeat 3]

Runs `strife extract --workers 1` on the same short reports in fresh processes, with the shipped
type model and with `STRIFE_TYPE_MODEL=none` (rules only), and prints the model's size, its load
time (median of three loads in this process), and `ratio=` of the two runs' times (with the model /
without), of wall time and of CPU time (user + system). The runs alternate --repeat times and the
medians are compared: on a shared machine the wall time swings with the other loads, the CPU time
much less.
The default input is the first --n reports of ../shared/eval/acled/multi/dev-600.jsonl when it is
there, else the bundled samples.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "acled" / "multi" / "dev-600.jsonl"


def timed_extract(inputs: list[str], out: Path, model: str | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one extract run in a fresh process."""
    env = dict(os.environ)
    if model is not None:
        env["STRIFE_TYPE_MODEL"] = model
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    # One process (--workers 1): the CPU time of forkserver workers is not reported to this process.
    subprocess.run([sys.executable, "-m", "strife", "extract", *inputs, "--out", str(out), "--quiet", "--workers", "1"],
                   check=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=Path, default=DEV if DEV.exists() else None)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
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
        runs: dict[str, list[tuple[float, float]]] = {"model": [], "none": []}
        for i in range(args.repeat):
            runs["model"].append(timed_extract(inputs, Path(tmp) / f"a{i}", None))
            runs["none"].append(timed_extract(inputs, Path(tmp) / f"b{i}", "none"))
    print(f"type model: {size:.1f} MB on disk, loads in {statistics.median(loads):.2f} s")
    for k, what in ((0, "wall"), (1, "CPU")):
        with_model = statistics.median(r[k] for r in runs["model"])
        without = statistics.median(r[k] for r in runs["none"])
        print(f"{what}: extract with the model {with_model:.1f} s, rules only {without:.1f} s, "
              f"ratio={with_model / without:.2f} (with / without, median of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
