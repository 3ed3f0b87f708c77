"""The PolNeAR reader and scorer: scoring maths on hand-made cases, the reader on real dev data."""

from __future__ import annotations

import pytest

from benchmarks.polnear import Relation, parse_ann, polnear_dir, read_split
from benchmarks.score_polnear import (
    content_chars, greedy_match, is_direct, jaccard, quoted_positions, score, score_article,
)

#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123
TEXT = "“We will win,” Smith said. Jones claimed that taxes rise today."
QUOTE = ((0, 14),)          # “We will win,”  -> trimmed to "We will win" (1, 12)
SAID, SMITH = ((21, 25),), ((15, 20),)
CLAIMED, JONES = ((33, 40),), ((27, 32),)
TAXES = ((41, 62),)         # "that taxes rise today"


def gold() -> list[Relation]:
    return [Relation(QUOTE, SAID, SMITH), Relation(TAXES, CLAIMED, JONES)]


def test_content_chars_trims_quotes_spaces_and_punctuation():
    assert content_chars(QUOTE, TEXT) == frozenset(range(1, 12))
    assert content_chars(((0, 1), (12, 14)), TEXT) == frozenset()
    assert content_chars(((1, 3), (9, 12)), TEXT) == frozenset({1, 2, 9, 10, 11})


def test_jaccard():
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset({1})) == 0.0


def test_greedy_match_takes_best_pairs_first_and_is_one_to_one():
    matched = greedy_match({(0, 0): 0.6, (0, 1): 0.9, (1, 0): 0.5})
    assert matched == {0: (1, 0.9), 1: (0, 0.5)}
    assert greedy_match({(0, 0): 0.9, (1, 0): 0.8}) == {0: (0, 0.9)}


def test_perfect_prediction_scores_one_everywhere():
    s = score_article(TEXT, gold(), gold())
    for counts in (s.any_overlap, s.half, s.exact, s.triple):
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert (s.direct.tp, s.direct.n_gold, s.indirect.tp, s.indirect.n_gold) == (1, 1, 1, 1)


def test_quotes_and_punctuation_do_not_break_exact_match():
    pred = [Relation(((1, 12),), SAID, SMITH)]  # no quote marks, no comma
    s = score_article(TEXT, gold()[:1], pred)
    assert s.exact.tp == 1 and s.triple.tp == 1


def test_jaccard_thresholds():
    # "taxes rise today" vs gold "that taxes rise today": J = 16/21 -> half, not exact.
    # "today" alone: J = 5/21 -> any overlap only.
    pred = [Relation(((46, 62),), CLAIMED, JONES), Relation(((57, 62),), CLAIMED, JONES)]
    s = score_article(TEXT, gold()[1:], pred)
    assert (s.any_overlap.tp, s.half.tp, s.exact.tp, s.triple.tp) == (1, 1, 0, 1)
    assert s.half.precision == 0.5 and s.half.recall == 1.0
    s = score_article(TEXT, gold()[1:], pred[1:])
    assert (s.any_overlap.tp, s.half.tp, s.exact.tp, s.triple.tp) == (1, 0, 0, 0)
    assert s.indirect.tp == 0 and s.indirect.n_gold == 1


def test_triple_needs_cue_and_source_overlap():
    wrong_cue = [Relation(QUOTE, CLAIMED, SMITH)]
    wrong_source = [Relation(QUOTE, SAID, JONES)]
    no_source = [Relation(QUOTE, SAID, ())]
    for pred in (wrong_cue, wrong_source, no_source):
        s = score_article(TEXT, gold()[:1], pred)
        assert s.half.tp == 1 and s.triple.tp == 0


def test_gold_without_source_matches_prediction_without_source():
    unsourced = [Relation(TAXES, CLAIMED, ())]
    assert score_article(TEXT, unsourced, unsourced).triple.tp == 1
    assert score_article(TEXT, unsourced, [Relation(TAXES, CLAIMED, JONES)]).triple.tp == 0


def test_triple_matching_is_separate_from_content_matching():
    # Two predictions of one gold content: the closer one has the wrong cue; triple still finds
    # the other one.
    pred = [Relation(QUOTE, CLAIMED, SMITH), Relation(((1, 9),), SAID, SMITH)]
    s = score_article(TEXT, gold()[:1], pred)
    assert s.exact.tp == 1 and s.triple.tp == 1 and s.triple.n_pred == 2


def test_quoted_positions_and_direct_speech():
    quoted = quoted_positions(TEXT)
    assert quoted[1] and quoted[11] and not quoted[0] and not quoted[15]
    assert is_direct(content_chars(QUOTE, TEXT), quoted)
    assert not is_direct(content_chars(TAXES, TEXT), quoted)
    nyt = "He said, ''this is so,'' and \"that\" too.\n“Open\nclosed"
    q = quoted_positions(nyt)
    assert q[nyt.index("this")] and not q[nyt.index("and")] and q[nyt.index("that")]
    assert q[nyt.index("Open")] and not q[nyt.index("closed")]


def test_score_sums_articles():
    class Art:
        def __init__(self, relations):
            self.text, self.relations = TEXT, relations
    s = score([Art(gold()), Art(gold()[:1])], [gold(), []])  # type: ignore[list-item]
    assert (s.half.tp, s.half.n_pred, s.half.n_gold) == (2, 2, 3)


def test_parse_ann_roles_content2_and_missing_source():
    ann = "\n".join([
        "T1\tSource 0 5\tSmith",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 20;30 40\tx",
        "T4\tContent 50 60\ty",
        "T5\tAttribution 6 10\tsaid",
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4",
        "T6\tCue 70 75\tsaid",
        "T7\tContent 76 90\tz",
        "T8\tAttribution-no-source 70 75\tsaid",
        "E2\tAttribution-no-source:T8 Cue:T6 Content:T7",
        "E3\tAttribution:T5 Cue:T2",  # no content: dropped
        "#1\tAnnotatorNotes T1\tnote",
    ])
    assert parse_ann(ann) == [
        Relation(((11, 20), (30, 40), (50, 60)), ((6, 10),), ((0, 5),)),
        Relation(((76, 90),), ((70, 75),), ()),
    ]


@pytest.fixture(scope="module")
def dev():
    if not (polnear_dir() / "dev").is_dir():
        pytest.skip("PolNeAR dev data not available")
    return read_split("dev")


def test_reader_on_dev(dev):
    assert len(dev) == 84
    names = [a.name for a in dev]
    assert names == sorted(names)
    ann_dir = polnear_dir() / "dev" / "attributions"
    for article in dev:
        first = sorted(ann_dir.glob(f"{article.name}_*.ann"))[0]
        assert first.stem == f"{article.name}_{article.annotator}"
    relations = [r for a in dev for r in a.relations]
    assert len(relations) > 2000
    for article in dev:
        for rel in article.relations:
            for start, end in rel.content + rel.cue + rel.source:
                assert 0 <= start < end <= len(article.text)
    assert all(r.content for r in relations)
    assert sum(1 for r in relations if not r.source) > 50  # Attribution-no-source exists


def test_gold_against_itself_is_perfect(dev):
    s = score(dev, [a.relations for a in dev])
    assert s.half.f1 == 1.0 and s.triple.f1 == 1.0 and s.exact.f1 == 1.0
    assert s.direct.n_gold > 100 and s.indirect.n_gold > s.direct.n_gold
