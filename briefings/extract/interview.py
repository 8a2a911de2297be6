"""Recognise interview transcripts: `Name: text` turns, who is speaking, and who is asking the questions.

extract_article splits only `Turn.text` into sentences and keeps the label as a separate one-line sentence, so facts
and quotes never contain `Dr. Vasilyeva:`; `Turn.paragraph` remembers whose words they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from briefings.extract.lexicon import DOTTED_HONORIFIC, HONORIFICS
from briefings.extract.people import CAPITALISED_RUN, is_name_like, is_organisation, is_place, split_role_and_name

_LABEL = re.compile(
    rf"^[“\"]?(?P<label>(?:{DOTTED_HONORIFIC}\.\s+)?[A-Z][\w.’'-]*"
    rf"(?:\s+(?:{DOTTED_HONORIFIC}\.\s+)?[A-Z][\w.’'-]*){{0,6}})\s*:\s+(?P<text>\S.*)$"
)
_HEADER = re.compile(
    r"^(?:an? |the )?(?:exclusive )?interview (?:between|with) (?P<first>.+?)(?: and (?P<second>.+?))?[.:]?$",
    re.IGNORECASE,
)
_NOT_SPEAKERS = frozenset(
    """note notes update updated photo photos image images video source sources caption credit credits correction
    corrections disclaimer tags tag category posted published by copyright warning related watch listen summary
    background context location date time file via follow contact email tel phone website address subject re
    advertisement editor’s note editor's note read more see also also read key points highlights transcript
    translation translated""".split()
) | frozenset(("editor’s note", "editor's note", "read more", "see also", "also read", "key points", "breaking news"))
_INTERVIEWER_LABELS = frozenset("editor interviewer q question host moderator reporter journalist presenter anchor".split())
_ANSWER_LABELS = frozenset("a answer".split())
# Labels that name a part in the show, not a person: `HOST:` is whoever the intro calls the host.
_GUEST_LABELS = frozenset("guest interviewee".split())


# `QWhy now?` / `AWe had no choice.`: a Q or A glued to the words when the colon was lost.
_GLUED_QA = re.compile(r"^[“\"]?(?P<label>[QA])(?:[.:]\s*|(?=[A-Z][a-z’']))(?P<text>[A-Z“\"].*)$")
# `(CROSSTALK)`, `[Laughter]`: a transcript's stage direction, nobody's words.
STAGE_DIRECTION = re.compile(r"^[“\"]?\s*[(\[][^()\[\]]{1,60}[)\]]\W{0,3}$")
_MAX_LOOKED_UP_LABELS = 6
# Unlabelled paragraphs continue the turn before them, up to this many.
_MAX_CONTINUATION = 4


@dataclass(frozen=True)
class Turn:
    """One labelled turn; `text` is the paragraph without its `Name:` label and is a substring of it."""

    paragraph: int
    label: str
    speaker: str | None
    role: str | None
    text: str
    is_interviewer: bool


def find_turns(paragraphs: Sequence[str]) -> list[Turn]:
    """Interview turns in paragraph order; empty when the article has no transcript.

    Labels may be `Name:`, `NAME:` (when the name is used in the article's text), `Q:`/`A:`, or `Q`/`A` glued to
    the words when scraping lost the colon (`QWhy now?`); a turn may sit inside quote marks. A paragraph without a
    label right after an answer continues that answer.
    """
    parties = _header_parties(paragraphs)
    labelled = [(n, _LABEL.match(p) if p.find(":", 0, 120) > 0 else None) for n, p in enumerate(paragraphs)]
    # Only a label in capitals is checked against the names in the text: without one, the words need no scan.
    capitals = any(m and m.group("label").isupper() for _, m in labelled)
    names_in_text = _capitalised_words(paragraphs) if capitals else frozenset()
    # A label in capitals is a speaker's when the article names that person, or when it recurs (a transcript's
    # `HOST:`/`GUEST:`); a section head such as `MARKETS:` comes once.
    recurring = Counter(m.group("label") for _, m in labelled if m and m.group("label").isupper())
    names_in_text |= {label.split()[-1].title() for label, count in recurring.items() if count >= 2}
    raw: list[tuple[int, str, str]] = []
    for number, match in labelled:
        paragraph = paragraphs[number]
        if match and _is_speaker_label(match.group("label"), names_in_text):
            raw.append((number, match.group("label"), match.group("text")))
            continue
        glued = _GLUED_QA.match(paragraph)
        if glued:
            raw.append((number, glued.group("label"), glued.group("text")))
    if len(raw) < 2:
        return []
    raw = _with_continuations(raw, paragraphs)
    full_names = dict(parties)
    capital_names = _full_names_of_capital_labels(Counter(label for _, label, _ in raw), paragraphs)
    for _, label, _ in raw:
        role, name = _role_and_name(label)
        full_names.setdefault(name, role)
    canonical = {label: capital_names.get(label) or _resolve(_role_and_name(label)[1], full_names) for _, label, _ in raw}
    by_part = _parts_from_intro(paragraphs[: raw[0][0]], {label for _, label, _ in raw})
    for label, name in capital_names.items():
        full_names.setdefault(name, None)
    if len(set(canonical.values())) < 2 and not parties:
        return []
    interviewers = _interviewers(raw, canonical)
    answerer = _sole_answerer(full_names, interviewers)
    turns = []
    for number, label, text in raw:
        speaker: str | None = canonical[label]
        if speaker is not None and speaker.lower() in _ANSWER_LABELS:
            speaker = answerer
        elif label.lower() in _INTERVIEWER_LABELS | _GUEST_LABELS and label.isupper():
            speaker = by_part.get(label.lower())
        role = full_names.get(speaker) if speaker else None
        turns.append(Turn(number, label, speaker, role, text, canonical[label] in interviewers))
    return turns


def _is_speaker_label(label: str, names_in_text: frozenset[str]) -> bool:
    """Reject `Note`, `Photo`, `Source`, datelines such as `KYIV`, section heads such as `KEEPING SCORE` and anything
    not name-shaped; a label in capitals must be a name the article uses in its text (`SMITH:` after `Jo Smith`)."""
    lowered = label.lower()
    if lowered in _NOT_SPEAKERS or label.split()[0].lower() in _NOT_SPEAKERS:
        return False
    if is_place(label) or label.endswith(("’s", "'s")):
        return False
    if label.isupper() and len(label) > 1 and lowered not in _INTERVIEWER_LABELS | _ANSWER_LABELS:
        return label.split()[-1].title() in names_in_text
    return True


def _full_names_of_capital_labels(labels: Counter[str], paragraphs: Sequence[str]) -> dict[str, str]:
    """`PARK:` -> `Jo Park` when the text names a Jo Park: a label in capitals is the surname of someone named.

    Only the most frequent few labels are looked up, one scan of the text each: a transcript has a few speakers."""
    found: dict[str, str] = {}
    text = ""
    surnames = [
        label for label, _ in labels.most_common()
        if label.isupper() and len(label) > 1 and " " not in label and label.lower() not in _INTERVIEWER_LABELS | _ANSWER_LABELS
    ]
    for label in surnames[:_MAX_LOOKED_UP_LABELS]:
        text = text or "\n".join(paragraphs)
        match = re.search(rf"\b((?:[A-Z][a-z][\w’'-]*\s+){{1,2}}){re.escape(label.title())}\b", text)
        if match:
            role, name = _role_and_name(match.group(0))
            if " " in name:
                found[label] = name
    return found


def _capitalised_words(paragraphs: Sequence[str]) -> frozenset[str]:
    """Capitalised words that follow another capitalised word (`Jo Smith` gives `Smith`): surnames in use."""
    found = set()
    for paragraph in paragraphs:
        words = paragraph.split()
        for previous, word in zip(words, words[1:]):
            if previous[:1].isupper() and word[:1].isupper() and previous[-1:] not in ".:!?":
                found.add(word.strip(",.;:!?”’\"'()").removesuffix("’s").removesuffix("'s"))
    return frozenset(found)


def _with_continuations(raw: list[tuple[int, str, str]], paragraphs: Sequence[str]) -> list[tuple[int, str, str]]:
    """Add unlabelled paragraphs between two turns to the turn before them (an answer running over paragraphs)."""
    result: list[tuple[int, str, str]] = []
    for (number, label, text), following in zip(raw, [r[0] for r in raw[1:]] + [None]):
        result.append((number, label, text))
        if following is None or following - number > _MAX_CONTINUATION + 1:
            continue
        for continued in range(number + 1, following):
            if not STAGE_DIRECTION.match(paragraphs[continued]):
                result.append((continued, label, paragraphs[continued]))
    return result


def _header_parties(paragraphs: Sequence[str]) -> dict[str, str | None]:
    """Names and roles from a line like `Interview between Time.news Editor and Expert Dr. Elena Vasilyeva`."""
    parties: dict[str, str | None] = {}
    for paragraph in paragraphs:
        match = _HEADER.match(paragraph) if "nterview " in paragraph[:40] else None
        if not match or len(paragraph) > 200:
            continue
        for part in (match.group("first"), match.group("second")):
            if part:
                role, name = _role_and_name(part.strip())
                parties[name] = role
    return parties


def _parts_from_intro(intro: Sequence[str], labels: set[str]) -> dict[str, str]:
    """`host` -> `Jo Park` from `Host Jo Park talks with forester Al Roe`; `guest` -> the one other person named.

    Only for transcripts labelled by part (`HOST:`/`GUEST:`); a part nobody in the intro plays stays unknown."""
    parts = {label.lower() for label in labels if label.isupper()} & (_INTERVIEWER_LABELS | _GUEST_LABELS)
    if not parts:
        return {}
    people: dict[str, str | None] = {}  # name -> the word before it
    for paragraph in intro:
        for match in CAPITALISED_RUN.finditer(paragraph):
            run = match.group(0)
            name = " ".join(split_role_and_name(run.split())[1])
            # The part is the word just before the name, inside the run (`Host Jo Park`) or not (`host Jo Park`).
            before = (paragraph[: match.start()] + run[: len(run) - len(name)]).split()
            if " " in name and is_name_like(name) and not is_organisation(name) and not is_place(name):
                people.setdefault(name, before[-1].lower() if before else None)
    found = {part: name for name, role in people.items() for part in parts if role == part}
    hosts = set(found.values())
    others = [name for name in people if name not in hosts]
    if len(others) == 1:
        found.update({part: others[0] for part in parts & _GUEST_LABELS if part not in found})
    return found


def _role_and_name(label: str) -> tuple[str | None, str]:
    """`International Relations Expert Dr. Elena Vasilyeva` -> (role, name); a bare role label is its own name."""
    tokens = label.split()
    role_tokens, name_tokens = split_role_and_name(tokens)
    if not name_tokens or not role_tokens:
        return None, label
    return " ".join(role_tokens), " ".join(name_tokens)


def _resolve(name: str, full_names: dict[str, str | None]) -> str:
    """Map a short form (`Dr. Vasilyeva`, `Editor`) to the first longer name that contains it."""
    tokens = name.split()
    core = [t for t in tokens if t.rstrip(".").lower() not in HONORIFICS] or tokens
    for full in full_names:
        full_tokens = full.split()
        if full != name and len(full_tokens) > len(core) and full_tokens[-1] == tokens[-1] and _in_order(core, full_tokens):
            return full
    return name


def _in_order(short: Sequence[str], long: Sequence[str]) -> bool:
    """True when the tokens of `short` occur in `long` in the same order."""
    it = iter(long)
    return all(token in it for token in short)


def _interviewers(raw: Sequence[tuple[int, str, str]], canonical: dict[str, str]) -> set[str]:
    """Speakers labelled as interviewer, else the one whose turns are mostly questions."""
    labelled = {
        canonical[label]
        for _, label, _ in raw
        if label.split()[-1].lower() in _INTERVIEWER_LABELS or canonical[label].split()[-1].lower() in _INTERVIEWER_LABELS
    }
    if labelled:
        return labelled
    asked: dict[str, list[int]] = {}
    for _, label, text in raw:
        counts = asked.setdefault(canonical[label], [0, 0])
        counts[0] += text.rstrip().endswith("?")
        counts[1] += 1
    ratios = {speaker: q / n for speaker, (q, n) in asked.items()}
    best = max(ratios, key=lambda s: ratios[s])
    if ratios[best] >= 0.5 and any(r < ratios[best] for r in ratios.values()):
        return {best}
    return set()


def _sole_answerer(full_names: dict[str, str | None], interviewers: set[str]) -> str | None:
    """The one named party who is not the interviewer, used for anonymous `A:` labels."""
    others = [n for n in full_names if n not in interviewers and n.lower() not in _ANSWER_LABELS | _INTERVIEWER_LABELS]
    return others[0] if len(others) == 1 else None
