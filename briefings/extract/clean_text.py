"""Remove scraping debris from an article body: HTML remnants, teaser lines, Related blocks, translation slips."""

from __future__ import annotations

import html
import re
from collections import Counter

from briefings.extract.lexicon import DOTTED_HONORIFIC
from briefings.extract.quote_marks import normalise_quote_marks
from briefings.models import CleanedText

_TAG = re.compile(r"<[^<>]*>")
# An unclosed tag cut off by the line end, e.g. `<a href="https://...`.
_OPEN_TAG_TAIL = re.compile(r"<[a-zA-Z/!][^<>]*$")
# The tail of an attribute whose tag start was lost, e.g. `Ukraine“>` or `title="x">`.
_ATTR_TAIL = re.compile(r"[^\s<>\"“”]*[\"“”']\s*/?>")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200b\u202f]+")

_TEASER = re.compile(
    r"^(?:you may (?:also )?be interested(?: in)?|you might (?:also )?(?:like|be interested(?: in)?)|read also|also read"
    r"|read more|see also|related(?: articles?| news| stories| content| coverage)?|recommended|don[’']?t miss"
    r"|must read|more on this)\s*[:：\-–—]\s*(?P<headline>\S.*)$",
    re.IGNORECASE,
)
_RELATED_HEADER = re.compile(
    r"^(?:related|related (?:articles?|news|stories|content|coverage|links|posts)|more on this(?: story)?"
    r"|you may (?:also )?(?:like|be interested(?: in)?)|read (?:more|also))\s*:?$",
    re.IGNORECASE,
)
_JUNK_LINE = re.compile(
    r"^(?:advertisement|advertising|share(?: this(?: article)?)?|subscribe|click here.*|continue reading"
    r"|(?:file )?(?:photo|image|video|caption|credit)s?\s*:.*)\.?$",
    re.IGNORECASE,
)
# Interview content that may follow a Related header and must be kept.
_INTERVIEW_HEADER = re.compile(r"^(?:an? )?(?:exclusive )?interview\b", re.IGNORECASE)
_TURN_LABEL = re.compile(
    rf"^(?:{DOTTED_HONORIFIC}\.\s+)?[A-Z][\w.’'-]*(?:\s+(?:{DOTTED_HONORIFIC}\.\s+)?[A-Z][\w.’'-]*){{0,6}}\s*:\s+\S"
)

# Spanish `y` left untranslated between two capitalised words: `Putin y Donald Trump`.
_SPANISH_AND = re.compile(r"\b([A-Z][\w’'.-]*) y (?=[A-Z])")
_GLUE_WORDS = ("the", "latter", "former", "who", "whose", "which", "said", "says", "and", "of", "was", "has", "had", "with", "for")
_CAP_WORD = re.compile(r"[A-Z](?<![\w’'][A-Z])[a-z]{2,}(?!\w)")
# Clause-internal pronouns that a bad translation capitalised.
_COMMA_PRONOUN = re.compile(r", (They|He|She|We|It|Both)(?= [a-z])")
_WORD_PRONOUN = re.compile(r"(?<=[A-Za-z]) (They|He|She)(?= [a-z]+(?:ed|s)\b)")
_LOWER_START = re.compile(r"^[a-z]+\b")


def clean_text(body: str) -> CleanedText:
    """Return the article's content paragraphs and, separately, the teaser and Related headlines."""
    lines = [_strip_markup(line) for line in body.splitlines()]
    glued = _glued_words(lines)
    paragraphs: list[str] = []
    related: list[str] = []
    in_related = False
    for line in lines:
        if not line or _JUNK_LINE.match(line):
            continue
        teaser = _TEASER.match(line)
        if teaser:
            related.append(teaser.group("headline").strip())
            continue
        if _RELATED_HEADER.match(line):
            in_related = True
            continue
        if in_related:
            if _is_related_headline(line):
                related.append(line)
                continue
            in_related = False
        paragraphs.append(normalise_quote_marks(_fix_translation(line, glued)))
    return CleanedText(paragraphs=tuple(paragraphs), related=tuple(related))


def _strip_markup(line: str) -> str:
    """Decode entities and drop tags and tag fragments from one line."""
    if "&" in line:
        line = html.unescape(line)
    if "<" in line or ">" in line:
        line = _TAG.sub(" ", line)
        line = _OPEN_TAG_TAIL.sub("", line)
        line = _ATTR_TAIL.sub("", line)
    if "  " in line or "\t" in line or "\u00a0" in line or "\u2009" in line or "\u200b" in line or "\u202f" in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


def _is_related_headline(line: str) -> bool:
    """A line right after `Related` is a headline when it is short and not interview content."""
    if _INTERVIEW_HEADER.match(line) or _TURN_LABEL.match(line):
        return False
    if len(line.split()) > 30:
        return False
    return line.endswith("?") or not line.endswith((".", "!", ".”", '."'))


def _glued_words(lines: list[str]) -> dict[str, str]:
    """Repairs for words like `Trumpthe`, found once over the whole text so each line only does a lookup."""
    text = "\n".join(lines)
    words = _CAP_WORD.findall(text)
    candidates = [w for w in words if w.endswith(_GLUE_WORDS) and len(w) >= 5]
    if not candidates:
        return {}
    known = Counter(words)
    repairs = {word: _unglue(word, known) for word in candidates}
    return {word: fixed for word, fixed in repairs.items() if fixed != word}


def _fix_translation(line: str, glued: dict[str, str]) -> str:
    """Repair machine-translation slips that would otherwise leak into names, quotes and headlines."""
    if " y " in line:
        line = _SPANISH_AND.sub(r"\1 and ", line)
    for word, fixed in glued.items():
        if word in line:
            line = re.sub(rf"\b{word}\b", fixed, line)
    if ", " in line:
        line = _COMMA_PRONOUN.sub(lambda m: ", " + m.group(1).lower(), line)
    if " He " in line or " She " in line or " They " in line:
        line = _WORD_PRONOUN.sub(lambda m: " " + m.group(1).lower(), line)
    first = _LOWER_START.match(line)
    if first and len(line) > 40:
        line = line[0].upper() + line[1:]
    return line


def _unglue(word: str, known: Counter[str]) -> str:
    """Split `Trumpthe` into `Trump, the` when `Trump` is a known name and `Trumpthe` is not."""
    if known[word] > 1:
        return word  # a real word that merely ends like `the`
    for glue in _GLUE_WORDS:
        if word.endswith(glue) and word[: -len(glue)] in known:
            head = word[: -len(glue)]
            sep = ", " if glue in ("the", "who", "whose", "which") else " "
            return head + sep + glue
    return word
