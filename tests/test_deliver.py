"""Which send errors may follow a delivered message (never resent) and which prove nothing was sent."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from bot.deliver import may_have_been_sent


def _raised(error: NetworkError, cause: BaseException | None) -> NetworkError:
    try:
        raise error from cause
    except NetworkError as exc:
        return exc


@pytest.mark.parametrize(
    ("error", "cause", "maybe_sent"),
    [
        (TimedOut(), httpx.ReadTimeout("read"), True),  # the request went out; no answer in time
        (NetworkError("httpx.RemoteProtocolError: Server disconnected"), httpx.RemoteProtocolError("gone"), True),
        (NetworkError("httpx.ReadError: reset"), httpx.ReadError("reset"), True),
        (TimedOut("Pool timeout"), httpx.PoolTimeout("pool"), False),  # never left the pool
        (NetworkError("httpx.ConnectError: refused"), httpx.ConnectError("refused"), False),
        (TimedOut(), httpx.ConnectTimeout("connect"), False),
        (NetworkError("Bad Gateway"), None, False),  # an answer: Telegram did not take it
    ],
)
def test_may_have_been_sent(error: NetworkError, cause: BaseException | None, maybe_sent: bool) -> None:
    assert may_have_been_sent(_raised(error, cause)) is maybe_sent
