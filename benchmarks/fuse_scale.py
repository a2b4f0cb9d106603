"""How fusion scales: strife.fuse.fuse on 10k and 100k generated mentions.

    python benchmarks/fuse_scale.py [--sizes 10000 100000] [--countries 20] [--days 365] [--no-windowed]

Mentions are spread over countries (each with its towns), a year of dates (day, week and month
precision, some undated), event types, actors and figures; 8 mentions per report. Prints the cost per
mention at each size and the ratio of the largest size's cost to the smallest's (goal: at most 2).

fuse compares each mention with every open cluster of its country block, so its cost per mention grows
with the block: quadratic overall. `fuse_windowed` below is the same algorithm with one change, an index
of open clusters by the days their dates still allow (a cluster only accepts a mention whose date
overlaps every member's date, widened by at most one day), so that each mention is compared only with
clusters it could join, in the same order as fuse compares them: the result is identical (checked here).
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

from strife.fuse import Cluster, _content_id, _doc_key, _event_of, fuse
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
    to_dict,
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

def fuse_windowed(mentions, documents, max_km: float = 30.0, previous_ids=None):
    """fuse.fuse with open clusters indexed by date: same result, near-linear cost."""
    blocks: dict[str | None, list[Mention]] = defaultdict(list)
    for m in mentions:
        blocks[m.place.country_code if m.place else None].append(m)
    clusters: list[Cluster] = []
    for cc in sorted(blocks, key=lambda c: c or ""):
        block = sorted(blocks[cc], key=lambda m: (_doc_key(documents.get(m.doc_id), m.doc_id), m.start, m.mention_id))
        open_clusters: list[Cluster] = []
        undated: list[int] = []  # clusters whose mentions have no date: only undated mentions join them
        by_day: dict[int, list[int]] = defaultdict(list)  # day -> clusters whose window covers it
        for m in block:
            if m.date is None:
                candidates = undated
            else:
                seen: set[int] = set()
                for day in range(m.date.start.toordinal(), m.date.end.toordinal() + 1):
                    seen.update(by_day.get(day, ()))
                candidates = sorted(seen)  # creation order, as fuse iterates open_clusters
            best, best_rank = None, None
            for ci in candidates:
                c = open_clusters[ci]
                r = c.compatible(m, max_km)
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = c, r
            if best is None:
                best = Cluster()
                ci = len(open_clusters)
                open_clusters.append(best)
                if m.date is None:
                    undated.append(ci)
                else:
                    # a mention joins only if its date overlaps this one's, widened by at most a day of slack
                    for day in range(m.date.start.toordinal() - 1, m.date.end.toordinal() + 2):
                        by_day[day].append(ci)
            best.mentions.append(m)
        clusters.extend(open_clusters)
    events = [_event_of(c, documents, previous_ids or {}) for c in clusters]
    seen_ids: set[str] = set()
    for e in sorted(events, key=lambda e: -len(e.mentions)):
        if e.event_id in seen_ids:
            e.event_id = _content_id(e)
        seen_ids.add(e.event_id)
    events.sort(key=lambda e: (e.event_date or dt.date.min, e.country or "", e.location or "", e.event_id))
    return events


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
    ap.add_argument("--no-windowed", action="store_true", help="time fuse.fuse only")
    ap.add_argument("--no-current", action="store_true", help="time fuse_windowed only")
    args = ap.parse_args(argv)
    costs: dict[str, dict[int, float]] = defaultdict(dict)
    for n in args.sizes:
        days = args.days if args.fixed_span else max(1, round(args.days * n / min(args.sizes)))
        mentions, docs = generate(n, args.countries, days)
        line = f"{n:>7} mentions, {len(docs)} reports, {days} days:"
        ev_a = ev_b = None
        if not args.no_current:
            t, ev_a = timed(fuse, mentions, docs)
            costs["fuse"][n] = t / n
            line += f"  fuse {t:7.2f} s = {t / n * 1e6:7.1f} us/mention ({len(ev_a)} events)"
        if not args.no_windowed:
            t, ev_b = timed(fuse_windowed, mentions, docs)
            costs["fuse_windowed"][n] = t / n
            line += f"  fuse_windowed {t:7.2f} s = {t / n * 1e6:7.1f} us/mention"
        if ev_a is not None and ev_b is not None:
            line += "  same events" if to_dict(ev_a) == to_dict(ev_b) else "  EVENTS DIFFER"
        print(line, flush=True)
    lo, hi = min(args.sizes), max(args.sizes)
    for name, c in costs.items():
        if lo in c and hi in c and lo != hi:
            print(f"{name}: cost per mention at {hi} / at {lo} = ratio={c[hi] / c[lo]:.2f} (goal <= 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
