"""Hand-built DESIGN section-4 records, so linking tests do not rest on extraction quality.

Spans are found by searching the document text for the given strings, so a test names the
words and the builder works out the offsets.
"""

from __future__ import annotations

from typing import Any

LEMMAS = {
    "said": "say",
    "says": "say",
    "claimed": "claim",
    "boasted": "boast",
    "alleged": "allege",
    "confirmed": "confirm",
    "revealed": "reveal",
    "showed": "show",
    "assessed": "assess",
    "believes": "believe",
    "told": "tell",
    "stated": "state",
    "according to": "according to",
}
STANCES = {
    "claim": "distancing",
    "allege": "distancing",
    "boast": "distancing",
    "confirm": "endorsing",
    "reveal": "endorsing",
    "show": "endorsing",
}


def span_of(text: str, part: str, after: int = 0) -> list[int]:
    start = text.index(part, after)
    return [start, start + len(part)]


def quantity(
    text: str,
    words: str,
    value: float | None,
    unit: str | None,
    approx: str = "exact",
    low: float | None = None,
    high: float | None = None,
) -> dict[str, Any]:
    return {
        "text": words,
        "value": value,
        "low": low,
        "high": high,
        "unit": unit,
        "approx": approx,
        "span": span_of(text, words),
    }


def estimate(text: str, words: str, low: float | None, high: float | None) -> dict[str, Any]:
    """An estimate as extraction gives it: a yardstick term, or a hedge without a range."""
    return {
        "text": words,
        "scale": "PHIA" if low is not None else "none",
        "low": low,
        "high": high,
        "negated": False,
        "span": span_of(text, words),
    }


def statement(
    text: str,
    sid: str,
    content: str,
    speaker: str | None = None,
    cue: str | None = None,
    lemma: str | None = None,
    kind: str = "indirect",
    said_on: str | None = None,
    via: list[str] | None = None,
    quantities: list[dict[str, Any]] | None = None,
    estimates: list[dict[str, Any]] | None = None,
    stance: str | None = None,
) -> dict[str, Any]:
    content_span = span_of(text, content)
    cue_part = None
    if cue:
        cue_span = span_of(text, cue)
        lemma = lemma or LEMMAS.get(cue.lower(), LEMMAS.get(cue.split()[-1].lower(), cue.lower()))
        cue_part = {
            "text": cue,
            "lemma": lemma,
            "stance": stance or STANCES.get(lemma, "neutral"),
            "span": cue_span,
        }
    speaker_part: dict[str, Any] = {"name": speaker, "entity": None, "text": None, "span": None}
    if speaker and speaker in text:
        speaker_part.update(text=speaker, span=span_of(text, speaker))
    return {
        "id": sid,
        "kind": kind,
        "speaker": speaker_part,
        "cue": cue_part,
        "content": {"text": content, "spans": [content_span]},
        "said_on": said_on,
        "via": via or [],
        "quantities": quantities or [],
        "estimates": estimates or [],
    }


def record(
    doc_id: str,
    text: str,
    publisher: str,
    published: str | None,
    title: str = "",
    statements: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
    citations: list[dict[str, Any]] | None = None,
    language: str = "en",
) -> dict[str, Any]:
    return {
        "document": {
            "id": doc_id,
            "title": title or text.split(".")[0][:60],
            "publisher": publisher,
            "published": published,
            "url": f"https://example.org/{doc_id}",
            "path": None,
            "language": language,
            "text": text,
        },
        "entities": entities or [],
        "statements": statements or [],
        "citations": citations or [],
    }
