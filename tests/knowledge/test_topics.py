"""The topic taxonomy: loads, covers the required topics, and refuses bad files clearly."""

from pathlib import Path

import pytest
import yaml

from assistant.domain.codes import ITEMS
from assistant.knowledge.topics import TOPICS_FILE, TopicError, link_problems, load_topics, term, tokens

REQUIRED = {
    "definition",
    "s17_vs_s47",
    "consent",
    "assessment",
    "cin_plan",
    "initial_meeting",
    "meetings",
    "chairing",
    "attendance",
    "child_voice",
    "visits",
    "reviews",
    "supervision",
    "case_summaries",
    "step_up",
    "step_down_from_cp",
    "step_down_from_care",
    "step_down_to_early_help",
    "drift_oversight",
    "disability_levels",
    "closure",
    "recording",
    "plan_circulation",
    "transfer",
}
ITEM_OF = {
    "visits": "visit",
    "reviews": "cin_review",
    "initial_meeting": "initial_cin_meeting",
    "assessment": "assessment",
    "supervision": "supervision",
    "case_summaries": "case_summary",
    "plan_circulation": "plan_circulation",
    "drift_oversight": "oversight",
    "step_down_from_cp": "cin_review",
    "step_down_from_care": "cin_review",
}


@pytest.fixture(scope="module")
def taxonomy():
    return load_topics()


def test_required_topics_present_with_titles_and_descriptions(taxonomy):
    assert REQUIRED <= set(taxonomy.ids())
    for t in taxonomy:
        assert t.title and t.description and t.core and t.silent_text


@pytest.mark.parametrize("topic,item", sorted(ITEM_OF.items()))
def test_timescale_topics_map_to_due_date_items(taxonomy, topic, item):
    assert taxonomy.get(topic).item == item
    assert taxonomy.get(topic).item in ITEMS


def test_step_down_topics_name_their_route(taxonomy):
    assert taxonomy.get("step_down_from_cp").route == "cp_plan_ended"
    assert taxonomy.get("step_down_from_care").route == "discharged_from_care"


def test_abbreviations_are_canonical(taxonomy):
    a = taxonomy.aliases
    assert tokens("Section 47", a) == tokens("S.47", a) == tokens("s47", a) == ["s47"]
    assert tokens("child protection plan", a) == tokens("CP plan", a) == ["cpp"]
    assert tokens("Looked After Children", a) == tokens("LAC", a) == tokens("CLA", a) == ["cla"]
    assert tokens("Early Help", a) == tokens("EH", a) == ["eh"]
    assert term("visits", a) == term("visiting", a) == term("visited", a) == ("visit",)


def test_every_link_resolves_to_an_ingested_passage(taxonomy):
    from assistant.knowledge.ingest import corpus_index

    assert link_problems(taxonomy, corpus_index().passages) == []


def test_links_are_never_passage_ids():
    raw = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    for t in raw["topics"]:
        for links in (t.get("links") or {}).values():
            for link in links:
                assert set(link) == {"document", "section", "phrase"}


def _write(tmp_path: Path, topics) -> Path:
    path = tmp_path / "topics.yml"
    path.write_text(yaml.safe_dump({"topics": topics}, allow_unicode=True), encoding="utf-8")
    return path


def _topic(**over):
    t = {"id": "visits", "title": "Visits", "description": "How often.", "core": ["visit"]}
    t.update(over)
    return t


def test_minimal_file_loads(tmp_path):
    assert load_topics(_write(tmp_path, [_topic()])).ids() == ["visits"]


@pytest.mark.parametrize(
    "topics,needle",
    [
        ([_topic(item="visiting")], "unknown item 'visiting'"),
        ([_topic(), _topic()], "duplicate id"),
        (
            [_topic(route="cp_plan_ended", item="cin_review"), _topic(id="x", route="somewhere", item="cin_review")],
            "unknown route",
        ),
        ([_topic(core=[])], "core"),
        ([_topic(colour="red")], "unknown key"),
        (
            [
                _topic(
                    links={
                        "medway": [
                            {
                                "document": "002_dcf06b917ba11a67.txt",
                                "section": "10.1",
                                "phrase": "every 16 working days",
                            }
                        ]
                    }
                )
            ],
            "phrase 'every 16 working days' does not occur in 002_dcf06b917ba11a67.txt",
        ),
        (
            [_topic(links={"medway": [{"document": "nope.txt", "section": "1", "phrase": "x"}]})],
            "unknown document 'nope.txt'",
        ),
        (
            [_topic(links={"medway": [{"document": "002_dcf06b917ba11a67.txt", "id": "medway/10.1/1"}]})],
            "exactly document, section and phrase",
        ),
        ([_topic(see_also=["nowhere"])], "unknown topic 'nowhere'"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error(tmp_path, topics, needle):
    with pytest.raises(TopicError) as err:
        load_topics(_write(tmp_path, topics))
    assert needle in str(err.value)
    assert "topics.yml" in str(err.value)


def test_good_link_validates(tmp_path):
    link = {"document": "002_dcf06b917ba11a67.txt", "section": "10.1", "phrase": "no less than every 15 working days"}
    t = load_topics(_write(tmp_path, [_topic(links={"medway": [link]})])).get("visits")
    assert t.links_for("medway")[0].section == "10.1"
