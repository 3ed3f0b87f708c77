"""Shared fixtures: one spaCy pipeline per test session, dataset paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimgraph.model import Document
from claimgraph.pipeline import build, extract_one

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATASETS = Path(os.environ.get("CLAIMGRAPH_DATASETS", ROOT.parent / "shared" / "datasets"))


@pytest.fixture(scope="session")
def nlp():
    return build()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, **metadata) -> Extraction`` through the full pipeline."""

    def run(text: str, **meta):
        return extract_one(nlp, Document(text=text, **meta))

    return run


@pytest.fixture(scope="session")
def datasets() -> Path:
    return DATASETS
