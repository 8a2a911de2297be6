"""Run the real newsbrief Application (polling, JobQueue, HTTP) in a thread against a FakeBotApi."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.app import build_application
from bot.main import serve
from briefings.settings import Settings
from tests.fake_bot_api import FakeBotApi


class FakeClock:
    """A settable UTC clock shared by the test and the bot thread."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment

    def advance(self, **delta: float) -> None:
        with self._lock:
            self._now += timedelta(**delta)


def make_settings(base_url: str, token: str, tmp: Path, corpus: Path, **overrides) -> Settings:
    settings = Settings(
        token=token,
        api_base_url=base_url,
        admin_ids=frozenset({42}),
        db_path=tmp / "bot.db",
        corpus_path=corpus,
        default_tz="UTC",
        digest_interval=0.2,
        chat_send_rate=100.0,  # no test waits on Telegram's real per-chat rate; the pacing test sets its own
    )
    return replace(settings, **overrides)


class RunningBot:
    """Context manager: the bot serves in its own thread and event loop until the block ends."""

    def __init__(
        self, api: FakeBotApi, settings: Settings, clock: FakeClock | None = None, overall_per_second: float = 30
    ) -> None:
        self.api = api
        self.settings = settings
        self.clock = clock or FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=timezone.utc))
        self.overall_per_second = overall_per_second
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="newsbrief-bot", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced in __exit__/start
            self._error = exc

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        app = build_application(self.settings, clock=self.clock, overall_per_second=self.overall_per_second)
        await serve(app, self._stop, poll_timeout=1)

    def __enter__(self) -> RunningBot:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.api.calls("getUpdates"):  # polling has started once the first getUpdates arrives
            if self._error:
                raise self._error
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise TimeoutError("the bot did not start polling within 30 s")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._loop and self._stop and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)
        if self._thread.is_alive():
            raise TimeoutError("the bot did not stop within 30 s")

    def __exit__(self, *exc_info) -> None:
        self.stop()
        if self._error and not exc_info[0]:
            raise self._error
