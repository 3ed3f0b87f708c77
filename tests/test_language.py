"""Language detection, and documents extraction does not read kept without statements."""

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


def test_detects_the_languages_of_the_relay():
    assert [detect(t) for t in (EN, RU, UK, BG)] == ["en", "ru", "uk", "bg"]
    assert detect("Velsa") == "en"  # too little to tell: read as English
    assert supported("en") and not supported("ru")


def test_other_languages_are_kept_without_english_rules(nlp):
    result = extract_one(nlp, Document(text=RU))
    assert result.document.language == "ru"
    assert result.statements == [] and result.entities == []
    english = extract_one(nlp, Document(text=EN))
    assert english.document.language == "en" and english.statements


def test_an_explicit_language_wins(nlp):
    assert extract_one(nlp, Document(text=EN, language="en")).document.language == "en"
    assert extract_one(nlp, Document(text=EN, language="de")).statements == []


def test_extract_says_so_in_one_line(tmp_path, capsys):
    path = tmp_path / "ru.txt"
    path.write_text(RU, encoding="utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["document"]["language"] == "ru"
    assert out.err.strip().count("\n") == 0 and "language 'ru' is not supported" in out.err
