"""Page debris rules: each kind has a table of invented lines, with running text that must stay."""

from __future__ import annotations

import pytest

from briefings.extract.article import extract_article
from briefings.extract.debris import debris_kind, is_aside, without_run_in_head, without_trailing_debris

NEWS = [
    "The council approved a $4.5 million budget for road repairs on Tuesday.",
    "By contrast, exports fell 3 per cent in the same period.",
    "She was a reporter at the paper for 12 years before joining the ministry.",
    "Prices rose to $12, up from $9, the agency said.",
    "Fans who subscribe to the theory gathered outside the stadium.",
    "He will follow the team on its tour of Norway next month.",
    "In one clip, a firefighter is seen carrying a child from the building.",
    "Yes.",
    "Reuters reported that talks stalled on Friday.",
    "The report is available on the city's website, officials said.",
    "About 400 people signed the petition, the organisers said. https://example.org/petition",
]


@pytest.mark.parametrize("text", NEWS)
def test_running_text_is_not_debris(text: str) -> None:
    assert debris_kind(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open this photo in gallery Fishing boats sit idle in the harbour at Port Alder on March 2.", "caption"),
        ("Open this image in gallery", "caption"),
        ("FILE PHOTO: A tanker is moored off the coast. REUTERS/Ana Quill", "caption"),
        ("Photo: Mira Stanek/City Daily", "caption"),
        ("Photograph by Tomasz Wren for the Harbour Herald", "caption"),
        ("(Photo courtesy of the Lakeside Rowing Club)", "caption"),
        ("Children are pictured at the opening of the new library. (Dev Anand / Valley Post)", "caption"),
        ("PHOTOS", "caption"),
        ("This image released by Lantern Pictures shows two actors in a scene from the film.", "caption"),
        ("The Canadian Press A ferry is seen docked at the terminal in 2015.", "caption"),
        ("Ana Ruiz with her dog at the shelter in Tarn, Ont. (Ben Ode/Valley Post)", "caption"),
    ],
)
def test_captions_and_credits(text: str, expected: str) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rosa Delgado, The Associated Press", "byline"),
        ("By Hamish Ogilvy and Priya Ramaswamy", "byline"),
        ("Lena Fischer | Reuters", "byline"),
        ("With files from Omar Haddad", "byline"),
        ("Tobias Renn, Staff Reporter", "byline"),
        ("KIRA VOSS Special to the Gazette", "byline"),
    ],
)
def test_bylines_and_agency_lines(text: str, expected: str) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("READ MORE: Ferry fares to rise again in spring", "share or newsletter"),
        ("Related: Five things to know about the new transit line", "share or newsletter"),
        ("WATCH BELOW: Crews battle a grass fire near the highway", "share or newsletter"),
        ("Sign up for our morning newsletter and get the day's news first.", "share or newsletter"),
        ("Follow Nadia on Twitter for updates from the courthouse.", "share or newsletter"),
        ("Send your gardening and patio questions to the desk at the address below.", "share or newsletter"),
        ("Story continues below advertisement", "share or newsletter"),
        ("Editor's note: An earlier version of this story misspelled a name.", "share or newsletter"),
        ("This column appeared in the weekend print edition.", "share or newsletter"),
        ("Share this article", "share or newsletter"),
        ("LOOK: The best costumes from the harbour parade", "share or newsletter"),
        ("Warning: This story contains details some readers may find upsetting.", "share or newsletter"),
        ("Correction: An earlier version of this story gave the wrong date for the vote.", "share or newsletter"),
    ],
)
def test_share_newsletter_and_note_lines(text: str, expected: str) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tickets at https://example.org/tix and www.example.net/more", "link list"),
        ("press@example.org, tips@example.net", "link list"),
        ("https://example.com/story/12345", "link list"),
        ("Linen Apron, $42, example.com Copper Kettle, $89, example.ca", "price list"),
        ("Walnut board $55 | Steel tongs $19 | Salt cellar $24", "price list"),
    ],
)
def test_link_and_price_lists(text: str, expected: str) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Great day at the rally! pic.twitter.com/AbC123 — Dana Voss (@danavoss) May 4, 2021", "social post"),
        ("What a finish. https://t.co/xyz — Club Updates (@club_updates) October 9, 2020", "social post"),
        ("A post shared by Harbour Bakery (@harbourbakes) on Jun 2, 2020 at 8:14am PDT", "share or newsletter"),
    ],
)
def test_embedded_social_posts(text: str, expected: str) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ABSTRACT", "label"),
        ("FULL TEXT.", "label"),
        ("Valley News Tonight", "label"),
        ("Marta Ilves, University of Tartu", "label"),
        ("Thank you.", None),
        ("Sales rose.", None),
    ],
)
def test_labels(text: str, expected: str | None) -> None:
    assert debris_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plant employed 3,100 people in 2019. (Ines Moro / Coast Times)", "The plant employed 3,100 people in 2019."),
        ("The kit costs $30. https://www.example.org/kits", "The kit costs $30."),
        ("The kit costs $30. https://example.org/kits/ Jo Pell writes for the Gazette.", "The kit costs $30."),
        ("Turnout reached 61 per cent (Photo: Li Wen)", "Turnout reached 61 per cent"),
        ("The vote passed 7-2 (a second vote is due in May).", "The vote passed 7-2 (a second vote is due in May)."),
        ("Rents rose 9 per cent. ( Sam Ode / Bay Times ) Tenants, 40, line up at a hearing.", "Rents rose 9 per cent."),
    ],
)
def test_trailing_credit_or_link_is_trimmed(text: str, expected: str) -> None:
    assert without_trailing_debris(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(The figures do not include part-time staff.)", True), ("[Video: the full speech]", True), ("He left (briefly).", False)],
)
def test_asides(text: str, expected: bool) -> None:
    assert is_aside(text) is expected


def test_debris_stays_in_text_but_not_in_facts_quotes_or_headline() -> None:
    body = "\n".join([
        "Open this photo in gallery Workers repair a bridge in Halden on May 3. (Lia Berg / North Post)",
        "Rosa Delgado, The Associated Press",
        "HALDEN — The regional council approved a $12 million plan to rebuild the old river bridge on Monday.",
        "READ MORE: Bridge closures to last until 2026",
        "“We have waited 20 years for this,” said Mayor Ivo Lund.",
        "Wow, 12 million! https://t.co/abc — Per Holm (@perholm) May 3, 2024",
        "Work on the 140-metre bridge will start in September and take 18 months.",
    ])
    extraction = extract_article(body)
    full_text = " ".join(s.text for s in extraction.sentences)
    assert "Open this photo in gallery" in full_text and "@perholm" in full_text
    assert extraction.headline == "The regional council approved a $12 million plan to rebuild the old river bridge"
    assert all("gallery" not in f.text and "@" not in f.text and "Press" not in f.text for f in extraction.facts)
    assert [q.speaker for q in extraction.quotes] == ["Ivo Lund"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MARKET WATCH: The index rose 2 per cent to 5,010.", "The index rose 2 per cent to 5,010."),
        ("THE DAY IN EUROPE: Shares in Oslo fell 1 per cent.", "Shares in Oslo fell 1 per cent."),
        ("NATO said on Monday it would send 300 troops.", "NATO said on Monday it would send 300 troops."),
        ("Mayor Lund: The bridge will open in June.", "Mayor Lund: The bridge will open in June."),
        ("LUND: The bridge will open in June.", "LUND: The bridge will open in June."),
    ],
)
def test_run_in_head_is_dropped(text: str, expected: str) -> None:
    assert without_run_in_head(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ſign up for our newsletter", "share or newsletter"),  # re's IGNORECASE folds the long s onto `s`
        ("SEND US YOUR TIPS", "share or newsletter"),
        ("Photos by Jo Bloggs (Jo Bloggs / City Daily)", "caption"),
        ("The mayor spoke at the meeting (in French)", None),
    ],
)
def test_quick_pre_checks_keep_what_the_patterns_find(text: str, expected: str | None) -> None:
    assert debris_kind(text) == expected



@pytest.mark.parametrize(
    ("paragraph", "debris"),
    [
        ("The council met on Monday. Sign up for our newsletter to read more. The vote is in May.", [1]),
        ("The council met on Monday. ſign up for our newsletter to read more. The vote is in May.", [1]),
        ("The council met on Monday. It plans a newsletter for the town. The vote is in May.", []),
    ],
)
def test_a_share_line_inside_a_paragraph_is_found_by_its_sentence(paragraph: str, debris: list[int]) -> None:
    """Share phrases are looked for once per paragraph; the sentences of a long one are judged on that."""
    from briefings.extract.debris import MAX_DEBRIS_PARAGRAPH, debris_sentences
    from briefings.models import Sentence

    sentences = [Sentence(i, text.strip() + ".", 0) for i, text in enumerate(paragraph.rstrip(".").split(". "))]
    long = " ".join([paragraph] * 8)
    assert len(long) > MAX_DEBRIS_PARAGRAPH  # judged sentence by sentence, not as a whole
    assert sorted(debris_sentences(sentences, [long])) == debris
