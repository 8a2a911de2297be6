"""Sending rendered messages to a chat: errors sorted into retry, give up, and outcome unknown.

A send whose request may have reached Telegram (a read timeout, a connection reset after the request
went out) has an unknown outcome: Telegram may have delivered it. Resending it blindly is how a slow
API turned one digest into ten, so those errors are never retried here (OutcomeUnknown); only errors
that prove the message was not sent (no connection made, or an error answer from the server) are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

log = logging.getLogger(__name__)

NETWORK_ATTEMPTS = 3
BACKOFF_SECONDS = 0.5
# PTB waits 5 s for an answer by default; a slow API then "fails" sends it has accepted. A send may
# wait longer: a late answer costs one slot for a while, a timeout costs an unknown outcome.
SEND_READ_TIMEOUT = 30.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# httpx errors raised before any byte of the request left: the message cannot have been sent.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class ChatGone(Exception):
    """The chat cannot receive messages any more (blocked bot, deleted chat): its subscription ends."""


class OutcomeUnknown(Exception):
    """The request may have reached Telegram but no answer came: the message may or may not be there."""


async def send_html(
    bot: Bot,
    chat_id: int,
    messages: list[str],
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    start: int = 0,
    on_sent: Callable[[int], Awaitable[None]] | None = None,
    quiet: bool = False,
) -> None:
    """Send messages[start:] in order; the keyboard goes under the last one.

    `on_sent(n)` is awaited after each accepted message with the number of messages sent so far, so a
    caller can record progress and resume after the last accepted part instead of resending them all.
    """
    for i in range(start, len(messages)):
        markup = reply_markup if i == len(messages) - 1 else None
        await _send_one(bot, chat_id, messages[i], markup, quiet)
        if on_sent is not None:
            await on_sent(i + 1)


async def _send_one(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None, quiet: bool) -> None:
    for attempt in range(1, NETWORK_ATTEMPTS + 1):
        try:
            await bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
                read_timeout=SEND_READ_TIMEOUT,
                disable_notification=quiet,
            )
            return
        except Forbidden as exc:
            raise ChatGone(exc.message) from exc
        except BadRequest as exc:  # a subclass of NetworkError, but retrying cannot help
            if "chat not found" in exc.message.lower():
                raise ChatGone(exc.message) from exc
            raise
        except NetworkError as exc:  # TimedOut included
            if may_have_been_sent(exc):
                raise OutcomeUnknown(f"{type(exc).__name__}: {exc.message}") from exc
            if attempt == NETWORK_ATTEMPTS:
                raise
            delay = BACKOFF_SECONDS * 2 ** (attempt - 1)
            log.warning("network error sending to chat %s (%s); retry %d in %.1fs", chat_id, exc, attempt, delay)
            await asyncio.sleep(delay)


def may_have_been_sent(exc: NetworkError) -> bool:
    """True unless the error proves the request never reached Telegram or Telegram refused it.

    PTB raises NetworkError for an error answer (5xx: no httpx cause) and for httpx failures (the
    cause); of the latter only a failure to connect proves nothing was sent.
    """
    cause = exc.__cause__
    if cause is None:
        return isinstance(exc, TimedOut)  # a TimedOut without a cause was raised on a read deadline
    return not isinstance(cause, _NOT_SENT)
