"""How a reply names a council, the statutory baseline and a section of guidance: one place, so every
answer (procedure, caseload, induction, quiz) says them the same way."""

from __future__ import annotations

import re
from typing import Dict

#: Authority code -> the short name a reply uses ("Medway's guidance: ...").
SHORT_NAMES: Dict[str, str] = {
    "medway": "Medway",
    "kent": "Kent",
    "camden": "Camden",
    "practice_matters": "Practice Matters",
}
GENERAL_GUIDE = "The England general guide"
GENERAL_LABEL = "general guidance, not a council procedure"
#: Where the statutory baseline's timescales come from, as a caseload item's rule note says it.
BASELINE_SOURCES: Dict[str, str] = {"england": "Working Together 2023"}

NUMBERED = re.compile(r"^\d+(\.\d+)*$")


def authority_name(code: str) -> str:
    """An authority code as a reply says it ("practice_matters" -> "Practice Matters")."""
    return SHORT_NAMES.get(code, code.replace("_", " ").title())


def possessive(code: str) -> str:
    """ "Medway's", "Practice Matters'"."""
    name = authority_name(code)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def rule_source(code: str) -> str:
    """Whose rule a caseload item follows: the council, or the statutory baseline's source."""
    return BASELINE_SOURCES.get(code) or authority_name(code)


def section_label(section: str) -> str:
    """A section as a citation says it: "section 10.1", a bullet as it is, or an unnumbered heading in quotes."""
    if NUMBERED.match(section):
        return f"section {section}"
    if '"' in section or section.startswith("bullet"):
        return section
    return f'"{section}"'


def short_section(section: str) -> str:
    """A section in a list line: "13.2" stays; a long table heading shortens to its part before the colon."""
    return section if len(section) <= 12 else section.split(":")[0].strip()


__all__ = [
    "BASELINE_SOURCES",
    "GENERAL_GUIDE",
    "GENERAL_LABEL",
    "NUMBERED",
    "SHORT_NAMES",
    "authority_name",
    "possessive",
    "rule_source",
    "section_label",
    "short_section",
]
