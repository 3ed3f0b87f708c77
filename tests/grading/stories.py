"""Hand-built stories for grading and corrections: sources that agree, a competing figure,
and a source with a long record across stories."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.link.builders import quantity, record, statement


def _said(doc_id: str, text: str, publisher: str, published: str, speaker: str,
          content: str, figure: str, value: float, unit: str, cue: str = "said",
          title: str = "", sid: str = "s1") -> dict[str, Any]:
    return record(doc_id, text, publisher, published, title=title, statements=[statement(
        text, sid, content, speaker, cue, quantities=[quantity(text, figure, value, unit)])])


SITES = ("chemical plant", "paper mill", "grain terminal", "plastics works", "fuel depot",
         "glass works", "timber yard")


def fire_story(prefix: str = "f", injured_by_union: float = 60,
               site: str = "chemical plant", published: str = "2024-06-20"
               ) -> list[dict[str, Any]]:
    """A fire at a Fennick ``site``: the fire service and the hospital both count 40
    injured workers (two independent sources that agree), the union says more than
    ``injured_by_union``; a fourth outlet copies the fire service. The first two documents
    are published on ``published``, the others a day later."""
    later = (date.fromisoformat(published) + timedelta(days=1)).isoformat()
    blaze = (f" The blaze broke out on Sunday night in the stores of the Fennick {site} on "
             "the Orlen estuary, and firefighters from Fennick and Dunmere fought it until "
             "dawn.")
    injured = f"Forty workers were injured in the fire at the Fennick {site}"
    treated = f"40 workers injured in the Fennick {site} fire were being treated"
    claimed = (f"more than {int(injured_by_union)} workers were injured in the Fennick {site} "
               "fire")
    fire = f"{injured}, the Fennick Fire Service said on Monday.{blaze}"
    hospital = f"Dr Anton Reyes of Fennick General Hospital said {treated}.{blaze}"
    union = f"The Fennick Chemical Workers' Union said {claimed}.{blaze}"
    copy = f"{injured}, the Fennick Fire Service said, the Courier reported.{blaze}"
    return [
        _said(f"{prefix}1", fire, "Fennick Courier", published, "Fennick Fire Service",
              injured, "Forty workers", 40, "workers", title=f"Forty hurt in Fennick {site} fire"),
        _said(f"{prefix}2", hospital, "Lakeside Journal", published, "Anton Reyes", treated,
              "40 workers", 40, "workers"),
        _said(f"{prefix}3", union, "People's Voice", later, "Fennick Chemical Workers' Union",
              claimed, f"more than {int(injured_by_union)} workers", injured_by_union,
              "workers"),
        _said(f"{prefix}4", copy, "Evening Dispatch", later, "Fennick Fire Service", injured,
              "Forty workers", 40, "workers"),
    ]
