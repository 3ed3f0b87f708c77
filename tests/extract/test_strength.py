"""Claim strength: relation levels, modals, yardstick estimates, negation, findings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.extract.strength import (
    Weights, claim_strength, direction, read, strength_of_text,
)
from claimgraph.model import Document
from claimgraph.pipeline import make_doc


def strength(nlp, text, weights=None):
    return strength_of_text(text, nlp=nlp, weights=weights)


def kinds(s):
    return [(f.kind, f.text) for f in s.findings if f.effect is not None]


# Invented claims, each stated causally, conditionally, as a correlation and as no relation.
LADDERS = [
    ("Daily walks reduce the risk of dementia.",
     "Daily walks may reduce the risk of dementia.",
     "Daily walks are associated with a lower risk of dementia.",
     "Daily walks are not associated with the risk of dementia."),
    ("Night shifts cause weight gain in nurses.",
     "Night shifts could cause weight gain in nurses.",
     "Night shifts are linked to weight gain in nurses.",
     "There is no evidence that night shifts cause weight gain in nurses."),
    ("The new inhaler improves lung function in children.",
     "The new inhaler might improve lung function in children.",
     "Children using the new inhaler had better lung function than children using the old one.",
     "The new inhaler did not improve lung function in children."),
]


@pytest.mark.parametrize("ladder", LADDERS, ids=["walks", "shifts", "inhaler"])
def test_causal_above_conditional_above_correlational_above_none(nlp, ladder):
    found = [strength(nlp, text) for text in ladder]
    assert [s.level for s in found] == [3, 2, 1, 0]
    assert [s.relation for s in found] == ["causal", "conditional", "correlational", "none"]
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4


@pytest.mark.parametrize("modal", ["may", "might", "could", "can"])
def test_modal_makes_a_causal_claim_conditional_and_weaker(nlp, modal):
    fact = strength(nlp, "Green tea lowers blood pressure in older adults.")
    hedged = strength(nlp, f"Green tea {modal} lower blood pressure in older adults.")
    assert hedged.relation == "conditional" and hedged.score < fact.score
    assert (hedged.relation, f"{modal} lower") in [(k, t) for k, t in kinds(hedged)]
    assert direction(fact, hedged) == "weaker"
    assert direction(hedged, fact) == "stronger"
    assert direction(fact, fact) == "same"


def test_highly_likely_is_weaker_than_a_stated_fact(nlp, extract):
    fact_text = "The ministry's decision delays the harbour project."
    judged_text = "It is highly likely that the ministry's decision delays the harbour project."
    fact, judged = strength(nlp, fact_text), strength(nlp, judged_text)
    assert fact.relation == judged.relation == "causal"
    assert judged.score < fact.score
    # The probability comes from the PHIA band the extraction found, 80-90%: (1 - 0.85) x 3 off.
    estimate = next(e for e in extract(judged_text).estimates if e.text == "highly likely")
    assert (estimate.scale, estimate.low, estimate.high) == ("PHIA", 0.80, 0.90)
    prob = next(f for f in judged.findings if f.kind == "probability")
    assert prob.span == estimate.span and prob.detail.startswith("PHIA 80-90%")
    assert fact.score - judged.score == pytest.approx(0.15 * Weights.default().probability)
    assert direction(fact, judged) == "weaker"
    # A remote chance says far less than 'highly likely'.
    remote = strength(nlp, "There is a remote chance that the ministry's decision delays the "
                           "harbour project.")
    assert remote.score < judged.score


@pytest.mark.parametrize("text, negator", [
    ("The vaccine does not reduce hospital admissions.", "not"),
    ("Screening was not associated with lower mortality.", "not"),
    ("Screening has no effect on mortality.", "no"),
    ("The trial found little evidence that the drug shortens recovery.", "little"),
    ("The diet failed to improve blood sugar control.", "failed"),
    ("Screening was introduced without reducing mortality.", "without"),
])
def test_negated_relation_is_no_relationship(nlp, text, negator):
    s = strength(nlp, text)
    assert (s.level, s.relation, s.score) == (0, "none", 0.0), kinds(s)
    main = next(f for f in s.findings if f.kind == "none")
    assert negator in main.text and "negated" in main.detail


def test_main_predicate_decides_and_descriptive_participles_do_not_count(nlp):
    # 'reductions' is causal, but the sentence asserts an association.
    s = strength(nlp, "Vitamin D supplements were associated with large reductions in falls.")
    assert s.relation == "correlational"
    # 'increased risk' and 'patients treated with' describe; they assert no cause.
    s = strength(nlp, "Patients treated with statins were at increased risk of diabetes.")
    assert s.relation == "correlational", kinds(s)
    s = strength(nlp, "Poor sleep leads to weight gain.")
    assert s.relation == "causal" and ("causal", "leads") in kinds(s)


def test_doxastic_hedge_lowers_the_score_by_its_weight(nlp):
    weights = replace(Weights.default(), hedge=0.5)
    fact = strength(nlp, "Poor sleep raises blood pressure.", weights)
    believed = strength(nlp, "We believe that poor sleep raises blood pressure.", weights)
    assert believed.relation == "causal"
    assert fact.score - believed.score == pytest.approx(0.5)
    assert ("hedge", "believe") in kinds(believed)
    none = strength(nlp, "We believe that poor sleep raises blood pressure.",
                    replace(weights, hedge=0.0))
    assert none.score == fact.score


def test_unstated_claim_reads_at_the_unstated_weight(nlp):
    s = strength(nlp, "Researchers studied 400 nurses in three hospitals.",
                 replace(Weights.default(), unstated=1.5))
    assert s.relation == "unstated" and s.score == 1.5


def test_doc_and_span_of_a_pipeline_doc(nlp):
    text = "Night shifts are linked to weight gain. Night shifts cause weight gain."
    doc = nlp(make_doc(nlp, Document(text=text)))
    whole = claim_strength(doc)
    assert whole.relation == "correlational"  # the first sentence carries the claim
    assert text[slice(*whole.sentence)].startswith("Night shifts are linked")
    strongest = claim_strength(doc, replace(Weights.default(), claim_sentence="strongest"))
    assert strongest.relation == "causal"
    second = list(doc.sents)[1]
    part = claim_strength(second)
    assert part.relation == "causal"
    f = next(f for f in part.findings if f.kind == "causal")
    assert text[f.span[0]:f.span[1]] == f.text == "cause"
    # Every finding's span points at its words.
    for s in (whole, strongest, part):
        for f in s.findings:
            assert "..." in f.text or text[f.span[0]:f.span[1]] == f.text


def test_unprocessed_doc_is_refused(nlp):
    doc = nlp.make_doc("Night shifts cause weight gain.")
    with pytest.raises(ValueError, match="claimgraph's pipeline"):
        read(doc)


def test_each_statement_carries_the_strength_of_its_content(extract):
    causal = extract("The health minister said the vaccine reduces deaths among the elderly.")
    conditional = extract("The health minister said the vaccine may reduce deaths among the elderly.")
    [a], [b] = causal.statements, conditional.statements
    assert a.strength is not None and b.strength is not None
    assert b.strength < a.strength


def test_a_hedge_describing_a_noun_does_not_hedge_an_unstated_claim(nlp):
    # 'suspected of smuggling' says who the 14 are; the detention is stated as fact
    plain = strength(nlp, "Police have detained 14 people in the port.")
    described = strength(nlp, "Police have detained 14 people suspected of smuggling diesel "
                              "through the port.")
    assert plain.relation == described.relation == "unstated"
    assert described.score == plain.score, kinds(described)
    # a hedge on the sentence's own verb still lowers it
    hedged = strength(nlp, "Police may have detained 14 people in the port.")
    assert hedged.score < plain.score
