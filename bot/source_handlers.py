"""Sources in the bot: /story N, the admin commands /sources, /addsource, /removesource, and the fetch job.

Fetching runs in a worker thread with its own database connection and event loop, so a slow or failing
source never holds up the bot's replies.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers import admin_only, reply
from bot.state import BotState, state
from bot.ticker import tick_until_stopped
from briefings.settings import Settings
from briefings.sources.feeds import FeedError
from briefings.sources.fetch import FetchError
from briefings.sources.pages import PageError
from briefings.store import sources as store
from briefings.store.fetch_sources import fetch_sources_at, follow_source
from briefings.store.schema import open_db
from briefings.views import render

log = logging.getLogger(__name__)



async def story(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    if len(args) != 1 or not args[0].isascii() or not args[0].isdigit():
        await reply(update, context, render.reply("story_usage"))
        return
    messages = await state(context).database.read(render.render_story, int(args[0]))
    await reply(update, context, messages or render.reply("no_story", story_id=int(args[0])))


@admin_only
async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, await state(context).database.read(render.render_sources))


@admin_only
async def addsource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    if not 1 <= len(args) <= 2:
        await reply(update, context, render.reply("addsource_usage"))
        return
    st = state(context)
    try:
        interval = store.parse_interval(args[1]) if len(args) == 2 else store.DEFAULT_INTERVAL_S
        # The first fetch (feed or page?) is network work: in a thread, with its own connection.
        source = await asyncio.to_thread(_follow, st.settings, args[0], interval, st.clock)
    except (store.SourceError, FetchError, FeedError, PageError) as exc:
        await reply(update, context, render.reply("bad_source", problem=str(exc)))
        return
    await reply(update, context, render.reply("source_added", source=source))


def _follow(settings: Settings, url: str, interval: int, clock: Callable[[], datetime]) -> store.Source:
    db = open_db(settings.db_path)
    try:
        return follow_source(db, url, interval, allow_private=settings.allow_private_sources, clock=clock)
    finally:
        db.close()


@admin_only
async def removesource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    if len(args) != 1 or not args[0].isascii() or not args[0].isdigit():
        await reply(update, context, render.reply("removesource_usage"))
        return
    source = await state(context).database.write(store.remove_source, int(args[0]))
    if source is None:
        await reply(update, context, render.reply("no_source", source_id=int(args[0])))
    else:
        await reply(update, context, render.reply("source_removed", source=source))


async def source_ticks(st: BotState) -> None:
    """Look for due sources every `fetch_interval` seconds until the bot stops (bot/ticker.py)."""
    await tick_until_stopped(st, st.settings.fetch_interval, lambda: fetch_due_sources(st), "sources")


async def fetch_due_sources(st: BotState) -> None:
    """Fetch the sources whose time has come; a round still running (from /reload) makes this tick a no-op."""
    if st.fetch_lock.locked():
        return
    async with st.fetch_lock:
        reports = await asyncio.to_thread(
            fetch_sources_at, st.settings.db_path, allow_private=st.settings.allow_private_sources, clock=st.clock,
            due_only=True,
        )
    for report in reports:
        if report.failed:
            log.warning("source #%s %s failed: %s", report.source_id, report.url, report.failed)
