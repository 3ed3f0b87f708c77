"""The Jinja2 environment: autoescaping on for every template, and the URL helpers pages share."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from starlette.templating import Jinja2Templates

from .. import __version__
from .render import KINDS

HERE = Path(__file__).resolve().parent


def q(value: Any) -> str:
    """A path segment: ids and names may hold any character, slashes included."""
    return quote(str(value), safe=":@")


def doc_url(doc_id: str, statement: str | None = None) -> str:
    return f"/documents/{q(doc_id)}" + (f"#st-{q(statement)}" if statement else "")


def story_url(story_id: str) -> str:
    return f"/stories/{q(story_id)}"


def speaker_url(name: str) -> str:
    return f"/speakers/{q(name)}"


def outlet_url(name: str) -> str:
    return f"/outlets/{q(name)}"


def with_query(path: str, **params: Any) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mark(text: str | None, highlights: list[list[int]] | None) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) pairs from snippet highlight offsets."""
    text = text or ""
    out, pos = [], 0
    for start, end in sorted(tuple(h) for h in highlights or [] if len(h) == 2):
        if start < pos or end > len(text):
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def emph(text: str | None, part: str | None) -> list[tuple[str, bool]]:
    """``text`` with the first occurrence of ``part`` marked; ``part`` appended when absent."""
    text, part = text or "", part or ""
    at = text.find(part) if part else -1
    if at < 0:
        return [(text, False)] + ([(" [" + part + "]", True)] if part and part != text else [])
    return [p for p in ((text[:at], False), (part, True), (text[at + len(part):], False)) if p[0]]


def abbrev(term: str) -> str:
    """Initials of a yardstick term: 'realistic possibility' -> 'RP'."""
    return "".join(w[0] for w in term.split()).upper()


@cache
def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(doc_url=doc_url, story_url=story_url, speaker_url=speaker_url,
                       outlet_url=outlet_url,
                       with_query=with_query, version=__version__, kinds=KINDS, mark=mark,
                       emph=emph, abbrev=abbrev)
    env.filters.update(short=short, q=q)
    return Jinja2Templates(env=env)
