"""Pick the sentences that carry numbers, dates or places and rank them for a briefing."""

from __future__ import annotations

import re
from typing import Collection, Iterable, Sequence

from briefings.extract.debris import is_aside, without_run_in_head, without_trailing_debris
from briefings.extract.lexicon import (
    ACCORDING, DEMONYMS, FINITE_VERB, FINITE_VERBS, LIST_SEPARATORS, MONTH, PLACES, READER_PERSON_WORDS, SPEECH_VERB,
    SPEECH_VERBS_FINITE, alternation, may_hold_any,
)
from briefings.models import Fact, Sentence

def _word_alternation(words: Sequence[str], after: str = r"(?![\w-])") -> str:
    """A whole-word alternation that starts with a plain character class, which the regex engine scans fast.

    Each first letter matches in either case; a leading lookbehind would force a slow try at every position.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0].lower(), []).append(re.escape(word[1:]))
    letters = "".join(sorted(by_first)) + "".join(sorted(by_first)).upper()
    branches = "|".join(
        f"(?<=[{first}{first.upper()}])(?:{'|'.join(sorted(rests, key=len, reverse=True))})" for first, rests in by_first.items()
    )
    return rf"[{letters}](?<![\w-][{letters}])(?:{branches}){after}"


_MONTH = MONTH
_SPELLED = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion"
    r"|dozen|dozens|hundreds|thousands|millions|billions|half a dozen)"
)
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|bn|mn|m|k)\b)?"
_NUM = r"\d+(?:[,.]\d+)*"
_NUM_REST = r"\d*(?:[,.]\d+)*"  # `_NUM` after its first digit
_MONTH_REST = (
    r"(?:(?<=J)(?:anuary|une|uly|an\.|un\.|ul\.)|(?<=F)(?:ebruary|eb\.)|(?<=M)(?:arch|ay|ar\.)|(?<=A)(?:pril|ugust|pr\.|ug\.)"
    r"|(?<=S)(?:eptember|ept?\.)|(?<=O)(?:ctober|ct\.)|(?<=N)(?:ovember|ov\.)|(?<=D)(?:ecember|ec\.))"
)  # `_MONTH` after its first letter
_CURRENCY = "$€£¥₹"
_DIGIT_FIRST = rf"\d{_CURRENCY}'’JFMASONDUACH"
# The pattern starts with a plain character class, so the regex engine skips through text in its fast C loop; a
# leading lookahead or lookbehind would make it try a full match at every position. The consumed first character is
# checked with 2-character lookbehinds, then each branch continues after it: the month, digit, quote and currency
# forms below are the former alternatives in their former order (at most one group applies to a given first
# character, except `A`, where the month still comes before `A$`), each minus its first character.
_DIGIT_EXPRESSION = re.compile(
    rf"[{_DIGIT_FIRST}](?<![\w-][{_DIGIT_FIRST}])(?:"
    rf"{_MONTH_REST}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?|\d{{4}}\b)"
    rf"|(?<=\d)(?:\d?(?::\d{{2}})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\d?:\d{{2}}\b"
    rf"|\d{{2}}0s\b|\d*-\d+\b"
    rf"|\d?\s+{_MONTH}(?:\s+\d{{4}})?"
    # The number is read once, atomically: a shorter reading would be followed by a digit, `,` or `.`, which
    # none of the forms after it accepts, so backtracking into it could only waste time.
    rf"|(?>{_NUM_REST})(?:\s?(?:%|percent\b|per cent\b|percentage points?\b)"
    rf"|(?:-|\s)(?:year|month|week|day|hour|minute)s?-old\b"
    rf"|-(?:[a-z]+)\b"
    rf"|{_SCALE}(?:\s(?:dollars|euros|pounds|yuan|yen|rubles|roubles|hryvnias))?))"
    rf"|(?<=['’])\d0s\b"
    rf"|(?:(?<=U)S[{_CURRENCY}]|(?<=H)K[{_CURRENCY}]|(?<=[AC])[{_CURRENCY}]|(?<=[{_CURRENCY}]))\s?{_NUM}{_SCALE})"
)
_SPELLED_EXPRESSION = re.compile(
    _word_alternation(_SPELLED[3:-1].split("|"), after=r"(?!\w)") + rf"(?:[\s-](?i:{_SPELLED})(?![\w-]))*"
)
# Whitespace tokens that can hold a spelled number: a set test is much cheaper than scanning with the regex.
_SPELLED_TOKENS = frozenset(
    lead + word + trail
    for word in _SPELLED[3:-1].replace("half a dozen", "dozen").split("|")
    for lead in ("", "“", "(", "‘", '"')
    for trail in ("", ",", ".", ";", ":", "”", ")", "’", '"', ".”", ",”", "?", "!")
)
# `one` is a number only when it counts something: not `no one`, `the one`, `one another`.
_NOT_A_COUNT = re.compile(r"(?:\b(?:no|any|every|some|the|this|that|which|each|someone|anyone)\s+one$)", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DATE_WORDS = re.compile(
    r"[JFMASONDTW12](?<![\w-][JFMASONDTW12])(?:(?<=J)(?:anuary|une|uly|an\.|un\.|ul\.)|(?<=F)(?:ebruary|eb\.|riday)"
    r"|(?<=M)(?:arch|ay|ar\.|onday)|(?<=A)(?:pril|ugust|pr\.|ug\.)|(?<=S)(?:eptember|ept?\.|aturday|unday)"
    r"|(?<=O)(?:ctober|ct\.)|(?<=N)(?:ovember|ov\.)|(?<=D)(?:ecember|ec\.)|(?<=T)(?:uesday|hursday)|(?<=W)ednesday"
    r"|(?<=1)9\d\d\b|(?<=2)0\d\d\b)"
)
_WORD = re.compile(r"[A-Z][\w-]*")
_FINITE_VERB = re.compile(FINITE_VERB)
_REPORTING_CUE = re.compile(rf"\b(?:{SPEECH_VERB}|(?i:{alternation(ACCORDING)}))\b")
_WORD_RUN = re.compile(r"\w+")


def _whole_and_first_runs(entries: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    r"""Entries that are one `\w+` run, and the first runs of the others (`pointed` of `pointed out`).

    `\b(?:entries)\b` finds a match where a text's `\w+` run equals a one-run entry; it can find one elsewhere only
    where a run equals the first run of a longer entry.
    """
    entries = set(entries)
    if not all(_WORD_RUN.match(e) for e in entries):
        raise ValueError("every entry must start with a word character")
    whole = frozenset(e for e in entries if _WORD_RUN.fullmatch(e))
    first = frozenset(_WORD_RUN.findall(e)[0] for e in entries - whole)
    return whole, first - whole


_FINITE_WHOLE, _FINITE_FIRST = _whole_and_first_runs((*FINITE_VERBS, *SPEECH_VERBS_FINITE))
_ED_FORM = re.compile(r"\b[a-z]{2,}ed\b")  # the rest of FINITE_VERB
_SPEECH_WHOLE, _SPEECH_FIRST = _whole_and_first_runs(SPEECH_VERBS_FINITE)
_ACCORDING_KEYS = tuple(a.lower() for a in ACCORDING)
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")  # `[^“”]`: a run of unclosed “ is scanned once, not once per mark
_OPINION_PHRASES = (
    "I think", "I believe", "we believe", "in my view", "perhaps", "maybe", "could", "might", "would", "should",
    "it is important", "it's important", "remains to be seen", "interesting",
)
_OPINION = re.compile(_word_alternation(_OPINION_PHRASES))
# Each `_OPINION` match ends with a whole `\w+` run of the sentence: its phrase's last run (a one-word phrase in
# either case of its first letter). A sentence holding none of these cannot match.
_OPINION_LAST_RUNS = frozenset(
    run
    for phrase in _OPINION_PHRASES
    for last in [_WORD_RUN.findall(phrase)[-1]]
    for run in ((last, last[0].swapcase() + last[1:]) if " " not in phrase and "'" not in phrase else (last,))
)
# The first `\w+` run of each word that makes a sentence speak to the reader (`I` of `I’m`): one must be among a
# sentence's runs before speaks_to_reader can find the word.
_READER_FIRST_RUNS = frozenset(_WORD_RUN.findall(word)[0] for word in READER_PERSON_WORDS)


def numbers_in(text: str) -> tuple[str, ...]:
    """Number expressions in order of appearance: `34`, `52-year-old`, `February 24, 2022`, `$1.2 billion`, `three`."""
    # Every digit expression holds a digit, but testing for one first would cost a second scan of the sentence.
    if _SPELLED_TOKENS.isdisjoint(text.lower().replace("-", " ").split()):
        return tuple(_DIGIT_EXPRESSION.findall(text))  # no spelled number to merge in: already in order
    digits = list(_DIGIT_EXPRESSION.finditer(text))
    found: list[tuple[int, str]] = [(m.start(), m.group(0)) for m in digits]
    for match in _SPELLED_EXPRESSION.finditer(text):
        if any(d.start() <= match.start() < d.end() for d in digits):
            continue  # `billion` in `$1.35 billion`
        expression = match.group(0)
        if expression.lower() == "one" and _is_not_a_count(text, match):
            continue
        found.append((match.start(), expression))
    found.sort()
    return tuple(expression for _, expression in found)


def _is_not_a_count(text: str, match: re.Match[str]) -> bool:
    """`no one`, `the one`, `one another` use `one` as a pronoun."""
    return bool(_NOT_A_COUNT.search(text, max(0, match.start() - 12), match.end())) or text.startswith(
        (" of us", " another", " day"), match.end()
    )


def _count_places(words: Sequence[str]) -> int:
    """Place words among capitalised words; `Russia-Ukraine` counts once."""
    return sum(1 for w in words if w in PLACES or "-" in w and any(part in PLACES for part in w.split("-")))


def extract_facts(
    sentences: Sequence[Sentence],
    answer_paragraphs: Collection[int] = (),
    excluded_paragraphs: Collection[int] = (),
    debris: Collection[int] = (),
) -> list[Fact]:
    """Fact sentences, best first; interview answers rank low and need a number, excluded paragraphs never count.

    `debris` sentences (captions, bylines) are never facts and do not count for position: the lead after a caption
    is still the lead.
    """
    kept = [s for s in sentences if s.index not in debris]
    position = {s.index: i for i, s in enumerate(kept)}
    total = max(1, len(kept))
    facts = []
    for sentence in kept:
        if sentence.paragraph in excluded_paragraphs or sentence.text.rstrip("”\"’' ").endswith("?"):
            continue
        text = without_run_in_head(without_trailing_debris(sentence.text))
        numbers = numbers_in(text)
        words = _WORD.findall(text)
        places = _count_places(words)
        in_answer = sentence.paragraph in answer_paragraphs
        if not numbers and (not places or in_answer):
            continue
        names = sum(1 for w in words[1:] if w not in DEMONYMS and w not in PLACES)
        runs = set(_WORD_RUN.findall(text))  # the sentence's words, read once for every word test below
        score = _score(text, position[sentence.index], numbers, places, names, total, in_answer, runs)
        score *= _news_shape(text, runs)
        facts.append(Fact(sentence.index, text, numbers, round(score, 3)))
    facts.sort(key=lambda f: (-f.score, f.sentence_index))
    return facts


def news_shape(text: str) -> float:
    """How much `text` reads like a news sentence, as a factor on its score.

    A finite verb and a reporting cue (`said`, `according to`) raise it; a list, a sentence that is mostly a quote
    (the quotes section shows those) or a parenthetical aside lower it.
    """
    return _news_shape(text, set(_WORD_RUN.findall(text)))


def _news_shape(text: str, runs: set[str]) -> float:
    """news_shape, given the sentence's word runs (`_WORD_RUN`)."""
    if is_aside(text):
        return 0.1
    factor = 1.0
    # Most sentences are decided by their words alone; the regexes settle the rest.
    if runs.isdisjoint(_FINITE_WHOLE) and not _ED_FORM.search(text) and (
        runs.isdisjoint(_FINITE_FIRST) or not _FINITE_VERB.search(text)
    ):
        factor *= 0.5
    if not runs.isdisjoint(_SPEECH_WHOLE) or (
        (not runs.isdisjoint(_SPEECH_FIRST) or may_hold_any(text, _ACCORDING_KEYS)) and _REPORTING_CUE.search(text)
    ):
        factor *= 1.15
    tokens = text.split()
    separators = sum(text.count(mark) for mark in LIST_SEPARATORS)
    if separators >= 4 and separators * 4 >= len(tokens):
        factor *= 0.3
    # A letters-only token holds no digit; the test spares most tokens a scan of their characters.
    figures = sum(1 for token in tokens if not token.isalpha() and any(map(str.isdigit, token)))
    if figures >= 6 and figures * 3 > len(tokens):
        factor *= 0.2  # a table or a chart's labels run together: `Index 3,000 98.0 2,800 98.5 …`
    quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    if quoted > 0.6 * len(text):
        factor *= 0.6
    if not runs.isdisjoint(_READER_FIRST_RUNS) and speaks_to_reader(text):
        factor *= 0.4
    return factor


def speaks_to_reader(text: str) -> bool:
    """True when the writer says `I` or `you` outside quote marks: a column, a letter or advice, not a report."""
    words = (w.strip(",.;:!?()[]—–-‘’'\"“”") for w in _QUOTED.sub(" ", text).split())
    return not READER_PERSON_WORDS.isdisjoint(words)


def is_news_sentence(text: str) -> bool:
    """A report: a finite verb, said in the third person, not a question, a list, an aside or mostly a quote."""
    return not text.rstrip("”\"’' ").endswith("?") and news_shape(text) >= 1.0


def reads_like_news(headline: str, facts: Sequence[str]) -> bool:
    """False for a column or a reader's letter: its headline asks or speaks to the reader, or few of its facts report."""
    if headline.rstrip("”\"’' ").endswith("?") or speaks_to_reader(headline):
        return False
    return 2 * sum(1 for fact in facts if is_news_sentence(fact)) > len(facts)


def _is_opinion(text: str, runs: set[str] | None = None) -> bool:
    """True when the sentence hedges or gives a view (`could`, `I think`); the word test skips most sentences."""
    runs = set(_WORD_RUN.findall(text)) if runs is None else runs
    return not runs.isdisjoint(_OPINION_LAST_RUNS) and _OPINION.search(text) is not None


def _score(
    text: str,
    position: int,
    numbers: tuple[str, ...],
    places: int,
    names: int,
    total: int,
    in_answer: bool,
    runs: set[str],
) -> float:
    """Numbers weigh most, then dates, places and names; lead sentences get a bonus, opinions a penalty."""
    score = 1.5 * min(len(numbers), 3)
    # The year test on the few numbers found is cheaper than scanning the sentence, so it goes first.
    if any(_YEAR.match(n) for n in numbers) or _DATE_WORDS.search(text):
        score += 1.0
    score += 0.3 * min(places, 3)
    score += 0.15 * min(names, 4)
    score += 1.2 * (1.0 - position / total)
    if position < 2:
        score += 0.5
    if _is_opinion(text, runs):
        score -= 1.0
    if in_answer:
        score *= 0.4
    return max(score, 0.01)
