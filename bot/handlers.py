"""Command handlers: parse the command, call the briefings layer, send what the templates render."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import PurePath

import sqlite_utils
from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import ChatMigrated
from telegram.ext import ContextTypes

from bot import commands
from bot.deliver import ChatGone, OutcomeUnknown, send_html
from briefings.settings import Settings
from bot.group_admins import may_change_digest
from bot.polling import PollingBot
from bot.state import BotState, state
from briefings.store import queries
from briefings.views import render
from briefings.views.telegram_html import split_messages
from briefings.store import subscriptions
from briefings.store.load_corpus import load_corpus
from briefings.models import LoadReport, SourceReport
from briefings.store.fetch_sources import fetch_sources_at
from briefings.store.schema import open_db

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]



async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, messages: list[str] | str, **kwargs) -> None:
    """Answer in the chat of the update, in messages Telegram accepts; a chat that blocked the bot loses its subscription.

    A reply whose outcome is unknown (timed out after the request went out) is neither sent again nor
    followed by an apology: Telegram may have posted it (see README, Telegram's rules).
    """
    chat_id = update.effective_chat.id
    parts = [part for text in ([messages] if isinstance(messages, str) else messages) for part in split_messages(text)]
    try:
        try:
            await send_html(context.bot, chat_id, parts, **kwargs)
        except ChatMigrated as exc:  # refused, so nothing was posted: the reply goes to the new id
            await move_chat(state(context), chat_id, exc.new_chat_id)
            chat_id = exc.new_chat_id
            await send_html(context.bot, chat_id, parts, **kwargs)
    except ChatGone as exc:
        await state(context).database.write(subscriptions.unsubscribe, chat_id)
        log.info("chat %s is gone (%s): subscription ended", chat_id, exc)
    except OutcomeUnknown as exc:
        log.warning("a reply to chat %s may or may not have arrived (%s): not resent", chat_id, exc)


async def move_chat(st: BotState, old_chat_id: int, new_chat_id: int) -> None:
    if await st.database.write(subscriptions.move_chat, old_chat_id, new_chat_id):
        log.info("chat %s became %s: its subscription moved", old_chat_id, new_chat_id)


async def chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The service messages of a group upgraded to a supergroup (one in each chat): the subscription follows."""
    message = update.effective_message
    if message.migrate_to_chat_id:
        await move_chat(state(context), message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await move_chat(state(context), message.migrate_from_chat_id, message.chat_id)


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot blocked in a private chat, or removed from a group: its subscription ends at once."""
    change = update.my_chat_member
    if change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT):
        if await state(context).database.write(subscriptions.unsubscribe, change.chat.id):
            log.info("bot %s in chat %s: subscription ended", change.new_chat_member.status, change.chat.id)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    await reply(update, context, render.reply("start", first_name=user.first_name if user else None))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, render.reply("help", commands=commands.visible_to(is_admin(update, context))))


async def brief(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    database = state(context).database
    lead = await database.read(render.lead_article_id)
    buttons = None
    if lead is not None:
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Facts", callback_data="facts"),
                    InlineKeyboardButton("Quotes", callback_data="quotes"),
                    InlineKeyboardButton("Full article", callback_data=f"article:{lead}"),
                ]
            ]
        )
    await reply(update, context, await database.read(render.render_briefing), reply_markup=buttons)


async def facts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, await state(context).database.read(render.render_facts))


async def quotes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = " ".join(context.args or []).strip() or None
    await reply(update, context, await state(context).database.read(render.render_quotes, name))


async def who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, await state(context).database.read(render.render_people))


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    words = " ".join(context.args or []).strip()
    if not words:
        await reply(update, context, render.reply("search_usage"))
        return
    await reply(update, context, await state(context).database.read(render.render_search, words[:200]))


async def article(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    article_id = parse_article_id(args[0]) if len(args) == 1 else None
    if article_id is None:
        await reply(update, context, render.reply("article_usage"))
        return
    await send_article(update, context, article_id)


def parse_article_id(text: str) -> int | None:
    """ASCII digits that fit SQLite's integer ('²'.isdigit() is True, and 20 digits overflow it)."""
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None


async def send_article(update: Update, context: ContextTypes.DEFAULT_TYPE, article_id: int) -> None:
    messages = await state(context).database.read(render.render_article, article_id)
    if messages is None:
        await reply(update, context, render.reply("no_article", article_id=article_id))
    else:
        await reply(update, context, messages)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The inline buttons under a briefing: Facts, Quotes, Full article."""
    query = update.callback_query
    await query.answer()
    data = query.data or ""
    database = state(context).database
    if data == "facts":
        await reply(update, context, await database.read(render.render_facts))
    elif data == "quotes":
        await reply(update, context, await database.read(render.render_quotes))
    elif data.startswith("article:"):
        article_id = parse_article_id(data.removeprefix("article:"))
        if article_id is None:  # not a button of ours: callback data can be forged
            await reply(update, context, render.reply("article_usage"))
        else:
            await send_article(update, context, article_id)


def group_admins_only(handler: Handler) -> Handler:
    """In a group, only its administrators change the group's digest; a member gets a one-line refusal."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await may_change_digest(update, context.bot, state(context).group_admins):
            await reply(update, context, render.reply("group_admins_only"))
            return
        await handler(update, context)

    return guarded


@group_admins_only
async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    st = state(context)
    try:
        # No valid time or zone is longer than this: a clipped word is echoed in the error, not 4,000 characters.
        args = [arg if len(arg) <= 64 else arg[:63] + "…" for arg in context.args or []]
        args, quiet = subscriptions.parse_quiet(args)
        at, zone = subscriptions.parse_subscribe_args(args, st.settings.default_tz)
    except subscriptions.SubscriptionError as exc:
        await reply(update, context, render.reply("bad_subscribe", problem=str(exc)))
        return
    user_id = update.effective_user.id if update.effective_user else None
    sub = await st.database.write(
        subscriptions.subscribe, update.effective_chat.id, user_id, at, zone, st.clock(), quiet=quiet
    )
    await reply(update, context, render.reply("subscribed", sub=sub, next_at=await next_digest(st, sub)))


@group_admins_only
async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    ended = await state(context).database.write(subscriptions.unsubscribe, update.effective_chat.id)
    await reply(update, context, render.reply("unsubscribed", ended=ended))


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    st = state(context)
    sub = await st.database.read(subscriptions.get_subscription, update.effective_chat.id)
    if sub is None:
        await reply(update, context, render.reply("no_subscription"))
    else:
        await reply(update, context, render.reply("settings", sub=sub, next_at=await next_digest(st, sub)))


async def next_digest(st: BotState, sub: subscriptions.Subscription) -> datetime:
    now = st.clock()
    today = subscriptions.local_now(now, sub.tz).date().isoformat()
    delivered = await st.database.read(subscriptions.delivered_on, sub.chat_id, today)
    return subscriptions.next_digest_at(sub, now, delivered)


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The digest on demand: what is new since the last scheduled one (everything recent for non-subscribers)."""
    messages, _ = await state(context).database.read(digest_for_chat, update.effective_chat.id)
    await reply(update, context, messages)


def digest_for_chat(db: sqlite_utils.Database, chat_id: int) -> tuple[list[str], int]:
    return render.render_digest(db, subscriptions.last_digest_article_id(db, chat_id))


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """By numeric user id from the configuration: usernames can change hands."""
    user = update.effective_user
    return bool(user and user.id in state(context).settings.admin_ids)


def admin_only(handler: Handler) -> Handler:
    """Anyone not in NEWSBRIEF_ADMIN_IDS gets a refusal and the handler does not run."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not is_admin(update, context):
            await reply(update, context, render.reply("not_admin"))
            return
        await handler(update, context)

    return guarded


@admin_only
async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    st = state(context)
    if st.reload_lock.locked():
        await reply(update, context, render.reply("reload_busy"))
        return
    async with st.reload_lock:
        if isinstance(context.bot, PollingBot):
            context.bot.release(update)  # a reload can take a minute: it must not slow the fetching of commands
        # A thread with its own connection: the loop keeps answering while files are read and extracted.
        report = await asyncio.to_thread(reload_corpus, st.settings)
        fetched = await refetch_sources(st)
    loaded = render.load_report(report, lambda path: PurePath(path).name, heading=True)
    await reply(update, context, [loaded, *(render.render_fetch_report(fetched) if fetched else [])])


async def refetch_sources(st: BotState) -> list[SourceReport]:
    """/reload fetches every source too (after any running fetch round); a failing one is reported, not fatal."""
    async with st.fetch_lock:
        return await asyncio.to_thread(
            fetch_sources_at, st.settings.db_path, allow_private=st.settings.allow_private_sources, clock=st.clock,
            due_only=False,
        )


def reload_corpus(settings: Settings) -> LoadReport:
    db = open_db(settings.db_path)
    try:
        return load_corpus(db, [settings.corpus_path])
    finally:
        db.close()


@admin_only
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    st = state(context)
    await reply(update, context, await st.database.read(stats_text, st.clock()))


def stats_text(db: sqlite_utils.Database, now: datetime) -> str:
    outcomes = subscriptions.delivery_counts(db, now)
    return render.reply(
        "stats",
        articles=queries.article_count(db),
        quotes=queries.quote_count(db),
        subscribers=subscriptions.subscriber_count(db),
        digests_today=subscriptions.digests_sent_on(db, now),
        unknown_today=outcomes.get("unknown", 0),
        refused_today=outcomes.get("failed", 0),
    )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, render.reply("unknown_command"))


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, render.reply("plain_text"))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every unexpected exception; the user gets an apology rather than silence."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await send_html(context.bot, update.effective_chat.id, [render.reply("apology")])
        except Exception:  # the apology itself failed (network down?): the log line above is what we have
            log.exception("could not send the apology to chat %s", update.effective_chat.id)
