"""Blocking in claim building: a statement meets only the claims (and chains) whose sources
its own may match, and the story comes out as if it met every one."""

from __future__ import annotations

import random
from itertools import product

import pytest

from claimgraph.link import claims as claims_module
from claimgraph.link import grading, speakers
from claimgraph.link import text as tx
from claimgraph.link.claims import build_claims, chains
from claimgraph.link.speakers import NameBlocks, SourceIndex, names_match, speaker_match
from claimgraph.link.statements import views
from claimgraph.link.story import build_story

from .builders import quantity, record, statement
from .scenarios import vostrel_story

NAMES = ["Mirek Danov", "Danov", "Mirek", "Anna Danova", "Mirek Anton Danov", "Anton Reyes",
         "Dr Anton Reyes", "Reyes", "Степан Журавльов", "Stepan Zhuravlyov", "Журавльов",
         "Selva Tribune", "Tribune", "Kestrian Ministry of Defence", "Ministry of Defence",
         "Marek Solvay", "Solvay"]


def test_name_blocks_find_every_key_names_match_ties():
    keys = [k for k in (tx.name_tokens(n) for n in NAMES) if k]
    rnd = random.Random(3)
    words = sorted({w for k in keys for w in k})
    keys += [tuple(rnd.sample(words, rnd.randint(1, 4))) for _ in range(300)]
    blocks = NameBlocks()
    for n, key in enumerate(keys):
        blocks.add(key, n)
    for x in keys:
        found = blocks.find(x)
        missed = [y for n, y in enumerate(keys) if names_match(x, y) and n not in found]
        assert not missed, (x, missed)


def _speaking(name: str | None, publisher: str, n: int, via: list[str] | None = None,
              figure: int = 40, thing: str = "boats", action: str = "seized") -> dict:
    who = name or "It"
    content = f"{figure} {thing} had been {action} in Port Selva"
    text = f"{who} said on Monday that {content}."
    st = statement(text, "s1", content, name, "said", via=via,
                   quantities=[quantity(text, f"{figure} {thing}", figure, thing)])
    language = "uk" if name and name[0] in "СЖ" else "en"
    return record(f"d{n}", text, publisher, "2024-03-05", statements=[st], language=language)


def _story_views() -> list:
    records = [_speaking(name, publisher, n)
               for n, (name, publisher) in enumerate(product(
                   [*NAMES, "the governor", "police", "union leader Marek Solvay"],
                   ["Selva Tribune", "Harbour Daily"]))]
    records += [_speaking("Harbour Daily", "Wire Service", 900),
                _speaking("Kestrian Ministry of Defence", "Selva Tribune", 901,
                          via=["Mirek Danov"])]
    found = [v for i, r in enumerate(records) for v in views(r, i)]
    speakers.share_affiliations(found)
    return found


def test_a_source_index_finds_every_statement_whose_source_may_match():
    every = _story_views()
    index = SourceIndex()
    for n, view in enumerate(every):
        index.add(view, n)
    ruled_in = 0
    for view in every:
        found = index.find(view)
        if found is None:
            continue
        for n, other in enumerate(every):
            if speaker_match(view, other) > 0:
                ruled_in += 1
                assert n in found, (view.speaker_name, other.speaker_name)
    assert ruled_in > len(every)  # the test reaches matches, not only the view itself


def _grouping(records: list[dict]) -> list[list[tuple]]:
    claims = build_claims(records)
    return [[(m.doc_id, m.sid, m.inferred) for m in c.members] + [c.proposition]
            for c in claims] + [[c.id for c in chain] for chain in chains(claims)]


def _varied_story() -> list[dict]:
    rnd = random.Random(11)
    out = []
    for n in range(80):
        name = rnd.choice(["Mirek Danov", "Danov", "Anton Reyes", "Oskar Lind", "Ilan Morrow",
                           "Petra Voss", "Lena Marsh", "Marek Solvay", "Selva Tribune",
                           "the governor", "police", None])
        via = ["Mirek Danov"] if rnd.random() < 0.2 else None
        out.append(_speaking(name, rnd.choice(["Selva Tribune", "Harbour Daily", "Wire"]), n,
                             via=via, figure=rnd.choice([40, 41, 400, 4000]),
                             thing=rnd.choice(["boats", "trucks"]),
                             action=rnd.choice(["seized", "sunk", "impounded"])))
    return out


def _unblocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every statement meets every claim and chain; every root meets every other root."""
    monkeypatch.setattr(SourceIndex, "find", lambda self, view: None)
    monkeypatch.setattr(claims_module, "_proposition_keys", lambda root: {"every"})
    monkeypatch.setattr(grading, "unit_keys", lambda view: {"every"})


@pytest.mark.parametrize("story", [vostrel_story, _varied_story])
def test_blocking_changes_no_claim_proposition_or_chain(story, monkeypatch):
    blocked = _grouping(story())
    _unblocked(monkeypatch)
    assert _grouping(story()) == blocked


def test_blocking_changes_no_story(monkeypatch):
    records = _varied_story()
    blocked = build_story("S", records)
    _unblocked(monkeypatch)
    assert build_story("S", records) == blocked
