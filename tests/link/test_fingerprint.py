"""Fingerprints: JSON round trip, MinHash bands, extraction keys and time buckets."""

from __future__ import annotations

import json

from claimgraph.link.fingerprint import Fingerprint, fingerprint

from .builders import record
from .scenarios import vostrel_story


def test_round_trip_through_json():
    fp = fingerprint(vostrel_story()[0])
    again = Fingerprint.from_json(json.loads(json.dumps(fp.to_json())))
    assert again == fp
    assert again.published == "2024-03-05"


def test_keys_come_from_text_and_extraction():
    fp = fingerprint(vostrel_story()[1])
    kinds = {key.split(":")[0] for key in fp.band_keys}
    assert {"mh", "spk", "qty", "src", "name", "num"} <= kinds
    assert any(k.startswith("spk:mirek danov@") for k in fp.band_keys)
    assert any(k.startswith("qty:4000|reservist@") for k in fp.band_keys)
    assert any(k.startswith("src:ministry defence@") for k in fp.band_keys)


def test_wire_copy_shares_minhash_bands():
    text = vostrel_story()[0]["document"]["text"]
    a = fingerprint(record("a", text, "Wire", "2024-03-05"))
    b = fingerprint(record("b", "By Wire Agency. " + text, "Gazette", "2024-03-06"))
    shared = {k for k in a.band_keys if k.startswith("mh:")} & set(b.band_keys)
    assert len(shared) >= 8
    assert a.jaccard(b) > 0.8


def test_reworded_report_still_shares_extraction_keys():
    update, _, _, over, _ = vostrel_story()
    a, b = fingerprint(update), fingerprint(over)
    assert not {k for k in a.band_keys if k.startswith("mh:")} & set(b.band_keys)
    assert {k for k in a.band_keys if not k.startswith("mh:")} & set(b.band_keys)


def test_time_buckets_meet_within_the_window_only():
    text = "Mayor Anna Kovac said 300 homes were flooded in Tarvik."
    keys = [
        fingerprint(record(str(i), text, "Post", day)).band_keys
        for i, day in enumerate(["2024-03-01", "2024-03-08", "2024-03-20"])
    ]
    named = [{k for k in ks if k.startswith("name:")} for ks in keys]
    assert named[0] & named[1]  # seven days apart
    assert not named[0] & named[2]  # nineteen days apart


def test_undated_and_empty_records_still_fingerprint():
    fp = fingerprint(
        {"document": {"id": "x", "text": "Mayor Anna Kovac said 300 homes were flooded."}}
    )
    assert fp.published is None
    assert any(k.startswith("name:anna kovac") and "@" not in k for k in fp.band_keys)
    assert fingerprint({"document": {"id": "y", "text": ""}}).band_keys == []  # no shingles
