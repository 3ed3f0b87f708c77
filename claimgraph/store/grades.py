"""Analysts' source grades: an Admiralty reliability letter (A-F) per publisher or speaker.

Rows are only added, so a source's grades form its history; the latest is in force.
A name is one source however it is spaced or capitalised (:func:`name_key`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from ..model import RELIABILITY_GRADES, SourceGrade
from .errors import BadQuery
from .migrations import now
from .schema import source_grades


def name_key(name: str) -> str:
    """The name folded to lower case with single spaces: what makes two names one source."""
    return " ".join(name.split()).casefold()


def check_grade(grade: str) -> str:
    """``grade`` as an upper-case letter A-F, or BadQuery."""
    letter = grade.strip().upper()
    if letter not in RELIABILITY_GRADES:
        raise BadQuery(f"a source grade is a letter A-F (Admiralty reliability), not {grade!r}")
    return letter


def add_grade(conn: Connection, name: str, grade: str, note: str | None,
              author: str | None) -> SourceGrade:
    """Grade ``name``; the new grade is in force from now on. BadQuery for a bad grade or name."""
    shown = " ".join(name.split())
    if not shown:
        raise BadQuery("a source grade needs the source's name")
    row = SourceGrade(name=shown, grade=check_grade(grade), note=note or None, author=author,
                      created=now())
    conn.execute(source_grades.insert().values(
        key=name_key(shown), name=row.name, grade=row.grade, note=row.note, author=row.author,
        created_at=row.created))
    return row


def current_grades(conn: Connection) -> list[SourceGrade]:
    """The grade in force for every graded source, by name."""
    latest = select(func.max(source_grades.c.pk)).group_by(source_grades.c.key)
    rows = conn.execute(select(source_grades).where(source_grades.c.pk.in_(latest))
                        .order_by(source_grades.c.key)).mappings()
    return [_grade(r) for r in rows]


def history(conn: Connection, name: str) -> list[SourceGrade]:
    """Every grade ``name`` was given, newest first."""
    rows = conn.execute(select(source_grades).where(source_grades.c.key == name_key(name))
                        .order_by(source_grades.c.pk.desc())).mappings()
    return [_grade(r) for r in rows]


def version(conn: Connection) -> str:
    """Changes whenever a grade is given."""
    count, last = conn.execute(select(func.count(), func.max(source_grades.c.pk))).one()
    return f"{count}.{last or 0}"


def _grade(r: Any) -> SourceGrade:
    return SourceGrade(name=r["name"], grade=r["grade"], note=r["note"], author=r["author"],
                       created=r["created_at"])
