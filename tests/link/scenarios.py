"""Hand-built stories shared by the linking tests: the defence-update case and its re-reports."""

from __future__ import annotations

from typing import Any

from .builders import estimate, quantity, record, statement

MOD = "Aldorian Ministry of Defence"

UPDATE = (
    "On 3 March 2024, the governor of Vostrel, Mirek Danov, claimed that about 4,000 reservists "
    "had been called up across the Vostrel region. Danov also boasted that 1,500 of the "
    "reservists were already guarding the coast. It is highly likely that the call-up is a way "
    "of filling understrength units without a public mobilisation."
)
FAITHFUL = (
    "Aldoria's Ministry of Defence said the governor of Vostrel, Mirek Danov, had claimed that "
    "about 4,000 reservists had been called up across the Vostrel region. Danov also boasted "
    "that 1,500 of the reservists were already guarding the coast, the ministry said. The "
    "ministry said it was highly likely that the call-up was a way of filling understrength "
    "units without a public mobilisation."
)
AS_FACT = (
    "The call-up in Vostrel is a way of filling understrength units without a public "
    "mobilisation, Aldoria's Ministry of Defence said. Governor Mirek Danov claimed that about "
    "4,000 reservists had been called up across the Vostrel region, the ministry said."
)
OVER = (
    "Vostrel governor Mirek Danov claimed that over 4,000 reservists had been called up across "
    "the Vostrel region, according to Aldoria's Ministry of Defence."
)
BATTLE = (
    "Governor Mirek Danov said that 1,500 of the reservists had already been sent into battle, "
    "according to Aldoria's Ministry of Defence. Danov had claimed that about 4,000 reservists "
    "had been called up across the Vostrel region."
)
BERTHING = (
    "The governor of Vostrel, Mirek Danov, said on Monday that the port would cut berthing "
    "fees for container ships by 20 per cent to win back traffic from rival harbours."
)


def _update() -> dict[str, Any]:
    t = UPDATE
    return record(
        "u1",
        t,
        MOD,
        "2024-03-05",
        title="Defence Intelligence Update",
        statements=[
            statement(
                t,
                "s1",
                "that about 4,000 reservists had been called up across the Vostrel region",
                speaker="Mirek Danov",
                cue="claimed",
                said_on="2024-03-03",
                quantities=[quantity(t, "about 4,000 reservists", 4000, "reservists", "about")],
            ),
            statement(
                t,
                "s2",
                "that 1,500 of the reservists were already guarding the coast",
                speaker="Danov",
                cue="boasted",
                quantities=[quantity(t, "1,500 of the reservists", 1500, "reservists")],
            ),
            statement(
                t,
                "s3",
                "It is highly likely that the call-up is a way of filling understrength "
                "units without a public mobilisation",
                speaker=MOD,
                kind="assessment",
                estimates=[estimate(t, "highly likely", 0.8, 0.9)],
            ),
        ],
    )


def _faithful() -> dict[str, Any]:
    t = FAITHFUL
    return record(
        "r1",
        t,
        "Harbour Herald",
        "2024-03-05",
        title="Kestria calls up reservists",
        statements=[
            statement(
                t,
                "s1",
                "that about 4,000 reservists had been called up across the Vostrel region",
                speaker="Mirek Danov",
                cue="had claimed",
                lemma="claim",
                via=["Ministry of Defence"],
                quantities=[quantity(t, "about 4,000 reservists", 4000, "reservists", "about")],
            ),
            statement(
                t,
                "s2",
                "that 1,500 of the reservists were already guarding the coast",
                speaker="Danov",
                cue="boasted",
                via=["Ministry of Defence"],
                quantities=[quantity(t, "1,500 of the reservists", 1500, "reservists")],
            ),
            statement(
                t,
                "s3",
                "it was highly likely that the call-up was a way of filling understrength "
                "units without a public mobilisation",
                speaker="The ministry",
                cue="said",
                estimates=[estimate(t, "highly likely", 0.8, 0.9)],
            ),
        ],
    )


def _as_fact() -> dict[str, Any]:
    t = AS_FACT
    return record(
        "r2",
        t,
        "The Daily Courier",
        "2024-03-06",
        title="Kestria fills units by stealth",
        statements=[
            statement(
                t,
                "s1",
                "The call-up in Vostrel is a way of filling understrength units without a "
                "public mobilisation",
                speaker="Aldoria's Ministry of Defence",
                cue="said",
            ),
            statement(
                t,
                "s2",
                "that about 4,000 reservists had been called up across the Vostrel region",
                speaker="Mirek Danov",
                cue="claimed",
                via=["Ministry of Defence"],
                quantities=[quantity(t, "about 4,000 reservists", 4000, "reservists", "about")],
            ),
        ],
    )


def _over() -> dict[str, Any]:
    t = OVER
    return record(
        "r3",
        t,
        "Northern Ledger",
        "2024-03-06",
        title="Over 4,000 reservists called up",
        statements=[
            statement(
                t,
                "s1",
                "that over 4,000 reservists had been called up across the Vostrel region",
                speaker="Mirek Danov",
                cue="claimed",
                via=["Aldoria's Ministry of Defence"],
                quantities=[quantity(t, "over 4,000 reservists", 4000, "reservists", "more_than")],
            ),
        ],
    )


def _battle() -> dict[str, Any]:
    t = BATTLE
    return record(
        "r4",
        t,
        "Meridian Post",
        "2024-03-07",
        title="1,500 sent into battle",
        statements=[
            statement(
                t,
                "s1",
                "that 1,500 of the reservists had already been sent into battle",
                speaker="Mirek Danov",
                cue="said",
                quantities=[quantity(t, "1,500 of the reservists", 1500, "reservists")],
            ),
            statement(
                t,
                "s2",
                "that about 4,000 reservists had been called up across the Vostrel region",
                speaker="Danov",
                cue="had claimed",
                lemma="claim",
                quantities=[quantity(t, "about 4,000 reservists", 4000, "reservists", "about")],
            ),
        ],
    )


def _berthing() -> dict[str, Any]:
    t = BERTHING
    return record(
        "x1",
        t,
        "Harbour Herald",
        "2024-03-11",
        title="Vostrel cuts berthing fees",
        statements=[
            statement(
                t,
                "s1",
                "that the port would cut berthing fees for container ships by 20 per cent "
                "to win back traffic from rival harbours",
                speaker="Mirek Danov",
                cue="said",
                said_on="2024-03-11",
            ),
        ],
    )


def vostrel_story() -> list[dict[str, Any]]:
    """The update and four re-reports: faithful, hedge dropped, "over 4,000", "sent into battle"."""
    return [_update(), _faithful(), _as_fact(), _over(), _battle()]


def berthing() -> dict[str, Any]:
    """The same governor a week later on another subject."""
    return _berthing()
