"""People and organisations with roles and aliases."""

from pathlib import Path

import pytest

from briefings.extract.article import extract_article
from briefings.extract.people import extract_people
from briefings.extract.split_sentences import split_sentences

ARTICLES = Path(__file__).parent / "articles"


def people_of(*paragraphs: str):
    return {p.name: p for p in extract_people(split_sentences(paragraphs))}


def test_roles_from_premodifier_and_appositives() -> None:
    people = people_of(
        "Strikes hit Kyiv, Ukrainian President Volodimir Zelensky said.",
        "It was confirmed by the spokesman for the Russian presidency, Dmitri Peskov, on Monday.",
        "Later, Oleksandr Kovalenko, a military analyst, disagreed.",
    )
    assert people["Volodimir Zelensky"].role == "Ukrainian President"
    assert people["Dmitri Peskov"].role == "the spokesman for the Russian presidency"
    assert people["Oleksandr Kovalenko"].role == "a military analyst"


def test_descriptors_and_name_tails_are_not_people() -> None:
    people = people_of(
        "Tom Hale mocked Rival Ana Ruiz on Monday, and Ruiz replied.",
        "Lena Ortiz, a fellow at the Council on Foreign Relations, said the Commission on Fair Debates was late.",
    )
    assert people["Ana Ruiz"].role == "Rival"
    for fragment in ("Rival Ana Ruiz", "Foreign Relations", "Fair Debates"):
        assert fragment not in people


def test_bodies_named_after_places_are_organisations() -> None:
    people = people_of("Statistics Ontario and the Toronto Gulls both quoted Jordan Peters and Mayor Tom Brandon.")
    assert people["Statistics Ontario"].kind == "organisation"
    assert people["Toronto Gulls"].kind == "organisation"
    assert people["Jordan Peters"].kind == "person"
    # A place that is a common surname too, after a first name the table does not know, is still a person's.
    assert people_of("Tunde Washington spoke to Statistics Ontario.")["Tunde Washington"].kind == "person"


def test_people_known_by_one_name() -> None:
    people = people_of(
        "Sari, a resident of the coast, was at home.",
        "Besides Noor, who is 23, the others laughed. Team captain Tavi stayed.",
        "Man charged in fire. Kim told reporters the letter came.",
    )
    for name in ("Sari", "Noor", "Tavi", "Kim"):
        assert people[name].kind == "person"
    assert "Man" not in people


def test_aliases_and_organisations() -> None:
    people = people_of(
        "Talks between Vladimir Putin and Donald Trump went well.",
        "Later, Trump said the Kremlin agreed, the Washington Post reported.",
        "The Russian Ministry of Defense and the Ukrainian air forces gave figures.",
    )
    assert people["Donald Trump"].aliases == ("Trump",)
    assert people["Vladimir Putin"].kind == "person"
    for org in ("Kremlin", "Washington Post", "Russian Ministry of Defense", "Ukrainian air forces"):
        assert people[org].kind == "organisation"


def test_no_junk_or_places() -> None:
    people = people_of(
        "Sunday morning, Moscow and Ukraine were hit.",
        "Likewise, Russia said nothing. Thank you. Welcome to Europe.",
        "Involving North Korean soldiers adds risk in New York.",
        "You know it. Related matters follow in January.",
    )
    assert people == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A weekday after a name is not part of it.
        ("Ana Ruiz Friday signed the lease with Tomas Berg.", {"Ana Ruiz", "Tomas Berg"}),
        # A month may be a surname.
        ("Lawmakers rebuffed Prime Minister Joan May on Tuesday.", {"Joan May"}),
        # Plural demonyms and party members are groups, not people.
        ("Canadians and Ohio Democrats met Ivo Petrov.", {"Ivo Petrov"}),
        # Streets, laws and events end in words no person's name ends in, unless a first name precedes them.
        ("Harbour Street closed and the Clean Water Act passed, said Grant Hill.", {"Grant Hill"}),
        ("Crowds filled Maple Square during Pride Week.", set()),
        # A first name that looks like a verb still opens a sentence as a name.
        ("Ahmed Karim and Ted Voss met on Monday.", {"Ahmed Karim", "Ted Voss"}),
        # A role running on with `of` ends at the first known first name; a sentence word before a name goes.
        ("Minister of Innovation Ana Ruiz spoke.", {"Ana Ruiz"}),
        ("The Minister of Innovation spoke. Besides Tomas Berg, nobody came.", {"Tomas Berg"}),
        # A heading in capitals is nobody.
        ("HE WAS CALLED OUT BY PEERS", set()),
        # States and provinces are places, though some are first names too.
        ("Crews from Nova Scotia and Virginia helped Dana Wells.", {"Dana Wells"}),
        # An apostrophe inside a name keeps it whole; a possessive `’s` is no part of it.
        ("Mayor Ta'wanis Reed met Lena Ortiz's aide.", {"Ta'wanis Reed", "Lena Ortiz"}),
        # An ordinary person's description opening a sentence is a role, not part of the name.
        ("Resident Kath Doyle packed her car. Passenger Emily Carter waited.", {"Kath Doyle", "Emily Carter"}),
        # An acronym leading a name makes it an organisation; a role in capitals does not.
        ("KTV News and BCX Hydro reported that the CEO, Rhea Lund, resigned.", {"Rhea Lund"}),
    ],
)
def test_names_that_are_not_people(text: str, names: set[str]) -> None:
    assert {name for name, person in people_of(text).items() if person.kind == "person"} == names


def test_acronym_is_an_alias_of_the_full_name() -> None:
    people = people_of("Nordic Rail Transport Board (NRTB) fined the operator.", "The NRTB said Dana Wells would appeal.")
    assert people["Nordic Rail Transport Board"].kind == "organisation"
    assert "NRTB" in people["Nordic Rail Transport Board"].aliases and "NRTB" not in people


def test_honorific_short_forms_are_aliases() -> None:
    people = people_of("Prof. J. R. Hammond spoke first.", "Then Mr. Hammond left and Hammond returned.")
    assert set(people) == {"Prof. J. R. Hammond"}
    assert set(people["Prof. J. R. Hammond"].aliases) == {"Mr. Hammond", "Hammond"}


def test_and_inside_agency_name_stays() -> None:
    people = {p.name: p for p in extract_article((ARTICLES / "abbreviations.txt").read_text(encoding="utf-8")).people}
    assert people["U.S. Food and Drug Administration"].kind == "organisation"
    assert "St. Mary's Hospital" in people and people["St. Mary's Hospital"].kind == "organisation"


def test_two_bodies_joined_by_and_are_two() -> None:
    people = people_of("Northwind Energy and Harbour Bank raised fees.", "The Harbour Food and Drug Agency agreed.")
    assert {"Northwind Energy", "Harbour Bank", "Harbour Food and Drug Agency"} <= set(people)
    assert people["Harbour Bank"].kind == "organisation"


def test_a_nickname_is_the_same_person() -> None:
    people = people_of("Rep. Robert C. Scott spoke first.", "Bobby Scott is not a household name.")
    assert "Bobby Scott" in people["Rep. Robert C. Scott"].aliases and "Bobby Scott" not in people
    people = people_of("Alexander Wise drew the covers.", "There is joy in it, insists 16-year-old Xander Wise.")
    assert "Xander Wise" in people["Alexander Wise"].aliases
    # Not a woman's name for a man's, nor another first name.
    people = people_of("Alexandra Ruiz and her brother Alex Ruiz run the shop.", "Robert Lane met Thomas Lane.")
    assert {"Alexandra Ruiz", "Alex Ruiz", "Robert Lane", "Thomas Lane"} <= set(people)


def test_business_article_people() -> None:
    people = {p.name: p for p in extract_article((ARTICLES / "business_earnings.txt").read_text(encoding="utf-8")).people}
    assert people["Laura Chen"].role == "Chief Executive"
    assert people["Laura Chen"].aliases == ("Chen",)
    assert people["Northwind Energy"].kind == "organisation"
    assert "Analysts" not in people


@pytest.mark.parametrize(
    "text",
    [
        "COLUMBUS, Ohio (AP) — A chip maker will build a plant, Tomas Berg said.",
        "Springfield (AFP) – A chip maker will build a plant, Tomas Berg said.",
        "LONDON (Reuters) - A chip maker will build a plant, Tomas Berg said.",
    ],
)
def test_the_agency_in_a_dateline_is_nobody_the_story_names(text: str) -> None:
    assert set(people_of(text)) == {"Tomas Berg"}


# A nickname in quote marks inside a name hides neither the name nor makes it two people.
NICKNAMES = [
    ('The bout between Dmitri "Iceberg" Volkov and Andre Paxton was postponed.', "Dmitri Volkov"),
    ("Marcus “The Hammer” Bell won on points.", "Marcus Bell"),
    ("Officers arrested Anthony “Tony” Russo on Friday.", "Anthony Russo"),
]


@pytest.mark.parametrize(("text", "name"), NICKNAMES)
def test_a_nickname_inside_a_name(text: str, name: str) -> None:
    people = people_of(text)
    assert people[name].kind == "person"
    assert not any(n != name and set(n.split()) & set(name.split()) for n in people)


def test_a_nickname_does_not_lose_the_speaker() -> None:
    extraction = extract_article(
        'The bout between Dmitri "Iceberg" Volkov and challenger Andre Paxton was postponed.\n'
        'Volkov said he was "gutted." "I have never pulled out of a fight," he said.'
    )
    [quote] = [q for q in extraction.quotes if q.text.startswith("I have never")]
    assert quote.speaker == "Dmitri Volkov"


ROLES_CUT_BY_AN_ABBREVIATION = [
    ("Jorge Vela, a former foreign minister who is a harsh critic of Mr. Roe, spoke.", "Jorge Vela", "a former foreign minister"),
    ("Ana Mott, the head of the studio that employs Dr. Lee, left.", "Ana Mott", "the head of the studio"),
    ("Ben Ortiz, the president of the St. Clair council, resigned.", "Ben Ortiz", None),
    ("Ana Mott, the spokeswoman for the county, left early.", "Ana Mott", "the spokeswoman for the county"),
]


@pytest.mark.parametrize(("text", "name", "role"), ROLES_CUT_BY_AN_ABBREVIATION)
def test_a_role_is_never_cut_short_at_an_abbreviation(text: str, name: str, role: str | None) -> None:
    assert people_of(text)[name].role == role
