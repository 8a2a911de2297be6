"""Commands while the bot is busy (issue 8, findings 8 and 11), in the bot process against the fake Bot API.

    python -m bench.under_load fanout 20000 [RATE]  # 20k subscribers due at once (RATE msg/s, default 300), to the last digest
    python -m bench.under_load reload 10000   # /reload of 10,000 new files: a command from a new chat every 0.1 s meanwhile

Prints one JSON line. `fanout`: seconds from the clock switch to the first digest, the latency of 40
/start commands sent 50 ms apart while the fan-out starts (median, max), the event loop's lag (how late
a 10 ms sleep wakes, p99 with its sample count) over the whole fan-out and, for comparison, in the
5 s before it while the bot idles on the same busy machine, chats that got no digest or
more than one, and the bot's resident memory before the switch and at its peak (VmHWM). `reload`: how long the
/start and /subscribe commands sent during the reload (one every 0.1 s, each from a new chat) wait for their answer
(median, p99, max, with the sample count), how many /subscribe answers did not confirm, and the loop's lag during the
reload beside the idle bot's just before.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.botrun import SUBSCRIBER_CHAT0, BotProcess, bench_database
from bench.common import percentile
from bench.generate_articles import corpus_paths
from briefings.store.load_corpus import load_corpus
from briefings.store.schema import open_db
from briefings.views import render
from tests.fake_bot_api import FakeBotApi

DAY = datetime(2026, 3, 10, tzinfo=timezone.utc)


def _reply_after(api: FakeBotApi, chat: int, t0: float, timeout: float = 60) -> tuple[float | None, str | None]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msgs = api.sent_to(chat)
        if msgs:
            return round(msgs[0].time - t0, 3), msgs[0].text[:40]
        time.sleep(0.005)
    return None, None


def fanout(n: int, rate: float = 300) -> dict:
    """n subscribers due at once, the fake server and the bot limited to `rate` messages/s, to the last digest."""
    before, after = DAY + timedelta(hours=7, minutes=59), DAY + timedelta(hours=8, seconds=30)
    with bench_database(200, 1, n, DAY + timedelta(hours=7), "under-load") as bdb, FakeBotApi() as api:
        db = open_db(bdb.db_path)
        per_digest = len(render.render_digest(db, bdb.last_id)[0])
        db.close()
        api.rate_limit(rate)
        with BotProcess(api, bdb.db_path, bdb.corpus, bdb.tmp, overall=rate, clock=before, clock_after=after) as bot:
            time.sleep(5)  # the idle loop's lag on this machine now, to compare with the fan-out's
            idle = bot.vmhwm_kb() or 0
            api.clear()
            t0 = time.monotonic()
            bot.trigger()
            pushed = {}
            for i in range(40):
                pushed[5 + i] = time.monotonic()
                api.push_command(5 + i, "/start")
                time.sleep(0.05)
            latencies = sorted(_reply_after(api, chat, t)[0] or float("inf") for chat, t in pushed.items())
            deadline = time.monotonic() + 30
            while not any(m.chat_id >= SUBSCRIBER_CHAT0 for m in api.sent) and time.monotonic() < deadline:
                time.sleep(0.005)
            first = min((m.time for m in api.sent if m.chat_id >= SUBSCRIBER_CHAT0), default=None)
            _wait_for(api, n * per_digest, timeout=n * per_digest / rate * 2 + 60)
            t_last = time.monotonic()
            time.sleep(2)  # several digest ticks: a duplicate would show up here
            peak = bot.vmhwm_kb() or 0
            bot.stop()
        result = bot.result
    per_chat = Counter(m.chat_id for m in api.sent if m.method == "sendMessage" and m.chat_id >= SUBSCRIBER_CHAT0)
    return {
        "subscribers": n,
        "rate": rate,
        "first_digest_after_switch_s": None if first is None else round(first - t0, 3),
        "fan_out_s": round(t_last - t0, 1),
        "lost_chats": sum(1 for i in range(n) if per_chat.get(SUBSCRIBER_CHAT0 + i, 0) < per_digest),
        "duplicated_chats": sum(1 for c in per_chat.values() if c > per_digest),
        "loop_lag_ms": _loop_lag_ms(result),
        "start_reply_s": {"median": latencies[len(latencies) // 2], "max": latencies[-1], "samples": len(latencies)},
        "rss_idle_mb": round(idle / 1024, 1),
        "rss_peak_mb": round(max(peak, result.get("vmhwm_kb") or 0) / 1024, 1),
    }


def _loop_lag_ms(result: dict) -> dict:
    """The bot's loop lag after the clock switch (p99, max) and while idle before it, with sample counts."""
    lags = sorted(result.get("loop_lag_s") or [])
    idle_lags = sorted(result.get("idle_loop_lag_s") or [])
    return {
        "p99": round(percentile(lags, 99) * 1000, 1) if lags else None,
        "max": round(lags[-1] * 1000, 1) if lags else None,
        "samples": len(lags),
        "idle_p99": round(percentile(idle_lags, 99) * 1000, 1) if idle_lags else None,
        "idle_samples": len(idle_lags),
    }


def _wait_for(api: FakeBotApi, count: int, timeout: float, stall: float = 20) -> None:
    """Until `count` messages were sent, nothing new came for `stall` seconds, or `timeout`."""
    deadline = time.monotonic() + timeout
    last, last_change = -1, time.monotonic()
    while len(api.sent) < count and time.monotonic() < deadline:
        if len(api.sent) != last:
            last, last_change = len(api.sent), time.monotonic()
        elif time.monotonic() - last_change > stall:
            return
        time.sleep(0.1)


def reload_during(files: int, every_s: float = 0.1) -> dict:
    """/reload of `files` new files; meanwhile a /start or a /subscribe from a new chat every `every_s` seconds."""
    with tempfile.TemporaryDirectory() as tmpdir, FakeBotApi() as api:
        tmp = Path(tmpdir)
        corpus = corpus_paths(files, 1)[0].parent
        db = open_db(tmp / "bot.db")
        load_corpus(db, [next(corpus.rglob("*.txt"))])  # one article, so start-up does not load the corpus
        db.close()
        # The clock switch only marks when the reload starts, for the loop-lag probe; no one is due.
        with BotProcess(api, tmp / "bot.db", corpus, tmp, overall=300, clock=DAY, clock_after=DAY + timedelta(minutes=1)) as bot:
            time.sleep(5)  # the idle loop's lag on this machine now, to compare with the reload's
            bot.trigger()
            t_reload = time.monotonic()
            api.push_command(42, "/reload")
            pushed: dict[int, float] = {}
            while not api.sent_to(42) and time.monotonic() - t_reload < 900:
                chat = 1000 + len(pushed)
                pushed[chat] = time.monotonic()
                api.push_command(chat, "/start" if chat % 2 else f"/subscribe 07:{chat % 60:02d}")
                time.sleep(every_s)
            reload_s = time.monotonic() - t_reload
            replies = {chat: _reply_after(api, chat, t, 30) for chat, t in pushed.items()}
            bot.stop()
        result = bot.result
    latencies = sorted(s if s is not None else float("inf") for s, _ in replies.values())
    subscribes = [text for chat, (_, text) in replies.items() if chat % 2 == 0]
    return {
        "files": files,
        "reload_s": round(reload_s, 1),
        "command_reply_s": {
            "median": latencies[len(latencies) // 2] if latencies else None,
            "p99": percentile(latencies, 99) if latencies else None,
            "max": latencies[-1] if latencies else None,
            "samples": len(latencies),
            "unanswered": sum(1 for s in latencies if s == float("inf")),
        },
        "subscribe_not_confirmed": sum(1 for text in subscribes if "Subscribed" not in (text or "")),
        "loop_lag_ms": _loop_lag_ms(result),
    }


if __name__ == "__main__":
    what, size = sys.argv[1], int(sys.argv[2])
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    print(json.dumps(fanout(size, rate) if what == "fanout" else reload_during(size), ensure_ascii=False))
