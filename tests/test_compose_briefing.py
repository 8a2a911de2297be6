"""What a briefing shows: a sentence told once (fact or quote, not both), and a lead story that is news."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefings.extract.facts import is_news_sentence, news_shape, reads_like_news, speaks_to_reader
from briefings.store.load_corpus import load_corpus
from briefings.views import render
from briefings.store.queries import StoredQuote
from briefings.views.compose import compose_briefing, key_quotes, mostly_quoted, reads_whole

NOW = datetime(2031, 5, 3, 12, tzinfo=timezone.utc)

HARBOUR = """Title: Storm surge floods the harbour district of Kellmouth
Source: Kellmouth Tide
Published: 2031-05-01

A storm surge flooded 120 homes in the harbour district of Kellmouth on Tuesday, the county council said.
“We lost 40 boats in the 2019 storm and we will not lose them again,” said harbour master Ines Dorr.
The council opened 3 shelters at the sports hall, which can take 600 people.
Rainfall reached 85 millimetres in 12 hours, twice the April average, according to the weather service.
Repairs to the sea wall will cost about £4 million, the council estimated.
The ferry to Orsay Island stopped for 2 days.
Schools in 5 villages stayed closed on Wednesday.
"""

COLUMN = """Title: Dear Mona: my neighbour mows his lawn at 6 a.m. every Sunday. What can I do?
Source: Kellmouth Tide
Published: 2031-05-02

I have lived on my street for 12 years and never had a problem until now.
You could try talking to him first, says mediator Alun Price, who has settled 300 disputes since 2015.
“Most people have no idea they are a nuisance,” Price says.
If that fails, your council has noise rules that apply after 11 p.m. and before 7 a.m.
"""

NEWS_TOO = """Title: Kellmouth ferry line adds a second boat
Source: Kellmouth Tide
Published: 2031-04-30

The Orsay ferry line added a second boat on Monday, doubling its crossings to 16 a day.
The operator paid £2.5 million for the boat, built in 2024 in Rostock.
Passenger numbers rose 30% last year, the operator said.
"""


def load(db, tmp_path: Path, **articles: str) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert not load_corpus(db, [folder], workers=1).failed


def test_a_fact_that_is_mostly_a_shown_quote_is_told_once(db, tmp_path):
    load(db, tmp_path, harbour=HARBOUR)
    view = compose_briefing(db, now=NOW).lead
    assert any("We lost 40 boats" in q.text for q in view.quotes)
    assert not any("We lost 40 boats" in f.text for f in view.facts)
    assert len(view.facts) == 5  # the next fact takes its place
    [html] = render.render_briefing(db)
    assert html.count("We lost 40 boats") == 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“We lost 40 boats in the 2019 storm and we will not lose them again,” said harbour master Ines Dorr.",
         "welost40boatsinthe2019stormandwewillnotlosethemagain"),
        ('"Prices will rise by 4% in June," the baker said.', "priceswillriseby4injune"),
        # A third of the sentence, holding its figures: the rest is who said it.
        ("“We waited 20 years for this,” said Mayor Ivo Lund, who campaigned on the bridge.", "wewaited20yearsforthis"),
        # A partial quote inside a report is not mostly a quote.
        ("The minister called the 2% rise “a good start” before the vote on Friday.", None),
        ("The 2031 budget adds 40 nurses, which the union called “a drop in the ocean” on Monday.", None),
        ("Rents rose 9% in the city last year.", None),
        # Two short quotes that together are most of the sentence: the longer one is what a quote would hold.
        ("“Yes,” she said, “we sold all 300 tickets within the hour.”", "wesoldall300ticketswithinthehour"),
    ],
)
def test_mostly_quoted(sentence, expected):
    assert mostly_quoted(sentence) == expected


def test_the_lead_story_is_news_not_a_newer_column(db, tmp_path):
    load(db, tmp_path, harbour=HARBOUR, column=COLUMN)
    view = compose_briefing(db, now=NOW)
    assert view.lead.article.title.startswith("Storm surge floods")
    assert [a.title for a in view.others] == [COLUMN.split("\n")[0].removeprefix("Title: ")]


def test_between_two_news_stories_the_newest_still_leads(db, tmp_path):
    load(db, tmp_path, harbour=HARBOUR, ferry=NEWS_TOO)
    assert compose_briefing(db, now=NOW).lead.article.title.startswith("Storm surge floods")


def test_a_column_alone_still_leads(db, tmp_path):
    load(db, tmp_path, column=COLUMN)
    assert compose_briefing(db, now=NOW).lead.article.title.startswith("Dear Mona")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have lived on my street for 12 years.", True),
        ("If that fails, your council has noise rules.", True),
        ("Here is what you told me about your 200 best buys.", True),
        ("We won 3-1, the coach said.", False),  # a report may say `we` for a team or a town
        ("The US army sent 300 troops to the border.", False),  # `US` is a country
        ("“I will not resign,” the mayor said on Monday.", False),  # the I is the mayor's, in quotes
        ("The council said it would meet residents in May.", False),
    ],
)
def test_speaks_to_reader(text, expected):
    assert speaks_to_reader(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A storm surge flooded 120 homes in Kellmouth on Tuesday, the council said.", True),
        ("Exports to Brazil fell 8% in March, according to customs figures.", True),
        ("Have you checked your pension lately?", False),
        ("(The figures for 2030 were revised in June.)", False),
        ("Oak bench, $240; iron lamp, $85; wool rug, $310; brass hook, $12.", False),
        ("Harbour index (rebased) 2,400 98.0 2,200 98.5 2,000 99.0 1,800 99.5 Jan Feb Mar", False),
        ("Oslo's main index rose 0.4% to 1,312 and Stockholm's gained 0.2% to 2,240 on Monday.", True),
        ("You could try talking to him first, says mediator Alun Price.", False),
        ("“We will rebuild every one of the 40 homes by Christmas,” she said.", False),
    ],
)
def test_is_news_sentence(text, expected):
    assert is_news_sentence(text) is expected


@pytest.mark.parametrize(
    ("headline", "facts", "expected"),
    [
        ("Storm surge floods the harbour", ["A surge flooded 120 homes on Tuesday, the council said."], True),
        ("Can I make my neighbour stop mowing at dawn?", ["The rules apply after 11 p.m., the council said."], False),
        ("My husband hates his new 40-hour week", ["A storm flooded 12 homes, police said."], False),
        ("Advice for renters", ["I moved 3 times in 2029.", "You could ask your landlord for 2 months."], False),
        ("Rail strike halts trains", [], False),
    ],
)
def test_reads_like_news(headline, facts, expected):
    assert reads_like_news(headline, facts) is expected


@pytest.mark.parametrize(
    ("text", "at_most", "at_least"),
    [
        # A chart's labels run together rank below any report, however many figures they hold.
        ("Harbour index (rebased) 2,400 98.0 2,200 98.5 2,000 99.0 1,800 99.5 Jan Feb Mar", 0.1, 0.0),
        ("Port volumes 2029 2030 2031 were 410 455 502 thousand boxes", 0.2, 0.0),
        # A market report is news: figures among words.
        ("Oslo's main index rose 0.4% to 1,312 and Stockholm's gained 0.2% to 2,240 on Monday.", 2.0, 1.0),
    ],
)
def test_news_shape_of_figures(text, at_most, at_least):
    assert at_least <= news_shape(text) <= at_most


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("We will rebuild the station before winter.", True),
        ("“Costs rose again this year,” she said.", True),
        ("dependent on the future cash flows of the mine.", False),
        ("a disgrace to the city", False),
        ("Never again.", False),  # two words: a fragment, whatever its capital
        ("…And we will not stop there.", True),
    ],
)
def test_quotes_that_read_whole(text: str, whole: bool) -> None:
    assert reads_whole(text) is whole


def test_key_quotes_put_fragments_after_quotes_that_read_whole() -> None:
    fragment = StoredQuote(1, 2, "dependent on the future cash flows of the mine", "Ore Bank", "lender", "direct")
    whole = StoredQuote(1, 3, "We expect the mine to reopen in the spring.", "Lena Park", None, "direct")
    official = StoredQuote(1, 4, "The loan is safe and fully insured.", "Ivo Petrov", "finance minister", "direct")
    assert key_quotes([fragment, whole, official]) == [official, whole, fragment]
    assert key_quotes([fragment, whole], limit=1) == [whole]
