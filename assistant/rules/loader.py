"""Read and check the per-authority rule files in ``knowledge/policies``.

A rule that cannot be traced to the words of the guidance must never reach a
social worker, so loading is strict: any unknown item, category, route or
field, unreadable duration, missing or misquoted citation, or duplicate stops
the load with a :class:`RuleError` naming the file, the rule and the reason.
Adding an authority is adding a file; no code changes.

A rule marked ``status: draft`` (written by ``cin-assistant rules draft``) is
checked just as strictly, quote and all, but kept apart in
``AuthorityPolicy.drafts``: only confirmed rules reach ``rules`` and so the due
engine. Two drafts may offer the same item (the person picks one); two
confirmed rules may not. A council's own document, ingested into the knowledge
index rather than listed in the manifest, may be quoted too (:mod:`assistant.rules.sources`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml

from assistant.config import KNOWLEDGE_DIR, SOURCES_DIR
from assistant.domain.durations import Duration, DurationError, parse_duration
from assistant.domain.policy import (
    ANCHORS,
    CATEGORIES,
    CONFIRMED,
    DRAFT,
    ITEMS,
    OCCURRENCES,
    ROUTES,
    STATUSES,
    AuthorityPolicy,
    Citation,
    Conflict,
    Rule,
    Silence,
    Unmapped,
    default_anchor,
)
from assistant.knowledge.corpus import CorpusError, SourceTexts, collapse_ws
from assistant.rules.sources import IndexLoader, QuoteSources

POLICIES_DIR = KNOWLEDGE_DIR / "policies"

_FILE_KEYS = {"authority", "name", "baseline", "rules", "silent", "unmapped"}
_RULE_KEYS = {
    "id",
    "item",
    "category",
    "route",
    "occurrence",
    "duration",
    "anchor",
    "who",
    "rule",
    "citation",
    "supporting",
    "conflicts",
    "status",
}
_UNMAPPED_KEYS = {"document", "section", "quote", "phrase", "reason"}
_CITATION_KEYS = {"document", "section", "quote"}
_CONFLICT_KEYS = {"citation", "note"}
_SILENCE_KEYS = {"item", "note", "citation"}


class RuleError(ValueError):
    """A rule file the assistant must not use; the message names file, rule and reason."""

    def __init__(self, file: str, rule_id: Optional[str], reason: str) -> None:
        self.file = file
        self.rule_id = rule_id
        self.reason = reason
        where = f"{file}: rule {rule_id}" if rule_id else file
        super().__init__(f"{where}: {reason}")


normalise_whitespace = collapse_ws  # the rules' name for the corpus's comparison


def _sources(sources_dir: Path, index: Optional[IndexLoader] = None) -> QuoteSources:
    """The documents a citation may name; a bad manifest is a RuleError naming it."""
    try:
        return QuoteSources(SourceTexts.from_manifest(sources_dir), index)
    except CorpusError as exc:
        raise RuleError(str(sources_dir / "MANIFEST.yml"), None, str(exc)) from None


class _FileReader:
    """Turns one parsed YAML file into typed rules, raising RuleError on the first fault."""

    def __init__(self, path: Path, sources: QuoteSources) -> None:
        self.path = path
        self.file = path.name
        self.sources = sources

    def fail(self, rule_id: Optional[str], reason: str) -> RuleError:
        return RuleError(self.file, rule_id, reason)

    # -- the file -------------------------------------------------------------------
    def read(self) -> tuple[AuthorityPolicy, bool]:
        """The authority's own policy (no inheritance yet), and whether it is the baseline."""
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise self.fail(None, f"not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise self.fail(None, "expected a mapping with 'authority', 'name' and 'rules'")
        self._no_unknown_keys(data, _FILE_KEYS, None, "the file")
        authority = data.get("authority")
        if authority != self.path.stem:
            raise self.fail(None, f"'authority' must be {self.path.stem!r} (the file name), got {authority!r}")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(None, "missing 'name' (the authority's name for people)")
        baseline = data.get("baseline", False)
        if not isinstance(baseline, bool):
            raise self.fail(None, "'baseline' must be true or false")
        raw_rules = data.get("rules") or []
        if not isinstance(raw_rules, list):
            raise self.fail(None, "'rules' must be a list")
        every = tuple(self._rule(raw, authority, n) for n, raw in enumerate(raw_rules, start=1))
        rules = tuple(r for r in every if not r.is_draft)
        drafts = tuple(r for r in every if r.is_draft)
        self._no_duplicate_slots(rules)
        raw_silent = data.get("silent") or []
        if not isinstance(raw_silent, list):
            raise self.fail(None, "'silent' must be a list")
        silent = tuple(self._silence(raw, rules) for raw in raw_silent)
        raw_unmapped = data.get("unmapped") or []
        if not isinstance(raw_unmapped, list):
            raise self.fail(None, "'unmapped' must be a list")
        unmapped = tuple(self._unmapped(raw, n) for n, raw in enumerate(raw_unmapped, start=1))
        policy = AuthorityPolicy(
            authority=authority,
            name=name.strip(),
            file=self.path,
            rules=rules,
            silent=silent,
            drafts=drafts,
            unmapped=unmapped,
        )
        return policy, baseline

    # -- one rule -------------------------------------------------------------------
    def _rule(self, raw: Any, authority: str, number: int) -> Rule:
        if not isinstance(raw, dict):
            raise self.fail(f"#{number}", "each rule must be a mapping of fields")
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise self.fail(f"#{number}", "missing 'id'")
        self._no_unknown_keys(raw, _RULE_KEYS, rule_id, "a rule")
        item = self._choice(raw, "item", ITEMS, rule_id, required=True)
        assert item is not None  # required
        category = self._choice(raw, "category", CATEGORIES, rule_id)
        route = self._choice(raw, "route", ROUTES, rule_id)
        occurrence = self._choice(raw, "occurrence", OCCURRENCES, rule_id)
        anchor = self._choice(raw, "anchor", ANCHORS, rule_id)
        status = self._choice(raw, "status", STATUSES, rule_id) or CONFIRMED
        if occurrence is not None and item != "cin_review":
            raise self.fail(rule_id, f"'occurrence' applies only to cin_review, not {item}")
        if anchor is not None and anchor == default_anchor(item, occurrence or "subsequent"):
            anchor = None  # the item's own anchor written out (drafts do): "previous" on a review = spec §2's default
        text = raw.get("rule")
        if not isinstance(text, str) or not text.strip():
            raise self.fail(rule_id, "missing 'rule' (the rule in one plain sentence)")
        who = raw.get("who")
        if item == "oversight" and status != DRAFT and (not isinstance(who, str) or not who.strip()):
            raise self.fail(rule_id, "an oversight rule must say 'who' is involved (fill in 'who' before confirming)")
        if who is not None and not isinstance(who, str):
            raise self.fail(rule_id, "'who' must be text")
        citation = self._citation(raw.get("citation"), rule_id, "citation")
        duration = self._duration(raw.get("duration"), citation, rule_id)
        supporting = tuple(
            self._citation(c, rule_id, "supporting citation") for c in self._list(raw, "supporting", rule_id)
        )
        conflicts = tuple(self._conflict(c, rule_id) for c in self._list(raw, "conflicts", rule_id))
        return Rule(
            id=rule_id,
            authority=authority,
            item=item,
            duration=duration,
            rule=text.strip(),
            citation=citation,
            category=category,
            route=route,
            occurrence=occurrence,
            anchor=anchor,
            who=who.strip() if isinstance(who, str) and who.strip() else None,
            supporting=supporting,
            conflicts=conflicts,
            status=status,
        )

    def _duration(self, phrase: Any, citation: Citation, rule_id: str) -> Duration:
        if phrase is None:
            raise self.fail(rule_id, "missing 'duration' (the phrase as the guidance writes it)")
        try:
            duration = parse_duration(str(phrase))
        except DurationError as exc:
            raise self.fail(rule_id, f"unreadable duration: {exc}") from None
        if normalise_whitespace(str(phrase)).casefold() not in normalise_whitespace(citation.quote).casefold():
            raise self.fail(
                rule_id,
                f"duration {phrase!r} does not appear in the quote; copy the phrase as the guidance writes it",
            )
        return duration

    def _conflict(self, raw: Any, rule_id: str) -> Conflict:
        if not isinstance(raw, dict):
            raise self.fail(rule_id, "each conflict must be a mapping with 'citation' and 'note'")
        self._no_unknown_keys(raw, _CONFLICT_KEYS, rule_id, "a conflict")
        note = raw.get("note")
        if not isinstance(note, str) or not note.strip():
            raise self.fail(rule_id, "a conflict needs a 'note' saying what the other passage says instead")
        return Conflict(citation=self._citation(raw.get("citation"), rule_id, "conflict citation"), note=note.strip())

    def _silence(self, raw: Any, rules: tuple[Rule, ...]) -> Silence:
        if not isinstance(raw, dict):
            raise self.fail(None, "each 'silent' entry must be a mapping with 'item', 'note' and 'citation'")
        label = f"silent:{raw.get('item')}"
        self._no_unknown_keys(raw, _SILENCE_KEYS, label, "a silent entry")
        item = self._choice(raw, "item", ITEMS, label, required=True)
        assert item is not None  # required
        if any(r.item == item for r in rules):
            raise self.fail(label, f"the file has a rule for {item}, so it cannot also be silent on it")
        note = raw.get("note")
        if not isinstance(note, str) or not note.strip():
            raise self.fail(label, "a silent entry needs a 'note' saying why there is no rule")
        return Silence(item=item, note=note.strip(), citation=self._citation(raw.get("citation"), label, "citation"))

    def _unmapped(self, raw: Any, number: int) -> Unmapped:
        label = f"unmapped #{number}"
        if not isinstance(raw, dict):
            raise self.fail(
                label, "each 'unmapped' entry must be a mapping with 'quote', 'document', 'section', 'reason'"
            )
        self._no_unknown_keys(raw, _UNMAPPED_KEYS, label, "an unmapped entry")
        reason = raw.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise self.fail(label, "an unmapped entry needs a 'reason' saying why it is not a rule")
        phrase = raw.get("phrase") or ""
        if not isinstance(phrase, str):
            raise self.fail(label, "'phrase' must be text")
        cited = {k: raw.get(k) for k in _CITATION_KEYS}
        return Unmapped(citation=self._citation(cited, label, "quote"), reason=reason.strip(), phrase=phrase.strip())

    # -- citations ------------------------------------------------------------------
    def _citation(self, raw: Any, rule_id: str, what: str) -> Citation:
        if raw is None:
            raise self.fail(rule_id, f"missing {what}")
        if not isinstance(raw, dict):
            raise self.fail(rule_id, f"{what} must be a mapping with 'document', 'section' and 'quote'")
        self._no_unknown_keys(raw, _CITATION_KEYS, rule_id, f"a {what}")
        document = raw.get("document")
        if not isinstance(document, str) or not document.strip():
            raise self.fail(rule_id, f"{what} is missing 'document'")
        if not self.sources.knows(document):
            raise self.fail(
                rule_id,
                f"{what} names {document!r}, which is not in {self.sources.where()}; "
                "ingest it first (cin-assistant ingest FILE --authority KEY --title ...)",
            )
        section = raw.get("section")
        if isinstance(section, float):
            raise self.fail(rule_id, f'{what} section must be text: write it in quotes, e.g. section: "{section}"')
        if isinstance(section, int) and not isinstance(section, bool):
            section = str(section)
        if not isinstance(section, str) or not section.strip():
            raise self.fail(rule_id, f"{what} is missing 'section'")
        quote = raw.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            raise self.fail(rule_id, f"{what} is missing 'quote'")
        if normalise_whitespace(quote) not in (self.sources.text(document) or ""):
            raise self.fail(rule_id, f"{what} quote is not in {document}: {quote.strip()[:80]!r}")
        return Citation(document=document, section=section.strip(), quote=normalise_whitespace(quote))

    # -- small checks ---------------------------------------------------------------
    def _choice(
        self, raw: dict, key: str, allowed: tuple[str, ...], rule_id: Optional[str], required: bool = False
    ) -> Optional[str]:
        value = raw.get(key)
        if value is None:
            if required:
                raise self.fail(rule_id, f"missing '{key}' (one of: {', '.join(allowed)})")
            return None
        if value not in allowed:
            raise self.fail(rule_id, f"unknown {key} {value!r} (expected one of: {', '.join(allowed)})")
        return value

    def _list(self, raw: dict, key: str, rule_id: str) -> list:
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise self.fail(rule_id, f"'{key}' must be a list")
        return value

    def _no_unknown_keys(self, raw: dict, allowed: set[str], rule_id: Optional[str], what: str) -> None:
        unknown = sorted(str(k) for k in raw if k not in allowed)
        if unknown:
            raise self.fail(
                rule_id, f"unknown field(s) in {what}: {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
            )

    def _no_duplicate_slots(self, rules: tuple[Rule, ...]) -> None:
        seen: dict[tuple, str] = {}
        for rule in rules:
            if rule.slot in seen:
                raise self.fail(rule.id, f"same item and conditions as rule {seen[rule.slot]}")
            seen[rule.slot] = rule.id


def load_policies(
    directory: Path = POLICIES_DIR, sources_dir: Path = SOURCES_DIR, index: Optional[IndexLoader] = None
) -> dict[str, AuthorityPolicy]:
    """Every authority's checked policy, keyed by authority code, baseline merged in.

    The file marked ``baseline: true`` (england.yml) is inherited by every other
    authority for each item/conditions it has no confirmed rule of its own for,
    and not for items it is documented as silent on. ``index`` reads the
    knowledge index a council's own document was ingested into (default: the
    shipped index, read only if a file quotes a document outside the manifest).
    """
    sources = _sources(sources_dir, index)
    own: dict[str, AuthorityPolicy] = {}
    baseline: Optional[AuthorityPolicy] = None
    ids: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        policy, is_baseline = _FileReader(path, sources).read()
        for rule in policy.rules + policy.drafts:
            if rule.id in ids:
                raise RuleError(path.name, rule.id, f"duplicate id (already used in {ids[rule.id]})")
            ids[rule.id] = path.name
        if is_baseline:
            if baseline is not None:
                raise RuleError(path.name, None, f"only one file may be the baseline; {baseline.file.name} already is")
            baseline = policy
        own[policy.authority] = policy
    if baseline is None:
        return own
    return {code: _inherit(policy, baseline) for code, policy in own.items()}


def read_policy_file(
    path: Path, sources_dir: Path = SOURCES_DIR, index: Optional[IndexLoader] = None
) -> AuthorityPolicy:
    """One rule file, checked as :func:`load_policies` checks it, without the baseline merged in."""
    return _FileReader(Path(path), _sources(sources_dir, index)).read()[0]


def _inherit(policy: AuthorityPolicy, baseline: AuthorityPolicy) -> AuthorityPolicy:
    """The policy plus the baseline rules it neither replaces nor is silent on."""
    if policy is baseline:
        return policy
    slots = {r.slot for r in policy.rules}
    silent = {s.item for s in policy.silent}
    inherited = tuple(r for r in baseline.rules if r.slot not in slots and r.item not in silent)
    return AuthorityPolicy(
        authority=policy.authority,
        name=policy.name,
        file=policy.file,
        rules=policy.rules + inherited,
        silent=policy.silent,
        drafts=policy.drafts,
        unmapped=policy.unmapped,
    )
