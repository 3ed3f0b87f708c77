"""How well Cyrillic names meet their English spellings: transliteration libraries compared.

Reads ``benchmarks/languages/name_pairs.tsv`` (language, Cyrillic name, the spelling English
news uses: the invented people of the multilingual story sets, public figures and cities of
Russia, Ukraine and Bulgaria) and prints, for each transliteration library that is
installed, how many names come out exactly as English spells them (lower case, accents and
apostrophes dropped), how many meet through claimgraph's name key
(:func:`claimgraph.link.concepts.skeleton` over the library's output), and the time per name.
claimgraph uses anyascii; the others are measured only when installed.

Usage::

    python benchmarks/transliteration.py
"""

from __future__ import annotations

import importlib
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimgraph.link.concepts import skeleton  # noqa: E402

PAIRS = Path(__file__).resolve().parent / "languages" / "name_pairs.tsv"
SCHEMES = {"ru": "ru", "uk": "ua", "bg": "bg"}  # cyrtranslit's language codes


def _libraries() -> dict[str, Callable[[str, str], str]]:
    out: dict[str, Callable[[str, str], str]] = {}
    for name, make in (
        ("anyascii", lambda m: lambda s, _l: m.anyascii(s)),
        ("unidecode", lambda m: lambda s, _l: m.unidecode(s)),
        ("cyrtranslit", lambda m: lambda s, l: m.to_latin(s, SCHEMES[l])),
        ("transliterate", lambda m: lambda s, l: m.translit(s, l, reversed=True)),
    ):
        try:
            out[name] = make(importlib.import_module(name))
        except ImportError:
            continue
    return out


def ascii_letters(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


def main() -> int:
    rows = [line.split("\t") for line in PAIRS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    print(f"data: {PAIRS.name}, {len(rows)} names (ru {sum(r[0] == 'ru' for r in rows)}, "
          f"uk {sum(r[0] == 'uk' for r in rows)}, bg {sum(r[0] == 'bg' for r in rows)})")
    for name, latin in _libraries().items():
        exact = keyed = 0
        missed = []
        for language, cyrillic, english in rows:
            got = [ascii_letters(w) for w in latin(cyrillic, language).split()]
            want = [ascii_letters(w) for w in english.split()]
            exact += got == want
            if [skeleton(w) for w in got] == [skeleton(w) for w in want]:
                keyed += 1
            else:
                missed.append(f"{cyrillic} -> {' '.join(got)} (English: {english})")
        started = time.perf_counter()
        for _ in range(20):
            for language, cyrillic, _english in rows:
                latin(cyrillic, language)
        per_name = (time.perf_counter() - started) / (20 * len(rows)) * 1e6
        print(f"{name:14s} exact {exact}/{len(rows)}  name key {keyed}/{len(rows)}  "
              f"{per_name:.1f} us a name")
        for miss in missed:
            print(f"    missed: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
