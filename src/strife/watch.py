"""`strife watch DIR_OR_FEED --db FILE`: code new reports as they arrive, incrementally.

Each poll looks for files that are new or changed since the last poll (a file still being written, whose
size or modification time changed in the last two seconds, waits for the next poll), reads them, and
keeps only documents the store does not already hold with the same text: a feed file that gained items
gives only its new items (feed item ids are stable), an edited report is coded again, an unchanged one
is not. The new documents go through the ordinary pipeline run against the store, so events are fused
with everything stored, keep their ids, and are updated in place. A document whose text is exactly that
of a stored one under another id is kept as a duplicate, not coded twice.

Starting again on the same folder and store resumes where the last run stopped: nothing is coded twice.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StrifeError
from .models import Document, InputProblem

SETTLE_SECONDS = 2.0  # a file modified more recently than this may still be being written


@dataclass
class WatchState:
    """What the watcher has seen: file signatures, and every problem reported since it started."""

    signatures: dict[str, tuple[int, int]] = field(default_factory=dict)
    pending: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)


def _files(source: Path) -> list[Path]:
    from .ingest import expand_inputs

    return list(expand_inputs([source]))


def changed_files(source: Path, state: WatchState, settle: float = SETTLE_SECONDS) -> list[Path]:
    """Files new or changed since they were last read, once they have stopped changing."""
    now = time.time()
    ready = []
    for f in _files(source):
        try:
            st = f.stat()
        except OSError:
            continue  # removed between listing and stat
        sig = (st.st_size, st.st_mtime_ns)
        key = str(f)
        if state.signatures.get(key) == sig:
            continue
        settled = state.pending.get(key) == sig or now - st.st_mtime >= settle
        if not settled:
            state.pending[key] = sig
            continue
        state.pending.pop(key, None)
        ready.append(f)
    return ready


def _stored(db: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(content_hash by doc_id, doc_id by content_hash) of the documents in the store."""
    if not Path(db).exists():
        return {}, {}
    from .store import Store

    with Store(db) as store:
        rows = store.con.execute("SELECT doc_id, content_hash FROM documents ORDER BY doc_id").fetchall()
    by_id = {r[0]: r[1] for r in rows}
    by_hash: dict[str, str] = {}
    for did, h in rows:
        if h:
            by_hash.setdefault(h, did)
    return by_id, by_hash


def _read(f: Path, max_chars: int | None):
    """ingest.read_path, passing the length limit when this version of ingest takes one."""
    import inspect

    from .ingest import read_path

    if max_chars and "max_chars" in inspect.signature(read_path).parameters:
        return read_path(f, None, max_chars=max_chars)
    return read_path(f, None)


def new_documents(files: list[Path], db: Path, state: WatchState,
                  max_chars: int | None = None) -> tuple[list[Document], list[InputProblem], list[Path]]:
    """(documents to code, problems, files read) from changed files, leaving out what the store holds."""
    by_id, by_hash = _stored(db)
    docs: list[Document] = []
    problems: list[InputProblem] = []
    read: list[Path] = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        items = list(_read(f, max_chars))
        state.signatures[str(f)] = (st.st_size, st.st_mtime_ns)
        read.append(f)
        for it in items:
            if isinstance(it, InputProblem):
                problems.append(it)
                continue
            if by_id.get(it.doc_id) == it.content_hash:
                continue  # already coded, unchanged
            other = by_hash.get(it.content_hash)
            if other and other != it.doc_id:
                it.status, it.reason, it.near_duplicate_of = "duplicate", f"same text as {other}", other
            docs.append(it)
    return docs, problems, read


def _n_failed(problems: list[InputProblem]) -> int:
    return sum(1 for p in problems if "(document kept)" not in p.reason)


def _say(quiet: bool, msg: str) -> None:
    if not quiet:
        print(f"strife: watch: {msg}", file=sys.stderr, flush=True)


def poll_once(source: Path, db: Path, out: Path | None, state: WatchState, settings, quiet: bool = False,
              settle: float = SETTLE_SECONDS) -> dict:
    """One poll: codes what is new. Returns counts {files, documents, problems, events}."""
    from .pipeline import Progress, run

    files = changed_files(source, state, settle)
    if not files:
        return {"files": 0, "documents": 0, "problems": 0, "failed": 0, "events": None}
    max_chars = getattr(settings, "max_document_chars", None)
    docs, problems, read = new_documents(files, db, state, max_chars)
    failed_here: list[InputProblem] = list(problems)
    for p in problems:
        print(f"strife: {p}", file=sys.stderr, flush=True)

    def on_doc(d):
        if d.status in ("skipped", "failed"):
            print(f"strife: {d.path}{':' + str(d.line) if d.line else ''}: {d.status}: {d.reason}",
                  file=sys.stderr, flush=True)

    def on_problem(p):
        failed_here.append(p)
        print(f"strife: {p}", file=sys.stderr, flush=True)

    state.problems = [p for p in state.problems if p.path not in {str(f) for f in read}] + failed_here
    if not docs:
        _say(quiet, f"{len(read)} changed file(s), nothing new to code")
        return {"files": len(read), "documents": 0, "problems": len(failed_here), "failed": _n_failed(failed_here),
                "events": None}
    result = run(docs, settings=settings, db=db, progress=Progress(on_document=on_doc, on_problem=on_problem))
    if out is not None:
        from .outputs import write_outputs

        write_outputs(out, result.events, result.tallies, result.documents, state.problems)
    failed_here += [InputProblem(d.path or d.doc_id, d.reason or d.status, d.line)
                    for d in docs if d.status == "failed"]
    coded = sum(1 for d in docs if d.status == "ok")
    _say(quiet, f"coded {coded} new report(s) from {len(read)} file(s); the store holds {len(result.events)} events"
                + (f"; outputs in {out}/" if out else ""))
    return {"files": len(read), "documents": coded, "problems": len(failed_here), "failed": _n_failed(failed_here),
            "events": len(result.events)}


def cmd_watch(args) -> int:
    from .settings import load_settings

    source: Path = args.source
    if not source.exists():
        raise StrifeError(f"nothing to watch at {source}: give a folder of reports or a feed file")
    settings = load_settings()
    state = WatchState()
    quiet = bool(getattr(args, "quiet", False))
    interval = max(0.1, float(getattr(args, "interval", 10.0) or 10.0))
    _say(quiet, f"watching {source} every {interval:g} s; store {args.db}" + ("" if args.once else "; Ctrl-C to stop"))
    any_failed = False
    while True:
        counts = poll_once(source, args.db, args.out, state, settings, quiet=quiet, settle=0.0 if args.once else
                           SETTLE_SECONDS)
        any_failed = any_failed or counts["failed"] > 0
        if args.once:
            return 2 if any_failed else 0
        time.sleep(interval)
