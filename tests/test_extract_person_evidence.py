"""Which names are listed as people: (text, name, listed) rows, each text made up for the row."""

import pytest

from briefings.extract.article import extract_article

LISTING = [
    # titles of films, books and shows: words no person's name holds
    ("Her memoir, Baking From My Home To Yours, sold out in a week.", "Baking From My Home To Yours", False),
    ("The drama Can You Ever Forgive Me won two prizes.", "Can You Ever Forgive Me", False),
    ("Fans asked: Did Marla Quint see the final?", "Did Marla Quint", False),
    ("Parliament passed Bill C-88 on Tuesday.", "Bill C-88", False),
    # places and events a first name can open
    ("The race moved to Coral Springs after the storm.", "Coral Springs", False),
    ("Crowds gathered at the Lincoln Memorial on Sunday.", "Lincoln Memorial", False),
    ("Officials in Douglas County counted ballots overnight.", "Douglas County", False),
    ("He won the Arnold Palmer Invitational in March.", "Arnold Palmer Invitational", False),
    # credits in capitals
    ("The mayor spoke at the rally. JOHN MARTELL", "JOHN MARTELL", False),
    # a name-shaped run with no first name the table knows and nothing else that marks a person
    ("Tickets for Bohemian Rhapsody went fast.", "Bohemian Rhapsody", False),
    # people: a known first name, initials, an honorific, a role, a short form used later, a quote
    ("Adam Driver starred in the film.", "Adam Driver", True),
    ("The rookie T.J. Brodeur scored twice.", "T.J. Brodeur", True),
    ("Jean-Luc Ferrand opened the season.", "Jean-Luc Ferrand", True),
    ("The visit of Sen. Ana Ruiz was cancelled.", "Sen. Ana Ruiz", True),
    ("Tickets were sold by Zorvan Ketteridge, a promoter.", "Zorvan Ketteridge", True),
    ("Zorvan Ketteridge sold the tickets. Ketteridge declined to comment.", "Zorvan Ketteridge", True),
    ("“We sold out,” said Zorvan Ketteridge.", "Zorvan Ketteridge", True),
    ("The coach praised John David Washington after the game.", "John David Washington", True),
]


@pytest.mark.parametrize(("text", "name", "listed"), LISTING)
def test_listed_as_a_person(text: str, name: str, listed: bool) -> None:
    people = {p.name for p in extract_article(text).people if p.kind == "person"}
    assert (name in people) is listed, sorted(people)
