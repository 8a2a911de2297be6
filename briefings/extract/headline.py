"""A headline for an article that came without one: the lead's main clause, short, complete and free of debris.

The lead is the first sentence that is running text (not a label, byline, caption or question to the reader). From it
go the dateline (`OTTAWA —`, `Springfield (AFP) –`), a leading adverbial phrase (`On Thursday,`), time phrases (`on
Thursday`), the description before the subject's name and trailing subordinate clauses. What is left must fit as a
complete clause, cut only where no verb is left waiting for its object; if the lead has none, the next sentences are
tried, then the lead is cut short. A lead that is a quote keeps its speaker: `Speaker: “First sentence of the quote”`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from itertools import chain, islice

from briefings.extract.debris import debris_kind
from briefings.extract.facts import speaks_to_reader
from briefings.extract.lexicon import (
    DATELINE,
    AUXILIARY_VERBS, CATENATIVE_VERBS, CLAUSE_OPENERS, CLAUSE_TAKING_VERBS, DAY_PARTS, DESCRIPTION_ADJECTIVES,
    FINDING_VERBS, FINITE_VERB, FUNCTION_WORDS, HEADLINE_CUT_BEFORE, HONORIFICS, LEAD_OPENERS, MONTH,
    NAME_DESCRIPTION_NOUNS, NOT_NAMES, ORG_WORDS, ROLE_MODIFIERS, ROLE_WORDS, SAYING_VERBS, SPEECH_VERB, TIME_WORDS,
    TRAILING_WORDS, WEEKDAYS, alternation,
)
from briefings.models import Quote, Sentence

MAX_HEADLINE = 90
_MIN_WORDS = 4
_MIN_CUT = 36  # a cut that keeps less than this of a long lead has lost what the lead was about
LEAD_SENTENCES = 3  # sentences of running text tried for a clause that fits whole
KEYWORDS = 8
_WORD = re.compile(r"[^\W\d_]+")

# `On Thursday, …`, `In a statement on Friday, …`, `Last week, …`: a leading phrase before the subject.
# The phrase may hold a quoted title: `On this week's edition of “Face the Nation,” …`.
_LEAD_PHRASE = re.compile(
    rf"^(?i:{alternation(LEAD_OPENERS)})\b(?:[^,;:“”\"]|“[^“”]{{1,60}}”){{0,120}}?(?:,|(?<=,”))\s+(?=\S)"
)
# `Jo Bloggs, under fire over her taxes, is …` -> `Jo Bloggs is …`: an aside between the subject and its verb.
_SUBJECT_APPOSITIVE = re.compile(r"^((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*),\s+[^,“”\"]{3,80},\s+(?=[a-z])")
_DAY = alternation(WEEKDAYS)
_PART = alternation(DAY_PARTS)
# A weekday goes with its part of the day, never out of a possessive (`Tuesday night’s debate`); see _drop_time.
_TIME_PHRASE = re.compile(
    rf",?\s+(?:(?:on|late|early)\s+)?{_DAY}(?:\s+{_PART}(?![’'\w])|(?![’'\w]|\s+{_PART}))"
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
_CLAUSE_TAKING = frozenset(CLAUSE_TAKING_VERBS)
_FUNCTION_WORDS = frozenset(FUNCTION_WORDS)
_AUXILIARIES = frozenset(AUXILIARY_VERBS)
_MODALS = frozenset(("may", "might", "could", "would", "will", "can", "should", "must", "to"))
_CLAUSE_WORDS = frozenset(("that", "whether"))
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b")
_NAME_WORD = r"[A-Z][\w’'-]+"
_HONORIFIC = rf"(?i:{alternation(HONORIFICS)})\."  # not `St.`: `A St. Louis man` names no one
_DESCRIBER = rf"(?i:{alternation(ROLE_WORDS | ROLE_MODIFIERS | set(NAME_DESCRIPTION_NOUNS))})"
_PLAIN_NAME = rf"(?!{_DESCRIBER}\b|{_HONORIFIC}){_NAME_WORD}"
# `Republican presidential nominee`, `Massachusetts Sen.`, `Retired Lt. Gen.`: up to five words ending in a role or an
# honorific, before a name of two words (or one after an honorific: `Mr. Obama`).
_DESCRIPTION = re.compile(
    rf"^(?:(?:[Tt]he\s+)?(?:[A-Z][\w.’'-]*|{_DESCRIBER}|(?i:{alternation(DESCRIPTION_ADJECTIVES)})|[a-z-]+(?:al|ic))\s+){{0,4}}?"
    rf"(?:{_DESCRIBER}\s+(?:{_HONORIFIC}\s+)*(?P<name>{_PLAIN_NAME}\s+{_PLAIN_NAME})|{_HONORIFIC}\s+(?P<surname>{_PLAIN_NAME}))\b"
)
# `Jo Bloggs said (that) the port will close …`: a named speaker and the clause reported.
_ATTRIBUTION = re.compile(
    rf"^(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s+{alternation(SAYING_VERBS)}\s+(?:that\s+)?(?P<what>\S.*)$"
)
_PRONOUN_SUBJECTS = frozenset(("he", "she", "it", "they", "we", "i"))
# A later sentence that opens with one of these leans on the one before: no headline.
_BACK_REFERENCE = frozenset("he she it they his her its their this that these those there but and so".split())
_CATENATIVE = frozenset(CATENATIVE_VERBS)
_DANGLING_POSSESSIVE = re.compile(r"\s+\S+[’'‘]s$")
_QUOTE_OPEN = ("“", '"', "‘", "''", "”")


def infer_headline(
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote] = (),
    skip_paragraphs: Collection[int] = (),
    debris: Collection[int] = (),
) -> str:
    """The headline of an untitled article: the main clause of the lead, or of one of the next sentences when the
    lead's does not fit whole and theirs names more of what the article is about; else the lead cut short.

    A lead that is a quote gives `Speaker: “quote”`. A sentence that says `I` or `you` (a column) is no headline.
    """
    spoken = {q.sentence_index: q for q in quotes if q.speaker and q.kind != "interview"}
    # Judged lazily: only the lead and the first few candidates are ever needed.
    running = (
        s for s in sentences
        if s.paragraph not in skip_paragraphs and s.index not in debris and _is_running_text(s.text)
    )
    lead = next(running, None)
    if lead is None:
        return ""
    if lead.text.lstrip().startswith(_QUOTE_OPEN):
        if lead.index in spoken:
            return _quote_headline(spoken[lead.index])
        # an unattributed quote is no headline: the candidates are the sentences after it
    else:
        running = chain((lead,), running)
    candidates = list(islice((s.text for s in running if not s.text.lstrip().startswith(_QUOTE_OPEN)), LEAD_SENTENCES))
    if not candidates:
        return shorten(_reduce(lead.text))
    usable = [
        (position, text) for position, text in enumerate(candidates)
        if not speaks_to_reader(text) and not (position and _leans_back(text))
    ]
    keywords: set[str] | None = None  # counted only when a later candidate needs scoring
    best: tuple[int, int, str] | None = None
    for position, text in usable:
        headline = fitted_clause(text)
        if headline and position == 0:
            return headline
        if headline and not _leans_back(headline):
            if keywords is None:
                keywords = article_keywords(s.text for s in sentences if s.index not in debris)
            score = (len(keywords.intersection(_content_words(headline))), -position, headline)
            best = max(best, score) if best else score
    if best:
        return best[2]
    cut_short = [shorten(_reduce(text)) for _, text in usable] or [shorten(_reduce(candidates[0]))]
    return next((h for h in cut_short if len(h.split()) >= _MIN_WORDS), cut_short[0])


def _leans_back(text: str) -> bool:
    """True for a sentence that opens by pointing at the one before: `He said …`, `That’s according to …`."""
    first = re.split(r"['’]", text.split()[0].lower(), maxsplit=1)[0]
    return first in _BACK_REFERENCE


def article_keywords(texts: Iterable[str], count: int = KEYWORDS) -> set[str]:
    """The article's most frequent content words: what a headline should name."""
    frequency = Counter(word for text in texts for word in _content_words(text))
    return {word for word, n in frequency.most_common(count) if n > 1}


def _content_words(text: str) -> list[str]:
    """Each content word once, in text order: counts that tie then rank the same way whatever the hash seed."""
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS and len(w) > 2))


def _is_running_text(text: str) -> bool:
    """A sentence of prose: enough words, not debris, not a question to the reader nor a lead-in to a list (`:`)."""
    return len(text.split()) >= _MIN_WORDS and not text.rstrip("”\"’' ").endswith(("?", ":")) and debris_kind(text) is None


def _strip_lead(text: str) -> str:
    return DATELINE.sub("", text.strip(), count=1).strip()


def main_clause(text: str) -> str:
    """The main clause of a lead sentence, at most MAX_HEADLINE characters; cut short if it does not fit whole."""
    lead = _reduce(text)
    return fitted(lead) or shorten(lead)


def fitted_clause(text: str) -> str | None:
    """The main clause of a sentence as a headline, or None when no complete clause of it fits."""
    return fitted(_reduce(text))


def _reduce(text: str) -> str:
    """A lead without its dateline, leading phrase, asides, time phrases and trailing clauses; capitalised."""
    lead = _strip_lead(text)
    phrase = _LEAD_PHRASE.match(lead)
    if phrase and not _ends_in_appositive(lead[phrase.end() :]):
        lead = lead[phrase.end() :]
    lead = _SUBJECT_APPOSITIVE.sub(r"\1 ", lead, count=1)
    lead = _TIME_PHRASE.sub(_drop_time, _ASIDE.sub("", lead))
    source = _UNNAMED_SOURCE.match(lead)
    if source and len(lead) - source.end() > 30:
        lead = lead[source.end()].upper() + lead[source.end() + 1 :]
    lead = _without_description(lead)
    for match in _CLAUSE_END.finditer(lead):
        if _is_clause(lead[: match.start()]):
            lead = lead[: match.start()]
            break
    lead = _TRAILING_ATTRIBUTION.sub("", lead.strip().rstrip(",;:.!—– "))
    if len(lead) > MAX_HEADLINE:
        match = next((m for m in _SUBORDINATE.finditer(lead) if _is_clause(lead[: m.start()], _MIN_WORDS + 1)), None)
        if match:
            lead = lead[: match.start()]
    if len(lead) > MAX_HEADLINE:
        lead = _speaker_and_words(lead)
    return lead[:1].upper() + lead[1:]


def fitted(text: str, limit: int = MAX_HEADLINE) -> str | None:
    """`text` if it fits within `limit`, else its longest complete clause cut at a phrase boundary; None when every
    cut would leave a verb without its object or lose what the lead is about."""
    text = text.strip().rstrip(",;:.!—– ")
    if len(text) <= limit:
        return text if len(text.split()) >= _MIN_WORDS else None
    cuts = [m.start() for m in _CUT_BEFORE.finditer(text, 0, limit + 1) if not _joins_verbs(text, m.start())]
    for cut in reversed(cuts):
        cut_off = text[:cut].rstrip(",;:—– ")
        last = cut_off.lower().split()[-2:]
        if cut_off.endswith("-") or last[-1] in _AUXILIARIES or last[0] in _MODALS:
            continue  # `low-` of `low- and middle-income`; `is`, `may prove` whose complement was cut off
        head = _without_trailing_words(cut_off)
        if len(head) >= _MIN_CUT and _is_clause(head) and not _leaves_clause_open(head):
            return head
    return None


def _leaves_clause_open(head: str) -> bool:
    """True when a cut ends inside a clause opened by `that` or taken by a verb like `says`, before its verb."""
    words = head.split()
    opener = max((i for i, w in enumerate(words) if w.lower() in _CLAUSE_TAKING or w in _CLAUSE_WORDS), default=None)
    return opener is not None and opener > 0 and _VERB.search(" ".join(words[opener + 1 :])) is None


def _without_description(text: str) -> str:
    """`Former President Jo Bloggs said …` -> `Jo Bloggs said …`: a headline names the person; the role is in the text."""
    match = _DESCRIPTION.match(text)
    name = "name" if match and match.group("name") else "surname"
    if not match or match.group(name).split()[0] in NOT_NAMES:
        return text
    return text[match.start(name) :]


def _speaker_and_words(text: str) -> str:
    """`Jo Bloggs said the port will close in May` -> `Bloggs: The port will close in May`, when that is what fits."""
    match = _ATTRIBUTION.match(text)
    if not match:
        return text
    who, words = match.group("who").split(), match.group("what")
    if (
        len(who) < 2 or who[0] in NOT_NAMES or any(w in ORG_WORDS for w in who)
        or words.split()[0].lower() in _PRONOUN_SUBJECTS or not _is_clause(words)
    ):
        return text
    return f"{who[-1]}: {words[:1].upper()}{words[1:]}"


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
    return before in _CATENATIVE or before.endswith(("ed", "ing"))  # `is vowing to`, `are trying to`


def _without_trailing_words(text: str) -> str:
    """Drop trailing function words and a dangling possessive: `… to buy the company’s` -> `… to buy`."""
    while True:
        trimmed = _TRAILING_WORD.sub("", _DANGLING_POSSESSIVE.sub("", text.rstrip(",;:—– "))).rstrip(",;:—– ")
        if trimmed == text:
            return text
        text = trimmed


def _drop_time(match: re.Match[str]) -> str:
    """Drop a time phrase, unless a bare weekday follows a capitalised word: a name (`Face the Nation Sunday`)."""
    before = match.string[max(0, match.start() - 40) : match.start()].rsplit(None, 1)
    bare = match.group(0)[:1].isspace() and match.group(0).split()[0][:1].isupper()
    return match.group(0) if bare and before and before[-1][:1].isupper() else ""


def _ends_in_appositive(rest: str) -> bool:
    """True when the comma a leading phrase ended at opened an appositive: `When Jo Bloggs, the mayor, came …`."""
    head, comma, _ = rest.partition(",")
    return bool(comma) and _VERB.search(head) is None


def _is_clause(text: str, min_words: int = _MIN_WORDS) -> bool:
    """Enough words and a finite verb: what is left after a cut still says something happened.

    The verb of a relative clause is not the clause's own: `Kevin Bloggs, who became mayor in 2019` says nothing.
    """
    if len(text.split()) < min_words:
        return False
    relative = _RELATIVE.search(text)
    if relative is None or _VERB.search(text, 0, relative.start()):
        return _VERB.search(text) is not None
    return len(_VERB.findall(text, relative.end())) >= 2


def _quote_headline(quote: Quote) -> str:
    """`Speaker: “first words of the quote”`, the quote cut at a sentence or phrase boundary."""
    first = re.split(r"(?<=[.!?])\s+", quote.text.strip(), maxsplit=1)[0].rstrip(".,;: ")
    room = MAX_HEADLINE - len(quote.speaker or "") - 4
    return f"{quote.speaker}: “{shorten(first, max(room, 30))}”"
