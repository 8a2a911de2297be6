"""One fetch round: each source fetched (feeds, then the pages their items link), extracted and stored like a file.

Network work runs concurrently; parsing and extraction run on the round's own thread (the bot runs the
round in a worker thread), and storing is per source, each in its own transaction, so a failing source
never blocks or undoes the others.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

import sqlite_utils

from briefings.extract.article import extract_article
from briefings.models import ArticleSource, FetchedArticle, SourceReport
from briefings.sources.feeds import FeedError, FeedItem, is_feed, looks_like_html, parse_feed
from briefings.sources.fetch import Fetched, FetchError, Fetcher, check_url
from briefings.sources.pages import PageError, canonical_url, extract_page
from briefings.store import sources as store
from briefings.store.article_rows import WORDS, Prepared, article_rows
from briefings.store.load_corpus import _delete_article, insert_articles
from briefings.store.schema import open_db, write_transaction
from briefings.stories.assign import assign_stories

log = logging.getLogger(__name__)

SOURCES_AT_ONCE = 16  # sources fetched concurrently in a round (each host still gets at most 2 requests)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class _Outcome:
    """A source fetched: its articles, and what to remember for the next conditional GET."""

    fetched: Fetched
    title: str | None
    articles: list[FetchedArticle]
    item_failures: list[tuple[str, str]]
    total_items: int = 0


def fetch_round(
    db: sqlite_utils.Database,
    sources: Sequence[store.Source],
    *,
    allow_private: bool,
    clock: Clock = utc_now,
    fetcher_options: dict | None = None,
) -> list[SourceReport]:
    """Fetch and store `sources` now; blocking (it runs its own event loop), so call it from a thread in the bot."""
    return asyncio.run(_round(db, sources, allow_private, clock, fetcher_options or {}))


def fetch_sources_at(db_path, *, allow_private: bool, clock: Clock = utc_now, due_only: bool) -> list[SourceReport]:
    """A round over the due sources (or all) with a connection of its own: for a worker thread of the bot."""
    db = open_db(db_path)
    try:
        chosen = store.due_sources(db, clock()) if due_only else store.list_sources(db)
        return fetch_round(db, chosen, allow_private=allow_private, clock=clock) if chosen else []
    finally:
        db.close()


async def _round(
    db: sqlite_utils.Database, sources: Sequence[store.Source], allow_private: bool, clock: Clock, options: dict
) -> list[SourceReport]:
    slots = asyncio.Semaphore(SOURCES_AT_ONCE)
    async with Fetcher(allow_private=allow_private, **options) as fetcher:

        async def one(source: store.Source) -> SourceReport:
            async with slots:
                return await _fetch_and_store(db, fetcher, source, clock)

        reports = list(await asyncio.gather(*(one(s) for s in sources)))
    # Once per round, not per source: loading the story index costs as much as grouping a few hundred articles.
    try:
        assign_stories(db)
    except Exception:  # articles stay stored; ungrouped ones are stories of their own until the next pass
        log.exception("grouping the fetched articles into stories failed")
    return reports


async def _fetch_and_store(
    db: sqlite_utils.Database, fetcher: Fetcher, source: store.Source, clock: Clock
) -> SourceReport:
    report = SourceReport(source_id=source.id, url=source.url)
    try:
        outcome = await _fetch_source(db, fetcher, source)
        if outcome.fetched.not_modified:
            report.not_modified = True
            report.unchanged = store.source_article_count(db, source.id)
        else:
            store_articles(db, source.id, outcome.articles, report, clock)
            report.item_failures = outcome.item_failures
        store.record_success(
            db, source, clock(), etag=outcome.fetched.etag or source.etag,
            last_modified=outcome.fetched.last_modified or source.last_modified, title=outcome.title,
        )
    except (FetchError, FeedError, PageError) as exc:
        _fail(db, source, report, str(exc), clock)
    except Exception as exc:  # a bug or a database error on one source must not end the round for the others
        log.exception("fetching source %s (%s) failed", source.id, source.url)
        _fail(db, source, report, f"{type(exc).__name__}: {exc}", clock)
    return report


def _fail(db: sqlite_utils.Database, source: store.Source, report: SourceReport, reason: str, clock: Clock) -> None:
    report.failed = reason
    report.retry_in_s = store.backoff_seconds(source.interval_s, source.failures + 1)
    try:
        store.record_failure(db, source, clock(), reason)
    except Exception:  # the database itself is failing: the report still says why the source failed
        log.exception("could not record the failure of source %s", source.id)


async def _fetch_source(db: sqlite_utils.Database, fetcher: Fetcher, source: store.Source) -> _Outcome:
    fetched = await fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
    if fetched.not_modified:
        return _Outcome(fetched, None, [], [])
    if source.kind == "page":
        page = extract_page(fetched.body, fetched.url, fetched.content_type)
        article = FetchedArticle(
            url=page.url, outlet=page.site_name or _host(fetched.url), title=page.title, text=page.text,
            published=page.published, text_origin="page",
        )
        return _Outcome(fetched, page.title, [article], [])
    feed = parse_feed(fetched.body)
    known = _known_entries(db, [canonical_url(item.link, base=fetched.url) for item in feed.items])
    fresh = [item for item in feed.items if known.get(canonical_url(item.link, base=fetched.url)) != item.entry_hash]
    results = await asyncio.gather(*(_fetch_item(fetcher, item, fetched.url, feed.title) for item in fresh))
    articles = [r for r in results if isinstance(r, FetchedArticle)]
    failures = [r for r in results if isinstance(r, tuple)]
    return _Outcome(fetched, feed.title, articles, failures, feed.total_items)


async def _fetch_item(
    fetcher: Fetcher, item: FeedItem, feed_url: str, feed_title: str | None
) -> FetchedArticle | tuple[str, str]:
    """The item's page; its own content or summary (marked as such) when the page cannot be had."""
    link = canonical_url(item.link, base=feed_url)
    outlet = feed_title or _host(link)
    try:
        fetched = await fetcher.get(link)
        page = extract_page(fetched.body, fetched.url, fetched.content_type)
    except (FetchError, PageError) as exc:
        if not item.text:
            return (link, str(exc))
        log.info("item %s: page unusable (%s); the feed's summary is used", link, exc)
        return FetchedArticle(
            url=link, outlet=outlet, title=item.title, text=item.text, published=item.published,
            text_origin="feed summary", entry_hash=item.entry_hash,
        )
    return FetchedArticle(
        url=link, outlet=page.site_name or outlet, title=page.title or item.title, text=page.text,
        published=page.published or item.published, text_origin="page", entry_hash=item.entry_hash,
    )


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _known_entries(db: sqlite_utils.Database, urls: list[str]) -> dict[str, str | None]:
    """Stored feed-entry hashes by article URL, so unchanged items are not fetched again."""
    known: dict[str, str | None] = {}
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        known.update(db.execute(f"SELECT path, entry_hash FROM articles WHERE path IN ({marks})", chunk).fetchall())
    return known


def store_articles(
    db: sqlite_utils.Database, source_id: int, articles: Sequence[FetchedArticle], report: SourceReport, clock: Clock
) -> None:
    """Extract and store fetched articles in one transaction: new, replaced when the text changed, else unchanged."""
    loaded_at = clock().isoformat(timespec="seconds")
    with write_transaction(db):
        for article in articles:
            content_hash = hashlib.sha256(article.text.encode()).hexdigest()
            old = db.execute("SELECT id, content_hash FROM articles WHERE path = ?", [article.url]).fetchone()
            if old and old[1] == content_hash:
                db.execute("UPDATE articles SET entry_hash = ? WHERE id = ?", [article.entry_hash, old[0]])
                report.unchanged += 1
                continue
            if not old and db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchone():
                report.unchanged += 1  # the same text under another URL: already told
                continue
            prepared = _prepare(article, content_hash)
            if isinstance(prepared, str):
                report.item_failures.append((article.url, prepared))
                continue
            if old:
                _delete_article(db, old[0])
            insert_articles(db, [prepared], loaded_at)
            db.execute(
                "UPDATE articles SET url = ?, outlet = ?, source_id = ?, text_origin = ?, entry_hash = ? WHERE path = ?",
                [article.url, article.outlet, source_id, article.text_origin, article.entry_hash, article.url],
            )
            if old:
                report.updated += 1
            else:
                report.new += 1


def _prepare(article: FetchedArticle, content_hash: str) -> Prepared | str:
    source = ArticleSource(
        path=article.url, raw_text=article.text, content_hash=content_hash, title=article.title,
        source=article.outlet, published=article.published, body=article.text,
    )
    try:
        extraction = extract_article(source.body, source.title)
    except Exception as exc:  # one bad article must not stop the source; the reason is reported with its URL
        log.exception("extraction failed for %s", article.url)
        return f"extraction failed ({type(exc).__name__}: {exc})"
    if not any(WORDS.search(s.text) for s in extraction.sentences):
        return "no sentences found"
    size = len(article.text.encode())
    return Prepared(article.url, content_hash, size, 0, article_rows(source, extraction, size, 0))


async def detect_kind(url: str, *, allow_private: bool) -> tuple[str, str | None]:
    """Fetch a URL once to tell a feed from an article page: ('feed' | 'page', its title)."""
    async with Fetcher(allow_private=allow_private) as fetcher:
        fetched = await fetcher.get(url)
    if not looks_like_html(fetched.body) and is_feed(fetched.body):
        return "feed", parse_feed(fetched.body).title
    page = extract_page(fetched.body, fetched.url, fetched.content_type)
    return "page", page.title


def follow_source(
    db: sqlite_utils.Database, url: str, interval_s: int, *, allow_private: bool, clock: Clock = utc_now
) -> store.Source:
    """Check the URL, fetch it once to learn whether it is a feed or a page, and add it to the sources."""
    url = url.strip()
    check_url(url)
    if store.get_source_by_url(db, url):
        raise store.SourceError(f"already following {url}")
    kind, title = asyncio.run(detect_kind(url, allow_private=allow_private))
    return store.add_source(db, url, kind, title, interval_s, clock())
