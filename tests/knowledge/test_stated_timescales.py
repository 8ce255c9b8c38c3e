"""No answer calls a timescale silent when the council's own text states it (issue 21).

For each fixture council (tests/fixtures/councils: three real councils' published CIN chapters and
one made up), at each stage of adding it - just ingested, rules drafted, drafts confirmed - every
topic is answered both ways a worker gets an answer: by topic (`ask --keywords`, the evaluation)
and by the chat's retrieval (`answer_question`, with the NLU's topic as the prior). The sentences
that state a timescale, and the topic each answers, are written here by hand from the chapters.
Everything is written into temporary folders; var/ and knowledge/policies are never touched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Mapping, Tuple

import pytest

from assistant.domain.phrasing import authority_name
from assistant.knowledge import embeddings
from assistant.knowledge.answering import Answer, answer, answer_question
from assistant.knowledge.corpus import collapse_ws
from assistant.knowledge.ingest import DocumentMeta, KnowledgeIndex, ingest, load_index
from assistant.knowledge.passages import quoted_from
from assistant.knowledge.topics import Topic, default_topics
from assistant.rules import POLICIES_DIR, load_policies
from assistant.rules.confirm import confirm_drafts
from assistant.rules.draft import draft_rules
from assistant.rules.draft_file import write_draft
from assistant.rules.sources import index_loader

COUNCILS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "councils"
TOPICS = default_topics()
SILENCE = ("does not set", "does not say", "does not cover", "not set in the guidance")
NOT_CONFIRMED = "not yet confirmed as"


@dataclass(frozen=True)
class Council:
    key: str
    file: str
    title: str
    stated: Mapping[str, Tuple[str, ...]]  # topic -> the chapter's sentences stating its timescale (starts)


COUNCILS = (
    Council(
        "walsall",
        "walsall_cin_visits_reviews.txt",
        "Social Work Visits and Reviews in Respect of Children Subject to a Child in Need Plan",
        {
            "visits": ("Children in Need must be seen at home at least every 6 weeks.", "If the child is not seen"),
            "reviews": ("The plan should be updated as required through the CIN review meetings",),
        },
    ),
    Council(
        "sefton",
        "sefton_cin_plans_reviews.txt",
        "Child in Need Plans and Reviews",
        {
            "initial_meeting": ("The first Child in Need meeting is to be undertaken within 10 days",),
            "reviews": ("Child In Need review meetings are then to be held every 4 weeks",),
            "drift_oversight": ("Child In Need plans should follow a 12-week model",),
        },
    ),
    Council(
        "lincolnshire",
        "lincolnshire_cfpp_meetings.txt",
        "Child and Family Progress Plans and Meetings",
        {
            # its CIN meeting is the "Child and Family Progress Meeting", counted from a strategy discussion
            # or a section 47 enquiry: stated, though no due date can count from either
            "initial_meeting": (
                "When the Strategy Discussion decides",
                "If at the end of a Section 47 Enquiry",
            ),
        },
    ),
    Council(
        "northshire",
        "northshire_cin_planning_and_review.md",
        "Northshire Council: Child in Need planning and review",
        {
            "initial_meeting": ("Where the assessment concludes that the child is in need of services",),
            "plan_circulation": ("The chair circulates the CIN plan",),
            "visits": ("Visiting and reviewing of children in need is 6 weekly.", "Children with disabilities"),
            "reviews": ("Visiting and reviewing of children in need is 6 weekly.",),
            "step_down_from_cp": ("Where a child is stepped down from a child protection plan",),
            "supervision": ("Case supervision takes place at least every 4 weeks.",),
            "case_summaries": ("A case summary is written every 3 months.",),
            "drift_oversight": ("Where a CIN plan has been open for 9 months", "The plan is expected"),
        },
    ),
)

# A worker's timescale question per timescale topic (the chat's path leads with a timescale only when asked one).
QUESTIONS = {
    "assessment": "how long do I have to complete the assessment",
    "first_home_visit": "how soon after the referral must I do the first home visit",
    "initial_meeting": "when must the initial cin meeting be held",
    "visits": "how often should I visit",
    "reviews": "how often are cin reviews held",
    "supervision": "how often is case supervision",
    "case_summaries": "how often is a case summary written",
    "step_down_from_cp": "when is the first cin review after a child protection plan ends",
    "step_down_from_care": "when is the first review after a child comes home from care",
    "after_proceedings": "when is the first cin review after care proceedings end",
    "drift_oversight": "how long can a cin plan stay open before a manager looks at it",
    "plan_circulation": "how soon must the plan be sent out after the meeting",
}


@dataclass
class Stage:
    council: Council
    stage: str
    index: KnowledgeIndex
    policies: Mapping[str, object]
    source: str  # the chapter's text, whitespace collapsed

    def confirmed(self, topic: Topic) -> bool:
        """Does a confirmed rule of the council's own answer this timescale topic?"""
        policy = self.policies.get(self.council.key)
        own = [r for r in getattr(policy, "rules", ()) if r.authority == self.council.key]
        return any(r.item == topic.item and r.route == topic.route for r in own)


@pytest.fixture(scope="module", autouse=True)
def embeddings_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The chat's ranker caches sentence vectors in var/knowledge: here in a temporary copy instead.

    The cache path is each embeddings function's default argument, so the defaults are swapped for
    the module's tests (the shipped corpus's vectors are copied in, to save recomputing them).
    """
    cache = tmp_path_factory.mktemp("embeddings") / "embeddings.npz"
    if embeddings.CACHE.exists():
        shutil.copy2(embeddings.CACHE, cache)
    functions = (embeddings.vectors_for, embeddings.passage_vectors, embeddings.grouped_vectors)
    saved = [f.__defaults__ for f in functions]
    for f in functions:
        f.__defaults__ = (cache,)
    try:
        yield cache
    finally:
        for f, defaults in zip(functions, saved):
            f.__defaults__ = defaults


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped guidance ingested once into a temporary index, as a deployment's index holds it."""
    path = tmp_path_factory.mktemp("corpus") / "index.json"
    ingest(None, index_path=path)
    return path


@pytest.fixture(scope="module", params=[c.key for c in COUNCILS])
def stages(request: pytest.FixtureRequest, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> List[Stage]:
    """One council taken through ingest, draft and confirm in its own folder; the answers' inputs at each step."""
    council = next(c for c in COUNCILS if c.key == request.param)
    folder = tmp_path_factory.mktemp(council.key)
    path = folder / "index.json"
    shutil.copy2(corpus, path)
    doc = COUNCILS_DIR / council.key / council.file
    ingest([doc], index_path=path, metadata={doc.name: DocumentMeta(council.key, council.title)})
    index, loader = load_index(path), index_loader(path)
    source = collapse_ws(doc.read_text(encoding="utf-8"))
    rules = folder / "policies"
    shutil.copytree(POLICIES_DIR, rules)
    out = [Stage(council, "ingested", index, load_policies(rules, index=loader), source)]
    draft = draft_rules(council.key, index.passages)
    write_draft(draft, rules / f"{council.key}.yml", index=loader)
    out.append(Stage(council, "drafted", index, load_policies(rules, index=loader), source))
    if draft.rules:
        confirm_drafts(rules / f"{council.key}.yml", every=True, index=loader)
    out.append(Stage(council, "confirmed", index, load_policies(rules, index=loader), source))
    return out


def _answers(stage: Stage, topic: Topic) -> Iterator[Tuple[str, Answer]]:
    key = stage.council.key
    yield "by topic", answer(topic.id, key, index=stage.index, policies=stage.policies)
    question = QUESTIONS.get(topic.id, topic.title)
    chat = answer_question(question, key, topic_prior={topic.id: 0.9}, index=stage.index, policies=stage.policies)
    yield f"chat {question!r}", chat


def _quoted(a: Answer, key: str) -> List[str]:
    return [collapse_ws(c["quote"]) for c in a.citations if c["authority"] == key]


def _states(quotes: List[str], starts: Tuple[str, ...]) -> bool:
    return any(start in quote for quote in quotes for start in starts)


@pytest.mark.parametrize("topic", [t.id for t in TOPICS.topics])
def test_no_answer_calls_a_stated_timescale_silent(stages: List[Stage], topic: str) -> None:
    t = TOPICS.get(topic)
    for stage in stages:
        key = stage.council.key
        starts = stage.council.stated.get(topic, ())
        for how, a in _answers(stage, t):
            where = f"{key}, {stage.stage}, {topic}, {how}:\n{a.text}"
            # every quote of the council's is its own words
            assert all(quoted_from(q, stage.source) for q in _quoted(a, key)), where
            if not starts:
                continue
            head = a.text.split("\n", 1)[0]
            assert not any(s in head for s in SILENCE) and a.status != "silent", where
            assert "does not set" not in a.text and "no timescale set" not in a.text, where
            assert _states(_quoted(a, key), starts), where  # the sentence that states it is quoted
            if stage.confirmed(t):
                assert head.startswith(f"{authority_name(key)}'s guidance: "), where  # the rule leads
            else:
                assert head == f"{authority_name(key)}'s guidance says:", where  # the council's text leads
                assert NOT_CONFIRMED in a.text and "for due dates" in a.text, where


def test_the_note_names_the_drafts_waiting_and_goes_once_they_are_confirmed(stages: List[Stage]) -> None:
    by_stage: Dict[str, Stage] = {s.stage: s for s in stages}
    council = by_stage["drafted"].council
    for topic in council.stated:
        t = TOPICS.get(topic)
        drafted = answer(topic, council.key, index=by_stage["drafted"].index, policies=by_stage["drafted"].policies)
        drafts = [r for r in by_stage["drafted"].policies[council.key].drafts if r.item == t.item]
        if drafts:
            assert f"drafted as {drafts[0].id}" in drafted.text, drafted.text
        after = by_stage["confirmed"]
        confirmed = answer(topic, council.key, index=after.index, policies=after.policies)
        if after.confirmed(t):
            assert NOT_CONFIRMED not in confirmed.text.split("The guidance also says:")[0], confirmed.text


def test_a_council_that_states_no_timescale_for_a_topic_is_still_said_to_set_none(stages: List[Stage]) -> None:
    # none of the chapters sets a time for the first home visit: silence is still said, with what others do
    assert all("first_home_visit" not in s.council.stated for s in stages)
    for stage in stages:
        key = stage.council.key
        a = answer("first_home_visit", key, index=stage.index, policies=stage.policies)
        assert a.status == "silent", a.text
        assert a.text.startswith(f"{authority_name(key)}'s guidance in this assistant does not set a timescale")
        assert "What the other guidance held says" in a.text and NOT_CONFIRMED not in a.text


def test_side_by_side_the_council_is_quoted_as_not_yet_a_rule(stages: List[Stage]) -> None:
    # "how often do I visit" with no council known: each council's line; a drafted one is quoted, not "no timescale"
    for stage in stages:
        key, name = stage.council.key, authority_name(stage.council.key)
        for topic, starts in stage.council.stated.items():
            a = answer(topic, None, index=stage.index, policies=stage.policies)
            [line] = [ln for ln in a.text.splitlines() if ln.startswith(f"- {name}: ")]
            assert "no timescale set" not in line and "does not" not in line, line
            assert _states(_quoted(a, key), starts), line  # the sentence is cited (a confirmed rule's quote)
            if not stage.confirmed(TOPICS.get(topic)):
                assert line.startswith(f"- {name}: not yet a confirmed rule; it says "), line
                assert any(start in line for start in starts), line
