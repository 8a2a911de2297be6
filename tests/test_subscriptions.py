"""Subscriptions: argument parsing, who is due in which zone, and one digest per local day."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from briefings.store import subscriptions as subs
from briefings.store.subscriptions import SubscriptionError

UTC = timezone.utc


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ("08:00", "UTC")),
        (["7:30"], ("07:30", "UTC")),
        (["Europe/Madrid"], ("08:00", "Europe/Madrid")),
        (["europe/madrid", "21:05"], ("21:05", "Europe/Madrid")),
        (["06:00", "America/New_York"], ("06:00", "America/New_York")),
    ],
)
def test_parse_subscribe_args(args: list[str], expected: tuple[str, str]) -> None:
    assert subs.parse_subscribe_args(args, "UTC") == expected


@pytest.mark.parametrize(
    "args",
    [
        ["25:00"], ["12:60"], ["Mars/Olympus"], ["8:00", "UTC", "extra"], ["../etc/passwd"],
        # Host files and legacy names, not canonical zones: they may not load on another host.
        ["localtime"], ["Factory"], ["posixrules"], ["posix/Europe/Madrid"], ["right/UTC"], ["EST"], ["Japan"],
    ],
)
def test_bad_subscribe_args_are_refused(args: list[str]) -> None:
    with pytest.raises(SubscriptionError):
        subs.parse_subscribe_args(args, "UTC")


def test_due_respects_each_zone(db) -> None:
    now = datetime(2026, 3, 10, 7, 30, tzinfo=UTC)  # 08:30 in Madrid, 03:30 in New York
    earlier = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    subs.subscribe(db, 1, 1, "08:00", "Europe/Madrid", earlier)
    subs.subscribe(db, 2, 2, "08:00", "America/New_York", earlier)
    subs.subscribe(db, 3, 3, "07:30", "UTC", earlier)
    assert sorted(d.chat_id for d in subs.due_digests(db, now)) == [1, 3]


def test_exactly_one_digest_per_local_day(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    morning = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, morning, 10)
    assert subs.claim_due(db, morning, 10) == []  # a second tick while sending
    assert subs.due_digests(db, morning) == []
    assert subs.mark_sent(db, due, 7, morning)
    assert subs.due_digests(db, datetime(2026, 3, 10, 23, 59, tzinfo=UTC)) == []
    [tomorrow] = subs.due_digests(db, datetime(2026, 3, 11, 8, 1, tzinfo=UTC))
    assert (tomorrow.local_date, tomorrow.after_id) == ("2026-03-11", 7)


def test_failed_send_is_released_and_retried_later(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, now, 10)
    subs.release_claim(db, due)
    assert [d.chat_id for d in subs.due_digests(db, now)] == [1]


def test_no_digest_today_for_a_time_already_past_when_subscribing(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    assert subs.due_digests(db, datetime(2026, 3, 10, 23, 0, tzinfo=UTC)) == []
    assert [d.chat_id for d in subs.due_digests(db, datetime(2026, 3, 11, 8, 0, tzinfo=UTC))] == [1]


def test_stale_claims_from_a_crash_are_released(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    now = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, now, 10)
    assert subs.release_stale_claims(db) == 1
    assert [d.chat_id for d in subs.due_digests(db, now)] == [1]


def test_unsubscribe_ends_digests(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    assert subs.unsubscribe(db, 1)
    assert not subs.unsubscribe(db, 1)
    assert subs.due_digests(db, datetime(2026, 3, 10, 9, 0, tzinfo=UTC)) == []


def test_spring_forward_gap_still_gets_its_digest(db) -> None:
    # 02:30 does not exist in Madrid on 2026-03-29; the digest goes out once the clock passes it.
    subs.subscribe(db, 1, 1, "02:30", "Europe/Madrid", datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    assert [d.chat_id for d in subs.due_digests(db, datetime(2026, 3, 29, 1, 5, tzinfo=UTC))] == [1]


def test_a_zone_that_cannot_load_skips_its_rows_not_the_tick(db, caplog) -> None:
    earlier = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    subs.subscribe(db, 1, 1, "08:00", "UTC", earlier)
    # A row accepted before zones were checked, or on a host that had this zone.
    db.execute("INSERT INTO subscriptions (chat_id, time, tz, start_date) VALUES (2, '08:00', 'Nowhere/Atlantis', '2026-03-10')")
    db.conn.commit()
    due = subs.due_digests(db, datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    assert [d.chat_id for d in due] == [1]
    assert "Nowhere/Atlantis" in caplog.text


def test_claims_come_in_chunks_and_each_chat_once(db) -> None:
    earlier = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    for chat in range(1, 8):
        subs.subscribe(db, chat, chat, "08:00", "Europe/Madrid" if chat % 2 else "UTC", earlier)
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    chunks = [subs.claim_due(db, now, 3) for _ in range(4)]
    assert [len(c) for c in chunks] == [3, 3, 1, 0]
    assert sorted(d.chat_id for c in chunks for d in c) == list(range(1, 8))


def test_a_released_digest_resumes_after_its_last_accepted_message(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, now, 10)
    subs.mark_progress(db, due, 1)
    subs.release_claim(db, due)
    [again] = subs.claim_due(db, now, 10)
    assert (again.chat_id, again.parts_sent) == (1, 1)


def test_unknown_outcome_gets_one_late_retry_the_same_day(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, now, 10)
    assert subs.mark_unknown(db, due, "TimedOut", now)  # it will get its retry
    assert subs.claim_due(db, now + subs.UNKNOWN_RETRY_AFTER / 2, 10) == []  # not blindly, not at once
    [retry] = subs.claim_due(db, now + subs.UNKNOWN_RETRY_AFTER, 10)
    assert retry.retry
    assert not subs.mark_unknown(db, retry, "TimedOut", now + subs.UNKNOWN_RETRY_AFTER)  # that was the one
    assert subs.claim_due(db, now + 3 * subs.UNKNOWN_RETRY_AFTER, 10) == []
    assert subs.delivery_counts(db, now) == {"unknown": 1}


def test_a_refused_digest_is_not_due_again_that_day(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    [due] = subs.claim_due(db, now, 10)
    subs.mark_failed(db, due, "Bad Request: can't parse entities")
    assert subs.claim_due(db, datetime(2026, 3, 10, 23, 0, tzinfo=UTC), 10) == []
    assert [d.chat_id for d in subs.due_digests(db, datetime(2026, 3, 11, 8, 0, tzinfo=UTC))] == [1]


def test_a_delivery_is_never_recorded_for_a_local_day_that_has_not_begun(db) -> None:
    subs.subscribe(db, 1, 1, "08:00", "UTC", datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    glitch = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # the clock jumped a day ahead for a moment
    [due] = subs.claim_due(db, glitch, 10)
    assert due.local_date == "2026-03-11"
    assert not subs.mark_sent(db, due, 5, datetime(2026, 3, 10, 9, 0, tzinfo=UTC))  # back to the real day
    assert [d.local_date for d in subs.due_digests(db, datetime(2026, 3, 11, 8, 0, tzinfo=UTC))] == ["2026-03-11"]


def test_a_claim_chunk_starts_after_the_previous_one_and_skips_nothing_due(db) -> None:
    earlier = datetime(2026, 3, 9, 0, 0, tzinfo=UTC)
    for chat in range(1, 10):
        zone = ["UTC", "Europe/Madrid", "Asia/Tokyo"][chat % 3]
        subs.subscribe(db, chat, chat, ["07:00", "08:00"][chat % 2], zone, earlier)
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    first = subs.claim_due(db, now, 4)
    subs.release_claim(db, first[0])  # given back during the fan-out: the next tick resumes it, not this one
    rest = subs.claim_due(db, now, 100, first[-1].cursor)
    assert first[0].chat_id not in {d.chat_id for d in rest}
    assert sorted(d.chat_id for d in first + rest) == list(range(1, 10))
    cursors = [(d.cursor.zone, d.cursor.time, d.cursor.chat_id) for d in first + rest]
    assert cursors == sorted(cursors)
