"""Procedure answers for the chat and for `cin-assistant ask`: one function, two doors.

The question is answered from the passages that answer it
(:func:`assistant.knowledge.answering.answer_question`); the trained NLU's
procedure topics (its intent ranking, ``ask_<topic>``) are a prior for that
ranking, and the councils named (the ``authority`` entity) say whose guidance
answers. The action server and the command line both call
:func:`answer_procedure`, so they never disagree. A follow-up on the last
topic ("what about Kent?") has no question of its own: :func:`answer_topic`
answers the topic for the council named.

Whose guidance answers: a council named in the question wins; otherwise the
asking worker's own council; a sender who is not a worker in the case store
(and names no council) gets every council side by side, which is honest about
councils differing rather than guessing one.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from assistant.casestore import Store
from assistant.dialogue.intents import PROCEDURE_PREFIX
from assistant.dialogue.reply import Reply
from assistant.knowledge.answering import Answer, answer, answer_question, detect_authorities
from assistant.knowledge.sentence_model import SENTENCE_VECTOR, vector_from_text
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


def sentence_vector_in(parse_data: Mapping[str, Any]) -> object:
    """The NLU's embedding of the message, as its parse data carries it (text), or None."""
    return parse_data.get(SENTENCE_VECTOR)


def topic_prior(ranking: Sequence[Mapping[str, Any]]) -> Dict[str, float]:
    """The procedure topics in the NLU's intent ranking, each its share of the procedure topics' confidence.

    The share, not the raw confidence: once the message is answered from the
    guidance, what matters is which topic it leans to, not how sure the NLU
    was that it is a procedure question at all.
    """
    prior: Dict[str, float] = {}
    for r in ranking:
        topic = topic_for_intent(str(r.get("name") or ""))
        if topic is not None:
            prior[topic] = max(prior.get(topic, 0.0), float(r.get("confidence") or 0.0))
    total = sum(prior.values())
    return {t: c / total for t, c in prior.items()} if total > 0 else prior


def answer_procedure(
    question: str,
    named: Iterable[Optional[str]] = (),
    home: Optional[str] = None,
    prior: Optional[Mapping[str, float]] = None,
    sentence_vector: object = None,
) -> Reply:
    """The cited answer to ``question`` for the council that should answer (module docstring).

    ``prior``: the NLU's procedure topics and confidences (:func:`topic_prior`).
    Two or more councils named gives them side by side, the first named first.
    ``sentence_vector``: the parse data's embedding of the question (text), which saves running the model again.
    """
    result = answer_question(
        question,
        home,
        named=normalise_authorities(named),
        topic_prior=prior or {},
        question_vector=vector_from_text(sentence_vector),
    )
    return _reply(result)


def answer_topic(
    topic: str,
    question: str,
    named: Iterable[Optional[str]] = (),
    home: Optional[str] = None,
) -> Reply:
    """What the guidance says on ``topic``: a follow-up naming another council, or several side by side."""
    councils = normalise_authorities(named) or detect_authorities(question)
    compare = len(councils) > 1
    target = councils[0] if councils else home
    return _reply(answer(topic, target, compare=compare or target is None, question=question))


def _reply(result: Answer) -> Reply:
    """An answer as the chat sends it: its text, and the payload the page renders."""
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
        "abstained": result.abstained,
        "citations": citations,
    }
    return Reply(result.text, payload)
