"""A /reload does not hold the bot's writes: /subscribe answers while the reload is still extracting (issue 8, finding 8)."""

from __future__ import annotations

import threading
import time

from briefings.store import load_corpus as load_module
from tests.test_bot_commands import ADMIN, ask, next_reply

ARTICLE = "Officials said {n} people were hurt in Lyon on Monday. “We are investigating,” police chief Anne Roux said.\n"


def test_subscribe_answers_while_a_reload_is_still_running(api, bot, corpus, monkeypatch) -> None:
    for i in range(4):
        (corpus / f"new{i}.txt").write_text(ARTICLE.format(n=20 + i), encoding="utf-8")
    monkeypatch.setattr(load_module, "STORE_BATCH", 2)
    extracting, resume = threading.Event(), threading.Event()
    real_prepare = load_module.prepare_files

    def pausing_prepare(paths, workers=None):
        for i, item in enumerate(real_prepare(paths, workers)):
            if i == 3:  # a batch is stored and the load is busy with the next one
                extracting.set()
                resume.wait(30)
            yield item

    monkeypatch.setattr(load_module, "prepare_files", pausing_prepare)
    api.push_command(ADMIN, "/reload", user_id=ADMIN)
    try:
        assert extracting.wait(20), "the reload never reached its fourth file"
        # Before: the reload's one transaction held SQLite's write lock until the last file, so this
        # waited for the whole reload (25 s for 5,000 files) and `ask` gave up after its 10 s.
        assert "Subscribed" in ask(api, "/subscribe 07:00")
        assert api.sent_to(ADMIN) == []  # the reload had not finished
        # The reload under way no longer holds back the getUpdates offset (before: it stayed unconfirmed, so
        # every look for new commands waited BUSY_POLL while it ran).
        deadline = time.monotonic() + 10
        while _reload_unconfirmed(api) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _reload_unconfirmed(api)
    finally:
        resume.set()
    assert "loaded: 4" in next_reply(api, ADMIN, 0, timeout=20).text


def _reload_unconfirmed(api) -> bool:
    return any(u.get("message", {}).get("text") == "/reload" for u in api.unconfirmed_updates())
