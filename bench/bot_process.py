"""The bot as its own process for the benchmarks: the real build_application + serve, against a FakeBotApi.

A separate process so that the bot's CPU time, peak RSS and start-up are its own (the fake server runs in the
parent and would otherwise share the GIL and the process counters). The clock is fixed and moves to
`--clock-after` on SIGUSR1, which makes a whole cohort of subscribers due at once. SIGTERM stops the bot the
way `newsbrief run` does; the process then writes a JSON report (timestamps, CPU, VmHWM) to `--result`.

    python -m bench.bot_process --base-url URL --db PATH --corpus PATH --result FILE [--senders K] ...
(the token comes from the BENCH_BOT_TOKEN environment variable)
"""

from __future__ import annotations

import time

T_MAIN = time.monotonic()  # CLOCK_MONOTONIC is system-wide on Linux: comparable with the parent's clock

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402


LAG_PERIOD = 0.01  # the loop-lag probe asks to wake every 10 ms


class SwitchClock:
    def __init__(self, before: datetime, after: datetime | None) -> None:
        self.now, self.after = before, after
        self.switched_at: float | None = None

    def __call__(self) -> datetime:
        return self.now

    def switch(self) -> None:
        if self.after is not None:
            self.now = self.after
            self.switched_at = time.monotonic()


async def probe_loop_lag(lags: list[float], idle_lags: list[float], clock: SwitchClock) -> None:
    """How late the event loop wakes a 10 ms sleep (seconds): from the clock switch on in `lags`, before
    it (the bot idle, on the same machine at the same time) in `idle_lags`."""
    loop = asyncio.get_running_loop()
    while True:
        asked = loop.time()
        await asyncio.sleep(LAG_PERIOD)
        (idle_lags if clock.switched_at is None else lags).append(loop.time() - asked - LAG_PERIOD)


def vm_status(key: str) -> int | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


async def main(args: argparse.Namespace, marks: dict[str, float], lags: list[float], idle_lags: list[float]) -> None:
    from bot.app import build_application
    from bot.main import serve
    from briefings.settings import Settings

    marks["imported"] = time.monotonic()
    if args.send_timeout:
        from bot import deliver

        deliver.SEND_READ_TIMEOUT = args.send_timeout
    settings = Settings(
        token=os.environ["BENCH_BOT_TOKEN"],
        api_base_url=args.base_url,
        admin_ids=frozenset({42}),
        db_path=Path(args.db),
        corpus_path=Path(args.corpus),
        default_tz="UTC",
        digest_interval=args.digest_interval,
        concurrent_updates=args.concurrent_updates,
        digest_senders=args.senders,
    )
    clock = SwitchClock(datetime.fromisoformat(args.clock), datetime.fromisoformat(args.clock_after) if args.clock_after else None)
    app = build_application(settings, clock=clock, overall_per_second=args.overall)
    marks["built"] = time.monotonic()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    loop.add_signal_handler(signal.SIGUSR1, clock.switch)
    probe = asyncio.create_task(probe_loop_lag(lags, idle_lags, clock))
    try:
        await serve(app, stop, poll_timeout=args.poll_timeout)
    finally:
        probe.cancel()


def run() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--overall", type=float, default=30)
    parser.add_argument("--clock", default="2026-03-10T12:00:00+00:00")
    parser.add_argument("--clock-after")
    parser.add_argument("--digest-interval", type=float, default=0.2)
    parser.add_argument("--poll-timeout", type=int, default=10)
    parser.add_argument("--concurrent-updates", type=int, default=8)
    parser.add_argument("--senders", type=int, default=8, help="Bot instances for digest fan-out")
    parser.add_argument("--send-timeout", type=float, help="read timeout of sends (bot.deliver.SEND_READ_TIMEOUT)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    marks: dict[str, float] = {"main": T_MAIN}
    error = None
    lags: list[float] = []
    idle_lags: list[float] = []
    try:
        asyncio.run(main(args, marks, lags, idle_lags))
    except BaseException as exc:  # reported to the parent through the result file
        error = repr(exc)
        logging.exception("bench bot process failed")
    marks["stopped"] = time.monotonic()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    Path(args.result).write_text(
        json.dumps(
            {
                "marks": marks,
                "cpu_s": time.process_time(),
                "vmhwm_kb": vm_status("VmHWM"),
                "ru_maxrss_kb": usage.ru_maxrss,
                "error": error,
                "loop_lag_s": lags,
                "idle_loop_lag_s": idle_lags[-3000:],
            }
        )
    )
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(run())
