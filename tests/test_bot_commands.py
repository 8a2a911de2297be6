"""A chat transcript per command, through the real Application against the fake Bot API."""

from __future__ import annotations

import html
import re
import time

import pytest

from tests.telegram_html_check import visible_text

USER = 7
ADMIN = 42


def ask(api, text: str, chat_id: int = USER, user_id: int | None = None, timeout: float = 10.0) -> str:
    """Send a command as a user and return the visible text of the bot's (first) answer."""
    api.push_command(chat_id, text, user_id=user_id)
    return visible_text(next_reply(api, chat_id, _last_id(api, chat_id), timeout).text)


def _last_id(api, chat_id: int) -> int:
    return max((m.message_id for m in api.sent_to(chat_id)), default=0)


def next_reply(api, chat_id: int, after_id: int, timeout: float = 10.0):
    """The first message to `chat_id` sent after message `after_id` (ids only grow)."""
    return api.wait_for(lambda m: m.chat_id == chat_id and m.message_id > after_id, timeout)


def answers(api, chat_id: int = USER) -> list[str]:
    return [visible_text(m.text) for m in api.sent_to(chat_id)]


def test_start_publishes_commands_and_greets(api, bot) -> None:
    assert {c["command"] for c in api.commands} >= {"brief", "quotes", "subscribe", "search", "article"}
    assert not {"reload", "stats"} & {c["command"] for c in api.commands}  # admin commands stay out of the menu
    answer = ask(api, "/start")
    assert "Hello, Alice!" in answer and "/subscribe" in answer


def test_help_lists_every_public_command_with_an_example(api, bot) -> None:
    answer = ask(api, "/help")
    for command in ("/brief", "/facts", "/quotes peskov", "/who", "/search", "/article 1", "/subscribe 07:30"):
        assert command in answer
    assert "/reload" not in answer
    assert "/reload" in ask(api, "/help", chat_id=ADMIN)


def test_brief_has_facts_quotes_source_and_buttons(api, bot) -> None:
    api.push_command(USER, "/brief")
    message = api.wait_for(lambda m: m.chat_id == USER)
    text = visible_text(message.text)
    assert text.startswith("📰 Russia and Ukraine launched notable drone attacks")
    for figure in ("34 Ukrainian drones", "36 drones", "145", "62 of the 145"):
        assert figure in text
    assert "— Dmitri Peskov" in text and "— Dr. Elena Vasilyeva" in text
    assert "Source: 2024-11-ukraine-drones-trump-putin.txt" in text
    assert "You may be interested" not in text and "“>" not in text and "Trumpthe" not in text
    labels = [b["text"] for row in message.reply_markup["inline_keyboard"] for b in row]
    assert labels == ["Facts", "Quotes", "Full article"]


def test_brief_buttons_answer(api, bot) -> None:
    api.push_command(USER, "/brief")
    brief = api.wait_for(lambda m: m.chat_id == USER)
    api.push_callback(USER, "article:1", brief.message_id)
    api.wait_for(lambda m: m.chat_id == USER and "Interview between" in m.text)
    api.push_callback(USER, "facts", brief.message_id)
    api.wait_for(lambda m: m.chat_id == USER and m.text.startswith("<b>Facts:"))
    assert api.calls("answerCallbackQuery")


def test_facts_list_figures(api, bot) -> None:
    answer = ask(api, "/facts")
    assert "[34, February 24, 2022]" in answer.replace("  ", " ")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/quotes peskov", "— Dmitri Peskov, the spokesman for the Russian presidency"),
        ("/quotes vasilyeva", "— Dr. Elena Vasilyeva, International Relations Expert"),
        ("/quotes PESKOV", "The signs are positive."),
    ],
)
def test_quotes_by_speaker(api, bot, command: str, expected: str) -> None:
    assert expected in ask(api, command)


def test_quotes_of_an_unknown_name_lists_known_speakers(api, bot) -> None:
    answer = ask(api, "/quotes <b>nobody</b>")
    assert "No quotes from “<b>nobody</b>”" in answer  # shown literally: escaped, not markup
    assert "Known speakers:" in answer and "Dmitri Peskov" in answer


def test_who_lists_people_with_roles(api, bot) -> None:
    answer = ask(api, "/who")
    assert "Dmitri Peskov — the spokesman for the Russian presidency" in answer
    assert "Dr. Elena Vasilyeva — International Relations Expert" in answer


@pytest.mark.parametrize(
    "words",
    ['"drones', "drone*", "NEAR(drones Moscow)", "(unbalanced", "drones) OR (", "<script>alert(1)</script>", "AND", "'; DROP TABLE articles; --"],
)
def test_search_survives_any_input(api, bot, words: str) -> None:
    answer = ask(api, f"/search {words}")
    assert answer.startswith("Search:") or answer.startswith("Nothing found")
    assert words.strip() in html.unescape(answer) or "Nothing found" in answer
    assert "Sorry, something went wrong" not in answer


def test_search_finds_and_highlights(api, bot) -> None:
    api.push_command(USER, "/search airports")
    message = api.wait_for(lambda m: m.chat_id == USER)
    assert "/article 1" in message.text
    assert re.search(r"<b>airports</b>", message.text)


def test_search_without_words_explains(api, bot) -> None:
    assert "Tell me what to look for" in ask(api, "/search")


def test_article_full_text_and_bad_ids(api, bot) -> None:
    answer = ask(api, "/article 1")
    assert answer.startswith("Russia and Ukraine launched")
    api.wait_for(lambda m: "Dr. Vasilyeva: It’s a double-edged sword." in m.text)  # a later part
    assert "You may be interested" not in " ".join(answers(api))
    assert "/article 1" in ask(api, "/article abc") and "number" in ask(api, "/article -3")
    assert "There is no article 999" in ask(api, "/article 999")


def test_long_article_is_split_into_valid_messages(api, bot, corpus) -> None:
    paragraph = "The council said 12 bridges in Lyon will close for repairs on Monday. " * 30
    (corpus / "long.txt").write_text("\n".join([paragraph] * 12), encoding="utf-8")
    ask(api, "/reload", chat_id=ADMIN)
    after = _last_id(api, USER)
    api.push_command(USER, "/article 2")
    api.wait_for(lambda m: m.chat_id == USER and "Lyon" in m.text and m.message_id > after)
    # The per-chat limiter spaces the parts about a second apart: wait for the source line of the last one.
    deadline = time.monotonic() + 20
    while sum(m.text.count("12 bridges") for m in api.sent_to(USER) if m.message_id > after) < 12 * 30:
        assert time.monotonic() < deadline, api.dump()
        time.sleep(0.1)
    parts = [m for m in api.sent_to(USER) if m.message_id > after]
    assert len(parts) >= 6
    assert all(len(m.text) <= 4096 for m in parts)


def test_subscribe_settings_unsubscribe(api, bot) -> None:
    assert "Subscribed" in ask(api, "/subscribe 07:30 Europe/Madrid")
    assert "07:30 (Europe/Madrid)" in ask(api, "/settings")
    assert "Subscribed" in ask(api, "/subscribe 21:00")
    assert "21:00 (UTC)" in ask(api, "/settings")
    assert "Unsubscribed" in ask(api, "/unsubscribe")
    assert "no subscription" in ask(api, "/settings")


@pytest.mark.parametrize("args", ["25:00", "7:75", "Mars/Base", "08:00 Nowhere/City"])
def test_subscribe_with_bad_arguments_explains_the_form(api, bot, args: str) -> None:
    answer = ask(api, f"/subscribe {args}")
    assert "Expected: /subscribe [HH:MM] [Area/City]" in answer and "e.g. /subscribe 07:30 Europe/Madrid" in answer
    assert "no subscription" in ask(api, "/settings")


def test_digest_now(api, bot) -> None:
    answer = ask(api, "/digest")
    assert "Your daily digest" in answer and "Russia and Ukraine launched notable drone attacks" in answer


def test_unknown_command_and_plain_text_get_answers(api, bot) -> None:
    assert "/help" in ask(api, "/frobnicate")
    after = _last_id(api, USER)
    api.push_text(USER, "hello there")
    assert "/brief" in next_reply(api, USER, after).text


def test_admin_commands_are_refused_to_others_by_id_not_name(api, bot) -> None:
    # Same username as an admin would have: the numeric id decides.
    assert "for the bot's admins" in ask(api, "/reload", chat_id=USER)
    assert "for the bot's admins" in ask(api, "/stats", chat_id=USER)


def test_stats_for_admin(api, bot) -> None:
    ask(api, "/subscribe 09:00")
    answer = ask(api, "/stats", chat_id=ADMIN)
    assert "articles: 1" in answer and "subscribers: 1" in answer and "digests sent today (UTC): 0" in answer


def test_reload_picks_up_new_and_reports_broken_files(api, bot, corpus) -> None:
    (corpus / "2024-12-02-lyon.txt").write_text(
        "Title: Lyon bridges close\n\nThe council said 12 bridges in Lyon will close on Monday.\n", encoding="utf-8"
    )
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    answer = ask(api, "/reload", chat_id=ADMIN)
    # The same report as `newsbrief load`, from the same template; files by name only, never the server's path.
    assert "loaded: 1\nunchanged: 1\nremoved: 0\nfailed: 1\n  broken.txt: binary file" in answer
    assert str(corpus) not in answer
    assert "Lyon bridges close" in ask(api, "/brief")
    again = ask(api, "/reload", chat_id=ADMIN)
    assert "loaded: 0\nunchanged: 2" in again


def test_a_handler_error_gets_an_apology_and_is_logged(api, bot, monkeypatch, caplog) -> None:
    from briefings.views import render

    def broken(db):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(render, "render_facts", broken)
    assert "Sorry, something went wrong" in ask(api, "/facts")
    assert "template exploded" in caplog.text
    assert "/help" in ask(api, "/help")  # the bot lives on
