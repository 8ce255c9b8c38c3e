"""Due-date rules as data: each authority's timescales with the passage they come from.

The rule files live in ``knowledge/policies/*.yml`` (schema in its README.md);
:func:`load_policies` reads and checks them and merges the England baseline
into every authority. The due-date engine asks a policy ``rules_for(...)``.
"""

from assistant.rules.loader import POLICIES_DIR, RuleError, load_policies, normalise_whitespace
from assistant.rules.model import (
    ANCHORS,
    CATEGORIES,
    ITEMS,
    OCCURRENCES,
    ROUTES,
    AuthorityPolicy,
    Citation,
    Conflict,
    Rule,
    Silence,
    default_anchor,
)

__all__ = [
    "ANCHORS",
    "CATEGORIES",
    "ITEMS",
    "OCCURRENCES",
    "POLICIES_DIR",
    "ROUTES",
    "AuthorityPolicy",
    "Citation",
    "Conflict",
    "Rule",
    "RuleError",
    "Silence",
    "default_anchor",
    "load_policies",
    "normalise_whitespace",
]
