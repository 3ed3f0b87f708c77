"""An in-memory band-key index: what the store does with fingerprints, for one process.

Used by :func:`claimgraph.link.link_records`, the linking scorer and tests; the store keeps
the same mapping (band key -> document ids) in a table.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .fingerprint import Fingerprint, fingerprint
from .stories import DEFAULT, StoryConfig, assign_story


def new_story_id(doc_id: str) -> str:
    """A stable story id from the id of the document that opened it."""
    return "story:" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:16]


class StoryIndex:
    """Documents added one at a time, each joining a story or opening one."""

    def __init__(self, config: StoryConfig = DEFAULT) -> None:
        self.config = config
        self.keys: dict[str, list[str]] = {}
        self.fingerprints: dict[str, Fingerprint] = {}
        self.story_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    def candidates(self, fp: Fingerprint) -> list[tuple[str, str, Fingerprint]]:
        seen: dict[str, None] = {}
        for key in fp.band_keys:
            for doc_id in self.keys.get(key, ()):
                seen.setdefault(doc_id, None)
        return [(d, self.story_of[d], self.fingerprints[d]) for d in seen if d != fp.doc_id]

    def add(self, record: dict[str, Any]) -> str:
        """Index ``record`` and return its story id; re-adding a document is a no-op."""
        fp = fingerprint(record)
        if fp.doc_id in self.story_of:
            return self.story_of[fp.doc_id]
        story = assign_story(fp, self.candidates(fp), self.config) or new_story_id(fp.doc_id)
        self.fingerprints[fp.doc_id] = fp
        self.story_of[fp.doc_id] = story
        self.members.setdefault(story, []).append(fp.doc_id)
        for key in fp.band_keys:
            self.keys.setdefault(key, []).append(fp.doc_id)
        return story
