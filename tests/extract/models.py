"""The spaCy model with only the components a test needs (skipped when the model is missing)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.errors import ModelNotFound
from claimgraph.nlp import load_model


def model_with(*components: str) -> Language:
    try:
        nlp = load_model()
    except ModelNotFound as exc:
        pytest.skip(str(exc))
    for name in components:
        nlp.add_pipe(name)
    return nlp
