"""The `newsbrief` command: the views, the export schema, exit statuses, and the database it makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefings.cli import main
from briefings.store.schema import SCHEMA_VERSION, open_db
from tests.telegram_html_check import check_telegram_html


@pytest.fixture
def run(tmp_path: Path, corpus: Path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("NEWSBRIEF_CORPUS", str(corpus))

    def invoke(*args: str) -> tuple[int, str, str]:
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def test_brief_loads_an_empty_database_first_and_prints_the_seed_briefing(run) -> None:
    status, out, err = run("brief")
    assert status == 0 and "loaded: 1" in err
    assert out.startswith("📰 Russia and Ukraine launched notable drone attacks")
    for figure in ("34 Ukrainian drones", "36 drones", "145 Russian drones", "62 of the 145"):
        assert figure in out
    assert "— Dmitri Peskov, the spokesman for the Russian presidency" in out
    assert "— Dr. Elena Vasilyeva, International Relations Expert" in out
    for artifact in ("“>", " y ", "Trumpthe", "You may be interested", "Related", "<b>"):
        assert artifact not in out


def test_brief_html_is_valid_telegram_html(run) -> None:
    status, out, _ = run("brief", "--format", "html")
    messages = out.rstrip("\n").split("\n\f\n")
    assert status == 0 and messages[0].startswith("📰 <b>")
    assert all(check_telegram_html(m) == [] for m in messages)


def test_long_output_is_split_by_form_feed_lines(run) -> None:
    status, out, _ = run("article", "1", "--format", "html")
    messages = out.rstrip("\n").split("\n\f\n")
    assert status == 0 and len(messages) == 2
    assert all(len(m) <= 4096 and check_telegram_html(m) == [] for m in messages)


def test_export_json_schema(run) -> None:
    status, out, _ = run("export", "--format", "json")
    [article] = json.loads(out)["articles"]
    assert set(article) == {"id", "title", "source", "published", "facts", "quotes", "people"}
    assert {"34", "36", "145", "62"} <= {n for f in article["facts"] for n in f["numbers"]}
    assert all(set(f) == {"text", "numbers", "sentence"} for f in article["facts"])
    assert all(set(q) == {"speaker", "role", "text", "kind", "sentence"} for q in article["quotes"])
    assert {q["kind"] for q in article["quotes"]} == {"direct", "partial", "interview"}
    peskov = [q for q in article["quotes"] if q["speaker"] == "Dmitri Peskov"]
    assert peskov[0]["kind"] == "direct" and peskov[0]["text"].startswith("The signs are positive.")
    assert any(q["speaker"] == "Dr. Elena Vasilyeva" and q["kind"] == "interview" for q in article["quotes"])
    assert not any(q["speaker"] and "Editor" in q["speaker"] for q in article["quotes"])
    vasilyeva = next(p for p in article["people"] if p["name"] == "Dr. Elena Vasilyeva")
    assert vasilyeva["role"] == "International Relations Expert" and "Dr. Vasilyeva" in vasilyeva["aliases"]


def test_quotes_search_facts_people_views(run) -> None:
    assert "Dmitri Peskov" in run("quotes", "peskov")[1]
    assert "Known speakers" in run("quotes", "nobody")[1]
    assert "airports" in run("search", "airports")[1]
    assert "Nothing found" in run("search", '"(zzyzx* NEAR')[1]  # FTS5 syntax is taken as words
    assert "[34, February 24, 2022]" in run("facts")[1]
    assert "Volodimir Zelensky — Ukrainian President" in run("people")[1]


def test_article_with_a_bad_or_unknown_id(run) -> None:
    status, _, err = run("article", "x1")
    assert status == 2 and "must be a number" in err
    status, _, err = run("article", "99")
    assert status == 1 and "no article with ID 99" in err


def test_load_exit_status_says_whether_anything_failed(run, corpus: Path) -> None:
    assert run("load")[0] == 0
    (corpus / "bad.txt").write_bytes(b"\x00\x01")
    status, out, _ = run("load")
    assert status == 1
    assert out.splitlines()[:4] == ["loaded: 0", "unchanged: 1", "removed: 0", "failed: 1"]
    assert "bad.txt: binary file" in out


def test_schema_is_created_by_migrations_and_reopening_is_harmless(tmp_path: Path) -> None:
    db = open_db(tmp_path / "s.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "sentences", "facts", "quotes", "people", "subscriptions", "deliveries", "articles_fts"} <= set(
        db.table_names()
    )
    db.close()
    again = open_db(tmp_path / "s.db")
    assert again.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_schema_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite_utils

    from briefings.store import schema as store

    old = sqlite_utils.Database(tmp_path / "old.db")
    store.MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old["articles"].insert(
        {"path": "/x.txt", "content_hash": "h", "size": 1, "mtime_ns": 1, "title": "T", "raw_text": "r",
         "clean_text": "c", "loaded_at": "2026-01-01"}
    )
    old.close()
    db = open_db(tmp_path / "old.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT title FROM articles").fetchall() == [("T",)]
    assert "subscriptions" in db.table_names()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    import sqlite_utils

    newer = sqlite_utils.Database(tmp_path / "new.db")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(RuntimeError, match="newer than this newsbrief"):
        open_db(tmp_path / "new.db")


def test_quotes_match_the_start_of_name_words(run) -> None:
    assert "Dmitri Peskov" in run("quotes", "pesk")[1]  # a prefix of a name word
    assert "Dr. Elena Vasilyeva" in run("quotes", "elena", "vasil")[1]  # every word must match
    assert "Known speakers" in run("quotes", "eskov")[1]  # not a word start
    assert "Known speakers" in run("quotes", '"*)(')[1]  # FTS5 syntax is no name
