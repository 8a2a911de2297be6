"""Time to deliver a digest to 1,000 subscribers at Telegram's real 30 msg/s, against the loopback fake Bot API.

    python -m bench.digest_at_telegram_rate

The fake server enforces 30 messages/s (429 past it); the bot runs in-process with its default limiter.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from briefings.store import subscriptions
from briefings.store.schema import open_db
from tests.bot_harness import FakeClock, RunningBot, make_settings
from tests.fake_bot_api import FakeBotApi

REPO = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 1000
FIRST_CHAT = 10_000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi() as api:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(REPO / "data" / "corpus", corpus)
        api.rate_limit(30)
        clock = FakeClock(datetime(2026, 11, 25, 6, 0, tzinfo=timezone.utc))
        settings = make_settings(api.base_url, api.token, Path(tmp), corpus)
        with RunningBot(api, settings, clock):
            db = open_db(settings.db_path)
            with db.atomic():
                for chat in range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS):
                    subscriptions.subscribe(db, chat, chat, "07:00", "Europe/London", clock())
            db.close()
            due_at = time.monotonic()
            clock.set(datetime(2026, 11, 25, 7, 0, tzinfo=timezone.utc))
            while len(_digest_times(api)) < SUBSCRIBERS:
                if time.monotonic() - due_at > 120:
                    raise TimeoutError(f"only {len(_digest_times(api))} digests in 120 s")
                time.sleep(0.05)
            time.sleep(1.5)  # a duplicate would arrive within a few more ticks
        chats = [m.chat_id for m in api.sent if m.chat_id >= FIRST_CHAT]
        times = _digest_times(api)
        print(
            f"{SUBSCRIBERS} digests: due -> last delivered {max(times) - due_at:.1f} s; "
            f"{(len(times) - 1) / (max(times) - min(times)):.1f} msg/s; 429 answers {api.rejected_429}; "
            f"lost {SUBSCRIBERS - len(set(chats))}; duplicated {len(chats) - len(set(chats))}"
        )


def _digest_times(api: FakeBotApi) -> list[float]:
    return [m.time for m in api.sent if m.chat_id >= FIRST_CHAT]


if __name__ == "__main__":
    main()
