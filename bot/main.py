"""`newsbrief run`: configure, start polling, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, prepare
from bot.redact_token import configure_logging
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
