"""The statistical attribution finder: features, model files, grouping and the component."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from claimgraph.errors import ClaimgraphError
from claimgraph.extract import attributions as attr
from claimgraph.nlp import load_model
from claimgraph.pipeline import EXTENSIONS  # noqa: F401  (registers the Doc extensions)


@pytest.fixture(scope="module")
def attr_nlp():
    nlp = load_model()
    nlp.add_pipe("claimgraph_attributions", last=True)
    return nlp


def _text(doc, span):
    return doc.text[span[0]:span[1]] if span else None


def test_direct_quote_with_cue_and_source(attr_nlp):
    doc = attr_nlp("“We will not back down from this fight,” the minister said on Tuesday.")
    [a] = doc._.attributions
    assert "We will not back down" in _text(doc, a.content[0])
    assert _text(doc, a.cue) == "said"
    assert "minister" in _text(doc, a.source)
    assert 0.0 < a.score <= 1.0


def test_indirect_speech_before_and_after_the_cue(attr_nlp):
    doc = attr_nlp("Senior officials said that the bridge would reopen next week after repairs.")
    [a] = doc._.attributions
    assert "the bridge would reopen next week" in _text(doc, a.content[0])
    assert _text(doc, a.cue) == "said"
    assert "officials" in _text(doc, a.source)
    doc = attr_nlp("The economy is stronger than it was a year ago, the governor claimed.")
    [a] = doc._.attributions
    assert "economy is stronger" in _text(doc, a.content[0])
    assert "claimed" in _text(doc, a.cue) and "governor" in _text(doc, a.source)


def test_plain_narration_has_no_attributions(attr_nlp):
    doc = attr_nlp("The bridge was built in 1932. It crosses the river at its widest point.")
    assert doc._.attributions == []


def test_spans_are_valid_offsets_in_text_order(attr_nlp):
    text = ("“Prices will fall,” the bank said. Analysts said the forecast was optimistic.\n\n"
            "According to the ministry, exports grew by 4 percent.")
    doc = attr_nlp(text)
    assert len(doc._.attributions) >= 2
    starts = [a.content[0][0] for a in doc._.attributions]
    assert starts == sorted(starts)
    for a in doc._.attributions:
        for start, end in a.content + [s for s in (a.cue, a.source) if s]:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


def test_pipe_matches_single_calls(attr_nlp):
    texts = ["He said the plan was dead.", "", "“No,” she replied. Nobody else spoke."]
    piped = [d._.attributions for d in attr_nlp.pipe(texts, batch_size=2)]
    single = [attr_nlp(t)._.attributions for t in texts]
    assert piped == single
    assert piped[1] == []


def test_unparsed_doc_is_a_clear_error():
    doc = spacy.blank("en")("He said it was fine.")
    with pytest.raises(ClaimgraphError, match="parsed"):
        attr.find_attributions(doc)


def test_doc_without_token_vectors_is_a_clear_error(attr_nlp):
    doc = attr_nlp.make_doc("He said it was fine.")
    for name, proc in attr_nlp.pipeline[:-1]:
        doc = proc(doc)
    doc.tensor = np.zeros((0, 0), dtype="float32")
    with pytest.raises(ClaimgraphError, match="token vectors"):
        attr.find_attributions(doc)


def test_other_spacy_model_is_refused():
    nlp = spacy.blank("en")
    with pytest.raises(ClaimgraphError, match="token vectors"):
        nlp.add_pipe("claimgraph_attributions")


def test_missing_model_files_are_a_clear_error(tmp_path):
    with pytest.raises(ClaimgraphError, match="missing"):
        attr.load_tagger(tmp_path)


def test_shipped_model_meta_names_data_and_scores():
    import json
    meta = json.loads((attr.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert "PolNeAR" in meta["data"]["train"]
    assert meta["dev_scores"]["content_f1_0.5"] > 0
    size = sum(p.stat().st_size for p in attr.MODEL_DIR.iterdir())
    assert size < 15_000_000


def test_save_and_load_round_trip(tmp_path, attr_nlp):
    config = dict(attr.DEFAULT_CONFIG, width=32, depth=1)
    model = attr.build_tagger(config)
    attr.initialize_tagger(model, config)
    attr.save_tagger(model, config, tmp_path, {"data": {}})
    loaded = attr.load_tagger(tmp_path)
    feats = [attr.model_inputs(attr_nlp("Officials said it rained."))]
    np.testing.assert_allclose(model.predict(feats)[0], loaded.predict(feats)[0], atol=2e-2)


def test_quote_states(attr_nlp):
    doc = attr_nlp("He said “yes, really” and ''no'' then.")
    states, lengths = attr.quote_states(doc)
    by_text = {t.text: (states[t.i], lengths[t.i]) for t in doc}
    assert by_text["“"][0] == 2 and by_text["”"][0] == 3
    assert by_text["yes"] == (1, 3) and by_text["no"] == (1, 1)
    assert by_text["He"] == (0, 0) and by_text["then"] == (0, 0)


def test_features_follow_the_verbs_above_a_token(attr_nlp):
    doc = attr_nlp("Officials said the bridge would reopen.")
    feats = attr.featurize(doc)
    assert feats.shape == (len(doc), len(attr.FEATURES))
    verb1 = attr.FEATURES.index("verb1")
    bridge, officials = doc[3], doc[0]
    # "bridge" hangs under "reopen", "Officials" directly under "said": different first verbs.
    assert feats[bridge.i, verb1] != feats[officials.i, verb1]
    # Tokens of the same clause under the same verb share it.
    assert feats[doc[2].i, verb1] == feats[bridge.i, verb1]
