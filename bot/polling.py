"""The Bot that polls: an update is confirmed to Telegram once answered, a bounded number are fetched
ahead, and a token refused mid-run is noticed.

Telegram forgets an update once a getUpdates offset passes it. PTB sends the offset past everything it
has fetched, answered or not: with 300 commands waiting, a kill -9 lost every one fetched and not yet
answered (200). Here the offset stops at the oldest update not finished, so after a crash Telegram
hands those out again; updates fetched a second time are dropped before PTB sees them. While answers
are pending, Telegram returns at once (unconfirmed updates are waiting), so the next look waits for an
answer to finish or BUSY_POLL seconds, whichever comes first.

getUpdates also waits while FETCH_AHEAD fetched updates are unfinished, and asks for no more than the
room left; a chat's updates beyond PER_CHAT wait in order without counting, so one chat's flood cannot
shut the others out. The offset never stays more than MAX_UNCONFIRMED behind the newest update fetched:
an update still unfinished after that many later ones (a flood, or one very slow command) is confirmed
anyway, which bounds what is fetched again and re-answered after a crash (the README has the window). A
command known to be long (/reload) releases its update once under way.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import ExtBot

FETCH_AHEAD = 16  # two per update slot: slots never starve
PER_CHAT = 3
MAX_UNCONFIRMED = 64  # FETCH_AHEAD + MAX_UNCONFIRMED stays within getUpdates' limit of 100
BUSY_POLL = 0.2  # seconds: how long a new command may wait to be fetched while an older one is being answered


class FetchWindow:
    """Fetched updates not finished yet, each chat counting for at most PER_CHAT; getUpdates waits while full."""

    def __init__(self, size: int = FETCH_AHEAD, per_chat: int = PER_CHAT) -> None:
        self.size = size
        self.per_chat = per_chat
        self.counted = 0
        self.unfinished: set[int] = set()  # update ids fetched by polling and not finished
        self._pending: dict[int | None, int] = {}
        self._room = asyncio.Event()
        self._room.set()
        self._progress = asyncio.Event()  # an update finished since the last look

    async def room(self) -> int:
        await self._room.wait()
        return self.size - self.counted

    def fetched(self, updates: Sequence[Update]) -> None:
        for update in updates:
            self.unfinished.add(update.update_id)
            key = _chat_id(update)
            pending = self._pending.get(key, 0)
            if key is None or pending < self.per_chat:
                self.counted += 1
            self._pending[key] = pending + 1
        if self.counted >= self.size:
            self._room.clear()

    def finished(self, update: object) -> None:
        if isinstance(update, Update) and update.update_id in self.unfinished:
            self.unfinished.discard(update.update_id)
            self._progress.set()
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

    def release(self, update: Update) -> None:
        """A long command under way (a /reload) stops holding back the offset: other chats' commands are
        fetched at once meanwhile, and after a crash it is not run again."""
        if update.update_id in self.unfinished:
            self.unfinished.discard(update.update_id)
            self._progress.set()

    def forget_progress(self) -> None:
        self._progress.clear()

    async def progress(self, timeout: float) -> None:
        """Until an update finishes (since forget_progress) or `timeout` seconds pass."""
        try:
            await asyncio.wait_for(self._progress.wait(), timeout)
        except asyncio.TimeoutError:
            pass


def _chat_id(update: object) -> int | None:
    chat = update.effective_chat if isinstance(update, Update) else None
    return chat.id if chat else None


class PollingBot(ExtBot):
    """ExtBot whose getUpdates confirms only answered updates, keeps to the fetch window, and sets
    `refused` on 401/404."""

    def __init__(self, *args: Any, window: FetchWindow, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # PTB objects freeze their public attributes after __init__; protected ones stay settable.
        self._refused = asyncio.Event()
        self._window = window
        self._next_id = 0  # one past the newest update handed to PTB

    @property
    def refused(self) -> asyncio.Event:
        return self._refused

    def _confirm_below(self) -> int:
        """The offset to send: the oldest unfinished update, at most MAX_UNCONFIRMED behind the newest."""
        oldest = min(self._window.unfinished, default=self._next_id)
        return max(oldest, self._next_id - MAX_UNCONFIRMED)

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: Any = None,
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        # Timeout 0 is PTB's last call on stop, meant to confirm everything fetched: confirm only what was
        # answered (confirm_answered() does the rest once the application has answered the others).
        if timeout in (0, dtm.timedelta(0)):
            await self.confirm_answered(allowed_updates, **kwargs)
            return ()
        room = await self._window.room()
        self._next_id = max(self._next_id, offset or 0)
        first = self._confirm_below()
        busy = first < self._next_id  # fetched updates still being answered
        self._window.forget_progress()
        try:
            updates = await super().get_updates(
                first or None,
                min(100, self._next_id - first + room) if busy else min(limit or 100, room),
                0 if busy else timeout,  # Telegram would return at once anyway: the unfinished ones wait there
                allowed_updates,
                **kwargs,
            )
        except InvalidToken:
            self._refused.set()
            raise
        new = tuple(update for update in updates if update.update_id >= self._next_id)
        if new:
            self._next_id = new[-1].update_id + 1
            self._window.fetched(new)
        elif busy:
            await self._window.progress(BUSY_POLL)
        return new

    def release(self, update: Update) -> None:
        """See FetchWindow.release."""
        self._window.release(update)

    async def confirm_answered(self, allowed_updates: Sequence[str] | None = None, **kwargs: Any) -> None:
        """Send the offset past every answered update (the updates returned are not confirmed, so dropped)."""
        first = self._confirm_below()
        if first:
            await super().get_updates(first, 1, 0, allowed_updates, **kwargs)
