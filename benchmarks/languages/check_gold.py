"""Check the multilingual gold files: JSON shape, exact substrings, dates and numbers.

Usage::

    python benchmarks/languages/check_gold.py [FILE.jsonl ...] [--stories NAME ...]

With no argument, checks ``benchmarks/languages/dev.jsonl`` and ``heldout.jsonl`` and the
multilingual story sets ``tests/fixtures/stories/set_ml_*.jsonl`` with their
``.gold.json``. Prints one line per problem and a count per file and language; exits 1
when there is a problem. The format is in ``benchmarks/languages/README.md``.

What is checked, per document of a language set:

* the fields and their types; ids unique over all files; ``text`` starts with ``title``
  and a blank line; ``published`` and every date value are real calendar dates;
* every statement ``content`` occurs exactly once in ``text``, every ``cue`` occurs in
  it; ``said_on`` is not after ``published``;
* every quantity, date and estimate ``text`` occurs in ``text`` as a whole word, each
  annotation taking its own occurrence (an entry listed twice needs two), and no
  occurrence of an annotated string is left without an entry unless it lies inside
  another annotated string of the same kind;
* a quantity's digits, read with the language's decimal mark and a multiplier word after
  them ("3,7 тыс.", "1.2 million"), give its ``value`` (or ``low``/``high`` for a range);
* a date's weekday or relative word ("во вторник", "вчера") agrees with its value and
  ``published``; a month name and day number agree with the value;
* an estimate's ``low``/``high`` is a band of the PHIA yardstick, or for a negated term
  the part of 0..1 the band leaves (below an affirmative band, above a downward one).

Per story set: every document in exactly one gold story, roots inside their story,
drift ``before``/``after`` exact substrings of the re-reported and re-reporting documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_FILES = (HERE / "dev.jsonl", HERE / "heldout.jsonl")
STORIES = ROOT / "tests" / "fixtures" / "stories"
PHIA = ROOT / "claimgraph" / "data" / "scales" / "phia.json"

LANGUAGES = frozenset({"ru", "uk", "bg", "en", "pl", "de", "cs", "sr", "mk", "be", "fr"})
APPROXIMATORS = frozenset(
    {None, "about", "more_than", "at_least", "up_to", "less_than", "range", "vague"}
)
DRIFT_KINDS = (
    "hedge_dropped", "hedge_added", "hedge_changed", "quantity_changed",
    "approximator_changed", "cue_hardened", "action_changed", "attribution_dropped",
)
DATE_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
COMMA_DECIMAL = frozenset({"ru", "uk", "bg", "pl", "de", "cs", "sr", "mk", "be", "fr"})

# Stems of weekday names (index 0 = Monday) and relative day words, per language.
WEEKDAYS = {
    "ru": ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"),
    "uk": ("понеділ", "вівтор", "серед", "четвер", "п'ятниц", "субот", "неділ"),
    "bg": ("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "pl": ("poniedział", "wtor", "środ", "czwart", "piąt", "sobot", "niedziel"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "sr": ("понедељ", "утор", "сред", "четврт", "пет", "субот", "недељ"),
    "cs": ("pondělí", "úter", "střed", "čtvrt", "pát", "sobot", "neděl"),
}
RELATIVE = {  # word -> days from the publication date
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1,
    "позавчора": -2, "учора": -1, "вчора": -1, "сьогодні": 0,
    "днес": 0, "утре": 1, "онзи ден": -2,
    "yesterday": -1, "today": 0, "tomorrow": 1,
    "wczoraj": -1, "dzisiaj": 0, "dziś": 0, "jutro": 1,
    "gestern": -1, "heute": 0, "morgen": 1,
}
MONTHS = {  # stem -> month number, all languages together (stems do not collide)
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "січ": 1, "лют": 2, "берез": 3, "квіт": 4, "травн": 5, "черв": 6, "лип": 7,
    "серп": 8, "верес": 9, "жовт": 10, "листопад": 11, "груд": 12,
    "яну": 1, "фев": 2, "апр": 4, "юни": 6, "юли": 7, "авг": 8, "сеп": 9,
    "окт": 10, "ное": 11, "дек": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "stycz": 1, "lut": 2, "marc": 3, "marz": 3, "kwie": 4, "maj": 5, "czerw": 6, "lip": 7,
    "sierp": 8, "wrze": 9, "październik": 10, "paźdz": 10, "listopad": 11, "grud": 12,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
}
MULTIPLIERS = {
    "тыс": 1e3, "тысяч": 1e3, "тис": 1e3, "тисяч": 1e3, "хил": 1e3, "хиляд": 1e3,
    "thousand": 1e3, "tys": 1e3, "tysiąc": 1e3, "tausend": 1e3,
    "млн": 1e6, "миллион": 1e6, "мільйон": 1e6, "милион": 1e6, "million": 1e6, "mln": 1e6,
    "mio": 1e6, "milion": 1e6, "millionen": 1e6,
    "млрд": 1e9, "миллиард": 1e9, "мільярд": 1e9, "милиард": 1e9, "billion": 1e9,
    "mld": 1e9, "mrd": 1e9, "miliard": 1e9, "milliarde": 1e9,
}


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not DATE_VALUE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def phia_bands() -> set[tuple[float, float, bool]]:
    """(low, high, negated) of every PHIA band, and of the part of 0..1 a negated band leaves."""
    bands = json.loads(PHIA.read_text(encoding="utf-8"))["bands"]
    allowed: set[tuple[float, float, bool]] = set()
    for band in bands:
        low, high = float(band["low"]), float(band["high"])
        allowed.add((low, high, False))
        allowed.add((high, 1.0, True) if band.get("negative") else (0.0, low, True))
    return allowed


def word_occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Start/end of each occurrence of ``needle`` not glued to a letter or digit."""
    pattern = re.compile(r"(?<![\w])" + re.escape(needle) + r"(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def place(text: str, entries: list[dict[str, Any]], what: str, where: str) -> list[str]:
    """Give each entry its own occurrence (longest first); report missing and unlisted ones."""
    problems = []
    claimed: list[tuple[int, int]] = []
    for entry in sorted(entries, key=lambda e: -len(str(e.get("text", "")))):
        needle = entry.get("text")
        if not isinstance(needle, str) or not needle:
            problems.append(f"{where}: {what} without text: {entry}")
            continue
        free = [o for o in word_occurrences(text, needle) if not overlaps(o, claimed)]
        if not free:
            problems.append(f"{where}: {what} {needle!r} not in the text (or listed too often)")
            continue
        claimed.append(free[0])
    for needle in {e.get("text") for e in entries if isinstance(e.get("text"), str)}:
        for occ in word_occurrences(text, needle):
            if not overlaps(occ, claimed):
                problems.append(f"{where}: {what} {needle!r} occurs again, unannotated")
            elif not inside(occ, claimed) and occ not in claimed:
                problems.append(f"{where}: {what} {needle!r} straddles another annotation")
    return problems


def numbers_in(text: str, language: str) -> list[float]:
    """The numbers written in digits in ``text``, each times the multiplier word after it."""
    if language in COMMA_DECIMAL:
        num = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    else:
        num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    found: list[tuple[float, float | None]] = []
    for m in re.finditer(rf"({num})(?:\s*([^\W\d_]+)\.?)?", text):
        digits = m.group(1)
        if language in COMMA_DECIMAL:
            digits = re.sub(r"[ \u00a0\u202f.]", "", digits).replace(",", ".")
        else:
            digits = digits.replace(",", "")
        word = (m.group(2) or "").lower()
        mult = next((v for k, v in MULTIPLIERS.items() if word.startswith(k)), None)
        found.append((float(digits), mult))
    values = []
    for i, (n, m) in enumerate(found):  # "от 3 до 4 тыс.": a bare number takes the next one's
        later = next((m2 for _, m2 in found[i + 1:] if m2), None)
        values.append(n * (m or later or 1))
    return values


def check_quantity(q: dict[str, Any], language: str, where: str) -> list[str]:
    problems = []
    if set(q) - {"text", "value", "approximator", "unit", "low", "high"}:
        problems.append(f"{where}: quantity {q.get('text')!r} has unknown keys")
    approx = q.get("approximator")
    if approx not in APPROXIMATORS:
        problems.append(f"{where}: quantity {q.get('text')!r}: approximator {approx!r}")
    if q.get("unit") is not None and not isinstance(q["unit"], str):
        problems.append(f"{where}: quantity {q.get('text')!r}: unit must be a string or null")
    numbers = numbers_in(str(q.get("text", "")), language)
    if approx in ("range", "vague"):
        low, high = q.get("low"), q.get("high")
        if q.get("value") is not None or not all(isinstance(x, (int, float)) for x in (low, high)):
            problems.append(f"{where}: quantity {q.get('text')!r}: a {approx} has value null, "
                            "low and high")
        elif low > high:
            problems.append(f"{where}: quantity {q.get('text')!r}: low above high")
        elif approx == "range" and len(numbers) >= 2 and not (
            abs(numbers[0] - low) < 1e-6 and abs(numbers[-1] - high) < 1e-6
        ):
            problems.append(f"{where}: quantity {q.get('text')!r}: digits read {numbers}, "
                            f"gold {low}-{high}")
    else:
        value = q.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{where}: quantity {q.get('text')!r}: value must be a number")
        elif numbers and not any(abs(n - value) < 1e-6 for n in numbers):
            problems.append(f"{where}: quantity {q.get('text')!r}: digits read {numbers}, "
                            f"gold {value}")
    return problems


def check_date(d: dict[str, Any], language: str, published: dt.date, where: str) -> list[str]:
    text, value = str(d.get("text", "")), d.get("value")
    if not is_date(value):
        return [f"{where}: date {text!r}: value {value!r} is no ISO date"]
    problems = []
    low = text.lower()
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        for i, stem in enumerate(WEEKDAYS.get(language, ())):
            if re.search(r"(?<!\w)" + re.escape(stem), low) and day.weekday() != i:
                problems.append(f"{where}: date {text!r}: {value} is not that weekday")
        for word, delta in RELATIVE.items():
            if re.fullmatch(r"(?:\w+ )?" + re.escape(word), low) and \
                    day != published + dt.timedelta(days=delta):
                problems.append(f"{where}: date {text!r}: {value} is not {delta:+d} day(s) "
                                f"from {published}")
        m = re.search(r"(?<!\d)(\d{1,2})(?!\d)", text)
        if m and not re.search(r"\d{1,2}[./]\d{1,2}", text) and int(m.group(1)) != day.day:
            problems.append(f"{where}: date {text!r}: day {m.group(1)} but value {value}")
    if len(value) >= 7:
        for stem, month in MONTHS.items():
            if re.search(r"(?<!\w)" + stem, low) and int(value[5:7]) != month:
                problems.append(f"{where}: date {text!r}: month word {stem!r} but value {value}")
                break
    return problems


def check_document(doc: dict[str, Any], bands: set[tuple[float, float, bool]]) -> list[str]:
    """Problems with one language-set document, one line each."""
    where = str(doc.get("id"))
    problems = []
    required = {"id": str, "language": str, "publisher": str, "published": str, "title": str,
                "text": str, "gold": dict}
    for key, kind in required.items():
        if not isinstance(doc.get(key), kind):
            problems.append(f"{where}: field {key!r} missing or not {kind.__name__}")
    if problems:
        return problems
    if doc["language"] not in LANGUAGES:
        problems.append(f"{where}: language {doc['language']!r} not an expected ISO 639-1 code")
    if not is_date(doc["published"]) or len(doc["published"]) != 10:
        return problems + [f"{where}: published {doc['published']!r} is no ISO day"]
    published = dt.date.fromisoformat(doc["published"])
    text, language, gold = doc["text"], doc["language"], doc["gold"]
    if not text.startswith(doc["title"] + "\n\n"):
        problems.append(f"{where}: text does not start with the title and a blank line")
    for key in ("statements", "quantities", "dates", "estimates"):
        if not isinstance(gold.get(key), list):
            problems.append(f"{where}: gold.{key} missing or not a list")
    if problems:
        return problems
    for st in gold["statements"]:
        if set(st) != {"speaker", "cue", "content", "via", "said_on"}:
            problems.append(f"{where}: statement keys {sorted(st)}")
            continue
        content = st["content"]
        if not (isinstance(st["speaker"], str) and st["speaker"].strip()):
            problems.append(f"{where}: statement {content!r}: empty speaker")
        if not isinstance(st["cue"], str) or st["cue"] not in text:
            problems.append(f"{where}: cue {st['cue']!r} not in the text")
        if not isinstance(content, str) or not content.strip():
            problems.append(f"{where}: empty content")
        elif text.count(content) != 1:
            problems.append(f"{where}: content {content!r} occurs {text.count(content)} times")
        elif content != content.strip() or _wrapped_in_quotes(content):
            problems.append(f"{where}: content {content!r} has outer spaces or quote marks")
        if not (isinstance(st["via"], list) and all(isinstance(v, str) and v for v in st["via"])):
            problems.append(f"{where}: statement {content!r}: via must be a list of names")
        said = st["said_on"]
        if said is not None and (not is_date(said) or len(said) != 10):
            problems.append(f"{where}: statement {content!r}: said_on {said!r}")
        elif said is not None and dt.date.fromisoformat(said) > published:
            problems.append(f"{where}: statement {content!r}: said_on after published")
    problems += place(text, gold["quantities"], "quantity", where)
    for q in gold["quantities"]:
        problems += check_quantity(q, language, where)
    problems += place(text, gold["dates"], "date", where)
    for d in gold["dates"]:
        if set(d) != {"text", "value"}:
            problems.append(f"{where}: date keys {sorted(d)}")
        problems += check_date(d, language, published, where)
    problems += place(text, gold["estimates"], "estimate", where)
    for e in gold["estimates"]:
        if set(e) != {"text", "low", "high", "negated"} or not isinstance(e["negated"], bool):
            problems.append(f"{where}: estimate keys or types {e}")
        elif (e["low"], e["high"], e["negated"]) not in bands:
            problems.append(f"{where}: estimate {e['text']!r}: {e['low']}-{e['high']} "
                            f"(negated {e['negated']}) is not a PHIA band")
    return problems


def _wrapped_in_quotes(content: str) -> bool:
    """A whole quotation with its marks ("«...»"), not a mixed quote ending in a quoted word."""
    marks = sum(content.count(c) for c in "«»„“”\"")
    return content[0] in "«„\"“" and content[-1] in "»“\"”" and marks == 2


def check_language_file(path: Path, seen: set[str]) -> tuple[list[str], Counter[str]]:
    problems: list[str] = []
    counts: Counter[str] = Counter()
    bands = phia_bands()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{n}: not JSON ({exc})")
            continue
        if doc.get("id") in seen:
            problems.append(f"{path.name}:{n}: id {doc.get('id')!r} used twice")
        seen.add(str(doc.get("id")))
        counts[str(doc.get("language"))] += 1
        problems += [f"{path.name}: {p}" for p in check_document(doc, bands)]
    return problems, counts


def check_story_set(name: str) -> tuple[list[str], Counter[str]]:
    data, gold_path = STORIES / f"set_{name}.jsonl", STORIES / f"set_{name}.gold.json"
    where = f"set_{name}"
    docs = {}
    counts: Counter[str] = Counter()
    problems = []
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            for key in ("id", "title", "publisher", "published", "text", "language"):
                if not isinstance(doc.get(key), str):
                    problems.append(f"{where}: {doc.get('id')}: field {key!r} missing")
            if doc.get("id") in docs:
                problems.append(f"{where}: id {doc.get('id')!r} used twice")
            if not is_date(doc.get("published")):
                problems.append(f"{where}: {doc.get('id')}: published {doc.get('published')!r}")
            docs[doc["id"]] = doc
            counts[str(doc.get("language"))] += 1
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    story_of: dict[str, str] = {}
    for story in gold.get("stories", []):
        for d in story["documents"]:
            if d in story_of:
                problems.append(f"{where}: {d} in stories {story_of[d]} and {story['id']}")
            if d not in docs:
                problems.append(f"{where}: story {story['id']} names unknown document {d}")
            story_of[d] = story["id"]
        root = story.get("root", {})
        if root.get("document") not in story["documents"]:
            problems.append(f"{where}: story {story['id']}: root document outside the story")
        if not is_date(root.get("date")):
            problems.append(f"{where}: story {story['id']}: root date {root.get('date')!r}")
        if not (isinstance(root.get("speaker"), list) and root["speaker"]):
            problems.append(f"{where}: story {story['id']}: root speaker must be a list")
        if not isinstance(story.get("independent_chains"), int) or story["independent_chains"] < 1:
            problems.append(f"{where}: story {story['id']}: independent_chains")
    for d in sorted(set(docs) - set(story_of)):
        problems.append(f"{where}: document {d} in no gold story")
    for drift in gold.get("drift", []):
        doc, parent = docs.get(drift.get("document")), docs.get(drift.get("from"))
        if drift.get("kind") not in DRIFT_KINDS:
            problems.append(f"{where}: drift kind {drift.get('kind')!r}")
        if doc is None or parent is None:
            problems.append(f"{where}: drift {drift} names an unknown document")
            continue
        if story_of.get(doc["id"]) != story_of.get(parent["id"]):
            problems.append(f"{where}: drift {doc['id']} <- {parent['id']} across stories")
        if drift.get("after") not in doc["text"]:
            problems.append(f"{where}: drift after {drift.get('after')!r} not in {doc['id']}")
        if drift.get("before") not in parent["text"]:
            problems.append(f"{where}: drift before {drift.get('before')!r} not in {parent['id']}")
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="language-set JSON Lines files")
    parser.add_argument("--stories", nargs="*", metavar="NAME",
                        help="story sets to check (set_NAME.jsonl); default: all ml_*")
    args = parser.parse_args(argv)
    files = args.files or ([] if args.stories else list(DEFAULT_FILES))
    if args.stories is not None:
        sets = args.stories
    elif args.files:
        sets = []
    else:
        sets = sorted(p.name[4:-len(".gold.json")] for p in STORIES.glob("set_ml_*.gold.json"))
    problems: list[str] = []
    seen: set[str] = set()
    for path in files:
        found, counts = check_language_file(path, seen)
        problems += found
        print(f"{path.name}: {sum(counts.values())} documents ({_counts(counts)})")
    for name in sets:
        found, counts = check_story_set(name)
        problems += found
        print(f"set_{name}: {sum(counts.values())} documents ({_counts(counts)})")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


if __name__ == "__main__":
    sys.exit(main())
