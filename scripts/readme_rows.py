"""The README's example rows, from a demo run: `python scripts/readme_rows.py demo-out`.

The events told by the most outlets, as a Markdown table with their figures by claimant. The README
holds this script's output between its `demo-rows` markers; tests/test_demo.py checks they agree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1")
ROWS = 2


def _claims(e: dict) -> str:
    seen: dict[str, int] = {}
    for c in e.get("claims") or []:
        if c["figure"] == "fatalities" and c["claimant"] not in seen:
            seen[c["claimant"]] = c["value"]
    return "; ".join(f"{k} {v}" for k, v in list(seen.items())[:3])


def rows(events: list[dict]) -> str:
    top = sorted(events, key=lambda e: (-len(e.get("sources") or []), e.get("event_date") or ""))[:ROWS]
    lines = ["| " + " | ".join(COLUMNS) + " | fatalities (low-high) | sources | claims |",
             "|" + " --- |" * (len(COLUMNS) + 3)]
    for e in sorted(top, key=lambda e: e.get("event_date") or ""):
        killed = f"{e['fatalities']} ({e['fatalities_low']}-{e['fatalities_high']})" if e.get("fatalities") is not None else ""
        cells = [str(e.get(c) or "") for c in COLUMNS] + [killed, str(len(e.get("sources") or [])), _claims(e)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "demo-out")
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    sys.stdout.write(rows(events))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
