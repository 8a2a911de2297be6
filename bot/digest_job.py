"""The digest job: one JobQueue job that, every tick, sends today's digest to each subscriber who is due."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.deliver import ChatGone, send_html
from bot.state import BotState
from briefings.store import subscriptions
from briefings.views.render import render_digest
from briefings.store.subscriptions import DueDigest

log = logging.getLogger(__name__)


async def send_due_digests(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Find who is due (a query over SQLite, not a job per subscriber) and deliver to each exactly once."""
    st: BotState = context.bot_data["newsbrief"]
    if st.digest_lock.locked():
        return  # the previous tick is still sending (10k digests at 30/s take minutes); it covers this one
    if st.reload_lock.locked():
        return  # a reload holds SQLite's write lock; the first tick after it sends the news it brings
    async with st.digest_lock:
        await _send_due(st)


async def _send_due(st: BotState) -> None:
    # Claim everyone due in one transaction: one commit instead of one per subscriber.
    claimed = subscriptions.claim_deliveries(st.db, subscriptions.due_digests(st.db, st.clock()), st.clock())
    if not claimed:
        return
    log.info("sending %d digests", len(claimed))
    rendered: dict[int, tuple[list[str], int]] = {}  # readers who saw the same articles get the same digest
    senders = st.senders
    assert senders is not None, "prepare() starts the sender pool before it schedules this job"
    slots = asyncio.Semaphore(senders.slots)

    async def deliver(item: DueDigest) -> None:
        async with slots:
            if item.after_id not in rendered:
                rendered[item.after_id] = render_digest(st.db, item.after_id)
            await deliver_digest(senders.next(), st, item, *rendered[item.after_id])

    await asyncio.gather(*(deliver(item) for item in claimed))


async def deliver_digest(bot: Bot, st: BotState, item: DueDigest, messages: list[str], newest_id: int) -> None:
    """Send one claimed digest; record it, give the claim back on failure, or end a dead chat's subscription."""
    try:
        await send_html(bot, item.chat_id, messages)
    except ChatGone as exc:
        subscriptions.unsubscribe(st.db, item.chat_id)
        log.info("chat %s is gone (%s): subscription ended", item.chat_id, exc)
    except TelegramError as exc:
        subscriptions.release_claim(st.db, item)  # a later tick today tries again
        log.warning("digest to chat %s failed (%s); will retry", item.chat_id, exc)
    else:
        subscriptions.mark_sent(st.db, item, newest_id, st.clock())
