"""Claiming a cohort of due digests in chunks, timed on the writer's side (issue 8, finding 11).

    python -m bench.claims 100000            # each chunk starts after the previous one (the fan-out's way)
    python -m bench.claims 100000 --rescan   # each chunk from the start, as before the claim cursor

N subscribers due at 08:00 UTC, yesterday's digest sent, in a temporary database; claims chunks of
CLAIM_CHUNK until none is left and prints the total, the first, last full and slowest chunk.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bot.digest_job import CLAIM_CHUNK
from briefings.store import subscriptions
from briefings.store.schema import open_db

NOW = datetime(2026, 3, 10, 8, 1, tzinfo=timezone.utc)


def claim_all(n: int, rescan: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "claims.db")
        with db.conn:
            db.conn.executemany(
                "INSERT INTO subscriptions (chat_id, user_id, time, tz, start_date) VALUES (?, ?, '08:00', 'UTC', '2026-03-01')",
                [(100_000 + i, 100_000 + i) for i in range(n)],
            )
            db.conn.executemany(
                "INSERT INTO deliveries (chat_id, local_date, status, last_article_id, claimed_at, sent_at) "
                "VALUES (?, '2026-03-09', 'sent', 5, '2026-03-09T08:00:00+00:00', '2026-03-09T08:00:00+00:00')",
                [(100_000 + i,) for i in range(n)],
            )
        cursor, seconds, claimed = None, [], 0
        while True:
            started = time.perf_counter()
            chunk = subscriptions.claim_due(db, NOW, CLAIM_CHUNK, None if rescan else cursor)
            seconds.append(time.perf_counter() - started)
            if not chunk:
                break
            claimed += len(chunk)
            cursor = chunk[-1].cursor
        db.close()
    full = seconds[:-1] or seconds
    return (f"{'rescan' if rescan else 'cursor'}: {claimed:,} claimed in {len(full)} chunks of {CLAIM_CHUNK}: "
            f"{sum(seconds):.2f} s in all; first {full[0] * 1000:.1f} ms, last {full[-1] * 1000:.1f} ms, "
            f"slowest {max(full) * 1000:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.claims")
    parser.add_argument("subscribers", type=int)
    parser.add_argument("--rescan", action="store_true", help="no cursor: every chunk reads from the start")
    args = parser.parse_args()
    print(claim_all(args.subscribers, args.rescan))
