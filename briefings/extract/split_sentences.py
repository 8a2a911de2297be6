"""Split paragraphs into sentences without breaking on abbreviations, initials, decimals or open quotes."""

from __future__ import annotations

import re
from typing import Sequence

from briefings.extract.lexicon import MONTH_STEMS, SPEECH_VERB, TITLE_ABBREVIATIONS
from briefings.models import Sentence

# Terminal punctuation, closing quotes/brackets, whitespace, then something that can start a sentence.
# It opens with a plain character class, so the regex engine skips through text in its fast loop; the lookbehind
# right after it rejects a start inside a run of punctuation, and the possessive `*+` never gives a run back: a
# 60 KB line of dots is one failed attempt per run, not one per dot (which was quadratic).
_BOUNDARY = re.compile(r"([.!?…](?<![.!?…][.!?…])[.!?…]*+)([”\"’')\]]*+)(\s+)(?=[“\"‘'(\[]?[A-Z0-9])")
_NEXT_WORD = re.compile(r"[“\"‘'(\[]?([\w’'-]+)")
_ATTRIBUTION_AFTER = re.compile(rf"(?:(?:[A-Z][\w.’'-]*\s+){{1,4}}|(?:the|a|an)\s+[a-z][\w-]*\s+)?{SPEECH_VERB}\b")

_TITLES = TITLE_ABBREVIATIONS
_MONTHS = MONTH_STEMS
_BEFORE_NUMBER = frozenset("no nos art fig vol p pp ch sec op".split())
# `U.S.`, `a.m.`, `Inc.` end a sentence only when a typical sentence opener follows.
_SOFT_ABBREVIATIONS = frozenset("inc corp co ltd bros etc vs".split())
_NEVER_END = frozenset(("e.g", "i.e", "cf", "viz", "approx", "ca"))
_SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you but and in on at this that these those his her its their there however "
    "meanwhile still yet so if when while after before as for since although though earlier later also some many "
    "most officials police authorities".split()
)
_MULTI_DOT = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
# A quote left open longer than this is probably missing its closing mark.
_MAX_QUOTE_SPAN = 600


def split_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """Split each paragraph into sentences; `Sentence.paragraph` is the paragraph's position."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in _split_paragraph(paragraph):
            sentences.append(Sentence(index=len(sentences), text=text, paragraph=number))
    return sentences


def _split_paragraph(text: str) -> list[str]:
    """Sentences of one paragraph, in order, stripped; a paragraph end always ends a sentence."""
    pieces: list[str] = []
    start = 0
    scanned = 0
    curly_depth = 0
    straight_open = False
    quote_opened_at = -1
    for match in _BOUNDARY.finditer(text):
        was_open = curly_depth > 0 or straight_open
        segment = text[scanned : match.end(2)]
        curly_depth = max(0, curly_depth + segment.count("“") - segment.count("”"))
        if segment.count('"') % 2:
            straight_open = not straight_open
        scanned = match.end(2)
        is_open = curly_depth > 0 or straight_open
        if is_open and not was_open:
            quote_opened_at = max(segment.rfind("“"), segment.rfind('"')) + match.end(2) - len(segment)
        if is_open and match.start() - quote_opened_at < _MAX_QUOTE_SPAN:
            continue
        if not _is_boundary(text, match, start):
            continue
        pieces.append(text[start : match.end(2)].strip())
        start = match.end()
        if is_open:
            # A runaway quote: treat the rest as unquoted.
            curly_depth, straight_open = 0, False
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _is_boundary(text: str, match: re.Match[str], start: int) -> bool:
    """Decide whether a candidate boundary really ends a sentence."""
    # Matched in place from match.end(): a copy of the rest of the paragraph per boundary would be quadratic.
    closers = match.group(2)
    if any(c in closers for c in "”\"'’") and _ATTRIBUTION_AFTER.match(text, match.end()):
        return False  # `“Why?” Smith asked.` is one sentence
    if match.group(1) != ".":
        return True
    token_start = max(start, text.rfind(" ", start, match.start()) + 1)
    token = text[token_start : match.start()].lstrip("“\"‘'([")
    lowered = token.lower()
    next_match = _NEXT_WORD.match(text, match.end())
    next_word = next_match.group(1) if next_match else ""
    if lowered in _TITLES or lowered in _NEVER_END:
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: `John F. Kennedy`
    if next_word[:1].isdigit() and (lowered in _MONTHS or lowered in _BEFORE_NUMBER):
        return False
    if _MULTI_DOT.search(token) or lowered in _SOFT_ABBREVIATIONS or lowered in _MONTHS:
        return next_word.lower() in _SENTENCE_OPENERS
    return True
