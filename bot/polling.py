"""The Bot that polls: it notices a token refused mid-run, after which PTB's polling loop gives up for good."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import ExtBot


class PollingBot(ExtBot):
    """ExtBot whose getUpdates sets `refused` on 401/404, so that the process can end instead of idling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._refused = asyncio.Event()  # PTB objects freeze their public attributes after __init__

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
        try:
            return await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except InvalidToken:
            self._refused.set()
            raise
