"""End-to-end extraction over the seed article and the hand-written test articles."""

from pathlib import Path

import pytest

from briefings.extract.article import extract_article

ROOT = Path(__file__).parent.parent
SEED = ROOT / "data" / "corpus" / "2024-11-ukraine-drones-trump-putin.txt"
ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
JUNK = ("You may be interested", "“>", '">', " y ", "Trumpthe", "<", "&amp;", "READ MORE", "Read also")


@pytest.fixture(scope="module")
def seed():
    return extract_article(SEED.read_text(encoding="utf-8"))


def test_seed_peskov_quote(seed) -> None:
    [quote] = [q for q in seed.quotes if q.speaker == "Dmitri Peskov"]
    assert quote.kind == "direct"
    assert "spokesman for the Russian presidency" in quote.role
    assert quote.text.startswith("The signs are positive.")


def test_seed_interview_quotes(seed) -> None:
    interview = [q for q in seed.quotes if q.kind == "interview"]
    assert len(interview) in (6, 7)
    assert {q.speaker for q in interview} == {"Dr. Elena Vasilyeva"}
    assert {q.role for q in interview} == {"International Relations Expert"}
    assert not any("Editor" in (q.speaker or "") for q in seed.quotes)
    assert not any(q.text.startswith("Welcome") for q in seed.quotes)


def test_seed_partial_quote_by_kremlin(seed) -> None:
    [quote] = [q for q in seed.quotes if q.text == "positive signals"]
    assert quote.kind == "partial"
    assert quote.speaker in ("Kremlin", "the Kremlin")


def test_seed_top_facts(seed) -> None:
    top = seed.facts[:5]
    numbers = {n for f in top for n in f.numbers}
    assert {"34", "36", "145", "62", "52-year-old"} <= numbers
    assert any("three Moscow airports" in f.text for f in top)


def test_seed_headline_and_related(seed) -> None:
    assert seed.headline == "Russia and Ukraine launched notable drone attacks"
    assert "Trump returns to the White House" in seed.related
    assert any(r.startswith("What role does international diplomacy") for r in seed.related)


def test_seed_people(seed) -> None:
    people = {p.name: p for p in seed.people}
    assert people["Volodimir Zelensky"].role == "Ukrainian President"
    assert "Trump" in people["Donald Trump"].aliases
    assert "Dr. Vasilyeva" in people["Dr. Elena Vasilyeva"].aliases
    assert people["Kremlin"].kind == "organisation"
    for junk in ("You", "Sunday", "Related", "Likewise", "Thank", "Welcome", "Russia", "Ukraine", "Moscow"):
        assert junk not in people


def test_seed_turn_labels_are_own_sentences(seed) -> None:
    texts = [s.text for s in seed.sentences]
    start = texts.index("Dr. Vasilyeva:", texts.index("It’s a double-edged sword.") - 1)
    assert texts[start + 1] == "It’s a double-edged sword."
    [quote] = [q for q in seed.quotes if q.text.startswith("It’s a double-edged sword.")]
    assert quote.sentence_index == start + 1
    assert not any(f.text.endswith(":") for f in seed.facts)


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        ("LONDON — Britain's economy shrank by 0.3% in the quarter, official figures showed on Thursday.", "Britain's economy shrank by 0.3% in the quarter"),
        ("WASHINGTON (Reuters) - The Senate passed a $95 billion aid package, sending it to the president.", "The Senate passed a $95 billion aid package"),
        ("Police said on Monday that three men were arrested after a raid on a warehouse in Leeds.", "Three men were arrested after a raid on a warehouse in Leeds"),
    ],
)
def test_headline_from_lead(lead: str, headline: str) -> None:
    assert extract_article(lead + "\nSecond paragraph here.").headline == headline


def test_title_wins_over_lead() -> None:
    assert extract_article("Some lead text here, with more.", title="Given headline").headline == "Given headline"


def test_headline_strips_dateline_and_attribution() -> None:
    extraction = extract_article((Path(__file__).parent / "articles" / "wire_report.txt").read_text(encoding="utf-8"))
    assert extraction.headline.startswith("At least 12 people were killed")
    assert not extraction.headline.endswith((",", " the", " when"))


@pytest.mark.parametrize("path", [SEED, *ARTICLES], ids=lambda p: p.name)
def test_traceable_and_clean(path: Path) -> None:
    extraction = extract_article(path.read_text(encoding="utf-8"))
    sentences = extraction.sentences
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for fact in extraction.facts:
        assert fact.text == sentences[fact.sentence_index].text
        assert not any(j in fact.text for j in JUNK)
    paragraph_text = {}
    for s in sentences:
        paragraph_text[s.paragraph] = paragraph_text.get(s.paragraph, "") + " " + s.text
    for quote in extraction.quotes:
        source = sentences[quote.sentence_index]
        assert quote.text in source.text or quote.text in paragraph_text[source.paragraph]
        assert not any(j in quote.text for j in JUNK)
    assert extraction.headline and not extraction.headline.endswith(",")


def test_html_article_related_and_content() -> None:
    extraction = extract_article((Path(__file__).parent / "articles" / "html_debris.txt").read_text(encoding="utf-8"))
    assert extraction.related == (
        "Europe braces for a wet autumn",
        "Five things to know about climate change",
        "“We lost everything,” say flood victims",
        "Storms hit France and Spain",
        "Why is Italy flooding more often?",
        "Rome approves emergency fund for flood-hit regions",
    )
    assert extraction.sentences[1].text.startswith("Heavy rain fell for three days")
    assert not any("We lost everything" in q.text for q in extraction.quotes)
    [quote] = extraction.quotes
    assert (quote.text, quote.speaker) == ("faster than anyone expected", "Michele Guerra")


def test_empty_body() -> None:
    extraction = extract_article("")
    assert extraction.sentences == () and extraction.facts == () and extraction.headline == ""


# Hostile repetitions, as (unit, tail): the text is `unit * n + tail`.
PATHOLOGICAL = [('"a ', ""), ("‘a ", ""), ("He, ", "said “x”."), ("Alpha ", ""), ("Ab y ", "")]


@pytest.mark.parametrize(("unit", "tail"), PATHOLOGICAL)
def test_pathological_input_grows_linearly(unit: str, tail: str) -> None:
    """Four times the text may cost about four times the time, not sixteen (a regex gone quadratic).

    A ratio measured in one run, best of three each, after a warm-up: not a wall-clock limit on a shared machine."""
    import time

    def best(n: int) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            extract_article(unit * n + tail)
            times.append(time.perf_counter() - start)
        return min(times)

    extract_article("Warm-up: Ana Ruiz said “the tables load once.”")
    small, large = best(3000), best(12000)
    assert large < 8 * small + 0.01, (small, large)
