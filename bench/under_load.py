"""Commands while the bot is busy (issue 8, findings 8 and 11), in the bot process against the fake Bot API.

    python -m bench.under_load fanout 20000   # 20k subscribers due at once (300 msg/s): first digest, /start, RSS
    python -m bench.under_load reload 5000    # /reload of 5,000 new files: /subscribe and /start meanwhile

Prints one JSON line. `fanout`: seconds from the clock switch to the first digest, the latency of 40
/start commands sent 50 ms apart while the fan-out starts (median, max), and the bot's resident memory
before the switch and 4 s into the fan-out (VmHWM). `reload`: how long a /subscribe and a /start sent
2.5 s into the reload wait for their answer, and what the /subscribe answer says.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.botrun import SUBSCRIBER_CHAT0, BotProcess, bench_database
from bench.generate_articles import corpus_paths
from briefings.store.load_corpus import load_corpus
from briefings.store.schema import open_db
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


def fanout(n: int) -> dict:
    before, after = DAY + timedelta(hours=7, minutes=59), DAY + timedelta(hours=8, seconds=30)
    with bench_database(200, 1, n, DAY + timedelta(hours=7), "under-load") as bdb, FakeBotApi() as api:
        api.rate_limit(300)
        with BotProcess(api, bdb.db_path, bdb.corpus, bdb.tmp, overall=300, clock=before, clock_after=after) as bot:
            time.sleep(1)
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
            time.sleep(4)
            peak = bot.vmhwm_kb() or 0
            os.kill(bot.pid, signal.SIGKILL)
            bot.proc.wait(10)
    return {
        "subscribers": n,
        "first_digest_after_switch_s": None if first is None else round(first - t0, 3),
        "start_reply_s": {"median": latencies[len(latencies) // 2], "max": latencies[-1], "samples": len(latencies)},
        "rss_idle_mb": round(idle / 1024, 1),
        "rss_peak_mb": round(peak / 1024, 1),
    }


def reload_during(files: int) -> dict:
    with tempfile.TemporaryDirectory() as tmpdir, FakeBotApi() as api:
        tmp = Path(tmpdir)
        corpus = corpus_paths(files, 1)[0].parent
        db = open_db(tmp / "bot.db")
        load_corpus(db, [next(corpus.rglob("*.txt"))])  # one article, so start-up does not load the corpus
        db.close()
        with BotProcess(api, tmp / "bot.db", corpus, tmp, overall=300, clock=DAY) as bot:
            api.push_command(42, "/reload")
            time.sleep(2.5)  # the load is under way
            t0 = time.monotonic()
            api.push_command(9, "/subscribe 07:00")
            time.sleep(0.05)
            t1 = time.monotonic()
            api.push_command(10, "/start")
            subscribe_s, subscribe_text = _reply_after(api, 9, t0, 120)
            start_s, _ = _reply_after(api, 10, t1, 120)
            _reply_after(api, 42, t0, 300)
            os.kill(bot.pid, signal.SIGKILL)
            bot.proc.wait(10)
    return {"files": files, "subscribe_reply_s": subscribe_s, "subscribe_reply": subscribe_text, "start_reply_s": start_s}


if __name__ == "__main__":
    what, size = sys.argv[1], int(sys.argv[2])
    print(json.dumps(fanout(size) if what == "fanout" else reload_during(size), ensure_ascii=False))
