"""`newsbrief run`: configure, start polling, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from dotenv import load_dotenv
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, prepare
from bot.redact_token import configure_logging
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
    app = build_application(settings)
    asyncio.run(serve_until_signal(app))
    return 0


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
            await app.updater.stop()
            await app.stop()  # waits for a running digest tick to finish
            state = app.bot_data["newsbrief"]
            if state.senders:
                await state.senders.stop()
