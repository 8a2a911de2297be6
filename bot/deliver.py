"""Sending rendered messages to a chat: network errors retried with backoff, Telegram's refusals passed up."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError

log = logging.getLogger(__name__)

NETWORK_ATTEMPTS = 3
BACKOFF_SECONDS = 0.5
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class ChatGone(Exception):
    """The chat cannot receive messages any more (blocked bot, deleted chat): its subscription ends."""


async def send_html(
    bot: Bot, chat_id: int, messages: list[str], reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send messages in order; the keyboard goes under the last one."""
    for i, text in enumerate(messages):
        markup = reply_markup if i == len(messages) - 1 else None
        await _send_one(bot, chat_id, text, markup)


async def _send_one(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> None:
    for attempt in range(1, NETWORK_ATTEMPTS + 1):
        try:
            await bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
            )
            return
        except Forbidden as exc:
            raise ChatGone(exc.message) from exc
        except BadRequest as exc:  # a subclass of NetworkError, but retrying cannot help
            if "chat not found" in exc.message.lower():
                raise ChatGone(exc.message) from exc
            raise
        except NetworkError as exc:
            if attempt == NETWORK_ATTEMPTS:
                raise
            delay = BACKOFF_SECONDS * 2 ** (attempt - 1)
            log.warning("network error sending to chat %s (%s); retry %d in %.1fs", chat_id, exc, attempt, delay)
            await asyncio.sleep(delay)
