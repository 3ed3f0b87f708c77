"""The scale data files against the official tables, and the lookups over them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher

from claimgraph import scales


def read_yardstick(datasets: Path, name: str) -> list[dict[str, str]]:
    path = datasets / "wep-capphrase" / name
    if not path.exists():
        pytest.skip(f"dataset not found: {path}")
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table, scale", [
    ("yardstick_uk.csv", "PHIA"),
    ("yardstick_us_nic.csv", "ICD203"),
])
def test_every_official_term_is_present_with_its_range(datasets, table, scale):
    """Official tables give percents; the data files fractions of 1."""
    rows = read_yardstick(datasets, table)
    assert rows, f"{table} is empty"
    data = scales.load(scale)
    for row in rows:
        band = data.band(row["term"])
        assert band is not None, f"{scale} lacks the official term {row['term']!r}"
        assert band.low == pytest.approx(float(row["low"]) / 100), row
        assert band.high == pytest.approx(float(row["high"]) / 100), row
        # The term is also found in running text, on this scale.
        assert any(b.scale == scale and b.term == band.term
                   for b in scales.candidates(row["term"], [scale])), row


@pytest.mark.parametrize("table, scale", [
    ("yardstick_uk.csv", "PHIA"),
    ("yardstick_us_nic.csv", "ICD203"),
])
def test_no_band_beyond_the_official_table(datasets, table, scale):
    official = {row["term"].lower() for row in read_yardstick(datasets, table)}
    for band in scales.load(scale).bands:
        assert official & set(band.names()), f"{scale} band {band.term!r} is not in {table}"


def test_misp_likelihood_equals_icd203():
    icd = scales.load("ICD203")
    misp = [b for b in scales.load("MISP").bands if b.dimension == "likelihood-probability"]
    assert len(misp) == len(icd.bands) == 7
    for band in misp:
        twin = icd.band(band.term)
        assert twin is not None and (band.low, band.high) == (twin.low, twin.high)
        assert band.value == pytest.approx(band.low * 100, abs=1)  # numerical_value: lower bound


def test_admiralty_credibility_matches_stix_appendix_b():
    admiralty = {b.code: b for b in scales.load("Admiralty").bands
                 if b.dimension == "information-credibility"}
    stix = [b for b in scales.load("STIX").bands if b.dimension == "admiralty-credibility"]
    assert len(stix) == 5
    for band in stix:
        twin = admiralty[band.code]
        assert (twin.low, twin.high, twin.value) == (band.low, band.high, band.value)


@pytest.mark.parametrize("scale", ["PHIA", "ICD203", "MISP", "Kent", "Admiralty", "STIX"])
def test_every_scale_is_well_formed(scale):
    data = scales.load(scale)
    assert data.name and data.source.get("citation")
    assert data.bands
    for band in data.bands:
        if band.low is None or band.high is None:
            assert band.low is None and band.high is None
            continue
        assert 0.0 <= band.low <= band.high <= 1.0, band


@pytest.mark.parametrize("scale", ["PHIA", "ICD203", "Kent"])
def test_probability_bands_rise_without_overlap(scale):
    bands = [b for b in scales.load(scale).bands if b.low is not None]
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert lower.high is not None and upper.low is not None
        assert lower.high <= upper.low, (lower.term, upper.term)


def test_phia_gaps_are_kept():
    for p in (0.07, 0.22, 0.37, 0.52, 0.77, 0.92):
        assert scales.band_at(p, "PHIA") is None, p
    assert scales.band_at(0.85, "PHIA").term == "highly likely"
    assert scales.band_at(0.45, "PHIA").term == "realistic possibility"
    assert scales.band_at(0.50, "PHIA") is None  # 'realistic possibility' stops below 50%
    assert scales.band_at(0.99, "PHIA").term == "almost certain"
    assert scales.band_at(1.0, "PHIA") is None  # 'almost certain' stops short of certainty


@pytest.mark.parametrize("phrase, scale, term, low, high", [
    ("highly likely", "PHIA", "highly likely", 0.80, 0.90),
    ("Probably", "PHIA", "likely", 0.55, 0.75),
    ("almost certainly", "PHIA", "almost certain", 0.95, 1.0),
    ("a realistic possibility", "PHIA", "realistic possibility", 0.40, 0.50),
    ("Remote chance", "PHIA", "remote chance", 0.0, 0.05),
    ("not a term", None, None, None, None),
    ("very likely", "ICD203", "very likely", 0.80, 0.95),
    ("highly improbable", "ICD203", "very unlikely", 0.05, 0.20),
    ("improbably", "ICD203", "unlikely", 0.20, 0.45),
    ("all but certain", "Kent", "almost certain", 0.87, 0.99),
])
def test_lookup(phrase, scale, term, low, high):
    band = scales.lookup(phrase)
    if scale is None:
        assert band is None
        return
    assert band is not None
    assert (band.scale, band.term) == (scale, term)
    assert (band.low, band.high) == (pytest.approx(low), pytest.approx(high))


def test_lookup_respects_order():
    assert scales.lookup("likely", ["ICD203", "PHIA"]).scale == "ICD203"
    assert scales.lookup("likely", ["Kent"]).high == pytest.approx(0.87)
    assert scales.lookup("realistic possibility", ["ICD203"]) is None


def test_describe_and_format():
    assert scales.describe(0.8, 0.9) == "highly likely (80-90%)"
    assert scales.describe(0.55, 0.8, "ICD203") == "likely (55-80%)"
    assert scales.describe(0.0, 0.55) == "between remote chance and likely (0-55%)"
    assert scales.describe(0.52, 0.53) == "52-53%"
    assert scales.describe(None, None) == "no stated probability"
    assert scales.format_range(0.95, 0.95) == "95%"


def test_machine_tags_and_stix():
    assert scales.misp_tag(0.55, 0.75) == 'estimative-language:likelihood-probability="likely"'
    assert scales.misp_tag(0.80, 0.90) == 'estimative-language:likelihood-probability="very-likely"'
    assert scales.misp_confidence_tag("moderate") == (
        'estimative-language:confidence-in-analytic-judgment="moderate"')
    with pytest.raises(KeyError):
        scales.misp_confidence_tag("sky-high")
    assert scales.stix_confidence(0.80, 0.90) == 85
    assert scales.stix_confidence(0.0, 0.05) == 5


def test_admiralty_grades():
    reliability, credibility = scales.admiralty("B2")
    assert (reliability.term, credibility.term) == ("usually reliable", "probably true")
    assert credibility.low == pytest.approx(0.60)
    assert scales.admiralty("f6")[1].low is None
    with pytest.raises(ValueError, match="Admiralty grade"):
        scales.admiralty("G7")


def test_admiralty_machine_tags():
    assert scales.admiralty_tags("B2") == ['admiralty-scale:source-reliability="b"',
                                          'admiralty-scale:information-credibility="2"']
    assert scales.admiralty_tags("c") == ['admiralty-scale:source-reliability="c"']
    assert scales.admiralty_tags("6") == ['admiralty-scale:information-credibility="6"']
    for bad in ("", "G", "B7", "BB2"):
        with pytest.raises(ValueError, match="Admiralty grade"):
            scales.admiralty_tags(bad)


def test_unknown_scale():
    with pytest.raises(KeyError, match="unknown scale"):
        scales.load("NATO")


def test_hedge_kinds():
    assert scales.hedge_kind("reportedly") == "evidential"
    assert scales.hedge_kind("believed", "believe") == "doxastic"
    assert scales.hedge_kind("not possible") == "epistemic"
    assert scales.hedge_kind("not clear") == "investigation"
    assert scales.hedge_kind("said to") == "evidential"
    assert scales.hedge_kind("extremely likely") == "comparative"
    assert scales.hedge_kind("will") is None


def test_hedge_rules_are_valid_matcher_patterns():
    data = scales.hedge_data()
    matcher = Matcher(spacy.blank("en").vocab)
    for rule in data["exclusions"] + data["patterns"]:
        matcher.add(rule["id"], [rule["pattern"]])  # raises on a malformed pattern
    kinds = set(data["kinds"])
    for entry in data["words"] + data["phrases"] + data["patterns"]:
        assert entry["kind"] in kinds, entry
    for entry in data["words"]:
        assert ("lemma" in entry) != ("lower" in entry), entry
        assert entry.get("require") in (None, "complement", "complement_or_object", "predicative",
                                        "next"), entry
        assert (entry.get("require") == "next") == ("next" in entry), entry
