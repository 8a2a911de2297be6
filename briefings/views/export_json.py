"""Every stored article as extracted, as one JSON-ready dict (the `newsbrief export` schema)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from briefings.store import queries
from briefings.views.render import source_name


def export_articles(db: sqlite_utils.Database) -> dict[str, Any]:
    return {"articles": [_export_article(db, a) for a in queries.article_rows_for_export(db)]}


def _export_article(db: sqlite_utils.Database, article: queries.StoredArticle) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": source_name(article),
        "published": article.published,
        "url": article.url,
        "outlet": source_name(article),
        "story": article.story_id,
        "facts": [
            {"text": f.text, "numbers": list(f.numbers), "sentence": f.sentence_idx}
            for f in queries.all_facts(db, article.id)
        ],
        "quotes": [
            {
                "speaker": q.speaker, "role": q.role, "text": q.text, "kind": q.kind, "sentence": q.sentence_idx,
                "cue": q.cue, "speaker_mention": q.speaker_mention,
            }
            for q in queries.article_quotes(db, article.id)
        ],
        "people": [
            {"name": p.name, "role": p.role, "aliases": list(p.aliases)} for p in queries.article_people(db, article.id)
        ],
    }
