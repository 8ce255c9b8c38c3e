"""Procedural answers from the council's own guidance: quoted, cited, honest about gaps.

::

    answer("visits", "medway")             # the rule, the quote, the section
    answer("reviews", "medway")            # status "conflict": 9.2 says 12 weeks, 13.2 says 8
    answer("visits", "camden")             # status "silent": points to the Home visits policy, shows others
    answer("visits", None)                 # status "compared": one cited line per authority
    search("who chairs the review", "camden")
    ask("how often do i need to visit in medway")

Where an answer's words come from:

* a timescale is only ever a curated rule (``knowledge/policies/*.yml``, checked
  against the source by ``assistant.rules``) stated in its own plain sentence,
  followed by its quote; nothing in this module writes a number;
* everything else is a quoted passage of the ingested guidance
  (``assistant.knowledge.ingest``), found by the topic's curated links
  (``knowledge/topics.yml``) or, for any authority without links, by the
  topic's keywords - so a newly ingested council is answered with no code change;
* the England document is a general guide, not a council procedure: it is
  labelled so wherever it is shown and serves as the statutory baseline. Its
  closing advert is never a passage (ingest cuts it) and is never quoted.

Statuses: ``answered``; ``conflict`` (the authority's rule is contradicted
elsewhere in its own guidance: both quotes shown); ``silent`` (the guidance held
does not cover the topic: said plainly, with what the others say in ``others``);
``compared`` (authorities side by side).

Rooms: :mod:`.classify` (which topic, which councils), :mod:`.retrieve`
(which passages), :mod:`.compose` (the answer's words), :mod:`.context`
(what they share).
"""

from assistant.domain.phrasing import GENERAL_LABEL
from assistant.knowledge.answering.classify import (
    CONFIDENT_TOPIC_SCORE,
    classify,
    detect_authorities,
    topic_of,
)
from assistant.knowledge.answering.compose import answer, ask
from assistant.knowledge.answering.context import STATUSES, Answer
from assistant.knowledge.answering.question import answer_question
from assistant.knowledge.answering.retrieve import SearchHit, search

__all__ = [
    "Answer",
    "CONFIDENT_TOPIC_SCORE",
    "GENERAL_LABEL",
    "STATUSES",
    "SearchHit",
    "answer",
    "answer_question",
    "ask",
    "classify",
    "detect_authorities",
    "search",
    "topic_of",
]
