"""The cross-document layer: stories, claims, provenance and drift over extraction records.

Pure functions over DESIGN section-4 records:

- :func:`claimgraph.link.fingerprint.fingerprint` and
  :func:`claimgraph.link.stories.assign_story` cluster documents into stories one at a time;
- :func:`claimgraph.link.story.build_story` gives a story's claims, provenance trees, root,
  independent chains and drift findings; :func:`claimgraph.link.story.summarise` its summary.
"""

from __future__ import annotations

from typing import Any

from .fingerprint import Fingerprint, fingerprint
from .index import StoryIndex
from .stories import StoryConfig, assign_story
from .story import build_story, summarise

__all__ = [
    "Fingerprint",
    "StoryConfig",
    "StoryIndex",
    "assign_story",
    "build_story",
    "fingerprint",
    "link_records",
    "summarise",
]


def link_records(
    records: list[dict[str, Any]], config: StoryConfig | None = None
) -> list[dict[str, Any]]:
    """Cluster ``records`` in the given order with an in-memory index; every story's detail.

    Stories come out in the order of their first document.
    """
    index = StoryIndex(config or StoryConfig())
    by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        index.add(record)
        by_id[str((record.get("document") or {}).get("id") or "")] = record
    return [
        build_story(story_id, [by_id[d] for d in docs]) for story_id, docs in index.members.items()
    ]
