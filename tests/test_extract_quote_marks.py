"""Every double quote mark becomes `“` or `”` by its position, whatever was typed."""

import pytest

from briefings.extract.quote_marks import normalise_quote_marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," she said.', "“We will win,” she said."),
        ("''We will win,'' she said.", "“We will win,” she said."),
        ("‘‘Not today’’ was his answer.", "“Not today” was his answer."),
        ("He said: «Nous partons» and left.", "He said: “Nous partons” and left."),
        ("Sie sagte: „Wir gehen“ und ging.", "Sie sagte: “Wir gehen” und ging."),
        ("“It is done.“ the mayor said.", "“It is done.” the mayor said."),
        ("“Mixed marks,\" he said.", "“Mixed marks,” he said."),
        ("She is 5'11\" tall and said \"fine\".", "She is 5'11\" tall and said “fine”."),
        ("No quotes at all.", "No quotes at all."),
        ("Don''t", "Don''t"),
        ('The word "stop" and the word "go".', "The word “stop” and the word “go”."),
        ("“Open and never closed", "“Open and never closed"),
    ],
)
def test_normalise_quote_marks(text: str, expected: str) -> None:
    assert normalise_quote_marks(text) == expected


def test_a_megabyte_of_marks_is_linear() -> None:
    text = ('"' * 1000 + "''" * 1000 + " « » „ “ ") * 200
    assert len(normalise_quote_marks(text)) > 0
