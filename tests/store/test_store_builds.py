"""Built stories are kept by the version of their data and of the linker: a read at the kept
version builds nothing, any change to the story's documents, aliases, grades or the linker
builds it again, and a store opened to read keeps nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from claimgraph.store import Ingester, Store
from claimgraph.store.schema import story_builds

from .store_fakes import FakeLinker, record, statement


class MarkedLinker(FakeLinker):
    """The stand-in linker with a mark, counting the stories it builds."""

    def __init__(self, mark: str = "m1") -> None:
        super().__init__()
        self.mark = mark
        self.built: list[str] = []

    def build_story(self, story_id: str, records: list[dict[str, Any]], *args: Any) -> dict:
        self.built.append(story_id)
        return super().build_story(story_id, records, *args)


def _doc(n: int) -> tuple[str, dict]:
    text = f"Governor Danov said {n} reservists were called up."
    rec = record(f"d{n}", text, title="Reservists called up in Velmora",
                 publisher=f"Outlet {n}", published=f"2024-03-0{n}",
                 statements=[statement("s1", "Governor Danov", f"{n} reservists were called up")])
    return rec["document"]["id"], rec


def _kept(store: Store) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(story_builds)).scalar_one()


@pytest.fixture
def marked() -> MarkedLinker:
    return MarkedLinker()


@pytest.fixture
def built(db, marked):
    """A store whose one story was built by ingest."""
    with Store.open(db, write=True, linker=marked) as store:
        ingester = Ingester(store)
        summary = ingester.run([_doc(1), _doc(2)])
        ingester.build_touched(summary)
        assert summary.built == 1 and len(summary.touched) == 1
        yield store, summary.touched.pop()


def test_a_read_at_the_kept_version_builds_nothing(built, marked):
    store, story_id = built
    assert marked.built == [story_id] and _kept(store) == 1
    first = store.story(story_id)
    detail, records = store.story_with_records(story_id)
    assert marked.built == [story_id]  # no build on either read
    assert first == detail and detail["documents"] == ["d1", "d2"]
    assert [r["document"]["id"] for r in records] == ["d1", "d2"]
    assert store.build_stories([story_id]) == 0


def test_a_new_document_an_alias_and_a_grade_each_build_it_again(built, marked):
    store, story_id = built
    Ingester(store).run([_doc(3)])
    assert store.story(story_id)["documents"] == ["d1", "d2", "d3"]
    store.story(story_id)
    assert marked.built == [story_id] * 2
    store.add_alias("the governor", "Governor Danov")
    store.story(story_id)
    store.grade_source("Governor Danov", "B")
    store.story(story_id)
    assert marked.built == [story_id] * 4
    assert _kept(store) == 1  # one build per story, the latest


def test_a_linker_with_another_mark_builds_it_again(db, built):
    store, story_id = built
    other = MarkedLinker("m2")
    with Store.open(db, write=True, linker=other) as again:
        again.story(story_id)
        again.story(story_id)
    assert other.built == [story_id]


def test_a_store_open_to_read_keeps_nothing(db, marked):
    with Store.open(db, write=True, linker=marked) as store:
        Ingester(store).run([_doc(1)])  # not built
        [story] = store.stories().items
    reader = MarkedLinker()
    with Store.open(db, linker=reader) as store:
        store.story(story["id"])
        store.story(story["id"])
        assert _kept(store) == 0
    assert reader.built == [story["id"]] * 2


def test_a_linker_without_a_mark_keeps_nothing(store, linker):
    Ingester(store).run([_doc(1)])
    [story] = store.stories().items
    assert store.build_stories([story["id"]]) == 1
    assert _kept(store) == 0


def test_a_build_the_database_cannot_keep_is_still_read(db, marked, monkeypatch):
    from claimgraph.store import builds
    from claimgraph.store.errors import ReadOnlyDatabase

    with Store.open(db, write=True, linker=marked) as store:
        Ingester(store).run([_doc(1)])
        [story] = store.stories().items

        def refuse(*args: Any) -> None:
            raise ReadOnlyDatabase("the database is busy")

        monkeypatch.setattr(builds, "keep", refuse)
        assert store.story(story["id"])["documents"] == ["d1"]
        assert _kept(store) == 0
