"""Where each council's rules stand: confirmed, drafted, and timescale sentences no rule uses yet.

``rules check`` prints this per authority so the person onboarding a council
sees what is left to do after ``rules draft``: drafts to read and confirm, and
sentences of the council's document that state a timescale but feed no rule
(new text after a re-ingest, or a sentence the draft left out). The shipped
councils' unused sentences are each reviewed in ``knowledge/extraction_review.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from assistant.domain.pending import BASELINE
from assistant.domain.policy import AuthorityPolicy, Rule
from assistant.knowledge.corpus import collapse_ws
from assistant.knowledge.extract import Unreadable


@dataclass(frozen=True)
class AuthorityProgress:
    authority: str
    name: str
    has_file: bool
    confirmed: Tuple[Rule, ...]  # the council's own confirmed rules (inherited baseline rules not counted)
    drafts: Tuple[Rule, ...]
    unmapped: int  # sentences the file lists as timescales no item fits
    unused: Tuple[Any, ...]  # rules_check extras of this council: candidates no rule, draft or unmapped entry holds
    unreadable: Tuple[Unreadable, ...]  # unreadable timescales not listed under unmapped

    @property
    def unreviewed(self) -> Tuple[Any, ...]:
        return tuple(e for e in self.unused if e.verdict is None)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "authority": self.authority,
            "has_rule_file": self.has_file,
            "confirmed": [r.id for r in self.confirmed],
            "drafts": [r.id for r in self.drafts],
            "unmapped": self.unmapped,
            "not_used_by_any_rule": [
                {"phrase": e.candidate.phrase, "sentence": e.candidate.sentence, "reviewed": e.verdict is not None}
                for e in self.unused
            ]
            + [{"phrase": u.phrase, "sentence": u.sentence, "reviewed": False} for u in self.unreadable],
        }


def authority_progress(
    policies: Mapping[str, AuthorityPolicy], extras: Sequence[Any], unreadable: Sequence[Unreadable]
) -> Tuple[AuthorityProgress, ...]:
    """One entry per council with a rule file or with guidance in the index."""
    codes = (
        set(policies) | {e.candidate.citation.authority for e in extras} | {u.citation.authority for u in unreadable}
    )
    out = []
    for code in sorted(codes):
        policy = policies.get(code)
        listed = {collapse_ws(u.citation.quote) for u in policy.unmapped} if policy else set()
        out.append(
            AuthorityProgress(
                authority=code,
                name=policy.name if policy else code,
                has_file=policy is not None,
                confirmed=tuple(r for r in policy.rules if r.authority == code) if policy else (),
                drafts=policy.drafts if policy else (),
                unmapped=len(policy.unmapped) if policy else 0,
                unused=tuple(e for e in extras if e.candidate.citation.authority == code),
                unreadable=tuple(
                    u for u in unreadable if u.citation.authority == code and collapse_ws(u.sentence) not in listed
                ),
            )
        )
    return tuple(out)


def render_progress(entries: Sequence[AuthorityProgress]) -> List[str]:
    """The per-council lines of the report; details only where a person has something to do."""
    lines = ["Per authority (confirmed rules give due dates; drafts give none until confirmed):"]
    for p in entries:
        unused = len(p.unused) + len(p.unreadable)
        reviewed = " (each reviewed)" if unused and not p.unreviewed and not p.unreadable else ""
        if p.unreadable:
            reviewed = f" ({len(p.unreadable)} unreadable: listed below)"
        label = f"{p.authority} (baseline)" if p.authority == BASELINE else p.authority
        if not p.has_file:
            lines.append(f"  {label:18} NO RULE FILE: run `cin-assistant rules draft --authority {p.authority}`")
        else:
            lines.append(
                f"  {label:18} confirmed {len(p.confirmed)}, drafts {len(p.drafts)}, unmapped {p.unmapped}, "
                f"timescale sentences not used by any rule {unused}{reviewed}"
            )
        for rule in p.drafts:
            lines.append(
                f'    DRAFT {rule.id}: {rule.rule} <- section {rule.citation.section}: "{rule.citation.quote[:90]}"'
            )
        for extra in p.unreviewed:
            c = extra.candidate
            lines.append(f'    NOT USED {c.citation.section}: {c.phrase!r} "{c.sentence[:100]}"')
        if p.drafts:
            lines.append(
                f"    confirm: cin-assistant rules confirm --authority {p.authority} --item ITEM | --id ID | --all"
            )
    return lines


__all__ = ["AuthorityProgress", "authority_progress", "render_progress"]
