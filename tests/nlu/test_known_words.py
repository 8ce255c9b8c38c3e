import pytest

from assistant.nlu.known_words import Vocabulary

VOCAB = Vocabulary.from_words(["what", "can", "you", "do", "review", "visit", "hello", "hiya", "?"])


@pytest.mark.parametrize(
    "message",
    [
        ["what", "can", "you", "do"],
        ["when", "is", "the", "review"],  # one known word is enough
        ["reveiw"],  # transposed letters
        ["reviw"],  # a letter missing
        ["reviews"],  # a letter extra
        ["vizit"],  # a letter wrong
        ["HELLO"],  # case does not matter
    ],
)
def test_messages_with_a_known_word_are_understood(message):
    assert VOCAB.understands(message)


@pytest.mark.parametrize(
    "message",
    [
        ["asdfghjkl"],
        ["zqxv", "blorptang", "wub"],
        ["hmm"],
        ["?", "!!"],  # punctuation only
        ["🙂"],
        [],
        ["dp"],  # short words must match exactly ("do" is known)
    ],
)
def test_messages_sharing_no_word_with_training_are_not_understood(message):
    assert not VOCAB.understands(message)
