"""Quantities in Russian, Ukrainian and Bulgarian: multipliers, decimal commas,
approximators, ranges, vague amounts; dates and years are no quantities."""

from __future__ import annotations

from .slavic_helpers import run


def quantities(text: str, language: str) -> list[tuple]:
    return [(q.value, q.low, q.high, q.approx) for q in run(text, language).quantities]


def test_multipliers_and_decimal_commas():
    assert quantities("Эвакуировали 3,7 тыс. человек.", "ru") == [(3700, None, None, "exact")]
    assert quantities("Евакуювали 3,7 тис. людей.", "uk") == [(3700, None, None, "exact")]
    assert quantities("Бюджетът е 1,2 млн лева.", "bg") == [(1200000, None, None, "exact")]
    assert quantities("Ущерб составил 2 млрд рублей.", "ru") == [(2000000000, None, None, "exact")]
    assert quantities("Призвали 30 000 резервистов.", "ru") == [(30000, None, None, "exact")]


def test_approximators_map_to_the_english_names():
    assert quantities("Около 4000 резервистов и более 300 машин.", "ru") == [
        (4000, None, None, "about"), (300, None, None, "more_than")]
    assert quantities("Понад 1200 військових і близько 50 танків.", "uk") == [
        (1200, None, None, "more_than"), (50, None, None, "about")]
    assert quantities("Близо 2 хил. войници и над 300 души.", "bg") == [
        (2000, None, None, "about"), (300, None, None, "more_than")]
    assert quantities("Не менее 20 погибших, до 100 раненых.", "ru") == [
        (20, None, None, "at_least"), (100, None, None, "up_to")]
    assert quantities("Щонайменше 20 загиблих.", "uk") == [(20, None, None, "at_least")]


def test_ranges_and_vague_amounts():
    assert quantities("От 300 до 400 человек.", "ru") == [(None, 300, 400, "range")]
    assert quantities("Від 300 до 400 тис. людей.", "uk") == [(None, 300000, 400000, "range")]
    assert quantities("Тысячи жителей остались без света.", "ru") == [
        (None, 1000, 10000, "vague")]
    assert quantities("Десетки хиляди души протестираха.", "bg") == [
        (None, 10000, 100000, "vague")]


def test_dates_and_years_are_not_quantities():
    assert quantities("Учения начнутся 3 марта.", "ru") == []
    assert quantities("Це сталося 3 березня 2024 року.", "uk") == []
    assert quantities("В 2024 году было тихо.", "ru") == []
    assert quantities("Срещата е на 5 април.", "bg") == []


def test_unit_is_the_counted_word_or_a_currency():
    result = run("Около 4000 резервистов получили 12% надбавки и $5 млн.", "ru")
    assert [q.unit for q in result.quantities] == ["резервистов", "%", "USD"]
