"""Russian, Ukrainian and Bulgarian documents on the web: language facet, lemma search,
language and direction marked on the text."""

from __future__ import annotations

import json

from claimgraph.store import Ingester, Store
from claimgraph.store.inputs import ingest_items

DOCS = [
    {"id": "ru-web", "publisher": "Вестник", "published": "2025-03-12",
     "text": "Резервисты на службе\n\nГубернатор Иван Петров заявил, что около 4000 резервистов "
             "призваны на службу."},
    {"id": "uk-web", "publisher": "Вісник", "published": "2025-03-12",
     "text": "Резервісти прибули\n\nМіністр Олексій Коваль повідомив, що понад 1200 резервістів "
             "прибули до міста."},
]


def test_language_facet_and_lemma_search(tmp_path, extractor):
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS), encoding="utf-8")
    db = tmp_path / "langs.db"
    with Store.open(db, write=True) as store:
        summary = Ingester(store, extract=extractor).run(ingest_items([str(source)]))
        assert summary.failed == 0, summary.errors
    with TestClient(create_app(db, extractor=extractor)) as client:
        found = client.get("/api/v1/search/facets", params={"q": "резервисты призвали"}).json()
        assert [(s["document"], s["language"]) for s in found["statements"]] == [("ru-web", "ru")]
        assert [v["value"] for v in found["facets"]["language"]] == ["ru"]
        uk = client.get("/api/v1/search", params={"q": "резервіст", "language": "uk"}).json()
        assert [d["id"] for d in uk["documents"]] == ["uk-web"]
        assert uk["filters"]["language"] == "uk"
        page = client.get("/search", params={"q": "резервист", "language": "ru"}).text
        assert "Language: ru" in page and 'lang="ru" dir="auto"' in page
        doc = client.get("/documents/ru-web").text
        assert '<div class="text" id="text" lang="ru" dir="auto">' in doc
        listed = client.get("/api/v1/statements", params={"language": "uk"}).json()
        assert {s["language"] for s in listed["items"]} == {"uk"}
