"""Daily-digest subscriptions and their delivery records: who is due, and exactly one digest per local day."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import sqlite_utils

from briefings.store.rows import fetch_as
from briefings.store.schema import write_transaction

log = logging.getLogger(__name__)

DEFAULT_TIME = "08:00"
# A send with an unknown outcome (timed out after the request went out) was most likely delivered:
# it is not resent at once, but retried once this much later the same day, so a lost one still comes.
UNKNOWN_RETRY_AFTER = timedelta(hours=1)
MAX_ATTEMPTS = 2
# IANA's geographic areas: a canonical zone is Area/Location. Bare names outside them are the host's
# files rather than zones (`localtime`, `Factory`, `posixrules`) or legacy aliases (`EST`, `Japan`),
# and may not load elsewhere; `posix/...` and `right/...` are copies of the same zones.
CANONICAL_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc"}
)
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


class SubscriptionError(ValueError):
    """A /subscribe argument that cannot be used; the message says what is expected."""


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    user_id: int | None
    time: str
    tz: str
    start_date: str
    quiet: bool = False  # digests sent without a notification sound


@dataclass(frozen=True)
class DueDigest:
    chat_id: int
    local_date: str
    after_id: int  # newest article id of this reader's previous digest (0 before the first)
    parts_sent: int = 0  # messages of this digest already accepted by Telegram (a resumed send)
    retry: bool = False  # the late retry of a send whose outcome was unknown
    quiet: bool = False  # send without a notification sound
    cursor: ClaimCursor | None = field(default=None, compare=False, repr=False)  # where its claim chunk stands


def parse_subscribe_args(args: list[str], default_tz: str) -> tuple[str, str]:
    """`[HH:MM] [Area/City]` in either order -> (normalised HH:MM, zone name)."""
    if len(args) > 2:
        raise SubscriptionError("too many arguments")
    at, zone = DEFAULT_TIME, default_tz
    for arg in args:
        if _TIME.match(arg) or arg.isdigit():
            at = parse_time(arg)
        else:
            zone = parse_zone(arg)
    return at, zone


def parse_quiet(args: list[str]) -> tuple[list[str], bool]:
    """The word `quiet` among the /subscribe arguments, anywhere: the other words, and whether it was there."""
    rest = [arg for arg in args if arg.lower() != "quiet"]
    return rest, len(rest) < len(args)


def parse_time(text: str) -> str:
    match = _TIME.match(text.strip())
    if not match:
        raise SubscriptionError(f"“{text}” is not a time")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise SubscriptionError(f"“{text}” is not a time of day")
    return f"{hour:02d}:{minute:02d}"


def parse_zone(text: str) -> str:
    """An IANA zone name, matched without regard to case (`europe/madrid` works)."""
    name = text.strip()
    if name.upper() in {"UTC", "GMT", "Z"}:
        return "UTC"
    folded = _zones_by_folded_name().get(name.lower())
    if folded is None:
        raise SubscriptionError(f"“{text}” is not a time zone I know (expected Area/City, e.g. Europe/Madrid)")
    return folded


@lru_cache(maxsize=1)
def _zones_by_folded_name() -> dict[str, str]:
    """Every canonical IANA zone this host can load, by its lower-cased name.

    A lookup here never touches the file system with user input, and a zone is only offered once it
    has loaded: a zone that cannot load would fail every digest tick.
    """
    zones = {}
    for zone in available_timezones():
        if zone.split("/", 1)[0] not in CANONICAL_AREAS or "/" not in zone:
            continue
        try:
            ZoneInfo(zone)
        except (KeyError, ValueError, OSError):
            continue
        zones[zone.lower()] = zone
    zones["utc"] = "UTC"
    return zones


def local_now(now_utc: datetime, zone: str) -> datetime:
    return now_utc.astimezone(ZoneInfo(zone))


def first_due_date(at: str, zone: str, now_utc: datetime) -> date:
    """Today if the chosen time is still ahead locally, else tomorrow: no digest for a time already past."""
    local = local_now(now_utc, zone)
    return local.date() if time.fromisoformat(at) > local.time() else local.date() + timedelta(days=1)


def subscribe(
    db: sqlite_utils.Database, chat_id: int, user_id: int | None, at: str, zone: str, now_utc: datetime,
    quiet: bool = False,
) -> Subscription:
    """Create or change a subscription; a reader already served today is not served twice (deliveries say so)."""
    stamp = now_utc.isoformat(timespec="seconds")
    existing = get_subscription(db, chat_id)
    row = {
        "chat_id": chat_id,
        "user_id": user_id,
        "time": at,
        "tz": zone,
        "start_date": first_due_date(at, zone, now_utc).isoformat(),
        "quiet": int(quiet),
        "created_at": stamp,
        "updated_at": stamp,
    }
    if existing:
        del row["created_at"]
        db["subscriptions"].update(chat_id, row)
    else:
        db["subscriptions"].insert(row)
    return get_subscription(db, chat_id)  # type: ignore[return-value]


def unsubscribe(db: sqlite_utils.Database, chat_id: int) -> bool:
    """End a subscription; True if there was one. Delivery history stays for the statistics."""
    with write_transaction(db):
        cursor = db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [chat_id])
        db.execute("DELETE FROM deliveries WHERE chat_id = ? AND status IN ('sending', 'queued')", [chat_id])
    return cursor.rowcount > 0


def move_chat(db: sqlite_utils.Database, old_chat_id: int, new_chat_id: int) -> bool:
    """A group that became a supergroup has a new chat id: its subscription and deliveries follow it."""
    with write_transaction(db):
        cursor = db.execute("UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])
        db.execute("UPDATE OR IGNORE deliveries SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])
        # Rows left behind collided with the new id's own (it subscribed already): those stay.
        db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [old_chat_id])
        db.execute("DELETE FROM deliveries WHERE chat_id = ?", [old_chat_id])
    return cursor.rowcount > 0


def get_subscription(db: sqlite_utils.Database, chat_id: int) -> Subscription | None:
    found = fetch_as(
        db, Subscription, "SELECT chat_id, user_id, time, tz, start_date, quiet FROM subscriptions WHERE chat_id = ?", [chat_id]
    )
    return found[0] if found else None


def next_digest_at(sub: Subscription, now_utc: datetime, delivered_today: bool) -> datetime:
    """When the next digest goes out, in the subscriber's zone."""
    local = local_now(now_utc, sub.tz)
    day = max(date.fromisoformat(sub.start_date), local.date() + timedelta(days=1 if delivered_today else 0))
    return datetime.combine(day, time.fromisoformat(sub.time), tzinfo=ZoneInfo(sub.tz))


def last_digest_article_id(db: sqlite_utils.Database, chat_id: int) -> int:
    """Newest article id covered by this chat's digests so far (0 before the first)."""
    row = db.execute(
        "SELECT COALESCE(max(last_article_id), 0) FROM deliveries WHERE chat_id = ? AND status = 'sent'", [chat_id]
    ).fetchone()
    return row[0]


def delivered_on(db: sqlite_utils.Database, chat_id: int, local_date: str) -> bool:
    """True once today's digest is settled: sent, refused for good, or of unknown outcome."""
    row = db.execute(
        "SELECT 1 FROM deliveries WHERE chat_id = ? AND local_date = ? AND status IN ('sent', 'failed', 'unknown')",
        [chat_id, local_date],
    ).fetchone()
    return row is not None


@dataclass(frozen=True)
class ClaimCursor:
    """Where the last chunk of a fan-out ended (zones in order, then time and chat id): the next starts after it."""

    zone: str
    time: str
    chat_id: int


@dataclass(frozen=True)
class _DueRow:
    chat_id: int
    time: str
    after_id: int
    parts_sent: int
    status: str | None
    quiet: int


def due_digests(
    db: sqlite_utils.Database, now_utc: datetime, limit: int = -1, after: ClaimCursor | None = None
) -> list[DueDigest]:
    """Subscribers due a digest now: their local time has passed their chosen time today, and today's
    digest is not sent, being sent, refused, nor of unknown outcome (until its one late retry).
    `after`: only rows past that cursor, so a fan-out's chunks do not rescan the rows it already claimed."""
    due: list[DueDigest] = []
    retry_before = (now_utc - UNKNOWN_RETRY_AFTER).isoformat(timespec="seconds")
    zones = [row[0] for row in db.execute("SELECT DISTINCT tz FROM subscriptions ORDER BY tz")]
    for zone in zones:
        if after is not None and zone < after.zone:
            continue
        try:
            local = local_now(now_utc, zone)
        except (KeyError, ValueError, OSError) as exc:  # ZoneInfoNotFoundError is a KeyError; a row from before
            log.error("time zone %r cannot be loaded (%s): its subscribers are skipped", zone, exc)
            continue
        today, clock = local.date().isoformat(), local.strftime("%H:%M")
        resume = after is not None and zone == after.zone
        rows = fetch_as(
            db,
            _DueRow,
            f"""
            SELECT s.chat_id AS chat_id, s.time AS time,
                   (SELECT COALESCE(max(p.last_article_id), 0) FROM deliveries p
                     WHERE p.chat_id = s.chat_id AND p.status = 'sent') AS after_id,
                   COALESCE(d.parts_sent, 0) AS parts_sent, d.status AS status, s.quiet AS quiet
            FROM subscriptions s
            LEFT JOIN deliveries d ON d.chat_id = s.chat_id AND d.local_date = :today
            WHERE s.tz = :zone AND s.time <= :clock AND s.start_date <= :today
              {"AND (s.time, s.chat_id) > (:after_time, :after_chat)" if resume else ""}
              AND (d.chat_id IS NULL OR d.status = 'queued'
                   OR (d.status = 'unknown' AND d.attempts < :attempts AND d.claimed_at <= :retry_before))
            ORDER BY s.time, s.chat_id
            LIMIT :limit
            """,
            {
                "zone": zone, "clock": clock, "today": today, "attempts": MAX_ATTEMPTS,
                "retry_before": retry_before, "limit": limit - len(due) if limit >= 0 else -1,
                "after_time": after.time if resume else "", "after_chat": after.chat_id if resume else 0,
            },
        )
        due.extend(
            DueDigest(
                r.chat_id, today, r.after_id, parts_sent=r.parts_sent, retry=r.status == "unknown",
                quiet=bool(r.quiet), cursor=ClaimCursor(zone, r.time, r.chat_id),
            )
            for r in rows
        )
        if 0 <= limit <= len(due):
            break
    return due


def claim_due(
    db: sqlite_utils.Database, now_utc: datetime, limit: int, after: ClaimCursor | None = None
) -> list[DueDigest]:
    """Reserve up to `limit` due digests (past `after`) in one short transaction; each is claimed once until
    released. A fan-out passes the last claim's cursor, so each chunk reads only its own rows."""
    stamp = now_utc.isoformat(timespec="seconds")
    with write_transaction(db):
        due = due_digests(db, now_utc, limit, after)
        db.conn.executemany(
            """
            INSERT INTO deliveries (chat_id, local_date, status, claimed_at, attempts, parts_sent)
            VALUES (?, ?, 'sending', ?, 1, 0)
            ON CONFLICT (chat_id, local_date) DO UPDATE SET
                attempts = attempts + (status = 'unknown'), status = 'sending', claimed_at = excluded.claimed_at
            """,
            [(d.chat_id, d.local_date, stamp) for d in due],
        )
    return due


def mark_progress(db: sqlite_utils.Database, due: DueDigest, parts_sent: int) -> None:
    """The first `parts_sent` messages of a digest were accepted: a resume starts after them."""
    with write_transaction(db):
        db.execute(
            "UPDATE deliveries SET parts_sent = ? WHERE chat_id = ? AND local_date = ? AND status = 'sending'",
            [parts_sent, due.chat_id, due.local_date],
        )


def mark_sent(db: sqlite_utils.Database, due: DueDigest, last_article_id: int, now_utc: datetime) -> bool:
    """Record a delivered digest. False, and the claim given back, if its local day has not begun at
    `now_utc`: a clock that jumped a day ahead for a moment must not use up tomorrow's digest."""
    with write_transaction(db):
        row = db.execute("SELECT tz FROM subscriptions WHERE chat_id = ?", [due.chat_id]).fetchone()
        if row and due.local_date > _local_date(now_utc, row[0], default=due.local_date):
            db.execute(
                "DELETE FROM deliveries WHERE chat_id = ? AND local_date = ? AND status = 'sending'",
                [due.chat_id, due.local_date],
            )
            return False
        db.execute(
            "UPDATE deliveries SET status = 'sent', last_article_id = ?, sent_at = ? WHERE chat_id = ? AND local_date = ?",
            [last_article_id, now_utc.isoformat(timespec="seconds"), due.chat_id, due.local_date],
        )
    return True


def mark_unknown(db: sqlite_utils.Database, due: DueDigest, reason: str, now_utc: datetime) -> bool:
    """A send whose outcome is unknown: not resent now. True if it gets its one late retry today."""
    with write_transaction(db):
        db.execute(
            "UPDATE deliveries SET status = 'unknown', claimed_at = ?, error = ? WHERE chat_id = ? AND local_date = ?",
            [now_utc.isoformat(timespec="seconds"), reason, due.chat_id, due.local_date],
        )
        row = db.execute(
            "SELECT attempts FROM deliveries WHERE chat_id = ? AND local_date = ?", [due.chat_id, due.local_date]
        ).fetchone()
    return bool(row and row[0] < MAX_ATTEMPTS)


def mark_failed(db: sqlite_utils.Database, due: DueDigest, reason: str) -> None:
    """Telegram refused the digest for good (a BadRequest): recorded, never retried that day."""
    with write_transaction(db):
        db.execute(
            "UPDATE deliveries SET status = 'failed', error = ? WHERE chat_id = ? AND local_date = ?",
            [reason, due.chat_id, due.local_date],
        )


def release_claim(db: sqlite_utils.Database, due: DueDigest) -> None:
    """Give a claim back after a failed send, so a later tick the same day tries again (from its progress)."""
    with write_transaction(db):
        db.execute(
            "UPDATE deliveries SET status = 'queued' WHERE chat_id = ? AND local_date = ? AND status = 'sending'",
            [due.chat_id, due.local_date],
        )


def release_stale_claims(db: sqlite_utils.Database) -> int:
    """Claims no sender holds (a process that died mid-send, an error between send and record) go back
    to the queue with their progress, to be resumed rather than lost. Call only when nothing is sending."""
    with write_transaction(db):
        return db.execute("UPDATE deliveries SET status = 'queued' WHERE status = 'sending'").rowcount


def _local_date(now_utc: datetime, zone: str, default: str) -> str:
    try:
        return local_now(now_utc, zone).date().isoformat()
    except (KeyError, ValueError, OSError):
        return default


def subscriber_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM subscriptions").fetchone()[0]


def digests_sent_on(db: sqlite_utils.Database, now_utc: datetime) -> int:
    """Digests sent during the UTC day of `now_utc`."""
    day = now_utc.astimezone(timezone.utc).date().isoformat()
    return db.execute(
        "SELECT count(*) FROM deliveries WHERE status = 'sent' AND substr(sent_at, 1, 10) = ?", [day]
    ).fetchone()[0]


def delivery_counts(db: sqlite_utils.Database, now_utc: datetime) -> dict[str, int]:
    """Digests claimed during the UTC day of `now_utc`, per status (sent, unknown, failed, ...)."""
    day = now_utc.astimezone(timezone.utc).date().isoformat()
    rows = db.execute(
        "SELECT status, count(*) FROM deliveries WHERE substr(claimed_at, 1, 10) = ? GROUP BY status", [day]
    ).fetchall()
    return dict(rows)
