"""A compact, JSON-serialisable summary of one document for finding its story.

The store indexes ``Fingerprint.band_keys`` (key -> document id) and hands the documents
that share a key with a new one to :func:`claimgraph.link.stories.assign_story`. Keys come
from two places:

- MinHash LSH bands over word shingles, which find wire copies and light rewrites (none
  for a document too short to have a shingle: every empty MinHash is the same, and would
  make all such documents look like copies of one another);
- what extraction knows (speakers, quantities with units, cited sources, people) plus
  multiword names and figures in the text, which find re-reports in other words.

Extraction-derived keys carry a time bucket so that a common name ("Ministry of Defence")
only meets documents from nearby days; a document emits its own bucket and the next, so
two documents up to ``bucket_days`` apart always share one.

Across languages: a Russian, Ukrainian or Bulgarian document's terms are lemmas (or
concepts of ``data/lexicons/concepts.json``), its figures include the values extraction
read ("4 тыс." is 4000), and every document also emits its names and speakers as
language-neutral name keys (``nk:``), so "Степан Журавлёв" and "Stepan Zhuravlyov" meet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import concepts
from . import text as tx

if TYPE_CHECKING:
    from datasketch import MinHash

VERSION = 3  # 3: language, lemmas and name keys; 2: Unicode words, no empty MinHash
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs above ~0.4 Jaccard collide with good odds
SHINGLE = 3
BUCKET_DAYS = 7
MAX_TERMS = 60
MAX_NAME_KEYS = 24
MAX_NUMBER_KEYS = 16
EMPTY_HASH = (1 << 32) - 1  # datasketch's value for a MinHash slot that saw no shingle


@dataclass
class Fingerprint:
    """What linking needs to know about one document, without its full text."""

    doc_id: str
    published: str | None
    publisher: str | None = None
    title: str | None = None
    minhash: list[int] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    quantities: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    band_keys: list[str] = field(default_factory=list)
    version: int = VERSION
    language: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fingerprint:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def jaccard(self, other: Fingerprint) -> float:
        """MinHash estimate of the word-shingle Jaccard similarity of the two texts.

        0 when either text has no shingles: two empty MinHashes agree in every slot, but two
        documents without words are not copies of each other.
        """
        if not self.minhash or len(self.minhash) != len(other.minhash):
            return 0.0
        a = np.asarray(self.minhash, dtype=np.uint64)
        b = np.asarray(other.minhash, dtype=np.uint64)
        if not (has_shingles(a) and has_shingles(b)):
            return 0.0
        return float(np.count_nonzero(a == b)) / len(a)


def has_shingles(signature: np.ndarray) -> bool:
    """Whether a MinHash saw any shingle. Fingerprints of version 1 stored an empty one as
    all-``EMPTY_HASH`` values rather than as an empty list, and may still be in a store."""
    return bool(signature.size) and bool(np.any(signature != EMPTY_HASH))


def fingerprint(record: dict[str, Any], bucket_days: int = BUCKET_DAYS) -> Fingerprint:
    """Fingerprint a DESIGN section-4 record: ``document``, ``entities``, ``statements``,
    ``citations``.

    Missing sections are treated as empty, so a record with only ``document.text`` works.
    """
    doc = record.get("document") or {}
    body = doc.get("text") or ""
    title = doc.get("title") or ""
    published = _iso_date(doc.get("published"))
    language = str(doc.get("language") or "")

    mh = _minhash(f"{title}\n{body}")
    fp = Fingerprint(
        doc_id=str(doc.get("id") or ""),
        published=published,
        publisher=doc.get("publisher"),
        title=title or None,
        minhash=[int(v) for v in mh.hashvalues] if mh is not None else [],
        terms=_weighted_terms(title, body, language),
        names=sorted(tx.names(f"{title}.\n{body}") | _entity_names(record)),
        numbers=sorted(_numbers(record, f"{title}\n{body}", language)),
        speakers=sorted(_speakers(record)),
        quantities=sorted(_quantities(record, language)),
        sources=sorted(_sources(record)),
        language=language,
    )
    fp.band_keys = _band_keys(fp, mh, record, bucket_days)
    return fp


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def shingles(content: str) -> set[str]:
    """Runs of ``SHINGLE`` casefolded words; none for a text with fewer words than that."""
    tokens = [tx.fold(w) for w in tx.words(content)]
    return {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _minhash(content: str) -> MinHash | None:
    """The MinHash of the text's shingles, or None without any: an empty MinHash equals every
    other empty one, so it would mark all short or wordless documents as copies."""
    found = shingles(content)
    if not found:
        return None
    from datasketch import MinHash  # here: reading stories needs no NumPy start-up

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([s.encode("utf-8") for s in found])
    return mh


def _weighted_terms(title: str, body: str, language: str = "") -> dict[str, float]:
    counts: Counter[str] = tx.terms(body, language)
    for term, n in tx.terms(title, language).items():
        counts[term] += 2 * n  # the headline says what the story is about
    proper = {t for name in tx.names(f"{title}.\n{body}") for t in name.split()}
    weights = {t: (1 + math.log(n)) * (1.5 if t in proper else 1.0) for t, n in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    return {t: round(w, 4) for t, w in top}


def _entity_names(record: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for ent in record.get("entities") or []:
        if ent.get("type") in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}:
            toks = tx.name_tokens(ent.get("name"))
            if toks:
                out.add(" ".join(toks))
    return out


def _speakers(record: dict[str, Any]) -> set[str]:
    entities = {e.get("id"): e for e in record.get("entities") or []}
    out: set[str] = set()
    for st in record.get("statements") or []:
        speaker = st.get("speaker") or {}
        ent = entities.get(speaker.get("entity")) if speaker.get("entity") else None
        for name in (speaker.get("name"), ent.get("name") if ent else None):
            toks = tx.name_tokens(name)
            if toks:
                out.add(" ".join(toks))
    return out


def _quantity_values(record: dict[str, Any]) -> list[tuple[float, dict[str, Any]]]:
    out = []
    for st in record.get("statements") or []:
        for q in st.get("quantities") or []:
            value = q.get("value")
            if value is None:
                value = q.get("low") if q.get("low") is not None else q.get("high")
            if value is not None:
                out.append((float(value), q))
    return out


def _quantities(record: dict[str, Any], language: str = "") -> set[str]:
    out: set[str] = set()
    for value, q in _quantity_values(record):
        unit = " ".join(tx.unit_words(q.get("unit") or "", language)[-1:])
        out.add(f"{tx.format_number(value)}|{unit}")
    return out


def _numbers(record: dict[str, Any], content: str, language: str) -> set[str]:
    """Figures of the text; in a lemmatised language also those extraction read, since
    "4 тыс." or "1,2 млн" are no figures to the digit pattern."""
    found = tx.numbers(content)
    if concepts.lemmatised(language):
        found |= {tx.format_number(v) for v, _q in _quantity_values(record)
                  if v >= 10 and not (1900 <= v <= 2100 and float(v).is_integer())}
    return found


def _sources(record: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for cit in record.get("citations") or []:
        toks = tx.name_tokens(cit.get("cited"))
        if toks:
            out.add(" ".join(toks))
    for st in record.get("statements") or []:
        for name in st.get("via") or []:
            toks = tx.name_tokens(name)
            if toks:
                out.add(" ".join(toks))
    return out


def buckets(published: str | None, bucket_days: int) -> list[str]:
    """Time buckets a key is emitted in: this one and the next, or none when undated."""
    if not published:
        return [""]
    day = dt.date.fromisoformat(published).toordinal() // bucket_days
    return [f"@{day}", f"@{day + 1}"]


def _band_keys(
    fp: Fingerprint, mh: MinHash | None, record: dict[str, Any], bucket_days: int
) -> list[str]:
    keys = _minhash_keys(mh) if mh is not None else []
    persons = {
        " ".join(tx.name_tokens(e.get("name")))
        for e in record.get("entities") or []
        if e.get("type") == "PERSON"
    }
    multiword = sorted((n for n in fp.names if " " in n), key=lambda n: (-len(n), n))
    named = [f"spk:{s}" for s in fp.speakers]
    named += [f"qty:{q}" for q in fp.quantities]
    named += [f"src:{s}" for s in fp.sources]
    named += [f"per:{p}" for p in sorted(persons) if p]
    named += [f"name:{n}" for n in multiword[:MAX_NAME_KEYS]]
    named += [f"num:{n}" for n in sorted(fp.numbers, key=lambda n: -float(n))[:MAX_NUMBER_KEYS]]
    # the same people and places in any language or script
    neutral = {" ".join(concepts.neutral_phrase(n.split()))
               for n in [*fp.speakers, *persons, *multiword[:MAX_NAME_KEYS]] if n}
    named += [f"nk:{n}" for n in sorted(neutral) if " " in n]
    for bucket in buckets(fp.published, bucket_days):
        keys.extend(f"{k}{bucket}" for k in dict.fromkeys(named))
    return keys


def _minhash_keys(mh: MinHash) -> list[str]:
    """One LSH key per band of ``NUM_PERM // BANDS`` rows."""
    rows = NUM_PERM // BANDS
    keys = []
    for band in range(BANDS):
        chunk = np.asarray(
            mh.hashvalues[band * rows : (band + 1) * rows], dtype=np.uint64
        ).tobytes()
        keys.append(f"mh:{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys
