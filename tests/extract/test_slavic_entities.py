"""Named entities in Russian, Ukrainian and Bulgarian, by rules over capitalised words."""

from __future__ import annotations

from .slavic_helpers import run


def entities(text: str, language: str) -> list[tuple[str, str]]:
    return [(e.name, e.type) for e in run(text, language).entities]


def test_people_bodies_and_places():
    found = entities("Официальный представитель МИД Мария Захарова прибыла в Вену.", "ru")
    assert ("МИД", "ORG") in found and ("Мария Захарова", "PERSON") in found
    assert ("Вену", "GPE") in found


def test_a_place_before_a_person_is_split_off():
    found = entities("Міністр транспорту Ліморії Остап Гнатюк відкрив міст.", "uk")
    assert ("Остап Гнатюк", "PERSON") in found and ("Ліморії", "GPE") in found


def test_a_place_that_looks_like_a_first_name_is_split_off_by_its_case():
    # 'Острелії' reads as a woman's name in the genitive; 'Стоян' is in the nominative
    found = entities("Кордон не закриють, заявив прем'єр-міністр Острелії Стоян Миладінов.", "uk")
    assert ("Стоян Миладінов", "PERSON") in found
    assert entities("За словами Андрія Івановича Гнатюка, загрози немає.", "uk") == [
        ("Андрій Іванович Гнатюк", "PERSON")]


def test_names_in_the_nominative_and_surnames_merged():
    result = run("По словам Ивана Петрова, мост закрыт. Петров добавил, что это временно.", "ru")
    people = [e for e in result.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Иван Петров"] and len(people[0].mentions) == 2


def test_organisations_with_their_lowercase_words_and_acronyms():
    found = entities("Министерството на отбраната на Кестрия съобщи, че МВР е в готовност.", "bg")
    assert ("Министерството на отбраната на Кестрия", "ORG") in found
    merged = run("Міністерство закордонних справ Ліморії заявило, що МЗС не змінює позицію.",
                 "uk").entities
    assert [(e.name, e.aliases) for e in merged if e.type == "ORG"] == [
        ("Міністерство закордонних справ Ліморії", ["МЗС"])]
    assert ("Химпоставка", "ORG") in entities("Компания «Химпоставка» это отрицает.", "ru")
