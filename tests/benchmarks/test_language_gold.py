"""The multilingual gold files pass their own check, and the check catches broken gold."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.languages import check_gold
from claimgraph.link.drift import KINDS

TEXT = ("Губернатор: эвакуированы 300 жителей\n\n"
        "ВЕЛЬГРАД, 4 марта. Около 1,2 тыс. жителей эвакуированы, сообщил во вторник губернатор "
        "Аркадий Лемешев. Вода, вероятно, начнёт спадать.")


def _doc(**gold) -> dict:
    base = {
        "statements": [{"speaker": "Аркадий Лемешев", "cue": "сообщил",
                        "content": "Около 1,2 тыс. жителей эвакуированы", "via": [],
                        "said_on": "2025-03-04"}],
        "quantities": [{"text": "300 жителей", "value": 300, "approximator": None,
                        "unit": "житель"},
                       {"text": "Около 1,2 тыс. жителей", "value": 1200,
                        "approximator": "about", "unit": "житель"}],
        "dates": [{"text": "4 марта", "value": "2025-03-04"},
                  {"text": "вторник", "value": "2025-03-04"}],
        "estimates": [{"text": "вероятно", "low": 0.55, "high": 0.75, "negated": False}],
    }
    base.update(gold)
    return {"id": "t1", "language": "ru", "publisher": "Приречье-Инфо",
            "published": "2025-03-04", "title": TEXT.split("\n")[0], "text": TEXT, "gold": base}


def _problems(doc: dict) -> list[str]:
    return check_gold.check_document(doc, check_gold.phia_bands())


def test_a_correct_document_passes():
    assert _problems(_doc()) == []


@pytest.mark.parametrize("field, change, message", [
    ("dates", [{"text": "вторник", "value": "2025-03-05"}], "not that weekday"),
    ("dates", [{"text": "4 марта", "value": "2025-04-04"}], "month word"),
    ("quantities", [{"text": "Около 1,2 тыс. жителей", "value": 12000, "approximator": "about",
                     "unit": "житель"}], "digits read"),
    ("quantities", [{"text": "300 жителей", "value": 300, "approximator": "roughly",
                     "unit": "житель"}], "approximator"),
    ("estimates", [{"text": "вероятно", "low": 0.55, "high": 0.8, "negated": False}],
     "not a PHIA band"),
    ("estimates", [{"text": "маловероятно", "low": 0.25, "high": 0.35, "negated": False}],
     "not in the text"),
    ("statements", [{"speaker": "Аркадий Лемешев", "cue": "заявил", "content": "эвакуированы",
                     "via": [], "said_on": None}], "occurs 2 times"),
    ("statements", [{"speaker": "Аркадий Лемешев", "cue": "сообщил",
                     "content": "Около 1,2 тыс. жителей эвакуированы", "via": [],
                     "said_on": "2025-03-05"}], "said_on after published"),
])
def test_broken_gold_is_reported(field, change, message):
    problems = _problems(_doc(**{field: change}))
    assert any(message in p for p in problems), problems


def test_a_repeated_string_needs_an_entry_per_occurrence():
    doc = _doc(quantities=[{"text": "300 жителей", "value": 300, "approximator": None,
                            "unit": "житель"}])
    doc["text"] += " Ещё 300 жителей ждут автобусов."
    assert any("occurs again" in p for p in _problems(doc))


def test_negated_terms_read_the_band_they_leave():
    bands = check_gold.phia_bands()
    assert (0.0, 0.55, True) in bands  # not likely
    assert (0.35, 1.0, True) in bands  # not unlikely
    assert (0.55, 0.75, True) not in bands


def test_numbers_are_read_with_the_language_decimal_mark():
    assert check_gold.numbers_in("около 3,7 тыс. человек", "ru") == [3700]
    assert check_gold.numbers_in("between 1 million and 1.5 million tonnes", "en") == [1e6, 1.5e6]
    assert check_gold.numbers_in("від 38 до 40 тис. місць", "uk") == [38000, 40000]
    assert check_gold.numbers_in("about 4,000 troops", "en") == [4000]


@pytest.mark.parametrize("path", check_gold.DEFAULT_FILES, ids=lambda p: Path(p).name)
def test_shipped_language_sets_pass_the_check(path):
    problems, counts = check_gold.check_language_file(path, set())
    assert problems == []
    least = 12 if path.name == "dev.jsonl" else 6
    assert all(counts[lang] >= least for lang in ("ru", "uk", "bg")), counts
    assert counts["en"] >= 1 and len(set(counts) - {"ru", "uk", "bg", "en"}) >= 2


def test_ids_are_unique_across_the_language_sets():
    ids = [json.loads(line)["id"] for path in check_gold.DEFAULT_FILES
           for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ["ml_dev", "ml_heldout"])
def test_shipped_story_sets_pass_the_check(name):
    problems, counts = check_gold.check_story_set(name)
    assert problems == []
    assert all(counts[lang] >= 4 for lang in ("en", "ru", "uk", "bg")), counts
    gold = json.loads((check_gold.STORIES / f"set_{name}.gold.json").read_text(encoding="utf-8"))
    assert len({d["kind"] for d in gold["drift"]}) >= 6
    assert Counter(len(s["documents"]) > 1 for s in gold["stories"])[True] >= 3


def test_drift_kinds_are_the_linker_s():
    assert check_gold.DRIFT_KINDS == KINDS


def test_dates_must_be_real_calendar_days():
    assert check_gold.is_date("2025-02-28") and check_gold.is_date("2025-06")
    assert not check_gold.is_date("2025-02-30") and not check_gold.is_date("4 March")


def test_the_second_ukrainian_dev_set_passes_the_check_with_ids_of_its_own():
    path = check_gold.HERE / "dev_uk2.jsonl"
    problems, counts = check_gold.check_language_file(path, set())
    assert problems == [] and counts == {"uk": 8}
    ids = {json.loads(line)["id"] for p in check_gold.DEFAULT_FILES
           for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    own = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert not ids & set(own)
