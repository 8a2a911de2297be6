"""One article file read and extracted into the rows it adds to the store: the work of the load's worker processes.

The workers import this module and what extraction needs, nothing else (no sqlite-utils, no datasketch): each
worker of a load starts by importing it, so its imports are paid once per worker per load.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefings.extract.article import extract_article
from briefings.models import ArticleSource, Extraction
from briefings.sources.read_corpus import CorpusFileError, read_article_file
from briefings.store.spans import locate

log = logging.getLogger(__name__)

WORDS = re.compile(r"[^\W\d_]{2,}")  # a run of two letters: punctuation alone is no sentence

# Column order of the rows article_rows builds. Plain executemany rather than sqlite-utils' insert_all
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


@dataclass(frozen=True)
class Prepared:
    """One file read and extracted, as the rows it will add: built in the worker, so the main process,
    which stores while the workers extract, only unpickles plain tuples and prepends the article id."""

    path: str
    content_hash: str
    size: int
    mtime_ns: int
    rows: dict[str, list[tuple]]  # per table, in COLUMNS order without the leading article id


def prepare_file(path: str) -> Prepared | str:
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
    if not any(WORDS.search(s.text) for s in extraction.sentences):
        return "no sentences found"
    return Prepared(
        path=path,
        content_hash=source.content_hash,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        rows=article_rows(source, extraction, stat.st_size, stat.st_mtime_ns),
    )


def article_rows(source: ArticleSource, ex: Extraction, size: int, mtime_ns: int) -> dict[str, list[tuple]]:
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


