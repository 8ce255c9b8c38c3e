"""Which of the recogniser's readings of a recording to send to the assistant.

The recogniser's best word sequence is often not its best reading of the
question: "when is a mealy as next visit" beside "when is amelia's next
visit". Its next few alternatives (n-best) usually hold the right one, and
the assistant's NLU knows which reading makes sense as a question to it. So:
the top reading stands when the NLU is sure of it; otherwise the reading,
among the top and the next few, that the NLU is surest of (never one it
could not read at all), and only when the NLU is surer of it than of the top
reading by ``MARGIN``: the recogniser's own order is evidence too, and a
slightly surer reading of words it ranked lower was as often wrong as right.
Tuned on development sets apart from the voice benchmark's unseen questions
(docs/voice.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable, Iterable, List, Optional, Sequence

CONFIDENT = 0.8  # the NLU's confidence at which the top reading stands without a second look
ALTERNATIVES = 5  # further readings looked at when it does not
MARGIN = 0.2  # how much surer the NLU must be of another reading for it to replace an understood top reading
NOT_UNDERSTOOD = frozenset({"nlu_fallback"})


@dataclass(frozen=True)
class Reading:
    """One reading of a recording and what the NLU made of it."""

    text: str
    intent: Optional[str]
    confidence: float

    @property
    def understood(self) -> bool:
        return self.intent is not None and self.intent not in NOT_UNDERSTOOD

    @property
    def settled(self) -> bool:
        return self.understood and self.confidence >= CONFIDENT


def candidates(top: str, alternatives: Iterable[str], limit: int = ALTERNATIVES) -> List[str]:
    """The top reading, then up to ``limit`` different non-empty alternatives, in the recogniser's order."""
    seen = [top]
    for text in alternatives:
        if len(seen) > limit:
            break
        if text.strip() and text not in seen:
            seen.append(text)
    return seen


def best_of(readings: Sequence[Reading]) -> Reading:
    """The first reading if settled, else the understood reading the NLU is surest of (the first on
    ties, and the first unless another is surer by ``MARGIN``), else - nothing understood - the first,
    the recogniser's own best."""
    if not readings:
        raise ValueError("no readings to choose from")
    first = readings[0]
    understood = [r for r in readings if r.understood]
    if first.settled or not understood:
        return first
    surest = max(understood, key=lambda r: r.confidence)
    if first.understood and surest.confidence < first.confidence + MARGIN:
        return first
    return surest


def choose(texts: Sequence[str], parse: Callable[[str], Reading]) -> Reading:
    """:func:`best_of` over ``texts``, parsing only as many as needed."""
    first = parse(texts[0])
    if first.settled or len(texts) == 1:
        return first
    return best_of([first, *(parse(t) for t in texts[1:])])


async def choose_async(texts: Sequence[str], parse: Callable[[str], Awaitable[Reading]]) -> Reading:
    """:func:`choose` for an asynchronous NLU (the Rasa agent in the voice channel)."""
    first = await parse(texts[0])
    if first.settled or len(texts) == 1:
        return first
    return best_of([first, *[await parse(t) for t in texts[1:]]])
