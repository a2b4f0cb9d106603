"""Local worker processes for nlp, extract and resolve (`strife extract --workers N`).

The main process ingests (reading, cleaning, duplicate detection need the whole stream in order) and
hands documents to N worker processes in chunks; each worker loads the gazetteer, the actor lexicon and
the spaCy model once (the pool initializer) and runs `pipeline.process_documents` on each chunk, the same
function the one-process run uses, so results are identical. Results come back in input order.

Streaming: at most a few chunks per worker are in flight, so memory stays flat however large the corpus
(a plain Pool.imap would read the whole input ahead). A worker that dies (killed, out of memory) stops
the run with an error instead of hanging it.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from .errors import StrifeError
from .models import Document
from .settings import Settings

CHUNK_SIZE = 16  # documents per task: large enough to batch nlp.pipe, small enough to balance load
IN_FLIGHT_PER_WORKER = 3

_state: dict = {}


def _context():
    """forkserver where there is one (Linux, macOS): workers start from a clean, preloaded server
    process, never from a copy of a parent that may hold threads or open files; else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["strife.pipeline", "strife.extract", "strife.resolve.stage", "spacy",
                                    "strife.warm"])
        return ctx
    return mp.get_context("spawn")


def preload_default() -> None:
    """The default settings' knowledge and model, loaded in this process (the fork server: strife.warm)
    for the workers it forks. A failure is left for the worker to meet and report with its first task."""
    from .nlp import load_model
    from .pipeline import Knowledge
    from .settings import load_settings

    try:
        settings = load_settings()
        _state["preloaded"] = (settings, Knowledge.load(settings))
        load_model(settings.model, settings.entities)
    except Exception:  # noqa: BLE001 - the worker loads again, and raises there
        _state.pop("preloaded", None)


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


def _work(chunk: list[Document]) -> list:
    from .pipeline import process_documents

    if "error" in _state:
        raise _state["error"]
    return list(process_documents(chunk, _state["settings"], _state["knowledge"]))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_parallel(docs: Iterable[Document], settings: Settings, workers: int,
                     chunk_size: int = CHUNK_SIZE) -> Iterator:
    """pipeline.DocResults for docs (status ok), computed in `workers` processes, in input order."""
    from .pipeline import process_documents

    if workers <= 1:
        yield from process_documents(docs, settings)
        return
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        # started now, it loads the knowledge (strife.warm) while the first documents are ingested
        from multiprocessing import forkserver
        forkserver.ensure_running()
    chunks = _chunks(docs, chunk_size)
    first = list(islice(chunks, 2))
    if len(first) <= 1:
        # one chunk or less (a few reports): starting processes, each loading the model and gazetteer,
        # would cost more than it saves, so the work is done here, with the same function
        yield from process_documents(first[0] if first else [], settings)
        return
    chunks = chain(first, chunks)
    data = settings.model_dump()
    window = max(2, workers * IN_FLIGHT_PER_WORKER)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(data, os.getpid())) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as e:
            raise StrifeError(f"a worker process died ({e}); rerun, or use fewer --workers if memory is short") \
                from None
        finally:
            for f in pending:
                f.cancel()
