"""Plain data passed between the layers: extraction produces these, the store keeps them, templates read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "interview"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned text; `index` is its position in the article, counted from 0."""

    index: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker, traceable to the sentence (or interview turn) they come from."""

    sentence_index: int
    text: str
    speaker: str | None
    role: str | None
    kind: QuoteKind
    cue: str | None = None  # the words that attributed it: `she said`, `according to`, `Q/A turn`
    speaker_mention: str | None = None  # the text that named the speaker in the sentence: `she`, `the mayor`


@dataclass(frozen=True)
class Fact:
    """A sentence that carries numbers, dates or places, with what made it one; higher score ranks first."""

    sentence_index: int
    text: str
    numbers: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Person:
    """A person or organisation named in the article, with a role where the text gives one."""

    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    kind: Literal["person", "organisation"] = "person"


@dataclass(frozen=True)
class CleanedText:
    """The article after scraping debris is removed; `related` keeps teaser and Related-block headlines."""

    paragraphs: tuple[str, ...]
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything a briefing needs from one article."""

    headline: str
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    quotes: tuple[Quote, ...]
    people: tuple[Person, ...]
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleSource:
    """A corpus file as read from disk, before extraction."""

    path: str
    raw_text: str
    content_hash: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    body: str = ""


@dataclass
class LoadReport:
    """What a load did, file by file: the CLI and /reload print it."""

    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class FetchedArticle:
    """An article fetched from a feed item or a page, before extraction."""

    url: str  # canonical: the article's identity across feeds
    outlet: str
    title: str | None
    text: str  # one paragraph per line
    published: str | None
    text_origin: Literal["page", "feed summary"]  # "feed summary" when the page could not be had
    entry_hash: str | None = None  # the feed item's, to skip unchanged items without fetching their page


@dataclass
class SourceReport:
    """What one source's fetch did: the CLI, /sources and /reload print it."""

    source_id: int
    url: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: str | None = None  # why the source failed; None when it was fetched
    not_modified: bool = False  # the server answered 304
    item_failures: list[tuple[str, str]] = field(default_factory=list)  # (item URL, reason), source still fetched
    retry_in_s: int | None = None  # after a failure, the backoff before the next try
