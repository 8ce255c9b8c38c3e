"""Build and load the project's own spaCy pipeline.

No trained English pipeline can be downloaded here, and the assistant needs
only tokens, lemmas and sentences, so the pipeline is assembled from
``spacy_pipeline.cfg`` and saved under ``build/spacy/``. Rasa's ``SpacyNLP``
loads pipelines by package name, so the build also lays out an installable
package (``en_cin_pipeline``); the set-up installs it into the virtual
environment. The assistant's own code loads the same files by path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from assistant.config import SPACY_BUILD_DIR

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE_CONFIG = Path(__file__).with_name("spacy_pipeline.cfg")
PIPELINE_NAME = "cin_pipeline"
PIPELINE_VERSION = "1.0.0"
PACKAGE_NAME = f"en_{PIPELINE_NAME}"  # what config.yml's SpacyNLP names
PIPELINE_DIR = SPACY_BUILD_DIR / PACKAGE_NAME


def build_pipeline() -> "Language":
    """Assemble and initialise the pipeline described in ``spacy_pipeline.cfg``."""
    import spacy  # noqa: PLC0415 - lazy: spaCy (and TensorFlow) take seconds to load

    config = spacy.util.load_config(PIPELINE_CONFIG)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()  # the lookup lemmatizer copies its table from spacy-lookups-data
    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": PIPELINE_VERSION,
            "description": "CIN Practice Assistant: tokenizer, lookup lemmatizer, sentencizer",
            "author": "CIN Practice Assistant project",
            "license": "MIT",
        }
    )
    return nlp


def save_pipeline(out_dir: Path = PIPELINE_DIR, package_dir: Optional[Path] = None) -> Path:
    """Build the pipeline into ``out_dir`` and, if asked, an installable package.

    Returns the directory of the package source when ``package_dir`` is given,
    else ``out_dir``.
    """
    nlp = build_pipeline()
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    if package_dir is None:
        return out_dir
    from spacy.cli.package import package  # noqa: PLC0415 - lazy: spaCy (and TensorFlow) take seconds to load

    package_dir.mkdir(parents=True, exist_ok=True)
    package(out_dir, package_dir, create_meta=False, force=True, silent=True, create_sdist=False)
    return package_dir / f"{PACKAGE_NAME}-{PIPELINE_VERSION}"


@lru_cache(maxsize=1)
def load_pipeline(path: Path = PIPELINE_DIR) -> "Language":
    """Load the built pipeline from the project, whatever the working directory."""
    import spacy  # noqa: PLC0415 - lazy: spaCy (and TensorFlow) take seconds to load

    if not (path / "meta.json").exists():
        raise FileNotFoundError(
            f"The spaCy pipeline has not been built at {path}. Run `make setup` (or `cin-assistant nlp build`) first."
        )
    return spacy.load(path)
