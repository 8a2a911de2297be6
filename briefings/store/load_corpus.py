"""Load or reload corpus files into the database: incremental, in short transactions of whole articles, failures
reported by name."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from briefings.extract.article import extract_article
from briefings.stories.assign import assign_stories, load_index
from briefings.stories.similarity import StoryIndex, from_bytes, lead_signature
from briefings.models import ArticleSource, Extraction, LoadReport
from briefings.store.queries import article_count
from briefings.sources.read_corpus import CorpusFileError, find_article_files, read_article_file
from briefings.store.schema import locate, write_transaction

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W\d_]{2,}")  # a run of two letters: punctuation alone is no sentence
# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 400
# Workers start from a clean single-threaded server, never as forks of the caller: the bot calls this from
# a thread while others hold locks (logging, SQLite, httpx), and a forked child would inherit them held.
POOL_CONTEXT = get_context("forkserver")
# Articles per write transaction: a write from the bot waits at most one batch, not the whole load. 50 articles
# take 0.02 s to store on an idle core, up to 0.2 s on a busy one; smaller batches cost more per article.
STORE_BATCH = 50


@dataclass(frozen=True)
class _Known:
    id: int
    content_hash: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class _Prepared:
    """One file read and extracted, as the rows it will add: built in the worker, so the main process,
    which stores while the workers extract, only unpickles plain tuples and prepends the article id."""

    path: str
    content_hash: str
    size: int
    mtime_ns: int
    rows: dict[str, list[tuple]]  # per table, in COLUMNS order without the leading article id
    signature: bytes | None = None  # of title and lead, for story grouping (briefings.stories)


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
    # Stories are assigned as each batch is stored, from signatures the workers made: the index of recent
    # articles is read once, when the first new article arrives (an unchanged reload never reads it).
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
    new: list[_Prepared] = field(default_factory=list)
    touched: list[tuple[int, int, int]] = field(default_factory=list)  # (size, mtime_ns, id)

    def size(self) -> int:
        return len(self.removed) + len(self.new) + len(self.touched)


def _store(db: sqlite_utils.Database, batch: _Batch, loaded_at: str, stories: StoryIndex | None) -> None:
    """One batch in one transaction; an empty batch (an unchanged reload) writes nothing."""
    if not batch.size():
        return
    with write_transaction(db):
        for article_id in batch.removed:
            _delete_article(db, article_id)
            if stories is not None:
                stories.discard(article_id)
        db.conn.executemany("UPDATE articles SET size = ?, mtime_ns = ? WHERE id = ?", batch.touched)
        insert_articles(db, batch.new, loaded_at, stories)


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


def prepare_files(paths: list[str], workers: int | None = None) -> Iterator[_Prepared | str]:
    """Read and extract every file, in order, on all cores when there are enough files to be worth it."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        yield from map(prepare_file, paths)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=POOL_CONTEXT) as pool:
        yield from pool.map(prepare_file, paths, chunksize=32)


def prepare_file(path: str) -> _Prepared | str:
    """Read and extract one file; a string result is the reason it failed."""
    file = Path(path)
    try:
        source = read_article_file(file)
        stat = file.stat()
    except CorpusFileError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    source = replace(source, path=path)
    try:
        extraction = extract_article(source.body, source.title)
    except Exception as exc:  # one bad article must not stop the load; the reason is reported by name
        log.exception("extraction failed for %s", path)
        return f"extraction failed ({type(exc).__name__}: {exc})"
    if not any(_WORDS.search(s.text) for s in extraction.sentences):
        return "no sentences found"
    rows = _article_rows(source, extraction, stat.st_size, stat.st_mtime_ns)
    [article] = rows["articles"]
    return _Prepared(
        path=path,
        content_hash=source.content_hash,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        rows=rows,
        signature=lead_signature(extraction.headline, article[_CLEAN_TEXT]),
    )


def _delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    for table in CHILD_TABLES:
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM articles WHERE id = ?", [article_id])


# Column order of the rows _article_rows builds. Plain executemany rather than sqlite-utils' insert_all
# here: with ~70 small rows per article, insert_all's per-value type checks cost 2.5x the SQL itself
# (profiled: 3.4 s of 5.2 s for 5,000 articles). The schema itself stays with sqlite-utils (store.py).
# Sentences, facts and quotes are spans into the clean text (schema v10), read through views.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "path", "content_hash", "size", "mtime_ns", "title", "source", "published", "clean_text", "loaded_at",
        "story_id",
    ),
    "sentence_spans": ("article_id", "idx", "paragraph", "char_start", "char_end"),
    "fact_spans": ("article_id", "rank", "sentence_idx", "char_start", "char_end", "text", "numbers", "score"),
    "quote_spans": (
        "article_id", "sentence_idx", "char_start", "char_end", "text", "speaker", "role", "kind", "cue",
        "speaker_mention",
    ),
    "people": ("article_id", "name", "role", "kind", "aliases"),
    "related": ("article_id", "idx", "text"),
}
CHILD_TABLES = ("sentence_spans", "fact_spans", "quote_spans", "people", "related")
INSERT_SQL = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    for table, cols in COLUMNS.items()
}
_CLEAN_TEXT = COLUMNS["articles"].index("clean_text") - 1  # in a _Prepared article row, which has no id


def insert_articles(
    db: sqlite_utils.Database, batch: list[_Prepared], loaded_at: str, stories: StoryIndex | None = None
) -> None:
    """Insert a batch of prepared articles, one executemany per table; with `stories`, each article that has a
    signature is stored in its story (else assign_stories groups it later)."""
    if not batch:
        return
    # Ids are given explicitly so child rows can be built before the articles are written; AUTOINCREMENT's
    # sqlite_sequence follows the largest id, so ids are still never reused.
    first_id = 1 + db.execute(
        "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0), "
        "COALESCE((SELECT max(id) FROM articles), 0))"
    ).fetchone()[0]
    signatures = [
        (article_id, stories.assign(article_id, from_bytes(prepared.signature)), prepared.signature)
        for article_id, prepared in enumerate(batch, start=first_id)
        if stories is not None and prepared.signature is not None
    ]
    rows = rows_with_ids(batch, first_id, loaded_at, {article_id: story for article_id, story, _ in signatures})
    with db.atomic():
        for table, table_rows in rows.items():
            db.conn.executemany(INSERT_SQL[table], table_rows)
        db.conn.executemany(FTS_SQL, fts_rows(rows))
        db.conn.executemany(SPEAKER_SQL, speaker_rows(rows))
        db.conn.executemany(SIGNATURE_SQL, signatures)


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
    batch: list[_Prepared], first_id: int, loaded_at: str, story_ids: dict[int, int] | None = None
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


def _article_rows(source: ArticleSource, ex: Extraction, size: int, mtime_ns: int) -> dict[str, list[tuple]]:
    """Every row one article adds, per table, in COLUMNS order without the article id (nor loaded_at, story_id)."""
    text, spans = clean_text_and_spans(ex)
    starts = {index: start for index, _, start, _ in spans}

    def span(part: str, sentence_index: int) -> tuple[int | None, int | None, str | None]:
        found = locate(text, part, starts.get(sentence_index, 0))
        return (*found, None) if found else (None, None, part)

    return {
        "articles": [
            (source.path, source.content_hash, size, mtime_ns, ex.headline, source.source, source.published, text)
        ],
        "sentence_spans": spans,
        "fact_spans": [
            (rank, f.sentence_index, *span(f.text, f.sentence_index), json.dumps(list(f.numbers), ensure_ascii=False),
             f.score)
            for rank, f in enumerate(ex.facts)
        ],
        "quote_spans": [
            (q.sentence_index, *span(q.text, q.sentence_index), q.speaker, q.role, q.kind, q.cue, q.speaker_mention)
            for q in ex.quotes
        ],
        "people": [(p.name, p.role, p.kind, json.dumps(list(p.aliases), ensure_ascii=False)) for p in ex.people],
        "related": [(i, related) for i, related in enumerate(ex.related)],
    }


def clean_text_and_spans(ex: Extraction) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The cleaned text (a paragraph per line, its sentences joined by spaces) and each sentence's
    (index, paragraph, start, end) in it, built in one pass."""
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    position, paragraph = 0, None
    for sentence in ex.sentences:
        if paragraph is not None:
            parts.append(" " if sentence.paragraph == paragraph else "\n")
            position += 1
        parts.append(sentence.text)
        spans.append((sentence.index, sentence.paragraph, position, position + len(sentence.text)))
        position += len(sentence.text)
        paragraph = sentence.paragraph
    return "".join(parts), spans


def load_if_empty(db: sqlite_utils.Database, corpus: Path) -> LoadReport | None:
    """A database without articles gets the corpus loaded (first start, `newsbrief brief` on a fresh clone)."""
    if article_count(db):
        return None
    return load_corpus(db, [corpus])
