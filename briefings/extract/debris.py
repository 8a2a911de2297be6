"""Page debris that survives cleaning: captions, bylines, share lines, link and price lists, embedded posts.

Debris stays in the cleaned text (the full article still shows it where it was); these rules only keep it out of
facts, quotes and headlines. A paragraph that is debris makes all its sentences debris; a sentence can be debris on
its own (a credit line split off a pull quote). A trailing photo credit or link is trimmed from an otherwise good
sentence instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefings.extract.lexicon import (
    AGENCY_NAMES, AGENCY_WORDS, CAPTION_NOUNS, CAPTION_OPENERS, CAPTION_VERBS, CREDIT_WORDS, CURRENCY, LABEL_FUNCTION_WORDS, READER_ASKS,
    SHARE_LABELS, SHARE_PHRASES, SOCIAL_PLATFORMS, WEB_SUFFIXES, alternation, may_hold_any,
)
from briefings.models import Sentence

_PHOTO_PREFIX = re.compile(rf"^\(?{alternation(CAPTION_OPENERS)}\b\s*(?:[:|]|\s[—–-])?\s*", re.IGNORECASE)
_GALLERY = re.compile(r"^open this (?:photo|image) in gallery\b", re.IGNORECASE)
_CAPTION_VERB = re.compile(rf"^[^,.;]{{3,90}}?\b{alternation(CAPTION_VERBS)}\b", re.IGNORECASE)
# `(Photo: Jo Bloggs)`, `(Jo Bloggs / The Daily)`, `REUTERS/Jo Bloggs`, `Jo Bloggs/Getty Images` at the end.
_CREDIT_TAIL = re.compile(
    rf"\s*(?:\(\s*(?:(?i:{alternation(CREDIT_WORDS)})\b[^()]{{0,80}}|[A-Z][^()/]{{1,50}}/[^()]{{1,50}})\)"
    rf"|\b[A-Z]{{2,20}}/[A-Z][\w.’' /-]{{2,80}})\s*$",
)
# `( Jo Bloggs / City Daily )` inside a scraped paragraph: the caption's credit, glued to the next caption or sentence.
_INLINE_CREDIT = re.compile(r"\s*\(\s*[A-Z][^()/]{1,50}/[^()]{1,50}\)\s*")
# `This image released by …`, `The Canadian Press A badge is seen …`: a caption's own opening.
_CAPTION_OPENING = re.compile(
    rf"^(?i:(?:this|the|a)\s+(?:\w+\s+)?{alternation(CAPTION_NOUNS)}\s+(?:released|provided|taken|shows|made available)\b)"
    rf"|^(?:[Tt]he\s+)?(?i:{alternation(AGENCY_NAMES)})\s+(?=[A-Z])"
)
_CREDIT_LINE = re.compile(rf"^\(?{alternation(CREDIT_WORDS)}\s*(?:by|:|credit|courtesy)\b", re.IGNORECASE)
_AGENCY = f"(?i:{alternation(AGENCY_WORDS)})"
_NAME = r"[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}"
# `Jo Bloggs, The Associated Press`, `By Jo Bloggs`, `Jo Bloggs and Al Bo | Reuters`, `Jo Bloggs Staff Reporter`.
_BYLINE = re.compile(
    rf"^(?:[Bb]y\s+|BY\s+)?{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*\s*(?:[,|—–-]\s*|\s+)(?:[Tt]he\s+)?{_AGENCY}\b[\w\s]{{0,20}}$"
    rf"|^(?i:by|written by|reporting by|with files from)\s+{_NAME}(?:\s*(?:,|\band\b)\s*{_NAME})*\s*$"
)
_MAX_BYLINE = 120
_SHARE_LABEL = re.compile(rf"^\[?{alternation(SHARE_LABELS)}\s*[:|»›—–]", re.IGNORECASE)
_SHARE_PHRASE = re.compile(
    rf"\b{alternation(SHARE_PHRASES)}\b|\bfollow\s+(?:us|\w+)\s+on\s+{alternation(SOCIAL_PLATFORMS)}\b"
    rf"|\bsend\s+(?:us\s+|in\s+)?your\s+(?:\w+\s+){{0,5}}{alternation(READER_ASKS)}\b",
    re.IGNORECASE,
)
# Every _SHARE_PHRASE match holds one of these, in some case.
_SHARE_KEYS = tuple(p.lower() for p in SHARE_PHRASES) + ("follow", "send")
# The e-mail branch starts only where a token starts: `a.a.a.…` must not be rescanned from every dot.
_URL = re.compile(r"https?://\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b|\bpic\.twitter\.com/\S+")
_DOMAIN = re.compile(rf"(?<![@\w.])[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:{'|'.join(WEB_SUFFIXES)})\b(?![.\w-]*@)")
# What every _DOMAIN match holds; starting with a literal dot, it is scanned for quickly.
_DOMAIN_HINT = re.compile(rf"\.(?:{'|'.join(WEB_SUFFIXES)})")
_HANDLE = re.compile(r"\(@\w{2,}\)|(?<![\w@])@\w{2,}\b")
# An embedded post's sign-off: `— Jo Bloggs (@jobloggs) March 3, 2019`.
_POST_SIGNOFF = re.compile(r"[—–-]\s*[^()\n]{2,60}\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}")
# A price set off as a list item: `, $38,` or `, $38` at the end.
_PRICE = rf"[{CURRENCY}]\s?\d[\d.,]*"
_LISTED_PRICE = re.compile(rf"(?:^|[,;|•·]\s*){_PRICE}(?=\s*(?:[,;|•·]|$))|{_PRICE}(?=\s*[|•·])")
_TITLE_WORD = re.compile(rf"^(?:[A-Z0-9][\w.’'-]*|{'|'.join(re.escape(w) for w in LABEL_FUNCTION_WORDS)})[,:;]?$")
MAX_DEBRIS_PARAGRAPH = 500
MAX_CAPTION = 300
# A link at the end, or after a finished sentence together with whatever the scraper glued after it (a bio line).
_LINK_TAIL = re.compile(r"\s+(?:https?://|www\.)\S+\s*$|(?<=[.!?”])\s+(?:https?://|www\.)\S+\s.*$")
# Two or more capitalised words: a one-word `PENCE:` is a transcript's speaker, which a fact must keep.
_RUN_IN_HEAD = re.compile(r"^[A-Z][A-Z'’&-]+(?:\s+[A-Z][A-Z'’&-]+){1,4}:\s+(?=[A-Z“\"])")
_ASIDE = re.compile(r"^\(.*\)[.!]?$|^\[.*\][.!]?$", re.DOTALL)


def debris_kind(text: str, may_share: bool = True) -> str | None:
    """What kind of page debris `text` (a paragraph or a sentence) is, or None for running text.

    `may_share=False` says the text holds none of the share phrases' keys (its paragraph was looked at).
    """
    text = text.strip()
    if not text:
        return None
    if _GALLERY.match(text) or _CREDIT_LINE.match(text):
        return "caption"
    credit = _may_end_in_credit(text) and _CREDIT_TAIL.search(text) is not None
    if _is_photo_label(text) or _CAPTION_OPENING.match(text) or credit and _CAPTION_VERB.match(text):
        return "caption"
    if len(text) <= MAX_CAPTION and credit:
        return "caption"  # a short text signed with a photo credit: body text carries no credit
    if len(text) <= _MAX_BYLINE and _BYLINE.match(text):
        return "byline"
    if _SHARE_LABEL.match(text) or may_share and may_hold_any(text, _SHARE_KEYS) and _SHARE_PHRASE.search(text):
        return "share or newsletter"
    may_link = _may_have_url(text)
    if "(@" in text and _POST_SIGNOFF.search(text) or "@" in text and _HANDLE.search(text) and _URL.search(text):
        return "social post"
    if sum(map(text.count, CURRENCY)) >= 2 and len(_LISTED_PRICE.findall(text)) >= 2:  # each price holds a sign
        return "price list"
    urls = len(_URL.findall(text)) if may_link else 0
    if urls and _URL.fullmatch(text):
        return "link list"
    domains = len(_DOMAIN.findall(_URL.sub(" ", text) if urls else text)) if _DOMAIN_HINT.search(text) else 0
    if urls + domains >= 2:
        return "link list"  # a bare domain inside a URL is not counted twice
    if _is_label(text):
        return "label"
    return None


# Quick tests of a character or word each pattern cannot match without, so most running text skips the pattern.
def _may_end_in_credit(text: str) -> bool:
    """_CREDIT_TAIL needs a `/` or a closing parenthesis at the end."""
    return "/" in text or text.rstrip().endswith(")")


def _may_have_url(text: str) -> bool:
    """_URL needs one of these literals."""
    return "@" in text or "http" in text or "www." in text or "pic.twitter.com/" in text


def _is_photo_label(text: str) -> bool:
    """`FILE PHOTO`, `Photo: …` or `PHOTO | …`; a bare word like `Photos` too."""
    match = _PHOTO_PREFIX.match(text)
    if not match:
        return False
    prefix = text[: match.end()]
    return match.end() == len(text) or any(mark in prefix for mark in ":—–-|") or prefix.strip().isupper()


def _is_label(text: str) -> bool:
    """A short line of capitalised words with no sentence end: `ABSTRACT`, `CTV Vancouver`, `Jo Bloggs, City Daily`."""
    words = text.split(maxsplit=8)  # a ninth item means more than eight words: a long text is not split whole
    if len(words) > 8 or text.endswith(("!", "?", "”", '"')):
        return False
    if text.endswith(".") and not text.isupper():
        return False  # `Yes.`, `Thank You.`: a sentence, however short
    return all(_TITLE_WORD.match(w) for w in words)


def is_aside(text: str) -> bool:
    """A sentence wholly in parentheses or brackets: an aside, not news."""
    return bool(_ASIDE.match(text.strip()))


def debris_sentences(sentences: Sequence[Sentence], paragraphs: Sequence[str]) -> set[int]:
    """Indexes of the sentences that are debris, alone or because their whole (short) paragraph is.

    A long paragraph is judged sentence by sentence: a scraper may glue `Story continues below` into real text.
    """
    # The share phrases' keys are looked for once per paragraph: a sentence cut from a paragraph without any
    # holds none either.
    may_share = [may_hold_any(p, _SHARE_KEYS) for p in paragraphs]
    judged = {i: debris_kind(p, may_share[i]) for i, p in enumerate(paragraphs) if len(p) <= MAX_DEBRIS_PARAGRAPH}

    def is_debris(sentence: Sentence) -> bool:
        paragraph = paragraphs[sentence.paragraph]
        if sentence.paragraph in judged:
            if judged[sentence.paragraph]:
                return True
            if sentence.text.strip() == paragraph.strip():
                return False  # a one-sentence paragraph, judged already
        return debris_kind(sentence.text, may_share[sentence.paragraph] or sentence.text not in paragraph) is not None

    return {s.index for s in sentences if is_debris(s)}


def without_run_in_head(text: str) -> str:
    """`KEEPING SCORE: The index rose 2%.` -> `The index rose 2%.`: a wire story's capitalised section head."""
    return _RUN_IN_HEAD.sub("", text, count=1)


def without_trailing_debris(text: str) -> str:
    """`… in 2017. (Jo Bloggs / City Daily)` -> `… in 2017.`; a trailing link goes too, and whatever follows a credit
    inside a scraped paragraph (the next caption). The rest is kept as is."""
    credit = _INLINE_CREDIT.search(text) if "/" in text else None
    if credit and text[: credit.start()].rstrip().endswith((".", "!", "?", "”", '"')):
        text = text[: credit.start()]
    for _ in range(3):  # a credit can follow a link and vice versa
        trimmed = _CREDIT_TAIL.sub("", text) if _may_end_in_credit(text) else text
        trimmed = _LINK_TAIL.sub("", trimmed, count=1) if "http" in trimmed or "www." in trimmed else trimmed
        if trimmed == text:
            break
        text = trimmed
    return text.strip()
