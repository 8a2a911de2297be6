"""Ingest: the whole load_corpus path, its storage transaction alone beside raw sqlite3, and an unchanged reload."""

from __future__ import annotations

import gc
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from bench.common import Figure, Sizes, median
from bench.generate_articles import cache_dir, corpus_paths
from briefings.store import load_corpus as lc
from briefings.store.schema import open_db

E2E_TARGET = 2000.0  # articles/s end to end
STORAGE_RATIO_LIMIT = 2.0  # storage within 2x raw sqlite3
RELOAD_LIMIT_PER_100K = 5.0  # seconds for an unchanged 100k corpus; scaled linearly for smaller corpora
LOADED_AT = "2026-03-10T06:00:00+00:00"


@contextmanager
def _capture_prepare(record: dict) -> Iterator[None]:
    """Wrap load_corpus's prepare_files (read + extract, streamed from the process pool) to keep its results and
    to time how long the storing loop waits on it (with streaming, extraction overlaps storage)."""
    original = lc.prepare_files

    def wrapper(paths, workers=None):
        results = record["results"] = []
        record["wait_seconds"] = 0.0
        it = original(paths, workers)
        while True:
            start = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                record["wait_seconds"] += time.perf_counter() - start
                return
            record["wait_seconds"] += time.perf_counter() - start
            results.append(item)
            yield item

    lc.prepare_files = wrapper
    try:
        yield
    finally:
        lc.prepare_files = original


def db_cache_path(n: int, seed: int) -> Path:
    return cache_dir() / f"db-s{seed}-n{n}.db"


def ensure_db(n: int, seed: int) -> Path:
    """The database of the first n generated articles, loaded by load_corpus (cached; not timed)."""
    path = db_cache_path(n, seed)
    if path.exists():
        return path
    paths = corpus_paths(n, seed)
    tmp = path.with_suffix(".building.db")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    db = open_db(tmp)
    lc.load_corpus(db, paths)
    _checkpoint_close(db)
    tmp.replace(path)
    return path


def _checkpoint_close(db) -> None:
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def copy_db(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    return dest


def _rows(prepared: list) -> dict[str, list[tuple]]:
    """The rows insert_articles writes, as plain tuples with explicit article ids (fresh database)."""
    return lc.rows_with_ids(prepared, 1, LOADED_AT)


def _fresh_db_path(tmp: Path, label: str) -> Path:
    path = tmp / f"{label}.db"
    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        p.unlink(missing_ok=True)
    return path


def time_storage(prepared: list, tmp: Path) -> float:
    """load_corpus's storing for a fresh load: insert_articles per STORE_BATCH articles inside one db.atomic()."""
    db = open_db(_fresh_db_path(tmp, "storage"))
    gc.collect()
    batch = lc.STORE_BATCH
    start = time.perf_counter()
    with db.atomic():
        for i in range(0, len(prepared), batch):
            lc.insert_articles(db, prepared[i : i + batch], LOADED_AT)
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def time_extraction(paths: list[Path]) -> float:
    """prepare_files alone (read + extract, same process pool), nothing stored: what a load would cost if
    storage were free. Timed on its own, so slower storage cannot make it look faster."""
    gc.collect()
    start = time.perf_counter()
    for _ in lc.prepare_files([str(p) for p in paths]):
        pass
    return time.perf_counter() - start


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in (*lc.INSERT_SQL, "speakers")}
    finally:
        conn.close()


def time_raw(rows: dict[str, list[tuple]], tmp: Path) -> float:
    """Same rows (speakers included), same schema and triggers (created by open_db), one transaction of
    sqlite3.executemany."""
    path = _fresh_db_path(tmp, "raw")
    open_db(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    gc.collect()
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, sql in lc.INSERT_SQL.items():
        conn.executemany(sql, rows[table])
    conn.executemany(lc.SPEAKER_SQL, lc.speaker_rows(rows))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        for n in sizes.ingest:
            started = time.perf_counter()
            paths = corpus_paths(n, seed)
            gen_s = time.perf_counter() - started
            reps = sizes.ingest_reps.get(n, 1)
            e2e, prep, record = [], [], {}
            for rep in range(reps):
                db_path = _fresh_db_path(tmp, "e2e")
                db = open_db(db_path)
                record = {}
                gc.collect()
                with _capture_prepare(record):
                    start = time.perf_counter()
                    report = lc.load_corpus(db, paths, clock=lambda: datetime(2026, 3, 10, 6, tzinfo=timezone.utc))
                    e2e.append(time.perf_counter() - start)
                prep.append(record["wait_seconds"])
                loaded, failed = len(report.loaded), len(report.failed)
                if rep < reps - 1:
                    db.close()
            # Reload of the unchanged corpus, on the database just loaded.
            reload_s = []
            for _ in range(3):
                start = time.perf_counter()
                again = lc.load_corpus(db, paths)
                reload_s.append(time.perf_counter() - start)
            unchanged = len(again.unchanged)
            if not db_cache_path(n, seed).exists() and failed == 0:
                _checkpoint_close(db)
                shutil.copyfile(db_path, db_cache_path(n, seed))
            else:
                db.close()
            prepared = [r for r in record["results"] if not isinstance(r, str)]
            del record
            extract_s = [time_extraction(paths) for _ in range(reps)]
            srep = sizes.storage_reps.get(n, 1)
            storage = [time_storage(prepared, tmp) for _ in range(srep)]
            rows = _rows(prepared)
            del prepared
            raw = [time_raw(rows, tmp) for _ in range(srep)]
            same_rows = table_counts(tmp / "storage.db") == table_counts(tmp / "raw.db")
            row_count = sum(len(v) for v in rows.values())
            del rows
            if not same_rows:  # the two sides must have stored the same thing, or the ratio means nothing
                figures.append(Figure(f"ingest {n:,}: storage and raw sqlite3 stored the same rows", 0, "", 1,
                                      higher_is_better=True).judge())
            gc.collect()

            e2e_med, prep_med = median(e2e), median(prep)
            st_med, raw_med = median(storage), median(raw)
            figures.append(
                Figure(
                    f"ingest {n:,}: load_corpus end to end",
                    n / e2e_med,
                    "articles/s",
                    E2E_TARGET,
                    higher_is_better=True,
                    detail=f"median of {reps} fresh loads ({', '.join(f'{x:.2f}' for x in e2e)} s); the storing loop waited "
                    f"{prep_med:.2f} s = {100 * prep_med / e2e_med:.0f}% on read+extract (prepare_files, "
                    f"{'process pool, streamed' if n >= lc.PARALLEL_THRESHOLD else 'in process'}) and spent "
                    f"{e2e_med - prep_med:.2f} s on its own work (find+stat, storage, commit); loaded {loaded}, failed {failed}; corpus generation/cache check {gen_s:.1f} s",
                    extra={"runs_s": e2e, "prepare_s": prep, "loaded": loaded, "failed": failed},
                ).judge()
            )
            figures.append(
                Figure(
                    f"ingest {n:,}: end to end if storage were free",
                    n / median(extract_s),
                    "articles/s",
                    None,
                    detail=f"articles ÷ prepare_files alone, nothing stored (read+extract; median of {len(extract_s)}: "
                    f"{', '.join(f'{x:.2f}' for x in extract_s)} s; {lc.PARALLEL_THRESHOLD}+ files use a process pool "
                    "of os.cpu_count() workers)",
                    extra={"extract_s": extract_s},
                )
            )
            figures.append(
                Figure(
                    f"ingest {n:,}: storage ÷ raw sqlite3",
                    st_med / raw_med,
                    "×",
                    STORAGE_RATIO_LIMIT,
                    detail=f"insert_articles per {lc.STORE_BATCH} articles in one db.atomic(): median {st_med:.2f} s ({n / st_med:,.0f} articles/s) "
                    f"vs sqlite3.executemany of the same {row_count:,} rows, same schema + FTS5 triggers, one transaction: "
                    f"median {raw_med:.2f} s ({n / raw_med:,.0f} articles/s); runs {[round(x, 3) for x in storage]} / "
                    f"{[round(x, 3) for x in raw]}",
                    extra={"storage_s": storage, "raw_s": raw, "rows": row_count, "same_rows": same_rows},
                ).judge()
            )
            limit = RELOAD_LIMIT_PER_100K * n / 100_000
            figures.append(
                Figure(
                    f"ingest {n:,}: unchanged reload",
                    median(reload_s),
                    "s",
                    limit,
                    detail=f"median of 3; {unchanged} unchanged (size+mtime); limit is 5 s per 100k scaled to {n:,}; "
                    f"{100 * median(reload_s) / e2e_med:.1f}% of a fresh load",
                    extra={"runs_s": reload_s},
                ).judge()
            )
            log(f"  ingest {n:,}: e2e {n / e2e_med:,.0f}/s, storage {st_med:.2f}s vs raw {raw_med:.2f}s, reload {median(reload_s):.3f}s")
    return figures


__all__ = ["run", "ensure_db", "copy_db"]
