"""What a due-date rule is, as the engine and the answers see it.

Rules are data (``knowledge/policies/*.yml``), each with the passage of guidance
it came from. These types are frozen so a loaded policy can be shared freely
between the CLI, the action server and the tests without anyone changing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from assistant.domain.codes import CATEGORIES as CASE_CATEGORIES
from assistant.domain.codes import ITEMS, STEP_DOWN_EVENTS
from assistant.domain.durations import Duration

# The vocabulary of the rule files (spec §2 and §4) is assistant.domain.codes'; the loader refuses anything else.
# Case categories and step-down routes are the exchange format's (spec §4): one vocabulary.
CATEGORIES: tuple[str, ...] = CASE_CATEGORIES
ROUTES: tuple[str, ...] = STEP_DOWN_EVENTS
OCCURRENCES: tuple[str, ...] = ("first", "subsequent")
# A rule drafted from the text (`cin-assistant rules draft`) is a suggestion until a person confirms it:
# only confirmed rules give due dates. A rule with no status (every curated file) is confirmed.
DRAFT, CONFIRMED = "draft", "confirmed"
STATUSES: tuple[str, ...] = (DRAFT, CONFIRMED)
# What a due date counts from. "meeting" = each initial_cin_meeting or cin_review;
# "previous" = the last time the item happened, else the CIN start (spec §2).
ANCHORS: tuple[str, ...] = (
    "referral",
    "assessment_completed",
    "initial_cin_meeting",
    "meeting",
    "previous",
    "cin_start",
) + ROUTES


def default_anchor(item: str, occurrence: Optional[str] = None) -> str:
    """Spec §2's anchor for an item, used when a rule does not name its own."""
    if item in ("assessment", "first_home_visit"):
        return "referral"
    if item == "initial_cin_meeting":
        return "assessment_completed"
    if item == "plan_circulation":
        return "meeting"
    if item == "oversight":
        return "cin_start"
    if item == "cin_review" and occurrence == "first":
        return "cin_start"
    return "previous"  # visit, supervision, case_summary, later reviews


@dataclass(frozen=True)
class Citation:
    """Where a rule's words come from: a document in the corpus and an exact quote."""

    document: str  # file name in knowledge/sources (MANIFEST.yml), or of a document ingested for a new council
    section: str  # "10.1", or the heading/bullet it sits under in un-numbered documents
    quote: str  # copied from the document; matches it once whitespace is collapsed

    def as_source(self) -> dict[str, str]:
        """The ``source`` object of the JSON output (spec §5)."""
        return {"document": self.document, "section": self.section}


@dataclass(frozen=True)
class Conflict:
    """Another passage of the same guidance that says something different.

    The rule keeps the timescale it was given; the conflict travels with it so
    an answer can say "the guidance also says ..." instead of hiding it.
    """

    citation: Citation
    note: str  # what the other passage says instead, in plain words


@dataclass(frozen=True)
class Silence:
    """An item an authority's guidance deliberately leaves to a document we do not hold.

    There is no rule and no baseline is inherited for it: the assistant says
    the loaded guidance sets no timescale, and can point to where it lives.
    """

    item: str
    note: str
    citation: Citation


@dataclass(frozen=True)
class Unmapped:
    """A timescale sentence of the guidance that no rule item fits, kept so a person sees it.

    ``rules draft`` lists these beside the drafted rules ("visits recorded
    within 2 working days" is a timescale, but not one the engine tracks), so
    nothing the council's document says about time is silently dropped.
    """

    citation: Citation
    reason: str  # why it is not a rule, in plain words
    phrase: str = ""  # the timescale as written, when one was read


@dataclass(frozen=True)
class Rule:
    """One timescale: what is due, for which cases, how long after what, and why."""

    id: str
    authority: str  # the authority whose file it came from ("england" when inherited)
    item: str
    duration: Duration
    rule: str  # one plain sentence for a social worker, e.g. "visits at least every 15 working days"
    citation: Citation
    category: Optional[str] = None  # None: every category without its own rule
    route: Optional[str] = None  # step-down route for first reviews; None: any route
    occurrence: Optional[str] = None  # cin_review only: first | subsequent; None: both
    anchor: Optional[str] = None  # None: spec §2's default for the item
    who: Optional[str] = None  # oversight: who is involved at the milestone
    supporting: tuple[Citation, ...] = ()  # other passages that say the same
    conflicts: tuple[Conflict, ...] = ()  # other passages that say something else
    status: str = CONFIRMED  # draft: read from the text, not yet checked by a person; never gives a due date

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def conditions(self) -> tuple[Optional[str], Optional[str], Optional[str]]:
        """(category, route, occurrence): what a case must match for this rule."""
        return (self.category, self.route, self.occurrence)

    @property
    def slot(self) -> tuple:
        """Item and conditions, plus the milestone for oversight (where several rules co-exist).

        Two rules with the same slot say the same thing twice; an authority's
        rule replaces the baseline's rule with the same slot.
        """
        milestone = (self.duration.amount, self.duration.unit) if self.item == "oversight" else None
        return (self.item, self.category, self.route, self.occurrence, milestone)

    @property
    def specificity(self) -> tuple[bool, bool, bool]:
        """Sort key: a route-specific rule beats a category-specific one beats a general one."""
        return (self.route is not None, self.category is not None, self.occurrence is not None)

    def anchor_for(self, occurrence: Optional[str] = None) -> str:
        """The anchor to count from: the rule's own, else spec §2's default."""
        return self.anchor or default_anchor(self.item, self.occurrence or occurrence)

    def matches(self, category: str, route: Optional[str], occurrence: Optional[str]) -> bool:
        """Does this rule apply to a case with these facts? Unset conditions match anything."""
        return (
            (self.category is None or self.category == category)
            and (self.route is None or self.route == route)
            and (self.occurrence is None or occurrence is None or self.occurrence == occurrence)
        )


@dataclass(frozen=True)
class AuthorityPolicy:
    """One authority's rules, with the England baseline it inherits already merged in."""

    authority: str  # the code used in workers.csv, e.g. "medway"
    name: str  # for people, e.g. "Medway Council"
    file: Path
    rules: tuple[Rule, ...]  # confirmed rules only: the due engine and the answers use these
    silent: tuple[Silence, ...] = ()
    drafts: tuple[Rule, ...] = ()  # drafted from the text, awaiting a person's confirmation: no due dates
    unmapped: tuple[Unmapped, ...] = ()  # timescale sentences no rule item fits
    # rules_for answers the same few questions for every case of a report: remember them.
    _lookups: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def rules_for(
        self,
        item: str,
        category: str,
        route: Optional[str] = None,
        occurrence: Optional[str] = None,
    ) -> list[Rule]:
        """The rules that apply to a case, most specific first.

        A general rule is left out where a more specific one covers the same
        occurrence (and, for oversight, the same milestone): "no category"
        means every category without its own rule. So for a single-cadence
        item the first rule is the one to use; for oversight every rule
        returned is a separate milestone. Empty: the guidance sets no timescale.
        """
        key = (item, category, route, occurrence)
        if key in self._lookups:
            return list(self._lookups[key])
        matching = [r for r in self.rules if r.item == item and r.matches(category, route, occurrence)]
        matching.sort(key=lambda r: r.specificity, reverse=True)  # stable: file order within a tier
        kept: list[Rule] = []
        for rule in matching:
            if not any(_shadows(better, rule) for better in kept):
                kept.append(rule)
        self._lookups[key] = tuple(kept)
        return kept

    def rule_for(
        self,
        item: str,
        category: str,
        route: Optional[str] = None,
        occurrence: Optional[str] = None,
    ) -> Optional[Rule]:
        """The one rule for a single-cadence item, or None when the guidance sets none."""
        found = self.rules_for(item, category, route, occurrence)
        return found[0] if found else None

    def items(self) -> list[str]:
        """The items this authority has at least one rule for, in spec §2 order."""
        present = {r.item for r in self.rules}
        return [i for i in ITEMS if i in present]

    def drafts_for(self, item: str) -> list[Rule]:
        """The drafted (unconfirmed) rules for ``item``, in file order."""
        return [r for r in self.drafts if r.item == item]

    def silent_on(self, item: str) -> Optional[Silence]:
        """The documented reason this authority has no rule for ``item``, if there is one."""
        return next((s for s in self.silent if s.item == item), None)


def _shadows(better: Rule, other: Rule) -> bool:
    """Does a more specific rule cover the case ``other`` would have covered?

    ``better`` comes earlier in the specificity order; rules of equal
    specificity (Kent's first and later reviews) never hide each other.
    """
    if better.specificity == other.specificity:
        return False
    same_milestone = better.slot[4] == other.slot[4]
    compatible = better.occurrence is None or other.occurrence is None or better.occurrence == other.occurrence
    return same_milestone and compatible
