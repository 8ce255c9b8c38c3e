"""The recogniser's domain language model, built from the assistant's own training data.

pocketsphinx's general English model does not know "cin review", "iro" or
"section forty seven", and confuses them with common words. The assistant's
NLU examples (data/nlu) and topic titles (knowledge/topics.yml) are what
workers say to it, so they are the language model: annotations stripped,
lower-cased, numbers spelled as said, typing shortcuts and typos put right
(nobody says "definiton"). :mod:`assistant.voice.arpa` estimates a trigram
model and writes it as ARPA text, which pocketsphinx reads;
:mod:`assistant.voice.lexicon` writes the pronunciation dictionary.

Children's names: the examples that mention a child are kept with a class
word in the child's place ("when is <child>'s next review"). The saved model
fills the class with the training data's invented names;
:meth:`VoiceModel.with_names` fills it with one worker's caseload, so the
names they say are the names the model expects. Those models are kept in
memory only: children's names are not written to disk (the recogniser hands
pocketsphinx a temporary file and deletes it at once).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from assistant.voice.arpa import NgramModel, estimate, write_arpa
from assistant.voice.lexicon import Lexicon, write_dictionary
from assistant.voice.numbers import spell_numbers

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
TOPICS_FILE = PROJECT_ROOT / "knowledge" / "topics.yml"
# More of what workers say, written apart from the training data: the questions each guidance passage
# answers, and requests the assistant declines or answers beside them. Without them the model knows only
# the NLU's phrasings, and a worker's own wording is heard as the nearest training sentence.
WORDING_FILES = (
    PROJECT_ROOT / "knowledge" / "passage_questions.yml",
    PROJECT_ROOT / "knowledge" / "limit_examples.yml",
)
DEFAULT_DIR = PROJECT_ROOT / "build" / "voice"

LM_FILE = "cin.lm"
DICT_FILE = "cin.dict"
CORPUS_FILE = "cin.corpus.json"  # the sentences and templates, so a saved model can make caseload models

CHILD = "<child>"  # where a child's name goes in a template
_CHILD_MARK = "xxchildxx"  # survives normalisation as one word, then becomes CHILD
MAX_NAMES = 300  # a manager's whole team; beyond this the model is no longer about names
NAMED_CACHE = 32  # caseload models kept in memory

# Typed shortcuts a worker says in full.
ABBREVIATIONS: Dict[str, str] = {
    "mtg": "meeting",
    "nxt": "next",
    "prev": "previous",
    "thx": "thanks",
    "strat": "strategy",
    "pls": "please",
    "plz": "please",
    "wk": "week",
    "wks": "weeks",
    "hrs": "hours",
    "yr": "year",
    "yrs": "years",
    "esp": "especially",
}
# Contractions typed without the apostrophe, as the dictionary spells them (not those that are
# words without it: "ill", "were", "id").
CONTRACTIONS: Dict[str, str] = {
    w.replace("'", ""): w
    for w in (
        "i'm i've what's that's don't didn't doesn't isn't haven't hasn't couldn't wouldn't shouldn't "
        "can't won't aren't wasn't weren't he's she's they're you're we've when's who's how's where's "
        "there's it'll you've they've why's what're let's"
    ).split()
}
_CASE_REFERENCE = re.compile(r"^(?:c\d{6}|cs\d{6}|case-?\d{3,5})$", re.IGNORECASE)  # as data/nlu/lookups.yml
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\(([^)]+)\)|(\{[^}]*\}))")


def words(text: str) -> List[str]:
    """``text`` as the language model spells speech: lower case, numbers in words, no punctuation."""
    text = (
        unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode("ascii")
    )  # Zoë -> Zoe
    text = spell_numbers(text).lower().replace("&", " and ")
    tokens: List[str] = []
    for token in re.findall(r"[a-z]+(?:'[a-z]+)*", text):
        token = CONTRACTIONS.get(token, token)
        tokens.extend(ABBREVIATIONS.get(token, token).split())
    return tokens


def strip_annotations(example: str) -> str:
    """A Rasa example as plain text: "[Amelia](child)'s review" -> "Amelia's review"."""
    return _ANNOTATION.sub(lambda m: m.group(1), example)


def _entity(match: "re.Match[str]") -> str:
    if match.group(2) is not None:
        return match.group(2).split(":")[0].strip()
    try:
        return str(json.loads(match.group(3)).get("entity", ""))
    except (ValueError, AttributeError):
        return ""


def _child_template(example: str) -> Tuple[Optional[str], List[str]]:
    """("when is xxchildxx's review", ["Amelia"]) for an example naming a child, else (None, [])."""
    names: List[str] = []

    def replace(match: "re.Match[str]") -> str:
        if _entity(match) != "child":
            return match.group(1)
        names.append(match.group(1))
        return f" {_CHILD_MARK} " if not example[match.end() :].startswith("'") else f" {_CHILD_MARK}"

    text = _ANNOTATION.sub(replace, example)
    return (text, names) if names else (None, [])


@dataclass(frozen=True)
class Corpus:
    """What workers say to the assistant: sentences without a child, templates with one, and the names used."""

    sentences: Tuple[Tuple[str, ...], ...]
    templates: Tuple[Tuple[str, ...], ...]
    names: Tuple[str, ...]  # the training data's invented names (not case references)


def _examples(nlu_dir: Path) -> List[str]:
    found: List[str] = []
    for path in sorted(nlu_dir.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "regex" in item or not isinstance(item.get("examples"), str):
                continue
            lines = (line.strip() for line in item["examples"].splitlines())
            found.extend(line[2:].strip() for line in lines if line.startswith("- "))
    return found


def _topic_phrases(topics_file: Path) -> List[str]:
    if not topics_file.exists():
        return []
    topics = (yaml.safe_load(topics_file.read_text(encoding="utf-8")) or {}).get("topics") or []
    phrases: List[str] = []
    for topic in topics:
        phrases.append(str(topic.get("title", "")))
        phrases.extend(str(cue) for cue in topic.get("cues") or [])
    return [p for p in phrases if p.strip()]


#: Capitalised words in the wording files that are not children's names.
_NOT_NAMES = frozenset(
    "i i'm i've i'd i'll kent medway camden england wales scotland london ofsted christmas xmas easter monday "
    "tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december gp cafcass police section mash".split()
)
_NAME_RUN = re.compile(r"(?<=\w[ ,])([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?=(?:'s)?\b)")


def _names_marked(sentence: str, known: AbstractSet[str]) -> str:
    """A child's name inside a written sentence ("can hear Tyler crying") marked as the training data marks
    it, so the model learns the slot, never the writer's invented name. A capitalised word the training
    data says as an ordinary word ("Child in Need") is not a name."""

    def mark(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name.lower() in _NOT_NAMES or any(w in known for w in words(name)):
            return name
        return f"[{name}](child)"

    return _NAME_RUN.sub(mark, sentence)


def _wording(files: Sequence[Path]) -> List[str]:
    """The sentences of the wording files: each passage's questions, each kind's requests (names marked)."""
    found: List[str] = []
    for path in files:
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, list):  # passage questions: [{id, opening, questions: [...]}]
            found.extend(str(q) for entry in data for q in entry.get("questions") or [])
        elif isinstance(data, dict):  # limit examples: {kind: [request, ...]}
            found.extend(str(q) for requests in data.values() for q in requests or [])
    return found


def _spoken(phrase: str, lexicon: Lexicon) -> bool:
    """Whether every word of a topic phrase is a word (cues include match stems such as "investigat")."""
    return all(lexicon.direct(w) for w in words(phrase))


def read_corpus(
    nlu_dir: Path = NLU_DIR,
    topics_file: Path = TOPICS_FILE,
    lexicon: Optional[Lexicon] = None,
    wording_files: Sequence[Path] = WORDING_FILES,
) -> Corpus:
    """The training data and the wording files as spoken sentences, with typos put right (see
    :func:`corrections`)."""
    sentences: List[List[str]] = []
    templates: List[List[str]] = []
    names: List[str] = []
    lexicon = lexicon or Lexicon()
    phrases = [p for p in _topic_phrases(topics_file) if _spoken(p, lexicon)]

    def add(example: str, keep_names: bool) -> None:
        template, children = _child_template(example)
        if template is None:
            sentences.append(words(example))
            return
        templates.append([CHILD + t[len(_CHILD_MARK) :] if t.startswith(_CHILD_MARK) else t for t in words(template)])
        if keep_names:
            names.extend(c for c in children if not _CASE_REFERENCE.match(c.strip()))

    for example in _examples(nlu_dir) + phrases:
        add(example, keep_names=True)
    known = {w for s in sentences + templates for w in s}
    for sentence in _wording(wording_files):
        add(_names_marked(sentence, known), keep_names=False)  # their writers' names fill no class
    protected = {w for name in names for w in words(name)}
    counts = Counter(w for s in sentences + templates for w in s if not w.startswith(CHILD))
    fixes = corrections(counts, lexicon, protected)
    fix = lambda s: tuple(w for token in s for w in fixes.get(token, token).split())  # noqa: E731
    return Corpus(
        sentences=tuple(sorted({fix(s) for s in sentences if s})),
        templates=tuple(sorted({fix(t) for t in templates})),
        names=tuple(sorted({" ".join(words(n)) for n in names})),
    )


# --- typos --------------------------------------------------------------------


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def corrections(counts: Mapping[str, float], lexicon: Lexicon, protected: Iterable[str] = ()) -> Dict[str, str]:
    """Typed typos -> the word meant ("definiton" -> "definition"), found among the corpus's own words.

    A word the dictionary knows (or whose plural/possessive it knows), a name,
    or a British spelling of a known word is never a typo. Otherwise
    the nearest known corpus word within one edit (two for words of six letters
    or more that are no compound) replaces it, the more frequent on a tie.
    """
    protected = set(protected)
    known = sorted((w for w in counts if len(w) >= 2 and lexicon.direct(w)), key=lambda w: (-counts[w], w))
    fixes: Dict[str, str] = {}
    for word in sorted(counts):
        if word in protected or len(word) < 3 or lexicon.direct(word):
            continue
        if lexicon.derived(word, compounds=False):
            continue  # "authorisation", "supervisions"
        best = _near(word, known, 1)
        if not best and len(word) >= 6 and not lexicon.derived(word):
            best = _near(word, known, 2)  # "stepdown" and "timescale" are compounds, not typos
        if best:
            fixes[word] = best
    return fixes


def _near(word: str, known: Sequence[str], limit: int) -> Optional[str]:
    """The first (most frequent) known word within ``limit`` edits, preferring one that ends like ``word``
    ("helo" -> "hello")."""
    near = [w for w in known if _distance(word, w, limit) <= limit]
    return next((w for w in near if w[-1] == word[-1]), near[0] if near else None)


# --- the model -------------------------------------------------------------


def name_words(names: Iterable[str]) -> Tuple[str, ...]:
    """The names as the model spells them, each once, sorted: ["Amelia", "amelia Brack"] -> ("amelia", "amelia brack").

    Past :data:`MAX_NAMES` (a large team), first names are kept before full names.
    """
    spelled = sorted({" ".join(words(n)) for n in names} - {""}, key=lambda n: (n.count(" "), n))
    return tuple(sorted(spelled[:MAX_NAMES]))


def caseload_names(rows: Iterable[Sequence[str]]) -> List[str]:
    """Names to recognise for ``Store.open_case_names`` rows (case_id, first, last): first and full names."""
    found: List[str] = []
    for row in rows:
        first, last = (row[1] or "").strip(), (row[2] or "").strip()
        found += [n for n in (first, f"{first} {last}".strip()) if n]
    return found


def name_classes(names: Sequence[str]) -> Dict[str, List[str]]:
    """The child classes' members: a full name is one dictionary word ("amelia_brack"), so the
    model predicts the whole name; :func:`spoken_text` turns the underscore back into a space."""
    tokens = [name.replace(" ", "_") for name in names]
    return {CHILD: tokens, CHILD + "'s": [t + "'s" for t in tokens]}


def spoken_text(hypothesis: str) -> str:
    """A decoder hypothesis as text: full names as two words again."""
    return " ".join(hypothesis.replace("_", " ").split())


@dataclass(frozen=True)
class NamedLanguageModel:
    """A language model for one caseload: ARPA text, and pronunciations of its words not in the base dictionary."""

    key: str
    arpa: str
    new_words: Mapping[str, Tuple[str, ...]]


class VoiceModel:
    """The saved language model and dictionary (``cin.lm``, ``cin.dict``), and caseload variants of it."""

    def __init__(
        self, directory: Path, corpus: Corpus, vocabulary: Iterable[str], ngrams: Optional[NgramModel] = None
    ) -> None:
        self.directory = directory
        self.corpus = corpus
        self.vocabulary = frozenset(vocabulary)
        self.ngrams = ngrams or estimate(corpus.sentences + corpus.templates)
        self._lexicon: Optional[Lexicon] = None
        self._named_cache: "Dict[Tuple[str, ...], NamedLanguageModel]" = {}
        self._cache_lock = threading.Lock()

    @property
    def lm_path(self) -> Path:
        return self.directory / LM_FILE

    @property
    def dict_path(self) -> Path:
        return self.directory / DICT_FILE

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> "VoiceModel":
        """The model :func:`build_voice_model` saved in ``directory``; FileNotFoundError naming `make setup`."""
        missing = [name for name in (LM_FILE, DICT_FILE, CORPUS_FILE) if not (directory / name).exists()]
        if missing:
            raise FileNotFoundError(f"No voice model in {directory} (missing {', '.join(missing)}). Run `make setup`.")
        saved = json.loads((directory / CORPUS_FILE).read_text(encoding="utf-8"))
        corpus = Corpus(
            sentences=tuple(tuple(s.split()) for s in saved["sentences"]),
            templates=tuple(tuple(t.split()) for t in saved["templates"]),
            names=tuple(saved["names"]),
        )
        lines = (directory / DICT_FILE).read_text(encoding="utf-8").splitlines()
        return cls(directory, corpus, {re.sub(r"\(\d+\)$", "", line.split()[0]) for line in lines if line.strip()})

    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon()
        return self._lexicon

    def with_names(self, names: Iterable[str]) -> NamedLanguageModel:
        """The language model with the child slots filled by ``names`` (a worker's caseload) instead of
        the training data's names. Cached by the set of names: a worker's next question costs nothing."""
        key_names = name_words(names) or self.corpus.names
        with self._cache_lock:
            cached = self._named_cache.get(key_names)
        if cached is not None:
            return cached
        classes = name_classes(key_names)
        fresh = sorted({w for members in classes.values() for w in members} - self.vocabulary)
        named = NamedLanguageModel(
            key=hashlib.sha256("\n".join(key_names).encode("utf-8")).hexdigest()[:16],
            arpa=write_arpa(self.ngrams, classes),
            new_words={w: tuple(prons) for w, prons in self.lexicon().pronounce_all(fresh).items()},
        )
        with self._cache_lock:
            if len(self._named_cache) >= NAMED_CACHE:
                self._named_cache.pop(next(iter(self._named_cache)))
            self._named_cache[key_names] = named
        return named


def build_voice_model(
    out_dir: Path = DEFAULT_DIR,
    nlu_dir: Path = NLU_DIR,
    topics_file: Path = TOPICS_FILE,
    wording_files: Sequence[Path] = WORDING_FILES,
) -> VoiceModel:
    """Write ``cin.lm`` (ARPA), ``cin.dict`` and ``cin.corpus.json`` into ``out_dir``.

    The same data gives the same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lexicon = Lexicon()
    corpus = read_corpus(nlu_dir, topics_file, lexicon, wording_files)
    ngrams = estimate(corpus.sentences + corpus.templates)
    classes = name_classes(corpus.names)
    vocabulary = {w for (w,) in ngrams.grams[0] if w not in classes and w not in ("<s>", "</s>")}
    vocabulary |= {w for members in classes.values() for w in members}
    _write(out_dir / LM_FILE, write_arpa(ngrams, classes))
    write_dictionary(out_dir / DICT_FILE, vocabulary, lexicon)
    saved = {
        "sentences": [" ".join(s) for s in corpus.sentences],
        "templates": [" ".join(t) for t in corpus.templates],
        "names": list(corpus.names),
    }
    _write(out_dir / CORPUS_FILE, json.dumps(saved, indent=0, sort_keys=True) + "\n")
    model = VoiceModel(out_dir, corpus, vocabulary, ngrams)
    model._lexicon = lexicon
    return model


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
