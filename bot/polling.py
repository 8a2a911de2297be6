"""The Bot that polls: a bounded number of updates fetched ahead, and a token refused mid-run noticed.

PTB confirms updates to Telegram (the next getUpdates offset) as soon as it has fetched them, not when
they are answered, and fetches again at once: with 300 commands waiting, a kill -9 lost every one
fetched and not yet answered (200). Here getUpdates waits while FETCH_AHEAD fetched updates are
unfinished and asks for no more than the room left, so a crash loses at most that many. A chat's
updates beyond PER_CHAT wait in order without counting, so one chat's flood cannot shut the others out
(they are the part of a crash's loss that is not bounded; see the README).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import ExtBot

FETCH_AHEAD = 16  # two per update slot: slots never starve, and a kill -9 loses at most this many
PER_CHAT = 3


class FetchWindow:
    """Fetched updates not finished yet, each chat counting for at most PER_CHAT; getUpdates waits while full."""

    def __init__(self, size: int = FETCH_AHEAD, per_chat: int = PER_CHAT) -> None:
        self.size = size
        self.per_chat = per_chat
        self.counted = 0
        self._pending: dict[int | None, int] = {}
        self._room = asyncio.Event()
        self._room.set()

    async def room(self) -> int:
        await self._room.wait()
        return self.size - self.counted

    def fetched(self, updates: Sequence[Update]) -> None:
        for update in updates:
            key = _chat_id(update)
            pending = self._pending.get(key, 0)
            if key is None or pending < self.per_chat:
                self.counted += 1
            self._pending[key] = pending + 1
        if self.counted >= self.size:
            self._room.clear()

    def finished(self, update: object) -> None:
        key = _chat_id(update)
        pending = self._pending.get(key, 0)
        if pending == 0:
            return  # not fetched by polling (e.g. put on the queue by a test)
        if key is None or pending <= self.per_chat:
            self.counted -= 1
        if pending == 1:
            del self._pending[key]
        else:
            self._pending[key] = pending - 1
        if self.counted < self.size:
            self._room.set()


def _chat_id(update: object) -> int | None:
    chat = update.effective_chat if isinstance(update, Update) else None
    return chat.id if chat else None


class PollingBot(ExtBot):
    """ExtBot whose getUpdates keeps to the fetch window and sets `refused` on 401/404."""

    def __init__(self, *args: Any, window: FetchWindow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # PTB objects freeze their public attributes after __init__; protected ones stay settable.
        self._refused = asyncio.Event()
        self._window = window

    @property
    def refused(self) -> asyncio.Event:
        return self._refused

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: Any = None,
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        # Timeout 0 is PTB's last call on stop, which only confirms what was fetched: it must not wait.
        confirming_only = timeout in (0, dtm.timedelta(0))
        if not confirming_only:
            limit = min(limit or 100, await self._window.room())
        try:
            updates = await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except InvalidToken:
            self._refused.set()
            raise
        if not confirming_only:
            self._window.fetched(updates)
        return updates
