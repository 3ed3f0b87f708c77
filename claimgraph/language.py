"""Which language a document is in, and whether claimgraph's extraction reads it.

Detection is py3langid's (its model ships in the wheel; no download). An explicit
``language`` in the input wins. Extraction reads English only for now: a document in
another language is stored and searchable, but no English rules run on it.
"""

from __future__ import annotations

from functools import cache

SUPPORTED = frozenset({"en"})
SAMPLE_CHARS = 5_000  # the start of a document says its language well enough


SURE = 0.9  # below this, a short or mixed text is taken to be English, the language read


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is mostly in ('en', 'ru', 'uk', ...);
    'en' when no other language is at least :data:`SURE` likely."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code) if code == "en" or probability >= SURE else "en"


def supported(language: str | None) -> bool:
    return (language or "en") in SUPPORTED


def notice(label: str, language: str) -> str:
    """The one line that tells a user a document was stored without extraction."""
    return (f"{label}: language '{language}' is not supported by extraction yet; the document "
            "is kept and searchable, without statements")
