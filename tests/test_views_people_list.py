"""/people merges one person's forms across articles: (stored rows, expected entries) tables."""

import pytest

from briefings.store.queries import StoredPerson
from briefings.views.people_list import merge_people


def person(name: str, articles: int, role: str | None = None, aliases: tuple[str, ...] = (), kind: str = "person"):
    return StoredPerson(name, role, kind, aliases, articles)


MERGES = [
    # a title in one article, none in another: one entry under the plain full name
    ([person("Gov. Ana Ruiz", 2, "governor"), person("Ana Ruiz", 3)], [("Ana Ruiz", 5, "governor")]),
    # a surname alone goes under the only full name it can be
    ([person("Ruiz", 1), person("Ana Ruiz", 2)], [("Ana Ruiz", 3, None)]),
    # two relatives: the bare surname stays apart
    ([person("Holt", 2), person("Dana Holt", 1), person("Leo Holt", 1)], [("Holt", 2, None), ("Dana Holt", 1, None), ("Leo Holt", 1, None)]),
    # different people stay apart, most mentioned first
    ([person("Kay Dunn", 1), person("Jon Harlow", 4)], [("Jon Harlow", 4, None), ("Kay Dunn", 1, None)]),
    # a body and a person never merge, and people come first
    ([person("Harbour Trust", 9, kind="organisation"), person("Ana Trust", 1)], [("Ana Trust", 1, None), ("Harbour Trust", 9, None)]),
]


@pytest.mark.parametrize(("rows", "expected"), MERGES)
def test_merge_people(rows: list, expected: list) -> None:
    assert [(p.name, p.articles, p.role) for p in merge_people(rows, limit=40)] == expected


def test_merged_forms_become_aliases_and_the_limit_applies_after_merging() -> None:
    rows = [person("Sen. Ana Ruiz", 1, aliases=("Ruiz",)), person("Ana Ruiz", 1)] + [person(f"Kay Dunn{i}", 1) for i in range(5)]
    merged = merge_people(rows, limit=3)
    assert merged[0].name == "Ana Ruiz" and merged[0].articles == 2
    assert set(merged[0].aliases) == {"Sen. Ana Ruiz", "Ruiz"}
    assert len(merged) == 3
