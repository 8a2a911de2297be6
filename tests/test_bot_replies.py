"""Command replies: never sent twice on a timeout, never over 4,096 characters, bad ids answered clearly."""

from __future__ import annotations

import time

import pytest

from tests.bot_harness import RunningBot
from tests.telegram_html_check import visible_text
from tests.test_bot_commands import ADMIN, USER, answers, ask

APOLOGY = "Sorry, something went wrong"


def test_a_reply_that_timed_out_is_not_sent_again(api, settings, monkeypatch) -> None:
    # The API takes the message but answers after the read timeout: the outcome is unknown, and a resend
    # would post it twice. Nor does an apology follow a reply that may well have arrived.
    monkeypatch.setattr("bot.deliver.SEND_READ_TIMEOUT", 1.0)
    with RunningBot(api, settings):
        api.delay("sendMessage", 2.5, times=1)
        api.push_command(USER, "/help")
        api.wait_for(lambda m: m.chat_id == USER)
        assert "Hello" in ask(api, "/start")  # a later reply to the same chat comes after any resend would
        api.wait_for_delayed()
    texts = answers(api)
    assert sum("newsbrief commands" in t for t in texts) == 1, api.dump()
    assert not any(APOLOGY in t for t in texts), texts


def test_an_over_long_subscribe_argument_gets_its_explanation(api, bot) -> None:
    answer = ask(api, "/subscribe " + "x" * 4000)
    assert "Expected: /subscribe [HH:MM] [Area/City]" in " ".join(answers(api))
    assert APOLOGY not in answer


def test_a_reload_report_of_many_long_file_names_is_split(api, bot, corpus) -> None:
    for i in range(25):
        (corpus / f"{i:02d}-{'a-very-long-file-name-' * 10}.txt").write_bytes(b"\x00binary")
    answer = ask(api, "/reload", chat_id=ADMIN)
    assert "failed: 25" in answer
    deadline = time.monotonic() + 20
    while "… and 5 more" not in " ".join(answers(api, ADMIN)):  # the last part
        assert time.monotonic() < deadline, api.dump()
        time.sleep(0.1)
    assert not any(APOLOGY in t for t in answers(api, ADMIN))


@pytest.mark.parametrize("arg", ["99999999999999999999", "²", "١", "1" * 400])
def test_article_ids_that_are_not_plain_numbers_get_the_usage(api, bot, arg: str) -> None:
    answer = ask(api, f"/article {arg}")
    assert "Send an article number" in answer or "There is no article" in answer
    assert APOLOGY not in answer


def test_an_article_button_with_a_huge_id_is_answered(api, bot) -> None:
    api.push_callback(USER, "article:99999999999999999999", 1)
    message = api.wait_for(lambda m: m.chat_id == USER)
    assert APOLOGY not in visible_text(message.text)
