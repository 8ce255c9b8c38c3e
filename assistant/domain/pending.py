"""Items the engine cannot compute yet for a council, and why: said, never filled in with a made-up date.

A council added from its own document starts with drafted rules only; the
engine uses confirmed rules only. A worker asking what is due on such a case
must hear that the visit (say) is not on the list because its rule awaits
confirmation - not silence, which reads as "nothing due". Likewise a council
with no rule file at all gets the statutory baseline alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Mapping, Optional, Tuple

from assistant.domain.policy import ITEMS, AuthorityPolicy
from assistant.domain.vocabulary import ITEM_NAMES

BASELINE = "england"  # the statutory baseline every council inherits (england.yml)


@dataclass(frozen=True)
class NotComputed:
    """An item (or, with ``item`` None, every item beyond the baseline) a council's cases get no date for."""

    authority: str
    item: Optional[str]
    reason: str
    drafts: Tuple[str, ...] = ()  # the drafted rule ids awaiting confirmation

    def to_json(self) -> Dict[str, object]:
        return {"authority": self.authority, "item": self.item, "reason": self.reason, "drafts": list(self.drafts)}


def _name(policy: Optional[AuthorityPolicy], code: str) -> str:
    return policy.name if policy is not None and policy.name else code.replace("_", " ").title()


def _drafted(policy: AuthorityPolicy, item: str) -> Optional[NotComputed]:
    drafts = policy.drafts_for(item)
    if not drafts or any(r.item == item for r in policy.rules):
        return None  # nothing drafted, or a confirmed rule computes it
    code = policy.authority
    ids = tuple(r.id for r in drafts)
    command = f"cin-assistant rules confirm --authority {code} --item {item}"
    if len({r.slot for r in drafts}) < len(drafts):
        command += " --id RULE_ID (the drafts offer different timescales: pick one)"
    reason = (
        f"{_name(policy, code)}'s {ITEM_NAMES[item]} rule is drafted, not yet confirmed "
        f"({', '.join(ids)}): check it against its quote in {policy.file.name}, then run `{command}`"
    )
    return NotComputed(code, item, reason, ids)


def not_computed(
    authorities: Iterable[str], policies: Mapping[str, AuthorityPolicy], item: Optional[str] = None
) -> Tuple[NotComputed, ...]:
    """For each authority (of the cases asked about): the items whose rule is only drafted, or, with no
    rule file at all, one entry saying only the baseline is computed. ``item`` keeps that item's only."""
    out = []
    baseline = policies.get(BASELINE)
    baseline_items = {r.item for r in baseline.rules} if baseline is not None else set()
    for code in sorted(set(authorities)):
        policy = policies.get(code)
        if policy is None:
            if item is None or item not in baseline_items:
                out.append(_no_file(code))
            continue
        found = [d for d in (_drafted(policy, wanted) for wanted in (ITEMS if item is None else (item,))) if d]
        if not found and item is None and code != BASELINE and not policy.drafts and _baseline_only(policy):
            found = [_nothing_confirmed(policy)]
        out.extend(found)
    return tuple(out)


def _baseline_only(policy: AuthorityPolicy) -> bool:
    """No rule of the council's own: every rule it has is inherited from the baseline."""
    return all(r.authority != policy.authority for r in policy.rules) and not policy.silent


def _nothing_confirmed(policy: AuthorityPolicy) -> NotComputed:
    code = policy.authority
    listed = f"; {len(policy.unmapped)} timescale sentence(s) its guidance states are listed under `unmapped`"
    return NotComputed(
        code,
        None,
        f"{_name(policy, code)} has no rules of its own yet ({policy.file.name}), so only the statutory baseline "
        f"is computed for its cases{listed if policy.unmapped else ''}: write the rules they set by hand "
        "(knowledge/policies/README.md), or re-run `cin-assistant rules draft` after ingesting fuller guidance",
    )


def _no_file(code: str) -> NotComputed:
    return NotComputed(
        code,
        None,
        f"{_name(None, code)} has no rule file, so only the statutory baseline is computed for its cases: "
        f"ingest its guidance (cin-assistant ingest FILE --authority {code} --title TITLE), then run "
        f"`cin-assistant rules draft --authority {code}`",
    )


__all__ = ["BASELINE", "NotComputed", "not_computed"]
