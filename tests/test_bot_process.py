"""`newsbrief run` as a real process against the fake Bot API: start-up failures, polling that dies, signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fake_bot_api import FakeBotApi

REPO = Path(__file__).resolve().parent.parent


def start_run(api: FakeBotApi, tmp_path: Path, corpus: Path, base_url: str | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=base_url or api.base_url,
        NEWSBRIEF_DB=str(tmp_path / "run.db"),
        NEWSBRIEF_CORPUS=str(corpus),
    )
    command = [sys.executable, "-c", "from briefings.cli import main; raise SystemExit(main())", "run"]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 60) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"newsbrief run did not exit within {timeout}s\n{err[-3000:]}") from None


def assert_short_failure_without_token(
    api: FakeBotApi, proc: subprocess.Popen, out: str, err: str, traceback_logged: bool = False
) -> None:
    """Non-zero status, no token anywhere, and a last line of our own (PTB may log a scrubbed traceback mid-run)."""
    assert proc.returncode not in (0, None), err
    secret = api.token.split(":", 1)[1]
    assert api.token not in out + err and secret not in out + err, err
    assert traceback_logged or "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("newsbrief: "), err


def wait_until(condition, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"newsbrief run exited early ({proc.returncode})\n{finish(proc)[1][-3000:]}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("status", [401, 404])
def test_a_refused_token_at_start_up_exits_with_a_short_message_and_no_token(
    api: FakeBotApi, tmp_path: Path, corpus: Path, status: int
) -> None:
    api.fail_next("getMe", status, times=100)
    proc = start_run(api, tmp_path, corpus)
    out, err = finish(proc)
    assert_short_failure_without_token(api, proc, out, err)
    assert "TELEGRAM_BOT_TOKEN" in err.strip().splitlines()[-1]


def test_a_base_url_without_bot_exits_with_a_short_message_and_no_token(
    api: FakeBotApi, tmp_path: Path, corpus: Path
) -> None:
    proc = start_run(api, tmp_path, corpus, base_url=api.base_url.removesuffix("bot"))
    out, err = finish(proc)
    assert_short_failure_without_token(api, proc, out, err)
    assert "TELEGRAM_API_BASE_URL" in err.strip().splitlines()[-1]


def test_the_log_filter_scrubs_a_token_held_only_by_a_chained_cause() -> None:
    import io
    import logging

    from bot.redact_token import RedactToken

    token = "123456:SECRET-PART-OF-IT"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(token))
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    try:
        try:
            try:
                raise ValueError(f"bad url /bot{token}/getMe")
            except ValueError as cause:
                raise RuntimeError("start-up failed") from cause
        except RuntimeError:
            logger.error("stopped", exc_info=True)
    finally:
        logger.removeHandler(handler)
    assert "start-up failed" in stream.getvalue()
    assert "SECRET-PART-OF-IT" not in stream.getvalue()


def test_polling_refused_mid_run_ends_the_process_with_a_non_zero_status(
    api: FakeBotApi, tmp_path: Path, corpus: Path
) -> None:
    proc = start_run(api, tmp_path, corpus)
    try:
        wait_until(lambda: api.calls("getUpdates"), proc)
        api.fail_next("getUpdates", 401, times=100)
        api.push_command(7, "/start")  # ends the long poll in progress; the next one is refused
        out, err = finish(proc, timeout=30)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            finish(proc)
    assert_short_failure_without_token(api, proc, out, err, traceback_logged=True)
    assert "still running" not in err


@pytest.mark.parametrize(
    ("method", "status"), [("getMe", 500), ("getMe", 429), ("setMyCommands", 429), ("setMyCommands", 502), ("deleteWebhook", 500), ("deleteWebhook", 429)]
)
def test_one_error_at_start_up_is_retried(api: FakeBotApi, settings, method: str, status: int) -> None:
    from tests.bot_harness import RunningBot
    from tests.test_bot_commands import ask

    api.fail_next(method, status, retry_after=1 if status == 429 else None)
    with RunningBot(api, settings):
        assert "Hello" in ask(api, "/start")
    assert len(api.calls(method)) >= 2


def test_a_kill_9_loses_none_of_the_queued_commands_and_repeats_few(api: FakeBotApi, tmp_path: Path, corpus: Path) -> None:
    # PTB confirms every update it has fetched: a kill -9 lost up to the 16 fetched ahead, unanswered.
    from bot.polling import MAX_UNCONFIRMED

    proc = start_run(api, tmp_path, corpus)
    chats = range(1001, 1061)
    try:
        wait_until(lambda: api.calls("getUpdates"), proc)
        api.delay("sendMessage", 0.5)  # replies are slow: commands pile up unanswered
        for chat in chats:
            api.push_command(chat, "/help")
        wait_until(lambda: len(api.sent) >= 12, proc)  # some answered (and confirmed), others in flight
    finally:
        proc.kill()
        finish(proc)
    time.sleep(1.0)  # sends already in the fake server's hands get recorded
    answered = {m.chat_id for m in api.sent}
    still_queued = {u["message"]["chat"]["id"] for u in api.unconfirmed_updates()}
    lost = [chat for chat in chats if chat not in answered and chat not in still_queued]
    assert lost == [], f"{len(lost)} commands confirmed to Telegram and never answered"
    api.clear_faults()
    proc = start_run(api, tmp_path, corpus)  # the restart answers what Telegram still holds
    try:
        wait_until(lambda: all(api.sent_to(chat) for chat in chats), proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        finish(proc)
    again = sum(len(api.sent_to(chat)) - 1 for chat in chats)
    assert again <= MAX_UNCONFIRMED, f"{again} commands answered twice"


def test_a_start_up_call_failing_every_attempt_reports_its_own_error(api: FakeBotApi, settings) -> None:
    # deleteWebhook runs after the Application has started: the run must stop it again, or the error
    # that ends the run is PTB's "This Application is still running!" instead of the real one.
    from telegram.error import NetworkError

    from tests.bot_harness import RunningBot

    api.fail_next("deleteWebhook", 500, times=100)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        with RunningBot(api, settings):
            pass
