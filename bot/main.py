"""`newsbrief run`: configure, start polling, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.app import START_UP_ATTEMPTS, build_application, prepare, with_start_up_retries
from bot.redact_token import configure_logging, redact
from briefings.settings import Settings

log = logging.getLogger(__name__)


TOKEN_MISSING = (
    "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), then "
    "`export TELEGRAM_BOT_TOKEN=...` or put it in .env. `newsbrief brief` previews the briefing offline."
)


def run(settings: Settings) -> int:
    if not settings.token:
        print(f"newsbrief: {TOKEN_MISSING}", file=sys.stderr)
        return 2
    configure_logging(settings.token)
    # Nothing may escape as a traceback: PTB's own messages quote the token, and the log filter never sees them.
    try:
        app = build_application(settings)
        asyncio.run(serve_until_signal(app))
    except InvalidToken:
        print(
            "newsbrief: the Bot API refused the token (401 or 404). Check TELEGRAM_BOT_TOKEN (from @BotFather) "
            "and TELEGRAM_API_BASE_URL (it must end in /bot).",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        log.debug("the bot stopped on an error", exc_info=exc)  # scrubbed by the log filter; shown with DEBUG
        print(f"newsbrief: stopped: {redact(describe(exc), settings.token)}", file=sys.stderr)
        return 1
    return 0


def describe(exc: BaseException) -> str:
    """One line: the exception's type and message, and its cause's."""
    text = f"{type(exc).__name__}: {exc}"
    if exc.__cause__ is not None:
        text += f" (caused by {type(exc.__cause__).__name__}: {exc.__cause__})"
    return " ".join(text.split())


async def serve_until_signal(app: Application) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(app, stop)


async def serve(app: Application, stop: asyncio.Event, poll_timeout: int = 10) -> None:
    """Run the bot until `stop` is set: the same sequence for production and for the end-to-end tests.

    Polling refused mid-run (401/404 on getUpdates) ends the run with InvalidToken: PTB's polling loop
    gives up for good on it while the process would stay up, so only a restart can recover.
    """
    # getMe here rather than inside `async with app`, whose failed start cannot be retried.
    await with_start_up_retries("getMe", app.bot.initialize)
    async with app:  # initialize() ... shutdown()
        await prepare(app)
        await app.start()
        refused = app.bot.refused
        try:  # from here on, whatever ends the run stops the application first
            await app.updater.start_polling(
                timeout=poll_timeout,
                allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER],
                drop_pending_updates=False,
                bootstrap_retries=START_UP_ATTEMPTS - 1,  # deleteWebhook, PTB's own backoff
            )
            log.info("newsbrief is polling for updates")
            await first_of(stop.wait(), refused.wait())
        finally:
            await stop_everything(app)
        if refused.is_set():
            raise InvalidToken("getUpdates was refused (401/404) while polling")


async def first_of(*waits: Awaitable[object]) -> None:
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


async def confirm_answered(app: Application) -> None:
    """Tell Telegram the updates answered while stopping are done, or the next start answers them again."""
    try:
        await app.bot.confirm_answered()
    except TelegramError as exc:
        log.warning("could not confirm the last answered updates (%s): they may be answered again", exc)


async def stop_everything(app: Application) -> None:
    """Stop claiming digests, stop polling, then the application (it answers what was fetched), then the
    digest senders and the database threads."""
    state = app.bot_data["newsbrief"]
    state.stopping.set()  # the fan-out claims nothing more and gives back what it has not started
    try:
        if app.updater.running:  # not if deleteWebhook failed before polling began
            await app.updater.stop()
    except InvalidToken:
        pass  # the polling task ended on it: already reported by `refused`
    finally:
        ticks = [task for task in (state.ticker, state.source_ticker) if task]
        await asyncio.gather(*ticks, return_exceptions=True)  # the sends and the fetch round in flight, no more
        await app.stop()
        if not app.bot.refused.is_set():
            await confirm_answered(app)
        if state.senders:
            await state.senders.stop()
        state.database.close()
