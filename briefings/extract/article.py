"""One article's text in, everything a briefing needs out: clean, split, then find facts, quotes and people.

An interview turn's `Name:` label becomes a Sentence of its own (`Dr. Vasilyeva:`) ahead of the spoken words, so
the rebuilt full text still shows who speaks while facts and quotes never contain a label; the turn's Quote points
at the first spoken sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from briefings.extract.clean_text import clean_text
from briefings.extract.facts import extract_facts
from briefings.extract.interview import Turn, find_turns
from briefings.extract.people import extract_people
from briefings.extract.quotes import extract_quotes
from briefings.models import Extraction, Person, Quote, Sentence
from briefings.extract.split_sentences import split_sentences

_INTERVIEW_HEADER = re.compile(r"^(?:an? |the )?(?:exclusive )?interview (?:between|with)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:,\s+[A-Z][\w.' -]{1,30}?)?\s*(?:\([\w .]+\))?\s*[—–-]{1,2}\s+")
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+[\w -]{1,40}?\s(?:said|says|showed|show|shows|reported|announced|confirmed)(?:\s+(?:on\s+)?\w+day)?$"
)
_TRAILING_FUNCTION_WORD = re.compile(r"\s+(?:as|the|a|an|of|to|in|and|or|when|that|with|for|on|at|by|from|while)$", re.IGNORECASE)
# Where a lead's main clause usually ends.
_CLAUSE_END = re.compile(
    r",\s+(?:despite|while|although|though|after|as|according|which|who|because|since|but|amid|following|when|where"
    r"|with|in what|both|officials|authorities|police|[a-z]+ing)\b|\s+[—–]\s+|;|:"
)
_MAX_HEADLINE = 110
# `Officials said Tuesday that 12 people were killed` -> the news is after `that`.
_REPORTED_LEAD = re.compile(r"^[^,“”\"]{3,60}?\b(?:said|says|reported|announced)(?:\s+(?:on\s+)?\w+day)?\s+that\s+(?=\S)")


def extract_article(body: str, title: str | None = None) -> Extraction:
    """Clean `body`, split it into sentences and extract facts, quotes and people."""
    cleaned = clean_text(body)
    turns = find_turns(cleaned.paragraphs)
    by_paragraph = {turn.paragraph: turn for turn in turns}
    paragraphs = [by_paragraph[i].text if i in by_paragraph else p for i, p in enumerate(cleaned.paragraphs)]
    sentences, labels = _with_turn_labels(split_sentences(paragraphs), cleaned.paragraphs, by_paragraph)
    headers = {i for i, p in enumerate(paragraphs) if _INTERVIEW_HEADER.match(p)}
    people = extract_people(sentences, [(t.speaker, t.role) for t in turns if t.speaker])
    quotes = extract_quotes(sentences, by_paragraph.keys() | headers, people)
    people = _with_speaker_roles(people, quotes)
    turns = _name_anonymous_answers(turns, people, cleaned.paragraphs)
    quotes = sorted(quotes + _interview_quotes(turns, sentences), key=lambda q: q.sentence_index)
    interviewer = {t.paragraph for t in turns if t.is_interviewer}
    answers = {t.paragraph for t in turns if not t.is_interviewer}
    facts = extract_facts(sentences, answer_paragraphs=answers, excluded_paragraphs=interviewer | headers)
    facts = [f for f in facts if f.sentence_index not in labels]
    return Extraction(
        headline=title.strip() if title and title.strip() else _headline(sentences, by_paragraph.keys() | headers),
        sentences=tuple(sentences),
        facts=tuple(facts),
        quotes=tuple(quotes),
        people=tuple(people),
        related=cleaned.related,
    )


def _with_turn_labels(
    sentences: list[Sentence], paragraphs: Sequence[str], turns: dict[int, Turn]
) -> tuple[list[Sentence], set[int]]:
    """Insert each turn's label as a sentence before its words; also return the label sentences' indexes."""
    if not turns:
        return sentences, set()
    result: list[Sentence] = []
    labels: set[int] = set()
    seen: set[int] = set()
    for sentence in sentences:
        paragraph = sentence.paragraph
        if paragraph in turns and paragraph not in seen:
            seen.add(paragraph)
            label = paragraphs[paragraph][: len(paragraphs[paragraph]) - len(turns[paragraph].text)].strip()
            labels.add(len(result))
            result.append(Sentence(len(result), label, paragraph))
        result.append(Sentence(len(result), sentence.text, paragraph))
    return result, labels


def _interview_quotes(turns: Sequence[Turn], sentences: Sequence[Sentence]) -> list[Quote]:
    """One `interview` Quote per answer turn, pointing at the turn's first sentence."""
    first_sentence: dict[int, int] = {}
    for sentence in sentences:
        if sentence.paragraph in first_sentence or not _is_label(sentence, turns):
            first_sentence.setdefault(sentence.paragraph, sentence.index)
    return [
        Quote(first_sentence[t.paragraph], t.text, t.speaker, t.role, "interview")
        for t in turns
        if not t.is_interviewer and t.paragraph in first_sentence
    ]


def _with_speaker_roles(people: list[Person], quotes: Sequence[Quote]) -> list[Person]:
    """Give people the role their quote attribution states when the running text gave none."""
    roles = {q.speaker: q.role for q in quotes if q.speaker and q.role}
    return [replace(p, role=roles[p.name]) if not p.role and p.name in roles else p for p in people]


def _is_label(sentence: Sentence, turns: Sequence[Turn]) -> bool:
    """True for the `Name:` sentence that opens a turn."""
    return sentence.text.endswith(":") and any(t.paragraph == sentence.paragraph for t in turns)


def _name_anonymous_answers(turns: list[Turn], people: Sequence[Person], paragraphs: Sequence[str]) -> list[Turn]:
    """`A:` turns with no named interviewee take the first person named before the transcript starts."""
    if not turns or all(t.speaker or t.is_interviewer for t in turns):
        return turns
    intro = " ".join(paragraphs[: turns[0].paragraph])
    person = next((p for p in people if p.kind == "person" and p.name in intro), None)
    if person is None:
        return turns
    return [
        Turn(t.paragraph, t.label, person.name, person.role, t.text, t.is_interviewer) if not t.speaker and not t.is_interviewer else t
        for t in turns
    ]


def _headline(sentences: Sequence[Sentence], skip_paragraphs: set[int] | frozenset[int]) -> str:
    """The lead sentence's main clause, without a dateline or trailing punctuation."""
    lead = next((s.text for s in sentences if s.paragraph not in skip_paragraphs), "")
    lead = _DATELINE.sub("", lead)
    reported = _REPORTED_LEAD.match(lead)
    if reported and len(lead) - reported.end() > 30:
        lead = lead[reported.end()].upper() + lead[reported.end() + 1 :]
    for match in _CLAUSE_END.finditer(lead):
        if len(lead[: match.start()].split()) >= 4:
            lead = lead[: match.start()]
            break
    lead = _TRAILING_ATTRIBUTION.sub("", lead.strip().rstrip(",;:.!—– "))
    if len(lead) > _MAX_HEADLINE:
        cut = lead.rfind(" ", 0, _MAX_HEADLINE)
        lead = lead[: cut if cut > 0 else _MAX_HEADLINE].rstrip(",;: ")
        lead = _TRAILING_FUNCTION_WORD.sub("", lead)
    return lead
