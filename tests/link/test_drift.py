"""Drift findings: one hand-built pair of reports per kind, and silence for faithful copies."""

from __future__ import annotations

from claimgraph.link.story import build_story

from .builders import estimate, quantity, record, statement
from .scenarios import vostrel_story


def kinds_by_document(records):
    story = build_story("S", records)
    return {(f["after"]["document"], f["kind"]) for f in story["drift"]}, story


def pair(source_text, source_statement, report_text, report_statement, publisher="Daily Courier"):
    return [
        record("src", source_text, "Regional Herald", "2024-05-01", statements=[source_statement]),
        record("rep", report_text, publisher, "2024-05-02", statements=[report_statement]),
    ]


def test_the_brief_case():
    found, story = kinds_by_document(vostrel_story())
    assert found == {
        ("r2", "hedge_dropped"),  # "highly likely" judgement stated as fact
        ("r3", "approximator_changed"),  # about 4,000 -> over 4,000
        ("r4", "action_changed"),  # guarding the coast -> sent into battle
        ("r4", "cue_hardened"),  # boasted -> said
    }
    finding = next(f for f in story["drift"] if f["kind"] == "approximator_changed")
    before, after = finding["before"], finding["after"]
    text = vostrel_story()[0]["document"]["text"]
    assert (before["document"], before["statement"]) == ("u1", "s1")
    assert text[before["span"][0] : before["span"][1]] == before["text"] == "about 4,000 reservists"
    assert after["text"] == "over 4,000 reservists"


def test_faithful_report_has_no_drift():
    found, _ = kinds_by_document(vostrel_story()[:2])
    assert found == set()


def test_hedge_added_and_changed():
    src = "Police said the bridge would reopen on Friday."
    rep_added = "Police said the bridge might reopen on Friday."
    found, _ = kinds_by_document(
        pair(
            src,
            statement(src, "s1", "the bridge would reopen on Friday", "Police", "said"),
            rep_added,
            statement(rep_added, "s1", "the bridge might reopen on Friday", "Police", "said",
                      estimates=[estimate(rep_added, "might", None, None)]),
        )
    )
    assert found == {("rep", "hedge_added")}

    src = "The agency said it was likely that Grey Lantern carried out the attack."
    rep = "The agency said it was almost certain that Grey Lantern carried out the attack."
    found, _ = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "it was likely that Grey Lantern carried out the attack",
                "The agency",
                "said",
                estimates=[estimate(src, "likely", 0.55, 0.75)],
            ),
            rep,
            statement(
                rep,
                "s1",
                "it was almost certain that Grey Lantern carried out the attack",
                "The agency",
                "said",
                estimates=[estimate(rep, "almost certain", 0.95, 1.0)],
            ),
        )
    )
    assert found == {("rep", "hedge_changed")}


def test_belief_cue_keeps_the_hedge():
    src = "Intelligence officials said it was likely that the depot was hit by drones."
    rep = "Intelligence officials believe the depot was hit by drones."
    found, _ = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "it was likely that the depot was hit by drones",
                "Intelligence officials",
                "said",
                estimates=[estimate(src, "likely", 0.55, 0.75)],
            ),
            rep,
            statement(
                rep,
                "s1",
                "the depot was hit by drones",
                "Intelligence officials",
                "believe",
                lemma="believe",
            ),
        )
    )
    assert found == set()


def test_quantity_changed_exact_and_vague():
    src = "Ilse Marrow said 12 people died and at least 300 homes were flooded."
    rep = "Ilse Marrow said 15 people died and hundreds of homes were flooded."
    found, story = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "12 people died and at least 300 homes were flooded",
                "Ilse Marrow",
                "said",
                quantities=[
                    quantity(src, "12 people", 12, "people"),
                    quantity(src, "at least 300 homes", 300, "homes", "at_least"),
                ],
            ),
            rep,
            statement(
                rep,
                "s1",
                "15 people died and hundreds of homes were flooded",
                "Ilse Marrow",
                "said",
                quantities=[quantity(rep, "15 people", 15, "people"),
                            quantity(rep, "hundreds of homes", None, "homes", "vague", 100, 1000)],
            ),
        )
    )
    assert found == {("rep", "quantity_changed")}
    changed = {(f["before"]["text"], f["after"]["text"]) for f in story["drift"]}
    assert changed == {("12 people", "15 people"), ("at least 300 homes", "hundreds of homes")}


def test_approximator_of_the_same_point_is_not_drift():
    src = "Police said about 2,000 people marched."
    rep = "Police said 2,000 people marched."
    found, _ = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "about 2,000 people marched",
                "Police",
                "said",
                quantities=[quantity(src, "about 2,000 people", 2000, "people", "about")],
            ),
            rep,
            statement(
                rep,
                "s1",
                "2,000 people marched",
                "Police",
                "said",
                quantities=[quantity(rep, "2,000 people", 2000, "people")],
            ),
        )
    )
    assert found == set()


def test_cue_hardened_only_for_the_same_source():
    src = "Spokesman Jonas Ferrier alleged that Grey Lantern carried out the attack on the railway."
    rep = (
        "Spokesman Jonas Ferrier revealed that Grey Lantern carried out the attack on the railway."
    )
    found, _ = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "that Grey Lantern carried out the attack on the railway",
                "Jonas Ferrier",
                "alleged",
            ),
            rep,
            statement(
                rep,
                "s1",
                "that Grey Lantern carried out the attack on the railway",
                "Jonas Ferrier",
                "revealed",
            ),
        )
    )
    assert found == {("rep", "cue_hardened")}


def test_action_changed_both_ways():
    src = (
        "The coast guard said two patrol boats patrolled close to the fishing fleet "
        "near Sable Island."
    )
    rep = "The coast guard said two patrol boats attacked the fishing fleet near Sable Island."
    found, story = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "two patrol boats patrolled close to the fishing fleet near Sable Island",
                "The coast guard",
                "said",
            ),
            rep,
            statement(
                rep,
                "s1",
                "two patrol boats attacked the fishing fleet near Sable Island",
                "The coast guard",
                "said",
            ),
        )
    )
    assert found == {("rep", "action_changed")}
    assert story["drift"][0]["detail"] == "patrolled -> attacked"
    # de-escalation is a change too
    found, story = kinds_by_document(
        pair(
            rep,
            statement(
                rep,
                "s1",
                "two patrol boats attacked the fishing fleet near Sable Island",
                "The coast guard",
                "said",
            ),
            src,
            statement(
                src,
                "s1",
                "two patrol boats patrolled close to the fishing fleet near Sable Island",
                "The coast guard",
                "said",
            ),
        )
    )
    assert found == {("rep", "action_changed")}
    assert story["drift"][0]["detail"] == "attacked -> patrolled"


def test_attribution_dropped_in_own_voice():
    src = (
        "Opposition leader Marek Solvay claimed that 12,000 ballots had been destroyed "
        "in Ardent Vale."
    )
    rep = "Around the district, 12,000 ballots were destroyed in Ardent Vale during the count."
    records = [
        record(
            "src",
            src,
            "Capital Tribune",
            "2024-06-24",
            statements=[
                statement(
                    src,
                    "s1",
                    "that 12,000 ballots had been destroyed in Ardent Vale",
                    "Marek Solvay",
                    "claimed",
                    quantities=[quantity(src, "12,000 ballots", 12000, "ballots")],
                )
            ],
        ),
        record("rep", rep, "Northgate Today", "2024-06-25"),  # no statement: found from the text
    ]
    found, story = kinds_by_document(records)
    assert found == {("rep", "attribution_dropped")}
    assert story["drift"][0]["after"]["statement"].startswith("u")


def test_attribution_kept_when_the_sentence_names_the_source():
    src = "Police said about 2,000 people marched through Larsholm on Saturday."
    rep = "Police put the size of the march through Larsholm on Saturday at about 2,000 people."
    found, _ = kinds_by_document(
        pair(
            src,
            statement(
                src,
                "s1",
                "about 2,000 people marched through Larsholm on Saturday",
                "Police",
                "said",
                quantities=[quantity(src, "about 2,000 people", 2000, "people", "about")],
            ),
            rep,
            statement(
                rep,
                "s1",
                rep,
                "Daily Courier",
                kind="assertion",
                quantities=[quantity(rep, "about 2,000 people", 2000, "people", "about")],
            ),
        )
    )
    assert found == set()


def test_a_headline_is_compared_with_its_own_body():
    body = "Governor Mirek Danov said 1,500 reservists were already guarding the coast."
    title = "Governor says 1,500 reservists sent into battle"
    faithful = statement(body, "s1", "1,500 reservists were already guarding the coast",
                         "Mirek Danov", "said",
                         quantities=[quantity(body, "1,500 reservists", 1500, "reservists")])
    records = pair(body, faithful, body, dict(faithful))
    records[1]["document"]["title"] = title
    records[1]["headline"] = [statement(
        title, "h1", "1,500 reservists sent into battle", "Mirek Danov", "says",
        quantities=[quantity(title, "1,500 reservists", 1500, "reservists")])]
    found, story = kinds_by_document(records)
    assert found == {("rep", "action_changed")}
    [finding] = story["drift"]
    assert (finding["before"]["statement"], finding["after"]["statement"]) == ("s1", "h1")
    assert finding["after"]["text"] == "battle"


def test_a_headline_that_only_shortens_is_no_drift():
    body = "The fire service said at least 40 people were injured in the blast."
    title = "Blast injures 40"
    src = statement(body, "s1", "at least 40 people were injured in the blast", "fire service",
                    "said", quantities=[quantity(body, "at least 40 people", 40, "people",
                                                 approx="at_least")])
    records = pair(body, src, body, dict(src))
    records[1]["document"]["title"] = title
    records[1]["headline"] = [statement(title, "h1", "Blast injures 40", kind="assertion",
                                        quantities=[quantity(title, "40", 40, None)])]
    assert kinds_by_document(records)[0] == set()


def test_a_hedge_without_a_probability_counts_only_when_the_claim_strength_moves():
    src = "Police said the bridge would reopen on Friday."
    rep = "Police said the bridge might reopen on Friday."
    hedged = statement(rep, "s1", "the bridge might reopen on Friday", "Police", "said",
                       estimates=[estimate(rep, "might", None, None)])
    plain = statement(src, "s1", "the bridge would reopen on Friday", "Police", "said")
    plain["strength"], hedged["strength"] = 1.0, 0.6
    assert kinds_by_document(pair(src, plain, rep, hedged))[0] == {("rep", "hedge_added")}
    hedged["strength"] = 1.0  # the word did not bear on the claim
    assert kinds_by_document(pair(src, plain, rep, hedged))[0] == set()


def test_a_source_giving_a_new_figure_on_a_later_day_is_no_drift():
    src = "At least nine people were killed in the landslide, the directorate said on Saturday."
    upd = "Twelve people were killed in the landslide, the directorate said on Sunday."
    kw = {"speaker": "National Emergency Directorate", "cue": "said"}
    records = [
        record("d1", src, "Wire", "2025-09-20", statements=[statement(
            src, "s1", "At least nine people were killed in the landslide", said_on="2025-09-20",
            quantities=[quantity(src, "At least nine people", 9, "people", "at_least")], **kw)]),
        record("d2", upd, "Wire", "2025-09-21", statements=[statement(
            upd, "s1", "Twelve people were killed in the landslide", said_on="2025-09-21",
            quantities=[quantity(upd, "Twelve people", 12, "people")], **kw)]),
    ]
    found, story = kinds_by_document(records)
    assert len(story["claims"]) == 1  # one claim, its figure updated by its own source
    assert found == set()
    # through a relay, the later day is the relay's: drift
    records[1]["statements"][0]["via"] = ["Wire"]
    assert kinds_by_document(records)[0] == {("d2", "quantity_changed")}
    # the same figure given for Saturday's statement is drift
    records[1]["statements"][0]["via"] = []
    records[1]["statements"][0]["said_on"] = "2025-09-20"
    assert kinds_by_document(records)[0] == {("d2", "quantity_changed")}


def test_suspended_then_dismissed_is_an_action_change():
    src = "Police said a port official had been suspended over the thefts."
    rep = "Police said a port official had been dismissed over the thefts."
    found, _ = kinds_by_document(pair(
        src, statement(src, "s1", "a port official had been suspended over the thefts",
                       "Police", "said"),
        rep, statement(rep, "s1", "a port official had been dismissed over the thefts",
                       "Police", "said")))
    assert found == {("rep", "action_changed")}
