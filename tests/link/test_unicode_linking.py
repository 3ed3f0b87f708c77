"""Story linking outside ASCII: words of any script, and no story built on empty MinHashes.

The word regex was ASCII-only, so a Cyrillic document had no words and an empty MinHash, and
two empty MinHashes looked like a wire copy: every such document of a week fell into one
story. All people, places and outlets below are invented.
"""

from __future__ import annotations

import unicodedata

from claimgraph.link import StoryIndex
from claimgraph.link import text as tx
from claimgraph.link.fingerprint import NUM_PERM, Fingerprint, fingerprint
from claimgraph.link.stories import similarity

from .builders import record

FLOOD_RU = (
    "Мэр Верхнеречинска Аркадий Соломатин заявил во вторник, что паводок затопил 340 домов "
    "в низине у реки Журавлинка. По его словам, спасатели вывезли жителей трёх улиц, а школы "
    "района закрыты до конца недели. Областной штаб обещал выделить временное жильё всем "
    "пострадавшим семьям."
)
BRIDGE_RU = (
    "Компания «Северный мост» выиграла конкурс на ремонт старой набережной в Заозёрске, "
    "сообщила пресс-служба администрации. Директор компании Тамара Лиходеева пообещала "
    "закончить работы к осени. Стоимость контракта составит 58 миллионов рублей, а первые "
    "бригады выйдут на объект в мае."
)
REGATTA_PL = (
    "Gdańsk przyjmie w czerwcu regaty żeglarskie, zapowiedziała prezydent miasta Zofia "
    "Kręglewska-Ożarowska. Na starcie stanie czterdzieści łodzi z sześciu krajów."
)


def mh_keys(fp: Fingerprint) -> list[str]:
    return [k for k in fp.band_keys if k.startswith("mh:")]


def test_unrelated_cyrillic_documents_of_one_week_are_separate_stories():
    index = StoryIndex()
    flood = index.add(record("ru1", FLOOD_RU, "Вестник Приречья", "2024-04-02"))
    bridge = index.add(record("ru2", BRIDGE_RU, "Заозёрская правда", "2024-04-04"))
    assert flood != bridge
    a, b = index.fingerprints["ru1"], index.fingerprints["ru2"]
    assert mh_keys(a) and mh_keys(b)
    assert a.jaccard(b) < 0.1


def test_cyrillic_wire_copies_are_one_story():
    index = StoryIndex()
    first = index.add(record("ru1", FLOOD_RU, "Вестник Приречья", "2024-04-02"))
    copy = index.add(
        record("ru3", "Агентство «Приречье-Пресс». " + FLOOD_RU, "Городские вести", "2024-04-03")
    )
    assert copy == first
    a, b = index.fingerprints["ru1"], index.fingerprints["ru3"]
    assert len(set(mh_keys(a)) & set(mh_keys(b))) >= 8
    assert a.jaccard(b) > 0.8


def test_cyrillic_words_terms_and_names():
    assert tx.words("Мэр Верхнеречинска заявил") == ["Мэр", "Верхнеречинска", "заявил"]
    assert {"спасатель", "вывезти"} <= set(tx.terms(FLOOD_RU, "ru"))  # lemmas
    assert "flood" in tx.terms(FLOOD_RU, "ru")  # "паводок", a concept of the concept table
    # names as name keys, whatever their case: "Соломатин", "Журавлинка"
    assert {tx.stem("Соломатина"), tx.stem("Журавлинку")} <= tx.names(FLOOD_RU)


def test_accented_latin_name_is_one_word():
    assert "Gdańsk" in tx.words(REGATTA_PL)
    assert "Kręglewska-Ożarowska" in tx.words(REGATTA_PL)
    decomposed = unicodedata.normalize("NFD", "Gdańsk")  # "n" and a combining acute accent
    assert tx.words(decomposed) == ["Gdańsk"]
    assert "gdańsk" in tx.terms(REGATTA_PL)
    assert "zofia kręglewska ożarowska" in tx.names(REGATTA_PL)


def test_casefolding_meets_other_spellings():
    assert tx.stem("STRAßE") == tx.stem("strasse")
    assert tx.stem("ΟΔΟΣ") == tx.stem("οδος")  # final sigma folds to sigma
    assert tx.terms("ΠΛΗΜΜΥΡΑ") == tx.terms("πλημμυρα")


def test_words_of_other_scripts():
    greek = ["Η", "πλημμύρα", "έπληξε", "την", "Αλκυονία"]
    assert tx.words(" ".join(greek)) == greek
    assert tx.words("قالَ الوزيرُ") == ["قالَ", "الوزيرُ"]  # vowel marks stay inside the word
    assert tx.words("हिन्दी समाचार") == ["हिन्दी", "समाचार"]
    assert tx.words("港口关闭") == ["港", "口", "关", "闭"]  # no spaces: one word per ideograph
    assert tx.words("snake_case 3-year-old") == ["snake", "case", "3-year-old"]


def test_document_without_shingles_gets_no_minhash_keys():
    empty = fingerprint(record("e1", "", "Post", "2024-04-02"))
    short = fingerprint({"document": {"id": "e2", "text": "Фото дня", "published": "2024-04-02"}})
    for fp in (empty, short):
        assert fp.minhash == []
        assert not mh_keys(fp)
    assert empty.band_keys == []


def test_empty_minhashes_are_never_near_duplicates():
    a = fingerprint(record("e1", "", "Post", "2024-04-02"))
    b = fingerprint(record("e2", "", "Post", "2024-04-02"))
    assert a.jaccard(b) == 0.0
    assert similarity(a, b) == 0.0
    # Fingerprints stored before this fix hold an empty MinHash as all-maximum values.
    legacy = [(1 << 32) - 1] * NUM_PERM
    a.minhash, b.minhash = list(legacy), list(legacy)
    assert a.jaccard(b) == 0.0
    assert similarity(a, b) == 0.0


def test_documents_without_words_open_their_own_stories():
    index = StoryIndex()
    stories = {
        index.add(record(f"w{i}", text, "Post", "2024-04-02"))
        for i, text in enumerate(["", "…", "Фото дня", "— 12 —"])
    }
    assert len(stories) == 4
