"""Print a whole chat session with the real bot against the loopback fake Bot API.

    python -m bench.chat_transcript

Start, brief, quotes, subscribe, a scheduled digest (the clock is moved to the chosen time),
an admin reload that picks up a new and a broken file, and the digest of the next day.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from tests.bot_harness import FakeClock, RunningBot, make_settings
from tests.fake_bot_api import FakeBotApi
from tests.telegram_html_check import visible_text

SEED = Path(__file__).resolve().parent.parent / "data" / "corpus"
USER, ADMIN = 1001, 42


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeBotApi() as api:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(SEED, corpus)
        clock = FakeClock(datetime(2026, 11, 25, 6, 55, tzinfo=timezone.utc))
        settings = make_settings(api.base_url, api.token, Path(tmp), corpus)
        with RunningBot(api, settings, clock):
            chat = Chat(api, clock)
            for command in ("/start", "/brief", "/quotes peskov", "/quotes nobody", "/subscribe 08:00 Europe/Madrid"):
                chat.say(command)
            chat.note("the clock moves to 08:00 in Madrid (07:00 UTC)")
            clock.set(datetime(2026, 11, 25, 7, 0, tzinfo=timezone.utc))
            chat.expect("<b>Your daily digest</b>")
            (corpus / "2026-11-25-lyon.txt").write_text(
                "Title: Lyon closes 12 bridges\nPublished: 2026-11-25\n\n"
                "The council said 12 bridges in Lyon will close on Monday for repairs costing €4.5 million.\n"
                "“We cannot wait for a collapse,” the mayor, Anne Roux, told reporters.\n",
                encoding="utf-8",
            )
            (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
            chat.note("an editor adds an article and a broken file to the corpus")
            chat.say("/reload", user=ADMIN)
            chat.note("the next day at 08:00 in Madrid")
            clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc))
            chat.expect("<b>Your daily digest</b>")
            chat.say("/settings")


class Chat:
    """Sends commands as a user and prints both sides of the conversation."""

    def __init__(self, api: FakeBotApi, clock: FakeClock) -> None:
        self.api, self.clock = api, clock

    def say(self, text: str, user: int = USER) -> None:
        last = self._last_id(user)
        print(f"\n[{self.clock():%H:%M} UTC] user {user} > {text}")
        self.api.push_command(user, text)
        self._show(self.api.wait_for(lambda m: m.chat_id == user and m.message_id > last, 15))

    def expect(self, marker: str) -> None:
        last = self._last_id(USER)
        message = self.api.wait_for(lambda m: m.chat_id == USER and m.message_id > last and marker in m.text, 15)
        self._show(message, scheduled=True)

    def note(self, text: str) -> None:
        print(f"\n--- {text} ---")

    def _show(self, message, scheduled: bool = False) -> None:
        who = "bot (scheduled)" if scheduled else "bot"
        print(f"{who} > " + visible_text(message.text).replace("\n", "\n      "))

    def _last_id(self, chat_id: int) -> int:
        return max((m.message_id for m in self.api.sent_to(chat_id)), default=0)


if __name__ == "__main__":
    main()
