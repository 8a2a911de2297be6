"""Write every double quote mark of a paragraph as `“` or `”`, by where it stands.

Scraped text mixes conventions: straight `"`, two apostrophes `''` (one outlet's house style), `’’` or `‘‘`,
guillemets `«…»`, low-high `„…“`, and closing marks typed as opening ones (`“…“`). The rules downstream read
only curly marks. One pass over the paragraph, left to right, so the cost is linear in its length.
"""

from __future__ import annotations

import re

# Any double mark, or a doubled single mark standing for one (`''`, `’’`, `‘‘`, `,,` is too ambiguous to take).
_MARK = re.compile(r"''|’’|‘‘|[\"“”„«»]")
_OPENERS = frozenset("„«")
_CLOSERS = frozenset("»")
# Characters after which a mark opens a quote: start, space, brackets, dashes, slash.
_BEFORE_OPEN = frozenset(" \t([{—–-/:;")


def normalise_quote_marks(text: str) -> str:
    """`text` with each double quote mark written as `“` (opening) or `”` (closing); other text unchanged."""
    if not _MARK.search(text):
        return text
    out: list[str] = []
    last = 0
    inside = False
    for match in _MARK.finditer(text):
        mark = match.group(0)
        start, end = match.start(), match.end()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if mark == "''" and before.isalpha() and after.isalpha():
            continue  # not a quote mark: a typo inside a word
        opens_shape = before in _BEFORE_OPEN and not after.isspace()
        closes_shape = not before.isspace() and (after.isspace() or not after.isalnum())
        if mark in _OPENERS:
            opening = True
        elif mark in _CLOSERS:
            opening = False
        elif opens_shape != closes_shape:
            opening = opens_shape  # the shape decides, whatever the mark typed: `word“ ` closes, ` ”word` opens
        else:
            opening = not inside  # no telling by shape: alternate
        if mark == '"' and not inside and before.isdigit():
            continue  # an inch mark: `5'11"`
        out.append(text[last:start])
        out.append("“" if opening else "”")
        last = end
        inside = opening
    out.append(text[last:])
    return "".join(out)
