"""strife: news reports about political violence in, an event dataset an analyst can trust out.

    import strife
    result = strife.extract(["reports/"], published="2020-02-21")
    for event in result.events: ...

The CLI (`strife extract`), the API (`strife serve`) and the Ray runner are thin layers over this.
Importing the package loads nothing else: its names load when first used (PEP 562), so that
`strife extract --workers N` starts its workers' fork server before the pipeline's modules load (they
take 0.6 s; the server loads them too, in parallel).
"""
from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

__version__ = "0.1.0"

_LAZY = {"Document": "models", "Event": "models", "Tally": "models", "RunResult": "models",
         "Settings": "settings", "load_settings": "settings"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'strife' has no attribute '{name}'")


def extract(inputs, *, published: str | dt.date | None = None, db: str | Path | None = None,
            settings=None, workers: int = 1, progress=None):
    """Code reports into events (a models.RunResult). `inputs`: paths (files or folders) or Document
    objects, or a mix. `settings`: a settings.Settings; the defaults (and a config file's) if not given."""
    from .models import Document
    from .pipeline import run

    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return run(inputs, settings=settings, published=published, db=db, workers=workers, progress=progress)


__all__ = ["extract", "Document", "Event", "Tally", "RunResult", "Settings", "load_settings"]
