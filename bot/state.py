"""What every handler and job needs, kept in `application.bot_data["newsbrief"]`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils
from telegram.ext import ContextTypes

from bot.database import DatabaseThreads
from bot.group_admins import GroupAdmins
from bot.sender_pool import SenderPool
from briefings.settings import Settings


@dataclass
class BotState:
    """The settings, the database (threads for the loop, and the connection of start-up), the clock, locks."""

    settings: Settings
    db: sqlite_utils.Database  # start-up and shutdown only: on the loop, use `database`
    database: DatabaseThreads
    clock: Callable[[], datetime]
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    digest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    fetch_lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one fetch round at a time (job or /reload)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set at shutdown: no new digest is claimed
    ticker: asyncio.Task[None] | None = None  # the digest loop (bot/digest_job.py)
    source_ticker: asyncio.Task[None] | None = None  # the sources loop (bot/source_handlers.py)
    senders: SenderPool | None = None  # digest fan-out; started with the bot
    group_admins: GroupAdmins = field(default_factory=GroupAdmins)  # who may change a group's digest


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.bot_data["newsbrief"]
