"""Command latency through the real Application (bot process + FakeBotApi) beside the database+render part alone.

Bot figure: the parent pushes a command into the fake server (which wakes the bot's blocked long poll at once)
and takes the time from the push until the fake server has recorded the last message of the reply
(SentMessage.time, recorded after its own HTML check). Nothing is subtracted: it includes getUpdates delivery,
PTB dispatch, the handler's database and render work, the rate limiter and the sendMessage round trip to a
Python HTTP server. Commands are sent one at a time, each from a new private chat (no per-chat limiter wait);
the bot is built with overall_per_second=1000 here so the overall limiter does not pace sequential commands
(its pacing is what the fan-out section measures).

Database part: the same queries and render calls the handler makes, called directly in this process on the
same database file.
"""

from __future__ import annotations

import gc
import time
from datetime import datetime, timezone
from typing import Callable

from bench.botrun import SUBSCRIBER_CHAT0, BotProcess, bench_database
from bench.common import Figure, Sizes, percentile, tail_name
from briefings.store import queries
from briefings.views import render
from briefings.store import subscriptions
from briefings.store.schema import open_db
from tests.fake_bot_api import FakeBotApi
from tests.telegram_html_check import check_telegram_html

P99_LIMIT_MS = 20.0
OVERHEAD_LIMIT = 2.0
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)  # subscribers made now are first due tomorrow
COMMAND_CHAT0 = 50_000_000
RSS_LIMIT_MB = 200.0


def command_specs(db) -> list[tuple[str, str, Callable[[], list[str]], bool]]:
    """(label, command text, database+render part, from a subscriber chat?)"""
    sub_chat = SUBSCRIBER_CHAT0  # every subscriber has the same delivery history

    def brief() -> list[str]:
        queries.latest_articles(db, limit=1)  # the handler's button lookup
        return render.render_briefing(db)

    def quotes() -> list[str]:
        return render.render_quotes(db, "peskov")

    def search_typical() -> list[str]:
        return render.render_search(db, "drones Moscow")

    def search_common() -> list[str]:
        return render.render_search(db, "said")

    def digest() -> list[str]:
        return render.render_digest(db, subscriptions.last_digest_article_id(db, sub_chat))[0]

    return [
        ("/brief", "/brief", brief, False),
        ("/quotes NAME", "/quotes peskov", quotes, False),
        ("/search typical", "/search drones Moscow", search_typical, False),
        ("/search common word", "/search said", search_common, False),
        ("/digest", "/digest", digest, True),
    ]


BUDGET_S = {"tiny": 1.0, "quick": 2.5, "full": 8.0}  # per command and side: slow commands get fewer repetitions


def _time_db(fn: Callable[[], list[str]], reps: int, budget_s: float) -> tuple[list[float], list[str]]:
    start = time.perf_counter()
    for _ in range(3):
        messages = fn()
    per_call = (time.perf_counter() - start) / 3
    reps = max(min(reps, 20), min(reps, int(budget_s / max(per_call, 1e-6))))
    out = []
    gc.collect()
    for _ in range(reps):
        start = time.perf_counter()
        messages = fn()
        out.append(time.perf_counter() - start)
    return out, messages


def _time_bot(api: FakeBotApi, text: str, expected: int, reps: int, chat_for: Callable[[int], int]) -> list[float]:
    out = []
    for i in range(reps + 3):
        before = len(api.sent)
        chat = chat_for(i)
        start = time.monotonic()
        api.push_command(chat, text)
        sent = api.wait_for_count(before + expected, timeout=30)
        mine = [m for m in sent[before:] if m.chat_id == chat]
        if i >= 3:  # the first three warm up the bot's caches
            out.append(max(m.time for m in mine) - start)
        time.sleep(0.002)
    return out


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    figures: list[Figure] = []
    n, reps = sizes.commands_articles, sizes.command_reps
    with bench_database(n, seed, sizes.subscribers, NOW, "cmd") as bdb:
        tmp, db_path, corpus = bdb.tmp, bdb.db_path, bdb.corpus
        db = open_db(db_path)
        specs = command_specs(db)
        budget = BUDGET_S.get(sizes.name, 20.0)
        db_times = {label: _time_db(fn, reps, budget) for label, _, fn, _ in specs}
        with FakeBotApi() as api:
            with BotProcess(api, db_path, corpus, tmp, overall=1000, clock=NOW, label="commands") as bot:
                bot_times = {}
                counter = iter(range(10**9))
                for label, text, _, from_subscriber in specs:
                    expected = len(db_times[label][1])
                    if from_subscriber:
                        # /digest comes from subscribers' chats, rotating so that the bot's per-chat bucket
                        # (3 messages per 3 s) never holds a reply back
                        chat_for = lambda i: SUBSCRIBER_CHAT0 + i % min(sizes.subscribers, 5000)  # noqa: E731
                    else:
                        chat_for = lambda i: COMMAND_CHAT0 + next(counter)  # noqa: E731
                    bot_times[label] = _time_bot(api, text, expected, len(db_times[label][0]), chat_for)
                hwm = bot.vmhwm_kb()
                problems = len(api.html_problems)
        db.close()

        for label, text, fn, _ in specs:
            dbt, messages = db_times[label]
            bt = bot_times[label]
            db50, db99 = percentile(dbt, 50) * 1000, percentile(dbt, 99) * 1000
            b50, b99 = percentile(bt, 50) * 1000, percentile(bt, 99) * 1000
            check_start = time.perf_counter()
            for m in messages:
                check_telegram_html(m)
            check_ms = (time.perf_counter() - check_start) * 1000
            chars = sum(len(m) for m in messages)
            figures.append(
                Figure(
                    f"{label} {tail_name(len(bt))} via bot ({n:,} articles)",
                    b99,
                    "ms",
                    P99_LIMIT_MS,
                    detail=f"{text!r}: p50 {b50:.1f} ms, p99 {b99:.1f} ms over {len(bt)} sequential commands, push → last "
                    f"reply message recorded by the fake server ({len(messages)} msg, {chars} chars; the fake server's "
                    f"own HTML check of it takes ~{check_ms:.1f} ms of that)",
                    extra={"p50_ms": b50, "p99_ms": b99, "samples_ms": [round(x * 1000, 3) for x in bt]},
                ).judge()
            )
            figures.append(
                Figure(
                    f"{label} {tail_name(len(dbt))} database+render ({n:,} articles)",
                    db99,
                    "ms",
                    P99_LIMIT_MS,
                    detail=f"p50 {db50:.2f} ms, p99 {db99:.2f} ms over {len(dbt)} direct calls ({fn.__name__})",
                    extra={"p50_ms": db50, "p99_ms": db99},
                ).judge()
            )
            figures.append(
                Figure(
                    f"{label} bot ÷ database part (p50)",
                    b50 / db50 if db50 else None,
                    "×",
                    OVERHEAD_LIMIT,
                    detail=f"p50 {b50:.2f} / {db50:.2f} ms; p99 ratio {b99 / db99 if db99 else float('nan'):.2f}×; "
                    f"absolute bot overhead p50 {b50 - db50:.2f} ms",
                ).judge()
            )
        figures.append(
            Figure(
                f"bot peak RSS serving commands ({n:,} articles, {sizes.subscribers:,} subscribers)",
                (hwm or 0) / 1024,
                "MB",
                RSS_LIMIT_MB,
                detail=f"VmHWM of the bot process after all commands; html problems seen by the fake: {problems}",
            ).judge()
        )
        log(f"  commands: {', '.join(f'{label} p99 {percentile(bot_times[label], 99) * 1000:.1f} ms' for label, *_ in specs)}")
    return figures

