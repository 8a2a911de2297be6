"""Prototype (bench only): send_due_digests spreading the sends over a pool of Bot instances.

One PTB Bot = one HTTPXRequest = one httpcore connection pool, and httpcore scans every connection of its
pool on each request, so one Bot stalls around ~140 msg/s at a 50 ms round trip whatever the concurrency.
K ExtBot instances with a few connections each, sharing the application's rate limiter (so the overall
30 msg/s and the per-chat buckets still hold), multiply that. Everything else - due_digests, claim, mark_sent,
release on failure, render once per after_id - is bot/digest_job.py unchanged; only `context.bot` becomes
`pool[i % K]`. bench/bot_process.py --pool K installs this job in place of bot.digest_job.send_due_digests.
"""

from __future__ import annotations

import asyncio
import itertools
import logging

from telegram.error import TelegramError
from telegram.ext import ContextTypes, ExtBot
from telegram.request import HTTPXRequest

from bot.deliver import ChatGone, send_html
from briefings import subscriptions
from briefings.render import render_digest

log = logging.getLogger(__name__)


def make_pooled_job(bots: int = 8, connections: int = 8):
    async def send_due_digests_pooled(context: ContextTypes.DEFAULT_TYPE) -> None:
        st = context.bot_data["newsbrief"]
        due = subscriptions.due_digests(st.db, st.clock())
        if not due:
            return
        pool = context.bot_data.get("digest_bots")
        if pool is None:  # created once, on the first tick with work; closed with the process
            pool = [
                ExtBot(
                    token=context.bot.token,
                    base_url=st.settings.api_base_url,
                    request=HTTPXRequest(connection_pool_size=connections),
                    rate_limiter=context.bot.rate_limiter,  # shared: one overall limit, one bucket per chat
                )
                for _ in range(bots)
            ]
            await asyncio.gather(*(b.initialize() for b in pool))
            context.bot_data["digest_bots"] = pool
        rendered: dict[int, tuple[list[str], int]] = {}
        slots = asyncio.Semaphore(bots * connections)
        turn = itertools.count()

        async def deliver(item: subscriptions.DueDigest) -> None:
            async with slots:
                if item.after_id not in rendered:
                    rendered[item.after_id] = render_digest(st.db, item.after_id)
                messages, newest_id = rendered[item.after_id]
                if not subscriptions.claim_delivery(st.db, item, st.clock()):
                    return
                bot = pool[next(turn) % bots]
                try:
                    await send_html(bot, item.chat_id, messages)
                except ChatGone:
                    subscriptions.unsubscribe(st.db, item.chat_id)
                except TelegramError as exc:
                    subscriptions.release_claim(st.db, item)
                    log.warning("digest to chat %s failed (%s); will retry", item.chat_id, exc)
                else:
                    subscriptions.mark_sent(st.db, item, newest_id, st.clock())

        await asyncio.gather(*(deliver(item) for item in due))

    return send_due_digests_pooled
