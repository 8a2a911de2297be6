"""The digest fan-out: claim due digests in chunks and feed them from a queue to a fixed pool of senders.

Each tick claims at most CLAIM_CHUNK digests per transaction (a short write on the database thread),
and claims the next chunk only when the queue has room: memory and the loop stay flat whether 10 or
100,000 subscribers are due. Every claimed digest ends in one of: sent (progress recorded per
message), given back (an error; resumed at the next tick from its last accepted message), unknown
(a send that may have been delivered; one late retry, see subscriptions.UNKNOWN_RETRY_AFTER), failed
(Telegram refused it; the admins are told), or subscription ended (a blocked or deleted chat).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, TelegramError

from bot.database import DatabaseLost
from bot.deliver import ChatGone, OutcomeUnknown, send_html
from bot.state import BotState
from bot.ticker import tick_until_stopped
from briefings.store import subscriptions
from briefings.store.subscriptions import DueDigest
from briefings.views import render
from briefings.views.render import render_digest

log = logging.getLogger(__name__)

CLAIM_CHUNK = 500
RECORD_ATTEMPTS = 4
RECORD_BACKOFF_SECONDS = 0.25


async def digest_ticks(st: BotState) -> None:
    """Look for due digests every `digest_interval` seconds until the bot stops (bot/ticker.py).

    A reload holds SQLite's write lock: the tick after it sends its news.
    """

    async def tick() -> None:
        async with st.digest_lock:
            await fan_out(st)

    await tick_until_stopped(st, st.settings.digest_interval, tick, "digest", ready=lambda: not st.reload_lock.locked())


async def fan_out(st: BotState) -> None:
    senders = st.senders
    assert senders is not None, "prepare() starts the sender pool before it schedules this job"
    # Nothing is sending while digest_lock is held: a 'sending' claim now is one an error or a crash left.
    released = await st.database.write(subscriptions.release_stale_claims)
    if released:
        log.warning("%d digest claims were left by an error or a crash; they are resumed", released)
    queue: asyncio.Queue[DueDigest | None] = asyncio.Queue(maxsize=senders.slots)
    renders = DigestRenders(st)
    workers = [asyncio.create_task(_sender(st, senders.next(), queue, renders)) for _ in range(senders.slots)]
    total = 0
    cursor = None
    try:
        while not st.stopping.is_set():
            chunk = await st.database.write(subscriptions.claim_due, st.clock(), CLAIM_CHUNK, cursor)
            if not chunk:
                break
            cursor = chunk[-1].cursor  # rows before it are claimed or not due: the next chunk starts after it
            if not total:
                log.info("sending digests")
            total += len(chunk)
            for i, item in enumerate(chunk):
                if st.stopping.is_set():
                    await _release(st, chunk[i:])
                    break
                await queue.put(item)
    finally:
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers, return_exceptions=True)
    if total:
        log.info("%d digests handled", total)


async def _sender(st: BotState, bot: Bot, queue: asyncio.Queue[DueDigest | None], renders: DigestRenders) -> None:
    while (item := await queue.get()) is not None:
        if st.stopping.is_set():  # stop at once: what was claimed but not started goes back
            await _release(st, [item])
            continue
        try:
            messages, newest_id = await renders.get(item.after_id)
            await deliver_digest(bot, st, item, messages, newest_id)
        except Exception:  # a database or rendering error: the claim goes back, the others go on
            log.exception("digest to chat %s failed; it is given back", item.chat_id)
            await _release(st, [item])


async def _release(st: BotState, items: list[DueDigest]) -> None:
    try:
        for item in items:
            await st.database.write(subscriptions.release_claim, item)
    except Exception:  # the next fan-out's release_stale_claims gives them back
        log.exception("could not give back %d digest claims", len(items))


class DigestRenders:
    """Readers who saw the same articles get the same digest: rendered once per fan-out, on a reader thread."""

    def __init__(self, st: BotState) -> None:
        self._st = st
        self._renders: dict[int, asyncio.Future[tuple[list[str], int]]] = {}

    async def get(self, after_id: int) -> tuple[list[str], int]:
        if after_id not in self._renders:
            self._renders[after_id] = asyncio.ensure_future(self._st.database.read(render_digest, after_id))
        return await asyncio.shield(self._renders[after_id])


async def deliver_digest(bot: Bot, st: BotState, item: DueDigest, messages: list[str], newest_id: int) -> None:
    """Send one claimed digest from its first unsent message and settle its claim."""

    async def progress(parts_sent: int) -> None:
        if parts_sent < len(messages):
            await st.database.write(subscriptions.mark_progress, item, parts_sent)

    try:
        await send_html(bot, item.chat_id, messages, start=item.parts_sent, on_sent=progress, quiet=item.quiet)
    except ChatGone as exc:
        await st.database.write(subscriptions.unsubscribe, item.chat_id)
        log.info("chat %s is gone (%s): subscription ended", item.chat_id, exc)
    except OutcomeUnknown as exc:
        retry = await st.database.write(subscriptions.mark_unknown, item, str(exc), st.clock())
        log.warning(
            "digest to chat %s: outcome unknown (%s); %s", item.chat_id, exc,
            "one retry later today" if retry else "not retried (its late retry was this one)",
        )
    except ChatMigrated as exc:  # refused, nothing posted: the claim and subscription move, a later tick sends
        await st.database.write(subscriptions.release_claim, item)
        await st.database.write(subscriptions.move_chat, item.chat_id, exc.new_chat_id)
        log.info("chat %s became %s: its subscription moved", item.chat_id, exc.new_chat_id)
    except BadRequest as exc:  # Telegram refuses this text: resending it every tick cannot help
        await st.database.write(subscriptions.mark_failed, item, exc.message)
        log.error("digest to chat %s refused by Telegram (%s); not retried today", item.chat_id, exc.message)
        await report_to_admins(bot, st, render.reply("digest_refused", chat_id=item.chat_id, reason=exc.message))
    except TelegramError as exc:
        await st.database.write(subscriptions.release_claim, item)  # a later tick today resumes it
        log.warning("digest to chat %s failed (%s); will retry", item.chat_id, exc)
    else:
        if not await record_sent(st, item, newest_id):
            log.warning("digest to chat %s was for %s, a day that has not begun: the clock jumped", item.chat_id, item.local_date)


async def record_sent(st: BotState, item: DueDigest, newest_id: int) -> bool:
    """mark_sent, retried: the digest is out, so giving its claim back now would send it twice."""
    for attempt in range(1, RECORD_ATTEMPTS + 1):
        try:
            return await st.database.write(subscriptions.mark_sent, item, newest_id, st.clock())
        except DatabaseLost:
            raise
        except Exception:
            if attempt == RECORD_ATTEMPTS:
                log.error("digest to chat %s was sent but cannot be recorded: it will be sent again", item.chat_id)
                raise
            log.warning("recording the digest to chat %s failed; retry %d", item.chat_id, attempt, exc_info=True)
            await asyncio.sleep(RECORD_BACKOFF_SECONDS * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


async def report_to_admins(bot: Bot, st: BotState, message: str) -> None:
    """`message` is Telegram HTML from the templates (render.reply)."""
    for admin in st.settings.admin_ids:
        try:
            await send_html(bot, admin, [message])
        except Exception:  # the log line of the caller is the report of record
            log.exception("could not tell admin %s", admin)
