"""Which child a caseload question is about: only children on cases the asker may see, by name or reference.

A child outside the asker's scope gets exactly the reply a child who does not
exist gets, so a name look-up never reveals whose cases exist elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from assistant.casestore import CaseRecord, ChildRecord, Scope, Store
from assistant.dialogue.reply import Reply, clarify, refusal


def unknown_worker_reply() -> Reply:
    return refusal(
        "unknown_worker",
        "I can only answer caseload questions for a worker in the case store, and I don't have you as one. "
        "Procedure questions still work: ask me about your council's guidance.",
    )


def not_found_reply(text: str) -> Reply:
    """The one reply for a child who does not exist *and* for one outside the asker's scope."""
    return refusal(
        "child_not_found",
        f'I can\'t find a child matching "{text.strip()}" on the cases you can see. '
        "Check the spelling, or give me their case reference.",
    )


def missing_child_reply() -> Reply:
    return clarify("missing_child", "Which child do you mean? Tell me their name or case reference.")


@dataclass(frozen=True)
class ResolvedChild:
    """A child the asker may see, with the cases (and histories) the asker may see."""

    child: ChildRecord
    cases: Tuple[CaseRecord, ...]

    @property
    def name(self) -> str:
        return self.child.display_name

    @property
    def open_cases(self) -> Tuple[CaseRecord, ...]:
        return tuple(c for c in self.cases if c.is_open)

    @property
    def main_case(self) -> CaseRecord:
        """The case a reply names: the newest open one, else the newest."""
        pool = self.open_cases or self.cases
        return max(pool, key=lambda c: (c.referral_date, c.case_id))

    def as_json(self) -> Dict[str, str]:
        return {"case_id": self.main_case.case_id, "child_id": self.child.child_id, "name": self.name}


def _option(child: ChildRecord, case_ids: Iterable[Tuple[str, dt.date, bool]]) -> Dict[str, str]:
    # prefer an open case, then the newest referral
    best = max(case_ids, key=lambda c: (c[2], c[1], c[0]))
    return {"case_id": best[0], "child_id": child.child_id, "name": child.display_name}


def ambiguous_reply(text: str, options: List[Dict[str, str]]) -> Reply:
    """Two or more children match: list them by name and case reference and ask which."""
    names = [f"{o['name']} (case {o['case_id']})" for o in options]
    return clarify(
        "ambiguous_child",
        f'More than one child matches "{text.strip()}": {or_list(names)}. Which one do you mean?',
        options=options,
    )


_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def words_of(text: str) -> List[str]:
    """Lower-case words with possessives dropped ("Amelia's" -> "amelia")."""
    return [re.sub(r"'s?$", "", w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


_POSSESSIVE = re.compile("['\u2019]s$")
# Capitalised words that may follow a child's first name without being a surname ("Is Amelia OK?").
_NOT_SURNAMES = frozenset(
    "a an and or but is was has had ok okay please thanks today tomorrow yesterday next this last now "
    "visit visits review reviews plan plans meeting case cin summary".split()
)


def _with_other_surname(text: str, cases: Sequence[Tuple[str, str, str]]) -> Optional[str]:
    """ "Amelia Kite" when the asker's only Amelia is Amelia Kestrel: the name as typed, else None.

    A first name on the caseload followed by a capitalised word that is not
    the surname of any child of that first name names someone else; matching
    the first name alone would answer about the wrong child.
    """
    surnames: Dict[str, set] = {}
    for _, first, last in cases:
        surnames.setdefault(" ".join(words_of(first)), set()).add(" ".join(words_of(last)))
    for match in re.finditer(r"\b([A-Za-z][A-Za-z'\u2019-]*)(?=\s+([A-Z][a-z][A-Za-z'\u2019-]*))", text):
        first, after = match.group(1), match.group(2)
        known = surnames.get(" ".join(words_of(first)))
        surname = " ".join(words_of(after))
        if known and surname and surname not in known and surname not in _NOT_SURNAMES:
            return f"{first} {re.sub(_POSSESSIVE, '', after)}"
    return None


def mentioned_child(
    store: Store,
    scope: Scope,
    text: str,
    entity: Optional[str],
    first_names: bool = False,
    names: Optional[List[Tuple[str, str, str]]] = None,
) -> Optional[str]:
    """The child a message names, checked against the asker's own open cases.

    The NLU cannot know every child's name (training data holds no real
    names), so it may miss a name it never saw or catch only part of it
    ("Nadia" of "Nadia Hussain"). This looks in the message for a case
    reference or a full name on the asker's caseload, and, with
    ``first_names`` (questions that need a child), a first name; otherwise
    it keeps what the NLU found. Nothing outside the scope is ever matched.
    ``names`` is :meth:`Store.open_case_names` for the scope, when the caller has it.
    """
    words = words_of(text)
    if not words:
        return entity
    joined = f" {' '.join(words)} "
    cases = store.open_case_names(scope) if names is None else names
    for case_id, _, _ in cases:
        if case_id.lower() in words:
            return case_id
    full = []
    for _, first, last in cases:
        name = " ".join(words_of(f"{first} {last}"))
        if name and f" {name} " in joined and name not in full:
            full.append(name)
    if entity and entity.strip():
        wanted = " ".join(words_of(entity))
        longer = [n for n in full if n.startswith(wanted) and n != wanted]
        if len(longer) == 1:
            return longer[0]
        return entity if full else _with_other_surname(text, cases) or entity
    if full:
        return full[0] if len(full) == 1 else None
    other = _with_other_surname(text, cases)
    if other:
        return other
    if first_names:
        firsts = {" ".join(words_of(first)) for _, first, _ in cases}
        said = [f for f in firsts if f and f" {f} " in joined]
        if len(said) == 1:
            return said[0]
    return None


def resolve_child(
    store: Store, scope: Scope, text: Optional[str] = None, case_id: Optional[str] = None
) -> Union[ResolvedChild, Reply]:
    """The one child ``text`` (or ``case_id``) means within ``scope``, or the reply to send instead.

    A case id settles it directly. Otherwise a child id or case reference
    typed exactly wins over name matches; one match is the child; none is
    ``child_not_found``; several is ``ambiguous_child`` with the options.
    """
    if case_id and case_id.strip():
        found = store.cases([case_id.strip()], scope)
        if not found:
            return not_found_reply(case_id)
        return ResolvedChild(found[0].child, tuple(found))
    if not text or not text.strip():
        return missing_child_reply()
    matches = store.find_children(scope, text)
    needle = " ".join(text.split()).lower()
    exact = [
        m for m in matches if m.child.child_id.lower() == needle or any(c.case_id.lower() == needle for c in m.cases)
    ]
    if exact:
        matches = exact
    if not matches:
        return not_found_reply(text)
    if len(matches) > 1:
        options = [_option(m.child, [(c.case_id, c.referral_date, c.is_open) for c in m.cases]) for m in matches]
        return ambiguous_reply(text, options)
    match = matches[0]
    cases = tuple(store.cases([c.case_id for c in match.cases], scope))
    if not cases:  # gone between the two queries (closed cases are still returned)
        return not_found_reply(text)
    return ResolvedChild(match.child, cases)


def or_list(names: Sequence[str]) -> str:
    """ "A, B or C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
