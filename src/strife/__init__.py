"""strife: news reports about political violence in, an event dataset an analyst can trust out.

    import strife
    result = strife.extract(["reports/"], published="2020-02-21")
    for event in result.events: ...

The CLI (`strife extract`), the API (`strife serve`) and the Ray runner are thin layers over this.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import pipeline as _pipeline  # noqa: F401  (imports the stage module strife.extract first,
# so that the function below, not the module, is what `strife.extract` names)
from .models import Document, Event, RunResult, Tally
from .settings import Settings, load_settings

__version__ = "0.1.0"


def extract(inputs, *, published: str | dt.date | None = None, db: str | Path | None = None,
            settings: Settings | None = None, workers: int = 1, progress=None) -> RunResult:
    """Code reports into events. `inputs`: paths (files or folders) or Document objects, or a mix."""
    from .pipeline import run

    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return run(inputs, settings=settings, published=published, db=db, workers=workers, progress=progress)


__all__ = ["extract", "Document", "Event", "Tally", "RunResult", "Settings", "load_settings"]
