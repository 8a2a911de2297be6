"""Daily digests through the real Application: on time, exactly once, across restarts, and after reloads."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from datetime import datetime, timezone

from tests.bot_harness import FakeClock, RunningBot
from tests.test_bot_commands import ask

DIGEST = "<b>Your daily digest</b>"
NOTHING_NEW = "Nothing new since your last digest"


def digests_to(api, chat_id: int) -> list[str]:
    return [m.text for m in api.sent_to(chat_id) if DIGEST in m.text or NOTHING_NEW in m.text]


def subscribe_at_seven(settings, chats, clock) -> None:
    """Each chat subscribed to a 07:00 UTC digest, straight in the database."""
    from briefings.store import subscriptions
    from briefings.store.schema import open_db

    db = open_db(settings.db_path)
    for chat in chats:
        subscriptions.subscribe(db, chat, chat, "07:00", "UTC", clock())
    db.close()


def wait_for_digests(api, count: int, timeout: float) -> None:
    """Until `count` digests were sent (a failure with the fake server's log after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while sum(1 for m in api.sent if DIGEST in m.text) < count:
        assert time.monotonic() < deadline, api.dump()
        time.sleep(0.02)


def settle(seconds: float = 1.2) -> None:
    """Let several digest ticks (0.2 s apart in tests) pass."""
    time.sleep(seconds)


def test_digest_fires_at_the_chosen_time_once(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 5, 58, tzinfo=timezone.utc))  # 06:58 in Madrid
    with RunningBot(api, settings, clock):
        assert "Subscribed" in ask(api, "/subscribe 07:00 Europe/Madrid")
        settle()
        assert digests_to(api, 7) == []  # not before its time
        clock.advance(minutes=2)
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=5)
        settle()
        assert len(digests_to(api, 7)) == 1
        assert "Russia and Ukraine launched notable drone attacks" in digests_to(api, 7)[0]
        clock.advance(hours=3)
        settle()
        assert len(digests_to(api, 7)) == 1  # still once that day
        assert "next: Wed 11 Mar 07:00" in ask(api, "/settings")


def test_restart_sends_no_second_digest_and_delivers_a_missed_one(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 06:30", chat_id=1)
        ask(api, "/subscribe 09:00", chat_id=2)
        clock.set(datetime(2026, 3, 10, 6, 31, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 1 and DIGEST in m.text, timeout=5)
    # Down from 06:31 to 09:30: chat 2's 09:00 digest is missed.
    clock.set(datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        api.wait_for(lambda m: m.chat_id == 2 and DIGEST in m.text, timeout=5)
        settle()
        assert len(digests_to(api, 1)) == 1
        assert len(digests_to(api, 2)) == 1
    with RunningBot(api, settings, clock):  # and once more, for good measure
        settle()
    assert (len(digests_to(api, 1)), len(digests_to(api, 2))) == (1, 1)


def test_next_days_digest_has_only_new_stories(api, settings, corpus) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: DIGEST in m.text, timeout=5)

        clock.set(datetime(2026, 3, 11, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: NOTHING_NEW in m.text, timeout=5)  # nothing new: one line, not silence

        (corpus / "2026-03-11-lyon.txt").write_text(
            "Title: Lyon bridges close\n\nThe council said 12 bridges in Lyon will close on Monday.\n",
            encoding="utf-8",
        )
        assert "loaded: 1" in ask(api, "/reload", chat_id=42)
        clock.set(datetime(2026, 3, 12, 7, 0, tzinfo=timezone.utc))
        third = api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text and "Lyon" in m.text, timeout=5)
        assert "1 new story" in third.text and "Russia and Ukraine" not in third.text
        settle()
    assert len(digests_to(api, 7)) == 3


def test_blocked_user_loses_the_subscription(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        ask(api, "/subscribe 07:00", chat_id=8)
        api.fail_next("sendMessage", 403, chat_id=7, times=5)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 8 and DIGEST in m.text, timeout=5)
        settle()
    with sqlite3.connect(settings.db_path) as db:
        assert [row[0] for row in db.execute("SELECT chat_id FROM subscriptions")] == [8]
    assert len([r for r in api.calls("sendMessage") if r.params.get("chat_id") == 7 and DIGEST in r.params["text"]]) == 1


def test_deleted_chat_loses_the_subscription(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        api.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=7)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with sqlite3.connect(settings.db_path) as db:
                if db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 0:
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("the subscription of a deleted chat was not ended")


def test_server_errors_are_retried_and_the_digest_arrives_once(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        api.fail_next("sendMessage", 502, chat_id=7, times=2)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=10)
        settle()
    assert len(digests_to(api, 7)) == 1
    attempts = [r for r in api.calls("sendMessage") if r.params.get("chat_id") == 7 and DIGEST in r.params["text"]]
    assert len(attempts) == 3


def test_many_subscribers_due_in_the_same_minute_each_get_one(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    chats = range(1000, 1060)
    with RunningBot(api, settings, clock):
        subscribe_at_seven(settings, chats, clock)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        wait_for_digests(api, len(chats), timeout=20)
        settle()
    assert sorted(m.chat_id for m in api.sent if DIGEST in m.text) == list(chats)


def _digest_attempts(api, chat_id: int) -> int:
    return len([r for r in api.calls("sendMessage") if r.params.get("chat_id") == chat_id and DIGEST in r.params["text"]])


def _delivery(settings, chat_id: int) -> tuple:
    with sqlite3.connect(settings.db_path) as db:
        return db.execute(
            "SELECT status, attempts FROM deliveries WHERE chat_id = ? ORDER BY local_date DESC", [chat_id]
        ).fetchone()


def test_a_slow_api_that_accepts_the_send_gets_one_digest_not_ten(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        api.delay("sendMessage", 6.0, times=1)  # past PTB's default 5 s read timeout; the message is accepted
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=15)
        settle(1.5)
    assert len(digests_to(api, 7)) == 1
    assert _delivery(settings, 7) == ("sent", 1)


def test_a_send_that_timed_out_is_not_resent_blindly_and_retried_once_later(api, settings, monkeypatch) -> None:
    from bot import deliver

    monkeypatch.setattr(deliver, "SEND_READ_TIMEOUT", 0.5)
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        api.delay("sendMessage", 1.5, times=1)  # accepted, answered after the bot gave up waiting
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=10)
        settle(1.5)
        assert _digest_attempts(api, 7) == 1  # the outcome was unknown: no blind resend
        assert _delivery(settings, 7) == ("unknown", 1)
        clock.set(datetime(2026, 3, 10, 8, 1, tzinfo=timezone.utc))  # an hour later: its one retry
        deadline = time.monotonic() + 10
        while _digest_attempts(api, 7) < 2:
            assert time.monotonic() < deadline, api.dump()
            time.sleep(0.05)
        settle()
        assert _delivery(settings, 7) == ("sent", 2)
        clock.set(datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc))
        settle()
    assert _digest_attempts(api, 7) == 2


def test_a_digest_telegram_refuses_is_recorded_reported_and_not_retried(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        api.fail_next("sendMessage", 400, "Bad Request: can't parse entities: unclosed <b>", chat_id=7)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        report = api.wait_for(lambda m: m.chat_id == 42 and "refused" in m.text, timeout=10)
        settle()
        clock.set(datetime(2026, 3, 10, 15, 0, tzinfo=timezone.utc))
        settle()
    assert "chat 7" in report.text and "unclosed" in report.text
    assert _digest_attempts(api, 7) == 1
    assert _delivery(settings, 7) == ("failed", 1)


def test_a_wall_clock_stepped_back_an_hour_does_not_stall_digests(api, settings, monkeypatch) -> None:
    """APScheduler reads the wall clock to pace its jobs: stepped back 1 h, it waited an hour."""
    import datetime as dt

    import apscheduler.schedulers.base as scheduler_base

    class SteppedBack(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(tz) - dt.timedelta(hours=1)

    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        settle(0.5)
        monkeypatch.setattr(scheduler_base, "datetime", SteppedBack)  # the host's clock steps back an hour
        settle(0.5)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=10)


def test_sigterm_during_a_fan_out_stops_claiming_and_gives_back_the_rest(api, settings) -> None:
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    chats = range(2000, 2060)
    settings = replace(settings, digest_senders=1)  # 8 sends in flight at most
    with RunningBot(api, settings, clock, overall_per_second=10):  # slow enough to be stopped mid-way
        subscribe_at_seven(settings, chats, clock)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        wait_for_digests(api, 3, timeout=10)
    sent_before_restart = sorted(m.chat_id for m in api.sent if DIGEST in m.text)
    assert len(sent_before_restart) < len(chats)  # it stopped without finishing the whole fan-out
    with sqlite3.connect(settings.db_path) as db:
        statuses = dict(db.execute("SELECT status, count(*) FROM deliveries GROUP BY status").fetchall())
    assert statuses.get("sending", 0) == 0  # nothing left claimed: given back or recorded
    assert statuses.get("sent", 0) == len(sent_before_restart)
    with RunningBot(api, settings, clock):
        wait_for_digests(api, len(chats), timeout=30)
        settle()
    assert sorted(m.chat_id for m in api.sent if DIGEST in m.text) == list(chats)  # each once


def test_a_digest_that_fails_at_part_two_resumes_at_part_two(api, settings, monkeypatch) -> None:
    from telegram.error import TelegramError

    from bot import deliver, digest_job

    parts = [f"{DIGEST} part one", "part two"]
    monkeypatch.setattr(digest_job, "render_digest", lambda db, after_id: (parts, 1))
    real_send_one, failed = deliver._send_one, []

    async def part_two_fails_once(bot, chat_id, text, markup, *more):  # more: the quiet flag
        if text == parts[1] and not failed:
            failed.append(chat_id)
            raise TelegramError("Internal Server Error")  # a refusal: nothing was sent
        await real_send_one(bot, chat_id, text, markup, *more)

    monkeypatch.setattr(deliver, "_send_one", part_two_fails_once)
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and m.text == parts[1], timeout=10)
        settle()
    assert failed == [7]
    texts = [m.text for m in api.sent_to(7)]
    assert (texts.count(parts[0]), texts.count(parts[1])) == (1, 1)  # not re-sent whole
    assert texts[-2:] == parts
    assert _delivery(settings, 7) == ("sent", 1)


def test_a_telegram_wide_429_pauses_the_whole_fan_out_instead_of_each_chat_drawing_its_own(api, settings) -> None:
    # Telegram's flood control answers 429 to every chat for a while. Treated per chat, each of the
    # 40 chats drew its own 429 (and its retries); seen as bot-wide after a few, everyone waits.
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    chats = range(3000, 3040)
    with RunningBot(api, settings, clock):
        subscribe_at_seven(settings, chats, clock)
        api.flood("sendMessage", 3)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        wait_for_digests(api, len(chats), timeout=30)
        settle()
    assert sorted(m.chat_id for m in api.sent if DIGEST in m.text) == list(chats)
    flooded_chats = {r.params.get("chat_id") for r in api.flooded}
    assert 3 <= len(flooded_chats) <= 12, f"{len(flooded_chats)} of {len(chats)} chats drew their own 429"


def test_a_command_during_a_fan_out_is_answered_before_the_digests_queued_ahead_of_it(api, settings) -> None:
    # The 64 digest senders all waited in the overall limiter (30/s): a /start queued behind them, 2 s.
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    chats = range(4000, 4120)
    with RunningBot(api, settings, clock):
        subscribe_at_seven(settings, chats, clock)
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        wait_for_digests(api, 5, timeout=20)  # the senders are queued in the limiter
        asked = time.monotonic()
        assert "Hello" in ask(api, "/start", chat_id=77)
        answered = api.sent_to(77)[0].time
        wait_for_digests(api, len(chats), timeout=30)  # and the fan-out still ends
    ahead = sum(1 for m in api.sent if DIGEST in m.text and asked < m.time < answered)
    assert ahead < 40, f"{ahead} digests went out while the /start waited"
