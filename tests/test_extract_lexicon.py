"""The lexicon builds each word list's forms and regexes once; rules depend on these forms."""

import re

import pytest

from briefings.extract.lexicon import OPINION_VERB, SPEECH_VERB, SPEECH_VERBS_FINITE, alternation


@pytest.mark.parametrize(
    "form",
    ["said", "says", "told", "declared", "shouted", "exclaimed", "quipped", "wrote", "tweeted", "posted", "argued",
     "insisted", "noted", "explained", "warned", "stated", "acknowledged", "admitted", "recalled", "conceded",
     "continued", "testified", "replies", "pointed out", "stresses"],
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


def test_alternation_prefers_the_longest_form() -> None:
    assert re.match(alternation(["point", "pointed out"]), "pointed out now").group(0) == "pointed out"
