"""Curated rules against what the extractor finds in the guidance.

::

    report = check_corpus()              # load_policies() + corpus_index() + extract()
    print(report.render()); sys.exit(0 if report.ok else 1)

    report = rules_check(load_policies(), extract_candidates(passages))

For every curated rule (each authority file's own rules, and the England baseline
once) the check looks for a candidate from the same document with the same
duration (amount and unit) whose phrase is in the rule's quote and whose sentence
overlaps the quote (one contains the other, or they share most words). Rules
with such a candidate are *found*; the others are *missing* - the extractor (or
the rule's quote) needs a look. Recall = found / curated rules.

Candidates that match a rule's quote, or one of its ``supporting`` passages (same
duration), or one of its ``conflicts`` passages (any duration) are accounted for.
So are those a *drafted* rule quotes (``rules draft``; drafts are not curated
rules and do not count towards recall) and those a rule file lists as
``unmapped``. The rest are *extras*: timescales in the guidance that no rule
holds. Each is labelled from ``knowledge/extraction_review.yml`` (genuine /
restatement / false_positive) or reported as unreviewed. The report also says,
per council, how many rules are confirmed and drafted and how many timescale
sentences no rule uses (:mod:`assistant.rules.progress`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from assistant.config import KNOWLEDGE_DIR
from assistant.domain.policy import AuthorityPolicy, Citation, Rule
from assistant.knowledge.extract import Candidate, Unreadable, extract
from assistant.knowledge.ingest import corpus_index
from assistant.rules.loader import load_policies
from assistant.rules.progress import AuthorityProgress, authority_progress, render_progress

REVIEW_FILE = KNOWLEDGE_DIR / "extraction_review.yml"
VERDICTS = ("genuine", "restatement", "false_positive")
ROLES = ("rule", "supporting", "conflict", "draft", "unmapped")
SHARED_WORDS = (
    0.8  # "most words": this share of the shorter text's distinct words (0.6 cross-matched Camden's 3-month bullets)
)

__all__ = [
    "CandidateMatch",
    "Extra",
    "REVIEW_FILE",
    "ReviewEntry",
    "ReviewError",
    "RuleFinding",
    "RulesCheckReport",
    "check_corpus",
    "curated_rules",
    "load_reviews",
    "rules_check",
]


class ReviewError(ValueError):
    """The review file cannot be used; the message names the entry and why."""


# --------------------------------------------------------------------------- text
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _norm(text: str) -> str:
    """Lower case, no Markdown emphasis, straight quotes, single spaces."""
    return " ".join(text.translate(_QUOTES).replace("*", "").lower().split())


def _words(text: str) -> set:
    return set(re.findall(r"[a-z0-9]+", _norm(text)))


def overlaps(sentence: str, quote: str) -> bool:
    """One text contains the other, or they share most of the shorter one's words."""
    s, q = _norm(sentence), _norm(quote)
    if not s or not q:
        return False
    if q in s or s in q:
        return True
    ws, wq = _words(s), _words(q)
    small = min(len(ws), len(wq))
    return small > 0 and len(ws & wq) / small >= SHARED_WORDS


def _same_duration(candidate: Candidate, rule: Rule) -> bool:
    return (candidate.duration.amount, candidate.duration.unit) == (rule.duration.amount, rule.duration.unit)


def _cites(candidate: Candidate, citation: Citation) -> bool:
    """The candidate comes from this passage: same document, phrase in the quote, sentence overlaps."""
    return (
        candidate.citation.document == citation.document
        and _norm(candidate.phrase) in _norm(citation.quote)
        and overlaps(candidate.sentence, citation.quote)
    )


# --------------------------------------------------------------------------- review file
@dataclass(frozen=True)
class ReviewEntry:
    document: str
    phrase: str
    sentence: str  # a snippet of the candidate's sentence
    verdict: str
    note: str

    def matches(self, candidate: Candidate) -> bool:
        return (
            candidate.citation.document == self.document
            and _norm(candidate.phrase) == _norm(self.phrase)
            and _norm(self.sentence) in _norm(candidate.sentence)
        )

    def label(self) -> str:
        return f"{self.document} {self.phrase!r} ({self.sentence[:60]}...)"


def load_reviews(path: Path = REVIEW_FILE) -> Tuple[ReviewEntry, ...]:
    """The reviewed extras; an absent file means none."""
    path = Path(path)
    if not path.exists():
        return ()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ReviewError(f"{path.name}: not valid YAML: {exc}") from None
    entries = []
    for n, raw in enumerate(data.get("extras") or [], start=1):
        if not isinstance(raw, dict):
            raise ReviewError(f"{path.name}: extra #{n} must be a mapping")
        missing = [
            k for k in ("document", "phrase", "sentence", "verdict", "note") if not str(raw.get(k) or "").strip()
        ]
        if missing:
            raise ReviewError(f"{path.name}: extra #{n} is missing {', '.join(missing)}")
        if raw["verdict"] not in VERDICTS:
            raise ReviewError(
                f"{path.name}: extra #{n}: unknown verdict {raw['verdict']!r} (expected one of {', '.join(VERDICTS)})"
            )
        entries.append(
            ReviewEntry(
                document=str(raw["document"]).strip(),
                phrase=str(raw["phrase"]).strip(),
                sentence=" ".join(str(raw["sentence"]).split()),
                verdict=raw["verdict"],
                note=" ".join(str(raw["note"]).split()),
            )
        )
    return tuple(entries)


# --------------------------------------------------------------------------- report
@dataclass(frozen=True)
class CandidateMatch:
    """A candidate accounted for by a curated rule's quote, supporting or conflicting passage."""

    candidate: Candidate
    rule_id: str
    role: str  # rule | supporting | conflict | draft | unmapped (rule_id: the authority)


@dataclass(frozen=True)
class RuleFinding:
    rule: Rule
    candidates: Tuple[Candidate, ...]  # those matching the rule's own quote; empty = missing

    @property
    def found(self) -> bool:
        return bool(self.candidates)


@dataclass(frozen=True)
class Extra:
    """A candidate no curated rule accounts for, with its review (if any)."""

    candidate: Candidate
    verdict: Optional[str]  # genuine | restatement | false_positive | None (unreviewed)
    note: str = ""


def _duration_text(c: Candidate) -> str:
    d = c.duration
    unit = d.unit.replace("_", " ")
    text = f"{d.amount} {unit}"
    if c.upper is not None:
        text = f"{d.amount}-{c.upper.amount} {unit}"
    return text


def _where(c: Candidate) -> str:
    return f"{c.citation.authority} {c.citation.section}"


@dataclass(frozen=True)
class RulesCheckReport:
    findings: Tuple[RuleFinding, ...]
    matches: Tuple[CandidateMatch, ...]
    extras: Tuple[Extra, ...]
    unreadable: Tuple[Unreadable, ...] = ()
    stale_reviews: Tuple[ReviewEntry, ...] = ()
    authorities: Tuple[AuthorityProgress, ...] = ()

    @property
    def total(self) -> int:
        return len(self.findings)

    @property
    def found(self) -> Tuple[RuleFinding, ...]:
        return tuple(f for f in self.findings if f.found)

    @property
    def missing(self) -> Tuple[Rule, ...]:
        return tuple(f.rule for f in self.findings if not f.found)

    @property
    def recall(self) -> float:
        return len(self.found) / self.total if self.total else 1.0

    @property
    def ok(self) -> bool:
        """Every curated rule has a candidate (what the CLI's exit status reports)."""
        return not self.missing

    def extras_by_verdict(self, verdict: Optional[str]) -> Tuple[Extra, ...]:
        return tuple(e for e in self.extras if e.verdict == verdict)

    def to_dict(self) -> Dict[str, Any]:
        def cand(c: Candidate) -> Dict[str, Any]:
            return {
                "item": c.item,
                "kind": c.kind,
                "phrase": c.phrase,
                "duration": {"amount": c.duration.amount, "unit": c.duration.unit},
                "upper": {"amount": c.upper.amount, "unit": c.upper.unit} if c.upper else None,
                "anchor_text": c.anchor_text,
                "conditions": list(c.conditions),
                "citation": c.citation.as_dict(),
                "passage_id": c.passage_id,
            }

        return {
            "total": self.total,
            "found": len(self.found),
            "recall": self.recall,
            "missing": [r.id for r in self.missing],
            "found_rules": {f.rule.id: [cand(c) for c in f.candidates] for f in self.found},
            "accounted": [
                {"rule": m.rule_id, "role": m.role, "candidate": cand(m.candidate)}
                for m in self.matches
                if m.role in ("supporting", "conflict")
            ],
            "authorities": [a.to_dict() for a in self.authorities],
            "extras": [{"verdict": e.verdict, "note": e.note, "candidate": cand(e.candidate)} for e in self.extras],
            "unreadable": [
                {"phrase": u.phrase, "reason": u.reason, "citation": u.citation.as_dict()} for u in self.unreadable
            ],
            "stale_reviews": [
                {"document": s.document, "phrase": s.phrase, "sentence": s.sentence} for s in self.stale_reviews
            ],
        }

    def render(self) -> str:
        lines: List[str] = []
        pct = f"{100 * self.recall:.1f}%"
        lines.append(f"Rules check: {len(self.found)}/{self.total} curated rules found in the guidance (recall {pct})")
        lines.append("")
        if self.authorities:
            lines += render_progress(self.authorities)
            lines.append("")
        lines.append(f"Curated rules with no candidate (missing): {len(self.missing) or 'none'}")
        for rule in self.missing:
            lines.append(f"  MISSING {rule.id}: {rule.duration.phrase!r} - {rule.rule}")
            lines.append(f"          {rule.citation.document} {rule.citation.section}: {rule.citation.quote[:100]}")
        lines.append("")
        lines.append("Curated rules found:")
        for f in self.found:
            c = f.candidates[0]
            guess = "" if c.item == f.rule.item else f"  [extractor guessed item: {c.item}]"
            lines.append(
                f"  {f.rule.id}: {f.rule.duration.amount} {f.rule.duration.unit.replace('_', ' ')} "
                f"<- {c.phrase!r} ({_where(c)}){guess}"
            )
        accounted = [m for m in self.matches if m.role in ("supporting", "conflict")]
        lines.append("")
        lines.append(f"Candidates in a rule's supporting or conflicting passages: {len(accounted) or 'none'}")
        for m in accounted:
            c = m.candidate
            lines.append(f"  {m.role:10} {m.rule_id}: {c.phrase!r} = {_duration_text(c)} ({_where(c)})")
        lines.append("")
        lines.append(f"Candidate extras (match no curated rule): {len(self.extras) or 'none'}")
        headings = (
            ("genuine", "genuine timescales the rules do not hold"),
            ("restatement", "restatements of a curated rule (could be `supporting`)"),
            ("false_positive", "false positives (not timescales)"),
            (None, "UNREVIEWED (add a verdict to knowledge/extraction_review.yml)"),
        )
        for verdict, title in headings:
            group = self.extras_by_verdict(verdict)
            if not group and verdict is not None:
                lines.append(f"  {title}: none")
                continue
            if not group:
                continue
            lines.append(f"  {title}: {len(group)}")
            for e in group:
                c = e.candidate
                lines.append(f"    - {_where(c)}: {c.phrase!r} = {_duration_text(c)}, {c.kind}, item {c.item or '?'}")
                lines.append(f'      "{c.sentence[:140]}"')
                if e.note:
                    lines.append(f"      {e.note}")
        if self.unreadable:
            lines.append("")
            lines.append(f"Timescale-like phrases the duration reader cannot read: {len(self.unreadable)}")
            for u in self.unreadable:
                lines.append(f"  {u.citation.authority} {u.citation.section}: {u.phrase!r} - {u.reason.split(';')[0]}")
        if self.stale_reviews:
            lines.append("")
            lines.append(f"Review entries matching no candidate (stale): {len(self.stale_reviews)}")
            for s in self.stale_reviews:
                lines.append(f"  {s.label()}")
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the check
def curated_rules(policies: Mapping[str, AuthorityPolicy]) -> Tuple[Rule, ...]:
    """Each file's own confirmed rules, the baseline's once (inherited copies are the same rule id)."""
    seen: Dict[str, Rule] = {}
    for code in sorted(policies):
        for rule in policies[code].rules:
            seen.setdefault(rule.id, rule)
    return tuple(sorted(seen.values(), key=lambda r: (r.authority, r.id)))


def rules_check(
    policies: Mapping[str, AuthorityPolicy],
    candidates: Iterable[Candidate],
    reviews: Optional[Sequence[ReviewEntry]] = None,
    unreadable: Iterable[Unreadable] = (),
) -> RulesCheckReport:
    """Compare curated rules with extracted candidates (see the module docstring)."""
    candidates = list(candidates)
    reviews = load_reviews() if reviews is None else tuple(reviews)
    rules = curated_rules(policies)
    findings = []
    matches: List[CandidateMatch] = []
    for rule in rules:
        own = tuple(c for c in candidates if _same_duration(c, rule) and _cites(c, rule.citation))
        findings.append(RuleFinding(rule=rule, candidates=own))
        matches.extend(CandidateMatch(c, rule.id, "rule") for c in own)
    accounted = {id(m.candidate) for m in matches}
    for rule in rules:  # then supporting and conflicting passages, for the rest
        for c in candidates:
            if id(c) in accounted:
                continue
            if _same_duration(c, rule) and any(_cites(c, s) for s in rule.supporting):
                matches.append(CandidateMatch(c, rule.id, "supporting"))
            elif any(_cites(c, k.citation) for k in rule.conflicts):
                matches.append(CandidateMatch(c, rule.id, "conflict"))
    accounted = {id(m.candidate) for m in matches}
    matches.extend(_drafted_or_listed(policies, [c for c in candidates if id(c) not in accounted]))
    accounted = {id(m.candidate) for m in matches}
    extras = []
    used = set()
    for c in candidates:
        if id(c) in accounted:
            continue
        entry = next((r for r in reviews if r.matches(c)), None)
        if entry is not None:
            used.add(entry)
        extras.append(Extra(candidate=c, verdict=entry.verdict if entry else None, note=entry.note if entry else ""))
    stale = tuple(r for r in reviews if r not in used)
    unreadable = tuple(unreadable)
    return RulesCheckReport(
        findings=tuple(findings),
        matches=tuple(matches),
        extras=tuple(extras),
        unreadable=unreadable,
        stale_reviews=stale,
        authorities=authority_progress(policies, extras, unreadable),
    )


def _drafted_or_listed(
    policies: Mapping[str, AuthorityPolicy], candidates: Sequence[Candidate]
) -> List[CandidateMatch]:
    """Candidates a drafted rule quotes (same duration), or a file lists as an unmapped sentence."""
    out = []
    for c in candidates:
        policy = policies.get(c.citation.authority)
        if policy is None:
            continue
        draft = next((d for d in policy.drafts if _same_duration(c, d) and _cites(c, d.citation)), None)
        if draft is not None:
            out.append(CandidateMatch(c, draft.id, "draft"))
        elif any(
            u.citation.document == c.citation.document and overlaps(c.sentence, u.citation.quote)
            for u in policy.unmapped
        ):
            out.append(CandidateMatch(c, policy.authority, "unmapped"))
    return out


def check_corpus(
    policies: Optional[Mapping[str, AuthorityPolicy]] = None, passages: Optional[Iterable[Any]] = None
) -> RulesCheckReport:
    """The check over the shipped rules and the ingested corpus (what the CLI prints)."""
    if policies is None:
        policies = load_policies()
    if passages is None:
        passages = corpus_index().passages
    extraction = extract(passages)
    return rules_check(policies, extraction.candidates, unreadable=extraction.unreadable)
