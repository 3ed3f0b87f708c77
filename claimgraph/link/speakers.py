"""Who is speaking: speaker names, affiliations, and whether two statements share a source.

A speaker is known by name keys (name stems without titles), the bodies it speaks for
(from entity roles and the words around the name: "coast guard spokesman Ilan Morrow")
and, for descriptions such as "police" or "the governor", its head word. Matching is
three-valued: the same source (1), cannot tell (0.5), another source (0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Any

from . import concepts
from . import text as tx

if TYPE_CHECKING:
    from .statements import StatementView

PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "its",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
    }
)
DATELINE = re.compile(r"\b[A-Z]{3,}\b(?![a-z])(?:,|\s*\(|$)")


def as_span(value: Any) -> tuple[int, int] | None:
    """A ``[start, end]`` pair from a record, or None."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        start, end = value
        if isinstance(start, int) and isinstance(end, int):
            return int(start), int(end)
    return None


def trailing_speaker(st: dict[str, Any], text: str) -> str | None:
    """The source in "<content>, the Selva Emergency Service said" when none was resolved."""
    cue = as_span((st.get("cue") or {}).get("span"))
    spans = [s for s in (as_span(x) for x in (st.get("content") or {}).get("spans") or []) if s]
    if not cue or not spans or spans[-1][1] > cue[0]:
        return None
    between = text[spans[-1][1] : cue[0]].strip(" ,;:\"”'’\n")
    words = tx.words(between)
    if (
        not words
        or len(words) > 8
        or between.lower() in PRONOUNS
        or any(c in between for c in ".!?")
    ):
        return None
    return between


def speaker_names(name: str | None, ent: dict[str, Any] | None) -> list[str]:
    out = [name] if name else []
    if ent:
        out += [ent.get("name") or ""] + list(ent.get("aliases") or [])
    return [n for n in dict.fromkeys(out) if n and n.strip().lower() not in PRONOUNS]


@lru_cache(maxsize=16384)
def roles_in_mention(mention: str | None, name: str | None) -> tuple[str, ...]:
    """ "Valdonian Coast Guard spokesman Ilan Morrow" -> ["Valdonian Coast Guard spokesman"]."""
    if not mention or not name:
        return ()
    # the mention without the name's words: "Solvay, who leads the party," -> "who leads the party"
    own = {w.lower() for w in tx.words(name)}
    rest = (
        re.split(
            r"\b(?:" + "|".join(re.escape(w) for w in own) + r")\b", mention, flags=re.IGNORECASE
        )
        if own
        else []
    )
    return tuple(r.strip(" ,") for r in rest if len(tx.words(r)) >= 2)


def role_org(role: str) -> str:
    """The body a role speaks for: "spokeswoman for the Selva Emergency Service" -> "Selva
    Emergency Service"; "coast guard spokesman" -> "coast guard"."""
    m = re.search(r"\b(?:of|for|at|from|leads|heads|runs|chairs)\s+(?:the\s+)?(.+)$", role or "")
    if m:
        return m.group(1)
    found = tx.words(role or "")
    titles = tx.titles()
    cut = next((i for i, w in enumerate(found) if w.lower() in titles and i > 0), None)
    return " ".join(found[:cut]) if cut else ""


@lru_cache(maxsize=65536)
def names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two name keys refer to one source: one inside the other, or long names mostly shared.

    A name from another script ("Степан Журавльов", whose tokens are name keys) meets an
    English one ("Stepan Zhuravlyov") through language-neutral keys on both sides."""
    if not a or not b:
        return False
    if _same_name(set(a), set(b)):
        return True
    return concepts.needs_neutral(a, b) and _same_name(
        set(concepts.neutral_phrase(a)), set(concepts.neutral_phrase(b)))


def _same_name(sa: set[str], sb: set[str]) -> bool:
    if not sa or not sb:
        return False
    if sa <= sb or sb <= sa:
        return True
    shared = len(sa & sb)
    return shared >= 2 and shared / len(sa | sb) >= 0.5


def key_in(key: tuple[str, ...], stems: set[str] | frozenset[str]) -> bool:
    """Whether every word of a name key is among a text's word stems, in any script."""
    if set(key) <= stems:
        return True
    if not concepts.needs_neutral(key, stems):
        return False
    return set(concepts.neutral_phrase(key)) <= concepts.neutral_set(stems)


@lru_cache(maxsize=1)
def _generic_sources() -> frozenset[str]:
    return frozenset(tx.stem(w) for w in tx.lexicon("linking")["generic_sources"])


@lru_cache(maxsize=1)
def _office_sources() -> frozenset[str]:
    return frozenset(tx.stem(w) for w in tx.lexicon("linking")["office_sources"])


@lru_cache(maxsize=1)
def _office_titles() -> frozenset[str]:
    return frozenset(tx.stem(w) for w in tx.lexicon("linking")["office_titles"])


def share_affiliations(story_views: list[StatementView]) -> None:
    """Give every mention of a speaker the affiliations any mention in the story names.

    "Civic Renewal Party leader Marek Solvay" in one report tells who "Solvay" speaks for in
    the next one.
    """
    named = [v for v in story_views if v.speaker_keys and not v.own_voice]
    # Mentions naming the speaker the same way share everything; ways of naming are few.
    groups: dict[tuple[tuple[str, ...], ...], list[StatementView]] = {}
    for view in named:
        groups.setdefault(tuple(view.speaker_keys), []).append(view)
    known = {keys: list(dict.fromkeys(a for v in views for a in v.affiliations))
             for keys, views in groups.items()}
    for keys, views in groups.items():
        extra = list(dict.fromkeys(a for other, affs in known.items() if affs
                                   and any(names_match(x, y) for x in keys for y in other)
                                   for a in affs))
        for view in views:
            view.affiliations = list(dict.fromkeys(view.affiliations + extra))


def apply_aliases(story_views: list[StatementView], aliases: list[tuple[str, str]]) -> None:
    """Speakers the story's alias table names ("the port chief" -> "Oskar Lind", a post's
    "@ExampleMFA") take the name they stand for, so that one source is one root.

    A mention matches an alias when it has the alias's words, and any others it has are
    not names: "the port's harbour master" covers "the harbour master" but not "the
    harbour master of Port Vell"."""
    table = [(frozenset(ak), name, nk) for alias, name in aliases
             if (ak := tx.name_tokens(alias)) and (nk := tx.name_tokens(name)) and ak != nk]
    if not table:
        return
    for view in story_views:
        if view.own_voice or not view.speaker_name:
            continue
        found = tx.words(view.speaker_name)
        words = set(tx.name_tokens(view.speaker_name))
        proper = {tx.stem(w) for w in found[1:] if w[:1].isupper()}
        for ak, name, nk in table:
            extra = words - ak
            if ak <= words and (words == ak or (len(ak) >= 2 and not extra & proper)):
                view.speaker_keys = list(dict.fromkeys([nk, *view.speaker_keys]))
                view.speaker_name = name
                view.descriptive = view.speaker_unknown = False
                break


def is_proper_source(view: StatementView) -> bool:
    """A source that can stand for an independent chain: a full name, a kind of source
    ("police", "organisers"), or a publisher's own assessment; not a bare surname, a
    demonym or an unresolved pronoun."""
    if view.speaker_unknown:
        return False
    if view.own_voice:
        return view.kind == "assessment"
    if view.descriptive:
        return (view.head() or "") in _generic_sources()
    capitals = [w for w in tx.words(view.speaker_name or "") if w[0].isupper()]
    return len(capitals) >= 2


def about_the_other(view: StatementView, other: StatementView) -> bool:
    """Whether ``view`` speaks about ``other``'s source, another one whose name shares words
    with its own: "Kaldoran Forest Watch" alleges that "Kaldoran State Forests" bought
    illegal timber, and the company's reply is no claim of the group's."""
    for x in view.source_keys():
        for y in other.source_keys():
            sx, sy = set(x), set(y)
            if len(sy) >= 2 and not (sx <= sy or sy <= sx) \
                    and key_in(y, view.content_stems()):
                return True
    return False


def relays(view: StatementView, other: StatementView) -> bool:
    """Whether ``view`` passes on what ``other``'s source said: it reached its document
    through that source (``via``), its speaker cites it ('X reported, citing the agency'),
    or its speaker is the outlet that published ``other`` ('the Tribune reported')."""
    hops = view.hops()
    if hops:
        keys = other.source_keys()
        if any(names_match(h, k) for h in hops for k in keys):
            return True
    if view.own_voice or other.doc_id == view.doc_id:
        return False
    publisher = tx.name_tokens(other.publisher)
    return bool(publisher) and any(names_match(k, publisher) for k in view.speaker_keys)


def open_source(view: StatementView) -> bool:
    """A source :func:`speaker_match` never rules out: an unknown speaker, a description
    ("the governor") or the outlet's own voice."""
    return view.own_voice or view.speaker_unknown or view.descriptive


def source_names(view: StatementView) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(names, pointers): the name keys of the source and its affiliations, and of the
    sources it points to (hops and publisher). :func:`speaker_match` can tie two sources
    that are not :func:`open_source` only through :func:`names_match` of one's names with
    the other's names or pointers."""
    publisher = tx.name_tokens(view.publisher)
    return ([*view.source_keys(), *view.affiliations],
            [*view.hops(), *([publisher] if publisher else [])])


class NameBlocks:
    """Items filed under name keys, found again by any key :func:`names_match` may tie to
    one of theirs: a one-word key meets every key holding its word, a longer one the keys
    sharing two of its words and the one-word keys among its words (in either script)."""

    def __init__(self) -> None:
        self._word: dict[str, set[int]] = {}
        self._single: dict[str, set[int]] = {}
        self._pair: dict[tuple[str, str], set[int]] = {}
        self._filed: set[tuple[tuple[str, ...], int]] = set()

    def add(self, key: tuple[str, ...], item: int) -> None:
        if (key, item) in self._filed:
            return  # wire copies name one source the same way many times
        self._filed.add((key, item))
        for words in _forms(key):
            for word in words:
                self._word.setdefault(word, set()).add(item)
            if len(words) == 1:
                self._single.setdefault(words[0], set()).add(item)
            for pair in combinations(words, 2):
                self._pair.setdefault(pair, set()).add(item)

    def find(self, key: tuple[str, ...]) -> set[int]:
        found: set[int] = set()
        for words in _forms(key):
            if len(words) == 1:
                found |= self._word.get(words[0], set())
                continue
            for pair in combinations(words, 2):
                found |= self._pair.get(pair, set())
            for word in words:
                found |= self._single.get(word, set())
        return found


class SourceIndex:
    """Items (numbers) filed by the sources of their statements; :meth:`find` gives every
    item holding a statement whose source :func:`speaker_match` may not rule out for a
    given one (a superset: the match still decides)."""

    def __init__(self) -> None:
        self._open: set[int] = set()
        self._names = NameBlocks()  # items by their statements' source names
        self._pointers = NameBlocks()  # ... by the sources their statements point to

    def add(self, view: StatementView, item: int) -> None:
        if open_source(view):
            self._open.add(item)
            return
        names, pointers = source_names(view)
        for key in names:
            self._names.add(key, item)
        for key in pointers:
            self._pointers.add(key, item)

    def find(self, view: StatementView) -> set[int] | None:
        """The items, or None for all of them (``view``'s own source is open)."""
        if open_source(view):
            return None
        found = set(self._open)
        names, pointers = source_names(view)
        for key in names:
            found |= self._names.find(key) | self._pointers.find(key)
        for key in pointers:
            found |= self._names.find(key)
        return found


def key_words(keys: Iterable[tuple[str, ...]]) -> frozenset[str]:
    """The words of name keys, as they are and as language-neutral keys: :func:`names_match`
    ties two keys only when they share one."""
    return frozenset(word for key in keys for form in _forms(key) for word in form)


@lru_cache(maxsize=65536)
def _forms(key: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The key's distinct words, sorted, as they are and as language-neutral keys."""
    return tuple(w for w in (tuple(sorted(set(key))),
                             tuple(sorted(set(concepts.neutral_phrase(key))))) if w)


def speaker_match(a: StatementView, b: StatementView) -> float:
    """1 when both statements have one source, 0.5 when that cannot be told, else 0.

    An own-voice statement's source is its publisher; when it meets an attributed statement
    from another source the answer is 0.5, since restating a claim without attribution is
    drift, not a different source.
    """
    ka, kb = a.source_keys(), b.source_keys()
    if any(names_match(x, y) for x in ka for y in kb):
        return 1.0
    if relays(a, b) or relays(b, a):
        # the minister's words via the agency may be the agency's report: the words decide
        return 0.5
    if any(
        (x in a.affiliations or y in b.affiliations) and names_match(x, y)
        for x in ka + a.affiliations
        for y in kb + b.affiliations
    ):
        return 1.0
    if a.speaker_unknown or b.speaker_unknown or a.own_voice != b.own_voice:
        return 0.5
    if a.descriptive != b.descriptive:
        desc, named = (a, b) if a.descriptive else (b, a)
        head = desc.head()
        named_words = {t for k in named.source_keys() + named.affiliations for t in k}
        if head and head in _generic_sources():
            # "police", "organisers": a kind of source, the named one only if it says so
            if head in named_words:
                return 1.0
            # "a senior government official" may be the minister named in another report
            return 0.5 if head in _office_sources() and named.roles & _office_titles() else 0.0
        # "the governor", "the company": points back to someone named nearby
        if (desc.roles and desc.roles & named.roles) or (head and head in named_words):
            return 1.0
        return 0.5
    if a.own_voice and b.own_voice:
        return 0.5
    return 0.0
