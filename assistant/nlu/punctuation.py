"""The NLU reads what a message says, not how it was punctuated.

"What are you exactly?" and "what are you exactly" are one question, but
the words the NLU counted and the sentence embedding it read included the
question mark, so the two could get different intents (help against small
talk, an answer against "I didn't understand"). Workers type with and
without punctuation, and the voice channel's two recognisers write it
differently: Whisper as a careful typist ("No, that's not what I meant.
Start again."), pocketsphinx not at all. On the voice development set
(evaluation/sets/voice-dev.yml) six of the twenty natural-voice recordings
whose spoken intent differed from the typed one differed only in
punctuation.

So the marks that end or join sentences and the brackets and quotes around
words are set aside before the NLU reads a message: the tokenizer drops
tokens made only of them (:class:`assistant.nlu.components.WordTokenizer`)
and the sentence embedding is of the words alone. Marks inside a word stay:
"s.47", "what's", "step-down", "3/4", "£50". The message itself is not
changed: dates, names and the reply's quotes still see it as written.
("Um" and "erm" were tried the same way and measured no better.)
"""

from __future__ import annotations

import re

# Sentence marks, brackets and quotes at either edge of a word (a run of them between spaces too).
_MARKS = re.escape('?!.,;:"()[]{}…“”‘’«»–—-')
_AT_EDGE = re.compile(rf"(?:(?<=\s)|^)[{_MARKS}]+|[{_MARKS}]+(?=\s|$)")
_APOSTROPHES = "'’"


def without_punctuation(text: str) -> str:
    """``text`` with the punctuation at its words' edges removed and its spaces made single.

    An apostrophe ending a word stays ("the Walshes'"): it belongs to the word.
    """
    return " ".join(_AT_EDGE.sub(" ", text).split())


def is_punctuation(token: str) -> bool:
    """Whether a token is only punctuation ("?", "...", "--", '"'): nothing the NLU should read."""
    return bool(token.strip()) and not without_punctuation(token).strip(_APOSTROPHES)
