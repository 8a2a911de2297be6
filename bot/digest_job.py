"""The digest job: one JobQueue job that, every tick, sends today's digest to each subscriber who is due."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.deliver import ChatGone, send_html
from bot.handlers import BotState
from briefings import subscriptions
from briefings.render import render_digest
from briefings.subscriptions import DueDigest

log = logging.getLogger(__name__)

# Sends in flight at once; the rate limiter sets the pace, this only bounds the tasks waiting on it.
CONCURRENT_SENDS = 16


async def send_due_digests(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Find who is due (a query over SQLite, not a job per subscriber) and deliver to each exactly once."""
    st: BotState = context.bot_data["newsbrief"]
    if st.digest_lock.locked():
        return  # the previous tick is still sending (10k digests at 30/s take minutes); it covers this one
    async with st.digest_lock:
        await _send_due(context, st)


async def _send_due(context: ContextTypes.DEFAULT_TYPE, st: BotState) -> None:
    due = subscriptions.due_digests(st.db, st.clock())
    if not due:
        return
    log.info("sending %d digests", len(due))
    rendered: dict[int, tuple[list[str], int]] = {}  # readers who saw the same articles get the same digest
    slots = asyncio.Semaphore(CONCURRENT_SENDS)

    async def deliver(item: DueDigest) -> None:
        async with slots:
            if item.after_id not in rendered:
                rendered[item.after_id] = render_digest(st.db, item.after_id)
            await deliver_digest(context, st, item, *rendered[item.after_id])

    await asyncio.gather(*(deliver(item) for item in due))


async def deliver_digest(
    context: ContextTypes.DEFAULT_TYPE, st: BotState, item: DueDigest, messages: list[str], newest_id: int
) -> None:
    if not subscriptions.claim_delivery(st.db, item, st.clock()):
        return  # claimed by an earlier tick that is still sending, or already sent today
    try:
        await send_html(context.bot, item.chat_id, messages)
    except ChatGone as exc:
        subscriptions.unsubscribe(st.db, item.chat_id)
        log.info("chat %s is gone (%s): subscription ended", item.chat_id, exc)
    except TelegramError as exc:
        subscriptions.release_claim(st.db, item)  # a later tick today tries again
        log.warning("digest to chat %s failed (%s); will retry", item.chat_id, exc)
    else:
        subscriptions.mark_sent(st.db, item, newest_id, st.clock())
