"""Parent side of bench/bot_process.py: start the bot process against a FakeBotApi, signal it, read its counters."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import REPO, proc_cpu_seconds, proc_status_kb
from bench.generate_articles import corpus_paths
from bench.ingest import copy_db, ensure_db
from briefings.store import queries
from briefings.store import subscriptions
from briefings.store.schema import open_db

SUBSCRIBER_CHAT0 = 100_000  # subscriber chat ids are SUBSCRIBER_CHAT0 + i; command chats are far above


@contextmanager
def bench_database(articles: int, seed: int, subscribers: int, now_utc: datetime, label: str) -> Iterator[BenchDb]:
    """A temp copy of the cached database of `articles` generated articles, with `subscribers` added."""
    src = ensure_db(articles, seed)
    corpus = corpus_paths(articles, seed)[0].parent
    with tempfile.TemporaryDirectory(prefix=f"newsbrief-bench-{label}-") as tmpdir:
        tmp = Path(tmpdir)
        db_path = copy_db(src, tmp / "bot.db")
        last_id = add_subscribers(db_path, subscribers, now_utc)
        yield BenchDb(tmp=tmp, db_path=db_path, corpus=corpus, last_id=last_id)


@dataclass(frozen=True)
class BenchDb:
    tmp: Path
    db_path: Path
    corpus: Path
    last_id: int  # newest article id every subscriber's previous digest covered


def add_subscribers(db_path: Path, n: int, now_utc: datetime, at: str = "08:00", digest_behind: int = 3) -> int:
    """n subscriptions made at `now_utc` through subscriptions.subscribe, each with yesterday's digest already sent
    (covering all but the newest `digest_behind` articles), in one transaction. Returns that last_article_id."""
    db = open_db(db_path)
    newest = queries.newest_article_id(db)
    last_id = max(0, newest - digest_behind)
    yesterday = (now_utc - timedelta(days=1)).date().isoformat()
    stamp = (now_utc - timedelta(days=1)).isoformat(timespec="seconds")
    with db.atomic():
        for i in range(n):
            chat = SUBSCRIBER_CHAT0 + i
            subscriptions.subscribe(db, chat, chat, at, "UTC", now_utc)
        db.execute(
            "INSERT OR REPLACE INTO deliveries (chat_id, local_date, status, last_article_id, claimed_at, sent_at) "
            "SELECT chat_id, ?, 'sent', ?, ?, ? FROM subscriptions",
            [yesterday, last_id, stamp, stamp],
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return last_id


class BotProcess:
    """`with BotProcess(api, ...) as bot:` — the bot polls once the block starts; `bot.startup_s` says how long it took."""

    def __init__(self, api, db_path: Path, corpus: Path, workdir: Path, *, overall: float, clock: datetime,
                 clock_after: datetime | None = None, extra: list[str] | None = None, label: str = "bot") -> None:
        self.api = api
        self.result_path = workdir / f"{label}-result.json"
        self.log_path = workdir / f"{label}-stderr.log"
        self.cmd = [
            sys.executable, "-m", "bench.bot_process", "--base-url", api.base_url, "--db", str(db_path),
            "--corpus", str(corpus), "--result", str(self.result_path), "--overall", str(overall),
            "--clock", clock.isoformat(), *(["--clock-after", clock_after.isoformat()] if clock_after else []),
            *(extra or []),
        ]
        self.proc: subprocess.Popen | None = None
        self.result: dict = {}

    def __enter__(self) -> BotProcess:
        self.result_path.unlink(missing_ok=True)
        before = len(self.api.calls("getUpdates"))
        env = {**os.environ, "BENCH_BOT_TOKEN": self.api.token, "PYTHONPATH": str(REPO)}
        self._log = open(self.log_path, "w")
        self.t_spawn = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = self.t_spawn + 60
        while True:
            calls = self.api.calls("getUpdates")
            if len(calls) > before:
                self.t_first_poll = calls[before].time
                break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self._log.flush()
                raise RuntimeError(f"bot process did not start polling:\n{self.log_path.read_text()[-3000:]}")
            time.sleep(0.005)
        self.startup_s = self.t_first_poll - self.t_spawn
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def cpu_s(self) -> float:
        return proc_cpu_seconds(self.pid)

    def vmhwm_kb(self) -> int | None:
        return proc_status_kb(self.pid, "VmHWM")

    def trigger(self) -> None:
        """Move the bot's clock to clock_after (SIGUSR1)."""
        os.kill(self.pid, signal.SIGUSR1)

    def stop(self) -> dict:
        if self.proc is None:
            return self.result
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()
        if self.result_path.exists():
            self.result = json.loads(self.result_path.read_text())
        else:
            self.result = {"error": f"no result file; exit {self.proc.returncode}"}
        if self.result.get("error"):
            self.result["log_tail"] = self.log_path.read_text()[-2000:]
        self.proc = None
        return self.result

    def __exit__(self, *exc) -> None:
        self.stop()

    def phases(self) -> dict[str, float]:
        """Start-up phases from the child's monotonic marks (valid after stop())."""
        marks = self.result.get("marks") or {}
        out = {}
        if "main" in marks:
            out["interpreter"] = marks["main"] - self.t_spawn
        if "imported" in marks and "main" in marks:
            out["imports"] = marks["imported"] - marks["main"]
        if "built" in marks and "imported" in marks:
            out["build_application"] = marks["built"] - marks["imported"]
            out["initialize+prepare+start_polling"] = self.t_first_poll - marks["built"]
        return out
