"""Which of the names found in an article are listed as people: those the text shows to be someone.

The resolver needs every name-shaped run (a rival it does not know of could take a pronoun), but a reader's list of
people in the news must not show film titles, places and sentence openers as people.
"""

from __future__ import annotations

import re
from typing import Collection, Sequence

from briefings.extract.first_names import first_name_kind
from briefings.extract.lexicon import HONORIFICS, PLACES, SURNAME_PLACES, THING_HEADS, TITLE_CASE_WORDS
from briefings.models import Person

_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
# What follows a person's name and nothing else's: `, a promoter`, `, who`, `, 45,`.
_DESCRIBED_AFTER = r",\s+(?:an?|the|who|whose|\d{1,3},)\s"


def shown_people(people: Sequence[Person], speakers: Collection[str], text: str) -> list[Person]:
    """`people` without the persons nothing in `text` marks as someone; organisations are kept as they are."""
    return [p for p in people if p.kind != "person" or _is_someone(p, speakers, text)]


def _is_someone(person: Person, speakers: Collection[str], text: str) -> bool:
    """A quoted speaker, or a name with a role, an honorific, a short form used later, a description
    (`Zorvan Roe, a promoter`) or a known first name."""
    tokens = person.name.split()
    if any(_never_in_a_name(token) for token in tokens):
        return False  # `Can You Ever Forgive Me`, `Bill C-74`
    if len(tokens) == 1 or person.name in speakers or person.role or person.aliases:
        return True
    if re.search(re.escape(person.name) + _DESCRIBED_AFTER, text):
        return True
    first = tokens[0]
    if first.rstrip(".").lower() in HONORIFICS or _INITIALS.fullmatch(first):
        return True  # `Sen. Ana Ruiz`, `T.J. Roe`
    if person.name.isupper() or tokens[-1] in THING_HEADS or tokens[-1] in PLACES - SURNAME_PLACES:
        return False  # `FILE PHOTO`, a credit in capitals; `Coral Springs`, `Bay Hill`: a first name opens places too
    return any(first_name_kind(part) != "unknown" for part in first.split("-"))  # `Jean-Luc Roe`


def _never_in_a_name(token: str) -> bool:
    return token.lower() in TITLE_CASE_WORDS or any(c.isdigit() for c in token)
