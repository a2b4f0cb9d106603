"""`strife extract --engine ray [--address ADDR]`: the same stage functions on a Ray cluster (Ray Data).

1. read: Ray Data reads the input files in parallel (one task per file: parsing, cleaning, date
   inference, i.e. ingest.read_path);
2. ingest's ordered decisions (distinct ids, language, exact and near duplicates) need every earlier
   document, so the driver makes them over the stream of read documents, in input order, with
   ingest.ingest, exactly as a local run does;
3. nlp, extract, resolve: `map_batches` over the documents with an actor pool; each actor loads the
   gazetteer, actors and spaCy model once and runs pipeline.process_documents on its batches;
4. fuse: mentions are blocked by country (fuse never joins mentions of two countries), each block is
   fused in its own Ray task, and the blocks' events are merged with fuse's own rules (an earlier event
   id goes to the largest claimant, events sorted by date, country, place);
5. store and outputs: as a local run, on the driver.

The result equals a local run's on the same input (a test checks this on the sample reports and notes from
several countries, some naming none; on dev-600 the files are byte-identical).
Install with `pip install strife[distributed]`.
"""
from __future__ import annotations

import datetime as dt
import functools
import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import StrifeError
from .models import Document, InputProblem, Mention, RunResult

BATCH_SIZE = 16


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise StrifeError("--engine ray needs Ray: `pip install strife[distributed]` (or `pip install 'ray[data]'`)") \
            from None
    return ray


# ------------------------------------------------------------------ stage functions (run on the cluster)

def _read_batch(batch: dict, max_chars: int | None = None) -> dict:
    """Ray Data batch of {order, path, published} -> {order, sub, payload}: every item read_path gives."""
    import inspect

    from .ingest import read_path

    kw = {"max_chars": max_chars} if max_chars and "max_chars" in inspect.signature(read_path).parameters else {}
    orders, subs, payloads = [], [], []
    for order, path, published in zip(batch["order"], batch["path"], batch["published"], strict=True):
        pub = dt.date.fromisoformat(published) if published else None
        for i, item in enumerate(read_path(Path(path), pub, **kw)):
            orders.append(int(order))
            subs.append(i)
            payloads.append(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    return {"order": orders, "sub": subs, "payload": payloads}


class _Processor:
    """An actor of the pool: knowledge and spaCy model loaded once, then batches of documents."""

    def __init__(self, settings_data: dict):
        from .nlp import load_model
        from .pipeline import Knowledge
        from .settings import Settings

        self.settings = Settings(**settings_data)
        self.knowledge = Knowledge.load(self.settings)
        load_model(self.settings.model, self.settings.entities)

    def __call__(self, batch: dict) -> dict:
        from .pipeline import process_documents

        docs = [pickle.loads(p) for p in batch["payload"]]
        results = list(process_documents(docs, self.settings, self.knowledge))
        return {"order": list(batch["order"]),
                "payload": [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]}


def _merge_events(blocks: list[list]) -> list:
    """Events of country blocks, merged as fuse merges its own blocks (fuse.settle)."""
    from .fuse import settle

    return settle([e for block in blocks for e in block])


# ------------------------------------------------------------------ driver

def _init_cluster(ray, address: str | None) -> bool:
    """Connects to (or starts) a cluster; True when this call started it (and should stop it)."""
    if ray.is_initialized():
        return False
    kwargs = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(**kwargs)
    return True


def _data_context():
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.execution_options.preserve_order = True  # outputs in input order, as a local run
    ctx.enable_progress_bars = False
    for name in ("print_on_execution_start", "enable_operator_progress_bars"):
        if hasattr(ctx, name):
            setattr(ctx, name, False)
    return ctx


def run_ray(inputs: Iterable[str | Path], *, settings=None, published: dt.date | None = None,
            db: str | Path | None = None, address: str | None = None, progress=None,
            batch_size: int = BATCH_SIZE) -> RunResult:
    from .ingest import ingest
    from .pipeline import Progress, collect, finish, triage
    from .settings import load_settings
    from .store import RowSpool

    ray = _ray()
    settings = settings or load_settings()
    progress = progress or Progress()
    started = _init_cluster(ray, address)
    try:
        _data_context()
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # 1. read, in parallel; 2. ingest's ordered decisions, on the driver, exactly as a local run makes them
        items = _read_parallel(ray, inputs, published, settings, cpus)
        documents: list[Document] = []
        problems: list[InputProblem] = []
        ok = list(triage(_ingest_items(ingest, items, published, settings.near_duplicate_threshold),
                         documents, problems, progress))
        # 3. nlp, extract, resolve in an actor pool
        results = _process_parallel(ray, ok, settings, cpus, batch_size)
        with RowSpool() as spool:
            tallies = collect(results, progress, spool)
            # 4. fuse by country blocks, one Ray task each; 5. store (the same library call as a local run)
            return finish(documents, spool, tallies, problems, settings, db, functools.partial(_fuse_blocks, ray))
    finally:
        if started:
            ray.shutdown()


def _read_parallel(ray, inputs: Iterable[str | Path], published: dt.date | None, settings,
                   cpus: int) -> Iterator:
    """Every input's documents and problems, read by Ray tasks, in the order a local run reads them
    (inputs in order, each folder's files in order, each file's items in order). A missing input is a
    problem, as in a local run."""
    from .ingest import expand_inputs

    order_items: list = []  # per input position: its files, or an InputProblem
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            order_items.append(InputProblem(str(p), "no such file or folder"))
            continue
        order_items.append(list(expand_inputs([p])))
        files += order_items[-1]
    read_items: dict[int, list] = defaultdict(list)
    if files:
        rows = [{"order": i, "path": str(f), "published": published.isoformat() if published else ""}
                for i, f in enumerate(files)]
        ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), cpus * 4))
        ds = ds.map_batches(_read_batch, batch_size=1, batch_format="numpy",
                            fn_kwargs={"max_chars": settings.max_document_chars})
        for r in ds.iter_rows():
            read_items[int(r["order"])].append((int(r["sub"]), pickle.loads(r["payload"])))
    n = 0
    for entry in order_items:
        if isinstance(entry, InputProblem):
            yield entry
            continue
        for _ in entry:
            for _, it in sorted(read_items.pop(n, []), key=lambda x: x[0]):
                yield it
            n += 1


def _process_parallel(ray, ok: list[Document], settings, cpus: int, batch_size: int) -> list:
    """pipeline.DocResults of the documents, in their order, from an actor pool (_Processor) of one
    actor per CPU."""
    if not ok:
        return []
    payload = [{"order": i, "payload": pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)} for i, d in enumerate(ok)]
    ds = ray.data.from_items(payload, override_num_blocks=max(1, min(len(payload) // batch_size + 1, cpus * 4)))
    ds = ds.map_batches(_Processor, fn_constructor_kwargs={"settings_data": settings.model_dump()},
                        batch_size=batch_size, batch_format="numpy", num_cpus=1,
                        compute=ray.data.ActorPoolStrategy(size=cpus))
    got = {int(r["order"]): pickle.loads(r["payload"]) for r in ds.iter_rows()}
    return [got[i] for i in range(len(ok))]


def _fuse_blocks(ray, all_mentions: list[Mention], docs_by_id: dict, max_km: float, previous_ids: dict) -> list:
    """pipeline.finish's fusion: the reports read as their incidents here (fuse.read_blocks), the incidents
    in blocks by country, each block fused by one Ray task, as fuse fuses its blocks."""
    from .fuse import fuse_block, read_blocks

    blocks = read_blocks(all_mentions, docs_by_id, max_km)
    fuse_remote = ray.remote(fuse_block)
    refs = []
    for cc in sorted(blocks, key=lambda c: c or ""):
        told = blocks[cc]
        ids = {m.doc_id for t in told for m in t.incident.mentions}
        keys = {m.mention_id for t in told for m in t.incident.mentions}
        refs.append(fuse_remote.remote(told, {k: v for k, v in docs_by_id.items() if k in ids}, max_km,
                                       {k: v for k, v in previous_ids.items() if k in keys}))
    return _merge_events(ray.get(refs))


def _ingest_items(ingest, items, published, threshold):
    """ingest.ingest over already-read items: InputProblems pass through, Documents get the ordered
    decisions (ids, language, duplicates)."""
    buffer: list = []

    def docs_only():
        for it in items:
            if isinstance(it, InputProblem):
                buffer.append(it)
                continue
            yield it

    for out in ingest(docs_only(), published, threshold):
        while buffer:
            yield buffer.pop(0)
        yield out
    while buffer:
        yield buffer.pop(0)


