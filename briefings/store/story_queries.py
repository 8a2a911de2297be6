"""Read side of stories: which stories lead, and each story's articles, facts and quotes across outlets."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import sqlite_utils

from briefings.store.queries import _ARTICLE_COLUMNS, StoredArticle, StoredFact, StoredQuote
from briefings.store.rows import fetch_as

RECENT_ARTICLES = 500  # stories are ranked among the newest articles only: fast at any corpus size
STORY_ARTICLES = 20  # articles of one story read for its briefing (the newest)
_STORY = "COALESCE(story_id, -id)"  # an article not grouped yet is a story of its own
_OUTLET = "COALESCE(outlet, source, path)"


def ranked_stories(db: sqlite_utils.Database, now: datetime, limit: int, after_id: int = 0) -> list[int]:
    """Story ids: the most outlets in the last 24 hours first, then the newest.

    An article counts as of the last 24 hours when it was loaded then and its publication date, where
    known, is not older than yesterday (feeds often give only a date).
    """
    cutoff = now - timedelta(hours=24)
    rows = db.execute(
        f"""
        WITH recent AS (
            SELECT id, {_STORY} AS story, {_OUTLET} AS outlet, COALESCE(published, '') AS published,
                   loaded_at >= :cutoff AND (published IS NULL OR substr(published, 1, 10) >= :cutoff_day) AS fresh
            FROM articles WHERE id > :after ORDER BY COALESCE(published, '') DESC, id DESC LIMIT :recent
        )
        SELECT story FROM recent GROUP BY story
        ORDER BY count(DISTINCT CASE WHEN fresh THEN outlet END) DESC, max(published) DESC, max(id) DESC
        LIMIT :limit
        """,
        {
            "cutoff": cutoff.isoformat(timespec="seconds"),
            "cutoff_day": cutoff.date().isoformat(),
            "after": after_id,
            "recent": RECENT_ARTICLES,
            "limit": limit,
        },
    ).fetchall()
    return [row[0] for row in rows]


def story_articles(db: sqlite_utils.Database, story: int, limit: int = STORY_ARTICLES) -> list[StoredArticle]:
    """The story's articles, newest first (a negative id is an ungrouped article: that article alone)."""
    where, arg = ("id = ?", -story) if story < 0 else ("story_id = ?", story)
    return fetch_as(
        db, StoredArticle,
        f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {where} ORDER BY COALESCE(published, '') DESC, id DESC LIMIT ?",
        [arg, limit],
    )


def story_facts(db: sqlite_utils.Database, article_ids: list[int], limit: int) -> list[StoredFact]:
    """The best-scored facts across the articles; the same sentence from two outlets counts once."""
    marks = ", ".join("?" for _ in article_ids)
    rows = db.execute(
        f"SELECT article_id, rank, sentence_idx, text, numbers FROM facts WHERE article_id IN ({marks}) "
        "ORDER BY score DESC, rank, article_id DESC",
        article_ids,
    )
    seen: set[str] = set()
    facts: list[StoredFact] = []
    for r in rows:
        key = fold_text(r[3])
        if key not in seen:
            seen.add(key)
            facts.append(StoredFact(r[0], r[1], r[2], r[3], tuple(json.loads(r[4] or "[]"))))
            if len(facts) == limit:
                break
    return facts


def story_quotes(db: sqlite_utils.Database, article_ids: list[int]) -> list[StoredQuote]:
    marks = ", ".join("?" for _ in article_ids)
    rows = db.execute(
        f"SELECT article_id, sentence_idx, text, speaker, role, kind FROM quotes WHERE article_id IN ({marks}) "
        "ORDER BY article_id DESC, id",
        article_ids,
    ).fetchall()
    return [StoredQuote(*row) for row in rows]


def story_of_article(db: sqlite_utils.Database, article_id: int) -> int | None:
    row = db.execute(f"SELECT {_STORY} FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def fold_text(text: str) -> str:
    """Text compared without case, punctuation or spacing: how two outlets' copies of one sentence differ."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
