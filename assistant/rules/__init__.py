"""Due-date rules as data: each authority's timescales with the passage they come from.

The rule files live in ``knowledge/policies/*.yml`` (schema in its README.md);
:func:`load_policies` reads and checks them against the guidance and merges the
England baseline into every authority; :func:`policies` is the one cached copy
every server and command uses. The types (``AuthorityPolicy``, ``Rule``...) are
the domain's (:mod:`assistant.domain.policy`); the due-date engine asks a policy
``rules_for(...)``.
"""

from functools import lru_cache
from typing import Dict

from assistant.domain.policy import AuthorityPolicy
from assistant.rules.loader import (
    POLICIES_DIR,
    RuleError,
    load_policies,
    normalise_whitespace,
)


@lru_cache(maxsize=1)
def policies() -> Dict[str, AuthorityPolicy]:
    """Every authority's policy from the shipped rule files, read and checked once per process."""
    return load_policies()


__all__ = ["POLICIES_DIR", "RuleError", "load_policies", "normalise_whitespace", "policies"]
