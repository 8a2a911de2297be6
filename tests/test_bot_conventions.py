"""Telegram conventions: admin commands only in the admins' menus, group digests changed by group admins only,
long quotes collapsible."""

from __future__ import annotations

from tests.test_bot_commands import ADMIN, ask, next_reply, visible_text

GROUP = -100500


def test_admin_commands_are_only_in_the_admins_own_menus(api, bot) -> None:
    public = {c["command"] for c in api.commands}
    assert "brief" in public and not {"reload", "stats"} & public
    admin_menu = {c["command"] for c in api.scoped_commands[f"chat:{ADMIN}"]}
    assert {"reload", "stats"} <= admin_menu and public <= admin_menu
    assert set(api.scoped_commands) == {f"chat:{ADMIN}"}


def group_ask(api, text: str, user_id: int | None = None, as_group: bool = False) -> str:
    after = max((m.message_id for m in api.sent_to(GROUP)), default=0)
    api.push_group_command(GROUP, text, user_id, as_group=as_group)
    return visible_text(next_reply(api, GROUP, after).text)


def test_in_a_group_only_admins_subscribe_or_unsubscribe(api, bot) -> None:
    api.set_chat_admins(GROUP, {61})
    assert group_ask(api, "/subscribe 07:30", user_id=62) == "In a group, only its admins can change the group's digest."
    assert "no subscription" in group_ask(api, "/settings", user_id=62)
    assert "Subscribed" in group_ask(api, "/subscribe 07:30", user_id=61)
    assert "only its admins" in group_ask(api, "/unsubscribe", user_id=62)
    assert "07:30" in group_ask(api, "/settings", user_id=62)  # reading the settings is for everyone
    # An anonymous admin posts as the group itself: that is an admin (no getChatMember can tell).
    asked = len(api.calls("getChatMember"))
    assert "Unsubscribed" in group_ask(api, "/unsubscribe", as_group=True)
    assert len(api.calls("getChatMember")) == asked


def test_group_admin_answers_are_cached_briefly(api, bot) -> None:
    api.set_chat_admins(GROUP, {61})
    for text in ("/subscribe 07:30", "/subscribe 08:00", "/unsubscribe"):
        group_ask(api, text, user_id=61)
    assert len([r for r in api.calls("getChatMember") if int(r.params["user_id"]) == 61]) == 1


def test_private_chats_need_no_admin_check(api, bot) -> None:
    assert "Subscribed" in ask(api, "/subscribe 07:30")
    assert api.calls("getChatMember") == []


def test_a_quiet_subscriber_gets_the_digest_without_a_sound(api, settings) -> None:
    from datetime import datetime, timezone

    from tests.bot_harness import FakeClock, RunningBot

    clock = FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))  # 07:00 in Madrid
    with RunningBot(api, settings, clock):
        assert "quietly" in ask(api, "/subscribe 07:30 Europe/Madrid quiet", chat_id=7)
        assert "quietly" in ask(api, "/subscribe QUIET 07:30 Europe/Madrid", chat_id=8)  # any case, any place
        assert "quietly" not in ask(api, "/subscribe 07:30 Europe/Madrid", chat_id=9)
        clock.advance(minutes=31)
        for chat in (7, 8, 9):
            api.wait_for(lambda m, chat=chat: m.chat_id == chat and "<b>Your daily digest</b>" in m.text, timeout=10)
    flags = {
        chat: [str(m.params.get("disable_notification", "")).lower() == "true" for m in api.sent_to(chat)
               if "<b>Your daily digest</b>" in m.text]
        for chat in (7, 8, 9)
    }
    assert flags == {7: [True], 8: [True], 9: [False]}
