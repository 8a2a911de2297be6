"""Daily-digest subscriptions and their delivery records: who is due, and exactly one digest per local day."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import sqlite_utils

from briefings.store.rows import fetch_as

log = logging.getLogger(__name__)

DEFAULT_TIME = "08:00"
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


@dataclass(frozen=True)
class DueDigest:
    chat_id: int
    local_date: str
    after_id: int  # newest article id of this reader's previous digest (0 before the first)


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


def subscribe(db: sqlite_utils.Database, chat_id: int, user_id: int | None, at: str, zone: str, now_utc: datetime) -> Subscription:
    """Create or change a subscription; a reader already served today is not served twice (deliveries say so)."""
    stamp = now_utc.isoformat(timespec="seconds")
    existing = get_subscription(db, chat_id)
    row = {
        "chat_id": chat_id,
        "user_id": user_id,
        "time": at,
        "tz": zone,
        "start_date": first_due_date(at, zone, now_utc).isoformat(),
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
    with db.atomic():
        cursor = db.execute("DELETE FROM subscriptions WHERE chat_id = ?", [chat_id])
        db.execute("DELETE FROM deliveries WHERE chat_id = ? AND status = 'sending'", [chat_id])
    return cursor.rowcount > 0


def get_subscription(db: sqlite_utils.Database, chat_id: int) -> Subscription | None:
    found = fetch_as(
        db, Subscription, "SELECT chat_id, user_id, time, tz, start_date FROM subscriptions WHERE chat_id = ?", [chat_id]
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
    row = db.execute(
        "SELECT 1 FROM deliveries WHERE chat_id = ? AND local_date = ? AND status = 'sent'", [chat_id, local_date]
    ).fetchone()
    return row is not None


def due_digests(db: sqlite_utils.Database, now_utc: datetime) -> list[DueDigest]:
    """Subscribers whose local time has reached their chosen time today and who have no digest for today."""
    due: list[DueDigest] = []
    zones = [row[0] for row in db.execute("SELECT DISTINCT tz FROM subscriptions")]
    for zone in zones:
        try:
            local = local_now(now_utc, zone)
        except (KeyError, ValueError, OSError) as exc:  # ZoneInfoNotFoundError is a KeyError; a row from before zones were checked, or a host without it
            log.error("time zone %r cannot be loaded (%s): its subscribers are skipped", zone, exc)
            continue
        today, clock = local.date().isoformat(), local.strftime("%H:%M")
        rows = fetch_as(
            db, DueDigest,
            """
            SELECT s.chat_id, ? AS local_date,
                   (SELECT COALESCE(max(d.last_article_id), 0) FROM deliveries d
                     WHERE d.chat_id = s.chat_id AND d.status = 'sent') AS after_id
            FROM subscriptions s
            WHERE s.tz = ? AND s.time <= ? AND s.start_date <= ?
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.local_date = ?)
            ORDER BY s.time, s.chat_id
            """,
            [today, zone, clock, today, today],
        )
        due.extend(rows)
    return due


def claim_deliveries(db: sqlite_utils.Database, due: list[DueDigest], now_utc: datetime) -> list[DueDigest]:
    """Reserve today's digest for each chat, in one transaction; only those not already claimed or sent come back."""
    stamp = now_utc.isoformat(timespec="seconds")
    claimed = []
    with db.atomic():
        for item in due:
            cursor = db.execute(
                "INSERT OR IGNORE INTO deliveries (chat_id, local_date, status, claimed_at) VALUES (?, ?, 'sending', ?)",
                [item.chat_id, item.local_date, stamp],
            )
            if cursor.rowcount == 1:
                claimed.append(item)
    return claimed


def mark_sent(db: sqlite_utils.Database, due: DueDigest, last_article_id: int, now_utc: datetime) -> None:
    with db.atomic():
        db.execute(
            "UPDATE deliveries SET status = 'sent', last_article_id = ?, sent_at = ? WHERE chat_id = ? AND local_date = ?",
            [last_article_id, now_utc.isoformat(timespec="seconds"), due.chat_id, due.local_date],
        )


def release_claim(db: sqlite_utils.Database, due: DueDigest) -> None:
    """Give a claim back after a failed send, so a later tick the same day tries again."""
    with db.atomic():
        db.execute(
            "DELETE FROM deliveries WHERE chat_id = ? AND local_date = ? AND status = 'sending'",
            [due.chat_id, due.local_date],
        )


def release_stale_claims(db: sqlite_utils.Database) -> int:
    """At start-up: claims left by a process that died mid-send are retried rather than lost."""
    with db.atomic():
        return db.execute("DELETE FROM deliveries WHERE status = 'sending'").rowcount


def subscriber_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM subscriptions").fetchone()[0]


def digests_sent_on(db: sqlite_utils.Database, now_utc: datetime) -> int:
    """Digests sent during the UTC day of `now_utc`."""
    day = now_utc.astimezone(timezone.utc).date().isoformat()
    return db.execute(
        "SELECT count(*) FROM deliveries WHERE status = 'sent' AND substr(sent_at, 1, 10) = ?", [day]
    ).fetchone()[0]
