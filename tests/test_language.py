"""Language detection, routing to each language's pipeline, and documents extraction does
not read kept without statements."""

from __future__ import annotations

import json

from claimgraph.cli import main
from claimgraph.language import detect, supported
from claimgraph.model import Document
from claimgraph.pipeline import extract_one

RU = ("Министерство обороны заявило, что около 4000 резервистов были призваны в регионе с "
      "января. Губернатор также сообщил, что 1500 из них уже охраняют побережье.")
UK = ("Міністерство оборони заявило, що близько 4000 резервістів призвали в регіоні з "
      "січня. Губернатор також повідомив, що 1500 з них уже охороняють узбережжя.")
BG = ("Министерството на отбраната заяви, че около 4000 резервисти са мобилизирани в "
      "региона от януари. Губернаторът съобщи, че 1500 от тях вече охраняват брега.")
EN = "The ministry said on Tuesday that about 4,000 reservists had been called up."
DE = ("Das Verteidigungsministerium erklärte am Dienstag, dass etwa 4000 Reservisten in der "
      "Region einberufen worden seien.")


def test_detects_the_languages_of_the_relay():
    assert [detect(t) for t in (EN, RU, UK, BG)] == ["en", "ru", "uk", "bg"]
    assert detect("Velsa") == "en"  # too little to tell: read as English
    assert detect("Он сказал") in ("ru", "uk", "bg", "mk", "sr", "be")  # short, yet Cyrillic
    assert all(supported(code) for code in ("en", "ru", "uk", "bg")) and not supported("de")


def test_each_language_goes_to_its_own_pipeline(nlp):
    for text, code, cue in ((RU, "ru", "заявило"), (UK, "uk", "заявило"), (BG, "bg", "заяви")):
        result = extract_one(nlp, Document(text=text))
        assert result.document.language == code
        assert [s.cue.text for s in result.statements if s.cue][:1] == [cue]


def test_other_languages_are_kept_without_english_rules(nlp):
    result = extract_one(nlp, Document(text=DE))
    assert result.document.language == "de"
    assert result.statements == [] and result.entities == []
    english = extract_one(nlp, Document(text=EN))
    assert english.document.language == "en" and english.statements


def test_an_explicit_language_wins(nlp):
    assert extract_one(nlp, Document(text=EN, language="en")).document.language == "en"
    assert extract_one(nlp, Document(text=EN, language="de")).statements == []
    # Russian read as Russian even where detection would say otherwise, English never
    forced = extract_one(nlp, Document(text=BG, language="ru"))
    assert forced.document.language == "ru"


def test_extract_says_so_in_one_line(tmp_path, capsys):
    path = tmp_path / "de.txt"
    path.write_text(DE, encoding="utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["document"]["language"] == "de"
    assert out.err.strip().count("\n") == 0 and "language 'de' is not supported" in out.err
