"""Loads the knowledge files under strife/data once per process (trigger words, counting words)."""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml


def data_path(name: str):
    return resources.files("strife") / "data" / name


# libyaml's C parser where PyYAML was built with it (the wheels are): parsing actors.yaml took 1.3 s
# with the pure-Python one, in every worker.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text_or_file) -> object:
    """yaml.safe_load, with the C parser when there is one."""
    return yaml.load(text_or_file, Loader=_LOADER)  # noqa: S506 - a safe loader


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    with data_path(name).open(encoding="utf-8") as f:
        return parse_yaml(f)


class Triggers:
    """Trigger lemmas and phrases to families, with priorities; cue words for sub-event types."""

    def __init__(self, data: dict):
        self.priority: dict[str, int] = {}
        self.lemmas: dict[str, str] = {}
        self.phrases: list[tuple[str, str]] = []
        for fam, spec in data["families"].items():
            self.priority[fam] = spec["priority"]
            for lem in spec.get("lemmas") or []:
                # A lemma listed under two families keeps the higher-priority one.
                if lem not in self.lemmas or spec["priority"] > self.priority[self.lemmas[lem]]:
                    self.lemmas[lem] = fam
            for ph in spec.get("phrases") or []:
                self.phrases.append((ph.lower(), fam))
        self.phrases.sort(key=lambda x: -len(x[0]))
        # One compiled alternation, longest phrase first, instead of one search per phrase per sentence.
        self.phrase_family = dict((ph, fam) for ph, fam in reversed(self.phrases))
        self.phrase_re = re.compile(r"\b(?:" + "|".join(re.escape(ph) for ph, _ in self.phrases) + r")\b")
        self.labels: dict[str, str] = {k.lower(): v for k, v in (data.get("labels") or {}).items()}
        self.priority.setdefault("territory_peaceful", 69)
        self.cues: dict[str, tuple[set[str], list[str]]] = {}
        for name, words in data["cues"].items():
            single = {w.lower() for w in words if " " not in w}
            multi = [w.lower() for w in words if " " in w]
            self.cues[name] = (single, multi)
        # Support by fire and remote attacks on positions (see triggers.yaml): kept as cues too.
        support = data.get("support") or {}
        self.support_verbs: set[str] = set(support.get("verbs") or [])
        self.support_nouns: set[str] = set(support.get("nouns") or [])
        remote = data.get("remote") or {}
        self.remote_verbs: set[str] = set(remote.get("verbs") or [])
        for name, words in (("support_means", support.get("means") or []),
                            ("remote_targets", remote.get("targets") or []),
                            ("remote_ground", remote.get("ground") or [])):
            self.cues[name] = ({w.lower() for w in words if " " not in w}, [w.lower() for w in words if " " in w])

    def has_cue(self, name: str, words: set[str], text_lower: str) -> bool:
        single, multi = self.cues[name]
        return bool(single & words) or any(m in text_lower for m in multi)


@functools.lru_cache(maxsize=None)
def triggers() -> Triggers:
    return Triggers(load_yaml("triggers.yaml"))


@functools.lru_cache(maxsize=None)
def quantities() -> dict:
    q = load_yaml("quantities.yaml")
    q["qualifier_list"] = sorted(q["qualifiers"].items(), key=lambda kv: -len(kv[0]))
    fig = {}
    for kind, words in q["figures"].items():
        for w in words:
            fig.setdefault(w, kind)
    q["figure_of"] = fig
    return q
