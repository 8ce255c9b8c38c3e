"""Is this message in Welsh? The assistant answers in English only, so it says so, in both languages.

Councils in England take referrals from Welsh-speaking families, and a worker
may type a question in Welsh. The NLU was trained on English only: without
this check a Welsh question gets the closest English topics, which is
confusing. Detection is a word list, not a model: common Welsh function words,
question words and the CIN words a worker would use, with every word that is
also English (``a``, ``i``, ``am``, ``hi``, ``bore``, ``da``, ``pa``, ``dim``,
``eu``, ``os`` ...) left out, so an English question that quotes a Welsh place
or child's name is never taken for Welsh. A message is Welsh when at least two
of its words are on the list and they are at least half of its words (single
letters, as in ``mae'r`` or ``sy'n``, count for neither side), or when it is
one of a few unmistakable one-word greetings ("diolch", "shwmae").
tests/dialogue/test_language.py checks it against every English example
the project has (NLU training data and both held-out sets).
"""

from __future__ import annotations

import re
from typing import FrozenSet, List

from assistant.dialogue.reply import Reply, clarify

WELSH = "cy"

#: Welsh words that are not also English words (lower case, without the apostrophe'd particles).
WELSH_WORDS: FrozenSet[str] = frozenset(
    """
    mae maen mae'n sydd sy oes oedd roedd ydy ydi ydw ydych ydyn ydyw yw wyt wyf rydw rydych rydyn dw dwi rwy
    bydd fydd byddaf byddwch fyddwch fydda gallaf alla allaf allwch gallwch galla gellir dylwn ddylwn dylai ddylai
    dylid hoffwn hoffech rhaid angen eisiau isio moyn gwneud wneud gwybod wybod dweud ddweud siarad gweld weld
    ymweld ymweliad ymweliadau cofnodi gofnodi cadeirio gadeirio adolygu adolygiad adolygiadau cyfarfod gyfarfod
    asesiad asesu cynllun gynllun plentyn blentyn plant phlant teulu deulu achos achosion gweithiwr gweithwyr
    cymdeithasol gofal diogelu rheolwr cyngor gwasanaethau ddyledus dyledus hwyr nesaf nesa cyntaf gyntaf olaf
    heddiw yfory ddoe wythnos wythnosau blwyddyn diwrnod diwrnodau dydd prynhawn noswaith
    pryd beth sut pwy ble lle faint pam sawl unrhyw pob popeth rhywbeth mor aml yn yr ym yng gyda gydag efo
    wrth dros drwy trwy heb hyd mewn rhwng ynglŷn ynglyn ynghylch gennyf gennych gen gan
    fy nghyd fi ti chi ni nhw ei ein eich dy fe fo hwn hon hyn hynny yma yna acw
    ond neu ac ag nac na ie iawn diolch fawr croeso helo shwmae hwyl cymraeg saesneg gwelwch dda os
    bod fod oeddwn oeddech gael cael gafodd fuodd buodd
    """.split()
) - frozenset(
    # Also English (or an English abbreviation a worker types): never evidence on their own.
    "a i o am at hi he on no do in an as dim bore da pa eu os un ac gen hon fe ni na lle".split()
)

#: One-word messages that are Welsh beyond doubt (greetings and thanks).
WELSH_ON_THEIR_OWN: FrozenSet[str] = frozenset({"diolch", "shwmae", "s'mae", "smae", "hwyl"})

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def _words(text: str) -> List[str]:
    """Lower-case words; ``mae'r`` gives ``mae`` and ``r``."""
    return _WORD.findall(text.translate(_APOSTROPHES).lower())


def is_welsh(text: str) -> bool:
    """True if the message reads as Welsh (see the module docstring for the rule)."""
    words = [w for w in _words(text) if len(w) > 1]
    if not words:
        return False
    joined = "".join(_WORD.findall(text.translate(_APOSTROPHES).lower().replace("'", "")))
    if len(words) == 1 and (words[0] in WELSH_ON_THEIR_OWN or joined in WELSH_ON_THEIR_OWN):
        return True
    hits = sum(1 for w in words if w in WELSH_WORDS)
    return hits >= 2 and hits * 2 >= len(words)


#: A fixed sentence, so the Welsh is right every time: "Sorry, I can only answer in English at the moment."
ENGLISH_ONLY_WELSH = "Mae'n ddrwg gen i, dim ond yn Saesneg y gallaf ateb ar hyn o bryd."
ENGLISH_ONLY = (
    "Sorry, I can only answer in English at the moment. Please ask your question in English, "
    'for example "when is the next visit due?" or "what\'s due this week?".'
)


def english_only() -> Reply:
    """The reply to a Welsh message: the same sentence in Welsh, then in English."""
    return clarify("not_english", f"{ENGLISH_ONLY_WELSH} {ENGLISH_ONLY}", language=WELSH)


__all__ = ["ENGLISH_ONLY", "ENGLISH_ONLY_WELSH", "WELSH_WORDS", "english_only", "is_welsh"]
