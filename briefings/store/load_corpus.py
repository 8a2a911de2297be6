"""Load or reload corpus files into the database: incremental, in short transactions of whole articles, failures
reported by name."""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from datasketch import MinHash

from briefings.models import LoadReport
from briefings.sources.read_corpus import find_article_files
from briefings.store.article_rows import COLUMNS, Prepared, prepare_file
from briefings.store.queries import article_count
from briefings.store.schema import write_transaction
from briefings.stories.assign import assign_stories, load_index
from briefings.stories.similarity import StoryIndex, from_bytes, lead_signature

# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 400
# Workers start from a clean single-threaded server, never as forks of the caller: the bot calls this from
# a thread while others hold locks (logging, SQLite, httpx), and a forked child would inherit them held.
# The server imports the workers' module once; each worker is a fork of it, ready at once.
POOL_CONTEXT = get_context("forkserver")
POOL_CONTEXT.set_forkserver_preload(["briefings.store.article_rows"])
# Articles per write transaction: a write from the bot waits at most one batch, not the whole load. 50 articles
# take 0.02 s to store on an idle core, up to 0.2 s on a busy one; smaller batches cost more per article.
STORE_BATCH = 50


@dataclass(frozen=True)
class _Known:
    id: int
    content_hash: str
    size: int
    mtime_ns: int


def load_corpus(
    db: sqlite_utils.Database,
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
) -> LoadReport:
    """Bring the articles under `paths` up to date; if storing fails, the batches stored before it stay."""
    report = LoadReport()
    files, missing = find_article_files(paths)
    report.failed.extend(missing)
    scope = [p.resolve() for p in paths if p.exists()]
    known = _known_articles(db, scope)

    todo: list[tuple[str, _Known | None]] = []
    for path in files:
        key = str(path)  # absolute already: find_article_files resolved the roots
        old = known.pop(key, None)
        try:
            stat = os.stat(key)
        except OSError as exc:  # gone or unreadable since the folder was listed
            report.failed.append((key, f"cannot be read ({exc.strerror or exc})"))
            continue
        if old and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
            report.unchanged.append(key)  # same size and mtime: skip without reading, as git does
        else:
            todo.append((key, old))

    # Articles under the loaded folders whose files are gone. `known` only holds paths not seen above.
    gone = [(key, old) for key, old in known.items() if not Path(key).exists()]
    loaded_at = clock().isoformat(timespec="seconds")
    # Files are read and extracted outside any transaction; each batch is stored in a short write
    # transaction of whole articles, so the bot's writes interleave with a long /reload and a crash
    # leaves every article either as it was or as it is now.
    batch = _Batch()
    # Stories are assigned as each batch is stored: the index of recent articles is read once, when the first new
    # article arrives (an unchanged reload never reads it).
    stories: StoryIndex | None = None
    for key, old in gone:
        batch.removed.append(old.id)
        report.removed.append(key)
        if batch.size() >= STORE_BATCH:
            _store(db, batch, loaded_at, stories)
            batch = _Batch()
    for (key, old), result in zip(todo, prepare_files([key for key, _ in todo], workers)):
        if isinstance(result, str):
            report.failed.append((key, result))
        elif old and old.content_hash == result.content_hash:
            report.unchanged.append(key)  # touched, not changed: remember the new mtime
            batch.touched.append((result.size, result.mtime_ns, old.id))
        else:
            if old:
                batch.removed.append(old.id)
            batch.new.append(result)
            report.loaded.append(key)
        if batch.size() >= STORE_BATCH:
            stories = stories or (load_index(db) if batch.new else None)
            _store(db, batch, loaded_at, stories)
            batch = _Batch()
    stories = stories or (load_index(db) if batch.new else None)
    _store(db, batch, loaded_at, stories)
    # Articles stored without a story (by another loader, or before a crash) are grouped after the load's
    # transactions; until then each is a story of its own.
    assign_stories(db, stories)
    return report


@dataclass
class _Batch:
    """What one short write transaction of a load stores: old versions out, new ones in, new mtimes."""

    removed: list[int] = field(default_factory=list)
    new: list[Prepared] = field(default_factory=list)
    touched: list[tuple[int, int, int]] = field(default_factory=list)  # (size, mtime_ns, id)

    def size(self) -> int:
        return len(self.removed) + len(self.new) + len(self.touched)


def _store(db: sqlite_utils.Database, batch: _Batch, loaded_at: str, stories: StoryIndex | None) -> None:
    """One batch in one transaction; an empty batch (an unchanged reload) writes nothing."""
    if not batch.size():
        return
    for article_id in batch.removed if stories is not None else ():
        stories.discard(article_id)  # before the new articles look for their stories
    # What does not write (signatures, story lookups, rows) is done before the write lock is taken, for the ids the
    # articles get unless another writer adds one meanwhile: a bot write waits only for the writes. In the
    # transaction the ids are read again, and the plan redone if they moved.
    plan = _plan(db, batch.new, loaded_at, stories) if batch.new else None
    with write_transaction(db):
        for article_id in batch.removed:
            _delete_article(db, article_id)
        db.conn.executemany("UPDATE articles SET size = ?, mtime_ns = ? WHERE id = ?", batch.touched)
        if plan is not None:
            if _next_article_id(db) != plan.first_id:
                for article_id, _, _ in plan.story_rows:
                    stories.discard(article_id)  # type: ignore[union-attr]  (story_rows is empty without stories)
                plan = _plan(db, batch.new, loaded_at, stories, plan.signatures)
            _write(db, plan)


def _known_articles(db: sqlite_utils.Database, scope: Iterable[Path]) -> dict[str, _Known]:
    """Stored articles whose files lie inside one of the loaded files or folders."""
    known: dict[str, _Known] = {}
    for root in scope:
        if root.is_file():
            where, arg = "path = ?", str(root)
        else:
            where, arg = "path GLOB ?", _glob_escape(str(root).rstrip(os.sep) + os.sep) + "*"
        for row in db.query(f"SELECT id, path, content_hash, size, mtime_ns FROM articles WHERE {where}", [arg]):
            path = row.pop("path")
            known[path] = _Known(**row)
    return known


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def prepare_files(paths: list[str], workers: int | None = None) -> Iterator[Prepared | str]:
    """Read and extract every file, in order, on all cores when there are enough files to be worth it."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        yield from map(prepare_file, paths)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=POOL_CONTEXT) as pool:
        with _workers_skip_main_module():  # map submits every chunk, so the workers start inside it
            results = pool.map(prepare_file, paths, chunksize=32)
        yield from results


@contextmanager
def _workers_skip_main_module() -> Iterator[None]:
    """Workers started inside this block do not run the caller's main module again.

    multiprocessing runs the parent's `__main__` (the CLI, the bot, a benchmark) in every new worker, in case the
    work was defined there: 0.2-0.7 s of imports per worker per load, before its first article. The work lives in
    briefings.store.article_rows, so an empty `__main__` is shown while the workers are started.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    for table in CHILD_TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


CHILD_TABLES = ("sentence_spans", "fact_spans", "quote_spans", "people", "related")
INSERT_SQL = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    for table, cols in COLUMNS.items()
}
# In a Prepared article row, which has no id.
_TITLE, _CLEAN_TEXT = COLUMNS["articles"].index("title") - 1, COLUMNS["articles"].index("clean_text") - 1


def story_signature(prepared: Prepared) -> tuple[bytes, MinHash]:
    """The article's title-and-lead signature, stored and as the MinHash the story index compares."""
    [article] = prepared.rows["articles"]
    data = lead_signature(article[_TITLE], article[_CLEAN_TEXT])
    return data, from_bytes(data)


@dataclass
class _Plan:
    """A batch of new articles as the rows they add, numbered from `first_id`, with their stories."""

    first_id: int
    rows: dict[str, list[tuple]]
    story_rows: list[tuple[int, int, bytes]]  # (article id, story id, signature)
    signatures: list[tuple[bytes, MinHash]] | None


def _next_article_id(db: sqlite_utils.Database) -> int:
    # Ids are given explicitly so child rows can be built before the articles are written; AUTOINCREMENT's
    # sqlite_sequence follows the largest id, so ids are still never reused.
    return 1 + db.execute(
        "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0), "
        "COALESCE((SELECT max(id) FROM articles), 0))"
    ).fetchone()[0]


def _plan(
    db: sqlite_utils.Database,
    batch: list[Prepared],
    loaded_at: str,
    stories: StoryIndex | None,
    signatures: list[tuple[bytes, MinHash]] | None = None,
) -> _Plan:
    """Number the articles from the next free id and, with `stories`, put each in its story."""
    first_id = _next_article_id(db)
    story_rows = []
    if stories is not None:
        signatures = signatures if signatures is not None else [story_signature(prepared) for prepared in batch]
        for article_id, (data, minhash) in enumerate(signatures, start=first_id):
            story_rows.append((article_id, stories.assign(article_id, minhash), data))
    rows = rows_with_ids(batch, first_id, loaded_at, {article_id: story for article_id, story, _ in story_rows})
    return _Plan(first_id, rows, story_rows, signatures)


def _write(db: sqlite_utils.Database, plan: _Plan) -> None:
    with db.atomic():
        for table, table_rows in plan.rows.items():
            db.conn.executemany(INSERT_SQL[table], table_rows)
        db.conn.executemany(FTS_SQL, fts_rows(plan.rows))
        db.conn.executemany(SPEAKER_SQL, speaker_rows(plan.rows))
        db.conn.executemany(SIGNATURE_SQL, plan.story_rows)


def insert_articles(
    db: sqlite_utils.Database, batch: list[Prepared], loaded_at: str, stories: StoryIndex | None = None
) -> None:
    """Insert a batch of prepared articles, one executemany per table; with `stories`, each is stored in its story
    (else assign_stories groups it later)."""
    if batch:
        _write(db, _plan(db, batch, loaded_at, stories))


SPEAKER_SQL = "INSERT OR IGNORE INTO speakers (speaker) VALUES (?)"
SIGNATURE_SQL = "INSERT OR REPLACE INTO story_signatures (article_id, story_id, signature) VALUES (?, ?, ?)"
# The articles' search index is written here, not by a trigger (schema v11): one executemany on the FTS5
# table costs a third of the same rows inserted by a trigger, which flushes FTS5's pending terms per row.
FTS_SQL = "INSERT INTO articles_fts (rowid, title, clean_text) VALUES (?, ?, ?)"


def fts_rows(rows: dict[str, list[tuple]]) -> list[tuple[int, str, str]]:
    """(rowid, title, clean_text) of a batch's article rows, for FTS_SQL."""
    columns = COLUMNS["articles"]
    title, text = columns.index("title"), columns.index("clean_text")
    return [(article[0], article[title], article[text]) for article in rows["articles"]]


def speaker_rows(rows: dict[str, list[tuple]]) -> set[tuple[str]]:
    """The distinct speaker names of a batch's quote rows, for SPEAKER_SQL."""
    speaker = COLUMNS["quote_spans"].index("speaker")
    return {(quote[speaker],) for quote in rows["quote_spans"] if quote[speaker]}


def rows_with_ids(
    batch: list[Prepared], first_id: int, loaded_at: str, story_ids: dict[int, int] | None = None
) -> dict[str, list[tuple]]:
    """The batch's rows per table, each article numbered from `first_id` (its story from `story_ids`, if there),
    ready for INSERT_SQL."""
    story_ids = story_ids or {}
    rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
    for article_id, prepared in enumerate(batch, start=first_id):
        [article] = prepared.rows["articles"]
        rows["articles"].append((article_id, *article, loaded_at, story_ids.get(article_id)))
        for table in CHILD_TABLES:
            rows[table].extend((article_id, *row) for row in prepared.rows[table])
    return rows


def load_if_empty(db: sqlite_utils.Database, corpus: Path) -> LoadReport | None:
    """A database without articles gets the corpus loaded (first start, `newsbrief brief` on a fresh clone)."""
    if article_count(db):
        return None
    return load_corpus(db, [corpus])
