"""The lint scorer: matching maths on hand-made predictions, and the shipped gold files' shape."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.score_lint import DEFAULT_SETS, Tally, read_gold, report, score
from claimgraph.assess.lint import CODES


def _case(gold):
    text = "It is highly likely (60%) that the regime will fall."
    return {"id": "t1", "scale": "PHIA", "text": text,
            "gold": [dict(g, span=[text.index(g["text"]), text.index(g["text"])
                                   + len(g["text"])]) for g in gold]}


def test_match_needs_code_and_overlap_and_counts_once():
    case = _case([{"code": "number_outside_range", "text": "60%"},
                  {"code": "no_time_frame", "text": "highly likely"}])
    tally = Tally()
    tally.add(case, [{"code": "number_outside_range", "span": [6, 24]},  # overlaps 60%
                     {"code": "number_outside_range", "span": [6, 24]},  # a duplicate: extra
                     {"code": "off_scale", "span": [6, 19]}])            # wrong code: extra
    assert tally.tp == Counter({"number_outside_range": 1})
    assert tally.fp == Counter({"number_outside_range": 1, "off_scale": 1})
    assert tally.fn == Counter({"no_time_frame": 1})
    gold, pred, tp, p, r, _f1 = tally.row(None)
    assert (gold, pred, tp) == (2, 3, 1)
    assert p == pytest.approx(1 / 3) and r == pytest.approx(0.5)
    assert tally.row("negated_term")[3:5] == (1.0, 1.0)  # nothing asked, nothing said


def test_score_and_report():
    case = _case([{"code": "no_time_frame", "text": "highly likely"}])
    tally = score([case], lambda text, scale: [{"code": "no_time_frame", "span": [6, 19]}])
    assert tally.row("no_time_frame")[3:] == (1.0, 1.0, 1.0)
    text = report("set", 1, tally, CODES)
    assert "no_time_frame" in text and text.splitlines()[-1].split()[0] == "all"


def test_gold_files():
    total = 0
    for path in DEFAULT_SETS:
        cases = read_gold(path)
        total += len(cases)
        assert len({c["id"] for c in cases}) == len(cases)
        codes = Counter(g["code"] for c in cases for g in c["gold"])
        assert set(codes) == set(CODES), path  # every code has positives
        assert sum(1 for c in cases if not c["gold"]) >= 8, path  # and clean negatives
        assert {c["scale"] for c in cases} <= {"PHIA", "ICD203", "MISP"}
        for c in cases:
            for g in c["gold"]:
                assert c["text"][g["span"][0]:g["span"][1]] == g["text"]
    assert total >= 40
