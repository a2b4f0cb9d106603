"""Local worker processes for nlp, extract and resolve (`strife extract --workers N`).

The main process reads and cleans the reports and hands them to N worker processes in chunks; each
worker loads the gazetteer, the actor lexicon and the spaCy model once (the pool initializer) and runs
`pipeline.process_documents` on each chunk, the same function the one-process run uses, so results are
identical. The reports are screened on both sides: the main process sketches each (MinHash, for near
duplicates) as it reads ahead, and a worker finds its language before coding it; the decisions that need
the whole stream in order (duplicates) are the main process's, as results come back in input order
(pipeline.collect).

Streaming: at most a few chunks per worker are in flight, so memory stays flat however large the corpus
(a plain Pool.imap would read the whole input ahead). A worker that dies (killed, out of memory) stops
the run with an error instead of hanging it.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING

from .errors import StrifeError
from .models import Document

if TYPE_CHECKING:
    from .settings import Settings

CHUNK_SIZE = 16  # documents per task: large enough to batch nlp.pipe, small enough to balance load
IN_FLIGHT_PER_WORKER = 3
TAIL_CHUNK = 2  # the smallest chunk at a run's end (_chunks)
READ_AHEAD_CHARS = 4_000_000  # a few MB of text read ahead while waiting (_ReadAhead)

_state: dict = {}


def _context():
    """forkserver where there is one (Linux, macOS): workers start from a clean, preloaded server
    process, never from a copy of a parent that may hold threads or open files; else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["strife.pipeline", "strife.extraction", "strife.resolve.stage", "spacy",
                                    "strife.warm"])
        return ctx
    return mp.get_context("spawn")


def preload_default() -> None:
    """The default settings' knowledge and model, loaded in this process (the fork server: strife.warm)
    for the workers it forks, and the language model (for _work's screening). A failure is left for the
    worker to meet and report with its first task. The near-duplicate sketches' datasketch (and its
    scipy, 0.6 s) is not loaded here: the main process sketches (_sketched_chunks)."""
    from .ingest import _language_identifier
    from .nlp import load_model
    from .pipeline import Knowledge
    from .settings import load_settings

    _steady_heap()
    try:
        settings = load_settings()
        _state["preloaded"] = (settings, Knowledge.load(settings))
        load_model(settings.model, settings.entities)
    except Exception:  # noqa: BLE001 - the worker loads again, and raises there
        _state.pop("preloaded", None)
    with contextlib.suppress(Exception):  # (met again, and reported, where a worker finds a language)
        _language_identifier()
    # what is loaded lives as long as the workers: out of the collector's reach, so that a worker's
    # collections neither scan it nor, by touching each object, copy the server's pages into every worker
    # (the gazetteer and model are most of a worker's memory)
    gc.freeze()


# glibc's mallopt parameters, and the values a worker's heap keeps (see _steady_heap)
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
HEAP_KEEP_BYTES = 256 << 20
HEAP_TOP_PAD_BYTES = 64 << 20
MMAP_THRESHOLD_BYTES = 32 << 20


def _steady_heap() -> None:
    """A worker's heap kept at its size between chunks (set in the fork server; its workers inherit it):
    by default glibc gives freed memory back to the system at once, and maps each large array (the
    parser's, per batch) afresh, so that a worker faulted in some 2 GB of pages over a 2 MB run (560,000
    minor faults, 1.6 s of system time each) against 31,000 with these settings. Nothing where there is
    no glibc."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # (not glibc: musl, macOS, Windows)
        return
    mallopt(_M_TRIM_THRESHOLD, HEAP_KEEP_BYTES)
    mallopt(_M_TOP_PAD, HEAP_TOP_PAD_BYTES)
    mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)


def _exit_with(parent: int) -> None:
    """Ends this worker when the run that started it is gone (killed with SIGKILL, say): a worker
    blocked writing a result nobody reads would otherwise live on, holding its model in memory."""
    def watch():
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # another user's process took the pid: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="strife-parent-watch", daemon=True).start()


def _init_worker(settings_data: dict, parent: int | None = None) -> None:
    from .nlp import load_model
    from .pipeline import Knowledge
    from .settings import Settings

    if parent is not None:
        _exit_with(parent)
    try:
        settings = Settings(**settings_data)
        _state["settings"] = settings
        preloaded = _state.pop("preloaded", None)
        _state["knowledge"] = preloaded[1] if preloaded and preloaded[0] == settings else Knowledge.load(settings)
        load_model(settings.model, settings.entities)
    except Exception as e:  # noqa: BLE001 - kept and raised with the first task, so the parent sees the message
        _state["error"] = e


def _work(chunk: list[Document], rows: bool = False, languages: bool = False) -> list[tuple]:
    """(language, (country, mentions, tallies, rows)) of each document of the chunk, in order. With
    `languages`, each document's language is found first (ingest.detect_language), and one not in
    English is not coded: its second item is None. The document itself is not sent back: the main
    process holds it (_results pairs them again), and its text would be pickled twice more for nothing;
    the country is the one field of it that process_documents fills. With `rows`, the mentions go back
    as their store rows only: the main process writes those to its spool (pipeline.collect) and never
    needs the objects, so they are neither pickled nor rebuilt."""
    from .ingest import Screening, detect_language
    from .pipeline import process_documents

    if "error" in _state:
        raise _state["error"]
    found = [detect_language(d.text) if languages else None for d in chunk]
    english = [Screening(lang).english for lang in found]
    coded = process_documents((d for d, ok in zip(chunk, english) if ok), _state["settings"], _state["knowledge"],
                              rows)
    out = []
    for lang, ok in zip(found, english):
        r = next(coded) if ok else None
        out.append((lang, (r.document.country, [] if rows else r.mentions, r.tallies, r.rows) if r else None))
    return out


@dataclass
class _Chunk:
    """Documents sent to a worker together, with their near-duplicate sketches (ingest.sketch) when the
    run screens them (the workers then find their languages: _work)."""

    docs: list[Document]
    sketches: list | None = None

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.docs)


def _sketched_chunks(chunks: Iterator[list[Document]]) -> Iterator[_Chunk]:
    """Chunks sketched here, in the main process, as they are read: ahead of the workers, while this
    process waits for them (_ReadAhead), most of all while the fork server loads the model (a 2 MB
    corpus is sketched before the workers start, on the core that would be idle), so that neither the
    server nor the workers load datasketch and scipy (0.6 s before any worker could start)."""
    from .ingest import sketch

    for docs in chunks:
        yield _Chunk(docs, [sketch(d.text) for d in docs])


def _results(chunk: _Chunk, worked: list[tuple]) -> Iterator:
    """pipeline.DocResults of a chunk from what _work sent back for it, on this process's documents,
    with their screenings (ingest.Screening: the worker's language, this process's sketch) when the run
    screens them; a document not in English comes back with its screening only (as ingest.screen's)."""
    from .ingest import Screening
    from .pipeline import DocResult

    for i, (doc, (language, result)) in enumerate(zip(chunk.docs, worked, strict=True)):
        screening = None
        if chunk.sketches is not None:
            screening = Screening(language, chunk.sketches[i] if result is not None else None)
        if result is None:
            yield DocResult(doc, screening=screening)
            continue
        doc.country = result[0]
        yield DocResult(doc, *result[1:], screening=screening)


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Chunks of `size` documents, but the last two chunks' worth in ever smaller chunks (a quarter of
    what is left, at least TAIL_CHUNK): the workers take the last ones as they come free, and end closer
    together (a run's end waits for its slowest worker, which with whole chunks finished up to one chunk
    after the other, and with the halves of earlier sessions up to half a chunk: about 0.5 s)."""
    it = iter(docs)
    ahead: deque = deque(islice(it, 3 * size))
    while ahead:
        ahead.extend(islice(it, 3 * size - len(ahead)))
        n = size if len(ahead) > 2 * size else max(TAIL_CHUNK, min(size // 2, len(ahead) // 4))
        yield [ahead.popleft() for _ in range(min(n, len(ahead)))]


def start_server():
    """The pool's start context, its fork server started: the server then loads the knowledge and model
    (strife.warm) while this process goes on (loads the pipeline, ingests and sketches the first reports:
    _sketched_chunks). The CLI calls it before its own imports; process_parallel finds it running."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver
        forkserver.ensure_running()
    return ctx


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_parallel(docs: Iterable[Document], settings: Settings, workers: int,
                     chunk_size: int = CHUNK_SIZE, rows: bool = False, screen_here: bool = False) -> Iterator:
    """pipeline.DocResults for docs (status ok), computed in `workers` processes, in input order
    (`rows`: with their mentions' store rows, see process_documents, and then, from the worker
    processes, without the mentions themselves: see _work; `screen_here`: screened, see process_documents;
    with workers, sketched in this process, ahead of them, and their languages found in the workers:
    _sketched_chunks, _work)."""
    from .pipeline import process_documents

    if workers <= 1:
        yield from process_documents(docs, settings, rows=rows, screen_here=screen_here)
        return
    ctx = start_server()
    docs = iter(docs)
    first = list(islice(docs, chunk_size + 1))
    if len(first) <= chunk_size:
        # one chunk or less (a few reports): starting processes, each loading the model and gazetteer,
        # would cost more than it saves, so the work is done here, with the same function
        yield from process_documents(first, settings, rows=rows, screen_here=screen_here)
        return
    chunks = _chunks(chain(first, docs), chunk_size)
    chunks = _sketched_chunks(chunks) if screen_here else (_Chunk(c) for c in chunks)
    data = settings.model_dump()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(data, os.getpid())) as pool:
        try:
            yield from _in_order(pool, chunks, max(2, workers * IN_FLIGHT_PER_WORKER), rows)
        except BrokenProcessPool as e:
            raise StrifeError(f"a worker process died ({e}); rerun, or use fewer --workers if memory is short") \
                from None


def _in_order(pool, chunks: Iterator[_Chunk], window: int, rows: bool) -> Iterator:
    """The results of `chunks` worked in `pool`, in input order, with `window` chunks in flight. While
    the oldest result is not ready, later chunks are read ahead (_ReadAhead): this process's ingest,
    which would otherwise take a core from the workers, runs while it waits (the workers' first seconds
    go to loading the model)."""
    pending: deque = deque()
    source = _ReadAhead(chunks)
    try:
        while True:
            while len(pending) < window and (chunk := source.next()) is not None:
                pending.append((chunk, pool.submit(_work, chunk.docs, rows, chunk.sketches is not None)))
            if not pending:
                return
            while not pending[0][1].done() and source.read_one():
                pass
            chunk, future = pending.popleft()
            yield from _results(chunk, future.result())
    finally:
        for _, f in pending:
            f.cancel()


class _ReadAhead:
    """Chunks, some read before they are wanted: at most READ_AHEAD_CHARS of text, so that memory stays
    flat however large the corpus."""

    def __init__(self, chunks: Iterator[_Chunk]):
        self.chunks = chunks
        self.buffer: deque = deque()
        self.chars = 0

    def next(self) -> _Chunk | None:
        if not self.buffer:
            return next(self.chunks, None)
        chunk = self.buffer.popleft()
        self.chars -= chunk.chars
        return chunk

    def read_one(self) -> bool:
        """Reads one more chunk ahead; False when the buffer is full or the input ended."""
        if self.chars >= READ_AHEAD_CHARS or (chunk := next(self.chunks, None)) is None:
            return False
        self.buffer.append(chunk)
        self.chars += chunk.chars
        return True
