"""Estimative language in Russian, Ukrainian and Bulgarian on the PHIA yardstick."""

from __future__ import annotations

from .slavic_helpers import run


def estimates(text: str, language: str) -> list[tuple]:
    return [(e.text, e.scale, e.low, e.high, e.negated) for e in run(text, language).estimates]


def test_phrases_take_their_terms_band():
    assert estimates("Весьма вероятно, что наступление продолжится.", "ru") == [
        ("Весьма вероятно", "PHIA", 0.80, 0.90, False)]
    assert estimates("Малоймовірно, що міст відремонтують.", "uk") == [
        ("Малоймовірно", "PHIA", 0.25, 0.35, False)]
    assert estimates("Почти сигурно е, че мостът ще бъде затворен.", "bg") == [
        ("Почти сигурно", "PHIA", 0.95, 1.0, False)]
    assert estimates("Дуже ймовірно, що атака триватиме.", "uk")[0][2:4] == (0.80, 0.90)
    assert estimates("Най-вероятно ще вали.", "bg")[0][2:4] == (0.55, 0.75)


def test_longest_phrase_wins():
    assert estimates("Это крайне маловероятно.", "ru") == [
        ("крайне маловероятно", "PHIA", 0.10, 0.20, False)]
    assert estimates("Това е малко вероятно.", "bg") == [
        ("малко вероятно", "PHIA", 0.25, 0.35, False)]


def test_negation_takes_the_rest_of_the_scale():
    assert estimates("Это не вероятно.", "ru") == [("не вероятно", "PHIA", 0.0, 0.55, True)]
    assert estimates("Це не малоймовірно.", "uk") == [("не малоймовірно", "PHIA", 0.35, 1.0, True)]


def test_an_estimate_in_the_publishers_voice_is_an_assessment():
    result = run("Весьма вероятно, что учения продлятся.", "ru")
    assert [(s.kind, s.speaker.name) for s in result.statements] == [("assessment", "Вестник")]
    assert result.statements[0].estimates[0].low == 0.80
