"""Characters no article text should carry, normalised when a source is read, before anything else sees it.

Page breaks (form feed, common in text converted from PDF) and Unicode line separators become line
breaks, that is paragraph breaks. Other control characters become spaces: Telegram drops or refuses
them, and a form feed inside a title split a `<b>` across messages. Private-use characters are
removed: they mean nothing outside the program that wrote them, and the search view uses two of them
(U+E000, U+E001) to mark hits.
"""

from __future__ import annotations

import re

LINE_BREAKS = "\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_TABLE = {ord(c): "\n" for c in LINE_BREAKS}
_TABLE.update(
    {code: " " for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(code) not in "\n\t" + LINE_BREAKS}
)
_TABLE[0xFEFF] = None  # a byte-order mark inside the text: invisible, and breaks words for search
_PRIVATE_USE_RANGES = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffe\uffff"
_PRIVATE_USE = re.compile(f"[{_PRIVATE_USE_RANGES}]")
# Any character the two steps below would change. Most texts hold none, and str.translate with a
# dict looks up every character (0.65 ms of a 7 KB article against 0.02 ms for this search).
_TO_CHANGE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + _PRIVATE_USE_RANGES + "]")


def normalise_characters(text: str) -> str:
    """Text safe to store, search and show: see the module docstring for what changes."""
    if not _TO_CHANGE.search(text):
        return text
    return _PRIVATE_USE.sub("", text.translate(_TABLE))
