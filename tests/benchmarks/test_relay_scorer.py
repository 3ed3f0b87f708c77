"""The relay scorer: matching maths on hand-made records, and the shipped gold files' shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.score_relay import (
    DEFAULT_SETS, norm_name, read_gold, same_cue, same_speaker, same_via, score_document, summary,
)

TEXT = "Herald\n\nThe ministry said the governor, Ivo Lane, claimed on 3 May that 40 ships left."


def _doc(**gold):
    anchor = {"anchor": "40 ships left", "speaker": ["Ivo Lane", "Lane"],
              "via": [["Ministry of Defence", "the ministry"]], "said_on": "2025-05-03",
              "cue": "claimed"}
    anchor.update(gold)
    return {"id": "t1", "publisher": "Herald", "text": TEXT, "gold": [anchor]}


def _statement(content: str, speaker: str, via: list[str], said_on: str | None, cue: str,
               kind: str = "indirect") -> dict:
    start = TEXT.index(content)
    return {"kind": kind, "speaker": {"name": speaker}, "via": via, "said_on": said_on,
            "cue": {"text": cue}, "content": {"spans": [[start, start + len(content)]]}}


def test_names_normalise_articles_case_and_possessives():
    assert norm_name("The  Ministry's") == "ministry"
    assert norm_name("a senior official") == "senior official"
    assert same_speaker("the ministry", ["Ministry"])
    assert same_via(["MINISTRY of defence"], [["Ministry of Defence"]])
    assert not same_via([], [["Ministry of Defence"]])
    assert same_cue("also claimed", "claimed") and not same_cue(None, "claimed")


def test_innermost_statement_is_scored():
    outer = _statement("the governor, Ivo Lane, claimed on 3 May that 40 ships left",
                       "Ministry of Defence", [], None, "said")
    inner = _statement("that 40 ships left", "Ivo Lane", ["Ministry of Defence"], "2025-05-03",
                       "claimed")
    tally = score_document(_doc(), {"statements": [outer, inner]})
    assert tally.found == 1
    assert tally.correct == {"speaker": 1, "via": 1, "said_on": 1, "cue": 1, "all": 1}
    assert tally.predicted == 2 and tally.predicted_hits == 2


def test_wrong_fields_and_misses_are_counted():
    inner = _statement("that 40 ships left", "Lane", [], None, "said")
    tally = score_document(_doc(), {"statements": [inner]})
    assert tally.correct == {"speaker": 1, "via": 0, "said_on": 0, "cue": 0, "all": 0}
    missed = score_document(_doc(), {"statements": []})
    assert missed.found == 0 and summary(missed)["recall"] == 0.0


def test_publisher_own_voice_is_not_a_prediction():
    own = _statement("The ministry said", "Herald", [], None, "", kind="assertion")
    assert score_document(_doc(), {"statements": [own]}).predicted == 0


@pytest.mark.parametrize("path", DEFAULT_SETS, ids=lambda p: Path(p).name)
def test_gold_files_are_well_formed(path):
    docs = read_gold(path)
    assert len(docs) >= 20
    for doc in docs:
        assert doc["text"].startswith(doc["title"])
        for gold in doc["gold"]:
            assert gold["speaker"] and all(isinstance(hop, list) for hop in gold["via"])
            assert gold["said_on"] is None or len(gold["said_on"]) == 10
