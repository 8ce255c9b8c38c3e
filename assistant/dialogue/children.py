"""Which child a caseload question is about: only children on cases the asker may see, by name or reference.

A child outside the asker's scope gets exactly the reply a child who does not
exist gets, so a name look-up never reveals whose cases exist elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple, Union

from assistant.casestore import CaseRecord, ChildRecord, Scope, Store
from assistant.dialogue.reply import Reply, clarify, refusal
from assistant.domain.names import fold, forms_of, one_edit_apart, plain
from assistant.domain.patterns import pattern


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
        f'I can\'t find a child matching "{text.strip().strip(chr(34) + chr(39))}" on the cases you can see. '
        "Check the spelling, or ask again with their case reference.",
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
    """Lower-case words without accents, possessives dropped ("Amelia's" -> "amelia", "Wiśniewski" -> "wisniewski"),
    a hyphen between letters a space ("Lacey-Ann" and "lacey ann" are one name; "CM-7004" stays one word)."""
    folded = _NAME_HYPHEN.sub(" ", fold(text).replace("\u2019", "'"))
    return [re.sub(r"'s?$", "", w) for w in _WORD.findall(folded)]


_NAME_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


_POSSESSIVE = re.compile("['\u2019]s$")
# Everyday-word names that are verbs too: "mark visit as done" is an instruction, not Mark's visit.
_EVERYDAY_VERBS = frozenset("mark will bill pat sue frank ray rain star storm chance".split())
# Capitalised words that may follow a child's first name without being a surname ("Is Amelia OK?").
_NOT_SURNAMES = frozenset(
    "a an and or but is was has had ok okay please thanks today tomorrow yesterday next this last now "
    "visit visits review reviews plan plans meeting case cin summary".split()
)
# First names that are everyday words too: a name only when the message writes it as one.
EVERYDAY_NAMES = frozenset(
    "hope faith grace rose will mark jack joy summer autumn sky precious honey ruby amber dawn april may june "
    "august bill bob pat sue ray rich frank art ash holly ivy lily daisy poppy river rain star angel king "
    "major miles reign storm blue destiny harmony heaven justice liberty patience unique max eve guy chance sage "
    "rowan favour blessing mercy gift".split()
)
_NAME_SLOT = re.compile(
    r"\b(?:for|to|see|saw|seen|seeing|visit|visited|visiting|about|on|with|and|or|is|was|has|did|does|when's|whens)\s+$"
)
_GROUP = (
    r"(?:kids|children|boys|girls|siblings|twins|family|brothers|sisters|lot|ones|babies|baby|boy|girl|lad|child|"
    r"kid|youngest|eldest|oldest|little one|toddler)"
)


def _said_as_name(first: str, text: str, joined: str) -> bool:
    """An everyday-word first name ("Hope", "Will") counts only capitalised, possessive or where a name goes;
    no name in lower case follows "a" ("got a mo between visits") or "at the" ("busy at the mo")."""
    if pattern(rf"\b(?:a|at the) {re.escape(first)}\b(?!['\u2019])").search(text.lower()) and not _capitalised(
        first, text
    ):
        return False
    if first not in EVERYDAY_NAMES:
        return True
    if pattern(rf"(?<![A-Za-z]){re.escape(first.capitalize())}(?![a-z])").search(text):
        return True
    if pattern(rf"\b{re.escape(first)} (?:was |got )?(?:seen|visited)\b").search(text.lower()):
        return True  # "joy seen at school this morning": the one seen
    if first not in _EVERYDAY_VERBS and pattern(rf"^\W*{re.escape(first)} {_ITEM_WORD}").search(f"{joined} "):
        return True  # "blessing case summary when": the message opens with the name and one of the child's items
    return _after_name_word_or_possessive(first, text, joined)


def _after_name_word_or_possessive(name: str, text: str, joined: str) -> bool:
    """``name`` after a word a name follows ("for", "is", "saw" ...) or possessive ("joy's"), accents aside."""
    at = joined.find(f" {name} ")
    if at >= 0 and _NAME_SLOT.search(joined[: at + 1]):
        return True
    return bool(pattern(rf"\b{re.escape(name)}['\u2019]s\b").search(fold(text)))


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


def named_children(
    store: Store,
    scope: Scope,
    text: str,
    entity: Optional[str],
    first_names: bool = False,
    capitalised: bool = False,
    whole_first_names: bool = False,
) -> List[str]:
    """The children a message names, checked against the asker's own cases (closed ones too).

    The NLU cannot know every child's name (training data holds no real
    names), so it may miss a name or catch only part of it. This reads the
    message itself: a case reference; a full name (accents and hyphens aside);
    a family by surname ("the Young kids", "the Okafors": every child of that
    name); and with ``first_names`` (questions that need a child) a first name
    or its short form ("Alfie" for Alfred), an everyday-word name ("Hope",
    "Will") only where it is written as a name. Returns case ids of the
    children found, or one name as typed for :func:`resolve_child` to settle
    (several children share it, or it names nobody on the asker's cases); an
    empty list when the message names no child. Nothing outside the scope is
    ever matched. With ``capitalised`` a first name counts only written with a capital
    (a message the NLU did not take for a caseload question: "what does amelia need" stays unread);
    ``whole_first_names`` lets a child's whole first name count in lower case even so ("is danny overdue",
    "anything late for precious": an everyday-word name still only where a name goes), never a short form.
    """
    words = words_of(text)
    if not words:
        return [entity] if entity else []
    joined = f" {' '.join(words)} "
    cases = store.case_names(scope)
    open_first = sorted(cases, key=lambda c: (not c[3], c[0]))  # a child's open case before a closed one
    outright = _named_outright(cases, open_first, words, joined) or _namesakes(open_first, joined)
    if outright:
        return outright
    other = _with_other_surname(text, [(c, f, la) for c, f, la, _ in cases])
    if other:
        return [other]
    several = _by_first_name(cases, open_first, text, joined, capitalised, whole_first_names) if first_names else []
    if first_names and not several:
        several = _misspelt_first_name(open_first, text, joined)  # "milo's next review" for Mylo
    if entity and entity.strip() and capitalised and _lower_case_short_form(entity, text, cases):
        return several  # "got a mo between visits": the NLU took an everyday word for a short name
    if entity and entity.strip():
        # the NLU caught "Siobhan" (the case says Siobhán) or "Alfie" (the case says Alfred)
        by_short_form = _by_folded_name(open_first, entity) or _by_short_form(open_first, entity)
        if not by_short_form and len(several) == 1 and _surname_misspelt(entity, several[0], cases):
            return several  # "imogen blaydens": the one Imogen, her surname (Blaydon) typed nearly right
        if not by_short_form and several and _the_name_said(entity, several, cases):
            return several  # "rubys next visit": the NLU caught the possessive, the first names found the child
        named = by_short_form or [entity]
        return several if len(several) > 1 and _among(entity, named, several, cases) else named
    return several


def _surname_misspelt(entity: str, case_id: str, cases: Sequence[Tuple[str, str, str, bool]]) -> bool:
    """The NLU's name is the surname of the child the first name found, typed a letter out (possessive or not,
    as :func:`_misspelt_first_name` reads first names): never another child's surname, which names someone else."""
    said = " ".join(words_of(entity))
    said = said[:-1] if said.endswith("s") and len(said) > 4 else said
    surnames = {case: " ".join(words_of(last)) for case, _, last, _ in cases}
    if said in surnames.values() or len(said) < 4:
        return False
    return one_edit_apart(said, surnames.get(case_id, ""))


def _the_name_said(entity: str, several: Sequence[str], cases: Sequence[Tuple[str, str, str, bool]]) -> bool:
    """The NLU's name is, less a possessive "s", the first name the message was found to say."""
    said = " ".join(words_of(entity))
    said = said[:-1] if said.endswith("s") else said
    firsts = {" ".join(words_of(first)) for case_id, first, _, _ in cases if case_id in several}
    return said in set(several) | firsts


def _misspelt_first_name(open_first: Sequence[Tuple[str, str, str, bool]], text: str, joined: str) -> List[str]:
    """A first name typed one letter out ("milo" for Mylo, "kadence" for Kaydence), only where a name goes:
    possessive, or before one of the child's items or a question word. Never a word of its own."""
    found: Set[str] = set()
    for _, first_raw, _, _ in open_first:
        first = " ".join(words_of(first_raw))
        if len(first) < 4 or " " in first:
            continue
        for word in set(joined.split()):
            stem = word[:-1] if word.endswith("s") and len(word) > 4 else word
            typed = word if one_edit_apart(word, first) else stem if one_edit_apart(stem, first) else None
            if typed is None or typed == first or len(typed) < 4 or typed in EVERYDAY_NAMES or typed in _COMMON_WORDS:
                continue
            if _possessive_typed(typed, text) or pattern(
                rf" {re.escape(word)} (?:{_ITEM_WORD}|(?:{_QUESTION_AFTER_NAME}) )"
            ).search(joined):
                found.add(first)
    if len(found) != 1:
        return []
    only = found.pop()
    children = _children_where(open_first, _first_name_is(only))
    return children if len(children) == 1 else [only]


#: Everyday words one letter from a name ("home" and Hope, "mile" and Milo): never taken for a name mistyped.
_COMMON_WORDS = frozenset(
    "home hole hose hops mile mine more make made time some same come done gone case date late next week work "
    "kids visit plan team file note last lost mark mary main meet sure over when what were will with".split()
)


def _lower_case_short_form(entity: str, text: str, cases: Sequence[Tuple[str, str, str, bool]]) -> bool:
    """One word, written in lower case, that is no child's first or last name: at most a short form ("mo")."""
    said = " ".join(words_of(entity))
    if " " in said or _capitalised(said, text):
        return False
    names = {word for _, first, last, _ in cases for part in (first, last) for word in words_of(part)}  # amelia(-rose)
    return said not in names and not (said.endswith("s") and said[:-1] in names)  # "poppys visit": Poppy's


def possessive_name(text: str) -> Optional[str]:
    """A capitalised word written as a possessive ("when is Amelia's next review"), not a word of its own ("What's"):
    a name typed, so a child outside the asker's scope gets the reply a child who does not exist gets, whether or
    not the NLU caught it."""
    for match in _POSSESSIVE_WORD.finditer(plain(text)):
        if match.group(1).lower() not in _NOT_POSSESSIVE_NAMES:
            return match.group(1)
    return None


_POSSESSIVE_WORD = re.compile(r"(?<![A-Za-z'])([A-Z][a-z]+)['\u2019]s\b")
_NOT_POSSESSIVE_NAMES = frozenset(
    "what that it who there here where when how let he she today tomorrow yesterday everyone everybody nobody "
    "someone somebody anyone mum dad nan gran monday tuesday wednesday thursday friday saturday sunday "
    "council team manager".split()
)


def _among(
    entity: str, named: Sequence[str], several: Sequence[str], cases: Sequence[Tuple[str, str, str, bool]]
) -> bool:
    """The child the NLU caught is one of the several the message names ("grace and joy")."""
    said = " ".join(words_of(entity))
    firsts = {" ".join(words_of(first)) for case_id, first, _, _ in cases if case_id in several}
    return bool(set(named) & set(several)) or any(said in forms_of(f) or f.startswith(said) for f in firsts)


def _named_outright(
    cases: Sequence[Tuple[str, str, str, bool]],
    open_first: Sequence[Tuple[str, str, str, bool]],
    words: Sequence[str],
    joined: str,
) -> List[str]:
    """What names children beyond doubt: a case reference, a full name, a family by its surname."""
    typed = typed_references(joined)
    for case_id, _, _, _ in cases:
        if case_id.lower() in words or compact_reference(case_id) in typed:
            return [case_id]
    # a full name, and a brother or sister named before it by first name only ("faith and reign okafor")
    full = _children_where(
        open_first,
        lambda first, last: (
            # "libby greaves" for Elizabeth Greaves; "ellis f" for Ellis Fairbrother (an initial that is not a word)
            any(f" {form} {last} " in joined or f" {form} {last}s " in joined for form in forms_of(first))  # "blaydens"
            or (last[:1] not in ("", "a", "i") and f" {first} {last[:1]} " in joined)
            or bool(pattern(rf" {re.escape(first)} (?:and|&) [a-z'-]+ {re.escape(last)} ").search(joined))
        ),
    )
    family = _family_named(open_first, joined)  # "becca osborne and the pett kids": a child and a family
    return full + [case_id for case_id in family if case_id not in full]


def compact_reference(reference: str) -> str:
    """A case reference as letters and digits only: "MW-5104", "mw5104" and "mw 5104" are one reference."""
    return re.sub(r"[^a-z0-9]", "", reference.lower())


def typed_references(text: str) -> FrozenSet[str]:
    """Every case reference a message may type, written loosely ("mw5104", "mw 5106", "CM-8106"), compacted."""
    return frozenset(a + b for a, b in _LOOSE_REFERENCE.findall(text.lower()))


_LOOSE_REFERENCE = re.compile(r"(?<![a-z0-9])([a-z]{1,4})[ -]?(\d{3,6})(?![a-z0-9])")


def _by_first_name(
    cases: Sequence[Tuple[str, str, str, bool]],
    open_first: Sequence[Tuple[str, str, str, bool]],
    text: str,
    joined: str,
    capitalised: bool,
    whole_first_names: bool = False,
) -> List[str]:
    """The first names (or their short forms) the message says: one name gives that child's case, or the name
    to resolve; several ("saw Taras and Daryna") give each child's case when each names exactly one child."""
    starts = _name_starts(text)
    said = {
        first
        for _, first_raw, _, _ in cases
        for first in [" ".join(words_of(first_raw))]
        if first
        and (
            any(
                (f" {form} " in joined or _possessive_unmarked(form, joined))
                and _said_as_name(form, text, joined)
                and (
                    not capitalised
                    or _capitalised(form, text)
                    or _possessive_typed(form, text)  # "mo's plan", "benji's visit": a name, written in lower case
                    or _opens_a_question(form, joined)  # "mo anything due next week"
                    or (
                        whole_first_names
                        and (len(form) >= 3 or _initials_of(form, first))  # "mylo and aj": Alfie-James
                        and _in_name_place(form, text, joined)
                    )
                )
                for form in forms_of(first)
            )
            or any(first.startswith(start) and start != first for start in starts)
        )
    }
    if len(said) == 1:
        only = said.pop()
        found = _children_where(open_first, lambda first, last: first == only)
        return found if len(found) == 1 else [only]
    if len(said) < 2:
        return []
    each = [_children_where(open_first, _first_name_is(name)) for name in sorted(said)]
    return [found[0] for found in each] if all(len(found) == 1 for found in each) else []


def _in_name_place(name: str, text: str, joined: str) -> bool:
    """A lower-case name where a name goes: after "for", "is", "and" ... ("anything late for precious", "is danny
    overdue"), possessive ("summer's assessment", "ryans supervision"), or first and set apart ("oisin - any news")."""
    if _after_name_word_or_possessive(name, text, joined) or _possessive_unmarked(name, joined):
        return True
    if pattern(rf" {re.escape(name)} {_ITEM_WORD}").search(joined):
        return True  # "amara supervision when", "chidera plan circulation deadline"
    if name not in EVERYDAY_NAMES and (
        joined.startswith(f" {name} ")  # "tyrese 9 month head of service review date": the message opens with it
        or pattern(rf" {_NOUN_BEFORE_NAME} {re.escape(name)} ").search(joined)
        or pattern(rf" {re.escape(name)} {_QUESTION_AFTER_NAME} ").search(joined)
    ):
        return True  # "the new referral maisie when does her assessment ...", "kacper when is his review"
    return bool(pattern(rf"^\W*{re.escape(name)}\s*[-,:\u2013]").search(fold(text)))


#: Words a child's name follows or is followed by in a question about them; for names that are not everyday words.
_NOUN_BEFORE_NAME = r"(?:referral|child|boy|girl|baby|lad|kid|son|daughter|re)"
_QUESTION_AFTER_NAME = r"(?:when|whens|what|whats|is|has|needs|still|anything|any|next|due)"
_FAMILY_THINGS = r"(?:stuff|things|bits|items|work|cases)"
_ITEM_WORD = (
    r"(?:visits?|reviews?|plans?|meetings?|assessments?|supervisions?|summary|oversight|case|hvs?|icm|c&f|c and f) "
)


def _initials_of(form: str, first: str) -> bool:
    """``form`` is the initials of a first name of two or more parts ("aj" for Alfie-James)."""
    parts = first.split()
    return len(parts) > 1 and form == "".join(p[0] for p in parts)


def _namesakes(open_first: Sequence[Tuple[str, str, str, bool]], joined: str) -> List[str]:
    """ "Either of the Rubys", "both jaydens": every child of the asker's with that first name, when two or more
    share it."""
    firsts = [" ".join(words_of(first)) for _, first, _, _ in open_first]
    for shared in sorted({f for f in firsts if f and firsts.count(f) > 1}):
        if pattern(rf" (?:the|both|either of the|both the|all the) {re.escape(shared)}s ").search(joined):
            return _children_where(open_first, _first_name_is(shared))
    return []


def _opens_a_question(name: str, joined: str) -> bool:
    """The message opens with the name, then asks ("mo anything due next week", "clemmie next review")."""
    return name not in EVERYDAY_NAMES and bool(
        pattern(rf"^ {re.escape(name)} (?:{_QUESTION_AFTER_NAME}) ").search(joined)
    )


def _possessive_typed(name: str, text: str) -> bool:
    """``name`` written with an apostrophe s ("mo's", "benji’s"), in any case."""
    return bool(pattern(rf"(?<![a-z]){re.escape(name)}['\u2019]s\b").search(fold(text).lower()))


def _possessive_unmarked(name: str, joined: str) -> bool:
    """ "ryans next supervision", "jaydens plan": a possessive typed without its apostrophe (never an everyday word:
    "marks", "hopes")."""
    if name.endswith("s") or f" {name}s " not in joined:
        return False
    # an everyday-word name only before its item or "next" ("when is storms next hv"), never "hopes" or "marks"
    return name not in EVERYDAY_NAMES or bool(pattern(rf" {re.escape(name)}s (?:next |{_ITEM_WORD})").search(joined))


#: Capitalised words that begin a name but are words of their own ("Can" for Candice, "Max" for Maxine).
_NOT_NAME_STARTS = frozenset(
    "any can max will did has had was are the this that what when who how why where have just one our not new "
    "saw see met next last day due mum dad".split()
)


def _name_starts(text: str) -> FrozenSet[str]:
    """The words a message writes as the start of a name ("Nico" for Nicolás, "Abdi" for Abdirahman, "Lily"
    for Lily-Mae): capitalised, three letters or more, not the message's first word unless possessive, and
    not a word of its own. Read once per message, then matched against each child's first name."""
    return frozenset(
        word
        for match in _CAPITALISED_WORD.finditer(plain(text))
        for word in [match.group(1).lower()]
        if len(word) >= 3 and word not in _NOT_NAME_STARTS and (match.start() > 0 or match.group(2))
    )


_CAPITALISED_WORD = re.compile(r"(?<![A-Za-z'])([A-Z][a-z]+)(?![A-Za-z])('s)?")


def _first_name_is(name: str) -> Callable[[str, str], bool]:
    """A test on (first, last) for one first name."""
    return lambda first, last: first == name


def _surname_is(surname: str) -> Callable[[str, str], bool]:
    """A test on (first, last) for one family's surname."""
    return lambda first, last: last == surname


def _by_folded_name(cases: Sequence[Tuple[str, str, str, bool]], entity: str) -> List[str]:
    """The one child whose first or full name is ``entity`` with accents aside ("Siobhan" for Siobhán), else none:
    the case store's own look-up compares names as stored."""
    said = " ".join(words_of(entity))
    names = {said, said[:-1]} if said.endswith("s") and said not in EVERYDAY_NAMES else {said}  # "jaydens"
    found = _children_where(cases, lambda first, last: first in names or f"{first} {last}" in names)
    return found if len(found) == 1 else []


def _by_short_form(cases: Sequence[Tuple[str, str, str, bool]], entity: str) -> List[str]:
    """The one child whose first name has ``entity`` as its short form ("Liz" for Elizabeth), else none."""
    said = " ".join(words_of(entity))
    if " " in said or any(" ".join(words_of(first)) == said for _, first, _, _ in cases):
        return []  # a full name, or a child really called that: resolve_child settles it
    firsts = {
        first
        for _, first_raw, _, _ in cases
        for first in [" ".join(words_of(first_raw))]
        if first and first != said and said in forms_of(first)
    }
    if len(firsts) != 1:
        return []
    only = firsts.pop()
    found = _children_where(cases, lambda first, last: first == only)
    return found if len(found) == 1 else []


def _capitalised(name: str, text: str) -> bool:
    """The message writes ``name`` with a capital ("Amelia", not "amelia"), accents aside."""
    if not name:
        return False
    # the first letter a capital, the rest as typed ("Amelia-Rose" and "Amelia-rose" for amelia-rose)
    rest = re.escape(name[1:]).replace(r"\ ", "[ -]")  # "lacey ann" as written: "Lacey-Ann"
    written = rf"(?<![A-Za-z]){re.escape(name[0].upper())}(?i:{rest})(?![a-rt-z]|s[a-z])"  # "AJs": AJ's
    return bool(pattern(written).search(plain(text)))


def _children_where(cases: Sequence[Tuple[str, str, str, bool]], test: Callable[[str, str], bool]) -> List[str]:
    """Case ids, one per child (the open case first), of the cases whose folded first and last names pass ``test``."""
    seen: Dict[Tuple[str, str], str] = {}
    for case_id, first, last, _ in cases:
        key = (" ".join(words_of(first)), " ".join(words_of(last)))
        if key not in seen and test(*key):
            seen[key] = case_id
    return list(seen.values())


def _family_named(cases: Sequence[Tuple[str, str, str, bool]], joined: str) -> List[str]:
    """ "The Young kids", "the Okafors", "Abdi boys": every child with that surname."""
    surnames = {" ".join(words_of(last)) for _, _, last, _ in cases if last}
    two = pattern(rf" (?:the )?([a-z'-]+) (?:and|&) (?:the )?([a-z'-]+) {_GROUP} ").search(joined)
    if two and {two.group(1), two.group(2)} <= surnames:  # "sparrow and beaumont kids": two families at once
        families = {two.group(1), two.group(2)}
        return _children_where(cases, lambda first, last: " ".join(words_of(last)) in families)
    for surname in sorted(surnames, key=len, reverse=True):
        if not surname:
            continue
        plural = f"{surname}es" if re.search(r"(?:s|x|z|ch|sh)$", surname) else f"{surname}s"
        family = len({first for _, first, last, _ in cases if " ".join(words_of(last)) == surname}) > 1
        if (
            pattern(rf" (?:the )?{re.escape(surname)} {_GROUP} ").search(joined)
            or f" {plural} " in joined
            or pattern(rf" the {re.escape(surname)} ").search(joined)
            or (family and pattern(rf" {re.escape(surname)} {_ITEM_WORD}").search(joined))  # "bennett reviews"
            or pattern(rf" (?:any|all) {re.escape(surname)} ").search(joined)  # "any castellano stuff due"
            or pattern(rf" {re.escape(surname)} {_FAMILY_THINGS} ").search(joined)  # "the pett stuff"
        ):
            return _children_where(cases, _surname_is(surname))
    return []


def mentioned_child(
    store: Store,
    scope: Scope,
    text: str,
    entity: Optional[str],
    first_names: bool = False,
    names: Optional[List[Tuple[str, str, str]]] = None,
) -> Optional[str]:
    """The one child a message names (:func:`named_children`): a case id or a name to resolve; None for none
    (or for a family of several, which :func:`named_children` gives in full)."""
    found = named_children(store, scope, text, entity, first_names)
    return found[0] if len(found) == 1 else None


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
    needle = compact_reference(text)
    exact = [
        m
        for m in matches
        if compact_reference(m.child.child_id) == needle or any(compact_reference(c.case_id) == needle for c in m.cases)
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
