"""Procedure answers for the chat and for `cin-assistant ask`: one function, two doors.

The trained NLU picks the topic (the intent ``ask_<topic>``) and the councils
named (the ``authority`` entity); this module turns that into the cited answer
from :func:`assistant.knowledge.answering.answer`. The action server and the
command line both call :func:`answer_procedure`, so they never disagree.

Whose guidance answers: a council named in the question wins; otherwise the
asking worker's own council; a sender who is not a worker in the case store
(and names no council) gets every council side by side, which is honest about
councils differing rather than guessing one.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional

from assistant.casestore import Store
from assistant.dialogue.intents import PROCEDURE_PREFIX
from assistant.dialogue.reply import Reply
from assistant.knowledge.answering import answer, detect_authorities
from assistant.knowledge.topics import default_topics


def topic_for_intent(intent: Optional[str]) -> Optional[str]:
    """The topic id an ``ask_<topic>`` intent stands for, or None for any other intent."""
    if not intent or not intent.startswith(PROCEDURE_PREFIX):
        return None
    topic = intent[len(PROCEDURE_PREFIX) :]
    return topic if topic in {t.id for t in default_topics().topics} else None


def normalise_authorities(values: Iterable[Optional[str]]) -> List[str]:
    """Authority codes for entity values ("Medway", "KCC", "kent"), in order, without repeats.

    The NLU's synonyms give codes already; this also accepts a council's own
    name as typed, by the same naming table as the keyword answerer.
    """
    found: List[str] = []
    for value in values:
        if not value:
            continue
        text = str(value).strip().replace("_", " ")
        bare = re.sub(r"(?:'s|’s|s)$", "", text)  # "camdens", "Medway's"
        codes = detect_authorities(text) or detect_authorities(bare)
        for code in codes:
            if code not in found:
                found.append(code)
    return found


def home_authority(store: Optional[Store], worker_id: Optional[str]) -> Optional[str]:
    """The asking worker's council, or None when the sender is not a worker we hold."""
    if store is None or not worker_id:
        return None
    worker = store.worker(worker_id)
    return worker.authority_id if worker is not None else None


def answer_procedure(
    topic: str,
    question: str,
    named: Iterable[Optional[str]] = (),
    home: Optional[str] = None,
) -> Reply:
    """The cited answer on ``topic`` for the council that should answer (module docstring).

    Two or more councils named gives them side by side, the first named first.
    """
    councils = normalise_authorities(named) or detect_authorities(question)
    compare = len(councils) > 1
    target = councils[0] if councils else home
    result = answer(topic, target, compare=compare or target is None, question=question)
    citations = [
        {
            "document": c["document"],
            "section": c["section"],
            "quote": c["quote"],
            "authority": c.get("authority", ""),
            "title": c.get("title", ""),
        }
        for c in result.citations
    ]
    payload = {
        "type": "answer",
        "topic": result.topic,
        "title": result.title,
        "authority": result.authority,
        "status": result.status,
        "citations": citations,
    }
    return Reply(result.text, payload)
