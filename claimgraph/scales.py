"""Probability yardsticks and grading scales, loaded from ``claimgraph/data/scales/*.json``.

Each file is one scale (PHIA, ICD203, MISP, Kent, Admiralty, STIX) with the primary
source it follows, its terms, official synonyms and probability ranges as fractions
of 1; ``hedges.json`` holds the non-yardstick hedges and the rules the estimates
extractor reads. This module answers lookups over them: phrase -> band, probability
-> band, band -> words or machine tag. Unknown scale names raise ``KeyError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

# PHIA first: UK Defence Intelligence updates, the commonest public source of
# yardstick language in news, use it; ICD 203 covers US products; Kent is last
# because his synonyms are everyday words.
DEFAULT_ORDER: tuple[str, ...] = ("PHIA", "ICD203", "Kent")
SCALE_FILES = ("phia", "icd203", "misp", "kent", "admiralty", "stix")
HEDGES_FILE = "hedges"

_ADVERB_ENDINGS = (("able", "ably"), ("ible", "ibly"), ("ain", "ainly"))


@dataclass(frozen=True)
class Band:
    """One term of a scale and the probability range it stands for (``None`` when it has none)."""

    scale: str
    term: str
    low: float | None
    high: float | None
    synonyms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    negative: bool = False
    high_exclusive: bool = False
    dimension: str | None = None
    code: str | None = None
    value: float | None = None
    definition: str = ""  # the primary source's wording, where the scale file gives it

    def contains(self, p: float) -> bool:
        """Whether probability ``p`` lies in this band."""
        if self.low is None or self.high is None:
            return False
        if self.high_exclusive and self.high > self.low:
            return self.low <= p < self.high
        return self.low <= p <= self.high

    @property
    def midpoint(self) -> float | None:
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 2

    def names(self) -> tuple[str, ...]:
        """The term and its official synonyms, lower case."""
        return (self.term.lower(), *(s.lower() for s in self.synonyms))


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    kind: str
    source: dict[str, str]
    bands: tuple[Band, ...]
    match: bool = False
    distinctive: bool = False
    notes: str = ""
    namespace: str | None = None

    def band(self, term: str, dimension: str | None = None) -> Band | None:
        """The band whose term or synonym is ``term`` (case-insensitive)."""
        key = normalise(term)
        for band in self.bands:
            if dimension is not None and band.dimension != dimension:
                continue
            if key in band.names() or (band.code is not None and key == band.code.lower()):
                return band
        return None

    def match_phrases(self) -> dict[str, Band]:
        """Surface forms looked for in text (lower case, adverb forms added) -> band."""
        out: dict[str, Band] = {}
        if not self.match:
            return out
        for band in self.bands:
            for phrase in band.phrases:
                for form in (phrase, *adverb_forms(phrase)):
                    out.setdefault(form, band)
        return out


def normalise(phrase: str) -> str:
    """Lower case, single spaces, no surrounding punctuation."""
    return re.sub(r"\s+", " ", phrase.strip().strip(".,;:!?\"'").lower())


def adverb_forms(phrase: str) -> list[str]:
    """Adverb forms of a phrase ending in an adjective: 'almost certain' -> 'almost certainly'."""
    words = phrase.split(" ")
    last = words[-1]
    for adj, adv in _ADVERB_ENDINGS:
        if last.endswith(adj):
            return [" ".join([*words[:-1], last[: -len(adj)] + adv])]
    return []


def _data(name: str) -> dict[str, Any]:
    path = resources.files("claimgraph") / "data" / "scales" / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _band(scale: str, raw: dict[str, Any]) -> Band:
    return Band(
        scale=scale,
        term=raw["term"],
        low=raw.get("low"),
        high=raw.get("high"),
        synonyms=tuple(raw.get("synonyms", ())),
        phrases=tuple(normalise(p) for p in raw.get("phrases", ())),
        negative=bool(raw.get("negative", False)),
        high_exclusive=bool(raw.get("high_exclusive", False)),
        dimension=raw.get("dimension"),
        code=raw.get("code"),
        value=raw.get("value"),
        definition=raw.get("definition", ""),
    )


@cache
def _files() -> dict[str, str]:
    """File name for every accepted scale name: its file stem and its id, lower case."""
    return {f: f for f in SCALE_FILES} | {_data(f)["id"].lower(): f for f in SCALE_FILES}


@cache
def load(name: str) -> Scale:
    """One scale by file name ('phia') or id ('PHIA')."""
    key = _files().get(name.lower())
    if key is None:
        known = ", ".join(_data(f)["id"] for f in SCALE_FILES)
        raise KeyError(f"unknown scale {name!r}; known: {known}")
    raw = _data(key)
    return Scale(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        source=dict(raw["source"]),
        bands=tuple(_band(raw["id"], b) for b in raw["bands"]),
        match=bool(raw.get("match", False)),
        distinctive=bool(raw.get("distinctive", False)),
        notes=raw.get("notes", ""),
        namespace=raw.get("namespace"),
    )


@cache
def all_scales() -> dict[str, Scale]:
    """Every scale, by id."""
    scales = {}
    for f in SCALE_FILES:
        scale = load(f)
        scales[scale.id] = scale
    return scales


@cache
def hedge_data() -> dict[str, Any]:
    """The raw hedge lexicon and extractor rules (``hedges.json``)."""
    return _data(HEDGES_FILE)


def candidates(phrase: str, order: tuple[str, ...] | list[str] = DEFAULT_ORDER) -> list[Band]:
    """Every band, in preference order, whose matched phrases include ``phrase``."""
    key = re.sub(r"^(a|an|the) ", "", normalise(phrase))
    found = []
    for sid in order:
        band = all_scales()[sid].match_phrases().get(key)
        if band is not None:
            found.append(band)
    return found


def lookup(phrase: str, order: tuple[str, ...] | list[str] = DEFAULT_ORDER) -> Band | None:
    """The preferred band for a yardstick phrase ('highly likely' -> PHIA 0.80-0.90), else None."""
    found = candidates(phrase, order)
    return found[0] if found else None


def band_at(p: float, scale: str = "PHIA", dimension: str | None = None) -> Band | None:
    """The band of ``scale`` holding probability ``p``; None in a deliberate gap (PHIA 0.52)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"probability must be within 0..1, got {p}")
    for band in load(scale).bands:
        if dimension is not None and band.dimension != dimension:
            continue
        if band.contains(p):
            return band
    return None


def format_range(low: float | None, high: float | None) -> str:
    """'80-90%' for 0.8-0.9; '' when the range is unknown."""
    if low is None or high is None:
        return ""
    lo, hi = round(low * 100), round(high * 100)
    return f"{lo}%" if lo == hi else f"{lo}-{hi}%"


def describe(low: float | None, high: float | None, scale: str = "PHIA") -> str:
    """Words for a probability range on ``scale``: 'highly likely (80-90%)'.

    A range inside one band gets that band's term; one that spans several gets
    'between X and Y'; one lying in a gap or unknown gets just the numbers.
    """
    if low is None or high is None:
        return "no stated probability"
    inside = [b for b in load(scale).bands
              if b.low is not None and b.high is not None and b.high >= low and b.low <= high]
    numbers = format_range(low, high)
    exact = [b for b in inside if b.low is not None and b.high is not None
             and b.low <= low and high <= b.high]
    if exact:
        return f"{exact[0].term} ({numbers})"
    if len(inside) >= 2:
        return f"between {inside[0].term} and {inside[-1].term} ({numbers})"
    return numbers


def misp_tag(low: float, high: float) -> str | None:
    """The MISP estimative-language machine tag for a range, by the band holding its midpoint."""
    band = band_at((low + high) / 2, "MISP", "likelihood-probability")
    if band is None:
        return None
    ns = load("MISP").namespace
    return f'{ns}:{band.dimension}="{band.code}"'


def misp_confidence_tag(level: str) -> str:
    """'high' -> estimative-language:confidence-in-analytic-judgment="high"."""
    band = load("MISP").band(level, "confidence-in-analytic-judgment")
    if band is None:
        raise KeyError(f"unknown confidence level {level!r}; use low, moderate or high")
    return f'{load("MISP").namespace}:{band.dimension}="{band.code}"'


def admiralty(grade: str) -> tuple[Band, Band]:
    """Source reliability and information credibility bands of an Admiralty grade such as 'B2'."""
    m = re.fullmatch(r"\s*([A-Fa-f])\s*-?\s*([1-6])\s*", grade)
    if m is None:
        raise ValueError(
            f"not an Admiralty grade: {grade!r} (expected a letter A-F and a digit 1-6, e.g. B2)")
    scale = load("Admiralty")
    reliability = scale.band(m.group(1), "source-reliability")
    credibility = scale.band(m.group(2), "information-credibility")
    assert reliability is not None and credibility is not None  # the data file has all 12
    return reliability, credibility


def admiralty_tags(grade: str) -> list[str]:
    """MISP admiralty-scale machine tags for a grade: 'B2' gives source reliability and
    information credibility, 'B' or '2' alone just one of them.

    Raises ValueError for anything else (a letter A-F and/or a digit 1-6).
    """
    m = re.fullmatch(r"\s*([A-Fa-f])?\s*-?\s*([1-6])?\s*", grade)
    if m is None or not (m.group(1) or m.group(2)):
        raise ValueError(f"not an Admiralty grade: {grade!r} (expected a letter A-F and/or a "
                         "digit 1-6, e.g. B2)")
    scale = load("Admiralty")
    tags = []
    for code, dimension in ((m.group(1), "source-reliability"),
                            (m.group(2), "information-credibility")):
        if code is None:
            continue
        band = scale.band(code, dimension)
        assert band is not None and band.code is not None  # the data file has all 12
        tags.append(f'{scale.namespace}:{dimension}="{band.code.lower()}"')
    return tags


def stix_confidence(low: float, high: float) -> int:
    """STIX 2.1 confidence (0-100) for a probability range, through its DNI confidence scale."""
    band = band_at((low + high) / 2, "STIX", "dni")
    assert band is not None and band.value is not None  # the DNI bands tile 0..1
    return int(band.value)


@dataclass(frozen=True)
class HedgeEntry:
    kind: str
    lemma: str | None = None
    lower: tuple[str, ...] = ()
    pos: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    require: str | None = None
    next: tuple[str, ...] = field(default=())


def hedge_entries() -> list[HedgeEntry]:
    """The single-word hedge entries of ``hedges.json``."""
    return [
        HedgeEntry(kind=w["kind"], lemma=w.get("lemma"), lower=tuple(w.get("lower", ())),
                   pos=tuple(w.get("pos", ())), tag=tuple(w.get("tag", ())),
                   require=w.get("require"), next=tuple(w.get("next", ())))
        for w in hedge_data()["words"]
    ]


@cache
def _hedge_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    data = hedge_data()
    for w in data["words"]:
        for form in ([w["lemma"]] if "lemma" in w else w.get("lower", [])):
            kinds.setdefault(form, w["kind"])
    for p in data["phrases"]:
        kinds.setdefault(p["text"], p["kind"])
    for pat in data["patterns"]:
        start, end = pat["cue"]
        forms = [""]
        for spec in pat["pattern"][start:end]:
            lower = spec.get("LOWER", "")
            options = lower["IN"] if isinstance(lower, dict) else [lower]
            forms = [f"{f} {o}".strip() for f in forms for o in options]
        for form in forms:
            kinds.setdefault(form, pat["kind"])
    return kinds


def hedge_kind(phrase: str, lemma: str | None = None) -> str | None:
    """The hedge class of a reported hedge ('reportedly' -> 'evidential'), else None.

    Pass the lemma for inflected words ('believed' needs lemma 'believe').
    A phrase under a degree modifier ('extremely likely') is 'comparative'.
    """
    kinds = _hedge_kinds()
    key = normalise(phrase)
    words = key.split(" ")
    if key not in kinds and words[0] in hedge_data()["negators"]:
        words = words[1:]  # 'not possible': the class of 'possible'
    for candidate in (" ".join(words), lemma and normalise(lemma), words[-1] if words else None):
        if candidate and candidate in kinds:
            return kinds[candidate]
    if len(words) >= 2 and words[0] in hedge_data()["degree_modifiers"]:
        return "comparative"
    return None
