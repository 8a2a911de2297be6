"""Telegram's rate limits: 30 messages/s overall, about one a second per private chat, 20 a minute per group.

Only what concerns one chat waits for that chat: its bucket, and a RetryAfter it drew. Those waits give
back the update's shared slot (bot/chat_order.py), so a chat over its limit holds up nobody else.
PTB's AIORateLimiter, used before, paused every chat for a 429 drawn by one group (19 s measured).
A 429 is Telegram-wide when it answers a request to no chat, or when WIDE_429_CHATS different chats
draw one within WIDE_429_WINDOW seconds: then every chat waits, for the shortest of those retry_afters
(one group's long pause must not become everybody's), instead of each chat drawing its own 429.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.chat_order import slot_released

log = logging.getLogger(__name__)

# A short burst per private chat so a two-part reply is not held back; the rate itself is a setting (about 1/s).
CHAT_BURST = 3
GROUP_BURST, GROUP_PERIOD = 20, 60.0  # Telegram: 20 messages a minute in a group
_PRUNE_ABOVE = 2048
WIDE_429_CHATS = 3
WIDE_429_WINDOW = 1.0  # seconds


class ChatRateLimiter(BaseRateLimiter[int]):
    """An overall bucket, one bucket per chat, and RetryAfter pauses that stop only the chat that drew them."""

    def __init__(self, overall_per_second: float = 30, chat_per_second: float = 1.0, max_retries: int = 3) -> None:
        # The overall rate over a tenth of a second: a burst of a whole second's allowance at once is what
        # draws 429s.
        self._overall = AsyncLimiter(overall_per_second / 10, 0.1) if overall_per_second else None  # 0: no cap
        self._max_retries = max_retries
        self._chat_period = CHAT_BURST / chat_per_second
        self._chats: dict[int | str, AsyncLimiter] = {}
        self._paused_until: dict[int | str | None, float] = {}  # monotonic; None: every request (Telegram-wide)
        self._recent_429: dict[int | str, tuple[float, float]] = {}  # chat -> (when it drew a 429, its pause end)
        # Replies go before digests: digests queue for the overall bucket one at a time, behind any reply.
        self._replies_waiting = 0
        self._no_reply_waiting = asyncio.Event()
        self._no_reply_waiting.set()
        self._digest_gate = asyncio.Lock()

    def for_digests(self) -> BaseRateLimiter[int]:
        """The same limits, for the digest senders: their requests give way to replies (bot/sender_pool.py)."""
        return _DigestSide(self)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        return await self.send(callback, args, kwargs, endpoint, data, rate_limit_args, digest=False)

    async def send(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
        digest: bool,
    ) -> Any:
        chat = _chat_key(data.get("chat_id"))
        max_retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(max_retries + 1):
            await self._wait_for_chat(chat)
            # A Telegram-wide pause may have begun while this request queued for the overall bucket.
            while chat is not None and self._overall:
                await (self._take_overall_for_digest() if digest else self._take_overall_for_reply())
                if self._pause_left(chat) <= 0:
                    break
                await self._wait_for_pause(chat)  # its chat bucket is already taken
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                seconds = retry_after_seconds(exc) + 0.1
                log.info("429 on %s for chat %s: that chat waits %.1f s", endpoint, chat, seconds)
                until = time.monotonic() + seconds
                self._paused_until[chat] = max(until, self._paused_until.get(chat, 0.0))
                if chat is not None:
                    self._note_chat_429(chat, until)
        raise AssertionError("unreachable")

    async def _take_overall_for_reply(self) -> None:
        assert self._overall is not None
        self._replies_waiting += 1
        self._no_reply_waiting.clear()
        try:
            await self._overall.acquire()
        finally:
            self._replies_waiting -= 1
            if not self._replies_waiting:
                self._no_reply_waiting.set()

    async def _take_overall_for_digest(self) -> None:
        """One digest at a time queues in the overall bucket, and only while no reply waits: a reply waits
        behind at most one digest, not behind the whole sender pool (64 of them, 2 s at 30/s)."""
        assert self._overall is not None
        async with self._digest_gate:
            await self._no_reply_waiting.wait()
            await self._overall.acquire()

    def _note_chat_429(self, chat: int | str, until: float) -> None:
        """Several chats drawing a 429 at once is Telegram's flood control for the whole bot: all wait."""
        now = time.monotonic()
        self._recent_429 = {c: v for c, v in self._recent_429.items() if now - v[0] <= WIDE_429_WINDOW}
        self._recent_429[chat] = (now, until)
        if len(self._recent_429) >= WIDE_429_CHATS:
            wide_until = min(end for _, end in self._recent_429.values())
            if wide_until > self._paused_until.get(None, 0.0):
                log.warning(
                    "429 for %d chats within %.0f s: Telegram limits the whole bot; every chat waits %.1f s",
                    len(self._recent_429), WIDE_429_WINDOW, wide_until - now,
                )
                self._paused_until[None] = wide_until

    async def _wait_for_pause(self, chat: int | str | None) -> None:
        """This chat's RetryAfter pause and any pause for all, without holding an update slot."""
        while (delay := self._pause_left(chat)) > 0:
            async with slot_released():
                await asyncio.sleep(delay)

    async def _wait_for_chat(self, chat: int | str | None) -> None:
        """This chat's pauses and bucket, without holding an update slot."""
        await self._wait_for_pause(chat)
        if chat is None:
            return
        bucket = self._bucket(chat)
        if bucket.has_capacity():
            await bucket.acquire()
        else:
            async with slot_released():
                await bucket.acquire()

    def _pause_left(self, chat: int | str | None) -> float:
        now = time.monotonic()
        until = max(self._paused_until.get(chat, 0.0), self._paused_until.get(None, 0.0))
        if len(self._paused_until) > _PRUNE_ABOVE:
            self._paused_until = {key: end for key, end in self._paused_until.items() if end > now}
        return until - now

    def _bucket(self, chat: int | str) -> AsyncLimiter:
        if len(self._chats) > _PRUNE_ABOVE:
            # Buckets back at full capacity hold no information; dropping them bounds memory at 10k+ chats.
            for key, bucket in list(self._chats.items()):
                if bucket.has_capacity(bucket.max_rate):
                    del self._chats[key]
        bucket = self._chats.get(chat)
        if bucket is None:
            private = isinstance(chat, int) and chat > 0
            bucket = AsyncLimiter(*((CHAT_BURST, self._chat_period) if private else (GROUP_BURST, GROUP_PERIOD)))
            self._chats[chat] = bucket
        return bucket


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter's wait in seconds, whichever type PTB returns (int now, timedelta in a later version)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB warns that the type will change: both are handled here
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _chat_key(value: object) -> int | str | None:
    """A numeric chat id, '@channelname' as it is, None for requests to no chat (getMe, getUpdates)."""
    if value is None or value == "":
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


class _DigestSide(BaseRateLimiter[int]):
    """ChatRateLimiter's limits and state, with digest sends giving way to replies."""

    def __init__(self, limiter: ChatRateLimiter) -> None:
        self._limiter = limiter

    async def initialize(self) -> None:
        """The shared limiter needs no set-up."""

    async def shutdown(self) -> None:
        """The shared limiter is the application's to stop."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        return await self._limiter.send(callback, args, kwargs, endpoint, data, rate_limit_args, digest=True)
