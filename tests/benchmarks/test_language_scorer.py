"""The language scorer runs end to end on a small file and its matching maths hold."""

from __future__ import annotations

import json

from benchmarks.score_languages import main, quantity_key, read, score, summary

DOCS = [
    {"id": "ru-t1", "language": "ru", "publisher": "Вестник", "published": "2025-03-12",
     "title": "Мост закрыт",
     "text": "Мост закрыт\n\nМэр Олег Сидоров заявил во вторник, что около 300 машин ждут "
             "переправы. Весьма вероятно, что мост откроют 14 марта.",
     "gold": {"statements": [{"speaker": "Олег Сидоров", "cue": "заявил",
                              "content": "около 300 машин ждут переправы", "via": [],
                              "said_on": "2025-03-11"}],
              "quantities": [{"text": "около 300 машин", "value": 300,
                              "approximator": "about", "unit": "машина"}],
              "dates": [{"text": "вторник", "value": "2025-03-11"},
                        {"text": "14 марта", "value": "2025-03-14"}],
              "estimates": [{"text": "Весьма вероятно", "low": 0.8, "high": 0.9,
                             "negated": False}]}},
    {"id": "de-t1", "language": "de", "publisher": "Blatt", "published": "2025-03-12",
     "title": "Brücke", "text": "Der Bürgermeister sagte, die Brücke bleibe bis Freitag "
                                "geschlossen, weil das Wasser weiter steigt.",
     "gold": {"statements": [{"speaker": "Bürgermeister", "cue": "sagte",
                              "content": "die Brücke bleibe bis Freitag geschlossen",
                              "via": [], "said_on": None}],
              "quantities": [], "dates": [], "estimates": []}},
]


def test_scores_a_small_file(tmp_path, capsys):
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS), encoding="utf-8")
    tallies = score(read(path))
    ru = summary(tallies["ru"])
    assert ru["detection"] == 1.0 and ru["recall"] == 1.0 and ru["speaker"] == 1.0
    assert ru["quantity_f1"] == 1.0 and ru["date_accuracy"] == 1.0 and ru["estimate_f1"] == 1.0
    de = summary(tallies["de"])
    assert de["recall"] == 0.0  # kept without statements: no rules read German
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tiny.jsonl: 2 documents") and "\n      ru " in out


def test_quantity_keys():
    assert quantity_key(3700, None) == quantity_key(3700.0, "exact")
    assert quantity_key(None, "range", 300, 400) == ("range", 300.0, 400.0)
    assert quantity_key(4000, "about") != quantity_key(4000, "more_than")
