"""Digest fan-out: a cohort of subscribers due in the same minute, sent by the real digest job in the bot process.

1. Rate-limited: the fake server enforces `rate`/s (Telegram's 30/s scaled up) and answers 429 + retry_after past
   it; the bot is built with overall_per_second=rate. Achieved steady rate ÷ allowed, lost, duplicated, CPU of the
   bot process per message (utime+stime from /proc between the trigger and the last message) → % of a core at 30/s.
2. Uncapped: no server limit, 50 ms added to every reply, bot built with overall_per_second=0 (no overall limiter):
   messages/s with 1 Bot instance sending digests, then with 4 and with the default pool of 8 (bot/sender_pool.py).
Each run moves the bot's clock (SIGUSR1) from 07:59 to 08:00:30 UTC of a new day, so the whole cohort is due at once.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from bench.botrun import SUBSCRIBER_CHAT0, BotProcess, bench_database
from bench.common import Figure, Sizes
from briefings.views import render
from briefings.store.schema import open_db
from tests.fake_bot_api import FakeBotApi

DAY = datetime(2026, 3, 10, tzinfo=timezone.utc)
RATE_SHARE_LIMIT = 0.95
CORE_LIMIT_PCT = 10.0
UNCAPPED_TARGET = 1000.0
RTT = 0.05
RSS_LIMIT_MB = 200.0


def _drive(api: FakeBotApi, bot: BotProcess, expected_msgs: int, timeout: float) -> dict:
    """Trigger the cohort and wait until every message arrived (or progress stalls); then a grace second for dups."""
    api.clear()
    cpu0 = bot.cpu_s()
    t0 = time.monotonic()
    bot.trigger()
    deadline = t0 + timeout
    last_count, last_change = 0, t0
    while True:
        count = len(api.sent)
        now = time.monotonic()
        if count >= expected_msgs:
            break
        if count != last_count:
            last_count, last_change = count, now
        if now > deadline or now - last_change > 15:
            break
        time.sleep(0.02)
    cpu1 = bot.cpu_s()
    t_done = time.monotonic()
    time.sleep(1.0)  # several digest ticks: a duplicate would show up here
    sent = list(api.sent)
    return {"sent": sent, "cpu": cpu1 - cpu0, "t0": t0, "t_done": t_done, "rejected_429": api.rejected_429,
            "hwm_kb": bot.vmhwm_kb()}


def _rates(sent, burst: int) -> tuple[float, float]:
    """(overall rate first→last message, steady rate after the first `burst` messages)."""
    times = sorted(m.time for m in sent)
    if len(times) < 2:
        return 0.0, 0.0
    overall = (len(times) - 1) / max(times[-1] - times[0], 1e-9)
    b = min(burst, len(times) // 4)
    steady = (len(times) - 1 - b) / max(times[-1] - times[b], 1e-9)
    return overall, steady


def _loss_dups(sent, subscribers: int, per_digest: int) -> tuple[int, int]:
    per_chat = Counter(m.chat_id for m in sent if m.method == "sendMessage")
    lost = sum(1 for i in range(subscribers) if per_chat.get(SUBSCRIBER_CHAT0 + i, 0) < per_digest)
    dups = sum(1 for c in per_chat.values() if c > per_digest)
    return lost, dups


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    figures: list[Figure] = []
    n_subs, rate = sizes.fanout, sizes.fanout_rate
    articles = sizes.commands_articles
    with bench_database(articles, seed, n_subs, DAY + timedelta(hours=7), "fanout") as bdb:
        tmp, db_path, corpus, last_id = bdb.tmp, bdb.db_path, bdb.corpus, bdb.last_id
        db = open_db(db_path)
        per_digest = len(render.render_digest(db, last_id)[0])
        db.close()
        expected = n_subs * per_digest

        def day(k: int) -> tuple[datetime, datetime]:
            d = DAY + timedelta(days=k)
            return d + timedelta(hours=7, minutes=59), d + timedelta(hours=8, seconds=30)

        with FakeBotApi() as api:
            # 1. rate-limited
            api.rate_limit(rate)
            before, after = day(0)
            with BotProcess(api, db_path, corpus, tmp, overall=rate, clock=before, clock_after=after, label="capped") as bot:
                r = _drive(api, bot, expected, timeout=expected / rate * 3 + 30)
            res_capped = bot.result
            overall, steady = _rates(r["sent"], int(rate))
            lost, dups = _loss_dups(r["sent"], n_subs, per_digest)
            msgs = max(1, len(r["sent"]))
            cpu_per_msg = r["cpu"] / msgs
            span = r["t_done"] - r["t0"]
            figures += [
                Figure(
                    f"fan-out {n_subs:,}: achieved ÷ allowed rate",
                    steady / rate,
                    "",
                    RATE_SHARE_LIMIT,
                    higher_is_better=True,
                    detail=f"steady {steady:.0f} msg/s (after the first second's burst) vs the fake server's {rate:.0f}/s; "
                    f"first→last {overall:.0f}/s; trigger→last {span:.2f} s; 429 answers {r['rejected_429']}; "
                    f"{per_digest} message(s) per digest",
                    extra={"steady_rate": steady, "overall_rate": overall, "rejected_429": r["rejected_429"]},
                ).judge(),
                Figure(f"fan-out {n_subs:,}: messages lost", lost, "chats", 0, detail="subscribers without their digest").judge(),
                Figure(f"fan-out {n_subs:,}: messages duplicated", dups, "chats", 0, detail="chats with more than one digest").judge(),
                Figure(
                    "fan-out: bot CPU at 30 msg/s",
                    cpu_per_msg * 30 * 100,
                    "% core",
                    CORE_LIMIT_PCT,
                    detail=f"{cpu_per_msg * 1000:.2f} ms CPU per message (bot process utime+stime {r['cpu']:.2f} s for "
                    f"{len(r['sent'])} messages, trigger → last message) × 30/s",
                    extra={"cpu_ms_per_msg": cpu_per_msg * 1000},
                ).judge(),
            ]
            if len(r["sent"]) < 3 * rate:
                figures[0].ok = None
                figures[0].limit = None
                figures[0].detail += "; cohort under 3 s of allowed traffic: inside the burst, not judged"
            hwm = max(r["hwm_kb"] or 0, res_capped.get("vmhwm_kb") or 0)
            figures.append(
                Figure(
                    f"bot peak RSS during fan-out ({n_subs:,} due, {articles:,} articles)",
                    hwm / 1024,
                    "MB",
                    RSS_LIMIT_MB,
                    detail="VmHWM of the bot process",
                ).judge()
            )
            log(f"  fan-out capped: {steady:.0f}/{rate:.0f} msg/s, lost {lost}, dups {dups}, {cpu_per_msg * 1000:.2f} ms CPU/msg")

            # 2. uncapped, 50 ms round trip: one sender Bot, then the default pool and a larger one
            api.clear_faults()
            api.latency = RTT
            variants = [
                ("1 sender Bot", ["--senders", "1"], 1),
                ("4 sender Bots", ["--senders", "4"], 2),
                ("8 sender Bots (default)", ["--senders", "8"], 3),
            ]
            for label, extra, k in variants:
                before, after = day(k)
                with BotProcess(api, db_path, corpus, tmp, overall=0, clock=before, clock_after=after, extra=extra,
                                label=f"uncapped{k}") as bot:
                    r = _drive(api, bot, expected, timeout=expected / 50 + 30)
                overall, steady = _rates(r["sent"], 0)
                lost, dups = _loss_dups(r["sent"], n_subs, per_digest)
                figures.append(
                    Figure(
                        f"fan-out {n_subs:,} uncapped @50 ms RTT: {label}",
                        overall,
                        "msg/s",
                        UNCAPPED_TARGET,
                        higher_is_better=True,
                        detail=f"first→last message; {len(r['sent'])} sent, lost {lost}, dups {dups}; bot CPU "
                        f"{r['cpu'] / max(1, len(r['sent'])) * 1000:.2f} ms/msg",
                        extra={"lost": lost, "dups": dups},
                    ).judge()
                )
                if lost or dups:
                    figures[-1].ok = False
                log(f"  fan-out uncapped ({label}): {overall:.0f} msg/s, lost {lost}, dups {dups}")
            api.latency = 0.0
    return figures
