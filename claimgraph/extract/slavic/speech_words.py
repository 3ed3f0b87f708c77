"""The words the Slavic speech finder reads, one language at a time (``SpeechWords``):
reporting verbs and their stance, 'according to', citing and 'this was stated' phrases,
role, body, outlet, source and epithet nouns, pronouns, abbreviations, and the patterns
built from them; from ``slavic_cues.json``, ``slavic_speakers.json`` and the date
prepositions of ``slavic_dates.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .words import alternation, cue_verbs, lemma_set, part

OBLIQUE = ("gent", "accs", "datv", "ablt", "loct")
ABBREVIATION = re.compile(r"^[А-ЯЁІЇЄҐ](?:[А-ЯЁІЇЄҐ]|[а-яёіїєґ](?=[А-ЯЁІЇЄҐ])){1,5}$")
RELATIVES = frozenset({"который", "которая", "которое", "которые", "який", "яка", "яке", "які",
                       "който", "която", "което", "които"})


@dataclass(frozen=True)
class SpeechWords:
    language: str
    verbs: dict[str, str]
    according: dict[str, str]
    according_re: re.Pattern[str]
    according_pronoun_re: re.Pattern[str]
    according_pronoun: dict[str, str]
    citing_re: re.Pattern[str]
    citing_on_re: re.Pattern[str]
    cited_by_re: re.Pattern[str]
    complementizers: frozenset[str]
    as_words: frozenset[str]
    this_was_re: re.Pattern[str]
    roles: frozenset[str]
    bodies: frozenset[str]
    pronouns: dict[str, str]
    skip: frozenset[str]
    honorifics: frozenset[str]
    body_prepositions: tuple[tuple[str, ...], ...]
    outlets: frozenset[str]
    sources: frozenset[str]
    epithets: frozenset[str]
    attachments: frozenset[str]
    abbreviations: dict[str, str]
    stops: frozenset[str]
    prepositions: frozenset[str]
    impersonal_re: re.Pattern[str]
    told_re: re.Pattern[str]
    relaying: frozenset[str]


@cache
def speech_words(language: str) -> SpeechWords:
    cues = part("cues", language)
    speakers = part("speakers", language)
    according = {" ".join(k.lower().split()): v for k, v in cues["according_to"].items()}
    prepositions = part("dates", language)["prepositions"]
    stops = set(cues["complementizers"]) | set(cues["as"]) | {"и", "а", "но", "і", "й", "та",
                                                              "але", "и", "но", "не", "ни"}
    possessives = cues["possessives"]
    pron = alternation(possessives)
    by_pronoun = {" ".join(k.lower().split()): v for k, v in cues["according_to_pronoun"].items()}
    pronoun_phrases = "|".join(
        re.escape(k).replace(r"\ ", r"\s+").replace(r"\{p\}", rf"(?P<p{i}>{pron})")
        for i, k in enumerate(sorted(by_pronoun, key=len, reverse=True)))
    return SpeechWords(
        language=language,
        verbs=cue_verbs(language),
        according=according,
        according_re=re.compile(rf"(?<![\w-])(?:{alternation(according)})(?![\w-])", re.I),
        according_pronoun_re=re.compile(rf"(?<![\w-])(?:{pronoun_phrases})(?![\w-])", re.I),
        according_pronoun=by_pronoun,
        citing_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['citing'])})(?![\w-])", re.I),
        cited_by_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['cited_by'])})(?![\w-])", re.I),
        citing_on_re=re.compile(
            rf",\s*(?P<rel>{alternation(RELATIVES)})(?![\w-])[^.!?;:«»„“]{{0,40}}?"
            rf"(?<![\w-])(?:{alternation(cues['citing_on'])})(?![\w-])\s*", re.I),
        complementizers=frozenset(cues["complementizers"]),
        as_words=frozenset(cues["as"]),
        this_was_re=re.compile(rf"^\s*(?:{alternation(cues['this_was'])})(?![\w-])", re.I),
        roles=lemma_set("speakers", "roles", language),
        bodies=lemma_set("speakers", "bodies", language),
        pronouns={k.lower(): v for k, v in {**possessives, **speakers["pronouns"]}.items()},
        skip=frozenset(speakers["skip"]) | frozenset(prepositions),
        honorifics=frozenset(w.lower() for w in speakers["honorifics"]),
        body_prepositions=tuple(tuple(p.split()) for p in speakers["body_prepositions"]),
        outlets=lemma_set("speakers", "outlets", language),
        sources=lemma_set("speakers", "sources", language),
        epithets=lemma_set("speakers", "epithets", language),
        attachments=frozenset(speakers["attachments"]),
        abbreviations=dict(speakers["abbreviations"]),
        stops=frozenset(stops | {"этом", "том", "этого", "цьому", "тому", "цього", "това", "тази"}),
        prepositions=frozenset(w for w in speakers["prepositions"] if " " not in w),
        impersonal_re=re.compile(rf"(?<![\w-])(?:{alternation(cues['impersonal'])})(?![\w-])",
                                 re.I),
        relaying=frozenset(w.lower() for w in cues["relaying"]),
        told_re=re.compile(
            rf"(?<![\w-])(?:{alternation(cues['told'])})(?:\s+(?:{alternation(cues['told'])}))?"
            r"\s+(?:(?P<quoted>«[^»\n]{1,60}»|„[^“\n]{1,60}“|\"[^\"\n]{1,60}\")"
            r"|(?P<named>[A-ZА-ЯЁІЇЄҐ][\w-]*(?:\s+(?:\d+|[A-ZА-ЯЁІЇЄҐ][\w-]*))*)"
            r"|(?P<phrase>[^\W\d_]+(?:\s+[^\W\d_]+)?))", re.I),
    )
