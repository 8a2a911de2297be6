"""The SQLite database: opening it, and its schema, created and upgraded by numbered migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils


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
