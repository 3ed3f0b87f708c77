"""A statement as the Slavic speech finder first finds it, before its speaker is named
(``Found``: its content and cue spans, the tokens of its speaker phrase and of the
sources it came through), and the arithmetic of character spans the finder's parts share."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..spans import Char


@dataclass
class Found:
    content: list[Char]
    cue: Char | None
    cue_text: str
    cue_lemma: str
    stance: str
    speaker: list[Token]
    oblique: bool = False
    via: list[str] = field(default_factory=list)
    relayed: list[Token] = field(default_factory=list)
    between: list[Token] = field(default_factory=list)  # a hop after ``relayed``
    onward: Char | None = None  # the relative clause naming ``between``'s own source
    previous: bool = False  # 'Об этом заявил ...': the content was the sentence before
    impersonal: bool = False  # '..., говорится в заявлении': the body the text is about
    headline: bool = False


def inside(pos: int, spans: list[Char]) -> bool:
    return any(s <= pos < e for s, e in spans)


def overlap(a: list[Char], b: list[Char]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def size(spans: list[Char]) -> int:
    return sum(e - s for s, e in spans)
