"""Read-only queries over the stored corpus, returning plain dataclasses for the templates."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

import sqlite_utils

from briefings.sources.characters import normalise_characters
from briefings.store.rows import fetch_as

# Private-use characters mark search-hit boundaries in snippets, so escaping can happen before highlighting.
HIT_START, HIT_END = "\ue000", "\ue001"
# Ranking every hit of a very common word is what makes a search slow; past this many hits, newest first.
RANKED_SEARCH_LIMIT = 2000


def _json_tuple(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text or "[]"))


@dataclass(frozen=True)
class StoredArticle:
    id: int
    title: str
    source: str | None
    path: str
    published: str | None
    clean_text: str
    loaded_at: str
    url: str | None = None  # fetched articles: the canonical URL; files: None
    outlet: str | None = None
    story_id: int | None = None
    text_origin: str | None = None  # "feed summary" when the page could not be had: a reader is told


@dataclass(frozen=True)
class StoredFact:
    article_id: int
    rank: int
    sentence_idx: int
    text: str
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class StoredQuote:
    article_id: int
    sentence_idx: int
    text: str
    speaker: str | None
    role: str | None
    kind: str
    cue: str | None = None
    speaker_mention: str | None = None


@dataclass(frozen=True)
class StoredPerson:
    name: str
    role: str | None
    kind: str
    aliases: tuple[str, ...]
    articles: int


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    snippet: str  # contains HIT_START/HIT_END around matched words


_ARTICLE_COLUMNS = "id, title, source, path, published, clean_text, loaded_at, url, outlet, story_id, text_origin"
_NEWEST_FIRST = "ORDER BY COALESCE(published, '') DESC, id DESC"  # served by the articles_newest index
# "In the news" means the newest articles: /who and the speaker list stay fast at any corpus size.
RECENT_ARTICLES = 200
_RECENT_IDS = f"SELECT id FROM articles {_NEWEST_FIRST} LIMIT ?"


def article_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def quote_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM quotes").fetchone()[0]


def latest_articles(db: sqlite_utils.Database, limit: int = 5, after_id: int = 0) -> list[StoredArticle]:
    """The newest articles (by publication date, then load order), optionally only those with id > after_id."""
    return fetch_as(
        db, StoredArticle, f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? {_NEWEST_FIRST} LIMIT ?",
        [after_id, limit],
    )


def newest_article_id(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COALESCE(max(id), 0) FROM articles").fetchone()[0]


def get_article(db: sqlite_utils.Database, article_id: int) -> StoredArticle | None:
    found = fetch_as(db, StoredArticle, f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id])
    return found[0] if found else None


def article_titles(db: sqlite_utils.Database, ids: set[int]) -> dict[int, str]:
    """Titles by article id, without reading the articles' texts."""
    marks = ", ".join("?" for _ in ids)
    return dict(db.execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", sorted(ids)).fetchall())


def top_facts(db: sqlite_utils.Database, article_id: int, limit: int = 6) -> list[StoredFact]:
    facts = fetch_as(
        db, StoredFact,
        "SELECT article_id, rank, sentence_idx, text, numbers FROM facts WHERE article_id = ? ORDER BY rank LIMIT ?",
        [article_id, limit],
    )
    return [replace(f, numbers=_json_tuple(f.numbers)) for f in facts]


def article_quotes(db: sqlite_utils.Database, article_id: int) -> list[StoredQuote]:
    return fetch_as(
        db, StoredQuote,
        "SELECT article_id, sentence_idx, text, speaker, role, kind, cue, speaker_mention FROM quotes "
        "WHERE article_id = ? ORDER BY id",
        [article_id],
    )


def quotes_by_speaker(db: sqlite_utils.Database, name: str, limit: int = 20) -> list[StoredQuote]:
    """Quotes whose speaker has a word starting with each word of `name`, any case (`peskov` finds Dmitri Peskov)."""
    words = re.findall(r"\w+", name)
    if not words:
        return []
    match = " ".join(f'"{word}"*' for word in words)  # \w+ words hold no quote, so this is a safe FTS5 query
    # The newest `limit` quotes are chosen on the spans alone; only those few read their text.
    return fetch_as(
        db, StoredQuote,
        "SELECT q.article_id, q.sentence_idx, q.text, q.speaker, q.role, q.kind FROM ("
        "  SELECT s.id, COALESCE(a.published, '') AS published FROM quote_spans s "
        "  JOIN articles a ON a.id = s.article_id "
        "  WHERE s.speaker IN (SELECT speaker FROM speakers_fts WHERE speakers_fts MATCH ?) "
        "  ORDER BY published DESC, s.article_id DESC, s.id LIMIT ?"
        ") AS newest JOIN quotes q ON q.id = newest.id "
        "ORDER BY newest.published DESC, q.article_id DESC, q.id",
        [match, limit],
    )


def speakers(db: sqlite_utils.Database, limit: int = 30) -> list[tuple[str, int]]:
    """Speakers of the newest articles with their quote counts, most quoted first."""
    rows = db.execute(
        f"SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL AND article_id IN ({_RECENT_IDS}) "
        "GROUP BY speaker ORDER BY n DESC, speaker LIMIT ?",
        [RECENT_ARTICLES, limit],
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def people(db: sqlite_utils.Database, limit: int = 40) -> list[StoredPerson]:
    """People and organisations of the newest articles, most mentioned first, with a role where one is given."""
    found = fetch_as(
        db, StoredPerson,
        "SELECT name, max(role) AS role, kind, max(aliases) AS aliases, count(DISTINCT article_id) AS articles "
        f"FROM people WHERE article_id IN ({_RECENT_IDS}) "
        "GROUP BY name, kind ORDER BY kind = 'organisation', articles DESC, name LIMIT ?",
        [RECENT_ARTICLES, limit],
    )
    return [replace(p, aliases=_json_tuple(p.aliases)) for p in found]


def search(db: sqlite_utils.Database, words: str, limit: int = 8) -> list[SearchHit]:
    """Full-text search; any input is safe because it is quoted into FTS5 phrases by sqlite-utils."""
    # A NUL ends SQLite's parse of the FTS5 string ("unterminated string"); our hit markers must not match.
    query = db.quote_fts(normalise_characters(words))
    if not query.strip('" '):
        return []
    # Rank (bm25) only the newest RANKED_SEARCH_LIMIT hits: ranking every article that holds a common
    # word is the slow case. A rowid floor bounds it; `rowid IN (subquery)` measured 400x slower.
    return fetch_as(
        db, SearchHit,
        """
        SELECT a.id AS article_id, a.title, snippet(articles_fts, 1, :start, :end, '…', 16) AS snippet
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH :q
          AND articles_fts.rowid >= COALESCE(
                (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q
                 ORDER BY rowid DESC LIMIT 1 OFFSET :cap - 1), 0)
        ORDER BY bm25(articles_fts) LIMIT :limit
        """,
        {"q": query, "cap": RANKED_SEARCH_LIMIT, "start": HIT_START, "end": HIT_END, "limit": limit},
    )


def article_rows_for_export(db: sqlite_utils.Database) -> list[StoredArticle]:
    return fetch_as(db, StoredArticle, f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id")


def article_people(db: sqlite_utils.Database, article_id: int) -> list[StoredPerson]:
    found = fetch_as(
        db, StoredPerson,
        "SELECT name, role, kind, aliases, 1 AS articles FROM people WHERE article_id = ? ORDER BY id", [article_id],
    )
    return [replace(p, aliases=_json_tuple(p.aliases)) for p in found]


def all_facts(db: sqlite_utils.Database, article_id: int) -> list[StoredFact]:
    return top_facts(db, article_id, limit=-1)
