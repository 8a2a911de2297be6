"""Chats side by side: one chat's flood, throttling or 429 holds up no other chat; one chat's updates stay in order."""

from __future__ import annotations

import time
from dataclasses import replace

from tests.bot_harness import RunningBot
from tests.telegram_html_check import visible_text
from tests.test_bot_commands import ask

FLOODER, OTHER = 7, 8
GROUP = -1001234


def test_one_chat_over_its_rate_limit_does_not_hold_up_another(api, settings) -> None:
    # 16 commands from one chat at Telegram's real rate of about one reply a second to it. With the per-chat
    # wait holding one of the 8 shared update slots, the other chat was answered only after the flooder's 9th.
    with RunningBot(api, replace(settings, chat_send_rate=1.0)):
        for i in range(16):
            api.push_command(FLOODER, "/help")
        api.push_command(OTHER, "/start")
        other = api.wait_for(lambda m: m.chat_id == OTHER, timeout=30)
        replies_before = [m for m in api.sent_to(FLOODER) if m.message_id < other.message_id]
        assert len(replies_before) < 8, f"the other chat waited for {len(replies_before)} of the flooder's replies"
        deadline = time.monotonic() + 40
        while len(api.sent_to(FLOODER)) < 16:  # every command still gets its answer
            assert time.monotonic() < deadline, api.dump()
            time.sleep(0.1)


def test_one_chats_replies_come_in_the_order_of_its_commands(api, bot) -> None:
    chats = range(101, 105)
    toggles = ["/subscribe 07:00", "/unsubscribe", "/subscribe 08:00", "/unsubscribe", "/subscribe 09:00", "/settings"]
    for command in toggles:
        for chat in chats:
            api.push_command(chat, command)
    deadline = time.monotonic() + 40
    while any(len(api.sent_to(chat)) < len(toggles) for chat in chats):
        assert time.monotonic() < deadline, api.dump()
        time.sleep(0.1)
    for chat in chats:
        replies = [visible_text(m.text) for m in api.sent_to(chat)]
        assert [r.split(" ")[0] for r in replies[:5]] == ["✅", "Unsubscribed:", "✅", "Unsubscribed:", "✅"], replies
        assert "07:00" in replies[0] and "08:00" in replies[2] and "09:00" in replies[4] and "09:00" in replies[5]


def test_a_429_for_one_group_does_not_stall_other_chats(api, bot) -> None:
    # Before, PTB's limiter paused every request for the retry_after a single group drew.
    api.fail_next("sendMessage", 429, retry_after=10, chat_id=GROUP)
    api.push_command(GROUP, "/help", user_id=FLOODER)
    deadline = time.monotonic() + 10
    while not [r for r in api.calls("sendMessage") if r.params.get("chat_id") == GROUP]:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert "Hello" in ask(api, "/start", chat_id=OTHER, timeout=7)
    assert not api.sent_to(GROUP), "the group's retry came first: this test proved nothing"
    api.wait_for(lambda m: m.chat_id == GROUP, timeout=20)  # the group is answered once its pause is over
    assert len(api.sent_to(GROUP)) == 1


def test_in_groups_the_bot_ignores_plain_text_and_other_bots_commands(api, bot) -> None:
    api.push_text(GROUP, "hello everyone", user_id=FLOODER)
    api.push_command(GROUP, "/help@otherbot", user_id=FLOODER)
    api.push_command(GROUP, "/frobnicate", user_id=FLOODER)
    api.push_command(GROUP, f"/start@{api.bot_username}", user_id=FLOODER)
    first = api.wait_for(lambda m: m.chat_id == GROUP)
    assert "Hello" in visible_text(first.text)  # the command addressed to it, answered
    api.push_command(GROUP, "/help", user_id=FLOODER)
    api.wait_for(lambda m: m.chat_id == GROUP and m.message_id > first.message_id)
    assert len(api.sent_to(GROUP)) == 2  # replies to /start@bot and /help only; updates of one chat run in order
    assert "/help" in ask(api, "/frobnicate", chat_id=OTHER)  # a private chat still gets the pointer
