"""Speed on one machine: bare spaCy against the full `strife extract`, on one generated corpus.

    python benchmarks/throughput.py [--mb 2] [--rounds 3] [--no-double] [--no-workers] [--keep DIR]
    python benchmarks/throughput.py --quick     # 0.5 MB, 2 rounds, no doubled corpus: under 4 minutes

Builds a corpus of at least --mb megabytes of report text from the sample reports (paragraphs of the
samples recombined into new reports, each with its own dateline, so that no two are duplicates), then
measures, each in a fresh process and end to end (imports and model loading included):

- bare spaCy: `nlp.pipe` over the same texts with the same model and batch size;
- `strife extract CORPUS --out DIR` (ingest, nlp, extract, resolve, fuse, store, outputs);
- `strife extract --workers 2`;
  (these three in turn, --rounds times: `ratio=` and `speedup=` are the medians of the rounds' ratios,
  each taken between runs minutes apart, since the shared machine's speed drifts; one round of the
  seventh session took 30 s less than the other for the same code)
- bare spaCy in two processes, each on every other report: the machine's own two-process speedup;
- `strife extract` on a corpus twice the size (peak memory should stay flat: strife streams).

Prints words per second for spaCy and strife, `ratio=0.NN` (strife / spaCy; goal >= 0.8), the peak
memory of each strife run (the process and its children, sampled from /proc; goal < 1 GB and flat when
the corpus doubles), and `speedup=N.NNx` of two workers over one (goal >= 1.8). Each timed line also
gives the CPU seconds the machine spent on it, and those stolen from this (virtual) machine meanwhile
(machine_cpu).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PYTHON = sys.executable


# ------------------------------------------------------------------ corpus

def sample_paragraphs() -> list[str]:
    """Body paragraphs of the sample reports (txt, html main text, jsonl), cleaned as strife cleans them."""
    sys.path.insert(0, str(ROOT / "src"))
    from strife.ingest import read_path
    from strife.models import Document

    paras: list[str] = []
    for f in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.html")) + [SAMPLES / "wire.jsonl"]:
        for d in read_path(f):
            if isinstance(d, Document):
                paras += [p for p in d.text.split("\n") if len(p.split()) >= 12]
    return sorted(set(paras))


DATELINES = ["PEMBA", "MACOMIA", "MUEDA", "MOCIMBOA DA PRAIA", "NANGADE", "MONTEPUEZ", "ANCUABE", "PALMA"]
OUTLETS = ["Pemba Herald", "Rovuma Daily", "Eastern Africa Press", "Lusophone Wire", "Zambezi Tribune"]


def build_corpus(path: Path, megabytes: float, seed: int = 20250609) -> dict:
    """A JSONL corpus of recombined sample reports, at least `megabytes` MB of text."""
    rng = random.Random(seed)
    paras = sample_paragraphs()
    target = int(megabytes * 1_000_000)
    n_docs = n_chars = n_words = 0
    with open(path, "w", encoding="utf-8") as f:
        while n_chars < target:
            n_docs += 1
            day = 9 + n_docs % 6
            body = rng.sample(paras, k=rng.randint(5, 9))
            text = (f"{rng.choice(DATELINES)}, {day} June 2025 - Report {n_docs} from the province.\n"
                    + "\n".join(body))
            rec = {"id": f"gen-{n_docs:06d}", "text": text, "published": f"2025-06-{day:02d}",
                   "outlet": rng.choice(OUTLETS), "title": f"Generated report {n_docs}"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n_chars += len(text)
            n_words += len(text.split())
    return {"docs": n_docs, "chars": n_chars, "words": n_words, "path": path}


# ------------------------------------------------------------------ measuring

def _tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
            with open(f"/proc/{d}/statm", "rb") as f:
                rss[int(d)] = int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(d))
    total, todo = 0, [root_pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def machine_cpu() -> tuple[float, float]:
    """(CPU seconds this machine's CPUs have spent busy, CPU seconds stolen from them: the time the
    hypervisor gave other guests while these wanted to run), from /proc/stat; (0, 0) where there is none.
    Nothing else runs here during a benchmark, so the busy seconds a run adds are its own; on a virtual
    machine they also count the time its neighbours slow it down, so that the same work takes more of them
    on a busy host, or with both cores busy."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            t = [int(x) for x in f.readline().split()[1:9]]
        tick = os.sysconf("SC_CLK_TCK")
        return (t[0] + t[1] + t[2] + t[5] + t[6]) / tick, t[7] / tick  # user nice system irq softirq; steal
    except (OSError, IndexError, ValueError):
        return 0.0, 0.0


def _cpu_since(start: tuple[float, float], into: dict | None = None, key: str = "") -> str:
    busy, steal = (b - a for a, b in zip(start, machine_cpu()))
    if into is not None:
        into[key] = busy
    return f"  cpu {busy:.0f} s (stolen {steal:.1f} s)"


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak resident memory of the process tree in bytes, stderr)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(OSError, ValueError):  # a process vanishing mid-scan is normal
                peak = max(peak, _tree_rss(p.pid))
            stop.wait(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = p.communicate()
    dt_s = time.perf_counter() - t0
    stop.set()
    th.join()
    if p.returncode not in (0, 2):
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return dt_s, peak, err


SPACY_SCRIPT = r"""
import json, sys, spacy
from strife.settings import load_settings
s = load_settings()
nlp = spacy.load(s.model)
part, parts = (int(x) for x in (sys.argv[2:4] or (0, 1)))  # this process's share of the lines
texts = (json.loads(line)["text"] for i, line in enumerate(open(sys.argv[1], encoding="utf-8")) if i % parts == part)
n = 0
for doc in nlp.pipe(texts, batch_size=s.batch_size):
    n += len(doc)
print(n)
"""


def bare_spacy(corpus: Path) -> tuple[float, int]:
    t, peak, _ = run_measured([PYTHON, "-c", SPACY_SCRIPT, str(corpus)])
    return t, peak


def bare_spacy_two(corpus: Path) -> float:
    """Wall seconds of bare spaCy in two processes started together, each on every other report: what
    this machine gives two processes of the same work (the measure of its own parallel headroom)."""
    t0 = time.perf_counter()
    procs = [subprocess.Popen([PYTHON, "-c", SPACY_SCRIPT, str(corpus), str(k), "2"], stdout=subprocess.DEVNULL)
             for k in (0, 1)]
    if any(p.wait() != 0 for p in procs):
        raise SystemExit("bare spaCy in two processes failed")
    return time.perf_counter() - t0


def strife_extract(corpus: Path, out: Path, workers: int = 1) -> tuple[float, int, str]:
    cmd = [PYTHON, "-m", "strife", "extract", str(corpus), "--out", str(out), "--db", str(out / "strife.duckdb"),
           "--quiet", "--workers", str(workers)]  # always named: the default is the machine's CPUs
    return run_measured(cmd)


WARM_SCRIPT = r"""
from strife.pipeline import Knowledge
from strife.settings import load_settings
import spacy
s = load_settings()
Knowledge.load(s)
spacy.load(s.model)
"""


def warm_up(work: Path, quick: bool) -> None:
    """Gazetteer cache built and files in the page cache before anything is timed. The full run codes a
    small corpus; the quick one only loads what a run loads (a third of the time on a loaded machine)."""
    if quick:
        subprocess.run([PYTHON, "-c", WARM_SCRIPT], check=True, capture_output=True)
        return
    warm = build_corpus(work / "warmup.jsonl", 0.02, seed=1)
    strife_extract(warm["path"], work / "out-warmup")


def _round(corpus: dict, work: Path, k: int, workers: bool) -> dict:
    """One round: bare spaCy, strife with one worker, strife with two, one after the other, so that each
    round's ratios compare runs made minutes apart (the machine's speed drifts over a benchmark)."""
    words = corpus["words"]
    s0 = machine_cpu()
    t_sp, peak_sp = bare_spacy(corpus["path"])
    print(f"[{k + 1}] spacy nlp.pipe:     {t_sp:7.1f} s  {words / t_sp:8.0f} words/s  peak {mb(peak_sp)}"
          + _cpu_since(s0), flush=True)
    s0 = machine_cpu()
    t1, peak1, _ = strife_extract(corpus["path"], work / f"out-1-{k}")
    r = {"t_sp": t_sp, "peak1": peak1, "ratio": t_sp / t1}
    print(f"[{k + 1}] strife extract:     {t1:7.1f} s  {words / t1:8.0f} words/s  peak {mb(peak1)}  "
          f"ratio {r['ratio']:.2f}" + _cpu_since(s0, r, "cpu1"), flush=True)
    if workers:
        s0 = machine_cpu()
        t2, peak2, _ = strife_extract(corpus["path"], work / f"out-2-{k}", workers=2)
        cpu = _cpu_since(s0, r, "cpu2")
        same = all((work / f"out-1-{k}" / n).read_bytes() == (work / f"out-2-{k}" / n).read_bytes()
                   for n in ("events.jsonl", "tallies.jsonl", "documents.jsonl"))
        r["speedup"] = t1 / t2
        print(f"[{k + 1}] strife --workers 2: {t2:7.1f} s  {words / t2:8.0f} words/s  peak {mb(peak2)}  "
              f"outputs {'identical' if same else 'DIFFER'}  speedup {r['speedup']:.2f}x"
              + cpu, flush=True)
    return r


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size in MB of text (default 2)")
    ap.add_argument("--no-double", action="store_true", help="skip the run on a corpus twice the size")
    ap.add_argument("--no-workers", action="store_true", help="skip the --workers 2 run")
    ap.add_argument("--rounds", type=int, default=None,
                    help="rounds of bare spaCy, one worker, two workers; ratio= and speedup= are their medians "
                         "(default 3; 2 with --quick, which keeps it under 4 minutes here)")
    ap.add_argument("--keep", type=Path, help="keep the corpus and outputs in this folder")
    ap.add_argument("--quick", action="store_true",
                    help="0.5 MB corpus and no doubled corpus (ratio, speedup and peak memory in a few minutes)")
    args = ap.parse_args(argv)
    if args.quick:
        args.mb, args.no_double = 0.5, True
    args.rounds = args.rounds or (2 if args.quick else 3)

    work = args.keep or Path(tempfile.mkdtemp(prefix="strife-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(work / "corpus.jsonl", args.mb)
    words = corpus["words"]
    print(f"corpus: {corpus['docs']} reports, {corpus['chars'] / 1e6:.2f} MB of text, {words} words "
          f"({corpus['path']})", flush=True)

    warm_up(work, args.quick)

    rounds = [_round(corpus, work, k, not args.no_workers) for k in range(args.rounds)]
    peak1 = max(r["peak1"] for r in rounds)
    ratio = statistics.median(r["ratio"] for r in rounds)
    print(f"ratio={ratio:.2f}  (strife words/s over bare spaCy words/s, median of {len(rounds)} rounds; "
          f"goal >= 0.80)", flush=True)
    if not args.no_workers:
        speedup = statistics.median(r["speedup"] for r in rounds)
        print(f"speedup={speedup:.2f}x  (two workers over one, median of {len(rounds)} rounds; goal >= 1.8; "
              f"{os.cpu_count()} CPUs)", flush=True)
        if all(r["cpu1"] for r in rounds):
            more = statistics.median(r["cpu2"] / r["cpu1"] for r in rounds)
            print(f"cpu: two workers took x{more:.2f} the CPU seconds of one (median; what is above 1 is the "
                  f"second process's own start and hand-offs, and each core doing less with both busy)", flush=True)
        t_sp = statistics.median(r["t_sp"] for r in rounds)
        s0 = machine_cpu()
        t_sp2 = bare_spacy_two(corpus["path"])
        print(f"spacy, two processes:  {t_sp2:7.1f} s  machine's two-process speedup of bare spaCy "
              f"{t_sp / t_sp2:.2f}x (the same work split in two, no strife: its ceiling here)" + _cpu_since(s0),
              flush=True)

    if not args.no_double:
        big = build_corpus(work / "corpus-x2.jsonl", args.mb * 2, seed=7)
        t4, peak4, _ = strife_extract(big["path"], work / "out-x2")
        print(f"strife extract, x2:    {t4:7.1f} s  {big['words'] / t4:8.0f} words/s  peak {mb(peak4)}", flush=True)
        print(f"peak memory: {mb(peak1)} at {corpus['chars'] / 1e6:.1f} MB, {mb(peak4)} at "
              f"{big['chars'] / 1e6:.1f} MB (growth x{peak4 / peak1:.2f}; goal < 1 GB and flat)", flush=True)
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
