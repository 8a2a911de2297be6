"""Shared fixtures: a fresh database and a corpus folder per test; the e2e layer is marked here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.store.schema import open_db

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "corpus" / "2024-11-ukraine-drones-trump-putin.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that talks over loopback HTTP (the fake Bot API, the feed server) is end to end, whoever writes it."""
    for item in items:
        if {"api", "httpserver"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the seed article."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def db(tmp_path: Path):
    database = open_db(tmp_path / "newsbrief.db")
    yield database
    database.close()


@pytest.fixture
def api():
    """A fake Bot API on 127.0.0.1; afterwards, every message the bot sent must have been valid Telegram HTML."""
    from tests.fake_bot_api import FakeBotApi

    with FakeBotApi() as server:
        yield server
    assert server.html_problems == [], server.html_problems
    assert server.errors == []


@pytest.fixture
def settings(api, tmp_path: Path, corpus: Path):
    from tests.bot_harness import make_settings

    return make_settings(api.base_url, api.token, tmp_path, corpus)


@pytest.fixture
def bot(api, settings):
    """The real Application, polling the fake API from its own thread; admin is user 42."""
    from tests.bot_harness import RunningBot

    with RunningBot(api, settings) as running:
        yield running


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """pytest-httpserver on 127.0.0.1 (not `localhost`, which may resolve to ::1): loopback only."""
    return ("127.0.0.1", 0)


@pytest.fixture
def httpserver(httpserver):
    """The loopback site has no robots.txt (404: everything allowed) unless a test serves one."""
    from tests.sources_server import without_robots_txt

    without_robots_txt(httpserver)
    return httpserver
