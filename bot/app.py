"""Build the PTB Application: every handler registered here, in one place, and the start-up sequence."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timezone

from telegram import BotCommand
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.commands import menu
from bot.database import DatabaseThreads
from bot.digest_job import send_due_digests
from bot.rate_limit import ChatRateLimiter
from bot.sender_pool import SenderPool
from bot.settings import BotSettings
from bot.state import BotState
from briefings.store import queries
from briefings.store import subscriptions
from briefings.store.schema import open_db

log = logging.getLogger(__name__)

COMMAND_HANDLERS = {
    "start": handlers.start,
    "help": handlers.help_command,
    "brief": handlers.brief,
    "facts": handlers.facts,
    "quotes": handlers.quotes,
    "who": handlers.who,
    "search": handlers.search,
    "article": handlers.article,
    "subscribe": handlers.subscribe,
    "unsubscribe": handlers.unsubscribe,
    "settings": handlers.settings,
    "digest": handlers.digest,
    "reload": handlers.reload,
    "stats": handlers.stats,
}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def silence_request_logs() -> None:
    """httpx logs every request URL, token included, at INFO: only its warnings get through."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def build_application(
    settings: BotSettings,
    clock: Callable[[], datetime] = utc_now,
    overall_per_second: float = 30,
) -> Application:
    silence_request_logs()
    app = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .rate_limiter(ChatRateLimiter(overall_per_second=overall_per_second))
        # A few updates at once; one httpx pool slows down past ~16 requests in flight.
        .concurrent_updates(settings.concurrent_updates)
        .build()
    )
    db = open_db(settings.db_path)
    app.bot_data["newsbrief"] = BotState(
        settings=settings, db=db, database=DatabaseThreads(settings.db_path), clock=clock
    )
    for name, callback in COMMAND_HANDLERS.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.plain_text))
    app.add_error_handler(handlers.on_error)
    return app


async def prepare(app: Application) -> None:
    """Start-up: load an empty corpus, publish the command menu, restore the digest schedule."""
    st: BotState = app.bot_data["newsbrief"]
    if queries.article_count(st.db) == 0:
        report = await asyncio.to_thread(handlers.reload_corpus, st.settings)
        log.info("corpus loaded: %d articles, %d failed", len(report.loaded), len(report.failed))
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in menu()])
    st.senders = SenderPool(app.bot, st.settings.api_base_url, st.settings.digest_senders)
    await st.senders.start()
    released = subscriptions.release_stale_claims(st.db)
    if released:
        log.warning("%d digests were being sent when the bot stopped; they will be sent again", released)
    # One job reads who is due from SQLite each tick; a missed digest (bot was down) goes out on the first tick.
    app.job_queue.run_repeating(
        send_due_digests,
        interval=st.settings.digest_interval,
        first=0,
        name="digests",
        # Two instances: a tick that finds the previous one still sending returns at once (digest_lock)
        # instead of APScheduler logging a skipped run every interval.
        job_kwargs={"max_instances": 2, "coalesce": True, "misfire_grace_time": None},
    )
    log.info("%d subscriptions restored", subscriptions.subscriber_count(st.db))
