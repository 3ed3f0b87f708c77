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
    """A dateline at the start of a line: 'KARVEN, 4 May (Northgate Wire) - ', or without
    the wire, 'KARVEN, 4 May 2025 - ' (a capitalised place, a date ending in a number)."""
    return re.compile(lexicon("relay")["dateline"], re.M)


@cache
def channel_pattern() -> re.Pattern[str]:
    """Words that name the channel of an utterance ('in a post on X', 'told ... in an
    interview'), longer phrases first; ``channel_of`` maps a match to its label."""
    phrases = sorted(lexicon("channels")["channels"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def channel_of(phrase: str) -> str:
    return lexicon("channels")["channels"][phrase.lower()]


@cache
def outlet_words() -> frozenset[str]:
    """Words that mark a news outlet's name ('Herald', 'Wire', 'Agency')."""
    return frozenset(lexicon("relay")["outlet_words"])


def outlet_like(name: str) -> bool:
    """A one-word name built like a news agency's ('KarsInform', 'Norrpress'): a capital
    and an outlet ending after at least three more letters."""
    return (len(name.split()) == 1 and name[:1].isupper() and any(
        name.lower().endswith(end) and len(name) >= len(end) + 3
        for end in lexicon("relay")["outlet_suffixes"]))


def cue_value(text: str, lemma: str | None = None,
              stance: str | None = None) -> tuple[dict[str, str], bool]:
    """A cue correction's value ``{"text", "lemma", "stance"}``: the lemma and stance not
    given come from the cue lexicon (an unknown cue is neutral); and whether the lexicon
    knew the cue (False when it had to guess the stance)."""
    found = lemma or cue_lemma(text)
    known = found is not None or stance is not None
    stance = stance or (cue_stance(found) if found else None) or "neutral"
    return {"text": text, "lemma": found or text.lower(), "stance": stance}, known


def cue_lemma(cue: str) -> str | None:
    """The lexicon's lemma of a reporting cue as written ("claimed" -> "claim", "told" ->
    "tell", "according to"), or None when it is no known cue."""
    cues = lexicon("cues")
    key = " ".join(cue.lower().split())
    if key in cues["irregular_forms"]:
        return str(cues["irregular_forms"][key])
    known = {**cues["verbs"], **cues["phrases"], **cues["nouns"]}
    if key in known:
        return key
    words = key.split(" ")
    head, rest = words[0], words[1:]  # "pointed out": the verb is the first word
    stems = [head]
    for suffix, tail in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if head.endswith(suffix) and len(head) > len(suffix) + 1:
            stems.append(head[: -len(suffix)] + tail)
    for stem in stems:
        lemma = " ".join([stem, *rest])
        if lemma in cues["verbs"]:
            return lemma
    return None
