"""SQLite off the event loop: reads on a few threads, writes on one, each thread with its own connection.

A handler or job awaits `read(fn, ...)` or `write(fn, ...)`, where `fn(db, ...)` is a plain function
of the store or views layer: the loop never waits for SQLite's busy_timeout, a reload's write lock or
a slow disk. One writer thread means the bot's own writes never contend with each other; they queue.

The file is checked after every write: a database deleted, replaced or truncated under the running
bot would otherwise take writes that are lost at the next start, and report them as done.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from briefings.store.schema import connect

log = logging.getLogger(__name__)

T = TypeVar("T")
READERS = 4
READ_BUSY_TIMEOUT_MS = 5000
# Writes wait here, in the writer thread, while a /reload holds SQLite's write lock; the loop does not.
WRITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseLost(RuntimeError):
    """The database file was deleted, replaced or truncated while the bot ran: writes would be lost."""


class DatabaseThreads:
    def __init__(self, path: Path, readers: int = READERS) -> None:
        self.path = Path(path)
        self._identity = _file_identity(self.path)
        self._readers = ThreadPoolExecutor(readers, thread_name_prefix="db-read")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="db-write")
        self._local = threading.local()
        self._connections: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        self.lost: str | None = None  # why the file is no longer the one we opened, once noticed

    async def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await self._run(self._readers, fn, args, kwargs, READ_BUSY_TIMEOUT_MS)

    async def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a write; DatabaseLost if the file it went to is no longer the database (not a success)."""
        try:
            result = await self._run(self._writer, fn, args, kwargs, WRITE_BUSY_TIMEOUT_MS)
        except Exception:
            self.check_file()  # a lost file explains the error: say so
            raise
        self.check_file()
        return result

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[..., T], args, kwargs, busy_ms: int) -> T:
        call = functools.partial(self._call, fn, args, kwargs, busy_ms)
        return await asyncio.get_running_loop().run_in_executor(pool, call)

    def _call(self, fn: Callable[..., T], args, kwargs, busy_ms: int) -> T:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect(self.path, busy_ms)
            with self._lock:
                self._connections.append(db)
        return fn(db, *args, **kwargs)

    def check_file(self) -> None:
        """Raise DatabaseLost (and log it once) if the file at `path` is not the database we opened."""
        problem = self.lost or _file_problem(self.path, self._identity)
        if problem is None:
            return
        if self.lost is None:
            self.lost = problem
            log.critical("database %s %s: writes since then are lost; stop the bot and restore it", self.path, problem)
        raise DatabaseLost(f"the database file {problem}")

    def close(self) -> None:
        self._readers.shutdown(wait=True)
        self._writer.shutdown(wait=True)
        for db in self._connections:
            db.close()



def _file_identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _file_problem(path: Path, identity: tuple[int, int]) -> str | None:
    try:
        info = os.stat(path)
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "was deleted"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if (info.st_dev, info.st_ino) != identity:
        return "was replaced by another file"
    if header != SQLITE_HEADER:
        return "was truncated or overwritten"
    return None
