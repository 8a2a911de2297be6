"""A headline for an article that came without one: the lead's main clause, short, complete and free of debris.

The lead is the first sentence that is running text (not a label, byline, caption or question to the reader). From it
go the dateline (`OTTAWA —`, `Springfield (AFP) –`), a leading adverbial phrase (`On Thursday,`), time phrases (`on
Thursday`) and trailing subordinate clauses; what is left is cut at a phrase boundary if it is still too long.
A lead that is a quote keeps its speaker: `Speaker: “First sentence of the quote”`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from briefings.extract.debris import debris_kind
from briefings.extract.lexicon import (
    CATENATIVE_VERBS, CLAUSE_OPENERS, FINDING_VERBS, FINITE_VERB, HEADLINE_CUT_BEFORE, LEAD_OPENERS, MONTH,
    SPEECH_VERB, TIME_WORDS, TRAILING_WORDS, WEEKDAYS, alternation,
)
from briefings.models import Quote, Sentence

MAX_HEADLINE = 90
_MIN_WORDS = 4

# `WASHINGTON —`, `NEWPORT NEWS, Va. -`, `FLINT, Mich., Oct. 4 (UPI) —`, `MILWAUKEE—`, `Springfield (AFP) –`.
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE_TITLE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}"
_REGION = r"(?:,\s+[A-Z][\w.]*\.?(?:\s+[A-Z][\w.]*\.?)?)?"
_DATE = rf"(?:,?\s+{MONTH}\s+\d{{1,2}})?"
_AGENCY_PAREN = r"\s*\([A-Za-z. ]{1,30}\)"
_DASH = r"\s*(?:--|[—–―-])\s*"
_DATELINE = re.compile(
    rf"^(?:{_PLACE_CAPS}{_REGION}{_DATE}(?:{_AGENCY_PAREN})?{_DASH}|{_PLACE_TITLE}{_REGION}{_DATE}{_AGENCY_PAREN}{_DASH})"
)
# `On Thursday, …`, `In a statement on Friday, …`, `Last week, …`: a leading phrase before the subject.
_LEAD_PHRASE = re.compile(rf"^(?i:{alternation(LEAD_OPENERS)})\b[^,;:“”\"]{{0,120}},\s+(?=\S)")
# `Jo Bloggs, under fire over her taxes, is …` -> `Jo Bloggs is …`: an aside between the subject and its verb.
_SUBJECT_APPOSITIVE = re.compile(r"^((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*),\s+[^,“”\"]{3,80},\s+(?=[a-z])")
_DAY = alternation(WEEKDAYS)
_TIME_PHRASE = re.compile(
    rf",?\s+(?:(?:on|late|early)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?(?![’'\w])"
    rf"|,?\s+(?:on\s+)?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?\b"
    rf"|,?\s+(?i:{alternation(TIME_WORDS)})(?![’'\w])"
)
# Where a lead's main clause usually ends.
_CLAUSE_END = re.compile(rf",\s+{alternation(CLAUSE_OPENERS)}\b|,\s+[a-z]+ing\b|\s+(?:[—–―]|--)\s+|;|:\s")
# Asides inside a lead: `(R-Ind.)`, `— a surgeon and TV star —`.
_ASIDE = re.compile(r"\s*\([^()]{0,60}\)|\s+(?:[—–―]|--)\s+[^—–―]{1,80}?\s+(?:[—–―]|--)(?=\s)")
_SUBORDINATE = re.compile(r"\s+(?:after|because|since|while|although|though|amid|despite|following|when)\s+")
_CUT_BEFORE = re.compile(rf"(?:,\s+|\s+(?={alternation(HEADLINE_CUT_BEFORE)}\s))")
_TRAILING_WORD = re.compile(rf"(?:\s+{alternation(TRAILING_WORDS)})+$", re.IGNORECASE)
_REPORTING = rf"(?:{SPEECH_VERB}|{alternation(FINDING_VERBS)})"
_TRAILING_ATTRIBUTION = re.compile(rf",\s+[^,]{{1,80}}?\s{_REPORTING}$")
# `Police said that three men were held` -> `Three men were held`; a named source (`Jo Bloggs said that …`) stays.
_UNNAMED_SOURCE = re.compile(rf"^[A-Z][a-z]+(?:\s+[a-z][\w-]*){{0,3}}\s+{_REPORTING}\s+that\s+(?=\S)")
_VERB = re.compile(FINITE_VERB)
_CATENATIVE = frozenset(CATENATIVE_VERBS)
_DANGLING_POSSESSIVE = re.compile(r"\s+\S+[’'‘]s$")
_QUOTE_OPEN = ("“", '"', "‘", "''", "”")


def infer_headline(
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote] = (),
    skip_paragraphs: Collection[int] = (),
    debris: Collection[int] = (),
) -> str:
    """The headline of an untitled article, or the first sentence cut short when no lead qualifies."""
    spoken = {q.sentence_index: q for q in quotes if q.speaker and q.kind != "interview"}
    fallback = ""
    for sentence in sentences:
        if sentence.paragraph in skip_paragraphs or sentence.index in debris or not _is_running_text(sentence.text):
            continue
        fallback = fallback or sentence.text
        if sentence.text.lstrip().startswith(_QUOTE_OPEN):
            quote = spoken.get(sentence.index)
            if quote is None:
                continue  # an unattributed quote is no headline
            return _quote_headline(quote)
        headline = main_clause(sentence.text)
        if len(headline.split()) >= _MIN_WORDS:
            return headline
    return shorten(_strip_lead(fallback)) if fallback else ""


def _is_running_text(text: str) -> bool:
    """A sentence of prose: enough words, not debris, not a question to the reader nor a lead-in to a list (`:`)."""
    return len(text.split()) >= _MIN_WORDS and not text.rstrip("”\"’' ").endswith(("?", ":")) and debris_kind(text) is None


def _strip_lead(text: str) -> str:
    return _DATELINE.sub("", text.strip(), count=1).strip()


def main_clause(text: str) -> str:
    """The main clause of a lead sentence, at most MAX_HEADLINE characters."""
    lead = _strip_lead(text)
    phrase = _LEAD_PHRASE.match(lead)
    if phrase and not _ends_in_appositive(lead[phrase.end() :]):
        lead = lead[phrase.end() :]
    lead = _SUBJECT_APPOSITIVE.sub(r"\1 ", lead, count=1)
    lead = _TIME_PHRASE.sub("", _ASIDE.sub("", lead))
    source = _UNNAMED_SOURCE.match(lead)
    if source and len(lead) - source.end() > 30:
        lead = lead[source.end()].upper() + lead[source.end() + 1 :]
    for match in _CLAUSE_END.finditer(lead):
        if _is_clause(lead[: match.start()]):
            lead = lead[: match.start()]
            break
    lead = _TRAILING_ATTRIBUTION.sub("", lead.strip().rstrip(",;:.!—– "))
    if len(lead) > MAX_HEADLINE:
        match = next((m for m in _SUBORDINATE.finditer(lead) if _is_clause(lead[: m.start()], _MIN_WORDS + 1)), None)
        if match:
            lead = lead[: match.start()]
    return shorten(lead[:1].upper() + lead[1:])


def shorten(text: str, limit: int = MAX_HEADLINE) -> str:
    """Cut at the last phrase boundary (a comma, or before a preposition or conjunction) within `limit`."""
    text = text.strip().rstrip(",;:.!—– ")
    if len(text) <= limit:
        return text
    clause_cut = phrase_cut = 0
    for match in _CUT_BEFORE.finditer(text):
        if match.start() > limit:
            break
        if _joins_verbs(text, match.start()):
            continue
        head = _without_trailing_words(text[: match.start()])
        if _is_clause(head):
            clause_cut = match.start()
        elif len(head.split()) >= _MIN_WORDS:
            phrase_cut = match.start()
    if clause_cut:
        return _without_trailing_words(text[:clause_cut])
    word_cut = _without_trailing_words(text[: max(text.rfind(" ", 0, limit), 1)])
    if _is_clause(word_cut) or not phrase_cut:
        return word_cut  # a clause cut between words says more than a phrase without a verb
    return _without_trailing_words(text[:phrase_cut])


def _joins_verbs(text: str, at: int) -> bool:
    """True at the `to` of `attempted to interfere`: cutting there leaves a verb waiting for its object."""
    if not text.startswith(" to ", at):
        return False
    before = text[:at].rsplit(" ", 1)[-1].lower()
    return before in _CATENATIVE or before.endswith("ed")


def _without_trailing_words(text: str) -> str:
    """Drop trailing function words and a dangling possessive: `… to buy the company’s` -> `… to buy`."""
    while True:
        trimmed = _TRAILING_WORD.sub("", _DANGLING_POSSESSIVE.sub("", text.rstrip(",;:—– "))).rstrip(",;:—– ")
        if trimmed == text:
            return text
        text = trimmed


def _ends_in_appositive(rest: str) -> bool:
    """True when the comma a leading phrase ended at opened an appositive: `When Jo Bloggs, the mayor, came …`."""
    head, comma, _ = rest.partition(",")
    return bool(comma) and _VERB.search(head) is None


def _is_clause(text: str, min_words: int = _MIN_WORDS) -> bool:
    """Enough words and a finite verb: what is left after a cut still says something happened."""
    return len(text.split()) >= min_words and _VERB.search(text) is not None


def _quote_headline(quote: Quote) -> str:
    """`Speaker: “first words of the quote”`, the quote cut at a sentence or phrase boundary."""
    first = re.split(r"(?<=[.!?])\s+", quote.text.strip(), maxsplit=1)[0].rstrip(".,;: ")
    room = MAX_HEADLINE - len(quote.speaker or "") - 4
    return f"{quote.speaker}: “{shorten(first, max(room, 30))}”"
