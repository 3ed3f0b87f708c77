"""Linking across languages: a Bulgarian, Russian or Ukrainian re-report of an English update
joins its story and its claim, drift is found across the language boundary, and unrelated
documents in one script stay apart. All people, places and outlets are invented; the records
are built by hand, so these tests do not rest on extraction.
"""

from __future__ import annotations

from claimgraph.link import StoryIndex, concepts
from claimgraph.link import text as tx
from claimgraph.link.fingerprint import fingerprint
from claimgraph.link.speakers import names_match
from claimgraph.link.stories import DEFAULT, similarity
from claimgraph.link.story import build_story

from .builders import estimate, quantity, record, statement

EN = (
    "Governor Mirek Danov said on Tuesday that about 4,000 reservists had been called up in "
    "the Vostrel region. It is highly likely that the call-up will fill under-strength units "
    "on the coast, the Kestrian Ministry of Defence said."
)
EN_STATEMENTS = [
    statement(EN, "s1", "about 4,000 reservists had been called up in the Vostrel region",
              "Mirek Danov", "said",
              quantities=[quantity(EN, "about 4,000 reservists", 4000, "reservists", "about")]),
    statement(EN, "s2", "It is highly likely that the call-up will fill under-strength units "
              "on the coast", "Kestrian Ministry of Defence", "said",
              estimates=[estimate(EN, "highly likely", 0.8, 0.9)]),
]
BG = (
    "Губернаторът Мирек Данов заяви във вторник, че около 4000 резервисти са били мобилизирани "
    "в областта Вострел. Мобилизацията ще попълни подразделенията по крайбрежието, съобщи "
    "Министерството на отбраната на Кестрия."
)
BG_STATEMENTS = [
    statement(BG, "s1", "около 4000 резервисти са били мобилизирани в областта Вострел",
              "Мирек Данов", "заяви", lemma="заявя",
              quantities=[quantity(BG, "около 4000 резервисти", 4000, "резервисти", "about")]),
    statement(BG, "s2", "Мобилизацията ще попълни подразделенията по крайбрежието",
              "Министерството на отбраната на Кестрия", "съобщи", lemma="съобщя"),
]
RU = (
    "Губернатор Мирек Данов во вторник заявил, что в Вострельской области призваны более "
    "5 тыс. резервистов."
)
RU_STATEMENTS = [
    statement(RU, "s1", "в Вострельской области призваны более 5 тыс. резервистов",
              "Мирек Данов", "заявил", lemma="заявить",
              quantities=[quantity(RU, "более 5 тыс. резервистов", 5000, "резервистов",
                                   "more_than")]),
]


def english() -> dict:
    return record("en1", EN, "Vostrel Courier", "2024-03-05", statements=EN_STATEMENTS)


def bulgarian() -> dict:
    return record("bg1", BG, "Дневен преглед", "2024-03-06", statements=BG_STATEMENTS,
                  language="bg")


def russian() -> dict:
    return record("ru1", RU, "Северный курьер", "2024-03-06", statements=RU_STATEMENTS,
                  language="ru")


def claim_of(story: dict, doc: str, sid: str) -> str:
    return next(c["id"] for c in story["claims"]
                if {"document": doc, "statement": sid} in c["statements"])


def test_transliterated_names_meet():
    assert names_match(tx.name_tokens("Мирек Данов"), tx.name_tokens("Mirek Danov"))
    # Russian, Ukrainian and English spellings of one surname, and an inflected form
    assert names_match(tx.name_tokens("Степан Журавльов"), tx.name_tokens("Stepan Zhuravlyov"))
    assert names_match(tx.name_tokens("Степан Журавлёв"), tx.name_tokens("Stepan Zhuravlyov"))
    assert tx.stem("Журавлёва") == tx.stem("Журавлёв") == tx.stem("Журавльов")
    # an organisation is translated, not transliterated: its words meet as concepts
    assert names_match(tx.name_tokens("Министерства обороны Кестрии"),
                       tx.name_tokens("Kestrian Ministry of Defence"))
    assert not names_match(tx.name_tokens("Мирко Тонев"), tx.name_tokens("Mirek Danov"))
    assert not names_match(tx.name_tokens("Mirek Danov"), tx.name_tokens("Marta Danova Kolp"))


def test_name_keys_and_concepts():
    assert concepts.name_key("Zhuravlyov") == concepts.name_key("Журавлёв")
    assert concepts.name_key("Кестрии") == concepts.name_key("Kestria")
    assert concepts.name_key("Ормунд") != concepts.name_key("Рмунд")
    assert tx.terms("около 4000 резервисти", "bg")["reservists"] == 1
    assert concepts.neutral(tx.stem("reservists")) == "reservists"
    assert tx.unit_words("военнослужащих", "ru") == ["troops"]


def test_bulgarian_re_report_joins_the_english_story_and_claim():
    index = StoryIndex()
    first = index.add(english())
    assert index.add(bulgarian()) == first
    a, b = index.fingerprints["en1"], index.fingerprints["bg1"]
    assert set(a.band_keys) & set(b.band_keys)  # found as a candidate, not by luck
    assert similarity(a, b) >= DEFAULT.threshold

    story = build_story(first, [english(), bulgarian()])
    assert claim_of(story, "bg1", "s1") == claim_of(story, "en1", "s1")
    assert story["root"]["document"] == "en1"
    # "highly likely" is gone from the Bulgarian report of the ministry's judgement
    found = {(f["after"]["document"], f["kind"]) for f in story["drift"]}
    assert ("bg1", "hedge_dropped") in found
    assert not {k for d, k in found if k in ("quantity_changed", "approximator_changed")}


def test_number_and_approximator_changed_across_languages():
    story = build_story("S", [english(), russian()])
    assert claim_of(story, "ru1", "s1") == claim_of(story, "en1", "s1")
    changed = [f for f in story["drift"] if f["kind"] == "quantity_changed"]
    assert [(f["before"]["text"], f["after"]["text"]) for f in changed] == [
        ("about 4,000 reservists", "более 5 тыс. резервистов")]
    # the figure changed, so its approximator is not reported as a change of its own
    assert not [f for f in story["drift"] if f["kind"] == "approximator_changed"]

    ru_over = RU.replace("5 тыс.", "4 тыс.")
    over = record("ru2", ru_over, "Северный курьер", "2024-03-06", language="ru", statements=[
        statement(ru_over, "s1", "в Вострельской области призваны более 4 тыс. резервистов",
                  "Мирек Данов", "заявил", lemma="заявить",
                  quantities=[quantity(ru_over, "более 4 тыс. резервистов", 4000,
                                       "резервистов", "more_than")])])
    story = build_story("S", [english(), over])
    found = {(f["after"]["document"], f["kind"]) for f in story["drift"]}
    assert found == {("ru2", "approximator_changed")}


def test_unrelated_cyrillic_documents_of_one_week_stay_apart():
    flood = (
        "Губернатор Верхнемелетской области Степан Журавлёв заявил в четверг, что из-за "
        "паводка из прибрежных сёл эвакуированы около 1,2 тыс. жителей. Уровень воды в реке "
        "Мелеть, вероятно, начнёт снижаться к выходным."
    )
    drill = (
        "Міністерство оборони Вессарії у четвер розпочало раптову перевірку боєготовності "
        "військ. Близько 3 тис. військових перекидають на полігон біля річки Тиха, повідомив "
        "речник міністерства Андрій Кльонов."
    )
    a = record("ru9", flood, "Приречье-Инфо", "2024-05-09", language="ru", statements=[
        statement(flood, "s1", "из-за паводка из прибрежных сёл эвакуированы около 1,2 тыс. "
                  "жителей", "Степан Журавлёв", "заявил", lemma="заявить",
                  quantities=[quantity(flood, "около 1,2 тыс. жителей", 1200, "жителей",
                                       "about")])])
    b = record("uk9", drill, "Степові новини", "2024-05-10", language="uk", statements=[
        statement(drill, "s1", "Близько 3 тис. військових перекидають на полігон біля річки "
                  "Тиха", "Андрій Кльонов", "повідомив", lemma="повідомити",
                  quantities=[quantity(drill, "Близько 3 тис. військових", 3000, "військових",
                                       "about")])])
    index = StoryIndex()
    assert index.add(a) != index.add(b)
    assert similarity(fingerprint(a), fingerprint(b)) < DEFAULT.threshold


def test_english_documents_compare_as_before():
    """Neutral keys are for two languages only: an English pair keeps English stems."""
    fp = fingerprint(english())
    assert fp.language == "en"
    assert "reservist" in fp.terms  # a stem, not the concept
    assert any(k.startswith("nk:") for k in fp.band_keys)


def test_concept_table_is_well_formed():
    table = tx.lexicon("concepts")
    drift_classes = tx.lexicon("drift")["actions"]["classes"]
    for name, words in table["concepts"].items():
        assert words.get("en"), name
        assert all(words.get(lang) for lang in ("ru", "uk", "bg")), name
    assert set(table["actions"]) <= set(drift_classes)
    for language in ("ru", "uk", "bg"):
        # one lemma stands for one concept, so that no word means two things
        index = concepts._lemma_index(language)
        assert all(len(found) == 1 for found in index.values()), language
