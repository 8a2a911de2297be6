"""What every handler and job needs, kept in `application.bot_data["newsbrief"]`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils
from telegram.ext import ContextTypes

from bot.sender_pool import SenderPool
from briefings.settings import Settings


@dataclass
class BotState:
    """The settings, the database connection of the event loop's thread, the clock and two locks."""

    settings: Settings
    db: sqlite_utils.Database
    clock: Callable[[], datetime]
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    digest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    senders: SenderPool | None = None  # digest fan-out; started with the bot


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.bot_data["newsbrief"]
