"""The bot's periodic work (digests, sources): paced by the monotonic clock, due-ness from the wall clock.

A scheduler on the wall clock (APScheduler's interval job) stalls when the clock is stepped back and,
after a jump of years, freezes the event loop while it enumerates the runs it thinks it missed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.clock_guard import ClockGuard
from bot.state import BotState

log = logging.getLogger(__name__)

CLOCK_SETTLE_TICKS = 3  # a forward jump of the wall clock is believed after this many ticks


async def tick_until_stopped(
    st: BotState, interval: float, act: Callable[[], Awaitable[None]], what: str,
    ready: Callable[[], bool] = lambda: True,
) -> None:
    """`act()` every `interval` seconds until the bot stops, when `ready()` and the wall clock is trusted
    (a jump ahead is acted on only once it holds: bot/clock_guard.py). One failed tick ends nothing."""
    guard = ClockGuard(settle_seconds=CLOCK_SETTLE_TICKS * interval)
    loop = asyncio.get_running_loop()
    while not st.stopping.is_set():
        if ready() and guard.trust(st.clock(), loop.time()):
            try:
                await act()
            except Exception:  # the next tick tries again
                log.exception("%s tick failed", what)
        try:
            await asyncio.wait_for(st.stopping.wait(), interval)
        except asyncio.TimeoutError:
            pass
