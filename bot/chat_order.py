"""Updates processed in arrival order within a chat, chats side by side, a chat's own throttling outside the shared slots.

PTB's default processor gives each update one of N shared slots for its whole life, so a handler waiting
on its chat's rate limit held a slot, and one chat sending 40 commands froze everybody. Here an update
first waits its turn in its chat (a FIFO lock per chat), then takes a shared slot; and whatever waits
for one chat only (its per-chat rate bucket, a RetryAfter meant for it) gives the slot back meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class _Slot:
    """One shared slot as held by one update: given back while it waits on its own chat."""

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self.slots = slots
        self.held = False


_current_slot: ContextVar[_Slot | None] = ContextVar("newsbrief_update_slot", default=None)


@contextlib.asynccontextmanager
async def slot_released() -> AsyncIterator[None]:
    """Wait without holding a shared update slot (a no-op outside update processing, e.g. in digest jobs)."""
    slot = _current_slot.get()
    if slot is None or not slot.held:
        yield
        return
    slot.slots.release()
    slot.held = False
    try:
        yield
    finally:
        await slot.slots.acquire()  # if cancelled here, `held` stays False and nothing is released twice
        slot.held = True


class _ChatTurns:
    """A FIFO lock per chat, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(chat_id, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most `slots` updates run at once; one chat's updates run one at a time, in arrival order."""

    def __init__(self, slots: int, on_done: Callable[[object], None] = lambda update: None, most_pending: int = 1024) -> None:
        # PTB's own semaphore bounds pending updates (tasks waiting for their chat's turn), not running ones.
        super().__init__(max_concurrent_updates=most_pending)
        self._slots = asyncio.Semaphore(slots)
        self._turns = _ChatTurns()
        self._on_done = on_done

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            chat = update.effective_chat if isinstance(update, Update) else None
            async with self._turns.turn(chat.id) if chat else contextlib.nullcontext():
                slot = _Slot(self._slots)
                await self._slots.acquire()
                slot.held = True
                token = _current_slot.set(slot)
                try:
                    await coroutine
                finally:
                    _current_slot.reset(token)
                    if slot.held:
                        self._slots.release()
        finally:
            self._on_done(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
