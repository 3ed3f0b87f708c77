"""The README's correction walk-through on the bundled examples, extracted for real: once the
analyst gives the report's "confirmed" to the governor through the ministry, the re-report
hardens the update's "boasted"."""

from __future__ import annotations

from claimgraph.store import Store


def test_a_corrected_speaker_brings_out_the_hardened_cue(fresh_db):
    with Store.open(fresh_db, write=True) as store:
        target = store.statement("frontline-sent-into-battle", "s3")
        assert "confirmed" in (store.document("frontline-sent-into-battle")["statements"][2]
                               ["cue"]["text"])
        story_id = next(s["id"] for s in store.stories(limit=50).items
                        if "frontline-sent-into-battle" in s["documents"])

        def hardened() -> set[tuple[str, str]]:
            return {(f["before"]["text"], f["after"]["text"]) for f in store.story(story_id)["drift"]
                    if f["kind"] == "cue_hardened"
                    and f["after"]["document"] == "frontline-sent-into-battle"}

        assert ("boasted", "confirmed") not in hardened()
        store.correct("speaker", target, after="Arkady Sorin", author="test")
        store.correct("via", target, after=["Ministry of Defence"], author="test")
        # the report is dated by the ministry's Tuesday, later than the governor's words:
        # through the ministry that is the relay's day, not a new statement of his
        assert ("boasted", "confirmed") in hardened()
