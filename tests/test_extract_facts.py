"""Fact sentences: number expressions and ranking."""

from pathlib import Path

import pytest

from briefings.extract.article import extract_article
from briefings.extract.facts import extract_facts, news_shape, numbers_in
from briefings.extract.split_sentences import split_sentences
from briefings.models import Sentence

ARTICLES = Path(__file__).parent / "articles"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It shot down 34 Ukrainian drones since February 24, 2022.", ("34", "February 24, 2022")),
        ("Another 36 drones fell in two regions and three others.", ("36", "two", "three")),
        ("It closed three airports and injured a 52-year-old woman and two homes.", ("three", "52-year-old", "two")),
        ("62 of the 145 drones were downed over 13 regions.", ("62", "145", "13")),
        ("Profit rose 14.2% to $1.35 billion, or 5 per cent, on Sept. 30.", ("14.2%", "$1.35 billion", "5 per cent", "Sept. 30")),
        ("Revenue fell 3 percent to €8.9bn by January 2026 at 9 a.m.", ("3 percent", "€8.9bn", "January 2026", "9 a.m.")),
        ("Dozens of people, hundreds of cars and a 3-0 win in the '90s.", ("Dozens", "hundreds", "3-0", "'90s")),
        ("No one knows, but one of them left.", ("one",)),
    ],
)
def test_numbers_in(text: str, expected: tuple[str, ...]) -> None:
    assert numbers_in(text) == expected


def test_no_number_no_place_is_not_a_fact_and_questions_are_excluded() -> None:
    sentences = split_sentences(["The mood was calm.", "Were 40 people there?", "Police found 40 cars."])
    facts = extract_facts(sentences)
    assert [f.text for f in facts] == ["Police found 40 cars."]
    assert facts[0].sentence_index == 2


def test_lead_outranks_late_sentence_with_same_numbers() -> None:
    sentences = split_sentences(["Police found 40 cars.", "Filler text.", "Filler again.", "Police found 40 vans."])
    facts = extract_facts(sentences)
    assert facts[0].sentence_index == 0


def test_interview_answers_rank_below_reporting() -> None:
    sentences = split_sentences(["Police found 40 cars.", "We saw 40 cars there."])
    facts = extract_facts(sentences, answer_paragraphs={0})
    assert facts[0].sentence_index == 1


def test_business_article_top_facts_carry_money() -> None:
    facts = extract_article((ARTICLES / "business_earnings.txt").read_text(encoding="utf-8")).facts
    top = [n for f in facts[:3] for n in f.numbers]
    assert "$1.35 billion" in top and "$12 billion" in top
    assert all(f.text.endswith(".") for f in facts)


def test_abbreviation_article_keeps_sentences_whole() -> None:
    extraction = extract_article((ARTICLES / "abbreviations.txt").read_text(encoding="utf-8"))
    texts = [s.text for s in extraction.sentences]
    assert "The study, published in Vol. 3 of the journal, followed 1,795 patients for 1.5 years." in texts
    assert any(t.startswith("Prof. J. R. Hammond of the U.K. called it") for t in texts)
    assert "The trial ran at No. 5 on the list of the largest dementia studies in the U.S." in texts
    numbers = {n for f in extraction.facts for n in f.numbers}
    assert {"Jan. 6", "27 percent", "$26,500", "1,795", "1.5", "2026"} <= numbers


def test_opinion_word_test_covers_every_opinion_phrase() -> None:
    """The word pre-check may only skip sentences that `_OPINION` could not match."""
    from briefings.extract.facts import _OPINION, _OPINION_PHRASES, _is_opinion

    for phrase in _OPINION_PHRASES:
        for text in (f"Officials said the talks {phrase} matter.", f"{phrase[0].swapcase()}{phrase[1:]}, the talks matter."):
            assert _OPINION.search(text), text
            assert _is_opinion(text), text
    assert not _is_opinion("Officials said 12 people were killed.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 3.5% to A$1.2 billion in April 2023.", ("3.5%", "A$1.2 billion", "April 2023")),
        ("In April 5, 2022 HK$ 300m and US$12,500 were paid.", ("April 5, 2022", "HK$ 300m", "US$12,500")),
        (
            "The ’90s and the 1990s, 10-12 hours, at 5 a.m. or 7:30, on 24 February 2022.",
            ("’90s", "1990s", "10-12", "5 a.m.", "7:30", "24 February 2022"),
        ),
        (
            "A 52-year-old man, a 3-day-old baby and 7-run wins; C$5 and €40 bn and ₹2,000 and 12 dollars.",
            ("52-year-old", "3-day-old", "7-run", "C$5", "€40 bn", "₹2,000", "12 dollars"),
        ),
        ("x1990s, -5 and Jan. 3 and Sept. 2024 and 2 percentage points", ("Jan. 3", "Sept. 2024", "2 percentage points")),
    ],
)
def test_numbers_in_every_digit_form(text: str, expected: tuple[str, ...]) -> None:
    """Each branch of the first-character dispatch in `_DIGIT_EXPRESSION`, and no match inside a word or after `-`."""
    assert numbers_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council approved 12 new homes on Friday, the mayor said.", "news"),
        ("According to the survey, 40 per cent of drivers speed.", "news"),
        ("Oak bench, $240; iron lamp, $85; wool rug, $310; glass vase, $45.", "list"),
        ("(The 2019 figures do not include part-time staff.)", "aside"),
        ("“We lost 20 years, 20 years of work, and 3 homes.”", "quote"),
        ("Record highs in 14 cities across the region.", "fragment"),
    ],
)
def test_news_shape(text: str, expected: str) -> None:
    factor = news_shape(text)
    if expected == "news":
        assert factor > 1.0
    elif expected == "aside":
        assert factor <= 0.1
    else:
        assert factor < 1.0


def test_news_sentences_outrank_lists_asides_and_quotes() -> None:
    texts = [
        "(Prices in 2024 were checked on May 3.)",
        "Oak bench, $240; iron lamp, $85; wool rug, $310; glass vase, $45.",
        "“We sold 300 of them in 2 days,” she said.",
        "The store sold 300 benches in 2 days in May, its owner said.",
    ]
    sentences = [Sentence(0, "Intro text here.", 0)] + [Sentence(i + 1, t, i + 1) for i, t in enumerate(texts)]
    ranked = [f.text for f in extract_facts(sentences)]
    assert ranked[0] == texts[3]
    assert ranked[-1] == texts[0]


def test_fact_text_loses_a_trailing_credit() -> None:
    [fact] = extract_facts([Sentence(0, "The mill hired 250 workers in 2021. (Photo: Ana Lis)", 0)])
    assert fact.text == "The mill hired 250 workers in 2021."


def test_a_lead_after_a_caption_keeps_its_lead_position() -> None:
    lead = "The council approved a $12 million bridge plan on Monday."
    sentences = [
        Sentence(0, "Open this photo in gallery Workers on the bridge on May 2.", 0),
        Sentence(1, "Rosa Delgado, The Associated Press", 1),
        Sentence(2, lead, 2),
        Sentence(3, "Crews will need 18 months, the council said.", 3),
    ]
    with_debris = extract_facts(sentences, debris={0, 1})
    assert [f.sentence_index for f in with_debris] == [2, 3]
    assert with_debris[0].score == extract_facts(sentences[2:]).__getitem__(0).score


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("The mayor said 12 homes were built.", 1.15),  # decided by whole words
        ("Record highs ended in 14 cities.", 1.0),  # an -ed form is a finite verb, not a cue
        ("It isn't 5 km from here.", 1.0),  # a verb in two word runs goes to the regex
        ("Staff pointed out 3 errors.", 1.15),  # so does a two-word speech verb
        ("ACCORDING TO the survey, 40 per cent of drivers.", 0.575),
        ("Accord\u0130ng to the survey, 40 per cent of drivers.", 0.575),  # re's IGNORECASE folds İ onto `i`
        ("Record highs in 14 cities across the region.", 0.5),
    ],
)
def test_news_shape_word_checks_agree_with_the_patterns(text: str, factor: float) -> None:
    assert news_shape(text) == pytest.approx(factor)
