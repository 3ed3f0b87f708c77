"""Lemmas of Russian, Ukrainian and Bulgarian words, shared by extraction and search."""

from __future__ import annotations

from claimgraph.extract.lemmas import lemma, lemma_text


def test_inflected_forms_share_a_lemma():
    assert {lemma(w, "ru") for w in ("заявил", "заявила", "заявили", "заявив")} == {"заявить"}
    assert {lemma(w, "uk") for w in ("повідомив", "повідомила", "повідомили")} == {"повідомити"}
    assert lemma("губернатора", "ru") == lemma("Губернатор", "ru") == "губернатор"
    assert lemma("хиляди", "bg") == "хиляда"


def test_lemma_text_for_search():
    assert lemma_text("Губернатор заявил о резервистах", "ru") == "губернатор заявить о резервист"
    assert lemma_text("The governor said", "en") is None
