"""Lexicons shipped as data files under claimgraph/data/lexicons."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def lexicon(name: str) -> dict[str, Any]:
    """The parsed ``data/lexicons/<name>.json``."""
    path = resources.files("claimgraph") / "data" / "lexicons" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def cue_stance(lemma: str) -> str | None:
    """Stance of a reporting cue, or None when ``lemma`` is no known cue."""
    cues = lexicon("cues")
    key = lemma.lower()
    return cues["verbs"].get(key) or cues["phrases"].get(key) or cues["nouns"].get(key)


@cache
def dateline_pattern() -> re.Pattern[str]:
    """A wire dateline at the start of a line: 'KARVEN, 4 May (Northgate Wire) - '."""
    return re.compile(lexicon("relay")["dateline"], re.M)
