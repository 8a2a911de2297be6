"""Sources through the real Application: /story, the admin source commands, the fetch job, and /reload."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from briefings.store import sources as store
from briefings.store.schema import open_db
from tests.bot_harness import RunningBot
from tests.sources_server import RawServer, serve_harbour_site
from tests.telegram_html_check import visible_text
from tests.test_bot_commands import ADMIN, USER, ask, next_reply, _last_id


@pytest.fixture
def source_bot(api, settings):
    """The bot allowed to fetch from loopback, looking for due sources every 0.2 s."""
    with RunningBot(api, replace(settings, allow_private_sources=True, fetch_interval=0.2)) as running:
        yield running


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_story_of_a_corpus_article_and_bad_numbers(api, source_bot) -> None:
    assert "Story 1: 1 article" in ask(api, "/story 1")
    assert "Send a story number" in ask(api, "/story")
    assert "Send a story number" in ask(api, "/story two")
    assert "There is no story 999" in ask(api, "/story 999")


def test_admin_adds_lists_and_removes_a_source_and_the_job_fetches_it(api, source_bot, settings, httpserver) -> None:
    feed = serve_harbour_site(httpserver)
    assert "for the bot's admins" in ask(api, f"/addsource {feed}", chat_id=USER)
    added = ask(api, f"/addsource {feed} 2h", chat_id=ADMIN)
    assert f"Added #1: feed {feed} (The Harbour Gazette), fetched every 2h" in added
    db = open_db(settings.db_path)
    try:
        # The job fetches it on its own: articles from the feed appear without any command.
        wait_until(lambda: db.execute("SELECT count(*) FROM articles WHERE source_id = 1").fetchone()[0] == 3)
        wait_until(lambda: store.get_source(db, 1).last_success is not None)
    finally:
        db.close()
    listed = ask(api, "/sources", chat_id=ADMIN)
    assert f"#1 feed · every 2h · {feed}" in listed and "ok, last fetched" in listed
    assert "Portmere" in ask(api, "/brief")
    assert "Removed #1" in ask(api, "/removesource 1", chat_id=ADMIN)
    assert "There is no source 1" in ask(api, "/removesource 1", chat_id=ADMIN)
    assert "Expected: /removesource ID" in ask(api, "/removesource", chat_id=ADMIN)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/addsource", "Expected: /addsource URL [every]"),
        ("/addsource ftp://example.org/feed", "only http and https URLs"),
        ("/addsource http://127.0.0.1:9/feed.xml soon", "interval must look like 30m"),
        ("/addsource http://127.0.0.1:9/feed.xml", "cannot connect"),
    ],
)
def test_addsource_with_bad_arguments_says_what_is_expected(api, source_bot, command, expected) -> None:
    assert expected in ask(api, command, chat_id=ADMIN)


def test_private_address_is_refused_without_the_opt_in(api, bot, httpserver) -> None:
    answer = ask(api, f"/addsource {serve_harbour_site(httpserver)}", chat_id=ADMIN)
    assert "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in answer
    assert httpserver.log == []


def test_unreachable_source_during_reload_is_reported_and_loses_nothing(api, source_bot, settings, httpserver) -> None:
    feed = serve_harbour_site(httpserver)
    db = open_db(settings.db_path)
    try:
        with RawServer("reset") as dead:
            for url in (feed, f"http://127.0.0.1:{dead.port}/feed.xml"):
                store.add_source(db, url, "feed", None, 1800, source_bot.clock())
            with db.atomic():  # not due: only /reload fetches them here
                db.execute("UPDATE sources SET next_fetch = '9999'")
            after = _last_id(api, ADMIN)
            api.push_command(ADMIN, "/reload", user_id=ADMIN)
            first = next_reply(api, ADMIN, after, timeout=20)
            second = visible_text(next_reply(api, ADMIN, first.message_id, timeout=20).text)
        assert "loaded: 0\nunchanged: 1" in visible_text(first.text)
        assert f"#1 {feed}: 3 new, 0 updated, 0 unchanged" in second
        assert f"#2 http://127.0.0.1:{dead.port}/feed.xml: failed: connection reset" in second
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4  # the corpus article and 3 fetched
        assert "Storm surge" in ask(api, "/brief") or "Portmere" in ask(api, "/brief")
    finally:
        db.close()


def test_a_brief_jump_of_the_clock_a_day_ahead_does_not_put_off_a_sources_fetch_by_a_day(
    api, source_bot, settings, httpserver
) -> None:
    # Before, the job fetched during the glitch and scheduled the next fetch a day and 30 minutes ahead.
    feed = serve_harbour_site(httpserver)
    clock = source_bot.clock
    assert "Added #1" in ask(api, f"/addsource {feed} 30m", chat_id=ADMIN)

    def feed_requests() -> int:
        return sum(1 for request, _ in httpserver.log if request.path == "/feed.xml")

    db = open_db(settings.db_path)
    try:
        wait_until(lambda: store.get_source(db, 1).next_fetch > clock().isoformat())  # fetched by the loop
        clock.advance(days=1)  # shorter than the three ticks a jump ahead must hold
        time.sleep(0.3)
        clock.advance(days=-1)
        fetched = feed_requests()
        clock.advance(minutes=31)  # its 30 minutes are up
        wait_until(lambda: feed_requests() > fetched)
    finally:
        db.close()
