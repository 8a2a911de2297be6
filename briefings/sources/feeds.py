"""RSS, Atom and RDF feeds, parsed by feedparser into the items newsbrief follows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser
import lxml.html

MAX_ITEMS = 200  # newest items taken per round: a 1,000-item feed must not mean 1,000 page fetches
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


class FeedError(Exception):
    """A body that is not a usable feed; the message is the reason shown to the user."""


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    text: str  # the item's content, or its summary, as plain text with one paragraph per line
    published: str | None  # ISO date
    author: str | None
    entry_hash: str  # changes when the item changes in the feed


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: tuple[FeedItem, ...]
    total_items: int  # before MAX_ITEMS


def looks_like_html(body: bytes) -> bool:
    return bool(_HTML_START.match(body[:2048]))


def parse_feed(body: bytes, max_items: int = MAX_ITEMS) -> Feed:
    """Parse a feed body; FeedError when it is an HTML page, malformed beyond use, or has no version at all."""
    if looks_like_html(body):
        raise FeedError("not a feed: the server sent an HTML page")
    parsed = feedparser.parse(body)
    items = [item for item in map(_item, parsed.entries) if item is not None]
    # A broken feed that still yields items is used as feedparser recovered it; one that yields none is an error.
    if not items and parsed.bozo:
        raise FeedError(f"malformed feed ({_short(parsed.get('bozo_exception'))})")
    if not items and not parsed.version:
        raise FeedError("not an RSS or Atom feed")
    items.sort(key=lambda i: i.published or "", reverse=True)
    return Feed(title=parsed.feed.get("title") or None, items=tuple(items[:max_items]), total_items=len(items))


def is_feed(body: bytes) -> bool:
    """Whether a body parses as a feed (for `sources add` detection)."""
    if looks_like_html(body):
        return False
    parsed = feedparser.parse(body)
    return bool(parsed.version) or bool(parsed.entries)


def _item(entry: feedparser.FeedParserDict) -> FeedItem | None:
    link = entry.get("link")
    if not link:
        return None
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    # dict.get, not entry.get: feedparser warns when `updated` is asked for and silently maps it to `published`.
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    published = datetime(*stamp[:6], tzinfo=timezone.utc).isoformat(timespec="seconds") if stamp else None
    title = entry.get("title") or None
    text = html_to_paragraphs(html)
    identity = "\x1f".join([link, title or "", text, dict.get(entry, "updated") or ""])
    return FeedItem(
        link=link,
        title=title,
        text=text,
        published=published,
        author=entry.get("author") or None,
        entry_hash=hashlib.sha256(identity.encode()).hexdigest(),
    )


def html_to_paragraphs(html: str) -> str:
    """Feed content is HTML: plain text, one paragraph per line."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml refuses some fragments outright; the text without tags is better than nothing
        return re.sub(r"<[^>]{0,500}>", " ", html).strip()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _short(problem: object) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text if len(text) <= 120 else text[:117] + "…"
