"""Story assignment: re-reports join, distractors and stale documents start new stories."""

from __future__ import annotations

from claimgraph.link import StoryIndex, link_records
from claimgraph.link.fingerprint import fingerprint
from claimgraph.link.stories import StoryConfig, assign_story, similarity

from .builders import record
from .scenarios import berthing, vostrel_story

FLOOD = (
    "Twelve people died when the Selva river burst its banks in Oderburg, the regional emergency "
    "service said. At least 300 homes were flooded."
)
OTHER_FLOOD = (
    "Three people died when the Denna river flooded villages in Harrowfield, police said. "
    "About 80 homes were damaged."
)


def test_rereports_join_the_story_of_the_update():
    update, *reports = vostrel_story()
    candidates = [("u1", "S1", fingerprint(update))]
    for report in reports:
        assert assign_story(fingerprint(report), candidates) == "S1"


def test_same_people_other_event_is_a_new_story():
    candidates = [(r["document"]["id"], "S1", fingerprint(r)) for r in vostrel_story()]
    assert assign_story(fingerprint(berthing()), candidates) is None


def test_same_topic_other_event_is_a_new_story():
    a = fingerprint(record("f1", FLOOD, "Chronicle", "2024-03-14"))
    b = fingerprint(record("f2", OTHER_FLOOD, "Observer", "2024-03-15"))
    assert assign_story(b, [("f1", "S1", a)]) is None


def test_time_window_is_enforced_and_configurable():
    update, faithful = vostrel_story()[:2]
    late = dict(faithful, document=dict(faithful["document"], id="late", published="2024-03-20"))
    candidates = [("u1", "S1", fingerprint(update))]
    assert similarity(fingerprint(late), candidates[0][2]) == 0.0
    assert assign_story(fingerprint(late), candidates) is None
    assert assign_story(fingerprint(late), candidates, StoryConfig(window_days=30)) == "S1"


def test_no_candidates_and_self_are_new_stories():
    fp = fingerprint(vostrel_story()[0])
    assert assign_story(fp, []) is None
    assert assign_story(fp, [(fp.doc_id, "S1", fp)]) is None


def test_index_is_incremental_and_idempotent():
    index = StoryIndex()
    ids = [index.add(r) for r in vostrel_story()]
    assert len(set(ids)) == 1
    assert index.add(vostrel_story()[2]) == ids[0]  # re-adding is a no-op
    assert index.add(berthing()) != ids[0]
    assert len(index.members[ids[0]]) == 5


def test_link_records_returns_one_detail_per_story():
    stories = link_records(vostrel_story() + [berthing()])
    assert [len(s["documents"]) for s in stories] == [5, 1]
