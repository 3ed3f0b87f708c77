"""Quotations in Russian, Ukrainian and Bulgarian text: «...», „...“, “...”, "..."."""

from __future__ import annotations

Char = tuple[int, int]
PAIRS = {"«": "»", "„": "“", "“": "”", "‹": "›"}


def quotations(text: str) -> list[Char]:
    """Outermost quotations as ``(start, end)`` of their text (the quote marks left out).
    A quotation does not run past its paragraph unless the paragraph ends inside it and the
    next one opens with a quote mark (a quotation over several paragraphs)."""
    found: list[Char] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            nxt = text[i:].lstrip("\n")[:1]
            if stack and nxt not in PAIRS and nxt != "\"":
                stack = []
            straight = None
        if ch == "\"":
            if straight is None and not stack:
                if i + 1 < n and not text[i + 1].isspace():
                    straight = i + 1
            elif straight is not None:
                found.append((straight, i))
                straight = None
        elif ch in PAIRS and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i + 1))
        elif stack and ch == PAIRS[stack[-1][0]]:
            opener, start = stack.pop()
            if not stack:
                found.append((start, i))
        i += 1
    return sorted(found)
