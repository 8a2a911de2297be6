"""Telegram's errors and rules: 429 waits, slow replies don't block others, the token never leaks."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_bot_commands import ask, next_reply
from tests.test_bot_process import wait_until

REPO = Path(__file__).resolve().parent.parent


def test_429_then_success(api, bot) -> None:
    api.fail_next("sendMessage", 429, retry_after=1, chat_id=7)
    started = time.monotonic()
    assert "/brief" in ask(api, "/help")
    assert time.monotonic() - started >= 1.0  # waited as told
    assert len([r for r in api.calls("sendMessage") if r.params.get("chat_id") == 7]) == 2


def test_a_slow_reply_does_not_hold_up_other_chats(api, bot) -> None:
    api.delay("sendMessage", 3.0, times=1)
    api.push_command(7, "/help")
    deadline = time.monotonic() + 10
    while not api.calls("sendMessage"):  # chat 7's reply is now stuck in the slow request
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert "Hello" in ask(api, "/start", chat_id=8)
    slow = next_reply(api, 7, 0)
    fast = api.sent_to(8)[0]
    assert fast.time < slow.time  # chat 8 was answered while chat 7's reply was still in flight


def test_network_error_on_reply_is_retried(api, bot) -> None:
    api.fail_next("sendMessage", 500, chat_id=7)
    assert "Hello" in ask(api, "/start")


def test_token_never_logged(api, bot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    api.fail_next("sendMessage", 500, chat_id=7, times=3)  # errors get logged with their details
    api.push_command(7, "/brief")
    api.push_command(8, "/quotes peskov")
    next_reply(api, 8, 0)
    time.sleep(2)
    ask(api, "/stats", chat_id=42)
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    assert api.token not in caplog.text
    assert api.token.split(":")[1] not in caplog.text


def _run_cli(env: dict[str, str], *args: str, **kwargs) -> subprocess.Popen:
    """`newsbrief ARGS` as a child process, whatever the venv's scripts folder is."""
    command = [sys.executable, "-c", "from briefings.cli import main; raise SystemExit(main())", *args]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


@pytest.mark.e2e  # newsbrief run as a child process
def test_run_without_token_says_how_to_get_one(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["NEWSBRIEF_DB"] = str(tmp_path / "x.db")
    proc = _run_cli(env, "run")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "@BotFather" in err and "newsbrief brief" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_newsbrief_run_serves_and_stops_on_sigterm_without_leaking_the_token(api, tmp_path: Path, corpus: Path) -> None:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        NEWSBRIEF_DB=str(tmp_path / "run.db"),
        NEWSBRIEF_CORPUS=str(corpus),
        NEWSBRIEF_ADMIN_IDS="42",
    )
    proc = _run_cli(env, "run")
    try:
        wait_until(lambda: api.calls("getUpdates"), proc)
        assert "Hello" in ask(api, "/start")
        assert "Dmitri Peskov" in ask(api, "/quotes peskov")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "polling" in err  # it does log
    assert api.token not in err and api.token not in out


def test_the_per_chat_send_rate_setting_paces_a_long_reply(api, settings, corpus) -> None:
    """With the bot's per-chat rate at the server's, a many-part reply to one chat draws no 429."""
    from dataclasses import replace

    from tests.bot_harness import RunningBot

    with RunningBot(api, replace(settings, chat_send_rate=4)):
        paragraph = "The council said 12 bridges in Lyon will close for repairs on Monday. " * 30
        (corpus / "long.txt").write_text("\n".join([paragraph] * 12), encoding="utf-8")
        assert "loaded: 1" in ask(api, "/reload", chat_id=42)
        api.rate_limit(per_second=1000, per_chat_per_second=4)
        api.push_command(7, "/article 2")
        deadline = time.monotonic() + 20
        while sum(m.text.count("12 bridges") for m in api.sent_to(7)) < 12 * 30:
            assert time.monotonic() < deadline, api.dump()
            time.sleep(0.05)
    assert len(api.sent_to(7)) >= 6 and api.rejected_429 == 0
