"""outputs: events.jsonl, events.csv (ACLED's column names first), tallies.jsonl, documents.jsonl,
events.geojson and events.parquet. Files are written whole to a temporary name and renamed, and their
content depends only on the data (sorted, no timestamps), so the same input gives byte-identical files."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from .models import Document, Event, InputProblem, Tally, to_dict

# ACLED's own columns first, in ACLED's order, then strife's.
CSV_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
               "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "country", "admin1",
               "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
               "fatalities_low", "fatalities_high", "injured", "geonameid", "n_claims", "n_mentions", "doc_ids"]


def _atomic_write(path: Path, data: str | bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)
    os.replace(tmp, path)


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


def event_row(e: Event) -> dict:
    d = to_dict(e)
    d.pop("revisions", None)
    d.pop("mention_ids", None)
    d["revisions"] = to_dict(e.revisions)
    return d


def csv_row(e: Event) -> dict:
    inter = "".join(str(x) for x in sorted(x for x in (e.inter1, e.inter2) if x)) if e.inter1 else ""
    doc_ids = sorted({m.doc_id for m in e.mentions})
    return {
        **{k: getattr(e, k) for k in CSV_COLUMNS if hasattr(e, k)},
        "event_date": e.event_date.isoformat() if e.event_date else "",
        "interaction": int(inter) if inter else "",
        "source": "; ".join(e.sources),
        "n_claims": len(e.claims), "n_mentions": len(e.mentions), "doc_ids": "; ".join(doc_ids),
    }


def document_row(d: Document) -> dict:
    return {"doc_id": d.doc_id, "path": d.path, "line": d.line, "outlet": d.outlet, "url": d.url, "title": d.title,
            "published": d.published.isoformat() if d.published else None, "published_from": d.published_from,
            "language": d.language, "near_duplicate_of": d.near_duplicate_of, "status": d.status, "reason": d.reason}


def problem_row(p: InputProblem) -> dict:
    return {"doc_id": None, "path": p.path, "line": p.line, "outlet": None, "url": None, "title": None,
            "published": None, "published_from": None, "language": None, "near_duplicate_of": None,
            "status": "failed", "reason": p.reason}


def geojson(events: list[Event]) -> dict:
    feats = []
    for e in events:
        if e.latitude is None or e.longitude is None:
            continue
        props = {k: v for k, v in csv_row(e).items() if k not in ("latitude", "longitude")}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def write_outputs(out_dir: str | Path, events: list[Event], tallies: list[Tally], documents: list[Document],
                  problems: list[InputProblem] = ()) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("events.jsonl", "events.csv", "tallies.jsonl", "documents.jsonl",
                                          "events.geojson", "events.parquet")}
    _atomic_write(paths["events.jsonl"], _jsonl(event_row(e) for e in events))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in events:
        w.writerow(csv_row(e))
    _atomic_write(paths["events.csv"], buf.getvalue())
    tallies = sorted(tallies, key=lambda t: (t.doc_id, t.start, t.value))
    _atomic_write(paths["tallies.jsonl"], _jsonl(
        {k: v for k, v in to_dict(t).items() if k not in ("start", "end")} | {"start": t.start} for t in tallies))
    docs = [document_row(d) for d in sorted(documents, key=lambda d: d.doc_id)]
    docs += [problem_row(p) for p in problems if "(document kept)" not in p.reason]
    _atomic_write(paths["documents.jsonl"], _jsonl(docs))
    _atomic_write(paths["events.geojson"], json.dumps(geojson(events), ensure_ascii=False, indent=1) + "\n")
    _write_parquet(paths["events.parquet"], events)
    return paths


# events.parquet's column types (the rest are text): fixed, so that a run's file has the same schema
# whatever its events hold
PARQUET_TYPES = {**dict.fromkeys(["time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
                                  "fatalities_low", "fatalities_high", "injured", "geonameid", "n_claims",
                                  "n_mentions"], "BIGINT"),
                 "latitude": "DOUBLE", "longitude": "DOUBLE"}


def _write_parquet(path: Path, events: list[Event]) -> None:
    """Written by DuckDB (store.rows_file), as the store is."""
    import duckdb

    from .store import read_rows, rows_file

    types = [PARQUET_TYPES.get(k, "VARCHAR") for k in CSV_COLUMNS]
    rows = ([None if r[k] == "" and k in PARQUET_TYPES else r[k] for k in CSV_COLUMNS] for r in map(csv_row, events))
    names = ", ".join(f'c{i} AS "{k}"' for i, k in enumerate(CSV_COLUMNS))
    tmp = path.with_name(path.name + ".tmp")
    with rows_file(rows) as rows_path, duckdb.connect() as con:
        source = read_rows(rows_path, types)
        if source is None:  # no events: an empty table of the same columns
            source = "(SELECT " + ", ".join(f"NULL::{t} AS c{i}" for i, t in enumerate(types)) + " LIMIT 0)"
        con.execute(f"COPY (SELECT {names} FROM {source}) TO '{tmp}' (FORMAT parquet)")
    os.replace(tmp, path)
