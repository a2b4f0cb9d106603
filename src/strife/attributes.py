"""attributes: the model's attribute rules (spaCy's `attribute_ruler`: coarse POS and morphology from
each fine-grained tag, and its exceptions) applied by lookup instead of by spaCy's Matcher.

The rules are the loaded model's own, read from its attribute_ruler when the pipeline is loaded; the
result is the same POS, MORPH, LEMMA, TAG and DEP on every token (tests/test_attributes.py compares
the two on reports). spaCy's component runs a Matcher over every token for every one of its rules (179
in the small English model) and sets each match through a Span: on news text it took longer than the
parser. Here each token looks up only the rules that name its lower-cased form, tag or dependency, and
the values are written back as arrays.

A model whose rules use a token attribute or operator not read here keeps spaCy's component
(`compile_rules` returns None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The token attributes and operators a rule may use to be compiled here.
_KEYS = {"LOWER", "TAG", "DEP", "IS_SPACE"}
_OPS = {"IN", "NOT_IN", "REGEX"}
# The attributes a rule may set (POS and MORPH are written back as arrays, since nearly every token
# gets them; the rest one token at a time, since they are rare).
_SETS = {"POS", "MORPH", "LEMMA", "TAG", "DEP"}


@dataclass(frozen=True)
class _Rule:
    order: int  # spaCy applies matches by their rule's order: later rules overwrite earlier ones
    tokens: tuple  # per token of the pattern: ((key, op, value), ...)
    attrs: tuple  # ((attribute id, value id), ...), as spaCy's component stores them
    index: int  # which token of the match gets the attributes


def compile_rules(ruler) -> "AttributeRules | None":
    """The attribute ruler's rules in lookup form, or None if one of them is beyond this reading."""
    from spacy.tokens._retokenize import normalize_token_attrs

    rules = []
    for order, p in enumerate(ruler.patterns):
        if set(p["attrs"]) - _SETS:
            return None
        attrs = tuple(sorted(normalize_token_attrs(ruler.vocab, dict(p["attrs"])).items()))
        for pattern in p["patterns"]:
            tokens = []
            for tok in pattern:
                conds = []
                for key, val in tok.items():
                    if key not in _KEYS or (isinstance(val, dict) and (len(val) != 1 or set(val) - _OPS)):
                        return None
                    op, v = next(iter(val.items())) if isinstance(val, dict) else ("==", val)
                    conds.append((key, op, _value(ruler.vocab, key, op, v)))
                tokens.append(tuple(conds))
            rules.append(_Rule(order, tuple(tokens), attrs, p["index"]))
    return AttributeRules(rules)


def _value(vocab, key: str, op: str, v):
    """A rule's value as the token arrays hold it: strings as their hashes (a regular expression is
    tried on the string), IS_SPACE as 0 or 1."""
    if op == "REGEX":
        return re.compile(v)
    code = (lambda x: int(bool(x))) if key == "IS_SPACE" else vocab.strings.add
    return frozenset(code(x) for x in v) if op in ("IN", "NOT_IN") else code(v)


def _holds(conds, tok, strings) -> bool:
    """Does the token meet every condition? tok: its (lower, tag, dep) hashes and is_space (0 or 1)."""
    for key, op, v in conds:
        x = tok[_FIELD[key]]
        if op == "==":
            if x != v:
                return False
        elif op == "IN":
            if x not in v:
                return False
        elif op == "NOT_IN":
            if x in v:
                return False
        elif not v.search(strings[x]):
            return False
    return True


_FIELD = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}


class AttributeRules:
    """The rules that look at one token, merged per distinct token (its lower-cased form, tag,
    dependency, whitespace: far fewer than the tokens of a corpus); the few that look at two tokens
    indexed by the value their first token must have and tried where it has it."""

    MEMO_SIZE = 200_000  # distinct tokens remembered (emptied when full)

    def __init__(self, rules: list[_Rule]):
        self.single = [r for r in rules if len(r.tokens) == 1]
        self.index: dict[tuple, list[_Rule]] = {}
        self.always: list[_Rule] = []
        for r in rules:
            if len(r.tokens) == 1:
                continue
            keys = _keys(r.tokens[0])
            if keys is None:
                self.always.append(r)
            for k in keys or ():
                self.index.setdefault(k, []).append(r)
        self.memo: dict[tuple, tuple] = {}

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG
        from spacy.tokens._retokenize import set_token_attrs

        strings = doc.vocab.strings
        toks = [tuple(row) for row in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()]
        arr = doc.to_array([POS, MORPH])
        longer = self._longer_matches(toks, strings)
        if len(self.memo) > self.MEMO_SIZE:
            self.memo.clear()
        for i, tok in enumerate(toks):
            memo = self.memo.get(tok)
            if memo is None:
                hits = tuple((r.order, r.attrs) for r in self.single if _holds(r.tokens[0], tok, strings))
                memo = self.memo[tok] = (hits, _merged(hits))
            pos, morph, rest = memo[1] if i not in longer else _merged(tuple(sorted(memo[0] + tuple(longer[i]))))
            if pos is not None:
                arr[i, 0] = pos
            if morph is not None:
                arr[i, 1] = morph
            if rest:
                set_token_attrs(doc[i], rest)
        doc.from_array([POS, MORPH], arr)
        return doc

    def _longer_matches(self, toks: list[tuple], strings) -> dict[int, list]:
        """{token: [(rule order, attributes)]} of the rules of two or more tokens that match."""
        out: dict[int, list] = {}
        for i, (lower, tag, dep, space) in enumerate(toks):
            for r in [*self.index.get(("LOWER", lower), ()), *self.index.get(("DEP", dep), ()),
                      *self.index.get(("TAG", tag), ()), *self.index.get(("IS_SPACE", space), ()), *self.always]:
                n = len(r.tokens)
                if i + n <= len(toks) and all(_holds(c, toks[i + j], strings) for j, c in enumerate(r.tokens)):
                    out.setdefault(i + (r.index if r.index >= 0 else n + r.index), []).append((r.order, r.attrs))
        return out


def _merged(hits: tuple) -> tuple:
    """(POS, MORPH, {other attribute: value}) that the rules matched, applied in order, leave set."""
    from spacy.attrs import MORPH, POS

    final: dict[int, int] = {}
    for _order, attrs in hits:
        final.update(attrs)
    return final.pop(POS, None), final.pop(MORPH, None), final


def _keys(first) -> list[tuple] | None:
    """The index keys of a rule's first token: the value it must have, by lower-cased form, else
    dependency, else tag, else whitespace; None when it names none (tried everywhere)."""
    by = {key: (op, v) for key, op, v in first}
    for key in ("LOWER", "DEP", "TAG", "IS_SPACE"):
        op, v = by.get(key, (None, None))
        if op == "==":
            return [(key, v)]
        if op == "IN":
            return [(key, x) for x in v]
    return None


# The compiled rules of each loaded model, by its name, for the pipeline component below.
_LOADED: dict[str, AttributeRules] = {}


def use_attribute_rules(nlp, key: str) -> bool:
    """Replaces the pipeline's attribute_ruler by the same rules applied by lookup, where they can be
    compiled (see the module's docstring). `key`: the model's name."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    rules = compile_rules(nlp.get_pipe("attribute_ruler"))
    if rules is None:
        return False
    _LOADED[key] = rules
    if not Language.has_factory("strife_attributes"):
        Language.factory("strife_attributes", default_config={"key": ""}, func=lambda nlp, name, key: _LOADED[key])
    nlp.replace_pipe("attribute_ruler", "strife_attributes", config={"key": key})
    return True
