from assistant.knowledge.corpus import load_manifest
from assistant.services.capabilities import CAPABILITIES, describe_capabilities


def test_help_lists_every_guidance_document_loaded():
    answer = describe_capabilities()
    for doc in load_manifest():
        assert doc.title in answer.text
    assert {g["authority"] for g in answer.payload["guidance"]} == {
        "practice_matters",
        "kent",
        "medway",
        "england",
        "camden",
    }


def test_help_never_presents_an_unfinished_capability_as_available():
    answer = describe_capabilities()
    available, _, coming = answer.text.partition("Still being added")
    for capability in CAPABILITIES:
        if capability.ready:
            assert capability.summary in available
        else:
            assert capability.summary not in available
            assert capability.summary in coming


def test_help_says_so_when_no_guidance_is_loaded():
    answer = describe_capabilities(documents=[])
    assert "No guidance documents are loaded" in answer.text
    assert answer.payload["guidance"] == []
