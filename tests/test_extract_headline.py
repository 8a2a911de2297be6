"""Headline inference for files without a Title line: a table of invented leads and the headline each should give."""

from __future__ import annotations

import pytest

from briefings.extract.article import extract_article
from briefings.extract.headline import MAX_HEADLINE, article_keywords, fitted, main_clause, shorten


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Lisbon (AFP) – The Lisbon Courier on Thursday became the latest paper to back the port strike, citing pay.",
         "The Lisbon Courier became the latest paper to back the port strike"),
        ("OTTAWA — The federal government will spend $2 billion on rural broadband, the minister said Tuesday.",
         "The federal government will spend $2 billion on rural broadband"),
        ("PORT ELLEN, Scot., Feb. 3 (UPI) -- A ferry ran aground off the island, forcing 80 passengers ashore.",
         "A ferry ran aground off the island"),
        ("KELSO—Floodwater closed the main bridge on Monday morning, leaving the town cut in two.",
         "Floodwater closed the main bridge"),
        ("On Friday, the city council voted 9-4 to ban cars from the old town centre.",
         "The city council voted 9-4 to ban cars from the old town centre"),
        ("When Ilse Brandt, the port's new director, arrived last spring, the docks were idle.",
         "When Ilse Brandt arrived last spring, the docks were idle"),
        ("Mara Venn, under pressure over her expenses, resigned as party treasurer this week.",
         "Mara Venn resigned as party treasurer"),
        ("Officials said on Sunday that 40 homes were destroyed by the wildfire near the reservoir.",
         "40 homes were destroyed by the wildfire near the reservoir"),
        ("The airline cancelled 300 flights, which left thousands stranded over the holiday weekend.",
         "The airline cancelled 300 flights"),
        ("Shares in Hollin Motors rose 8% after the carmaker said its electric van would reach buyers in June.",
         "Shares in Hollin Motors rose 8%"),
        ("Dr. Ana Petrov (R-Ore.) — a former surgeon and now a senator — filed the bill in March.",
         "Ana Petrov filed the bill in March"),
    ],
)
def test_main_clause(lead: str, expected: str) -> None:
    assert main_clause(lead) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regional water board has approved an emergency plan to truck drinking water into three valley towns for the summer",
         "The regional water board has approved an emergency plan to truck drinking water"),
        ("A short headline", "A short headline"),
        # The cut keeps the verb: not `The closure of the old coal mine`.
        ("The closure of the old coal mine near the village of Stenby has cost the region about 600 jobs since the spring",
         "The closure of the old coal mine near the village of Stenby has cost the region"),
        ("Members of the rowing club have launched a bid to buy the boathouse from the city’s parks department this year",
         "Members of the rowing club have launched a bid to buy the boathouse"),
        # Never before the `to` of a verb that needs it (`attempted to …`).
        ("The harbour authority is under pressure over claims that its board attempted to delay the safety report for months",
         "The harbour authority is under pressure over claims"),
        # No boundary fits: cut between words, never leaving a possessive or a function word at the end.
        ("Volunteers repainted the harbourmaster’s lighthouse keeper’s cottage using donated marine-grade paint’s leftovers",
         "Volunteers repainted the harbourmaster’s lighthouse keeper’s cottage using donated"),
        ("Negotiators from the two unions and the hospital trust met again to discuss the pay offer and the new rota system",
         "Negotiators from the two unions and the hospital trust met again to discuss the pay offer"),
    ],
)
def test_shorten_cuts_at_a_phrase_boundary(text: str, expected: str) -> None:
    assert shorten(text) == expected
    assert len(shorten(text)) <= MAX_HEADLINE


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Labels, bylines and captions before the lead are never the headline.
        ("ABSTRACT.\nThe museum will close for two years for a $30 million renovation, its director said.",
         "The museum will close for two years for a $30 million renovation"),
        ("Rosa Delgado, The Associated Press\nMILAN — Fashion week opened with a protest by garment workers on Sunday.",
         "Fashion week opened with a protest by garment workers"),
        ("Open this photo in gallery FILE PHOTO\nFarmers blocked the motorway with 200 tractors, demanding lower fuel taxes.",
         "Farmers blocked the motorway with 200 tractors"),
        ("By Hamish Ogilvy\nThe school board voted to keep the library open.", "The school board voted to keep the library open"),
        # A line that leads in to a list (`…:`) and an editor's warning are skipped.
        ("The Latest on the county election (all times local):\n9 p.m.\n"
         "The county clerk is recounting 4,000 ballots after a printer jammed, officials said.",
         "The county clerk is recounting 4,000 ballots after a printer jammed"),
        ("Warning: This story contains details some readers may find upsetting.\n"
         "A jury found the former care home manager guilty of neglect on Friday.",
         "A jury found the former care home manager guilty of neglect"),
        # A question to the reader is skipped.
        ("Looking for a cheap flight this winter?\nAirfares to the coast fell 12% in January, a travel survey found.",
         "Airfares to the coast fell 12% in January"),
        # A lead that is a quote keeps its speaker.
        ("“We will not sign this deal as it stands,” said union leader Petra Lind. “Our members deserve better.”\n"
         "Talks resume on Monday.",
         "Petra Lind: “We will not sign this deal as it stands”"),
    ],
)
def test_headline_of_an_untitled_article(body: str, expected: str) -> None:
    assert extract_article(body).headline == expected


def test_headline_is_never_longer_than_the_limit() -> None:
    body = ("In a long and winding statement read aloud to reporters gathered outside the courthouse in the rain and the wind "
            "and the cold, the lawyer for the family said nothing new at all about the case or the appeal or the damages.")
    headline = extract_article(body).headline
    assert 0 < len(headline) <= MAX_HEADLINE
    assert not headline.endswith((" the", " and", " of", " or", ","))


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # A description before a name goes; the name stays.
        ("Former Fisheries Minister Rolf Eide resigned from the cabinet on Tuesday after a row over quotas.",
         "Rolf Eide resigned from the cabinet after a row over quotas"),
        ("Veteran Labour councillor Ada Holm will stand for mayor in the spring election.",
         "Ada Holm will stand for mayor in the spring election"),
        ("Mrs. Holm told reporters the vote was a turning point for the town and its harbour and its fishing fleet.",
         "Holm told reporters the vote was a turning point for the town and its harbour"),
        # Not when the description belongs to the object: the subject is who acted.
        ("Police arrested former councillor Jon Pike at his home on Friday.", "Police arrested former councillor Jon Pike at his home"),
        ("A St. Ives fisherman rescued two swimmers off Porthmeor beach on Sunday.",
         "A St. Ives fisherman rescued two swimmers off Porthmeor beach"),  # `St.` is no honorific
        # A weekday stays inside a possessive and a programme's name.
        ("Turnout at Sunday’s referendum on the new port reached 71%, the electoral board said.",
         "Turnout at Sunday’s referendum on the new port reached 71%"),
        ("The mayor won Tuesday night’s debate by a wide margin, a snap poll found.", "The mayor won Tuesday night’s debate by a wide margin"),
        ("The minister spoke to Radio Nord Sunday about the ferry strike and the fuel tax.",
         "The minister spoke to Radio Nord Sunday about the ferry strike and the fuel tax"),
        # A leading phrase that holds a quoted title.
        ("In an interview with “Morning Report Sunday,” the finance minister ruled out new taxes on fuel.",
         "The finance minister ruled out new taxes on fuel"),
        # A named speaker and the clause reported, when the sentence is too long to fit whole.
        ("Port director Ines Dorr said the new breakwater would protect 300 moorings from winter storms for the next fifty years at least.",
         "Dorr: The new breakwater would protect 300 moorings from winter storms"),
    ],
)
def test_main_clause_as_a_headline_writes_it(lead: str, expected: str) -> None:
    assert main_clause(lead) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regional water board has approved an emergency plan to truck drinking water into three valley towns for the summer",
         "The regional water board has approved an emergency plan to truck drinking water"),
        ("A short clause that fits", "A short clause that fits"),
        ("Too short", None),
        # Every cut would leave the clause after `shows that`, `says` or `that` without its verb.
        ("A new survey shows that the regional airline with the most delays over the whole summer season remains the national carrier",
         None),
        ("The union says the hospital trust and the two smaller unions that represent the cleaners and porters have agreed a deal",
         None),
        # Nor end on a verb waiting for its complement (`may prove`), nor inside a hyphenated word (`low-`).
        ("Rising rents in the old harbour district and the new town across the river may prove to be the deciding issue in the election",
         None),
        ("The new council tax rules would raise bills for about 40,000 low- and middle-income households across the county next year",
         "The new council tax rules would raise bills"),
        # The verb of a relative clause is not the clause's own; an adjective waits for its `to` as a verb does.
        ("Ola Brekke, who became the club's coach in 2021 after a long career in the northern league, said he would stay on",
         None),
        ("Middle-aged farmers who have had a heart attack are more likely to die early if they live alone, a study found",
         None),
        ("The former minister, after his party’s loss in a critical by-election, is vowing to stay on as leader until the spring",
         None),
    ],
)
def test_fitted_is_a_complete_clause_or_nothing(text: str, expected: str | None) -> None:
    assert fitted(text) == expected
    assert expected is None or len(expected) <= MAX_HEADLINE


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The lead does not fit whole: the next sentence that does and names what the article is about wins.
        ("A new survey shows that the regional airline with the most delays over the whole summer season remains the "
         "national carrier, whose chief executive has promised a new timetable.\n"
         "The national carrier cancelled 1,200 summer flights, twice as many as any other airline.\n"
         "The carrier blamed a shortage of pilots for the flights it cancelled.",
         "The national carrier cancelled 1,200 summer flights, twice as many as any other airline"),
        # A sentence that leans on the one before (`He …`, `It …`) is no headline.
        ("The union says the hospital trust and the two smaller unions that represent the cleaners and porters have "
         "agreed a deal on night shifts and weekend pay.\nHe said the union would put the deal to its members.\n"
         "The deal gives night porters and cleaners a 6% rise from April.",
         "The deal gives night porters and cleaners a 6% rise from April"),
        ("The union says the hospital trust and the two smaller unions that represent the cleaners and porters have "
         "agreed a deal on night shifts and weekend pay.\nThat’s according to a letter seen by the Harbour Gazette.\n"
         "The deal gives night porters and cleaners a 6% rise from April.",
         "The deal gives night porters and cleaners a 6% rise from April"),
        # A column's opening in the first person is no headline either.
        ("I have walked the coast path every spring for twenty years.\n"
         "The coast path between Orvik and Sand will close for repairs from June, the park authority said.",
         "The coast path between Orvik and Sand will close for repairs from June"),
        # A dateline and an exclamation leave too little of the lead.
        ("OSLO -- Not again!\nThe ferry broke down for the third time this month, stranding 200 passengers on the island.\n"
         "Repairs will take a week.",
         "The ferry broke down for the third time"),
        # No sentence gives a clause that fits: the lead is cut short at a phrase boundary.
        ("The union says the hospital trust and the two smaller unions that represent the cleaners and porters have "
         "agreed a deal on night shifts and weekend pay.\nHe said the union would put the deal to its members.",
         "The union says the hospital trust and the two smaller unions that represent the cleaners"),
    ],
)
def test_headline_chooses_among_the_first_sentences(body: str, expected: str) -> None:
    assert extract_article(body).headline == expected


def test_keywords_tied_in_count_are_taken_in_text_order() -> None:
    # Ties used to be broken by set iteration order, so the headline changed with PYTHONHASHSEED.
    sentence = "alpha bravo charlie delta foxtrot hotel india juliet kilo lima"
    assert article_keywords([sentence, sentence], count=3) == {"alpha", "bravo", "charlie"}
