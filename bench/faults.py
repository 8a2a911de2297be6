"""Faults during a digest fan-out: the bot process against a fake Bot API that misbehaves, killed and restarted.

While a cohort of subscribers is due at once, an injector thread keeps the fake server answering with
429 bursts (retry_after), 5xx, sends answered after the bot stopped waiting (timeouts: the message was
accepted), slow sends answered in time, and connections reset before or after the send was accepted.
At random moments the bot process gets SIGKILL and is started again. At the end the bot is started
once more two hours later (bot clock), when a digest of unknown outcome gets its one late retry.

Every (chat, message) pair of the digest is counted: lost = a part that never arrived, duplicated = a part
that arrived more than once. Each duplicate is explained or counted as unexplained: either its earlier
copy was accepted within the in-flight window before a kill (at most `slots` sends: the documented
window of a kill -9), or the chat's digest had an unknown outcome and got its late retry (deliveries.attempts = 2).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from bench.botrun import SUBSCRIBER_CHAT0, BotProcess, bench_database
from bench.common import Figure, Sizes
from briefings.store.schema import open_db
from briefings.views import render
from tests.fake_bot_api import FakeBotApi

DAY = datetime(2026, 3, 10, tzinfo=timezone.utc)
SEND_TIMEOUT = 1.0  # the bot's read timeout for sends in this run (30 s in production): timeouts come quickly
MAX_DELAY = SEND_TIMEOUT + 0.5  # the longest injected delay: answered after the bot stopped waiting
SLOTS = 8 * 8  # sender Bots × connections each: the sends one bot process can have in flight
KILLS = {"tiny": 1, "quick": 2, "full": 3}


def _inject(api: FakeBotApi, rng: random.Random, stop: threading.Event, counts: Counter) -> None:
    """Every 50-250 ms, one fault for the next few sendMessage calls."""
    while not stop.wait(rng.uniform(0.05, 0.25)):
        kind = rng.choice(["429", "5xx", "timeout", "slow", "reset-before", "reset-after"])
        times = rng.randint(1, 4)
        if kind == "429":
            api.fail_next("sendMessage", 429, retry_after=1, times=times)
        elif kind == "5xx":
            api.fail_next("sendMessage", rng.choice([500, 502]), times=times)
        elif kind == "timeout":
            api.delay("sendMessage", MAX_DELAY, times=times)  # accepted after the bot gave up
        elif kind == "slow":
            api.delay("sendMessage", SEND_TIMEOUT / 3, times=times)
        else:
            api.reset_next("sendMessage", times=times, accepted=kind == "reset-after")
        counts[kind] += times


def _wait_quiet(api: FakeBotApi, done, timeout: float, quiet: float = 5.0) -> None:
    """Until done() or nothing new was sent for `quiet` seconds (or timeout)."""
    deadline = time.monotonic() + timeout
    last, last_change = -1, time.monotonic()
    while time.monotonic() < deadline and not done():
        count = len(api.sent)
        if count != last:
            last, last_change = count, time.monotonic()
        elif time.monotonic() - last_change > quiet:
            return
        time.sleep(0.05)


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    rng = random.Random(seed)
    n_subs = sizes.fanout
    rate = sizes.fanout_rate
    articles = min(sizes.commands_articles, 1000)
    kills = KILLS[sizes.name]
    before, after = DAY + timedelta(hours=7, minutes=59), DAY + timedelta(hours=8, seconds=30)
    with bench_database(articles, seed, n_subs, DAY + timedelta(hours=7), "faults") as bdb:
        db = open_db(bdb.db_path)
        messages, _ = render.render_digest(db, bdb.last_id)
        db.close()
        part_of = {text: i for i, text in enumerate(messages)}
        extra = ["--send-timeout", str(SEND_TIMEOUT)]
        injected: Counter = Counter()
        kill_times: list[float] = []
        with FakeBotApi() as api:
            api.rate_limit(rate)
            stop = threading.Event()
            injector = threading.Thread(target=_inject, args=(api, rng, stop, injected), daemon=True)
            bot = BotProcess(api, bdb.db_path, bdb.corpus, bdb.tmp, overall=rate, clock=before, clock_after=after,
                             extra=extra, label="faults0").__enter__()
            injector.start()
            bot.trigger()
            expected = n_subs * len(messages)
            fan_out_s = expected / rate
            for k in range(1, kills + 1):
                time.sleep(rng.uniform(0.1, 0.6) * fan_out_s / kills)
                kill_times.append(time.monotonic())
                os.kill(bot.pid, signal.SIGKILL)
                bot.proc.wait(10)
                bot.stop()
                bot = BotProcess(api, bdb.db_path, bdb.corpus, bdb.tmp, overall=rate, clock=after, extra=extra,
                                 label=f"faults{k}").__enter__()
            _wait_quiet(api, lambda: len(api.sent) >= expected, timeout=fan_out_s * 3 + 60)
            stop.set()
            injector.join(5)
            api.clear_faults()
            _wait_quiet(api, lambda: False, timeout=30, quiet=3)
            bot.stop()
            # Two hours later (bot clock): digests of unknown outcome get their one late retry.
            later = after + timedelta(hours=2)
            with BotProcess(api, bdb.db_path, bdb.corpus, bdb.tmp, overall=rate, clock=later, extra=extra,
                            label="faults-late"):
                _wait_quiet(api, lambda: False, timeout=60, quiet=3)
            sent = [m for m in api.sent if m.method == "sendMessage" and isinstance(m.chat_id, int)
                    and m.chat_id >= SUBSCRIBER_CHAT0]
        with sqlite3.connect(bdb.db_path) as conn:
            retried = {row[0] for row in conn.execute("SELECT chat_id FROM deliveries WHERE attempts >= 2")}
            outcomes = dict(conn.execute(
                "SELECT status, count(*) FROM deliveries WHERE local_date = ? GROUP BY status", [after.date().isoformat()]
            ).fetchall())
    copies: dict[tuple[int, int], list[float]] = {}
    for m in sent:
        copies.setdefault((m.chat_id, part_of.get(m.text, -1)), []).append(m.time)
    lost = [(SUBSCRIBER_CHAT0 + i, p) for i in range(n_subs) for p in range(len(messages))
            if (SUBSCRIBER_CHAT0 + i, p) not in copies]
    duplicated = {key: times for key, times in copies.items() if len(times) > 1}
    # A send in flight at a kill was accepted at most `before` seconds before it (sent, answer not yet
    # recorded), or up to `after` seconds after it: the fake server finishes a delayed request whose
    # client is gone, as Telegram would.
    before, after = SEND_TIMEOUT + 2.0, MAX_DELAY + 0.5
    at_kill = Counter()
    unexplained = 0
    retry_dups = 0
    for (chat, _), times in duplicated.items():
        first = sorted(times)[0]
        kill = next((t for t in kill_times if t - before <= first <= t + after), None)
        if kill is not None:
            at_kill[kill] += len(times) - 1
        elif chat in retried:
            retry_dups += len(times) - 1
        else:
            unexplained += len(times) - 1
    per_chat = Counter(len(times) for times in copies.values())
    chat_copies = Counter()  # chat -> messages it received, all parts together
    for (chat, _), times in copies.items():
        chat_copies[chat] += len(times)
    per_chat_counts = Counter(chat_copies.get(SUBSCRIBER_CHAT0 + i, 0) for i in range(n_subs))
    per_kill = [at_kill.get(t, 0) for t in kill_times]
    exactly_once = sum(1 for i in range(n_subs)
                       if all(len(copies.get((SUBSCRIBER_CHAT0 + i, p), [])) == 1 for p in range(len(messages))))
    needed = sum(1 for chat in retried if all(len(copies.get((chat, p), [])) == 1 for p in range(len(messages))))
    worst_kill = max(at_kill.values(), default=0)
    log(f"  faults: {len(sent)} messages, lost {len(lost)}, duplicated {len(duplicated)}, injected {dict(injected)}")
    log(f"  faults: chats by messages received ({len(messages)} per digest): {dict(sorted(per_chat_counts.items()))}; "
        f"copies in flight per kill {per_kill}; late retries {len(retried)} ({needed} needed), outcomes {outcomes}")
    return [
        Figure(f"faults {n_subs:,}: messages lost", len(lost), "parts", 0,
               detail=f"(chat, message) pairs never delivered; {kills} kill -9 + restart; injected {dict(injected)}").judge(),
        Figure(f"faults {n_subs:,}: duplicates outside the documented window", unexplained, "copies", 0,
               detail="a copy neither in flight at a kill nor the late retry of an unknown outcome; "
               f"duplicated (chat, part): {len(duplicated)}").judge(),
        Figure(f"faults {n_subs:,}: duplicates in flight at a kill -9 (worst kill)", worst_kill, "copies", SLOTS,
               detail=f"per kill {per_kill}; the bound is the sends one process has in flight "
               f"({SLOTS}), at most rate × round trip when the limiter is the bottleneck").judge(),
        Figure(f"faults {n_subs:,}: late retries of an unknown outcome", retry_dups, "copies", None,
               detail=f"{len(retried)} digests of unknown outcome (timeout, reset) got their one late retry: for "
               f"{needed} of them the first attempt had not arrived (without the retry they were lost); the copies "
               "counted here are the others"),
        Figure(f"faults {n_subs:,}: copies per (chat, message)", len(sent) / max(1, len(copies)), "×", None,
               detail=f"histogram {dict(sorted(per_chat.items()))}; outcomes today {outcomes}"),
        Figure(f"faults {n_subs:,}: chats that got each message exactly once", exactly_once, "chats", None,
               detail=f"chats by messages received ({len(messages)} per digest): {dict(sorted(per_chat_counts.items()))}"),
    ]
