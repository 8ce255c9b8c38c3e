"""The extraction patterns (``knowledge/extraction_patterns.yml``), read and checked.

spaCy ``Matcher`` token patterns over the project's own pipeline, written with
named token lists (``UNIT``, ``CADENCE``...) that expand into every
combination; the words that end a duration, reject a match, bound an anchor
or a clause; the cues that name a rule item, and the condition words. A file
that cannot be used raises :class:`PatternError` naming the entry and why.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR

PATTERNS_FILE = KNOWLEDGE_DIR / "extraction_patterns.yml"
KINDS = ("within", "every", "milestone", "before")


class PatternError(ValueError):
    """The patterns file cannot be used; the message names the entry and why."""


@dataclass(frozen=True)
class PatternSpec:
    id: str
    kind: str  # a KINDS value or "auto"
    variants: Tuple[Tuple[dict, ...], ...]  # spaCy token patterns after expansion


@dataclass(frozen=True)
class PatternSpecs:
    patterns: Tuple[PatternSpec, ...]
    unit_words: frozenset  # lower-case words that end a duration (days, weekly, yearly...)
    reject_next: frozenset
    reject_previous: frozenset
    connectors: frozenset
    stop_tokens: frozenset
    stop_phrases: Tuple[Tuple[str, ...], ...]
    keep_phrases: Tuple[Tuple[str, ...], ...]
    anchor_max: int
    items: Tuple[Tuple[Optional[str], Tuple[Tuple[dict, ...], ...]], ...]
    cue_object_of: frozenset
    determiners: frozenset
    clause_boundaries: frozenset
    conditions: Tuple[Tuple[str, Tuple[Tuple[dict, ...], ...]], ...]


def _expand(pattern: Sequence[Any], tokens: Dict[str, list], where: str) -> List[Tuple[dict, ...]]:
    """Every combination of the named tokens' alternatives, as flat spaCy patterns."""
    choices: List[List[List[dict]]] = []
    for element in pattern:
        if isinstance(element, str):
            if element not in tokens:
                raise PatternError(f"{where}: unknown token name {element!r} (known: {', '.join(sorted(tokens))})")
            choices.append(tokens[element])
        elif isinstance(element, dict):
            choices.append([[element]])
        else:
            raise PatternError(f"{where}: each element must be a token name or one token pattern, got {element!r}")
    variants = []
    for combo in itertools.product(*choices):
        flat = tuple(tok for alt in combo for tok in alt)
        if flat:
            variants.append(flat)
    return variants


def _words(values: Any) -> frozenset:
    return frozenset(str(v).lower() for v in (values or []))


def _unit_words(tokens: Dict[str, list]) -> frozenset:
    """The words that end a duration: every LOWER value in the unit-like token lists."""
    words: set = set()
    for name in ("UNIT", "UNIT_NOUN", "UNIT_ONE", "CADENCE", "ALONE"):
        for alt in tokens.get(name, []):
            for tok in alt[-1:]:
                lower = tok.get("LOWER")
                if isinstance(lower, dict):
                    words.update(str(w).lower() for w in lower.get("IN", []))
                elif isinstance(lower, str):
                    words.add(lower.lower())
    return frozenset(words)


def load_pattern_specs(path: Path = PATTERNS_FILE) -> PatternSpecs:
    """Read and check the patterns file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PatternError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise PatternError(f"{path}: expected a mapping with 'tokens' and 'patterns'")
    tokens = data.get("tokens") or {}
    for name, alts in tokens.items():
        if not isinstance(alts, list) or not all(isinstance(a, list) for a in alts):
            raise PatternError(f"{path}: token {name!r} must be a list of alternatives (lists of token patterns)")
    specs = []
    seen = set()
    for raw in data.get("patterns") or []:
        pid = raw.get("id")
        if not pid or pid in seen:
            raise PatternError(f"{path}: every pattern needs a unique 'id' (got {pid!r})")
        seen.add(pid)
        kind = raw.get("kind")
        if kind not in KINDS + ("auto",):
            raise PatternError(
                f"{path}: pattern {pid}: unknown kind {kind!r} (expected one of {', '.join(KINDS)}, auto)"
            )
        variants = _expand(raw.get("pattern") or [], tokens, f"{path}: pattern {pid}")
        if not variants:
            raise PatternError(f"{path}: pattern {pid} is empty")
        specs.append(PatternSpec(id=pid, kind=kind, variants=tuple(variants)))
    anchor = data.get("anchor") or {}
    items = []
    for entry in data.get("items") or []:
        cues = tuple(tuple(c) for c in entry.get("cues") or [])
        items.append((entry.get("item"), cues))
    conditions = tuple((label, tuple(tuple(p) for p in pats)) for label, pats in (data.get("conditions") or {}).items())
    reject = data.get("reject") or {}
    return PatternSpecs(
        patterns=tuple(specs),
        unit_words=_unit_words(tokens),
        reject_next=_words(reject.get("next")),
        reject_previous=_words(reject.get("previous")),
        connectors=_words(anchor.get("connectors")),
        stop_tokens=_words(anchor.get("stop_tokens")),
        stop_phrases=tuple(tuple(str(w).lower() for w in p) for p in anchor.get("stop_phrases") or []),
        keep_phrases=tuple(tuple(str(w).lower() for w in p) for p in anchor.get("keep") or []),
        anchor_max=int(anchor.get("max_tokens", 25)),
        items=tuple(items),
        cue_object_of=_words(data.get("cue_object_of")),
        determiners=_words(data.get("determiners")),
        clause_boundaries=_words(data.get("clause_boundaries")),
        conditions=conditions,
    )
