"""The text is stored once: sentences, facts and quotes are spans into the clean text (schema v10),
read back through views with the columns the tables had; an older database is converted losing no row."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

import sqlite_utils

from briefings.extract.article import extract_article
from briefings.store import schema
from briefings.store.load_corpus import load_corpus
from briefings.store.schema import open_db
from briefings.views.export_json import export_articles

ARTICLES = Path(__file__).parent / "articles"
READS = {
    "sentences": "SELECT article_id, idx, paragraph, text FROM sentences ORDER BY article_id, idx",
    "facts": "SELECT id, article_id, rank, sentence_idx, text, numbers, score FROM facts ORDER BY id",
    "quotes": "SELECT id, article_id, sentence_idx, text, speaker, role, kind, cue, speaker_mention FROM quotes ORDER BY id",
    "articles": "SELECT id, path, title, clean_text FROM articles ORDER BY id",
}


def _read_all(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    return {name: db.execute(sql).fetchall() for name, sql in READS.items()}


def test_a_load_stores_each_text_once_and_the_views_give_it_back(db, tmp_path: Path) -> None:
    files = sorted(ARTICLES.glob("*.txt"))[:6]
    load_corpus(db, files)
    for path in files:
        article_id, clean = db.execute("SELECT id, clean_text FROM articles WHERE path = ?", [str(path.resolve())]).fetchone()
        ex = extract_article(*_body_and_title(path))
        assert [r[0] for r in db.execute("SELECT text FROM sentences WHERE article_id = ? ORDER BY idx", [article_id])] == [
            s.text for s in ex.sentences
        ]
        assert [r[0] for r in db.execute("SELECT text FROM facts WHERE article_id = ? ORDER BY rank", [article_id])] == [
            f.text for f in ex.facts
        ]
        assert [r[0] for r in db.execute("SELECT text FROM quotes WHERE article_id = ? ORDER BY id", [article_id])] == [
            q.text for q in ex.quotes
        ]
        assert clean.count("\n") == len({s.paragraph for s in ex.sentences}) - 1
    assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] > 0
    for table in ("sentence_spans", "fact_spans", "quote_spans"):  # no copies of the text
        assert db.execute(f"SELECT count(*) FROM {table} WHERE text IS NOT NULL").fetchone()[0] == 0, table
    assert "raw_text" not in db["articles"].columns_dict


def _body_and_title(path: Path) -> tuple[str, str | None]:
    from briefings.sources.read_corpus import read_article_file

    source = read_article_file(path)
    return source.body, source.title


def test_an_older_database_is_converted_without_losing_a_row(tmp_path: Path) -> None:
    old = sqlite_utils.Database(tmp_path / "v9.db")
    for step in schema.MIGRATIONS[:9]:
        step(old)
    old.execute("PRAGMA user_version = 9")
    files = sorted(ARTICLES.glob("*.txt"))[:5]
    for article_id, path in enumerate(files, start=1):
        _insert_as_v9(old, article_id, path)
    # A row whose text is no longer in the clean text verbatim (edited by hand, say) keeps its own copy.
    old.execute("INSERT INTO quotes (article_id, sentence_idx, speaker, role, text, kind) VALUES (1, 0, 'Ann Lee', NULL, 'Not in the text.', 'direct')")
    before, exported = _read_all(old), export_articles(old)
    old.close()

    db = open_db(tmp_path / "v9.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert _read_all(db) == before
    assert export_articles(db) == exported
    assert db.execute("SELECT count(*) FROM quote_spans WHERE text IS NOT NULL").fetchone()[0] == 1
    assert "raw_text" not in db["articles"].columns_dict
    word = before["facts"][0][4].split()[0]
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [json.dumps(word)]).fetchone()[0] >= 1
    # Writing a story id no longer re-indexes the article; the index still follows a changed text.
    db.execute("UPDATE articles SET story_id = 7 WHERE id = 1")
    db.execute("UPDATE articles SET clean_text = 'Zanzibar ferry schedule' WHERE id = 2")
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zanzibar'").fetchall() == [(2,)]
    db.close()


def _insert_as_v9(db: sqlite_utils.Database, article_id: int, path: Path) -> None:
    """An article as the loader of schema v9 stored it: raw text, clean text, and each part's own text."""
    raw = path.read_text(encoding="utf-8")
    ex = extract_article(*_body_and_title(path))
    clean = "\n".join(" ".join(s.text for s in g) for _, g in groupby(ex.sentences, key=lambda s: s.paragraph))
    db["articles"].insert({
        "id": article_id, "path": str(path), "content_hash": f"h{article_id}", "size": len(raw), "mtime_ns": 1,
        "title": ex.headline, "source": None, "published": None, "raw_text": raw, "clean_text": clean,
        "loaded_at": "2026-03-10T06:00:00+00:00",
    })
    db["sentences"].insert_all({"article_id": article_id, "idx": s.index, "paragraph": s.paragraph, "text": s.text} for s in ex.sentences)
    db["facts"].insert_all(
        {"article_id": article_id, "rank": r, "sentence_idx": f.sentence_index, "text": f.text,
         "numbers": json.dumps(list(f.numbers)), "score": f.score}
        for r, f in enumerate(ex.facts)
    )
    db["quotes"].insert_all(
        {"article_id": article_id, "sentence_idx": q.sentence_index, "speaker": q.speaker, "role": q.role, "text": q.text,
         "kind": q.kind, "cue": q.cue, "speaker_mention": q.speaker_mention}
        for q in ex.quotes
    )
    db["people"].insert_all(
        {"article_id": article_id, "name": p.name, "role": p.role, "kind": p.kind, "aliases": json.dumps(list(p.aliases))}
        for p in ex.people
    )


def test_the_search_index_follows_loads_replacements_and_removals(db, corpus: Path) -> None:
    from briefings.store.queries import search

    story = corpus / "ferry.txt"
    story.write_text("Officials said 12 ferries to Zanzibar were cancelled on Monday.\n", encoding="utf-8")
    load_corpus(db, [corpus])
    assert [hit.title for hit in search(db, "zanzibar")] and not search(db, "kilimanjaro")
    story.write_text("Officials said 12 flights to Kilimanjaro were cancelled on Monday.\n", encoding="utf-8")
    load_corpus(db, [corpus])
    assert not search(db, "zanzibar") and len(search(db, "kilimanjaro")) == 1
    story.unlink()
    load_corpus(db, [corpus])
    assert not search(db, "kilimanjaro")
    # The index agrees with the articles table, row for row (FTS5's own check against its content table).
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
