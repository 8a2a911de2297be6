"""Sentence splitting survives abbreviations, initials, decimals and quotes."""

import pytest

from briefings.extract.split_sentences import split_sentences


def texts(paragraph: str) -> list[str]:
    return [s.text for s in split_sentences([paragraph])]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith met Mr. Jones and Mrs. Brown at St. Mary's.",
        "Prof. J. R. R. Tolkien and John F. Kennedy never met.",
        "Gen. Lee, Sen. Ross, Rep. Diaz, Gov. Hall, Lt. Col. Park and Ms. Ito attended.",
        "Sales rose 3.5 percent to $1.2 billion on Jan. 5 at No. 5 store.",
        "It works, e.g. for cats, i.e. small ones.",
        "Wait... it gets better.",
        "“The signs are positive. Trump, during his campaign, said so. And he can do it,” said the spokesman, Dmitri Peskov, in an interview.",
        "The U.S. Army and the U.N. Security Council met at 9 a.m. Monday.",
        "“Why?” Smith asked.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_splits_ordinary_sentences_and_numbers_paragraphs() -> None:
    sentences = split_sentences(["One here. Two here! Three here?", "Next para."])
    assert [s.text for s in sentences] == ["One here.", "Two here!", "Three here?", "Next para."]
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1]
    assert [s.index for s in sentences] == [0, 1, 2, 3]


def test_abbreviation_at_sentence_end_splits_before_an_opener() -> None:
    assert texts("Troops are based in the U.S. The rest are abroad.") == ["Troops are based in the U.S.", "The rest are abroad."]


def test_closing_quote_then_new_sentence_splits() -> None:
    assert texts("“It is over.” The crowd left.") == ["“It is over.”", "The crowd left."]


def test_runaway_open_quote_does_not_swallow_paragraph_forever() -> None:
    long_quote = "“" + "Words go on and on. " * 40 + "End here. Then more."
    assert len(texts(long_quote)) > 1


def test_title_as_first_word_after_a_split() -> None:
    assert texts("He left. Prof. Hammond stayed.") == ["He left.", "Prof. Hammond stayed."]
