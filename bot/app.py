"""Build the PTB Application: every handler registered here, in one place, and the start-up sequence."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar
from datetime import datetime, timezone

from telegram import Bot, BotCommand, BotCommandScopeChat, Message
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.request import HTTPXRequest
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import handlers, source_handlers
from bot.commands import menu
from bot.chat_order import ChatOrderedProcessor
from bot.database import DatabaseThreads
from bot.digest_job import digest_ticks
from bot.polling import FetchWindow, PollingBot
from bot.rate_limit import ChatRateLimiter, retry_after_seconds
from bot.sender_pool import SenderPool
from briefings.settings import Settings
from bot.state import BotState
from briefings.store import queries
from briefings.store import subscriptions
from briefings.store.load_corpus import load_if_empty
from briefings.store.schema import open_db

log = logging.getLogger(__name__)
T = TypeVar("T")

COMMAND_HANDLERS = {
    "story": source_handlers.story,
    "sources": source_handlers.sources_command,
    "addsource": source_handlers.addsource,
    "removesource": source_handlers.removesource,
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


class _AddressedToThisBot(filters.MessageFilter):
    """A command ending in this bot's @username: in a group, a bare /cmd may be meant for another bot."""

    def filter(self, message: Message) -> bool:
        command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        _, at, name = command.partition("@")
        return bool(at) and name.lower() == (message.get_bot().username or "").lower()


ADDRESSED_TO_THIS_BOT = _AddressedToThisBot()


def build_application(
    settings: Settings,
    clock: Callable[[], datetime] = utc_now,
    overall_per_second: float = 30,
) -> Application:
    silence_request_logs()
    window = FetchWindow()
    bot = PollingBot(
        window=window,
        token=settings.token,
        base_url=settings.api_base_url,
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=ChatRateLimiter(
            overall_per_second=overall_per_second, chat_per_second=settings.chat_send_rate
        ),
    )
    app = (
        ApplicationBuilder()
        .bot(bot)
        # A few updates at once (one httpx pool slows down past ~16 requests in flight), one chat's in order.
        .concurrent_updates(ChatOrderedProcessor(settings.concurrent_updates, on_done=window.finished))
        .build()
    )
    db = open_db(settings.db_path)
    app.bot_data["newsbrief"] = BotState(
        settings=settings, db=db, database=DatabaseThreads(settings.db_path), clock=clock
    )
    for name, callback in COMMAND_HANDLERS.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.chat_migrated))
    app.add_handler(ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    # In groups, other bots' commands and people's talk are none of ours: only private chats get a pointer.
    to_us = filters.ChatType.PRIVATE | ADDRESSED_TO_THIS_BOT
    app.add_handler(MessageHandler(filters.COMMAND & to_us, handlers.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, handlers.plain_text))
    app.add_error_handler(handlers.on_error)
    return app


START_UP_ATTEMPTS = 5
START_UP_BACKOFF = 1.0  # seconds, doubled after each failure: 1 + 2 + 4 + 8 = 15 s at most


async def with_start_up_retries(what: str, call: Callable[[], Awaitable[T]]) -> T:
    """A 5xx, a timeout or a 429 at start-up is retried with backoff (bounded); a refusal is not."""
    for attempt in range(1, START_UP_ATTEMPTS + 1):
        try:
            return await call()
        except BadRequest:  # a NetworkError subclass, but the request itself is wrong
            raise
        except (NetworkError, RetryAfter) as exc:
            if attempt == START_UP_ATTEMPTS:
                raise
            delay = retry_after_seconds(exc) if isinstance(exc, RetryAfter) else START_UP_BACKOFF * 2 ** (attempt - 1)
            log.warning("%s failed at start-up (%s); retry %d of %d in %.0f s", what, exc, attempt, START_UP_ATTEMPTS - 1, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def publish_menus(bot: Bot, admin_ids: frozenset[int]) -> None:
    """Everyone gets the public menu; each admin's private chat gets it with the admin commands."""
    public = [BotCommand(name, text) for name, text in menu()]
    await with_start_up_retries("setMyCommands", lambda: bot.set_my_commands(public))
    admin_menu = [BotCommand(name, text) for name, text in menu(is_admin=True)]
    for admin in sorted(admin_ids):
        try:
            await with_start_up_retries(
                "setMyCommands", lambda: bot.set_my_commands(admin_menu, scope=BotCommandScopeChat(admin))
            )
        except BadRequest as exc:  # "chat not found": this admin never talked to the bot; /help still lists them
            log.warning("admin %s gets the public menu (%s)", admin, exc.message)


async def prepare(app: Application) -> None:
    """Start-up: load an empty corpus, publish the command menu, restore the digest schedule."""
    st: BotState = app.bot_data["newsbrief"]
    report = await st.database.write(load_if_empty, st.settings.corpus_path)
    if report:
        log.info("corpus loaded: %d articles, %d failed", len(report.loaded), len(report.failed))
    await publish_menus(app.bot, st.settings.admin_ids)
    st.senders = SenderPool(app.bot, st.settings.api_base_url, st.settings.digest_senders)
    await st.senders.start()
    released = subscriptions.release_stale_claims(st.db)
    if released:
        log.warning("%d digests were being sent when the bot stopped; they resume after their last recorded message", released)
    # One task reads who is due from SQLite each tick; a missed digest (bot was down) goes out on the first tick.
    st.ticker = asyncio.create_task(digest_ticks(st), name="digest-ticks")
    log.info("%d subscriptions restored", subscriptions.subscriber_count(st.db))
    # Each source is fetched on its own schedule (next_fetch in SQLite); this task only looks for the due ones.
    st.source_ticker = asyncio.create_task(source_handlers.source_ticks(st), name="source-ticks")
