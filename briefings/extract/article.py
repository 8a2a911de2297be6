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
from briefings.extract.debris import debris_sentences
from briefings.extract.facts import extract_facts
from briefings.extract.headline import infer_headline
from briefings.extract.interview import Turn, find_turns
from briefings.extract.people import extract_people
from briefings.extract.person_evidence import shown_people
from briefings.extract.quotes import extract_quotes
from briefings.models import Extraction, Person, Quote, Sentence
from briefings.extract.split_sentences import split_sentences

_INTERVIEW_HEADER = re.compile(r"^(?:an? |the )?(?:exclusive )?interview (?:between|with)\b", re.IGNORECASE)

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
    # Captions, bylines, share lines and embedded posts stay in the text but never reach facts, quotes or headline.
    debris = debris_sentences(sentences, paragraphs) - labels
    quotes = [q for q in quotes if q.sentence_index not in debris]
    interviewer = {t.paragraph for t in turns if t.is_interviewer}
    answers = {t.paragraph for t in turns if not t.is_interviewer}
    facts = extract_facts(sentences, answer_paragraphs=answers, excluded_paragraphs=interviewer | headers, debris=debris)
    facts = [f for f in facts if f.sentence_index not in labels]
    if title and title.strip():
        headline = title.strip()
    else:
        headline = infer_headline(sentences, quotes, by_paragraph.keys() | headers, debris | labels)
    # Every name-shaped run served the resolver as a possible rival; readers see only those marked as someone.
    shown = shown_people(people, {q.speaker for q in quotes if q.speaker}, "\n".join(s.text for s in sentences))
    return Extraction(
        headline=headline,
        sentences=tuple(sentences),
        facts=tuple(facts),
        quotes=tuple(quotes),
        people=tuple(shown),
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
            if label:  # a paragraph continuing an answer has none
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
        Quote(first_sentence[t.paragraph], t.text, t.speaker, t.role, "interview", "Q/A turn" if t.speaker else None, t.label or None)
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
