"""A wall clock checked against the monotonic clock: a sudden forward jump is believed only once it lasts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

log = logging.getLogger(__name__)

JUMP_TOLERANCE = timedelta(minutes=2)  # NTP slews and small steps pass unnoticed


class ClockGuard:
    """`trust(wall, mono)` is False while the wall clock is ahead of where the monotonic clock says it
    should be by more than JUMP_TOLERANCE, until it has stayed ahead for `settle_seconds`.

    A wall clock that jumped a day ahead for a moment would otherwise make tomorrow's digests due and
    record them, and tomorrow's real ones would never come. A backward step is trusted at once: it
    only makes due-ness wait, and the ticks themselves are paced by the monotonic clock.
    """

    def __init__(self, settle_seconds: float) -> None:
        self.settle_seconds = settle_seconds
        self._reference: tuple[datetime, float] | None = None  # a trusted (wall, monotonic) pair
        self._ahead_since: float | None = None

    def trust(self, wall: datetime, mono: float) -> bool:
        if self._reference is not None:
            ref_wall, ref_mono = self._reference
            expected = ref_wall + timedelta(seconds=mono - ref_mono)
            if wall - expected > JUMP_TOLERANCE:
                if self._ahead_since is None:
                    self._ahead_since = mono
                    log.warning("the wall clock jumped ahead by %s; acted on once it holds", wall - expected)
                if mono - self._ahead_since < self.settle_seconds:
                    return False
                log.warning("the wall clock's jump ahead held for %.0f s: trusted", mono - self._ahead_since)
        self._reference, self._ahead_since = (wall, mono), None
        return True
