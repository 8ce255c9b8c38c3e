"""A short multiple-choice quiz on CIN timescales, drawn from the curated rules (ASYE).

Every question is one curated rule (``knowledge/policies/*.yml`` via
:func:`assistant.rules.load_policies`): "In Medway, how often must a child on a
CIN plan be visited?". Every option is a duration phrase exactly as some rule
writes it - the right one is the rule's own phrase, the wrong ones are other
rules' phrases - so nothing a worker reads in the quiz is invented, and the
explanation after each answer quotes the rule's passage with its citation.
The questions (which rules, in which order, and how the wrong options are
chosen) are in :mod:`assistant.dialogue.quiz_questions`; reading which option a
worker meant in :mod:`assistant.dialogue.quiz_choice`.

State. Everything the quiz needs between turns is one JSON-serialisable dict
(it lives in the ``quiz_state`` Rasa slot): the questions with their options,
right answers and citations, how far the worker has got and the score. Rules
are not re-read between turns, so a quiz in progress cannot change under the
worker. Order is from ``random.Random(seed)``: the same seed gives the same quiz.
"""

from __future__ import annotations

import random
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from assistant.dialogue.induction import clip_quote
from assistant.dialogue.quiz_choice import LETTERS, parse_choice
from assistant.dialogue.quiz_questions import ordered_rules, own_rules, question, question_text
from assistant.dialogue.reply import Reply
from assistant.domain.phrasing import possessive
from assistant.domain.policy import AuthorityPolicy
from assistant.rules import policies as shipped_policies

STATE_VERSION = 1
DEFAULT_LENGTH = 5
MAX_QUOTE_CHARS = 280


# --------------------------------------------------------------------------- speaking


def _options_text(options: Sequence[str]) -> str:
    parts = [f"{LETTERS[i]}) {o}" for i, o in enumerate(options)]
    return ", ".join(parts[:-1]) + f", or {parts[-1]}" if len(parts) > 1 else parts[0]


def _ask_text(state: Mapping[str, Any]) -> str:
    q = state["questions"][state["current"]]
    return (
        f"Question {state['current'] + 1} of {len(state['questions'])}. {q['question']} {_options_text(q['options'])}."
    )


def _accepted_text(options: Sequence[str]) -> str:
    last = LETTERS[len(options) - 1]
    return (
        f"Answer with a letter (a to {last}), a number (1 to {len(options)}), "
        '"the second one", or the words of the option.'
    )


def _explanation(q: Mapping[str, Any], correct: bool) -> str:
    """Why: the verdict, then the rule's own words and where they are, then any conflict."""
    right = q["correct"]
    verdict = "Correct." if correct else f"Not quite: the answer is {LETTERS[right]}) {q['options'][right]}."
    text = f'{verdict} {q["source"]}, says: "{clip_quote(q["citations"][0]["quote"], MAX_QUOTE_CHARS)}"'
    if q.get("note"):
        text += f" Note: the guidance contradicts itself here. {q['note']}"
    return text


def _payload(state: Mapping[str, Any], result: Optional[Dict[str, Any]], status: str) -> Dict[str, Any]:
    asking = status == "asking"
    q = state["questions"][state["current"]] if asking else None
    answered = len(state["answers"])
    return {
        "type": "quiz",
        "authority": state["authority"],
        "question": q["question"] if q else None,
        "options": list(q["options"]) if q else [],
        "asked": state["current"] + 1 if asking else answered,
        "answered": answered,
        "of": len(state["questions"]),
        "score": state["score"],
        "result": result,
        "status": status,
    }


def _score_text(state: Mapping[str, Any]) -> str:
    return f"You scored {state['score']} out of {len(state['answers'])}."


# --------------------------------------------------------------------------- the quiz


def start_quiz(
    authority: Optional[str],
    seed: int,
    length: int = DEFAULT_LENGTH,
    *,
    policies: Optional[Mapping[str, AuthorityPolicy]] = None,
) -> Tuple[dict, Reply]:
    """A new quiz for the worker's council (or councils in turn): its state and the first question.

    ``seed`` fixes the order of questions and options (tests, and a worker who
    wants the same quiz again). Raises ValueError for a council with no rules file.
    """
    policies = policies if policies is not None else shipped_policies()
    if authority is not None and authority not in policies:
        raise ValueError(f"unknown authority {authority!r}; the quiz covers: {', '.join(sorted(policies))}")
    rng = random.Random(seed)
    pool = own_rules(policies)
    questions: List[Dict[str, Any]] = []
    seen: set = set()
    for rule in ordered_rules(authority, policies, rng):
        if len(questions) >= max(1, length):
            break
        q = question(rule, pool, rng)
        if q is None or q["question"] in seen:
            continue
        seen.add(q["question"])
        questions.append(q)
    if not questions:
        raise ValueError("the curated rules give no quiz questions")
    state: Dict[str, Any] = {
        "version": STATE_VERSION,
        "authority": authority,
        "seed": seed,
        "questions": questions,
        "current": 0,
        "score": 0,
        "answers": [],
        "status": "asking",
    }
    whose = possessive(authority) if authority else "the councils'"
    intro = f"Here's a quiz of {len(questions)} questions on {whose} CIN timescales. Say stop at any time."
    return state, Reply(f"{intro} {_ask_text(state)}", _payload(state, None, "asking"))


def _check(state: Any) -> None:
    ok = (
        isinstance(state, dict)
        and state.get("version") == STATE_VERSION
        and isinstance(state.get("questions"), list)
        and state["questions"]
        and isinstance(state.get("current"), int)
        and isinstance(state.get("answers"), list)
    )
    if not ok:
        raise ValueError("not a quiz state from start_quiz(); start a new quiz")


def answer_quiz(state: dict, text: str) -> Tuple[dict, Reply]:
    """Mark the worker's answer, explain it from the guidance, then ask the next question.

    An answer that cannot be read re-asks the same question and scores nothing.
    The state passed in is not changed; the new state is returned.
    """
    _check(state)
    if state.get("status") != "asking":
        return state, _summary(state, state.get("status", "finished"))
    q = state["questions"][state["current"]]
    choice = parse_choice(text or "", q["options"])
    if choice is None:
        reply = Reply(
            f"Sorry, I couldn't tell which option you meant. {_accepted_text(q['options'])} {_ask_text(state)}",
            _payload(state, None, "asking"),
        )
        return state, reply
    correct = choice == q["correct"]
    new = dict(state)
    new["answers"] = list(state["answers"]) + [{"choice": choice, "correct": correct}]
    new["score"] = state["score"] + (1 if correct else 0)
    result = {"correct": correct, "explanation": _explanation(q, correct), "citations": list(q["citations"])}
    if state["current"] + 1 >= len(state["questions"]):
        new["status"] = "finished"
        text_out = (
            f"{result['explanation']} That's the end of the quiz. {_score_text(new)} "
            'Say "start the quiz" to try another.'
        )
        return new, Reply(text_out, _payload(new, result, "finished"))
    new["current"] = state["current"] + 1
    return new, Reply(f"{result['explanation']} {_ask_text(new)}", _payload(new, result, "asking"))


def stop_quiz(state: dict) -> Reply:
    """The worker stopped: the score so far (answered questions only)."""
    _check(state)
    return _summary(state, "stopped" if state.get("status") == "asking" else state.get("status", "finished"))


def _summary(state: Mapping[str, Any], status: str) -> Reply:
    if status == "finished":
        text = f'The quiz is over. {_score_text(state)} Say "start the quiz" to try another.'
    elif state["answers"]:
        text = f'Quiz stopped. {_score_text(state)} Say "start the quiz" whenever you want another go.'
    else:
        text = 'Quiz stopped before any answers. Say "start the quiz" whenever you\'re ready.'
    return Reply(text, _payload(state, None, status))


__all__ = ["answer_quiz", "parse_choice", "question_text", "start_quiz", "stop_quiz"]
