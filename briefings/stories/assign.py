"""Give newly stored articles their story: incremental, against the signatures of recent articles."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from briefings.store.schema import write_transaction
from briefings.stories.similarity import (
    LEAD_CHARS, WINDOW, StoryIndex, content_words, from_bytes, lead_signature, signature,
)

BATCH = 2_000


def load_index(db: sqlite_utils.Database, window: int = WINDOW) -> StoryIndex:
    index = StoryIndex(window=window)
    rows = db.execute(
        "SELECT article_id, story_id, signature FROM story_signatures ORDER BY article_id DESC LIMIT ?", [window]
    ).fetchall()
    for article_id, story_id, data in reversed(rows):  # oldest first, as they were added
        index.add(article_id, story_id, from_bytes(data))
    return index


def assign_stories(db: sqlite_utils.Database, index: StoryIndex | None = None) -> int:
    """Group every article that has no story yet, oldest first; returns how many were grouped."""
    grouped = 0
    while True:
        # The lead is all grouping reads: a prefix of the text, in batches, keeps memory flat at any size.
        todo = db.execute(
            "SELECT id, title, substr(clean_text, 1, ?) FROM articles WHERE story_id IS NULL ORDER BY id LIMIT ?",
            [LEAD_CHARS, BATCH],
        ).fetchall()
        if not todo:
            return grouped
        index = index or load_index(db)
        rows: list[tuple[int, int, bytes]] = []
        for article_id, title, lead in todo:
            data = lead_signature(title, lead)
            rows.append((article_id, index.assign(article_id, from_bytes(data)), data))
        with write_transaction(db):
            db.conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s, _ in rows])
            db.conn.executemany(
                "INSERT OR REPLACE INTO story_signatures (article_id, story_id, signature) VALUES (?, ?, ?)", rows
            )
        grouped += len(rows)


def group_titles(articles: Sequence[tuple[str | None, str]]) -> list[int]:
    """Story labels for (title, body) pairs grouped from scratch, in order (for tests and the benchmark)."""
    index = StoryIndex()
    return [index.assign(i, signature(content_words(title, body))) for i, (title, body) in enumerate(articles, 1)]
