"""Rasa NLU graph components of our own (an adapter: the only NLU code that imports Rasa).

``VocabularyFallbackClassifier`` runs after the intent classifier and the
FallbackClassifier: when none of a message's words is in the training
vocabulary it predicts ``nlu_fallback``, so gibberish gets "I didn't
understand" rather than a confident wrong answer. The rule itself lives in
:mod:`assistant.nlu.known_words`.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
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

from assistant.nlu.known_words import Vocabulary

VOCABULARY_FILE = "vocabulary.json"


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
