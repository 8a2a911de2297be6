"""Rules rewritten for speed find exactly what the plain pattern they replace finds (a table of texts each)."""

from __future__ import annotations

import re

import pytest

from briefings.extract.lexicon import SPEECH_VERB
from briefings.extract.person_evidence import _DESCRIBED_AFTER, _described_after
from briefings.extract.resolve import _free_pronoun, _said_pronoun

_PLAIN_SAID_PRONOUN = re.compile(rf"{SPEECH_VERB}\s+(?:that\s+)?(he|she)\b")
_PLAIN_PRONOUN = re.compile(r"(?<=\s)(he|she)\b")


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz said she would appeal.",
        "Ruiz told reporters that she would appeal, said he.",
        "The mayor said that he was sure and said she was not.",
        "He said he would go.",
        "They said the shelter was full.",
        "Ruiz pointed out  that\tshe had won.",
        "Ruiz said: she won.",
        "Ruiz said shes won; Roe said he'd won.",
        "unsaid he said she",
        "said he",
        " he said",
        "The ship sailed; she said nothing.",
        "Ruiz echoed that he agreed, she added.",
        "Ruiz said that that she agreed.",
        "",
    ],
)
def test_said_pronoun_finds_what_the_plain_pattern_finds(text: str) -> None:
    plain = _PLAIN_SAID_PRONOUN.search(text)
    assert _said_pronoun(text) == ((plain.start(), plain.group(1)) if plain else None)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz said she would appeal.",
        "“Will he come?” she asked.",
        "“Will he come?” asked Ruiz.",
        'He said "she left" and then he left.',
        "the\the and\tshe\u00a0he",
        "shed she sheriff he",
        "She said he",
        "",
    ],
)
def test_free_pronoun_finds_the_first_pronoun_outside_quote_marks(text: str) -> None:
    expected = None
    for found in _PLAIN_PRONOUN.finditer(text):
        before = text[: found.start()]
        if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
            expected = (found.start(), found.group(1))
            break
    assert _free_pronoun(text) == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Zorvan Roe", "Zorvan Roe, a promoter, said so."),
        ("Zorvan Roe", "Zorvan Roe said so. Later Zorvan Roe, who runs a club, left."),
        ("Zorvan Roe", "Zorvan Roe, 45, left."),
        ("Zorvan Roe", "Zorvan Roe,  the  owner"),
        ("Zorvan Roe", "Zorvan Roe, then a promoter, left."),
        ("Zorvan Roe", "zorvan roe, a promoter"),
        ("Ana", "Ana Ana, a nurse"),
        ("Aa", "Aaa, a nurse"),
        ("J. Roe (D)", "J. Roe (D), the senator"),
        ("Roe", ""),
    ],
)
def test_described_after_finds_what_the_pattern_built_per_name_finds(name: str, text: str) -> None:
    plain = re.search(re.escape(name) + _DESCRIBED_AFTER.pattern, text)
    assert _described_after(name, text) == (plain is not None)
