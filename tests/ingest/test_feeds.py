"""RSS and Atom items: keys, dates, and whether an item's own content is the whole article."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import FULL_TEXT_WORDS, item_document, parse_feed
from claimgraph.ingest.fetch import Page

WHOLE = " ".join(["Officials said the bridge would reopen on Friday after repairs."] * 20)


def atom(entries: str) -> Page:
    body = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Ministry updates</title>{entries}</feed>").encode()
    return Page("https://gov.test/updates.atom", 200, "application/atom+xml", None, body)


def test_atom_entries_with_whole_content_need_no_fetch():
    feed = parse_feed(atom(
        '<entry><id>tag:gov.test,2024:1</id><title>Bridge</title>'
        '<updated>2024-04-02T08:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;{WHOLE}&lt;/p&gt;</content></entry>'
        '<entry><title>No id or link</title><content type="text">'
        f"{WHOLE}</content></entry>"
        '<entry><title>Nothing to read</title></entry>'), "feed")
    assert feed.title == "Ministry updates"
    first, second = feed.items  # the entry with neither key nor content is left out
    assert (first.key, first.link, first.published) == ("tag:gov.test,2024:1", None, "2024-04-02")
    assert second.key.startswith("content:sha256:")
    assert len(WHOLE.split()) >= FULL_TEXT_WORDS
    doc = item_document(first, feed, http=None)  # type: ignore[arg-type]  # never fetches
    assert doc.text.startswith("Officials said the bridge")
    assert (doc.title, doc.publisher, doc.published) == ("Bridge", "Ministry updates",
                                                         "2024-04-02")
    assert item_document(second, feed, http=None).text == WHOLE  # type: ignore[arg-type]


def test_not_a_feed_is_one_line():
    page = Page("https://gov.test/", 200, "text/html", None, b"<html><body>hi</body></html>")
    with pytest.raises(InputError) as caught:
        parse_feed(page, "https://gov.test/")
    assert str(caught.value) == "https://gov.test/: not an RSS or Atom feed"
