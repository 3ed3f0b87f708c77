"""What the store needs from story linking, and the default taken from :mod:`claimgraph.link`.

The store keeps each document's fingerprint and its band keys; the linker decides
what a fingerprint is, which story a document joins, and what a story looks like.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..model import Correction, SourceGrade


class FingerprintLike(Protocol):
    @property
    def band_keys(self) -> Iterable[str]: ...

    def to_json(self) -> Any: ...


Candidate = tuple[str, str, Any]  # (doc_id, story_id, fingerprint)


class Linker(Protocol):
    def fingerprint(self, record: dict[str, Any]) -> FingerprintLike: ...

    def from_json(self, data: Any) -> Any: ...

    def assign_story(self, fp: Any, candidates: Sequence[Candidate]) -> str | None: ...

    def build_story(self, story_id: str, records: list[dict[str, Any]],
                    aliases: Sequence[tuple[str, str]] = (),
                    corrections: Sequence[Correction] = (),
                    grades: Sequence[SourceGrade] = ()) -> dict[str, Any]: ...

    def correct_records(self, records: list[dict[str, Any]],
                        corrections: Sequence[Correction]) -> list[dict[str, Any]]: ...

    def summarise(self, story_id: str, records: list[dict[str, Any]]) -> dict[str, Any]: ...

    def new_story_id(self, first_doc_id: str) -> str: ...

    # Optional: ``mark``, a string naming the linker's code and data; a store keeps the
    # stories a linker with a mark builds, under that mark (claimgraph.store.builds).


def fingerprint_text(fp: FingerprintLike) -> str:
    """``fp.to_json()`` as JSON text for the database; :func:`fingerprint_data` reverses it."""
    return json.dumps(fp.to_json(), ensure_ascii=False, separators=(",", ":"))


def fingerprint_data(text: str) -> Any:
    """The value ``to_json()`` returned, for ``Fingerprint.from_json``."""
    return json.loads(text)


def as_dict(value: Any) -> dict[str, Any]:
    if hasattr(value, "to_dict"):
        return value.to_dict()  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]


class DefaultLinker:
    """The linker of :mod:`claimgraph.link` (imported on first use)."""

    def __init__(self) -> None:
        # Submodule functions by full path: the package re-exports some under the same names.
        from ..link.fingerprint import Fingerprint, fingerprint
        from ..link.index import new_story_id
        from ..link.corrections import correct_records
        from ..link.stories import assign_story
        from ..link.story import build_mark, build_story, summarise

        self._fingerprint = fingerprint
        self._from_json = Fingerprint.from_json
        self._assign = assign_story
        self._build = build_story
        self._summarise = summarise
        self._new_id = new_story_id
        self._correct = correct_records
        self.mark = build_mark()

    def fingerprint(self, record: dict[str, Any]) -> FingerprintLike:
        return self._fingerprint(record)

    def from_json(self, data: Any) -> Any:
        return self._from_json(data)

    def assign_story(self, fp: Any, candidates: Sequence[Candidate]) -> str | None:
        return self._assign(fp, list(candidates))

    def build_story(self, story_id: str, records: list[dict[str, Any]],
                    aliases: Sequence[tuple[str, str]] = (),
                    corrections: Sequence[Correction] = (),
                    grades: Sequence[SourceGrade] = ()) -> dict[str, Any]:
        return as_dict(self._build(story_id, records, aliases=list(aliases),
                                   corrections=corrections, grades=grades))

    def correct_records(self, records: list[dict[str, Any]],
                        corrections: Sequence[Correction]) -> list[dict[str, Any]]:
        """``records`` as the story is built from them: the statement corrections applied."""
        return self._correct(records, corrections).records  # type: ignore[no-any-return]

    def summarise(self, story_id: str, records: list[dict[str, Any]]) -> dict[str, Any]:
        return as_dict(self._summarise(story_id, records))

    def new_story_id(self, first_doc_id: str) -> str:
        """Stable: the same first document gives the same id, as in the in-memory index."""
        return self._new_id(first_doc_id)
