"""`newsbrief run`: configure, start polling, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from dotenv import load_dotenv
from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.app import build_application, prepare
from bot.redact_token import configure_logging, redact
from bot.settings import SettingsError, load_settings

log = logging.getLogger(__name__)


def run() -> int:
    load_dotenv()  # .env if present; the real environment wins
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
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
    """Run the bot until `stop` is set: the same sequence for production and for the end-to-end tests."""
    async with app:  # initialize() ... shutdown()
        await prepare(app)
        await app.start()
        await app.updater.start_polling(
            timeout=poll_timeout, allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY], drop_pending_updates=False
        )
        log.info("newsbrief is polling for updates")
        try:
            await stop.wait()
        finally:
            state = app.bot_data["newsbrief"]
            state.stopping.set()  # the fan-out claims nothing more and gives back what it has not started
            await app.updater.stop()
            await app.stop()  # waits for the sends in flight of a running digest tick
            if state.senders:
                await state.senders.stop()
            state.database.close()
