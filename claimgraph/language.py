"""Which language a document is in, and whether claimgraph's extraction reads it.

Detection is py3langid's (its model ships in the wheel; no download). An explicit
``language`` in the input wins. Extraction reads English, Russian, Ukrainian and
Bulgarian, each with its own pipeline; a document in another language is stored and
searchable, but no rules of another language run on it.
"""

from __future__ import annotations

from functools import cache

SUPPORTED = frozenset({"en", "ru", "uk", "bg"})
SAMPLE_CHARS = 5_000  # the start of a document says its language well enough


SURE = 0.9  # below this, a short or mixed Latin-script text is taken to be English
# Languages written in Cyrillic that py3langid knows: a Cyrillic text is one of them.
CYRILLIC = ("ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn", "tt")


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def _mostly_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return bool(letters) and cyrillic > len(letters) / 2


def detect(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is mostly in ('en', 'ru', 'uk', ...).
    A text mostly in Cyrillic letters is the likeliest language written in Cyrillic; any
    other text is 'en' when no other language is at least :data:`SURE` likely."""
    sample = text[:SAMPLE_CHARS]
    identifier = _identifier()
    code, probability = identifier.classify(sample)
    if code == "en" or probability >= SURE:
        return str(code)
    if _mostly_cyrillic(sample):
        return next(str(c) for c, _ in identifier.rank(sample) if c in CYRILLIC)
    return "en"


def supported(language: str | None) -> bool:
    return (language or "en") in SUPPORTED


def notice(label: str, language: str) -> str:
    """The one line that tells a user a document was stored without extraction."""
    return (f"{label}: language '{language}' is not supported by extraction yet; the document "
            "is kept and searchable, without statements")
