"""What the words of a Slavic speaker phrase are: the role noun ('голови' is also a form of
'голова') or epithet ('очільника') a word is a form of, a number word counting people
('двама министри'), a noun's forms with and without the Bulgarian definite article, a
Bulgarian role noun as a subject ('министъра' -> 'министърът'), and the nouns that name
a statement ('сводка', 'зведення', 'съобщение')."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..lemmas import analyser
from .speech_words import SpeechWords
from .words import lemma_set


def statement_nouns(language: str) -> frozenset[str]:
    return lemma_set("cues", "statement_nouns", language)


def role_of(tok: Token, lex: SpeechWords) -> str | None:
    """The role noun ``tok`` is a form of, by any of its readings: 'голови' is read first
    as the plural of 'голови' (heads of cabbage), but is also the genitive of 'голова'."""
    if tok.lemma_ in lex.roles:
        return tok.lemma_
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha:
        return None
    return next((p.normal_form for p in morph.parse(tok.lower_) if p.normal_form in lex.roles),
                None)


def epithet_of(tok: Token, lex: SpeechWords) -> str | None:
    """The epithet noun ('очільник', 'поліцейський') ``tok`` is a form of, if any."""
    if tok.lemma_ in lex.epithets:
        return tok.lemma_
    morph = analyser(lex.language)
    if morph is None or not tok.is_alpha:
        return None
    return next((p.normal_form for p in morph.parse(tok.lower_)
                 if p.normal_form in lex.epithets), None)


@cache
def _number_words(language: str) -> frozenset[str]:
    return lemma_set("quantities", "number_words", language)


def count_word(tok: Token, lex: SpeechWords) -> bool:
    """A number word counting people ('двама министри', 'двох високопосадовців')."""
    return tok.is_alpha and (tok.lemma_ in _number_words(lex.language)
                             or tok.lower_ in _number_words(lex.language))


_BG_ARTICLES = ("ът", "ят", "та", "то", "те", "а", "я")


def noun_forms(tok: Token, lex: SpeechWords) -> set[str]:
    """The lemma of a noun, and in Bulgarian also the word without its definite article,
    which the lemmatiser does not always strip ('бюлетина' -> 'бюлетин')."""
    forms = {tok.lemma_}
    if lex.language == "bg":
        low = tok.lower_
        forms |= {low[:-len(a)] for a in _BG_ARTICLES if low.endswith(a) and len(low) > len(a) + 2}
    return forms


def full_article(tok: Token, lex: SpeechWords) -> str:
    """A Bulgarian masculine role noun as a subject: 'министъра' -> 'министърът'."""
    word = tok.text
    if tok.lemma_ in lex.roles and word.lower() != tok.lemma_ and word[-1:] in ("а", "я") \
            and word[:-1].lower() == tok.lemma_:
        return word[:-1] + ("ят" if word.endswith("я") else "ът")
    return word
