"""The lexicon builds each word list's forms and regexes once; rules depend on these forms."""

import re
import sys

import pytest

from briefings.extract.lexicon import (
    CASE_FOLDS_ONTO_ASCII,
    OPINION_VERB,
    SPEECH_INFINITIVE,
    SPEECH_VERB,
    SPEECH_VERBS_FINITE,
    alternation,
    may_hold_any,
)


@pytest.mark.parametrize(
    "form",
    ["said", "says", "told", "declared", "shouted", "exclaimed", "quipped", "wrote", "tweeted", "posted", "argued",
     "insisted", "noted", "explained", "warned", "stated", "acknowledged", "admitted", "recalled", "conceded",
     "continued", "testified", "replies", "pointed out", "stresses", "proclaimed", "crowed", "sniffed", "submitted"],
)
def test_speech_verb_forms(form: str) -> None:
    assert form in SPEECH_VERBS_FINITE
    assert re.fullmatch(SPEECH_VERB, form)


@pytest.mark.parametrize("word", ["sayed", "tell", "point", "goes on", "hit"])
def test_not_speech_verb_forms(word: str) -> None:
    assert not re.fullmatch(SPEECH_VERB, word)


@pytest.mark.parametrize("form", ["called", "described", "labelled", "labeled", "thought", "slammed", "said"])
def test_opinion_verbs_include_speech_verbs(form: str) -> None:
    assert re.fullmatch(OPINION_VERB, form)


@pytest.mark.parametrize("form", ["say", "shout", "chant", "tell", "yell"])
def test_speech_infinitives_for_verbs_of_perception(form: str) -> None:
    assert re.fullmatch(SPEECH_INFINITIVE, form)  # `heard the crowd chant “…”`


def test_alternation_prefers_the_longest_form() -> None:
    assert re.match(alternation(["point", "pointed out"]), "pointed out now").group(0) == "pointed out"


def test_only_the_listed_characters_case_fold_onto_ascii_letters() -> None:
    """may_hold_any lowercases the text: exact only if re's IGNORECASE folds no other character onto a-z."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c)}
    assert folding == CASE_FOLDS_ONTO_ASCII


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sign Up For Our newsletter", True),
        ("\u017fign up", True),  # the long s: lower() keeps it, IGNORECASE matches it to `s`
        ("Nothing to see here.", False),
    ],
)
def test_may_hold_any(text: str, expected: bool) -> None:
    assert may_hold_any(text, ("sign up", "newsletter")) is expected
