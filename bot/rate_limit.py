"""PTB's AIORateLimiter plus Telegram's per-chat limit for private chats, which AIORateLimiter leaves out."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any
import warnings

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

# A short burst per chat so a two-part reply is not held back; the rate itself is a setting (about 1/s).
CHAT_BURST = 3
_PRUNE_ABOVE = 2048


class ChatRateLimiter(AIORateLimiter):
    """Overall and group limits from AIORateLimiter; each private chat also gets its own small bucket."""

    def __init__(self, overall_per_second: float = 30, chat_per_second: float = 1.0, max_retries: int = 3) -> None:
        # The same rate over a tenth of a second: a burst of a whole second's allowance at once is what
        # draws 429s (and each 429 halts every send for retry_after seconds).
        super().__init__(
            overall_max_rate=overall_per_second / 10, overall_time_period=0.1, max_retries=max_retries
        )
        self._chat_limiters: dict[int, AsyncLimiter] = {}
        self._chat_period = CHAT_BURST / chat_per_second

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        chat_id = _private_chat_id(data.get("chat_id"))
        if chat_id is None:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        async with self._chat_limiter(chat_id):
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        if len(self._chat_limiters) > _PRUNE_ABOVE:
            # Buckets back at full capacity hold no information; dropping them bounds memory at 10k+ chats.
            for key, limiter in list(self._chat_limiters.items()):
                if limiter.has_capacity(limiter.max_rate):
                    del self._chat_limiters[key]
        limiter = self._chat_limiters.get(chat_id)
        if limiter is None:
            limiter = self._chat_limiters[chat_id] = AsyncLimiter(CHAT_BURST, self._chat_period)
        return limiter


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter's wait in seconds, whichever type PTB returns (int now, timedelta in a later version)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB warns that the type will change: both are handled here
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _private_chat_id(value: object) -> int | None:
    try:
        chat_id = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return chat_id if chat_id > 0 else None
