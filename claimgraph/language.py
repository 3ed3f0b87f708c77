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


def _ranked(sample: str) -> list[tuple[str, float]]:
    """py3langid's languages and probabilities for ``sample``, likeliest first (what its
    ``classify`` and ``rank`` give).

    Its own scoring multiplies the uint16 feature counts by the whole float32 model: numpy
    takes a slow mixed-type path (a hundred times slower than the rest of detection) and,
    on the BLAS path, wakes a thread pool for one small product. Only the features the
    sample has count, so their rows are summed alone, in float64, without BLAS; the
    languages found are the same (checked on the BBC corpus and every fixture)."""
    import numpy as np  # here: the CLI imports this module before it needs numpy

    identifier = _identifier()
    counts = identifier.instance2fv(sample)
    present = np.flatnonzero(counts)
    rows = identifier.nb_ptc[present].astype(np.float64)
    scores = (rows * counts[present, None]).sum(axis=0)
    probs = identifier.norm_probs(scores.astype(np.float32) + identifier.nb_pc)
    order = sorted(range(len(probs)), key=lambda k: probs[k], reverse=True)
    return [(str(identifier.nb_classes[k]), float(probs[k])) for k in order]


def detect(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is mostly in ('en', 'ru', 'uk', ...).
    A text mostly in Cyrillic letters is the likeliest language written in Cyrillic; any
    other text is 'en' when no other language is at least :data:`SURE` likely."""
    sample = text[:SAMPLE_CHARS]
    ranked = _ranked(sample)
    code, probability = ranked[0]
    if code == "en" or probability >= SURE:
        return code
    if _mostly_cyrillic(sample):
        return next(c for c, _ in ranked if c in CYRILLIC)
    return "en"


def supported(language: str | None) -> bool:
    return (language or "en") in SUPPORTED


def notice(label: str, language: str) -> str:
    """The one line that tells a user a document was stored without extraction."""
    return (f"{label}: language '{language}' is not supported by extraction yet; the document "
            "is kept and searchable, without statements")
