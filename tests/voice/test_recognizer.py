"""Speech in, words out: espeak-ng says domain questions, the recogniser must hear the domain words."""

from __future__ import annotations

import threading
from typing import List

import pytest

from assistant.voice.audio import Pcm, read_wav
from assistant.voice.recognizer import Recognizer, distinct_readings, sound_alike
from assistant.voice.speech import speak


def hear(recognizer: Recognizer, text: str, voice: str = "en-gb", names: List[str] = []) -> str:  # noqa: B006 - read only
    return recognizer.transcribe(read_wav(speak(text, voice=voice)), names=names).text


@pytest.mark.parametrize(
    "said, must_hear",
    [
        ("what is the threshold for section forty seven", "section forty seven"),
        ("does the iro chair the cin review", "iro chair the cin review"),
        ("when is the next cin review", "cin review"),
        ("is the assessment forty five working days", "forty five working days"),
    ],
)
def test_domain_words_are_heard(recognizer: Recognizer, espeak: str, said: str, must_hear: str) -> None:
    assert must_hear in hear(recognizer, said)


def test_a_name_on_the_caseload_is_heard(recognizer: Recognizer, espeak: str) -> None:
    names = ["Zofia", "Emeka", "Reggie", "Bilal"]
    assert hear(recognizer, "when is the next review for zofia", names=names) == "when is the next review for zofia"
    assert "emeka's next visit" in hear(recognizer, "when is emeka's next visit", voice="en-us", names=names)


def test_a_name_not_on_the_caseload_is_not_made_up(recognizer: Recognizer, espeak: str) -> None:
    text = hear(recognizer, "when is the next review for zofia", names=["Reggie", "Bilal"])
    assert "zofia" not in text


def test_the_transcript_says_how_long_the_audio_and_the_decoding_took(recognizer: Recognizer, espeak: str) -> None:
    pcm = read_wav(speak("what's due for me this week"))
    transcript = recognizer.transcribe(pcm)
    assert transcript.audio_seconds == pytest.approx(pcm.seconds)
    assert 0 < transcript.decode_seconds < transcript.audio_seconds  # faster than real time


def test_silence_gives_an_empty_transcript_not_an_error(recognizer: Recognizer) -> None:
    assert recognizer.transcribe(Pcm(bytes(16000 * 2))).text.split() in ([], ["the"], ["a"])


def test_threads_share_one_recogniser(recognizer: Recognizer, espeak: str) -> None:
    pcm = read_wav(speak("does the iro chair the cin review"))
    expected = recognizer.transcribe(pcm, names=["Zofia"]).text
    results: List[str] = []

    def run(names: List[str]) -> None:
        results.append(recognizer.transcribe(pcm, names=names).text)

    threads = [threading.Thread(target=run, args=([["Zofia"], ["Bilal"]][i % 2],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all("cin review" in text for text in results)
    assert expected in results


# Pronunciations as the dictionary has them (several forms per word, the accents' among them).
SOUNDS = {"do": {"D UW", "D OW"}, "due": {"D UW", "D Y UW"}, "visits": {"V IH Z IH T S"}, "reviews": {"R IH V Y UW Z"}}


def sounds(word: str) -> frozenset:
    return frozenset(SOUNDS.get(word, set()))


def test_readings_that_only_respell_a_word_sound_alike() -> None:
    assert sound_alike("what do i need to do", "what do i need to due", sounds)
    assert not sound_alike("how often are cin visits", "how often are cin reviews", sounds)
    assert not sound_alike("what do i need to do", "what do i need to do now", sounds)
    assert not sound_alike(
        "what is the plan", "what was the plan", sounds
    )  # no pronunciation known: only the same word matches


def test_a_respelling_of_a_better_reading_is_not_offered_as_another_hearing() -> None:
    nbest = [
        "what do i need to do",
        "what do i need to due",
        "",
        "what do i need to book",
        "what due i need to book",
        "what do we need to do",
        "what do we need to book",
    ]
    assert distinct_readings("what do i need to do", nbest, sounds, limit=5) == [
        "what do i need to book",
        "what do we need to do",
        "what do we need to book",
    ]
    assert distinct_readings("what do i need to do", nbest, sounds, limit=1) == ["what do i need to book"]


def test_the_recognisers_alternatives_all_sound_different(recognizer: Recognizer, espeak: str) -> None:
    # Its n-best for this question is mostly respellings ("a"/"the", "to"/"two") of the same words.
    transcript = recognizer.transcribe(read_wav(speak("how long do i have to do the assessment")))
    readings = [transcript.text, *transcript.alternatives]
    assert len(transcript.alternatives) >= 2, readings
    lookup = recognizer._pronunciations  # the decoder's own dictionary
    for n, reading in enumerate(readings):
        assert not any(sound_alike(reading, other, lookup) for other in readings[:n]), readings
