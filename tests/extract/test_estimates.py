"""The estimates extractor: yardstick terms, negation, confidence, hedges, false positives."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.errors import ModelNotFound
from claimgraph.extract.estimates import EstimateFinder, find_estimates
from claimgraph.model import Estimate
from claimgraph.nlp import load_model


@pytest.fixture(scope="module")
def model() -> Language:
    try:
        return load_model()
    except ModelNotFound as exc:  # pragma: no cover - depends on the environment
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def nlp(model: Language) -> Language:
    if "claimgraph_estimates" not in model.pipe_names:
        model.add_pipe("claimgraph_estimates")
    return model


def run(nlp: Language, text: str) -> list[Estimate]:
    estimates = nlp(text)._.estimates
    for e in estimates:  # every span points at its own words
        assert text[e.span[0]:e.span[1]] == e.text
    return estimates


def only(nlp: Language, text: str) -> Estimate:
    found = run(nlp, text)
    assert len(found) == 1, found
    return found[0]


def scaled(estimates: list[Estimate]) -> list[Estimate]:
    return [e for e in estimates if e.scale not in ("none", "confidence")]


# -- yardstick terms -----------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, scale, low, high", [
    ("The ministry judges it highly likely that the brigade has withdrawn.",
     "highly likely", "PHIA", 0.80, 0.90),
    ("Russia will almost certainly continue the strikes.", "almost certainly", "PHIA", 0.95, 1.0),
    ("It is almost certain that the bridge was hit.", "almost certain", "PHIA", 0.95, 1.0),
    ("There is a realistic possibility that the talks fail.", "realistic possibility",
     "PHIA", 0.40, 0.50),
    ("The unit is probably based near the coast.", "probably", "PHIA", 0.55, 0.75),
    ("A renewed offensive is probable this spring.", "probable", "PHIA", 0.55, 0.75),
    ("We assess the group is likely to attack again.", "likely", "PHIA", 0.55, 0.75),
    ("Officials said a ceasefire was likely.", "likely", "PHIA", 0.55, 0.75),
    ("A breakthrough is highly unlikely before winter.", "highly unlikely", "PHIA", 0.10, 0.20),
    ("It is unlikely that the pipeline reopens.", "unlikely", "PHIA", 0.25, 0.35),
    ("There is only a remote chance of a settlement.", "remote chance", "PHIA", 0.0, 0.05),
    ("In all likelihood the convoy turned back.", "in all likelihood", "PHIA", 0.55, 0.75),
    ("The drone was very probably launched from the north.", "very probably", "ICD203", 0.80, 0.95),
    ("Such a strike is highly improbable.", "highly improbable", "ICD203", 0.05, 0.20),
    ("It is highly probable that the depot was destroyed.", "highly probable",
     "ICD203", 0.80, 0.95),
    ("An agreement is nearly certain.", "nearly certain", "ICD203", 0.95, 0.99),
    ("There is almost no chance of a deal.", "almost no chance", "ICD203", 0.01, 0.05),
    ("A full withdrawal is virtually certain.", "virtually certain", "Kent", 0.87, 0.99),
    ("Its success is doubtful.", "doubtful", "Kent", 0.20, 0.40),
    ("The chances are about even that he resigns.", "chances are about even", "Kent", 0.40, 0.60),
])
def test_yardstick_terms(nlp, text, phrase, scale, low, high):
    e = only(nlp, text)
    assert (e.text.lower(), e.scale, e.negated) == (phrase, scale, False)
    assert e.low == pytest.approx(low) and e.high == pytest.approx(high)


def test_adverb_and_adjective_forms_share_a_band(nlp):
    adj = only(nlp, "It is almost certain.")
    adv = only(nlp, "It will almost certainly happen.")
    assert (adj.scale, adj.low, adj.high) == (adv.scale, adv.low, adv.high)
    assert only(nlp, "It is improbable.").low == only(nlp, "It improbably happened.").low


def test_icd203_document_reads_shared_terms_on_icd203(nlp):
    found = run(nlp, "A strike is very likely. A second strike is likely within days.")
    assert [(e.text, e.scale) for e in found] == [("very likely", "ICD203"), ("likely", "ICD203")]
    assert found[1].high == pytest.approx(0.80)
    # The same 'likely' alone is read on the preferred scale.
    alone = only(nlp, "A second strike is likely within days.")
    assert (alone.scale, alone.high) == ("PHIA", pytest.approx(0.75))


def test_roughly_even_chance_is_icd203(nlp):
    e = only(nlp, "There is a roughly even chance that the dam holds.")
    assert (e.scale, e.low, e.high) == ("ICD203", 0.45, 0.55)


def test_preferred_scale_is_configurable(model):
    icd_first = EstimateFinder(model, scales_order=["ICD203", "PHIA"])
    doc = model("Officials said a ceasefire was likely.")
    [e] = icd_first.find(doc)
    assert (e.scale, e.high) == ("ICD203", pytest.approx(0.80))
    only_phia = EstimateFinder(model, scales_order=["PHIA"])
    [e] = only_phia.find(model("An attack is very likely."))
    assert e.scale == "none" and e.text == "very likely"  # not a PHIA term


def test_factory_config(model):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("claimgraph_estimates", config={"scales": ["Kent"], "hedge_kinds": []})
    [e] = nlp("It is likely.")._.estimates
    assert (e.scale, e.low, e.high) == ("Kent", 0.63, 0.87)
    assert nlp("It may rain.")._.estimates == []


def test_bad_config_is_one_clear_error(model):
    with pytest.raises(ValueError, match="unknown hedge kinds"):
        EstimateFinder(model, hedge_kinds=["rumour"])
    with pytest.raises(KeyError, match="unknown scale"):
        EstimateFinder(model, scales_order=["NATO"])


# -- negation ------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, low, high", [
    ("A ceasefire is not likely this month.", "not likely", 0.0, 0.55),
    ("A ceasefire isn't likely this month.", "n't likely", 0.0, 0.55),
    ("It is not highly likely that the port reopens.", "not highly likely", 0.0, 0.80),
    ("There is no realistic possibility of a deal.", "no realistic possibility", 0.0, 0.40),
    ("It is not a realistic possibility.", "not a realistic possibility", 0.0, 0.40),
    ("A strike is not unlikely.", "not unlikely", 0.35, 1.0),
    ("It is not almost certain.", "not almost certain", 0.0, 0.95),
])
def test_negation(nlp, text, phrase, low, high):
    e = only(nlp, text)
    assert e.negated and e.text.lower() == phrase and e.scale == "PHIA"
    assert e.low == pytest.approx(low) and e.high == pytest.approx(high)


def test_unlikely_is_a_term_not_a_negation(nlp):
    e = only(nlp, "It is unlikely that the talks resume.")
    assert (e.text, e.negated, e.low, e.high) == ("unlikely", False, 0.25, 0.35)


def test_terms_with_their_own_not(nlp):
    e = only(nlp, "The strike was almost certainly not accidental.")
    assert (e.text, e.scale, e.negated, e.low, e.high) == (
        "almost certainly not", "Kent", False, 0.02, 0.12)
    e = only(nlp, "He will probably not run.")
    assert (e.scale, e.low, e.high) == ("Kent", 0.20, 0.40)


def test_adverb_followed_by_not_without_kent(model):
    finder = EstimateFinder(model, scales_order=["PHIA"], hedge_kinds=[])
    [e] = finder.find(model("He will probably not run."))
    assert (e.text, e.negated, e.low, e.high) == ("probably not", True, 0.0, 0.55)


def test_negation_stays_in_its_sentence(nlp):
    e = only(nlp, "No. Likely the bridge is down.")
    assert not e.negated


# -- analytic confidence -----------------------------------------------------------------

def test_confidence_attaches_to_estimates_of_the_sentence(nlp):
    found = run(nlp, "We assess with high confidence that the brigade is likely to withdraw. "
                     "A second strike is highly likely.")
    [likely, highly] = scaled(found)
    assert likely.confidence == "high"
    assert highly.confidence is None
    assert not [e for e in found if e.scale == "confidence"]


@pytest.mark.parametrize("text, level", [
    ("We have moderate confidence in this judgement.", "moderate"),
    ("Analysts hold low confidence in the casualty figures.", "low"),
    ("The assessment is made with medium confidence.", "moderate"),
    ("We judge this with a high degree of confidence.", "high"),
    ("We assess this with moderate-to-high confidence.", "moderate"),
])
def test_standalone_confidence(nlp, text, level):
    e = only(nlp, text)
    assert (e.scale, e.confidence, e.low, e.high) == ("confidence", level, None, None)


@pytest.mark.parametrize("text", [
    "Consumer confidence fell to a record low.",
    "Business confidence is high in the region.",
    "The government lost a confidence vote.",
])
def test_public_confidence_is_not_analytic(nlp, text):
    assert run(nlp, text) == []


# -- hedges ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, cue", [
    ("The convoy may have turned back.", "may"),
    ("The strike could escalate the conflict.", "could"),
    ("Could the ceasefire collapse?", "Could"),
    ("Troops might withdraw next week.", "might"),
    ("The fire was possibly started deliberately.", "possibly"),
    ("Perhaps the talks will resume.", "Perhaps"),
    ("The general was reportedly killed in the strike.", "reportedly"),
    ("The man allegedly fired first.", "allegedly"),
    ("The alleged attacker was arrested.", "alleged"),
    ("The vessel appears to have sunk.", "appears"),
    ("It seems the deal is off.", "seems"),
    ("The evidence suggests that the dam was mined.", "suggests"),
    ("Officials believe the attack was planned.", "believe"),
    ("Prices are expected to rise.", "expected"),
    ("Police suspect the fire was arson.", "suspect"),
    ("It is unclear who fired first.", "unclear"),
    ("Investigators are examining whether the plane was hit.", "whether"),
    ("The commander is said to have fled.", "said to"),
    ("Unconfirmed reports spoke of heavy losses.", "Unconfirmed"),
    ("It remains to be seen who will lead.", "remains to be seen"),
    ("A second wave is more likely now.", "more likely"),
    ("An attack is extremely likely.", "extremely likely"),
])
def test_hedges_have_no_scale(nlp, text, cue):
    e = only(nlp, text)
    assert (e.text, e.scale, e.low, e.high, e.negated) == (cue, "none", None, None, False)


def test_negated_hedge(nlp):
    e = only(nlp, "The army does not expect a ceasefire.")
    assert e.negated and e.text == "not expect" and e.scale == "none"


@pytest.mark.parametrize("text", [
    "In May the ministry published its report.",                   # month
    "Theresa May spoke to reporters.",                            # surname
    "The army will attack at dawn.",                              # modal 'will'
    "Likely voters favour the incumbent.",                        # polling term
    "Police had probable cause to search the car.",              # legal term
    "Send the forms as soon as possible.",                        # idiom
    "The mayor could not be reached for comment.",                # ability
    "He appeared in court on Monday.",                            # not evidential
    "The think tank published a study.",                          # noun 'think'
    "There is no doubt that the bridge collapsed.",               # certainty
    "Profits were higher than expected.",                         # factual comparison
    "An estimated 20,000 people attended.",                       # an approximate quantity
    "The debt, estimated at $4.7 billion, was paid.",            # an approximate quantity
    "He will certainly try.",                                     # not on any yardstick
])
def test_not_estimates(nlp, text):
    assert run(nlp, text) == []


# -- machine tags, order, plumbing --------------------------------------------------------

def test_misp_machine_tags(nlp):
    text = ('Tagged estimative-language:likelihood-probability="very-likely" and '
            'estimative-language:confidence-in-analytic-judgment="moderate".')
    e = only(nlp, text)
    assert (e.scale, e.low, e.high, e.confidence) == ("MISP", 0.80, 0.95, "moderate")


def test_output_in_text_order_and_function_matches_component(nlp):
    text = ("The strike was reportedly planned for weeks. It is highly likely that more will "
            "follow, and a ceasefire may be unlikely.")
    doc = nlp(text)
    found = doc._.estimates
    assert [e.span for e in found] == sorted(e.span for e in found)
    assert [e.text for e in found] == ["reportedly", "highly likely", "may", "unlikely"]
    assert find_estimates(doc) == found


def test_works_without_a_parser(model):
    doc = model.make_doc("It is not highly likely. A remote chance remains.")
    found = find_estimates(doc)
    assert [(e.text, e.scale, e.negated) for e in found] == [
        ("not highly likely", "PHIA", True), ("remote chance", "PHIA", False)]
