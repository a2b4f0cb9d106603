"""How fusion scales: strife.fuse.fuse on 10k and 100k generated mentions.

    python benchmarks/fuse_scale.py [--sizes 10000 100000] [--countries 20] [--days 365] [--fixed-span]

Mentions are spread over countries (each with its towns), a year of dates (day, week and month
precision, some undated), event types, actors and figures; 8 mentions per report. Prints the cost per
mention at each size and the ratio of the largest size's cost to the smallest's (goal: at most 2).

fuse indexes open clusters by the days their dates allow, so each mention is compared only with the
clusters it could join: the cost per mention stays flat as long as mentions per country and day do.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from strife.fuse import fuse
from strife.models import (
    DAY,
    MONTH,
    WEEK,
    Actor,
    Document,
    Mention,
    Place,
    Quantity,
    TimeInterval,
)

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Strategic developments", "Arrests")]


def generate(n: int, countries: int = 20, days: int = 365, seed: int = 1):
    """(mentions, documents): n mentions, 8 per report, over `countries` countries and `days` days."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    ccs = [f"C{i:02d}" for i in range(countries)]
    towns = {cc: [Place(f"{cc}-town-{j}", f"Country {cc}", cc, f"{cc}-adm{j % 8}", None,
                        10 + i * 2 + rng.random() * 1.5, 20 + rng.random() * 1.5, 1000 + i * 1000 + j)
                  for j in range(60)] for i, cc in enumerate(ccs)}
    actors = {cc: [Actor(f"Military Forces of {cc}", 1, cc), Actor(f"Rebels of {cc}", 2, cc),
                   Actor(f"Civilians ({cc})", 7, cc), Actor(f"Unidentified Armed Group ({cc})", 3, cc)]
              for cc in ccs}
    docs: dict[str, Document] = {}
    mentions: list[Mention] = []
    n_docs = (n + 7) // 8
    for d in range(n_docs):
        cc = rng.choice(ccs)
        pub = start + dt.timedelta(days=rng.randrange(days))
        did = f"doc-{d:06d}"
        docs[did] = Document(doc_id=did, text="", outlet=f"Outlet {d % 40}", published=pub)
        for k in range(8):
            if len(mentions) >= n:
                break
            mcc = cc if rng.random() < 0.9 else rng.choice(ccs)
            r = rng.random()
            if r < 0.05:
                date = None
            elif r < 0.8:
                day = pub - dt.timedelta(days=rng.randrange(3))
                date = TimeInterval(day, day, DAY, rng.choice(["expression", "published"]))
            elif r < 0.93:
                day = pub - dt.timedelta(days=rng.randrange(7))
                date = TimeInterval(day - dt.timedelta(days=day.weekday()),
                                    day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=6), WEEK)
            else:
                date = TimeInterval(pub.replace(day=1), pub, MONTH)
            place = rng.choice(towns[mcc]) if rng.random() < 0.9 else None
            et, sub = rng.choice(TYPES)
            a1, a2 = rng.sample(actors[mcc], 2)
            qs = [Quantity("fatalities", rng.randint(1, 30), rng.choice([None, "at least"]))] if rng.random() < .5 else []
            start_off = k * 200
            mentions.append(Mention(
                mention_id=f"{did}-m{k}", doc_id=did, sentence=f"Sentence {k} of {did}.", start=start_off,
                end=start_off + 150, trigger="attack", trigger_start=start_off, event_type=et, sub_event_type=sub,
                quantities=qs, claimant=rng.choice([None, "police", "a rebel commander"]), date=date, place=place,
                actor1=a1 if rng.random() < 0.8 else None, actor2=a2 if rng.random() < 0.6 else None))
    return mentions, docs


# ------------------------------------------------------------------ the proposed change

def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--countries", type=int, default=20)
    ap.add_argument("--days", type=int, default=365, help="days the smallest size spans (default 365)")
    ap.add_argument("--fixed-span", action="store_true",
                    help="every size spans --days (denser as it grows); default: the span grows with the size, "
                         "so that mentions per country and day stay as in the smallest (a larger archive covers "
                         "more time)")
    args = ap.parse_args(argv)
    costs: dict[str, dict[int, float]] = defaultdict(dict)
    for n in args.sizes:
        days = args.days if args.fixed_span else max(1, round(args.days * n / min(args.sizes)))
        mentions, docs = generate(n, args.countries, days)
        t, events = timed(fuse, mentions, docs)
        costs["fuse"][n] = t / n
        print(f"{n:>7} mentions, {len(docs)} reports, {days} days:  fuse {t:7.2f} s = {t / n * 1e6:7.1f} "
              f"us/mention ({len(events)} events)", flush=True)
    lo, hi = min(args.sizes), max(args.sizes)
    for name, c in costs.items():
        if lo in c and hi in c and lo != hi:
            print(f"{name}: cost per mention at {hi} / at {lo} = ratio={c[hi] / c[lo]:.2f} (goal <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
