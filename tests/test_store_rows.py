"""Rows are read by column name: order does not matter, a stray or missing column is an error, not a shift."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from briefings.store import queries
from briefings.store.rows import fetch_as
from briefings.store.load_corpus import load_corpus


@dataclass(frozen=True)
class Pair:
    title: str
    id: int


def test_columns_map_to_fields_by_name_whatever_their_order(db) -> None:
    assert fetch_as(db, Pair, "SELECT 7 AS id, 'seven' AS title") == [Pair(title="seven", id=7)]


@pytest.mark.parametrize("sql", ["SELECT 7 AS id", "SELECT 7 AS id, 'x' AS title, 'y' AS path"])
def test_a_missing_or_extra_column_fails_loudly(db, sql: str) -> None:
    with pytest.raises(TypeError):
        fetch_as(db, Pair, sql)


def test_stored_rows_keep_each_value_in_its_field(db, corpus) -> None:
    load_corpus(db, [corpus])
    [article] = queries.latest_articles(db, limit=1)
    assert article.title.startswith("Russia and Ukraine") and article.path.endswith(".txt")
    assert article.published == "2024-11" and article.clean_text.startswith("Russia and Ukraine")
    fact = queries.top_facts(db, article.id, limit=1)[0]
    assert isinstance(fact.numbers, tuple) and fact.article_id == article.id and fact.rank == 0
    person = next(p for p in queries.people(db) if p.name == "Volodimir Zelensky")
    assert person.aliases == ("Zelensky",) and person.articles == 1 and person.kind == "person"
    [hit] = queries.search(db, "airports")
    assert hit.article_id == article.id and hit.title == article.title
