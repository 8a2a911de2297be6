"""The database under the running bot: never on the event loop, and never a lost write reported as done."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import datetime, timezone

from tests.bot_harness import FakeClock, RunningBot
from tests.test_bot_commands import ask, next_reply
from tests.test_bot_digests import DIGEST, digests_to, settle


def _hold_write_lock(path, release: threading.Event, held: threading.Event) -> threading.Thread:
    """Another connection holds SQLite's write lock until `release` (what a long /reload does)."""

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(20)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    held.wait(10)
    return thread


def test_a_write_waiting_for_the_lock_does_not_freeze_other_chats(api, bot, settings) -> None:
    release, held = threading.Event(), threading.Event()
    holder = _hold_write_lock(settings.db_path, release, held)
    try:
        api.push_command(7, "/subscribe 07:00")  # waits for the write lock
        assert "/brief" in ask(api, "/help", chat_id=8)  # answered meanwhile: the loop is free
        assert api.sent_to(7) == []  # and /subscribe is still waiting, not failed
    finally:
        release.set()
        holder.join(10)
    assert "Subscribed" in next_reply(api, 7, 0).text


def test_a_record_that_fails_after_a_send_is_retried_without_a_restart(api, settings, monkeypatch) -> None:
    from briefings.store import subscriptions

    real_mark_sent = subscriptions.mark_sent
    failures = []

    def flaky_mark_sent(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise sqlite3.OperationalError("disk I/O error")
        return real_mark_sent(*args, **kwargs)

    monkeypatch.setattr(subscriptions, "mark_sent", flaky_mark_sent)
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        ask(api, "/subscribe 07:00")
        clock.set(datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == 7 and DIGEST in m.text, timeout=10)
        deadline = time.monotonic() + 10
        while True:
            with sqlite3.connect(settings.db_path) as db:
                row = db.execute("SELECT status FROM deliveries WHERE chat_id = 7").fetchone()
            if row == ("sent",):
                break
            assert time.monotonic() < deadline, f"the delivery stayed {row}"
            time.sleep(0.05)
        settle()
    assert failures == [1]
    assert len(digests_to(api, 7)) == 1  # recorded on a retry, not sent again


def _remove_database(path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def test_a_deleted_database_is_noticed_and_no_write_reports_success(api, bot, settings, caplog) -> None:
    assert "Subscribed" in ask(api, "/subscribe 07:00")
    _remove_database(settings.db_path)
    answer = ask(api, "/subscribe 09:00", chat_id=8)
    assert "Subscribed" not in answer
    assert "was deleted" in caplog.text


def test_a_truncated_database_is_noticed_and_no_write_reports_success(api, bot, settings, caplog) -> None:
    assert "Subscribed" in ask(api, "/subscribe 07:00")
    os.truncate(settings.db_path, 0)
    answer = ask(api, "/subscribe 09:00", chat_id=8)
    assert "Subscribed" not in answer
    assert "truncated" in caplog.text
