"""Rasa NLU graph components of our own (an adapter: the only NLU code that imports Rasa).

``WordTokenizer`` is spaCy's tokenizer without the tokens that are only
punctuation, and every embedding below is of the message's words alone
(:mod:`assistant.nlu.punctuation`): a question with or without its question
mark, typed or heard, is read the same.

``SentenceEmbeddingFeaturizer`` gives DIET the meaning of each message: its
all-MiniLM-L6-v2 sentence embedding (:mod:`assistant.knowledge.sentence_model`)
as a dense sentence feature beside the word and character counts, so a
question worded unlike any training example ("who does the write-up") can
still land on its intent.

``MessageKindClassifier`` runs after DIET: it re-weighs DIET's intent
ranking by what kind of message the sentence embedding says this is
(:mod:`assistant.nlu.message_kinds`), so a procedure question worded unlike
the training examples reaches the guidance rather than the caseload or the
out-of-scope reply.

``CaseloadRequestClassifier`` then re-shares the caseload intents' confidence
by which caseload request (a due list, a child's next item, a visit to record
...) the same embedding says this is, learnt from the caseload training
sentences and the examples in ``knowledge/caseload_examples.yml``
(:mod:`assistant.dialogue.caseload_examples`); which kind of message it is does
not change.

``LimitKindClassifier`` guesses from the same embedding whether the message is
a request the assistant must decline (a child in danger now, legal advice,
changing records, bulk completion, writing text) and puts the guess in the
parse data for :mod:`assistant.dialogue.limits` to weigh
(:mod:`assistant.dialogue.limit_examples`).

``VocabularyFallbackClassifier`` runs after the intent classifier and the
FallbackClassifier: when none of a message's words is in the training
vocabulary it predicts ``nlu_fallback``, so gibberish gets "I didn't
understand" rather than a confident wrong answer. The rule itself lives in
:mod:`assistant.nlu.known_words`.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Optional, Sequence, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.dialogue.caseload_examples import caseload_examples
from assistant.dialogue.intents import CASELOAD_INTENTS, PROCEDURE, message_kind
from assistant.dialogue.limit_examples import ALLOWED, LIMIT_KEY, limit_examples
from assistant.knowledge.embeddings import vectors_for
from assistant.knowledge.passage_questions import all_questions
from assistant.knowledge.sentence_model import DIMENSIONS, SENTENCE_VECTOR, embed, vector_to_text
from assistant.nlu.known_words import Vocabulary
from assistant.nlu.message_kinds import KindModel, reweigh, reweigh_within
from assistant.nlu.punctuation import is_punctuation, without_punctuation

VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class WordTokenizer(SpacyTokenizer):
    """spaCy's tokens less those that are only punctuation: the words DIET and the counts read.

    A message of punctuation alone ("?", ")") keeps its tokens: the featurizers need at least one.
    """

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        return [t for t in tokens if not is_punctuation(t.text)] or tokens


def _words_vectors(texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings of the texts' words, punctuation set aside (cached on disk, as the guidance's are)."""
    return vectors_for([without_punctuation(t) for t in texts])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds each message's sentence embedding as a dense sentence feature (no sequence features)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config()}

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to configure: the model is fixed."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceEmbeddingFeaturizer":
        return cls(execution_context.node_name, config)

    def _featurize(self, messages: List[Message], hand_on: bool) -> None:
        texts = [m for m in messages if m.get(TEXT)]
        if not texts:
            return
        vectors = embed([without_punctuation(str(m.get(TEXT))) for m in texts])
        for message, vector in zip(texts, vectors, strict=True):
            self.add_features_to_message(None, vector[None, :], TEXT, message)
            if hand_on:  # to the action server's passage ranker, in the parse data (never stored: tracker/store.py)
                message.set(SENTENCE_VECTOR, vector_to_text(vector), add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples, hand_on=False)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages, hand_on=True)
        return messages


def _sentence_vector(message: Message) -> np.ndarray:
    """The message's sentence embedding: the one the featurizer added, else computed here."""
    _, sentence = message.get_dense_features(TEXT)
    if sentence is not None and sentence.features.shape[-1] == DIMENSIONS:
        return np.asarray(sentence.features, dtype=np.float32).reshape(-1)
    return embed([without_punctuation(str(message.get(TEXT)))])[0]


def _set_ranking(message: Message, ranking: List[Dict[str, Any]]) -> None:
    """A re-weighed intent ranking, and its best as the message's intent."""
    message.data[INTENT_RANKING_KEY] = ranking
    message.data[INTENT] = {
        INTENT_NAME_KEY: ranking[0][INTENT_NAME_KEY],
        PREDICTED_CONFIDENCE_KEY: ranking[0][PREDICTED_CONFIDENCE_KEY],
    }


class _EmbeddingClassifier(GraphComponent, IntentClassifier):
    """What the two sentence-embedding classifiers share: a :class:`KindModel` trained, stored and loaded."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return []

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[KindModel] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "_EmbeddingClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "_EmbeddingClassifier":
        with model_storage.read_from(resource) as directory:
            return cls(config, model_storage, resource, KindModel.load(directory))

    def _rerank(self, messages: List[Message], share: Callable[[Any, Dict[str, float]], List[Any]]) -> List[Message]:
        """Each message's intent ranking re-shared by ``share`` from this model's probabilities for its embedding."""
        ready = [m for m in messages if self._model is not None and m.get(TEXT) and m.get(INTENT_RANKING_KEY)]
        if not ready or self._model is None:
            return messages
        probabilities = self._model.probabilities(np.vstack([_sentence_vector(m) for m in ready]))
        for message, row in zip(ready, probabilities, strict=True):
            labelled = dict(zip(self._model.kinds, (float(p) for p in row), strict=True))
            ranking = share(message.get(INTENT_RANKING_KEY), labelled)
            _set_ranking(message, ranking[: int(self._config["ranking_length"])])
        return messages

    def _fit(self, vectors: List[np.ndarray], labels: List[str]) -> Resource:
        self._model = KindModel.fit(np.vstack(vectors), labels, float(self._config["strength"]))
        with self._model_storage.write_to(self._resource) as directory:
            self._model.save(directory)
        return self._resource


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class MessageKindClassifier(_EmbeddingClassifier):
    """Re-weighs the intent ranking by the message's kind, learnt from sentence embeddings."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # weight: the embedding's say in each kind's share (0.5-0.7 measured best); passage_questions: learn
        # procedure questions from the questions written for the guidance's passages too.
        return {"weight": 0.6, "strength": 4.0, "passage_questions": True, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        examples = training_data.intent_examples
        vectors = [_sentence_vector(m) for m in examples]
        labels = [message_kind(m.get(INTENT)) for m in examples]
        if self._config["passage_questions"]:
            extra = all_questions()
            vectors += list(_words_vectors(extra))
            labels += [PROCEDURE] * len(extra)
        return self._fit(vectors, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        weight = float(self._config["weight"])
        return self._rerank(messages, lambda ranking, kinds: reweigh(ranking, kinds, message_kind, weight))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class CaseloadRequestClassifier(_EmbeddingClassifier):
    """Re-shares the caseload intents' confidence by the request the sentence embedding says this is."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # weight: the embedding's say within the caseload intents; examples: learn from the written examples too.
        return {"weight": 0.5, "strength": 4.0, "examples": True, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT) in CASELOAD_INTENTS]
        vectors = [_sentence_vector(m) for m in examples]
        labels = [str(m.get(INTENT)) for m in examples]
        if self._config["examples"]:
            written = caseload_examples()
            vectors += list(_words_vectors([text for text, _ in written]))
            labels += [intent for _, intent in written]
        return self._fit(vectors, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        weight = float(self._config["weight"])
        return self._rerank(messages, lambda ranking, requests: reweigh_within(ranking, requests, weight))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LimitKindClassifier(_EmbeddingClassifier):
    """Guesses which request to decline a message is, if any, from its meaning (assistant.dialogue.limit_examples).

    The intent is left alone: the guess goes into the parse data for the limits to weigh.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Intents whose examples are not all requests the assistant answers are left out of the "allowed" side.
        return {"strength": 4.0, "not_allowed_intents": ["out_of_scope"]}

    def train(self, training_data: TrainingData) -> Resource:
        skipped = set(self._config["not_allowed_intents"])
        examples = [m for m in training_data.intent_examples if m.get(INTENT) not in skipped]
        vectors = [_sentence_vector(m) for m in examples]
        labels = [ALLOWED] * len(examples)
        asked = all_questions()  # procedure questions in workers' words: all answered
        written = limit_examples()
        vectors += list(_words_vectors([*asked, *(text for text, _ in written)]))
        labels += [ALLOWED] * len(asked) + [kind for _, kind in written]
        return self._fit(vectors, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        ready = [m for m in messages if self._model is not None and m.get(TEXT)]
        if not ready or self._model is None:
            return messages
        probabilities = self._model.probabilities(np.vstack([_sentence_vector(m) for m in ready]))
        for message, row in zip(ready, probabilities, strict=True):
            best = int(np.argmax(row))
            guess = {"name": self._model.kinds[best], "confidence": round(float(row[best]), 4)}
            message.set(LIMIT_KEY, guess, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class VocabularyFallbackClassifier(GraphComponent, IntentClassifier):
    """Predicts nlu_fallback for messages that share no word with the training data."""

    @classmethod
    def required_components(cls) -> List[Type]:
        # Needs tokens; placed after the intent classifiers in config.yml so its
        # verdict overrides theirs at prediction time.
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"confidence": 1.0}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Optional[Vocabulary] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "VocabularyFallbackClassifier":
        return cls(config, model_storage, resource)

    @staticmethod
    def _tokens(message: Message) -> List[str]:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        return [t.text for t in tokens] + [t.lemma for t in tokens if getattr(t, "lemma", None)]

    def train(self, training_data: TrainingData) -> Resource:
        words = {w for m in training_data.intent_examples for w in self._tokens(m)}
        self._vocabulary = Vocabulary.from_words(words)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self._vocabulary.words)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "VocabularyFallbackClassifier":
        with model_storage.read_from(resource) as directory:
            words = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, Vocabulary.from_words(words))

    def process(self, messages: List[Message]) -> List[Message]:
        if self._vocabulary is None:
            return messages
        for message in messages:
            tokens = self._tokens(message)
            if not message.get(TEXT) or self._vocabulary.understands(tokens):
                continue
            fallback = {
                INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                PREDICTED_CONFIDENCE_KEY: self._config["confidence"],
            }
            message.data[INTENT] = fallback
            ranking = [
                r
                for r in message.data.get(INTENT_RANKING_KEY, [])
                if r.get(INTENT_NAME_KEY) != fallback[INTENT_NAME_KEY]
            ]
            message.data[INTENT_RANKING_KEY] = [fallback, *ranking]
        return messages
