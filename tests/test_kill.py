"""Nothing lost: `kill -9` in the middle of a run against a DuckDB store, then run again; the outputs
equal those of one clean run (the store writes in one transaction at the end of a run)."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMPARED = ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl", "events.geojson")

pytestmark = pytest.mark.slow


def _corpus(path: Path, n_docs: int = 150) -> None:
    """Sample reports' paragraphs recombined into n_docs distinct reports (JSONL)."""
    paras = []
    for f in sorted(SAMPLES.glob("*.txt")):
        paras += [p for p in f.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 12]
    for line in (SAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        paras += [p for p in json.loads(line)["text"].split("\n") if len(p.split()) >= 12]
    rng = random.Random(11)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n_docs):
            day = 9 + i % 6
            text = f"PEMBA, {day} June 2025 - Report {i}.\n" + "\n".join(rng.sample(paras, k=6))
            f.write(json.dumps({"id": f"k-{i:04d}", "text": text, "published": f"2025-06-{day:02d}",
                                "outlet": "Test Wire"}) + "\n")


def _cmd(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "strife", "extract", str(corpus), "--out", str(out),
            "--db", str(out / "store.duckdb"), "--quiet"]


def _run(corpus: Path, out: Path) -> float:
    t = time.monotonic()
    p = subprocess.run(check=False, args=_cmd(corpus, out), capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    return time.monotonic() - t


def _run_and_kill(corpus: Path, out: Path, after: float) -> bool:
    """Starts a run and kills it with SIGKILL after `after` seconds; True if it was still running."""
    p = subprocess.Popen(_cmd(corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        p.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        return True


def _orphaned_workers() -> set[int]:
    """Processes of this user left by a run whose main process is gone: strife worker pools (their
    forkserver and workers) adopted by init."""
    out = set()
    for d in Path("/proc").iterdir():
        try:
            cmd = (d / "cmdline").read_bytes()
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if b"multiprocessing.forkserver" in cmd and b"strife" in cmd and ppid == 1:
            out.add(int(d.name))
    return out


def test_kill_9_leaves_no_worker_behind(tmp_path):
    """A run killed while its workers are busy takes them with it (they watch for their run's end)."""
    corpus = tmp_path / "corpus.jsonl"
    # enough reports that the run is still working after 12 s on a quiet machine (150 were done in
    # under 12 s once the workers stopped pickling each document back); it is killed then, whatever its size
    _corpus(corpus, n_docs=600)
    before = _orphaned_workers()
    assert _run_and_kill(corpus, tmp_path / "out", 12.0), "the run finished before it could be killed"
    deadline = time.monotonic() + 20
    while (left := _orphaned_workers() - before) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not left, f"worker processes outlived their run: {sorted(left)}"


def test_kill_9_then_rerun_equals_clean_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    t_clean = _run(corpus, clean)
    # kill once in the middle of the work, then once near the end (while outputs and the store are written);
    # each rerun starts from whatever the killed run left behind
    was_running = [_run_and_kill(corpus, killed, t_clean * frac) for frac in (0.5, 0.93)]
    assert was_running[0], "the run finished before it could be killed; make the corpus larger"
    _run(corpus, killed)
    for name in COMPARED:
        a = (clean / name).read_text(encoding="utf-8")
        b = (killed / name).read_text(encoding="utf-8")
        assert a == b, name
    assert not list(killed.glob("*.tmp")), "a temporary output file was left behind"


def test_kill_9_does_not_corrupt_an_existing_store(tmp_path):
    """A store written by a finished run, then a run killed midway: the next run of the same input
    finds the store intact and gives the same outputs as the first."""
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, n_docs=60)
    out = tmp_path / "out"
    t = _run(corpus, out)
    first = {n: (out / n).read_text(encoding="utf-8") for n in COMPARED}
    _run_and_kill(corpus, out, t * 0.6)
    _run(corpus, out)
    for n in COMPARED:
        assert (out / n).read_text(encoding="utf-8") == first[n], n
