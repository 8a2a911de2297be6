"""Tests of the fake Bot API server (with PTB's real Bot) and of the HTML checker."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.fake_bot_api import FakeBotApi
from tests.telegram_html_check import check_telegram_html, visible_text

pytestmark = [
    pytest.mark.timeout(30),
    # RetryAfter warns that retry_after will become a timedelta (PTB 22.2+); not our concern.
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

T = TypeVar("T")


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def run_with_bot(api: FakeBotApi, body: Callable[[Bot], Awaitable[T]], token: str | None = None) -> T:
    """Run ``body(bot)`` with an initialized real PTB Bot pointed at the fake server."""

    async def main() -> T:
        bot = Bot(token or api.token, base_url=api.base_url)
        async with bot:
            return await body(bot)

    return asyncio.run(main())


def retry_seconds(exc: RetryAfter) -> float:
    """retry_after in seconds: an int in PTB 22 (timedelta with PTB_TIMEDELTA=1)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22.2+ deprecation notice about the int type
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


# ---------------------------------------------------------------------- server + PTB


def test_base_url_is_loopback_ephemeral(api: FakeBotApi) -> None:
    assert api.base_url == f"http://127.0.0.1:{api.port}/bot"
    assert api.port > 0


def test_initialize_calls_get_me(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> str:
        return bot.username

    assert run_with_bot(api, body) == "newsbrief_test_bot"
    assert [r.method for r in api.requests] == ["getMe"]


def test_send_message_recorded(api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])

    async def body(bot: Bot) -> tuple[int, str]:
        await bot.send_message(43, "true")  # PTB sends str values raw: must not become a bool
        msg = await bot.send_message(42, "123", reply_markup=markup)
        return msg.message_id, msg.text

    message_id, text = run_with_bot(api, body)
    assert text == "123"  # numeric-looking text stays a string
    [sent] = api.sent_to(42)
    assert sent.chat_id == 42 and sent.text == "123" and sent.message_id == message_id
    assert sent.parse_mode is None
    assert sent.buttons == [{"text": "More", "callback_data": "more:1"}]
    assert api.sent_to(43)[0].text == "true"


def test_message_ids_are_fresh_and_html_accepted(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> list[int]:
        ids = []
        for i in range(3):
            msg = await bot.send_message(7, f"<b>n</b> {i} &amp;", parse_mode=ParseMode.HTML)
            ids.append(msg.message_id)
        return ids

    ids = run_with_bot(api, body)
    assert len(set(ids)) == 3
    assert [m.parse_mode for m in api.sent] == ["HTML"] * 3
    assert api.html_problems == []


@pytest.mark.parametrize(
    "text", ["<div>x</div>", "<b>unclosed", "Fish & chips", "<b>x</i>", "a < b"]
)
def test_invalid_html_rejected(api: FakeBotApi, text: str) -> None:
    async def body(bot: Bot) -> None:
        await bot.send_message(42, text, parse_mode=ParseMode.HTML)

    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        run_with_bot(api, body)
    assert api.sent == []
    assert [t for t, _ in api.html_problems] == [text]


def test_too_long_and_empty_text(api: FakeBotApi) -> None:
    async def too_long(bot: Bot) -> None:
        await bot.send_message(42, "x" * 4097)

    async def html_too_long(bot: Bot) -> None:
        await bot.send_message(42, "<b>" + "x" * 4097 + "</b>", parse_mode=ParseMode.HTML)

    async def fits(bot: Bot) -> None:
        # 4096 visible characters; the markup and entities don't count.
        await bot.send_message(42, "<b>" + "&amp;" * 4096 + "</b>", parse_mode=ParseMode.HTML)

    async def empty_after_parse(bot: Bot) -> None:
        await bot.send_message(42, "<b> </b>", parse_mode=ParseMode.HTML)

    with pytest.raises(BadRequest, match="(?i)message is too long"):
        run_with_bot(api, too_long)
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        run_with_bot(api, html_too_long)
    run_with_bot(api, fits)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        run_with_bot(api, empty_after_parse)
    assert len(api.sent) == 1


def test_retry_after(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 429, retry_after=7)

    async def body(bot: Bot) -> None:
        await bot.send_message(42, "hi")

    with pytest.raises(RetryAfter) as info:
        run_with_bot(api, body)
    assert retry_seconds(info.value) == 7
    run_with_bot(api, body)  # only the next call failed
    assert len(api.sent) == 1


def test_forbidden_only_for_given_chat(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", 403, chat_id=13, times=2)

    async def body(bot: Bot) -> list[str]:
        outcomes = []
        for chat in (12, 13, 13, 13):
            try:
                await bot.send_message(chat, "hi")
                outcomes.append("ok")
            except Forbidden as exc:
                assert "blocked" in exc.message
                outcomes.append("forbidden")
        return outcomes

    assert run_with_bot(api, body) == ["ok", "forbidden", "forbidden", "ok"]


@pytest.mark.parametrize("status", [400, 500, 502])
def test_server_errors_are_network_errors(api: FakeBotApi, status: int) -> None:
    api.fail_next("sendMessage", status)

    async def body(bot: Bot) -> None:
        await bot.send_message(42, "hi")

    with pytest.raises(NetworkError) as info:
        run_with_bot(api, body)
    if status == 400:
        assert isinstance(info.value, BadRequest)
        assert "chat not found" in info.value.message.lower()


def test_wrong_token_is_invalid_token(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> None:
        return None

    with pytest.raises(InvalidToken):
        run_with_bot(api, body, token="999:WRONG")


def test_get_updates_command_entity_and_offset(api: FakeBotApi) -> None:
    api.push_command(42, "/brief@newsbrief_test_bot tech")
    api.push_text(42, "hello", user_id=5)

    async def body(bot: Bot) -> tuple[list[Update], list[Update], list[Update]]:
        first = await bot.get_updates(timeout=0)
        again = await bot.get_updates(timeout=0)  # nothing confirmed yet
        after = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
        return list(first), list(again), list(after)

    first, again, after = run_with_bot(api, body)
    assert [u.update_id for u in first] == [u.update_id for u in again] == [1, 2]
    cmd = first[0].message
    assert cmd is not None and cmd.chat.type == "private" and cmd.from_user.id == 42
    [entity] = cmd.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 25)
    assert first[1].message.from_user.id == 5 and not first[1].message.entities
    assert [u.update_id for u in after] == [2]
    assert api.pending_updates == 1


def test_get_updates_limit_and_callback(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> list[Update]:
        msg = await bot.send_message(42, "pick one")
        api.push_callback(42, "more:1", msg.message_id)
        api.push_command(42, "/start")
        updates = await bot.get_updates(limit=1, timeout=0)
        await bot.answer_callback_query(updates[0].callback_query.id, text="ok")
        return list(updates)

    [update] = run_with_bot(api, body)
    query = update.callback_query
    assert query is not None and query.data == "more:1"
    assert query.message.text == "pick one" and query.from_user.id == 42
    assert api.calls("answerCallbackQuery")[0].params["text"] == "ok"


def test_long_poll_wakes_on_push(api: FakeBotApi) -> None:
    pusher = threading.Timer(0.3, api.push_command, args=(42, "/start"))

    async def body(bot: Bot) -> tuple[float, list[Update]]:
        start = time.monotonic()
        pusher.start()
        updates = await bot.get_updates(timeout=10)
        return time.monotonic() - start, list(updates)

    elapsed, updates = run_with_bot(api, body)
    assert len(updates) == 1 and updates[0].message.text == "/start"
    assert 0.25 <= elapsed < 5.0  # woke on the push, long before the 10 s poll timeout


def test_long_poll_times_out_empty(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> tuple[float, list[Update]]:
        start = time.monotonic()
        updates = await bot.get_updates(timeout=1)
        return time.monotonic() - start, list(updates)

    elapsed, updates = run_with_bot(api, body)
    assert updates == [] and 0.9 <= elapsed < 5.0


def test_edit_message_text_and_not_modified(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> None:
        msg = await bot.send_message(42, "v1")
        await bot.edit_message_text("<i>v2</i>", chat_id=42, message_id=msg.message_id,
                                    parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="(?i)not modified"):
            await bot.edit_message_text("<i>v2</i>", chat_id=42, message_id=msg.message_id,
                                        parse_mode=ParseMode.HTML)

    run_with_bot(api, body)
    assert [(m.method, m.text) for m in api.sent] == [
        ("sendMessage", "v1"), ("editMessageText", "<i>v2</i>")
    ]
    assert api.sent[0].message_id == api.sent[1].message_id


def test_commands_and_other_methods(api: FakeBotApi) -> None:
    async def body(bot: Bot) -> list[str]:
        await bot.set_my_commands([("brief", "Today's briefing"), ("help", "Help")])
        await bot.send_chat_action(42, "typing")
        await bot.delete_webhook()
        await bot.delete_message(42, 1)  # unknown to the fake: answered True
        return [c.command for c in await bot.get_my_commands()]

    assert run_with_bot(api, body) == ["brief", "help"]
    assert api.calls("deleteMessage")[0].params == {"chat_id": 42, "message_id": 1}


def test_delay_and_latency(api: FakeBotApi) -> None:
    api.delay("sendMessage", 0.3, times=1)

    async def body(bot: Bot) -> list[float]:
        durations = []
        for _ in range(2):
            start = time.monotonic()
            await bot.send_message(42, "hi")
            durations.append(time.monotonic() - start)
        api.latency = 0.1
        start = time.monotonic()
        await bot.send_message(42, "hi")
        durations.append(time.monotonic() - start)
        return durations

    slow, fast, latent = run_with_bot(api, body)
    assert slow >= 0.3 and fast < slow and latent >= 0.1  # the one-off delay applied once


def test_rate_limit_rejects_with_retry_after(api: FakeBotApi) -> None:
    api.rate_limit(per_second=1000, per_chat_per_second=1)

    async def body(bot: Bot) -> list[int]:
        retry = []
        for _ in range(3):
            try:
                await bot.send_message(42, "hi")
            except RetryAfter as exc:
                retry.append(int(retry_seconds(exc)))
        await bot.send_message(43, "other chat has its own bucket")
        return retry

    assert run_with_bot(api, body) == [1, 1]
    assert api.rejected_429 == 2
    assert [m.chat_id for m in api.sent] == [42, 43]


def test_wait_for_and_helpful_failure(api: FakeBotApi) -> None:
    threading.Timer(0.2, api.push_text, args=(1, "x")).start()

    async def body(bot: Bot) -> None:
        await bot.send_message(42, "Your briefing is ready")

    run_with_bot(api, body)
    assert api.wait_for(lambda m: "briefing" in m.text, timeout=1).chat_id == 42
    assert len(api.wait_for_count(1, timeout=1)) == 1
    with pytest.raises(AssertionError, match="Your briefing is ready"):
        api.wait_for(lambda m: m.chat_id == 99, timeout=0.2)
    api.clear()
    assert api.sent == [] and api.requests == []


def test_wait_for_wakes_on_send_from_other_thread(api: FakeBotApi) -> None:
    def send_later() -> None:
        time.sleep(0.2)
        run_with_bot(api, lambda bot: bot.send_message(5, "late"))

    thread = threading.Thread(target=send_later, daemon=True)
    thread.start()
    start = time.monotonic()
    assert api.wait_for(lambda m: m.text == "late", timeout=5).chat_id == 5
    assert time.monotonic() - start < 4  # woke on the send, not at the 5 s timeout
    thread.join(5)


def test_json_body_and_multipart_accepted(api: FakeBotApi) -> None:
    import http.client
    import json

    conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=5)
    payload = json.dumps({"chat_id": 9, "text": "json", "reply_markup": {"inline_keyboard": []}})
    conn.request("POST", f"/bot{api.token}/sendMessage", payload,
                 {"Content-Type": "application/json"})
    reply = json.loads(conn.getresponse().read())
    assert reply["ok"] and reply["result"]["chat"]["id"] == 9

    boundary = "XyZ"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n10\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nmulti é\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    conn.request("POST", f"/bot{api.token}/sendMessage", body,
                 {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    reply = json.loads(conn.getresponse().read())
    assert reply["ok"], reply
    assert [(m.chat_id, m.text) for m in api.sent] == [(9, "json"), (10, "multi é")]
    conn.close()


def test_real_application_polls_and_replies(api: FakeBotApi) -> None:
    """The full PTB Application (updater + handlers) works against the fake."""

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        await update.effective_message.reply_html("<b>Welcome</b>", reply_markup=markup)

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("pressed")

    async def main() -> None:
        app = Application.builder().token(api.token).base_url(api.base_url).build()
        app.add_handler(CommandHandler("start", start))
        app.add_handler(CallbackQueryHandler(button))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=5)
            api.push_command(42, "/start")
            welcome = await api.wait_for_async(lambda m: m.text == "<b>Welcome</b>", 5)
            api.push_callback(42, "go", welcome.message_id)
            await api.wait_for_async(lambda m: m.method == "editMessageText", 5)
            await app.updater.stop()
            await app.stop()

    start_time = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - start_time < 10
    assert {"deleteWebhook", "getUpdates", "answerCallbackQuery"} <= {r.method for r in api.requests}
    assert [m.text for m in api.sent_to(42)] == ["<b>Welcome</b>", "pressed"]
    assert api.errors == [] and api.html_problems == []


# ---------------------------------------------------------------------- HTML checker


@pytest.mark.parametrize(
    "text",
    [
        "plain text",
        "<b>bold <i>italic <u>under</u></i></b> <strong>s</strong> <em>e</em> <ins>i</ins>",
        "<s>a</s><strike>b</strike><del>c</del>",
        '<a href="https://example.com/?a=1&amp;b=2">link</a>',
        "<a href='https://example.com'>single quotes</a>",
        '<pre><code class="language-python">print("&lt;hi&gt;")</code></pre>',
        "<pre>raw block</pre> and <code>inline</code>",
        "<blockquote>q</blockquote><blockquote expandable>long</blockquote>",
        '<tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span>',
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "&lt; &gt; &amp; &quot; &#65; &#x1F600;",
        "<B>upper-case tag names</B>",
        "quotes \" and ' are fine in text",
    ],
)
def test_checker_accepts_valid(text: str) -> None:
    assert check_telegram_html(text) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<div>x</div>", "unsupported tag"),
        ("<br/>", "unsupported tag"),
        ("<b>x", "unclosed"),
        ("x</b>", "unexpected closing"),
        ("<b><i>x</b></i>", "does not match"),
        ("Fish & chips", "stray '&'"),
        ("&nbsp;", "unsupported entity"),
        ("&#0;", "invalid character reference"),
        ("a < b", "stray '<'"),
        ("a > b", "stray '>'"),
        ("<a>x</a>", "without href"),
        ("<a href=https://x.y>x</a>", "not quoted"),
        ('<a href="https://x.y/?a=1&b=2">x</a>', "stray '&'"),
        ('<b class="x">y</b>', "not allowed"),
        ('<span>x</span>', "tg-spoiler"),
        ('<code class="python">x</code>', "language-"),
        ("<pre><b>x</b></pre>", "inside <pre>"),
        ("<code><i>x</i></code>", "inside <code>"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "nested"),
        ("x" * 4097, "too long"),
    ],
)
def test_checker_rejects_invalid(text: str, fragment: str) -> None:
    problems = check_telegram_html(text)
    assert any(fragment in p for p in problems), problems


def test_checker_length_counts_visible_text() -> None:
    assert check_telegram_html("<b>" + "&lt;" * 4096 + "</b>") == []
    assert visible_text('<a href="u">x &amp; y</a>') == "x & y"


@pytest.mark.parametrize("accepted", [False, True])
def test_reset_next_drops_the_connection_before_or_after_the_send(accepted: bool) -> None:
    import httpx

    with FakeBotApi() as api:
        api.reset_next("sendMessage", accepted=accepted)
        url = f"{api.base_url}{api.token}/sendMessage"
        with pytest.raises(httpx.TransportError):
            httpx.post(url, data={"chat_id": "7", "text": "hello"}, timeout=5)
        assert len(api.sent) == (1 if accepted else 0)
        assert httpx.post(url, data={"chat_id": "7", "text": "again"}, timeout=5).json()["ok"]
