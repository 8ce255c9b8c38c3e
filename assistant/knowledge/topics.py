"""The taxonomy of procedural questions (``knowledge/topics.yml``), loaded and checked.

A :class:`Topic` is one kind of question a social worker asks about CIN procedure
("how often do I visit?", "who chairs the review?"). It carries:

* the due-date ``item`` it maps to when it is a timescale question (``visit``,
  ``cin_review``, ...; see ``assistant.rules.ITEMS``), and for step-down topics the
  ``route`` whose first-review rule answers it;
* ``core`` and ``related`` terms that find its passages in *any* authority's
  guidance (so a newly ingested council's document is answered with no code
  change), and ``cues``: the words workers use when asking (question-only);
* optional curated ``links`` per authority: (document, section, phrase), never a
  passage id, so a link survives re-ingestion; and optional curated ``silent``
  notes where a reader checked that an authority's guidance does not cover it.

Terms are matched after :func:`normalise` (abbreviations and statute references
made canonical by the ``aliases`` table, light stemming), so "S.47", "section 47"
and "s47" are one term, and "child protection" is "cp".

Loading is strict: an unknown item or route, a duplicate id, a link whose phrase
does not occur in its document, or an unknown key stops the load with a
:class:`TopicError` naming the file, the topic and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR, SOURCES_DIR
from assistant.domain.policy import ITEMS, ROUTES
from assistant.knowledge.corpus import CorpusError, SourceTexts, collapse_ws

TOPICS_FILE = KNOWLEDGE_DIR / "topics.yml"

_TOPIC_KEYS = {
    "id",
    "title",
    "description",
    "item",
    "route",
    "core",
    "related",
    "cues",
    "silent_text",
    "see_also",
    "links",
    "silent",
}
_LINK_KEYS = {"document", "section", "phrase"}
_ID = re.compile(r"[a-z][a-z0-9_]*")


class TopicError(ValueError):
    """The taxonomy file cannot be used; the message names the file, the topic and why."""

    def __init__(self, file: str, topic: Optional[str], reason: str) -> None:
        self.file = file
        self.topic = topic
        self.reason = reason
        where = f"{file}: topic {topic}" if topic else file
        super().__init__(f"{where}: {reason}")


# --------------------------------------------------------------------------- normalising text

_STATUTE = re.compile(r"\bs(?:ection|ec|\.)?\s*\.?\s*(\d{1,3})\b")
_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with without into onto about as is are was were be
    been being am do does did done i me my we our us you your he she they them their it its this that these
    those there here what which who whom whose when where why how can could should would will shall may might
    must have has had having not no so than then too very just also any all some each every other such only
    own same both few more most please tell know want wondering ok okay hi hello thanks thank yes yeah um
    er like really got get gets getting going gonna im ive id dont doesnt isnt arent wont cant""".split()
)
_IRREGULAR = {"children": "child", "kids": "kid", "people": "person", "families": "family", "meetings": "meeting"}


def stem(word: str) -> str:
    """A deliberately small suffix stripper: visits/visited/visiting -> visit; reviews -> review."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or any(ch.isdigit() for ch in word):
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stepped -> step, planning -> plan
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Aliases:
    """Phrase -> canonical term, applied (longest first) before tokenising."""

    pairs: Tuple[Tuple[str, str], ...] = ()

    def apply(self, text: str) -> str:
        text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
        text = re.sub(r"'s\b", "", text)
        text = _STATUTE.sub(lambda m: f" s{m.group(1)} ", text)
        text = re.sub(r"[^a-z0-9&+]+", " ", text)
        text = f" {collapse_ws(text)} "
        for phrase, canon in self.pairs:
            if f" {phrase} " in text:
                text = text.replace(f" {phrase} ", f" {canon} ")
                text = text.replace(f" {phrase} ", f" {canon} ")  # overlapping repeats
        return text


def tokens(text: str, aliases: "Aliases", *, keep_stopwords: bool = False) -> List[str]:
    """Normalised, stemmed tokens of ``text`` (stopwords dropped unless asked)."""
    out = []
    for word in _TOKEN.findall(aliases.apply(text)):
        if not keep_stopwords and word in STOPWORDS:
            continue
        out.append(stem(word))
    return out


@lru_cache(maxsize=8192)
def term(phrase: str, aliases: "Aliases") -> Tuple[str, ...]:
    """A keyword/cue phrase as a tuple of normalised tokens (stopwords kept inside phrases).

    Cached: the same few hundred topic terms are matched against passages for every answer.
    """
    return tuple(tokens(phrase, aliases, keep_stopwords=True))


# --------------------------------------------------------------------------- the taxonomy


@dataclass(frozen=True)
class Link:
    """A curated passage for a topic: the passage of ``document`` under ``section`` containing ``phrase``."""

    authority: str
    document: str
    section: str
    phrase: str


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    description: str
    item: Optional[str] = None
    route: Optional[str] = None
    core: Tuple[str, ...] = ()
    related: Tuple[str, ...] = ()
    cues: Tuple[str, ...] = ()
    silent_text: str = ""
    see_also: Tuple[str, ...] = ()
    links: Mapping[str, Tuple[Link, ...]] = field(default_factory=dict)
    silent: Mapping[str, str] = field(default_factory=dict)  # authority -> curated note

    def links_for(self, authority: str) -> Tuple[Link, ...]:
        return tuple(self.links.get(authority, ()))


@dataclass(frozen=True)
class Taxonomy:
    topics: Tuple[Topic, ...]
    aliases: Aliases
    authority_names: Mapping[str, Tuple[str, ...]]  # how a question names an authority
    path: Optional[Path] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.topics})

    def get(self, topic_id: str) -> Topic:
        try:
            return self._by_id[topic_id]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"unknown topic {topic_id!r}; known topics: {', '.join(self.ids())}") from None

    def ids(self) -> List[str]:
        return [t.id for t in self.topics]

    def __iter__(self):
        return iter(self.topics)

    def __len__(self) -> int:
        return len(self.topics)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._by_id  # type: ignore[attr-defined]


def _strings(raw: Any, file: str, topic: Optional[str], key: str) -> Tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, (str, int)) for x in raw):
        raise TopicError(file, topic, f"'{key}' must be a list of strings")
    return tuple(str(x) for x in raw)


def load_topics(path: Path = TOPICS_FILE, sources_dir: Path = SOURCES_DIR) -> Taxonomy:
    """Read and check the taxonomy. Raises TopicError naming the file, topic and reason."""
    path = Path(path)
    name = path.name
    data = _read_taxonomy(path)
    aliases = _aliases(data.get("aliases") or {}, name)
    raw_names = data.get("authority_names") or {}
    if not isinstance(raw_names, dict):
        raise TopicError(name, None, "'authority_names' must map an authority to the words that name it")
    authority_names = {str(a): _strings(v, name, None, f"authority_names.{a}") for a, v in raw_names.items()}

    try:
        sources = SourceTexts.from_manifest(sources_dir)
    except CorpusError:
        sources = SourceTexts({})  # no manifest: every link is reported as an unknown document
    topics: List[Topic] = []
    seen: Dict[str, int] = {}
    for number, raw in enumerate(data["topics"], start=1):
        topics.append(_topic(raw, number, name, seen, aliases, sources))
    ids = set(seen)
    for topic in topics:
        for related in topic.see_also:
            if related not in ids:
                raise TopicError(name, topic.id, f"see_also names unknown topic {related!r}")
    return Taxonomy(tuple(topics), aliases, authority_names, path)


def _read_taxonomy(path: Path) -> Dict[str, Any]:
    """The file's mapping, with a ``topics`` list and no unknown top-level key."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TopicError(name, None, f"no taxonomy file at {path}") from None
    except yaml.YAMLError as exc:
        raise TopicError(name, None, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise TopicError(name, None, "expected a mapping with a 'topics' list")
    unknown = set(data) - {"aliases", "authority_names", "topics"}
    if unknown:
        raise TopicError(name, None, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    return data


def _aliases(raw_aliases: Any, name: str) -> Aliases:
    """The ``aliases`` table: each spelling normalised, longest first so it is replaced before its parts."""
    if not isinstance(raw_aliases, dict):
        raise TopicError(name, None, "'aliases' must map a canonical term to its spellings")
    pairs: List[Tuple[str, str]] = []
    for canon, spellings in raw_aliases.items():
        for spelling in _strings(spellings, name, None, f"aliases.{canon}"):
            norm = collapse_ws(re.sub(r"[^a-z0-9&+]+", " ", spelling.lower().replace("’", "'").replace("'s", "")))
            if norm and norm != str(canon):
                pairs.append((norm, str(canon)))
    pairs.sort(key=lambda p: -len(p[0]))
    return Aliases(tuple(pairs))


def _topic(raw: Any, number: int, name: str, seen: Dict[str, int], aliases: Aliases, sources: SourceTexts) -> Topic:
    """One topic entry, checked (``seen``: the ids so far, by topic number; this one is added)."""
    if not isinstance(raw, dict):
        raise TopicError(name, f"#{number}", "each topic must be a mapping")
    tid = raw.get("id")
    label = str(tid) if tid else f"#{number}"
    if not isinstance(tid, str) or not _ID.fullmatch(tid):
        raise TopicError(name, label, "needs an 'id' of lower-case letters, digits and _")
    if tid in seen:
        raise TopicError(name, tid, f"duplicate id (topic #{seen[tid]} already uses it)")
    seen[tid] = number
    extra = set(raw) - _TOPIC_KEYS
    if extra:
        raise TopicError(name, tid, f"unknown key(s): {', '.join(sorted(extra))}")
    for key in ("title", "description"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise TopicError(name, tid, f"needs a '{key}'")
    item, route = _item_and_route(raw, name, tid)
    core = _strings(raw.get("core"), name, tid, "core")
    cues = _strings(raw.get("cues"), name, tid, "cues")
    if not core:
        raise TopicError(name, tid, "needs at least one 'core' term to find its passages")
    for t in core + _strings(raw.get("related"), name, tid, "related") + cues:
        if not term(t, aliases):
            raise TopicError(name, tid, f"term {t!r} is empty once normalised")
    links = _links(raw.get("links") or {}, name, tid, sources)
    raw_silent = raw.get("silent") or {}
    if not isinstance(raw_silent, dict):
        raise TopicError(name, tid, "'silent' must map an authority to a note")
    silent = {str(a): collapse_ws(str(n)) for a, n in raw_silent.items()}
    both = set(silent) & set(links)
    if both:
        raise TopicError(name, tid, f"both linked and silent for: {', '.join(sorted(both))}")
    return Topic(
        id=tid,
        title=collapse_ws(raw["title"]),
        description=collapse_ws(raw["description"]),
        item=item,
        route=route,
        core=core,
        related=_strings(raw.get("related"), name, tid, "related"),
        cues=cues,
        silent_text=collapse_ws(
            str(raw.get("silent_text") or f"does not cover {raw['title'][0].lower()}{raw['title'][1:]}")
        ),
        see_also=_strings(raw.get("see_also"), name, tid, "see_also"),
        links=links,
        silent=silent,
    )


def _item_and_route(raw: Dict[str, Any], name: str, tid: str) -> Tuple[Optional[str], Optional[str]]:
    """The topic's due-date item and step-down route, each known (a route only for the cin_review item)."""
    item = raw.get("item")
    if item is not None and item not in ITEMS:
        raise TopicError(name, tid, f"unknown item {item!r} (expected one of: {', '.join(ITEMS)})")
    route = raw.get("route")
    if route is not None:
        if route not in ROUTES:
            raise TopicError(name, tid, f"unknown route {route!r} (expected one of: {', '.join(ROUTES)})")
        if item != "cin_review":
            raise TopicError(name, tid, "a route only applies to the cin_review item")
    return item, route


def _links(raw_links: Any, name: str, tid: str, sources: SourceTexts) -> Dict[str, Tuple[Link, ...]]:
    """The curated links per authority, each to a document in the manifest whose text holds its phrase."""
    if not isinstance(raw_links, dict):
        raise TopicError(name, tid, "'links' must map an authority to a list of links")
    links: Dict[str, Tuple[Link, ...]] = {}
    for authority, entries in raw_links.items():
        if not isinstance(entries, list):
            raise TopicError(name, tid, f"links.{authority} must be a list")
        found: List[Link] = []
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) != _LINK_KEYS:
                raise TopicError(name, tid, f"links.{authority}: each link needs exactly document, section and phrase")
            link = Link(
                str(authority), str(entry["document"]), str(entry["section"]), collapse_ws(str(entry["phrase"]))
            )
            text = sources.text(link.document)
            if text is None:
                raise TopicError(
                    name,
                    tid,
                    f"links.{authority}: unknown document {link.document!r} (not in the sources manifest)",
                )
            if link.phrase not in text:
                raise TopicError(
                    name,
                    tid,
                    f"links.{authority}: phrase {link.phrase!r} does not occur in {link.document}",
                )
            found.append(link)
        links[str(authority)] = tuple(found)
    return links


@lru_cache(maxsize=4)
def _cached(path: str, sources: str, mtime: float) -> Taxonomy:
    return load_topics(Path(path), Path(sources))


def default_topics() -> Taxonomy:
    """The shipped taxonomy, cached until the file changes."""
    return _cached(str(TOPICS_FILE), str(SOURCES_DIR), TOPICS_FILE.stat().st_mtime)


def link_problems(taxonomy: Taxonomy, passages: Iterable[Any]) -> List[str]:
    """Links that resolve to no passage of the index with that document and section."""
    passages = list(passages)
    problems = []
    for topic in taxonomy:
        for links in topic.links.values():
            for link in links:
                if not any(
                    p.document == link.document and p.section == link.section and link.phrase in collapse_ws(p.text)
                    for p in passages
                ):
                    problems.append(
                        f"{topic.id}: {link.authority} {link.document} section {link.section!r}: {link.phrase!r}"
                    )
    return problems


__all__ = [
    "Aliases",
    "Link",
    "STOPWORDS",
    "TOPICS_FILE",
    "Taxonomy",
    "Topic",
    "TopicError",
    "default_topics",
    "link_problems",
    "load_topics",
    "stem",
    "term",
    "tokens",
]
