"""Chats that change: a group upgraded to a supergroup keeps its subscription; a bot blocked or removed stops at once."""

from __future__ import annotations

import time

from briefings.store import subscriptions
from briefings.store.schema import open_db
from tests.test_bot_commands import ask

GROUP, SUPERGROUP = -5, -1005


def subscription(settings, chat_id: int):
    db = open_db(settings.db_path)
    try:
        return subscriptions.get_subscription(db, chat_id)
    finally:
        db.close()


def eventually(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_send_answered_with_chat_migrated_moves_the_subscription_and_the_reply(api, bot, settings) -> None:
    api.set_chat_admins(GROUP, {7})  # only a group's admins subscribe it
    assert "Subscribed" in ask(api, "/subscribe 07:30", chat_id=GROUP, user_id=7)
    api.fail_next(
        "sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
        chat_id=GROUP, migrate_to_chat_id=SUPERGROUP,
    )
    api.push_command(GROUP, "/settings", user_id=7)
    moved = api.wait_for(lambda m: m.chat_id == SUPERGROUP)
    assert "07:30" in moved.text
    assert subscription(settings, GROUP) is None
    assert subscription(settings, SUPERGROUP).time == "07:30"


def test_a_migrate_to_chat_id_message_moves_the_subscription(api, bot, settings) -> None:
    api.set_chat_admins(GROUP, {7})
    assert "Subscribed" in ask(api, "/subscribe 06:15", chat_id=GROUP, user_id=7)
    api.push_migration(GROUP, SUPERGROUP)
    eventually(lambda: subscription(settings, GROUP) is None)
    assert "06:15" in ask(api, "/settings", chat_id=SUPERGROUP, user_id=7)


def test_a_bot_blocked_or_removed_ends_the_subscription_at_once(api, bot, settings) -> None:
    api.set_chat_admins(GROUP, {7})
    assert "Subscribed" in ask(api, "/subscribe 07:30")
    assert "Subscribed" in ask(api, "/subscribe 07:30", chat_id=GROUP, user_id=7)
    api.push_my_chat_member(7, "kicked")
    api.push_my_chat_member(GROUP, "left")
    eventually(lambda: subscription(settings, GROUP) is None and subscription(settings, 7) is None)


def test_a_digest_answered_with_chat_migrated_goes_to_the_new_id_once(api, settings) -> None:
    from datetime import datetime, timezone

    from tests.bot_harness import FakeClock, RunningBot

    digest = "<b>Your daily digest</b>"
    api.set_chat_admins(GROUP, {7})  # only a group's admins subscribe it
    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
    with RunningBot(api, settings, clock):
        assert "Subscribed" in ask(api, "/subscribe 06:30", chat_id=GROUP, user_id=7)
        api.fail_next(
            "sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
            chat_id=GROUP, migrate_to_chat_id=SUPERGROUP,
        )
        clock.set(datetime(2026, 3, 10, 6, 31, tzinfo=timezone.utc))
        api.wait_for(lambda m: m.chat_id == SUPERGROUP and digest in m.text)
        time.sleep(1.2)  # several digest ticks (0.2 s apart in tests)
    assert [digest in m.text for m in api.sent_to(SUPERGROUP)] == [True]
    assert [digest in m.text for m in api.sent_to(GROUP)] == [False]  # only the reply to /subscribe
    assert subscription(settings, GROUP) is None
