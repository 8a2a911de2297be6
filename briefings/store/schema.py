"""The SQLite database: opening it, and its schema, created and upgraded by numbered migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from briefings.store.spans import locate


def _v1_corpus(db: sqlite_utils.Database) -> None:
    # Raw SQL for AUTOINCREMENT: an article id is never reused, so "newer than the id a reader
    # last saw" stays true across replaced and removed articles.
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            title TEXT NOT NULL,
            source TEXT,
            published TEXT,
            raw_text TEXT NOT NULL,
            clean_text TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        )
        """
    )
    db["articles"].create_index(["path"], unique=True)
    db["sentences"].create(
        {"article_id": int, "idx": int, "paragraph": int, "text": str}, pk=("article_id", "idx")
    )
    db["facts"].create(
        {"id": int, "article_id": int, "rank": int, "sentence_idx": int, "text": str, "numbers": str, "score": float},
        pk="id",
    )
    db["quotes"].create(
        {"id": int, "article_id": int, "sentence_idx": int, "speaker": str, "role": str, "text": str, "kind": str},
        pk="id",
    )
    db["people"].create(
        {"id": int, "article_id": int, "name": str, "role": str, "kind": str, "aliases": str}, pk="id"
    )
    db["related"].create({"article_id": int, "idx": int, "text": str}, pk=("article_id", "idx"))
    for table in ("facts", "quotes", "people"):
        db[table].create_index(["article_id"])
    db["quotes"].create_index(["speaker"])
    db["articles"].enable_fts(["title", "clean_text"], fts_version="FTS5", create_triggers=True, tokenize="porter")


def _v2_subscriptions(db: sqlite_utils.Database) -> None:
    db["subscriptions"].create(
        {
            "chat_id": int,
            "user_id": int,
            "time": str,  # local HH:MM
            "tz": str,  # IANA zone, e.g. Europe/Madrid
            "start_date": str,  # first local date a digest is due (no digest for a time already past today)
            "created_at": str,
            "updated_at": str,
        },
        pk="chat_id",
        not_null={"time", "tz", "start_date"},
    )
    db["subscriptions"].create_index(["tz", "time"])
    db["deliveries"].create(
        {
            "chat_id": int,
            "local_date": str,
            "status": str,  # 'sending' while claimed, 'sent' once Telegram accepted it
            "last_article_id": int,  # newest article the digest covered
            "claimed_at": str,
            "sent_at": str,
        },
        pk=("chat_id", "local_date"),
    )


def _v3_read_paths(db: sqlite_utils.Database) -> None:
    # Newest-first listing without sorting every article (97 ms -> 0.1 ms at 100k articles).
    db.execute("CREATE INDEX articles_newest ON articles (COALESCE(published, '') DESC, id DESC)")
    # Distinct speaker names, so `/quotes peskov` scans names, not every quote (74 -> 11 ms at 100k).
    db["speakers"].create({"speaker": str}, pk="speaker")
    db.execute("INSERT OR IGNORE INTO speakers (speaker) SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")


def _v4_speaker_words(db: sqlite_utils.Database) -> None:
    # `/quotes peskov` matches words of speaker names through FTS5 (a prefix query) instead of a
    # LIKE '%peskov%' scan over every distinct speaker (4.5 ms of 13 ms at 100k articles).
    db["speakers"].enable_fts(["speaker"], fts_version="FTS5", create_triggers=True)


def _v5_sources(db: sqlite_utils.Database) -> None:
    # Feeds and pages the bot follows, with what conditional GET and backoff need between rounds.
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,              -- 'feed' or 'page'
            title TEXT,
            interval_s INTEGER NOT NULL,     -- seconds between fetches when healthy
            etag TEXT,
            last_modified TEXT,
            last_success TEXT,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,  -- consecutive; drives the backoff
            next_fetch TEXT NOT NULL,
            added_at TEXT NOT NULL
        )
        """
    )
    # Fetched articles keep their canonical URL in `path` (unique, as a file's path is); these say where
    # they came from, which story they belong to, and whether the text is the page's or only the feed's.
    for column in ("url TEXT", "outlet TEXT", "source_id INTEGER", "story_id INTEGER", "text_origin TEXT",
                   "entry_hash TEXT"):
        db.execute(f"ALTER TABLE articles ADD COLUMN {column}")
    db["articles"].create_index(["story_id"])
    db["articles"].create_index(["content_hash"])
    # MinHash signatures of title and lead, so grouping stays incremental across processes.
    db["story_signatures"].create({"article_id": int, "story_id": int, "signature": bytes}, pk="article_id")
    # A replaced or removed article takes its signature with it, whichever loader deleted it.
    db.execute(
        "CREATE TRIGGER articles_drop_signature AFTER DELETE ON articles "
        "BEGIN DELETE FROM story_signatures WHERE article_id = old.id; END"
    )


def _v6_delivery_outcomes(db: sqlite_utils.Database) -> None:
    # status: 'sending' (claimed), 'queued' (given back, resumed from parts_sent), 'sent', 'unknown' (a send
    # timed out after it went out: maybe delivered; one late retry), 'failed' (Telegram refused it for good).
    db.execute("ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE deliveries ADD COLUMN error TEXT")


def _v7_quote_attribution(db: sqlite_utils.Database) -> None:
    # How each quote was attributed, so a wrong speaker can be traced: the attributing words (`she said`,
    # `according to`, `Q/A turn`) and the text that named the speaker. Rows loaded before stay NULL until reloaded.
    db.execute("ALTER TABLE quotes ADD COLUMN cue TEXT")
    db.execute("ALTER TABLE quotes ADD COLUMN speaker_mention TEXT")


def _v8_story_newest(db: sqlite_utils.Database) -> None:
    # A story's newest articles without sorting the whole story: stories of thousands of articles (a
    # long-running event, or text full of shared words) would otherwise sort on every /brief.
    db.execute("CREATE INDEX articles_story_newest ON articles (story_id, COALESCE(published, '') DESC, id DESC)")
    db.execute("DROP INDEX IF EXISTS idx_articles_story_id")  # the new index leads with story_id too


def _v9_quiet_digests(db: sqlite_utils.Database) -> None:
    # `/subscribe 07:30 quiet`: the digest arrives without a notification sound (disable_notification).
    db.execute("ALTER TABLE subscriptions ADD COLUMN quiet INTEGER NOT NULL DEFAULT 0")


def _v10_text_once(db: sqlite_utils.Database) -> None:
    # The text was stored four times (raw, clean, sentences, facts/quotes): 5.9x the files' size. Now the
    # clean text is stored once and sentences, facts and quotes are spans into it; views named as the old
    # tables give the same columns back. Nothing read the raw text: the file (or page) is the source.
    for table, columns in SPAN_TABLES.items():
        db.execute(f"CREATE TABLE {table} ({columns})" + (" WITHOUT ROWID" if table == "sentence_spans" else ""))
    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    for first in range(0, len(ids), 500):  # bounded memory at any corpus size
        _spans_of_articles(db, ids[first : first + 500])
    for table in ("sentences", "facts", "quotes"):
        db.execute(f"DROP TABLE {table}")
    for statement in SPAN_VIEWS:
        db.execute(statement)
    db.execute("CREATE INDEX fact_spans_article ON fact_spans (article_id)")
    db.execute("CREATE INDEX quote_spans_article ON quote_spans (article_id)")
    db.execute("CREATE INDEX quote_spans_speaker ON quote_spans (speaker)")
    db.execute("ALTER TABLE articles DROP COLUMN raw_text")
    # Only a new title or text changes what is indexed: story ids, mtimes and URLs written after the insert
    # re-indexed the whole article (twice the index, twice the work on every load).
    db.execute("DROP TRIGGER articles_au")
    db.execute(
        'CREATE TRIGGER articles_au AFTER UPDATE OF title, clean_text ON articles BEGIN '
        'INSERT INTO articles_fts (articles_fts, rowid, title, clean_text) VALUES (\'delete\', old.rowid, old.title, old.clean_text); '
        'INSERT INTO articles_fts (rowid, title, clean_text) VALUES (new.rowid, new.title, new.clean_text); END'
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def _spans_of_articles(db: sqlite_utils.Database, ids: list[int]) -> None:
    """Copy these articles' sentences, facts and quotes into the span tables."""
    marks = ", ".join("?" for _ in ids)
    texts = dict(db.execute(f"SELECT id, clean_text FROM articles WHERE id IN ({marks})", ids).fetchall())
    starts: dict[tuple[int, int], int] = {}
    rows, pos, current = [], 0, None
    for article_id, idx, paragraph, text in db.execute(
        f"SELECT article_id, idx, paragraph, text FROM sentences WHERE article_id IN ({marks}) ORDER BY article_id, idx", ids
    ).fetchall():
        if article_id != current:
            current, pos = article_id, 0
        span = locate(texts[article_id], text, pos)
        if span:
            starts[article_id, idx], pos = span
        rows.append((article_id, idx, paragraph, *(span or (None, None)), None if span else text))
    db.conn.executemany("INSERT INTO sentence_spans VALUES (?, ?, ?, ?, ?, ?)", rows)
    rows = []
    for id_, article_id, rank, sentence_idx, text, numbers, score in db.execute(
        f"SELECT id, article_id, rank, sentence_idx, text, numbers, score FROM facts WHERE article_id IN ({marks})", ids
    ).fetchall():
        span = locate(texts[article_id], text, starts.get((article_id, sentence_idx), 0))
        rows.append((id_, article_id, rank, sentence_idx, *(span or (None, None)), None if span else text, numbers, score))
    db.conn.executemany("INSERT INTO fact_spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    rows = []
    for id_, article_id, sentence_idx, text, *rest in db.execute(
        "SELECT id, article_id, sentence_idx, text, speaker, role, kind, cue, speaker_mention FROM quotes "
        f"WHERE article_id IN ({marks})", ids
    ).fetchall():
        span = locate(texts[article_id], text, starts.get((article_id, sentence_idx), 0))
        rows.append((id_, article_id, sentence_idx, *(span or (None, None)), None if span else text, *rest))
    db.conn.executemany("INSERT INTO quote_spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


# Sentences, facts and quotes as character spans into articles.clean_text (`text` only where no span
# could give it: rows migrated from an older database whose text was not found verbatim).
SPAN_TABLES = {
    "sentence_spans": "article_id INTEGER NOT NULL, idx INTEGER NOT NULL, paragraph INTEGER NOT NULL, "
    "char_start INTEGER, char_end INTEGER, text TEXT, PRIMARY KEY (article_id, idx)",
    "fact_spans": "id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, rank INTEGER, sentence_idx INTEGER, "
    "char_start INTEGER, char_end INTEGER, text TEXT, numbers TEXT, score FLOAT",
    "quote_spans": "id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, sentence_idx INTEGER, char_start INTEGER, "
    "char_end INTEGER, text TEXT, speaker TEXT, role TEXT, kind TEXT, cue TEXT, speaker_mention TEXT",
}
# A scalar subquery rather than a join: it runs only for queries that read `text`, so counts and speaker
# lists never touch the articles' text.
_SPAN_TEXT = (
    "COALESCE({t}.text, (SELECT substr(clean_text, {t}.char_start + 1, {t}.char_end - {t}.char_start) "
    "FROM articles WHERE id = {t}.article_id)) AS text"
)
SPAN_VIEWS = (
    "CREATE VIEW sentences AS SELECT s.article_id, s.idx, s.paragraph, " + _SPAN_TEXT.format(t="s")
    + " FROM sentence_spans s",
    "CREATE VIEW facts AS SELECT f.id, f.article_id, f.rank, f.sentence_idx, " + _SPAN_TEXT.format(t="f")
    + ", f.numbers, f.score FROM fact_spans f",
    "CREATE VIEW quotes AS SELECT q.id, q.article_id, q.sentence_idx, " + _SPAN_TEXT.format(t="q")
    + ", q.speaker, q.role, q.kind, q.cue, q.speaker_mention FROM quote_spans q",
)


def _v11_search_rows_from_the_loader(db: sqlite_utils.Database) -> None:
    # insert_articles writes the FTS rows itself, in one executemany per batch: through this trigger each
    # article's terms were flushed on their own, 2.6x the time (0.3 ms of each article's storing).
    # Deletes and text updates keep their triggers.
    db.execute("DROP TRIGGER articles_ai")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_corpus,
    _v2_subscriptions,
    _v3_read_paths,
    _v4_speaker_words,
    _v5_sources,
    _v6_delivery_outcomes,
    _v7_quote_attribution,
    _v8_story_newest,
    _v9_quiet_digests,
    _v10_text_once,
    _v11_search_rows_from_the_loader,
]
SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseDamaged(RuntimeError):
    """The database file exists but is not a usable SQLite database (truncated, overwritten)."""


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode and bring its schema up to date."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        _refuse_truncated(Path(path))
    db = sqlite_utils.Database(path)
    try:
        db.execute("PRAGMA busy_timeout = 5000")
        if str(path) != ":memory:":
            db.enable_wal()
            # In WAL mode NORMAL survives a crash of the process; only a power loss can undo the last commits.
            # It takes an fsync off every commit (a digest delivery is two commits).
            db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseDamaged(f"{path} is not a usable SQLite database ({exc}); restore it or move it away") from exc
    return db


def _refuse_truncated(path: Path) -> None:
    """Refuse a database file that was cut short. SQLite would open an emptied one as a new, empty
    database (every subscription silently gone) and fail on a cut one only at the first missing page."""
    if not path.exists():
        return
    size = path.stat().st_size
    wal = Path(f"{path}-wal")
    if size == 0 and wal.exists() and wal.stat().st_size > 0:
        raise DatabaseDamaged(f"{path} is empty but its write-ahead log is not: it was truncated; restore it")
    with open(path, "rb") as file:
        header = file.read(100)
    # The header's page count is valid when its version-valid-for number equals the change counter.
    if len(header) == 100 and header.startswith(b"SQLite format 3\x00") and header[92:96] == header[24:28]:
        page_size = int.from_bytes(header[16:18], "big")
        expected = int.from_bytes(header[28:32], "big") * (65536 if page_size == 1 else page_size)
        if size < expected:
            raise DatabaseDamaged(f"{path} is {size:,} bytes where its header says {expected:,}: it was truncated; restore it")


def connect(path: str | Path, busy_timeout_ms: int = 5000) -> sqlite_utils.Database:
    """Another connection to a database open_db has already set up (WAL, schema), usable from any one thread."""
    db = sqlite_utils.Database(sqlite3.connect(str(path), check_same_thread=False))
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations the database has not seen yet, each in its own transaction."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"database schema v{version} is newer than this newsbrief (v{SCHEMA_VERSION})")
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.atomic():
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return SCHEMA_VERSION


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A transaction that takes SQLite's write lock at BEGIN (IMMEDIATE), nested ones as savepoints.

    sqlite-utils' atomic() begins DEFERRED: a transaction that reads before its first write then fails
    with SQLITE_BUSY_SNAPSHOT if another connection committed in between, and busy_timeout never
    retries that. Taking the lock first makes the wait an ordinary, retried SQLITE_BUSY.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
