"""Where a sentence, fact or quote stands in an article's clean text."""

from __future__ import annotations


def locate(text: str, part: str, start: int) -> tuple[int, int] | None:
    """`part`'s span in `text`, searched from `start` (then from 0); None if it is not there verbatim."""
    found = text.find(part, start)
    if found < 0:
        found = text.find(part)
    return (found, found + len(part)) if found >= 0 and part else None
