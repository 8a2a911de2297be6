"""Interview turns: labels, short forms, interviewer detection."""

from pathlib import Path

import pytest

from briefings.extract.article import extract_article
from briefings.extract.interview import find_turns

ARTICLES = Path(__file__).parent / "articles"


def test_short_forms_resolve_to_full_names_and_header_roles() -> None:
    turns = find_turns([
        "Interview between Time.news Editor and International Relations Expert Dr. Elena Vasilyeva",
        "Time.news Editor: Welcome. What is your take?",
        "Dr. Elena Vasilyeva: Thank you. It is complex.",
        "Editor: Is it getting worse?",
        "Dr. Vasilyeva: Yes, it is.",
    ])
    assert [t.speaker for t in turns] == ["Time.news Editor", "Dr. Elena Vasilyeva", "Time.news Editor", "Dr. Elena Vasilyeva"]
    assert [t.is_interviewer for t in turns] == [True, False, True, False]
    assert turns[1].role == "International Relations Expert"
    assert turns[3].text == "Yes, it is."


def test_interviewer_found_by_questions_without_label() -> None:
    turns = find_turns(["Ann Cole: Why now?", "Bo Reed: Because it is time.", "Ann Cole: And next?", "Bo Reed: We wait."])
    assert [t.is_interviewer for t in turns] == [True, False, True, False]


def test_notes_times_and_single_datelines_are_not_turns() -> None:
    assert find_turns(["Note: edited.", "Photo: AP.", "Source: Reuters.", "It starts at 10:30 sharp."]) == []
    assert find_turns(["KYIV: Missiles hit the city.", "Nothing else here."]) == []


def test_qa_interview_article_names_anonymous_answers() -> None:
    extraction = extract_article((ARTICLES / "qa_interview.txt").read_text(encoding="utf-8"))
    interview = [q for q in extraction.quotes if q.kind == "interview"]
    assert len(interview) == 3
    assert {q.speaker for q in interview} == {"Dr. Amara Okafor"}
    assert interview[0].text.startswith("It was the worst we have recorded.")
    assert not any(q.text.endswith("?") for q in interview)
    labels = [s for s in extraction.sentences if s.text in ("Q:", "A:")]
    assert len(labels) == 6  # each label is its own sentence, so the full text still shows the turns
    assert not any(":" in q.text[:4] for q in extraction.quotes)
    assert not any(f.text in ("Q:", "A:") or f.text.startswith(("Q: ", "A: ")) for f in extraction.facts)


def test_panel_interview_article() -> None:
    extraction = extract_article((ARTICLES / "panel_interview.txt").read_text(encoding="utf-8"))
    interview = [q for q in extraction.quotes if q.kind == "interview"]
    assert [q.speaker for q in interview] == ["Sofia Brandt"] * 4
    assert interview[0].role == "Deputy Mayor"
    assert all(extraction.sentences[q.sentence_index].text in q.text for q in interview)
    assert not any("Mark Ellis" == q.speaker for q in extraction.quotes)
    assert not any(f.text.startswith("Update:") or "?" in f.text for f in extraction.facts)


# (intro line, expected speakers of HOST / GUEST turns): a role label takes the person the intro gives that role;
# a guest label takes the one other person the intro names; with two others it stays unknown.
ROLE_LABEL_CASES = [
    ("Host Mara Quint talks with soil scientist Idris Pell about dry summers.", ["Mara Quint", "Idris Pell"]),
    ("In this episode, host Mara Quint speaks to Idris Pell, a soil scientist.", ["Mara Quint", "Idris Pell"]),
    ("Mara Quint hosts the show; her guests are Idris Pell and Nell Orr.", [None, None]),
    ("An edited transcript of this week's show.", [None, None]),
]


@pytest.mark.parametrize(("intro", "expected"), ROLE_LABEL_CASES)
def test_host_and_guest_labels_take_the_people_the_intro_names(intro: str, expected: list) -> None:
    turns = find_turns([
        intro,
        "HOST: Why do street trees die young?",
        "GUEST: Mostly the pit is too small.",
        "HOST: What should cities do?",
        "GUEST: Plant more kinds of tree.",
    ])
    assert [t.speaker for t in turns[:2]] == expected
    assert [t.is_interviewer for t in turns[:2]] == [True, False]
