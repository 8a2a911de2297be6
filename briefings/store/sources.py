"""The sources table: feeds and pages followed, their schedule, conditional-GET validators and backoff."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from briefings.store.rows import fetch_as
from briefings.store.schema import write_transaction

DEFAULT_INTERVAL_S = 30 * 60
MIN_INTERVAL_S = 60
MAX_BACKOFF_S = 6 * 3600
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_S = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


class SourceError(ValueError):
    """A source request that cannot be done; the message says what is expected."""


@dataclass(frozen=True)
class Source:
    id: int
    url: str
    kind: str  # 'feed' or 'page'
    title: str | None
    interval_s: int
    etag: str | None
    last_modified: str | None
    last_success: str | None
    last_error: str | None
    failures: int
    next_fetch: str


_COLUMNS = "id, url, kind, title, interval_s, etag, last_modified, last_success, last_error, failures, next_fetch"


def parse_interval(text: str) -> int:
    """`30m`, `2h`, `90s`, `1d` or plain minutes, in seconds; at least a minute."""
    match = _INTERVAL.match(text or "")
    if not match:
        raise SourceError(f"interval must look like 30m, 2h or 1d, not {text!r}")
    seconds = int(match.group(1)) * _UNIT_S[match.group(2).lower()]
    if seconds < MIN_INTERVAL_S:
        raise SourceError(f"interval must be at least {MIN_INTERVAL_S} s (got {text!r})")
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def add_source(db: sqlite_utils.Database, url: str, kind: str, title: str | None, interval_s: int, now: datetime) -> Source:
    if get_source_by_url(db, url):
        raise SourceError(f"already following {url}")
    stamp = now.isoformat(timespec="seconds")
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO sources (url, kind, title, interval_s, failures, next_fetch, added_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [url, kind, title, interval_s, stamp, stamp],
        )
    return get_source(db, cursor.lastrowid)  # type: ignore[return-value]


def remove_source(db: sqlite_utils.Database, source_id: int) -> Source | None:
    """Stop following a source; its articles stay (they are news already told)."""
    source = get_source(db, source_id)
    if source:
        with write_transaction(db):
            db.execute("DELETE FROM sources WHERE id = ?", [source_id])
    return source


def get_source(db: sqlite_utils.Database, source_id: int) -> Source | None:
    found = fetch_as(db, Source, f"SELECT {_COLUMNS} FROM sources WHERE id = ?", [source_id])
    return found[0] if found else None


def get_source_by_url(db: sqlite_utils.Database, url: str) -> Source | None:
    found = fetch_as(db, Source, f"SELECT {_COLUMNS} FROM sources WHERE url = ?", [url])
    return found[0] if found else None


def list_sources(db: sqlite_utils.Database) -> list[Source]:
    return fetch_as(db, Source, f"SELECT {_COLUMNS} FROM sources ORDER BY id")


def due_sources(db: sqlite_utils.Database, now: datetime) -> list[Source]:
    """Sources whose next fetch has come, and those scheduled further ahead than they could ever have been
    put (their interval, or their backoff after failures): the wall clock stepped back since, or a fetch
    ran while it was briefly ahead. Without the second rule, a clock set back a day stalls every source a day."""
    return sorted(
        (source for source in list_sources(db) if _is_due(source, now)), key=lambda s: (s.next_fetch, s.id)
    )


def _is_due(source: Source, now: datetime) -> bool:
    next_fetch = datetime.fromisoformat(source.next_fetch)
    if (next_fetch.tzinfo is None) != (now.tzinfo is None):
        next_fetch = next_fetch.replace(tzinfo=now.tzinfo)
    longest_wait = timedelta(seconds=backoff_seconds(source.interval_s, source.failures))
    return next_fetch <= now or next_fetch - now > longest_wait


def source_article_count(db: sqlite_utils.Database, source_id: int) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE source_id = ?", [source_id]).fetchone()[0]


def record_success(
    db: sqlite_utils.Database, source: Source, now: datetime, *, etag: str | None, last_modified: str | None,
    title: str | None,
) -> None:
    stamp = now.isoformat(timespec="seconds")
    with write_transaction(db):
        db.execute(
            "UPDATE sources SET etag = ?, last_modified = ?, last_success = ?, last_error = NULL, failures = 0, "
            "next_fetch = ?, title = COALESCE(title, ?) WHERE id = ?",
            [etag, last_modified, stamp, (now + timedelta(seconds=source.interval_s)).isoformat(timespec="seconds"),
             title, source.id],
        )


def backoff_seconds(interval_s: int, failures: int) -> int:
    """Twice the source's own interval after one failure, doubling with each further one, capped at 6 hours."""
    return min(interval_s * 2**failures, max(MAX_BACKOFF_S, interval_s))


def record_failure(db: sqlite_utils.Database, source: Source, now: datetime, reason: str) -> None:
    failures = source.failures + 1
    retry = now + timedelta(seconds=backoff_seconds(source.interval_s, failures))
    with write_transaction(db):
        db.execute(
            "UPDATE sources SET last_error = ?, failures = ?, next_fetch = ? WHERE id = ?",
            [reason, failures, retry.isoformat(timespec="seconds"), source.id],
        )
