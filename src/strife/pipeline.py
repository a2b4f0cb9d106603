"""The pipeline as library calls: ingest -> nlp -> extract -> resolve -> fuse -> store.

`process_documents` is the per-partition work (nlp, extract, resolve) that the local loop, worker
processes and the Ray runner all call; `run` ties the stages together and is what `strife.extract`
and the CLI use.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import gc
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .classify import classify_document, lead_mention, load_type_model
from .extraction import extract_document
from .fuse import ReportsRead, fuse
from .ingest import DuplicateFinder, Screening, ingest, screen
from .models import Document, InputProblem, Mention, RunResult, Tally
from .nlp import parse
from .resolve.stage import resolve_document
from .settings import Settings, load_settings
from .store import RowSpool, mention_row


@dataclass
class Progress:
    """Callbacks a caller may pass to follow a run (the CLI draws a progress bar with them)."""

    on_document: Callable[[Document], None] | None = None
    on_problem: Callable[[InputProblem], None] | None = None


@dataclass
class Knowledge:
    """The loaded lexicons and gazetteer, once per process."""

    gazetteer: object
    actors: object
    types: object = None  # classify.TypeModel, or None when settings.type_model is "none"

    @classmethod
    def load(cls, settings: Settings) -> "Knowledge":
        from .resolve.actors import ActorResolver
        from .resolve.gazetteer import Gazetteer

        with _collector_paused():
            gaz = Gazetteer(extra_files=tuple(settings.gazetteer_files)) if settings.gazetteer_files else Gazetteer.default()
            return cls(gazetteer=gaz, actors=_actor_resolver(settings), types=load_type_model(settings))


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off while the knowledge loads: unpickling the gazetteer and the
    type model makes millions of objects, none of them garbage, and the collector ran about a thousand
    times over them (0.27 s; a 2 MB one-worker run spent 1.14 s in collections, 0.48 s with it paused).
    Also while a run fuses and stores its mentions (run)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _actor_resolver(settings: Settings):
    """The packaged resolver, or one over the actor list `strife train` wrote beside its model."""
    from .resolve.actors import ActorResolver

    learned = Path(settings.type_model) / "acled_actors.tsv" if settings.type_model not in ("", "none") else None
    if learned is not None and learned.exists():
        return ActorResolver(learned=learned)
    return ActorResolver.default()


@dataclass
class DocResult:
    document: Document
    mentions: list[Mention] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)  # the mentions' store rows (store.mention_row), if asked
    screening: Screening | None = None  # what the document told of itself, if screened where it was coded


def process_documents(docs: Iterable[Document], settings: Settings, knowledge: Knowledge | None = None,
                      rows: bool = False, screen_here: bool = False):
    """nlp, extract and resolve over documents (status ok), streaming DocResults in input order; with
    `rows`, each carries its mentions' store rows, made where the work is done (in a worker process).
    With `screen_here`, the documents are screened first (ingest.screen: language and sketch, sent back
    with the result for the run to decide on), and one not in English is not coded."""
    k = knowledge or Knowledge.load(settings)
    if screen_here:
        yield from _screened(docs, settings, k, rows)
        return
    for doc, sdoc in parse(docs, settings.model, settings.batch_size, settings.max_document_chars,
                           settings.entities):
        yield _coded(doc, sdoc, k, rows)


def _screened(docs: Iterable[Document], settings: Settings, k: Knowledge, rows: bool):
    """process_documents(screen_here=True), streaming: the documents are screened as the parser asks
    for them, and those it is not given come back, in their place, with their screening only."""
    waiting: deque[tuple[Document, Screening]] = deque()

    def english():
        for d in docs:
            waiting.append((d, screen(d)))
            if waiting[-1][1].english:
                yield d

    for r in process_documents(english(), settings, k, rows):
        while waiting[0][0] is not r.document:
            yield _uncoded(*waiting.popleft())
        r.screening = waiting.popleft()[1]
        yield r
    while waiting:
        yield _uncoded(*waiting.popleft())


def _uncoded(doc: Document, screening: Screening) -> DocResult:
    return DocResult(doc, screening=screening)


def _coded(doc: Document, sdoc, k: Knowledge, rows: bool) -> DocResult:
    mentions, tallies = extract_document(doc, sdoc, gazetteer=k.gazetteer, actors=k.actors)
    mentions = mentions or lead_mention(doc, sdoc, k.gazetteer, k.types)
    mentions = resolve_document(doc, mentions, k.gazetteer, k.actors, tallies)
    mentions = classify_document(doc, mentions, k.types, k.actors)
    for m in mentions:
        m.place_matches = []  # chosen: a report is resolved from its own text and metadata only
    return DocResult(doc, mentions, tallies, [mention_row(m) for m in mentions] if rows else [])


def triage(items, documents: list[Document], problems: list[InputProblem], progress: Progress):
    """Ingest's output sorted: problems and every document are recorded; the documents to code are
    yielded. An exact copy is coded too: its mentions fuse with the original's, so the event lists both
    reports, while documents.jsonl marks it as a duplicate."""
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            if progress.on_problem:
                progress.on_problem(item)
            continue
        documents.append(item)
        if item.status in ("ok", "duplicate"):
            yield item
        elif progress.on_document:
            progress.on_document(item)


def run(inputs: Iterable[str | Path | Document], *, settings: Settings | None = None,
        published: dt.date | None = None, db: str | Path | None = None, workers: int = 1,
        progress: Progress | None = None) -> RunResult:
    settings = settings or load_settings()
    progress = progress or Progress()
    documents: list[Document] = []
    problems: list[InputProblem] = []

    def ok_documents():
        # screened as they are coded (process_documents; with workers, sketched here ahead of them and
        # their languages found there: workers._work), decided on here in input order (collect)
        yield from triage(ingest(inputs, published, settings.near_duplicate_threshold, settings.max_document_chars,
                                 screen_here=False), documents, problems, progress)

    # the mentions go to a spool file as reports are coded, and are read back to be fused (store.RowSpool)
    parallel = bool(workers and workers > 1)
    with RowSpool(keep=parallel) as spool:
        reading = None
        if parallel:
            from .workers import process_parallel

            results = process_parallel(ok_documents(), settings, workers, rows=True, screen_here=True)
            reading = ReportsRead(settings.fuse_max_km)  # (the reports read while the workers code: collect)
        else:
            results = process_documents(ok_documents(), settings, rows=True, screen_here=True)
        tallies = collect(results, progress, spool, reading, DuplicateFinder(settings.near_duplicate_threshold))
        _release_memory()
        with _collector_paused():  # (fusion makes many objects, and few are garbage: 0.15 s of the end)
            return finish(documents, spool, tallies, problems, settings, db, reading=reading)


def _release_memory() -> None:
    """Hands the memory that coding freed back to the system (glibc's malloc_trim) before fusion builds
    the run's mentions again: glibc keeps freed memory for reuse, and a 4 MB run's peak was sometimes that
    memory and the rebuilt mentions together (840 against 781 MB with it). Nothing where there is no glibc."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # (not glibc: musl, macOS, Windows)
        return
    trim(0)


def collect(results: Iterable[DocResult], progress: Progress, spool: RowSpool,
            reading: ReportsRead | None = None, screener: DuplicateFinder | None = None) -> list[Tally]:
    """The tallies of processed documents, in order; their mentions are written to `spool` as they come
    (their rows, made where the work was done, or made here), never held: a run's memory stays flat
    however many reports it codes. A report that names no country keeps none: it is not put in the
    run's most frequent country, so that a report's events never depend on which other reports share its
    run (local, worker and Ray runs agree). `reading`: each report is also read as its incidents (a spool
    that keeps its mentions). `screener` decides on the documents screened where they were coded."""
    tallies: list[Tally] = []
    for r in results:
        if r.screening is not None:
            screener.decide(r.document, r.screening)
        kept = spool.write(r.rows if r.rows or not r.mentions else [mention_row(m) for m in r.mentions])
        if reading is not None and kept is not None:
            reading.add(r.document, kept)
        tallies.extend(r.tallies)
        if progress.on_document:
            progress.on_document(r.document)
    return tallies


def finish(documents: list[Document], spool: RowSpool, tallies: list[Tally], problems: list[InputProblem],
           settings: Settings, db: str | Path | None, fuse_fn=None, reading: ReportsRead | None = None) -> RunResult:
    """Fuse this run's mentions (read back from `spool`, see collect) with those already stored, and
    store the result. fuse_fn(mentions, documents, max_km, previous_ids) defaults to fuse.fuse (given
    the reports `reading` read, if any); the Ray runner passes a blocked one."""
    fuse_fn = fuse_fn or functools.partial(fuse, reading=reading)
    docs_by_id = {d.doc_id: d for d in documents}
    mentions = list(spool.mentions())
    previous_ids: dict[str, str] = {}
    all_mentions = mentions
    store = None
    if db is not None:
        from .store import Store

        store = Store(db)
        run_ids = set(docs_by_id)
        for did, d in {d.doc_id: d for d in store.documents()}.items():
            docs_by_id.setdefault(did, d)
        all_mentions = [m for m in store.mentions() if m.doc_id not in run_ids] + mentions
        previous_ids = store.event_ids_by_mention()
    events = fuse_fn(all_mentions, docs_by_id, settings.fuse_max_km, previous_ids)
    all_tallies = tallies
    documents_all = documents
    if store is not None:
        run_ids = {d.doc_id for d in documents}
        all_tallies = [t for t in store.tallies() if t.doc_id not in run_ids] + tallies
        store.save_run(documents, mentions, tallies, events, spool)
        documents_all = store.documents()
        store.close()
    return RunResult(documents=documents_all, events=events, tallies=all_tallies, mentions=all_mentions,
                     problems=problems)
