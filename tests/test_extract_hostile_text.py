"""The rules stay linear on hostile text: a megabyte of each nasty input must simply finish.

No timing is asserted (pytest-timeout bounds the run); a quadratic pattern would take hours at this size.
"""

from __future__ import annotations

import pytest

from briefings.extract.headline import MAX_HEADLINE, main_clause
from briefings.extract.interview import find_turns
from briefings.extract.quote_marks import normalise_quote_marks
from briefings.extract.quotes import extract_quotes
from briefings.extract.split_sentences import split_sentences
from briefings.models import Sentence

MB = 1_000_000
NASTY = {
    "dots": "." * MB,
    "exclamations": "!?" * (MB // 2),
    "dots and closers": ".”)" * (MB // 3),
    "opening quotes": "“a " * (MB // 3),
    "straight quotes": '"a ' * (MB // 3),
    "single quotes": "'a " * (MB // 3),
    "curly single quotes": "‘a ’b " * (MB // 6),
    "apostrophes": "’" * MB,
    "quote then said": "“a,” he said " * (MB // 13),
    "capitalised words": "Ab " * (MB // 3),
    "names and commas": "Ab Cd, " * (MB // 7),
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_sentences_and_quotes_finish_on_a_megabyte(name: str) -> None:
    text = NASTY[name]
    sentences = split_sentences([text])
    assert sentences
    extract_quotes([Sentence(0, text, 0)])  # the whole megabyte as one sentence


@pytest.mark.parametrize("paragraph", ["Ab " * (MB // 3) + ": x", "Q" * MB, "“" + "AB CD " * (MB // 6) + ":", "A:" * (MB // 2)])
def test_interview_labels_finish_on_a_megabyte(paragraph: str) -> None:
    assert isinstance(find_turns([paragraph, paragraph]), list)


def test_quote_marks_finish_on_a_megabyte() -> None:
    assert normalise_quote_marks("“''\"«„ " * (MB // 7))


@pytest.mark.parametrize(
    "text",
    ["Ab said Monday " * (MB // 15), "Ab Monday " * (MB // 10), "Ab, " * (MB // 4), "Mr. " * (MB // 4),
     "former President " * (MB // 17), "Jo Bloggs said that " * (MB // 20), "On “a,” " * (MB // 8), "low- " * (MB // 5)],
    ids=["weekdays", "weekday after names", "commas", "honorifics", "descriptions", "said that", "quoted titles", "hyphens"],
)
def test_headline_finishes_on_a_megabyte(text: str) -> None:
    assert len(main_clause(text)) <= MAX_HEADLINE


@pytest.mark.parametrize("before", ["Ab said " * (MB // 8), "Ab said" + " " * MB, "Ab Cd, " * (MB // 7) + ":", "he " * (MB // 3)])
def test_carried_speakers_finish_on_a_megabyte(before: str) -> None:
    # A bare quote looks back at the paragraph before it for a report of speech or an introducing colon.
    extract_quotes([Sentence(0, before, 0), Sentence(1, "“We left.”", 1)])


def test_many_capital_labels_finish() -> None:
    from itertools import product

    labels = ["".join(letters) for letters in product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=3)]
    paragraphs = [f"{label}: yes" for label in labels] + ["Ab Cd " * (MB // 6)]
    assert isinstance(find_turns(paragraphs), list)
