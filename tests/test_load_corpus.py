"""Loading and reloading: incremental, one transaction, every bad file reported by name and skipped."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefings.store import load_corpus as load_module
from briefings.store.load_corpus import load_corpus
from briefings.store.queries import article_count

GOOD = "Officials said 12 people were hurt in Lyon on Monday. “We are investigating,” police chief Anne Roux said.\n"


def _titles(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT path FROM articles ORDER BY path")]


def test_first_load_then_unchanged(db, corpus: Path) -> None:
    first = load_corpus(db, [corpus])
    assert len(first.loaded) == 1 and first.ok
    again = load_corpus(db, [corpus])
    assert (len(again.loaded), len(again.unchanged), len(again.removed)) == (0, 1, 0)
    assert article_count(db) == 1


def test_touched_but_identical_file_is_unchanged_by_hash(db, corpus: Path) -> None:
    load_corpus(db, [corpus])
    seed = next(corpus.iterdir())
    os.utime(seed, ns=(1, 1))
    report = load_corpus(db, [corpus])
    assert report.loaded == [] and len(report.unchanged) == 1


def test_changed_file_replaced_and_deleted_file_removed(db, corpus: Path) -> None:
    extra = corpus / "2024-12-01-lyon.txt"
    extra.write_text(GOOD, encoding="utf-8")
    load_corpus(db, [corpus])
    old_id = db.execute("SELECT id FROM articles WHERE path LIKE '%lyon%'").fetchone()[0]
    extra.write_text(GOOD + "The mayor said 3 schools would stay closed on Tuesday.\n", encoding="utf-8")
    changed = load_corpus(db, [corpus])
    assert [Path(p).name for p in changed.loaded] == ["2024-12-01-lyon.txt"]
    new_id = db.execute("SELECT id FROM articles WHERE path LIKE '%lyon%'").fetchone()[0]
    assert new_id > old_id  # a changed article is new to digest readers
    assert db.execute("SELECT count(*) FROM sentences WHERE article_id = ?", [old_id]).fetchone()[0] == 0

    extra.unlink()
    removed = load_corpus(db, [corpus])
    assert [Path(p).name for p in removed.removed] == ["2024-12-01-lyon.txt"]
    assert article_count(db) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Caf\u00e9 in Paris, 3 dead.".encode("latin-1"), "not valid UTF-8"),
        ("punctuation.txt", b"... --- ...\n", "no sentences found"),
    ],
)
def test_bad_file_reported_by_name_and_rest_loaded(db, corpus: Path, name: str, content: bytes, reason: str) -> None:
    (corpus / name).write_bytes(content)
    report = load_corpus(db, [corpus])
    assert len(report.loaded) == 1
    assert [(Path(p).name, r.split(" (")[0]) for p, r in report.failed] == [(name, reason)]
    assert not report.ok


def test_huge_file_refused_without_reading_it(db, corpus: Path) -> None:
    big = corpus / "huge.txt"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    report = load_corpus(db, [corpus])
    assert len(report.failed) == 1 and Path(report.failed[0][0]).name == "huge.txt"
    assert report.failed[0][1].startswith("too large (20.0 MB")


def test_missing_folder_reported_and_loaded_data_kept(db, corpus: Path, tmp_path: Path) -> None:
    load_corpus(db, [corpus])
    report = load_corpus(db, [tmp_path / "nowhere"])
    assert report.failed == [(str(tmp_path / "nowhere"), "no such file or folder")]
    assert article_count(db) == 1


def test_broken_edit_keeps_the_previous_version(db, corpus: Path) -> None:
    extra = corpus / "lyon.txt"
    extra.write_text(GOOD, encoding="utf-8")
    load_corpus(db, [corpus])
    extra.write_bytes(b"\xff\xfe broken")
    report = load_corpus(db, [corpus])
    assert [Path(p).name for p, _ in report.failed] == ["lyon.txt"]
    assert db.execute("SELECT count(*) FROM articles WHERE path LIKE '%lyon.txt'").fetchone()[0] == 1


def test_reload_that_cannot_finish_keeps_whole_articles_and_the_next_reload_completes_it(db, corpus: Path, monkeypatch) -> None:
    load_corpus(db, [corpus])
    for i in range(3):
        (corpus / f"new{i}.txt").write_text(GOOD.replace("12", str(30 + i)), encoding="utf-8")
    next(p for p in corpus.iterdir() if p.name.startswith("2024")).write_text(GOOD + "Changed.\n", encoding="utf-8")
    monkeypatch.setattr(load_module, "STORE_BATCH", 2)  # the replaced seed is one batch, new0+new1 the next
    calls = {"n": 0}
    real_write = load_module._write

    def failing_write(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(load_module, "_write", failing_write)
    with pytest.raises(OSError, match="disk full"):
        load_corpus(db, [corpus])
    # The first batch stayed whole (the seed's new version and all its rows), the failed one left nothing.
    assert [Path(p).name for p in _titles(db)] == [next(p.name for p in corpus.iterdir() if p.name.startswith("2024"))]
    assert "Changed." in db.execute("SELECT clean_text FROM articles").fetchone()[0]
    for table in load_module.CHILD_TABLES:
        orphans = f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        assert db.execute(orphans).fetchone()[0] == 0, table
    monkeypatch.setattr(load_module, "_write", real_write)
    again = load_corpus(db, [corpus])
    assert sorted(Path(p).name for p in again.loaded) == ["new0.txt", "new1.txt", "new2.txt"]
    assert len(again.unchanged) == 1
    assert load_corpus(db, [corpus]).loaded == []  # and after that a reload is a no-op again


def test_another_connection_writes_while_a_load_extracts(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """Extraction runs outside any write transaction: a /subscribe during a long /reload waits at most for
    one batch (issue 8, finding 8). Before, the whole load was one transaction holding the write lock."""
    import sqlite3
    import threading

    from briefings.store.schema import open_db

    for i in range(4):
        (corpus / f"new{i}.txt").write_text(GOOD.replace("12", str(40 + i)), encoding="utf-8")
    open_db(tmp_path / "w.db").close()
    monkeypatch.setattr(load_module, "STORE_BATCH", 2)
    extracting, resume = threading.Event(), threading.Event()
    real_prepare = load_module.prepare_files

    def pausing_prepare(paths, workers=None):
        for i, item in enumerate(real_prepare(paths, workers)):
            if i == 3:  # one batch stored, one article waiting in the next: the load is mid-way
                extracting.set()
                resume.wait(20)
            yield item

    monkeypatch.setattr(load_module, "prepare_files", pausing_prepare)
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(_load(tmp_path / "w.db", [corpus])), daemon=True)
    thread.start()
    try:
        assert extracting.wait(20), "the load never reached its fourth file"
        other = sqlite3.connect(tmp_path / "w.db", timeout=2, isolation_level=None)  # the bound, if the lock is held
        try:
            other.execute("INSERT INTO subscriptions (chat_id, time, tz, start_date) VALUES (1, '08:00', 'UTC', '2026-01-01')")
            stored_so_far = other.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            other.close()
        assert thread.is_alive()  # the write went through while the load was still running
        assert stored_so_far == 2  # the first batch, committed whole
    finally:
        resume.set()
        thread.join(20)
    assert len(outcome[0].loaded) == 5


def _load(db_path: Path, paths: list[Path]):
    from briefings.store.schema import open_db

    database = open_db(db_path)
    try:
        return load_corpus(database, paths)
    finally:
        database.close()


def test_header_gives_title_source_and_date(db, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "Title: Lyon floods close schools\nSource: https://example.org/lyon\nPublished: 2024-12-02\n\n" + GOOD,
        encoding="utf-8",
    )
    load_corpus(db, [article])
    row = db.execute("SELECT title, source, published, clean_text FROM articles").fetchone()
    assert row[:3] == ("Lyon floods close schools", "https://example.org/lyon", "2024-12-02")
    assert "Title:" not in row[3]


def test_extraction_workers_are_never_forks_of_the_loading_process() -> None:
    # /reload runs the load in a thread of the bot; fork() there copies locks other threads hold.
    assert load_module.POOL_CONTEXT.get_start_method() in ("forkserver", "spawn")


def test_parallel_load_matches_serial(tmp_path: Path, corpus: Path) -> None:
    from briefings.store.schema import open_db

    for i in range(8):
        (corpus / f"a{i}.txt").write_text(GOOD.replace("12", str(i + 20)), encoding="utf-8")
    serial, parallel = open_db(tmp_path / "s.db"), open_db(tmp_path / "p.db")
    load_module.PARALLEL_THRESHOLD, saved = 1, load_module.PARALLEL_THRESHOLD
    try:
        load_corpus(serial, [corpus], workers=1)
        load_corpus(parallel, [corpus], workers=2)
    finally:
        load_module.PARALLEL_THRESHOLD = saved
    query = "SELECT path, title, clean_text FROM articles ORDER BY path"
    assert serial.execute(query).fetchall() == parallel.execute(query).fetchall()
    query = "SELECT text, numbers FROM facts ORDER BY text"
    assert serial.execute(query).fetchall() == parallel.execute(query).fetchall()


def _load_in_thread(db_path: Path, paths: list[Path]):
    """load_corpus in a daemon thread; (report or exception, finished within the bound)."""
    import threading

    from briefings.store.schema import open_db

    outcome: list = []

    def run() -> None:
        database = open_db(db_path)
        try:
            outcome.append(load_corpus(database, paths))
        except BaseException as exc:  # surfaced to the test
            outcome.append(exc)
        finally:
            database.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    return (outcome[0] if outcome else None), not thread.is_alive()


def test_named_pipe_and_link_to_dev_zero_are_refused_without_blocking(tmp_path: Path, corpus: Path) -> None:
    pipe = corpus / "pipe.txt"
    os.mkfifo(pipe)
    (corpus / "zero.txt").symlink_to("/dev/zero")
    try:
        report, finished = _load_in_thread(tmp_path / "pipe.db", [corpus])
        assert finished, "the load blocked on a corpus file"
    finally:
        # Unblock a reader stuck on the pipe (before the fix) so the test run can end.
        fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK) if not finished else None
        if fd is not None:
            os.close(fd)
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert failed == {"pipe.txt": "not a regular file (a pipe, device or socket)",
                      "zero.txt": "not a regular file (a pipe, device or socket)"}
    assert len(report.loaded) == 1


def test_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path, monkeypatch) -> None:
    from briefings.sources import read_corpus

    path = tmp_path / "growing.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    real_fstat = os.fstat
    monkeypatch.setattr(read_corpus.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    with pytest.raises(read_corpus.CorpusFileError, match="too large"):
        read_corpus.read_regular_file(path, limit=100)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Lyon\fbridges close", "Lyon\nbridges close"),  # a PDF page break is a paragraph break
        ("Lyon\u2028bridges", "Lyon\nbridges"),
        ("Lyon \ue000bridges\ue001 close", "Lyon bridges close"),  # the search view's hit markers
        ("Lyon\x1bbridges", "Lyon bridges"),
        ("Lyon\x85bridges", "Lyon\nbridges"),
        ("Lyon\U000f0041 bridges", "Lyon bridges"),
        ("Tab\tstays, é and emoji 🙂 stay", "Tab\tstays, é and emoji 🙂 stay"),
    ],
)
def test_control_and_private_use_characters_are_normalised_when_read(dirty: str, clean: str) -> None:
    from briefings.sources.read_corpus import parse_article_bytes

    assert parse_article_bytes("x.txt", dirty.encode()).body == clean


def test_form_feed_in_a_title_never_reaches_the_store(db, tmp_path: Path) -> None:
    article = tmp_path / "ff.txt"
    article.write_text("Title: Lyon\fbridges \ue000close\n\n" + GOOD.replace("Lyon", "Ly\fon\ue001"), encoding="utf-8")
    load_corpus(db, [article])
    stored = " ".join(
        text for row in db.execute("SELECT title, clean_text FROM articles UNION ALL "
                                   "SELECT text, '' FROM sentences") for text in row
    )
    assert not any(c in stored for c in "\f\ue000\ue001")


def test_load_takes_the_write_lock_before_it_reads(db, corpus: Path, tmp_path: Path) -> None:
    """A DEFERRED transaction that read first fails with BUSY_SNAPSHOT (never retried by busy_timeout) if
    another connection commits before its first write: what a digest fan-out does during /reload."""
    import sqlite3

    (corpus / "new.txt").write_text(GOOD, encoding="utf-8")
    other = sqlite3.connect(tmp_path / "newsbrief.db", timeout=0, isolation_level=None)
    other_writes: list[str] = []

    def commit_from_another_connection(sql: str) -> None:
        if sql.startswith("INSERT INTO articles") and not other_writes:
            try:
                other.execute("INSERT INTO subscriptions (chat_id, time, tz, start_date) VALUES (1, '08:00', 'UTC', '2026-01-01')")
                other_writes.append("committed")
            except sqlite3.OperationalError as exc:  # the load holds the write lock: what the fix does
                other_writes.append(str(exc))

    db.conn.set_trace_callback(commit_from_another_connection)
    try:
        report = load_corpus(db, [corpus])
    finally:
        db.conn.set_trace_callback(None)
        other.close()
    assert other_writes == ["database is locked"]
    assert len(report.loaded) == 2


@pytest.mark.parametrize("words", ["air\x00ports", "\x00", "airports\ue000", "\ue001"])
def test_search_with_control_or_marker_characters_answers(db, corpus: Path, words: str) -> None:
    from briefings.store.queries import search

    load_corpus(db, [corpus])
    hits = search(db, words)
    assert all("\x00" not in hit.snippet for hit in hits)


def test_a_truncated_database_is_refused_with_a_clear_error(tmp_path: Path, corpus: Path) -> None:
    from briefings.store.schema import DatabaseDamaged, open_db

    path = tmp_path / "cut.db"
    database = open_db(path)
    load_corpus(database, [corpus])
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    os.truncate(path, 5000)  # cut mid-file
    with pytest.raises(DatabaseDamaged, match="cut.db is 5,000 bytes where its header says"):
        open_db(path)


def test_an_emptied_database_with_its_log_is_not_reopened_as_a_new_one(tmp_path: Path) -> None:
    import sqlite3

    from briefings.store.schema import DatabaseDamaged, open_db

    path = tmp_path / "emptied.db"
    open_db(path).close()
    keep = sqlite3.connect(path)  # holds the write-ahead log open, as a running bot does
    keep.execute("PRAGMA journal_mode=WAL")
    keep.execute("INSERT INTO subscriptions (chat_id, time, tz, start_date) VALUES (1, '08:00', 'UTC', '2026-01-01')")
    keep.commit()
    os.truncate(path, 0)
    try:
        with pytest.raises(DatabaseDamaged, match="truncated"):
            open_db(path)
    finally:
        keep.close()


def test_text_needing_no_change_skips_the_character_table_and_no_character_slips_through() -> None:
    from briefings.sources import characters

    def full(text: str) -> str:
        return characters._PRIVATE_USE.sub("", text.translate(characters._TABLE))

    codes = [*range(0, 0x3000), *range(0xD7F0, 0xD800), *range(0xE000, 0x10000), 0xF0000, 0xFFFFD, 0x10FFFD, 0x1F642]
    assert [c for c in codes if characters.normalise_characters(f"a{chr(c)}b") != full(f"a{chr(c)}b")] == []
    plain = "Plain text, é and 🙂 stay.\nA second paragraph."
    assert characters.normalise_characters(plain) is plain


def test_stories_assigned_while_storing_match_a_grouping_pass_after_the_load(db, corpus: Path) -> None:
    from briefings.stories.assign import assign_stories

    quake = "A 6.1 quake hit Brisca in Valdoria on Monday, killing 12 people, officials said.\n"
    (corpus / "a-quake.txt").write_text(quake, encoding="utf-8")
    (corpus / "b-quake.txt").write_text(quake.replace("12 people", "12 residents"), encoding="utf-8")
    (corpus / "c-vote.txt").write_text("Estmark voters rejected the 2025 budget by 61 percent on Sunday.\n", encoding="utf-8")
    load_corpus(db, [corpus])
    query = "SELECT a.path, a.story_id, s.signature FROM articles a JOIN story_signatures s ON s.article_id = a.id ORDER BY a.id"
    during = db.execute(query).fetchall()
    assert len(during) == 4 and all(story for _, story, _ in during)
    stories = {Path(path).name: story for path, story, _ in during}
    assert stories["a-quake.txt"] == stories["b-quake.txt"] != stories["c-vote.txt"]
    db.execute("UPDATE articles SET story_id = NULL")
    db.execute("DELETE FROM story_signatures")
    db.conn.commit()
    assign_stories(db)
    assert db.execute(query).fetchall() == during


def test_a_replaced_article_is_no_story_for_its_new_version(db, corpus: Path) -> None:
    article = corpus / "quake.txt"
    article.write_text("A 6.1 quake hit Brisca in Valdoria on Monday, killing 12 people.\n", encoding="utf-8")
    load_corpus(db, [corpus])
    old_id = db.execute("SELECT id FROM articles WHERE path = ?", [str(article.resolve())]).fetchone()[0]
    article.write_text("A 6.1 quake hit Brisca in Valdoria on Monday, killing 14 people.\n", encoding="utf-8")
    load_corpus(db, [corpus])
    new_id, story = db.execute("SELECT id, story_id FROM articles WHERE path = ?", [str(article.resolve())]).fetchone()
    assert new_id != old_id and story != old_id
    assert db.execute("SELECT count(*) FROM story_signatures WHERE article_id = ?", [old_id]).fetchone()[0] == 0


def test_extraction_workers_do_not_run_the_callers_main_module_again(tmp_path: Path, corpus: Path) -> None:
    """multiprocessing would run the caller's script again in every worker (its imports: the CLI, the bot)."""
    import subprocess
    import sys

    for i in range(4):
        (corpus / f"a{i}.txt").write_text(GOOD.replace("12", str(i + 20)), encoding="utf-8")
    runs = tmp_path / "runs"
    runs.mkdir()
    script = tmp_path / "caller.py"
    script.write_text(
        "import os, pathlib, sys\n"
        f"pathlib.Path({str(runs)!r}, str(os.getpid())).write_text(__name__)\n"
        "from briefings.store import load_corpus as lc\n"
        "from briefings.store.schema import open_db\n"
        "if __name__ == '__main__':\n"
        "    lc.PARALLEL_THRESHOLD = 1\n"
        f"    report = lc.load_corpus(open_db({str(tmp_path / 'w.db')!r}), [pathlib.Path({str(corpus)!r})], workers=2)\n"
        "    sys.exit(0 if len(report.loaded) == 5 and not report.failed else 1)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [p.read_text() for p in runs.iterdir()] == ["__main__"]


def test_a_batch_planned_before_another_writer_added_an_article_gets_the_next_free_ids(db, corpus: Path, monkeypatch) -> None:
    """Ids, rows and stories are planned before the write lock; a writer that adds an article meanwhile moves them."""
    from briefings.store.schema import write_transaction as real_transaction

    for i in range(3):
        (corpus / f"new{i}.txt").write_text(GOOD.replace("12", str(30 + i)), encoding="utf-8")
    entered = {"n": 0}

    @contextmanager
    def racing_transaction(database):
        entered["n"] += 1
        if entered["n"] == 1:  # another writer stores an article between the plan and the lock
            database.execute(
                "INSERT INTO articles (path, content_hash, size, mtime_ns, title, clean_text, loaded_at) "
                "VALUES ('https://example.org/a', 'h', 1, 0, 'Fetched', 'Fetched text.', 'now')"
            )
            database.conn.commit()
        with real_transaction(database) as inner:
            yield inner

    monkeypatch.setattr(load_module, "write_transaction", racing_transaction)
    report = load_corpus(db, [corpus])
    assert len(report.loaded) == 4 and not report.failed
    rows = db.execute(
        "SELECT a.id, a.story_id, s.article_id FROM articles a LEFT JOIN story_signatures s ON s.article_id = a.id "
        "WHERE a.path LIKE '/%' ORDER BY a.id"
    ).fetchall()
    fetched = db.execute("SELECT id FROM articles WHERE path = 'https://example.org/a'").fetchone()[0]
    assert len(rows) == 4 and all(article_id > fetched and story and signed == article_id for article_id, story, signed in rows)
    for table in load_module.CHILD_TABLES:
        orphans = f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        assert db.execute(orphans).fetchone()[0] == 0, table
    assert db.execute("SELECT count(DISTINCT article_id) FROM sentence_spans").fetchone()[0] == 4
