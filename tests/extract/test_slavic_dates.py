"""Dates in Russian, Ukrainian and Bulgarian, normalised against the publication date."""

from __future__ import annotations

from .slavic_helpers import run


def dates(text: str, language: str, published: str = "2025-03-12") -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in run(text, language, published=published).dates]


def test_day_and_month_take_the_year_nearest_publication():
    assert dates("Встреча прошла 3 марта.", "ru") == [("3 марта", "2025-03-03")]
    assert dates("Зустріч відбулася 28 грудня.", "uk", "2025-01-04") == [
        ("28 грудня", "2024-12-28")]
    assert dates("Срещата е на 5 април 2024 г.", "bg") == [("5 април 2024 г.", "2024-04-05")]
    assert dates("Документ от 15.03.2024.", "ru") == [("15.03.2024", "2024-03-15")]


def test_weekdays_months_and_years():
    # 2025-03-12 is a Wednesday
    assert dates("Он выступил в понедельник.", "ru") == [("понедельник", "2025-03-10")]
    assert dates("Він виступив у вівторок.", "uk") == [("вівторок", "2025-03-11")]
    assert dates("В прошлую среду было тихо.", "ru") == [("прошлую среду", "2025-03-05")]
    assert dates("В марте 2024 года было тихо.", "ru") == [("марте 2024 года", "2024-03")]
    assert dates("Това стана през 2023 г.", "bg") == [("2023 г.", "2023")]


def test_relative_words_through_dateparser():
    assert dates("Вчера было тихо.", "ru") == [("Вчера", "2025-03-11")]
    assert dates("Сьогодні тихо.", "uk") == [("Сьогодні", "2025-03-12")]
    assert dates("Вчера беше тихо.", "bg") == [("Вчера", "2025-03-11")]


def test_no_publication_date_only_dates_with_their_year():
    assert dates("3 марта и 5 марта 2024 года.", "ru", published=None) == [
        ("5 марта 2024 года", "2024-03-05")]


def test_wednesday_is_not_the_environment():
    assert dates("Среда обитания меняется.", "ru") == []
