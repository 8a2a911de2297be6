"""The people list: one entry per person or body across articles, under its fullest name."""

from __future__ import annotations

from typing import Sequence

from briefings.store.queries import StoredPerson
from briefings.views.speaker_list import fullest_names


def merge_people(people: Sequence[StoredPerson], limit: int) -> list[StoredPerson]:
    """`Gov. Ana Ruiz` in one article and `Ana Ruiz` in another make one entry: their article counts add up, the
    most mentioned form's role is kept and the other forms become aliases. People first, most mentioned first."""
    merged: list[StoredPerson] = []
    for kind in ("person", "organisation"):
        forms = [p for p in people if p.kind == kind]
        target = fullest_names(p.name for p in forms)
        entries: dict[str, list[StoredPerson]] = {}
        for form in sorted(forms, key=lambda p: -p.articles):
            entries.setdefault(target[form.name], []).append(form)
        merged.extend(_one_entry(name, kind, found) for name, found in entries.items())
    merged.sort(key=lambda p: (p.kind == "organisation", -p.articles, p.name))
    return merged[:limit]


def _one_entry(name: str, kind: str, forms: Sequence[StoredPerson]) -> StoredPerson:
    aliases = dict.fromkeys(alias for form in forms for alias in (form.name, *form.aliases) if alias != name)
    role = next((form.role for form in forms if form.role), None)
    return StoredPerson(name, role, kind, tuple(aliases), sum(form.articles for form in forms))
