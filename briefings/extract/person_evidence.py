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
_PLACE_ENDINGS = PLACES - SURNAME_PLACES  # `Coral Springs`, not `John David Washington`
# What follows a person's name and nothing else's: `, a promoter`, `, who`, `, 45,`.
_DESCRIBED_AFTER = re.compile(r",\s+(?:an?|the|who|whose|\d{1,3},)\s")


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
    if _described_after(person.name, text):
        return True
    first = tokens[0]
    if first.rstrip(".").lower() in HONORIFICS or _INITIALS.fullmatch(first):
        return True  # `Sen. Ana Ruiz`, `T.J. Roe`
    if person.name.isupper() or tokens[-1] in THING_HEADS or tokens[-1] in _PLACE_ENDINGS:
        return False  # `FILE PHOTO`, a credit in capitals; `Coral Springs`, `Bay Hill`: a first name opens places too
    return any(first_name_kind(part) != "unknown" for part in first.split("-"))  # `Jean-Luc Roe`


def _described_after(name: str, text: str) -> bool:
    """Whether `name` is followed somewhere in `text` by what follows only a person's name (found with `str.find`:
    a pattern built per name would be compiled anew for each person of each article)."""
    at = text.find(name)
    while at >= 0:
        if _DESCRIBED_AFTER.match(text, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


def _never_in_a_name(token: str) -> bool:
    return token.lower() in TITLE_CASE_WORDS or any(c.isdigit() for c in token)
