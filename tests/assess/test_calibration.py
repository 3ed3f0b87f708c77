"""Brier scores, reliability by band and the reliability diagram, against hand computation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimgraph.assess.calibration import calibration, wilson
from claimgraph.assess.judgements import new_assessment
from claimgraph.assess.plot import reliability_png
from claimgraph.errors import ClaimgraphError


def judged(term, outcome, *, scale="phia", probability=None, author=None):
    a = new_assessment("It is judged that X happens by May 2025.", term, scale=scale,
                       probability=probability, author=author)
    a.outcome = outcome
    return a


def test_brier_uses_explicit_probability_else_midpoint():
    items = [judged("highly likely", True, author="Hale"),            # 0.85 -> 0.0225
             judged("highly likely", False, author="Hale"),           # 0.85 -> 0.7225
             judged("unlikely", False, probability=0.25, author="Ortiz"),  # -> 0.0625
             judged("likely", True, scale="icd203"),                  # 0.675 -> 0.105625
             judged("likely", None)]                                  # open: not counted
    cal = calibration(items)
    assert cal["n"] == 4
    assert cal["brier"] == pytest.approx((0.0225 + 0.7225 + 0.0625 + 0.105625) / 4, abs=1e-4)
    assert cal["base_rate"] == 0.5 and cal["reference"] == 0.25
    assert cal["skill"] == pytest.approx(1 - cal["brier"] / 0.25, abs=1e-3)
    terms = {(t["scale"], t["term"]): t for t in cal["terms"]}
    assert list(terms) == [("PHIA", "unlikely"), ("PHIA", "highly likely"),
                           ("ICD203", "likely")]
    hl = terms[("PHIA", "highly likely")]
    assert (hl["n"], hl["hits"], hl["observed"], hl["forecast"]) == (2, 1, 0.5, 0.85)
    assert hl["brier"] == pytest.approx((0.0225 + 0.7225) / 2, abs=1e-4)
    assert hl["within"] is False and (hl["low"], hl["high"]) == (0.8, 0.9)
    assert terms[("PHIA", "unlikely")]["forecast"] == 0.25
    authors = {a["author"]: a for a in cal["authors"]}
    assert [a["author"] for a in cal["authors"]] == ["Hale", None, "Ortiz"]
    assert authors["Hale"]["brier"] == pytest.approx(0.3725, abs=1e-4)
    assert authors[None]["n"] == 1


def test_observed_frequency_inside_the_band_is_within():
    items = [judged("highly likely", i < 17) for i in range(20)]  # 85% happened
    [band] = calibration(items)["terms"]
    assert band["observed"] == 0.85 and band["within"] is True
    lo, hi = band["interval"]
    assert lo < 0.85 < hi


def test_nothing_resolved():
    cal = calibration([judged("likely", None)])
    assert (cal["n"], cal["brier"], cal["skill"], cal["terms"], cal["authors"]) == (
        0, None, None, [], [])
    with pytest.raises(ClaimgraphError, match="no resolved assessments"):
        reliability_png(cal)


def test_wilson_interval():
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(1, 1)
    assert hi == 1.0 and lo == pytest.approx(0.2065, abs=1e-3)  # the textbook value
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-3) and hi == pytest.approx(0.7634, abs=1e-3)


def test_reliability_diagram_is_a_png():
    cal = calibration([judged("highly likely", True), judged("unlikely", False),
                       judged("likely", True, scale="icd203")])
    data = reliability_png(cal)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_matplotlib_is_imported_only_to_plot():
    code = ("import sys, claimgraph.cli, claimgraph.commands.assess, claimgraph.assess.plot, "
            "claimgraph.assess.calibration, claimgraph.web.app, claimgraph.web.pages; "
            "claimgraph.cli.parser(); print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
