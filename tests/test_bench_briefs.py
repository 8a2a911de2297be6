"""The briefs bench's own judges, on invented text (the dev set it measures lives outside the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.briefs import debris_kind, headline_carries, strip_titles


@pytest.mark.parametrize(
    ("real", "inferred", "expected"),
    [
        ("Harbour Council Approves Bridge Plan", "The harbour council approved a $12 million bridge plan", True),
        ("Harbour Council Approves Bridge Plan", "Fishing boats sat idle on Monday", False),
        ("Mayor’s Budget Cuts Bus Routes", "The mayor spoke about six ferry lines", False),  # 1 of 5 words
        ("Mayor’s Budget Cuts Bus Routes", "The mayor's budget cuts six bus routes", True),
    ],
)
def test_headline_carries_half_the_content_words(real: str, inferred: str, expected: bool) -> None:
    assert headline_carries(real, inferred) is expected


@pytest.mark.parametrize(
    ("fact", "is_debris"),
    [
        ("Open this photo in gallery Boats in the harbour on May 2.", True),
        ("Tickets at https://example.org/tix from Monday.", True),
        ("Follow @harbourdesk for updates on the closure.", True),
        ("WATCH: Crews battle a grass fire near the highway", True),
        ("(Note: This column appeared in the spring issue.)", True),
        ("The council approved a $12 million plan on Monday, the mayor said.", False),
        ("By contrast, exports fell 3 per cent in the same period.", False),
    ],
)
def test_debris_checker(fact: str, is_debris: bool) -> None:
    assert (debris_kind(fact) is not None) is is_debris


def test_titles_are_stripped_from_the_header_only(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("Title: Bridge plan\nSource: x\n\nTitle: a line of the body stays.\n", encoding="utf-8")
    [copy] = strip_titles(source, tmp_path)
    assert copy.read_text(encoding="utf-8") == "Source: x\n\nTitle: a line of the body stays.\n"
