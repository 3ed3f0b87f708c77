"""Claims and independent chains on hand-built records."""

from __future__ import annotations

from claimgraph.link.claims import build_claims, chains

from .builders import estimate, quantity, record, statement
from .scenarios import vostrel_story


def test_one_claim_per_proposition_of_one_source():
    claims = build_claims(vostrel_story())
    by_root = {(c.root.doc_id, c.root.sid): c for c in claims}
    called_up = by_root[("u1", "s1")]
    coast = by_root[("u1", "s2")]
    assert called_up.documents == ["u1", "r1", "r2", "r3", "r4"]
    assert coast.documents == [
        "u1",
        "r1",
        "r4",
    ]  # 1,500 "sent into battle" restates "guarding the coast"
    assert called_up.proposition != coast.proposition


def test_rereports_of_one_root_are_one_chain():
    story_chains = chains(build_claims(vostrel_story()))
    called_up = next(
        ch for ch in story_chains if ch[0].root.sid == "s1" and ch[0].root.doc_id == "u1"
    )
    assert len(called_up) == 1


def test_another_count_is_another_chain():
    ems = "The Selva emergency service said 12 people died in the Oderburg flood."
    hospital = (
        "Dr Anton Reyes, director of Oderburg General Hospital, said 14 people died in the "
        "Oderburg flood."
    )
    copy = (
        "The Selva emergency service said 12 people died in the Oderburg flood, "
        "the Courier reported."
    )
    records = [
        record(
            "a",
            ems,
            "Chronicle",
            "2024-03-14",
            statements=[
                statement(
                    ems,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(ems, "12 people", 12, "people")],
                )
            ],
        ),
        record(
            "b",
            hospital,
            "Ledger",
            "2024-03-15",
            statements=[
                statement(
                    hospital,
                    "s1",
                    "14 people died in the Oderburg flood",
                    "Anton Reyes",
                    "said",
                    quantities=[quantity(hospital, "14 people", 14, "people")],
                )
            ],
        ),
        record(
            "c",
            copy,
            "Gazette",
            "2024-03-15",
            statements=[
                statement(
                    copy,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(copy, "12 people", 12, "people")],
                )
            ],
        ),
    ]
    claims = build_claims(records)
    assert len({c.proposition for c in claims}) == 1
    story_chains = chains(claims)
    assert len(story_chains) == 2
    assert sorted(len({d for c in ch for d in c.documents}) for ch in story_chains) == [1, 2]


def test_an_unnamed_or_partial_source_is_not_another_chain():
    ems = "The Selva emergency service said 12 people died in the Oderburg flood."
    vague = "Twelve people died in the Oderburg flood, Selva said."
    records = [
        record(
            "a",
            ems,
            "Chronicle",
            "2024-03-14",
            statements=[
                statement(
                    ems,
                    "s1",
                    "12 people died in the Oderburg flood",
                    "Selva emergency service",
                    "said",
                    quantities=[quantity(ems, "12 people", 12, "people")],
                )
            ],
        ),
        record(
            "b",
            vague,
            "Ledger",
            "2024-03-15",
            statements=[
                statement(
                    vague,
                    "s1",
                    "Twelve people died in the Oderburg flood",
                    "Selva",
                    "said",
                    quantities=[quantity(vague, "Twelve people", 12, "people")],
                )
            ],
        ),
    ]
    assert len(chains(build_claims(records))) == 1


def _gas_stocks(doc_id: str, publisher: str, who: str, speaker: str) -> dict:
    text = f"Gas storage sites are 87 percent full, {who} said on Monday."
    content = "Gas storage sites are 87 percent full"
    entities = []
    st = statement(text, "s1", content, speaker, "said",
                   quantities=[quantity(text, "87 percent", 87, "percent")])
    if speaker[0].isupper():
        entities = [{"id": "e1", "name": speaker, "type": "PERSON", "aliases": [],
                     "roles": ["energy minister"], "mentions": []}]
        st["speaker"]["entity"] = "e1"
    return record(doc_id, text, publisher, "2024-03-14", statements=[st], entities=entities)


def test_an_unnamed_official_may_be_the_named_minister():
    # "a senior government official" is no clearly other source than the energy minister
    # named elsewhere; "police" beside a named union leader is
    minister = _gas_stocks("a", "Chronicle", "Energy Minister Henrike Vallander",
                           "Henrike Vallander")
    official = _gas_stocks("b", "Ledger", "a senior government official",
                           "senior government official")
    police = _gas_stocks("c", "Gazette", "police", "police")
    assert len(chains(build_claims([minister, official]))) == 1
    assert len(chains(build_claims([minister, police]))) == 2


def _claim_of(claims, doc_id, sid):
    """The root (document, statement) of the claims holding ``doc_id``'s ``sid``."""
    return {(c.root.doc_id, c.root.sid) for c in claims
            if any((m.doc_id, m.sid) == (doc_id, sid) for m in c.members)}


def test_a_tie_goes_to_the_claim_whose_shared_words_are_rarer():
    src = ("Spokeswoman Ana Petrik said two people had died in the floods. Petrik said it was "
           "likely that the water would peak on Wednesday.")
    other = "Spokeswoman Ana Petrik said the floods had closed every school in Brenholm."
    rep = "Spokeswoman Ana Petrik said the flooding in Brenholm would peak on Wednesday."
    records = [
        record("a", src, "Chronicle", "2025-06-02", statements=[
            statement(src, "s1", "two people had died in the floods", "Ana Petrik", "said"),
            statement(src, "s2", "it was likely that the water would peak on Wednesday",
                      "Ana Petrik", "said", estimates=[estimate(src, "likely", 0.55, 0.75)])]),
        record("b", other, "Ledger", "2025-06-02", statements=[
            statement(other, "s1", "the floods had closed every school in Brenholm",
                      "Ana Petrik", "said")]),
        record("c", rep, "Gazette", "2025-06-03", statements=[
            statement(rep, "s1", "the flooding in Brenholm would peak on Wednesday",
                      "Ana Petrik", "said")]),
    ]
    # "flood" is in every report; "peak" only in the claim about the peak
    assert _claim_of(build_claims(records), "c", "s1") == {("a", "s2")}


def test_one_report_restates_a_claim_once():
    src = ("Households in Marlow Bay will be limited to 120 litres of water a day from Monday, "
           "spokesman Teodor Haas said. Haas said it was likely that the restrictions would "
           "last until November.")
    rep = ("Water restrictions in Marlow Bay will last until November, spokesman Teodor Haas "
           "said. Households in Marlow Bay will be limited to 120 litres of water a day, he "
           "said.")
    records = [
        record("a", src, "Chronicle", "2025-06-02", statements=[
            statement(src, "s1", "Households in Marlow Bay will be limited to 120 litres of "
                      "water a day from Monday", "Teodor Haas", "said",
                      quantities=[quantity(src, "120 litres", 120, "litres")]),
            statement(src, "s2", "it was likely that the restrictions would last until "
                      "November", "Teodor Haas", "said")]),
        record("b", rep, "Ledger", "2025-06-03", statements=[
            statement(rep, "s1", "Water restrictions in Marlow Bay will last until November",
                      "Teodor Haas", "said"),
            statement(rep, "s2", "Households in Marlow Bay will be limited to 120 litres of "
                      "water a day", "Teodor Haas", "said",
                      quantities=[quantity(rep, "120 litres", 120, "litres")])]),
    ]
    claims = build_claims(records)
    # the limit's claim takes the sentence that restates the limit; the other sentence,
    # which shares "Marlow Bay" and "water" with it, goes to the restrictions' end
    assert _claim_of(claims, "b", "s2") == {("a", "s1")}
    assert _claim_of(claims, "b", "s1") == {("a", "s2")}


def test_a_job_title_names_the_body_a_speaker_speaks_for():
    from claimgraph.link.speakers import role_org
    from claimgraph.link.text import name_tokens

    # "Agency engineer Mira Tallis" speaks for the agency named beside her
    assert role_org("Agency engineer") == "Agency"
    assert name_tokens(role_org("Chief executive")) == ()  # titles alone name no body
    assert name_tokens("Chief executive Hanna Lorentz") == ("hanna", "lorentz")


def test_the_reply_of_whom_a_claim_is_about_is_not_that_claim():
    # "Kaldoran Forest Watch" and "Kaldoran State Forests" share two words of three, but the
    # group's claim is about the company: the company's reply is no restatement of it
    src = ("Kaldoran Forest Watch said Kaldoran State Forests bought timber from illegal "
           "logging through four sawmills.")
    rep = ("Kaldoran State Forests said all its timber was bought from licensed suppliers "
           "through four sawmills.")
    records = [
        record("a", src, "Forest Watch", "2025-10-20", statements=[statement(
            src, "s1", "Kaldoran State Forests bought timber from illegal logging through "
            "four sawmills", "Kaldoran Forest Watch", "said")]),
        record("b", rep, "Press Agency", "2025-10-20", statements=[statement(
            rep, "s1", "all its timber was bought from licensed suppliers through four sawmills",
            "Kaldoran State Forests", "said")]),
    ]
    assert [c.documents for c in build_claims(records)] == [["a"], ["b"]]


def _mission_report(publisher: str) -> dict:
    text = ("The Mission recorded 37 violations of the ceasefire, the Mission said. Monitors "
            "visited four weapons sites, the Mission said. On 14 December soldiers stopped a "
            "Mission patrol at a checkpoint near Veshti and turned it back.")
    return record("m", text, publisher, "2025-12-15", statements=[
        statement(text, "s1", "The Mission recorded 37 violations of the ceasefire", publisher,
                  "said"),
        statement(text, "s2", "Monitors visited four weapons sites", publisher, "said")])


def _patrol_rereport() -> dict:
    text = ("Soldiers stopped a patrol of the monitoring mission at a checkpoint near Veshti "
            "and turned it back, the mission said.")
    return record("r", text, "Quayside Journal", "2025-12-16", statements=[statement(
        text, "s1", "Soldiers stopped a patrol of the monitoring mission at a checkpoint near "
        "Veshti and turned it back", "mission", "said")])


def test_a_report_that_speaks_for_its_publisher_is_the_root_of_its_plain_sentences():
    claims = build_claims([_mission_report("Tazra Monitoring Mission"), _patrol_rereport()])
    patrol = next(c for c in claims if "r" in c.documents)
    assert patrol.documents == ["m", "r"] and patrol.root.doc_id == "m" and patrol.attributed
    # a publisher named like a news outlet states things in its own voice: no source's claim
    claims = build_claims([_mission_report("Veshti Daily News"), _patrol_rereport()])
    patrol = next(c for c in claims if "r" in c.documents)
    assert patrol.root.doc_id == "r"
