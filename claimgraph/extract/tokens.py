"""Finding the few tokens a rule looks at from the Doc's C arrays, without making a Python
``Token`` for every token of the document (which costs more than most rules)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc


def indices_where(doc: Doc, attr: int, values: Iterable[int | str]) -> list[int]:
    """Indices, in order, of the tokens whose ``attr`` (a ``spacy.attrs`` id such as LOWER,
    LEMMA or POS) is one of ``values``: strings (their hashes) or attribute ids."""
    if not len(doc):
        return []
    ids = np.fromiter((get_string_id(v) for v in values), dtype=np.uint64)
    return np.flatnonzero(np.isin(doc.to_array(attr), ids)).tolist()
