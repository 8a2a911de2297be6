"""The wall clock against the monotonic clock: which readings the digest ticks act on."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.clock_guard import ClockGuard

T0 = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)


def test_a_wall_clock_that_moves_with_the_monotonic_one_is_trusted() -> None:
    guard = ClockGuard(settle_seconds=60)
    assert [guard.trust(T0 + timedelta(seconds=s), s) for s in (0, 30, 60, 90)] == [True] * 4


def test_a_brief_jump_a_day_ahead_is_not_acted_on() -> None:
    guard = ClockGuard(settle_seconds=60)
    assert guard.trust(T0, 0)
    assert not guard.trust(T0 + timedelta(days=1, seconds=30), 30)  # the glitch
    assert guard.trust(T0 + timedelta(seconds=60), 60)  # back to normal: trusted, nothing was done meanwhile


def test_a_jump_ahead_that_holds_is_trusted_after_the_settle_time() -> None:
    guard = ClockGuard(settle_seconds=60)
    assert guard.trust(T0, 0)
    readings = [(T0 + timedelta(hours=5, seconds=s), s) for s in (30, 60, 89, 91, 120)]
    assert [guard.trust(wall, mono) for wall, mono in readings] == [False, False, False, True, True]


def test_a_step_back_is_trusted_at_once() -> None:
    guard = ClockGuard(settle_seconds=60)
    assert guard.trust(T0, 0)
    assert guard.trust(T0 - timedelta(hours=1), 30)
    assert guard.trust(T0 - timedelta(hours=1) + timedelta(seconds=30), 60)
