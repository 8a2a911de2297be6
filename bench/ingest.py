"""Ingest: load_corpus on real text against its floor and the database size against the raw text; on generated
articles, the whole path, its storage alone beside raw sqlite3, and an unchanged reload.

    python -m bench.ingest 2000    # the real-text figures alone, at 2,000 files (needs the dev set)
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from bench.common import Figure, Sizes, median
from bench.generate_articles import cache_dir, corpus_paths
from bench.quality import eval_dir
from briefings.extract.article import extract_article
from briefings.sources.read_corpus import read_article_file
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
    conn.executemany(lc.FTS_SQL, lc.fts_rows(rows))
    conn.executemany(lc.SPEAKER_SQL, lc.speaker_rows(rows))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def run(sizes: Sizes, seed: int, log) -> list[Figure]:
    figures: list[Figure] = real_text(sizes.name, log)
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


# ---- Real text: the load against its floor, and the database against the raw text (issue 7) ----

# Files per mode. The dev set's 145 articles are repeated with a changed Source: line (distinct articles,
# distinct hashes), written to a temporary folder outside the repository and read there.
REAL_FILES = {"tiny": 20, "quick": 300, "full": 2000}
REAL_REPS = {"tiny": 1, "quick": 2, "full": 3}
FLOOR_RATIO_LIMIT = 2.5  # load_corpus ÷ (read the files + insert the text with an FTS5 index)
SIZE_RATIO_LIMIT = 3.0  # database file ÷ raw text bytes
WRITE_HOLD_LIMIT = 0.2  # s: a bot write waiting for the load's lock must still answer within issue 8's 200 ms


def real_text_corpus(n: int, folder: Path) -> list[Path]:
    """n article files built from the dev set, the k-th repetition of an article marked in its Source: line."""
    originals = sorted((eval_dir() / "articles").glob("*.txt"))
    if not originals:
        raise FileNotFoundError(f"no dev-set articles under {eval_dir() / 'articles'}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        original = originals[i % len(originals)]
        copy = i // len(originals)
        data = original.read_bytes()
        if copy:
            data = _mark_copy(data, copy)
        path = folder / f"{i:05d}-{original.name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _mark_copy(data: bytes, copy: int) -> bytes:
    lines = data.split(b"\n")
    for i, line in enumerate(lines):
        if not line.strip():
            break
        if line.lower().startswith(b"source:"):
            lines[i] = line + f" (bench copy {copy})".encode()
            return b"\n".join(lines)
    return f"Source: bench copy {copy}\n\n".encode() + data


def time_floor(paths: list[Path], db_path: Path) -> float:
    """Read every file and insert its text into SQLite with an FTS5 index (porter, as the articles' index),
    one transaction, same journal settings as open_db: the least a load of these files can cost."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, path TEXT NOT NULL, text TEXT NOT NULL)")
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(text, content='articles', content_rowid='id', tokenize='porter')"
    )
    gc.collect()
    start = time.perf_counter()
    conn.execute("BEGIN")
    for i, path in enumerate(paths, 1):
        text = path.read_bytes().decode("utf-8")
        conn.execute("INSERT INTO articles (id, path, text) VALUES (?, ?, ?)", (i, str(path), text))
        conn.execute("INSERT INTO articles_fts (rowid, text) VALUES (?, ?)", (i, text))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def time_load(folder: Path, db_path: Path) -> tuple[float, Any, list[float]]:
    """`newsbrief load FOLDER` on a fresh database (schema created before the clock starts); also how long
    each of its write transactions held SQLite's write lock."""
    db = open_db(db_path)
    held: list[float] = []
    gc.collect()
    with _timed_write_transactions(held):
        start = time.perf_counter()
        report = lc.load_corpus(db, [folder])
        seconds = time.perf_counter() - start
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return seconds, report, held


@contextmanager
def _timed_write_transactions(held: list[float]) -> Iterator[None]:
    """Wrap the write transactions of the load (its batches) and of story grouping, recording each one's
    time from BEGIN IMMEDIATE to COMMIT: what a /subscribe during a /reload may wait for."""
    from briefings.stories import assign

    original = lc.write_transaction

    @contextmanager
    def timed(db):
        start = time.perf_counter()
        with original(db) as inner:
            yield inner
        held.append(time.perf_counter() - start)

    lc.write_transaction = assign.write_transaction = timed
    try:
        yield
    finally:
        lc.write_transaction = assign.write_transaction = original


def table_bytes(db_path: Path) -> dict[str, int]:
    """Bytes per table with its indexes (FTS5 shadow tables under their index's name), largest first."""
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute(
            "SELECT COALESCE(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s "
            "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1"
        ).fetchall()
    finally:
        conn.close()
    merged: dict[str, int] = {}
    for name, size in rows:
        key = name.split("_fts")[0] + "_fts" if "_fts" in name else name
        merged[key] = merged.get(key, 0) + size
    return dict(sorted(merged.items(), key=lambda kv: -kv[1]))


def extraction_seconds(paths: list[Path]) -> float:
    """extract_article alone over the files, in this process (files read beforehand): extraction's CPU cost."""
    sources = [read_article_file(p) for p in paths]
    gc.collect()
    start = time.perf_counter()
    for source in sources:
        extract_article(source.body, source.title)
    return time.perf_counter() - start


def real_text(mode: str, log, files: int | None = None) -> list[Figure]:
    n = files or REAL_FILES[mode]
    reps = REAL_REPS.get(mode, 1)
    if not (eval_dir() / "articles").is_dir():
        log(f"  ingest real text: skipped, no dev set at {eval_dir()} (python -m bench --eval PATH)")
        return []
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-real-") as tmpdir:
        tmp = Path(tmpdir)
        folder = tmp / "articles"
        paths = real_text_corpus(n, folder)
        raw_bytes = sum(p.stat().st_size for p in paths)
        floor_s, load_s, longest, transactions, report = [], [], [], 0, None
        for _ in range(reps):  # alternated, so a busy spell on the shared machine hits both sides
            floor_s.append(time_floor(paths, _fresh_db_path(tmp, "floor")))
            seconds, report, held = time_load(folder, _fresh_db_path(tmp, "load"))
            load_s.append(seconds)
            longest.append(max(held, default=0.0))
            transactions = len(held)
        db_bytes = (tmp / "load.db").stat().st_size
        floor_bytes = (tmp / "floor.db").stat().st_size
        tables = table_bytes(tmp / "load.db")
        extract_s = extraction_seconds(paths)
    loaded, failed = len(report.loaded), len(report.failed)
    floor_med, load_med = median(floor_s), median(load_s)
    workers = (os.cpu_count() or 1) if n >= lc.PARALLEL_THRESHOLD else 1
    log(f"  ingest real text {n:,}: load {load_med:.2f} s, floor {floor_med:.2f} s, db {db_bytes / raw_bytes:.2f}× raw")
    biggest = ", ".join(f"{name} {size / raw_bytes:.2f}×" for name, size in list(tables.items())[:6])
    return [
        Figure(
            f"ingest real text {n:,}: load ÷ floor",
            load_med / floor_med,
            "×",
            FLOOR_RATIO_LIMIT,
            detail=f"load_corpus of {n:,} dev-set files (145 repeated, Source: line varied) median {load_med:.2f} s "
            f"({n / load_med:,.0f} articles/s; runs {', '.join(f'{x:.2f}' for x in load_s)}) vs reading the same files "
            f"and inserting their text with an FTS5 index median {floor_med:.2f} s (runs "
            f"{', '.join(f'{x:.2f}' for x in floor_s)}), {reps} alternated runs each; loaded {loaded}, failed {failed}; "
            f"extract_article alone {1000 * extract_s / n:.2f} ms/article in one process = {extract_s:.2f} s of CPU, "
            f"{100 * extract_s / workers / load_med:.0f}% of the load's wall time on {workers} worker(s)",
            extra={"load_s": load_s, "floor_s": floor_s, "extract_s": extract_s, "files": n, "loaded": loaded,
                   "failed": failed},
        ).judge(),
        Figure(
            f"ingest real text {n:,}: longest write transaction of the load",
            median(longest),
            "s",
            WRITE_HOLD_LIMIT,
            detail=f"the longest time one load held SQLite's write lock (a batch of {lc.STORE_BATCH} articles or a "
            f"story-grouping pass), median over the {reps} loads above of each load's longest "
            f"({', '.join(f'{x:.3f}' for x in longest)} s; {transactions} write transactions per load): what a "
            "/subscribe during a /reload waits for at most",
            extra={"longest_s": longest, "transactions": transactions},
        ).judge(),
        Figure(
            f"ingest real text {n:,}: database ÷ raw text",
            db_bytes / raw_bytes,
            "×",
            SIZE_RATIO_LIMIT,
            detail=f"{db_bytes:,} bytes after a checkpoint for {raw_bytes:,} bytes of files; largest parts: {biggest}; "
            f"the floor's database is {floor_bytes / raw_bytes:.2f}×",
            extra={"db_bytes": db_bytes, "raw_bytes": raw_bytes, "floor_bytes": floor_bytes, "tables": tables},
        ).judge(),
    ]


__all__ = ["run", "ensure_db", "copy_db"]


if __name__ == "__main__":
    import sys

    from bench.common import table

    found = real_text("full", lambda msg: print(msg, file=sys.stderr), int(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(table(found))
    for figure in found:
        print(f"{figure.name}: {figure.detail}")

