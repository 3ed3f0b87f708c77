"""An update composed from assessments: Markdown, HTML and the document that is stored."""

from __future__ import annotations

from claimgraph.assess.judgements import new_assessment
from claimgraph.assess.updates import as_document, compose

JUDGEMENT = "It is highly likely that Kestria will call up more reservists before April"


def _ledger():
    return [new_assessment(JUDGEMENT, "highly likely", confidence="moderate"),
            new_assessment("It is unlikely that the port reopens this month.", "unlikely")]


def test_markdown_and_html_carry_each_judgement_with_its_band():
    md = compose(_ledger(), title="Update 7", organisation="Aldorian DI", date="2024-03-10")
    assert md.startswith("# Update 7\n")
    assert f"{JUDGEMENT}. (highly likely, 80-90%; moderate confidence)" in md
    assert "(unlikely, 25-35%)" in md
    page = compose(_ledger(), title="Update <7>", organisation="Aldorian DI", date="2024-03-10",
                   fmt="html")
    assert "<title>Update &lt;7&gt;</title>" in page and '<time datetime="2024-03-10">' in page


def test_the_stored_document_keeps_the_wording_and_a_stable_id():
    doc = as_document(_ledger(), title="Update 7", organisation="Aldorian DI", date="2024-03-10")
    again = as_document(_ledger(), title="Update 7", organisation="Aldorian DI",
                        date="2024-03-10")
    assert doc.id == again.id and doc.id.startswith("update:")
    assert (doc.publisher, doc.published) == ("Aldorian DI", "2024-03-10")
    assert f"{JUDGEMENT}." in doc.text and "80-90%" not in doc.text
