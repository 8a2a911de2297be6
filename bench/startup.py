"""Start-up and memory: time from spawning the bot process to the first getUpdates reaching the fake server,
and the bot process's peak RSS (VmHWM) with the full database and subscribers, idle after start-up."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from bench.botrun import BotProcess, bench_database
from bench.common import Figure, Sizes, median
from tests.fake_bot_api import FakeBotApi

STARTUP_LIMIT = 2.0
RSS_LIMIT_MB = 200.0
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    n = sizes.commands_articles
    with bench_database(n, seed, sizes.subscribers, NOW, "startup") as bdb:
        tmp, db_path, corpus = bdb.tmp, bdb.db_path, bdb.corpus
        times, phases, hwms = [], [], []
        with FakeBotApi() as api:
            for rep in range(sizes.startup_reps):
                with BotProcess(api, db_path, corpus, tmp, overall=30, clock=NOW, label=f"startup{rep}") as bot:
                    times.append(bot.startup_s)
                    time.sleep(0.5)  # let the first digest tick and the polling settle
                    hwms.append(bot.vmhwm_kb() or 0)
                phases.append(bot.phases())
                if bot.result.get("error"):
                    raise RuntimeError(f"bot process failed: {bot.result}")
    med = median(times)
    last = phases[len(phases) // 2]
    figures = [
        Figure(
            f"start-up to first getUpdates ({n:,} articles, {sizes.subscribers:,} subscribers)",
            med,
            "s",
            STARTUP_LIMIT,
            detail=f"median of {len(times)} cold process starts ({', '.join(f'{t:.2f}' for t in times)} s); one run's phases: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in last.items()),
            extra={"runs_s": times, "phases": phases},
        ).judge(),
        Figure(
            f"bot peak RSS after start-up ({n:,} articles, {sizes.subscribers:,} subscribers)",
            max(hwms) / 1024,
            "MB",
            RSS_LIMIT_MB,
            detail="VmHWM of the bot process 0.5 s after its first getUpdates (idle, first digest tick done)",
        ).judge(),
    ]
    log(f"  start-up: {med:.2f} s, peak RSS {max(hwms) / 1024:.0f} MB")
    return figures
