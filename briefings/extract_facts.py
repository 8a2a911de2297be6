"""Pick the sentences that carry numbers, dates or places and rank them for a briefing."""

from __future__ import annotations

import re
from typing import Collection, Sequence

from briefings.extract_people import DEMONYMS, PLACES
from briefings.models import Fact, Sentence

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_SPELLED = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion"
    r"|dozen|dozens|hundreds|thousands|millions|billions|half a dozen)"
)
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|bn|mn|m|k)\b)?"
_NUM = r"\d+(?:[,.]\d+)*"
# Alternatives are tried left to right at each position, so longer forms come first.
_NUMBER_EXPRESSION = re.compile(
    rf"(?:{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?|\d{{4}}\b)"
    rf"|\b\d{{1,2}}(?::\d{{2}})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{{1,2}}:\d{{2}}\b"
    rf"|(?<!\w)['’]\d0s\b|\b\d{{3}}0s\b|\b\d+-\d+\b"
    rf"|\b\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|(?:US|A|C|HK)?[$€£¥₹]\s?{_NUM}{_SCALE}"
    rf"|\b{_NUM}\s?(?:%|percent\b|per cent\b|percentage points?\b)"
    rf"|\b{_NUM}(?:-|\s)(?:year|month|week|day|hour|minute)s?-old\b"
    rf"|\b{_NUM}-(?:[a-z]+)\b"
    rf"|\b{_NUM}{_SCALE}(?:\s(?:dollars|euros|pounds|yuan|yen|rubles|roubles|hryvnias))?"
    rf"|(?<![\w-])(?i:{_SPELLED})(?:[\s-](?:{_SPELLED}))*(?![\w-]))"
)
# `one` is a number only when it counts something: not `no one`, `the one`, `one another`.
_NOT_A_COUNT = re.compile(r"(?:\b(?:no|any|every|some|the|this|that|which|each|someone|anyone)\s+one$)", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DATE_WORDS = re.compile(rf"{_MONTH}|\b(?:19|20)\d{{2}}\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_WORD = re.compile(r"[A-Z][\w-]*")
_OPINION = re.compile(
    r"\b(?:I think|I believe|we believe|in my view|perhaps|maybe|could|might|would|should|it is important|it's important"
    r"|remains to be seen|interesting)\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> tuple[str, ...]:
    """Number expressions in order of appearance: `34`, `52-year-old`, `February 24, 2022`, `$1.2 billion`, `three`."""
    found = []
    for match in _NUMBER_EXPRESSION.finditer(text):
        expression = match.group(0)
        if expression.lower() == "one" and (_NOT_A_COUNT.search(text[: match.end()]) or text[match.end() : match.end() + 8].startswith((" of us", " another", " day"))):
            continue
        found.append(expression)
    return tuple(found)


def places_in(text: str) -> int:
    """How many place words (countries, capitals, regions) the sentence names."""
    return sum(1 for w in _WORD.findall(text) if any(part in PLACES for part in w.split("-")))


def extract_facts(
    sentences: Sequence[Sentence],
    answer_paragraphs: Collection[int] = (),
    excluded_paragraphs: Collection[int] = (),
) -> list[Fact]:
    """Fact sentences, best first; interview answers rank low and need a number, excluded paragraphs never count."""
    total = max(1, len(sentences))
    facts = []
    for sentence in sentences:
        if sentence.paragraph in excluded_paragraphs or sentence.text.rstrip("”\"’' ").endswith("?"):
            continue
        numbers = numbers_in(sentence.text)
        places = places_in(sentence.text)
        in_answer = sentence.paragraph in answer_paragraphs
        if not numbers and (not places or in_answer):
            continue
        score = _score(sentence, numbers, places, total, in_answer)
        facts.append(Fact(sentence.index, sentence.text, numbers, round(score, 3)))
    facts.sort(key=lambda f: (-f.score, f.sentence_index))
    return facts


def _score(sentence: Sentence, numbers: tuple[str, ...], places: int, total: int, in_answer: bool) -> float:
    """Numbers weigh most, then dates, places and names; lead sentences get a bonus, opinions a penalty."""
    score = 1.5 * min(len(numbers), 3)
    if _DATE_WORDS.search(sentence.text) or any(_YEAR.match(n) for n in numbers):
        score += 1.0
    score += 0.3 * min(places, 3)
    names = sum(1 for w in _CAPITAL.findall(sentence.text) if w not in DEMONYMS)
    score += 0.15 * min(names, 4)
    score += 1.2 * (1.0 - sentence.index / total)
    if sentence.index < 2:
        score += 0.5
    if _OPINION.search(sentence.text):
        score -= 1.0
    if in_answer:
        score *= 0.4
    return max(score, 0.01)
