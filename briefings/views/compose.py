"""Choose what goes into a briefing or a digest: the lead story, its best facts and the quotes worth reading."""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlite_utils

from briefings.store import queries
from briefings.store.queries import StoredArticle, StoredFact, StoredQuote

BRIEFING_FACTS = 5
QUOTE_CHARS = 420  # a quote in a briefing is cut to whole sentences within this length


@dataclass(frozen=True)
class StoryView:
    article: StoredArticle
    facts: list[StoredFact]
    quotes: list[StoredQuote]


@dataclass(frozen=True)
class BriefingView:
    lead: StoryView
    others: list[StoredArticle]


def compose_briefing(db: sqlite_utils.Database, others: int = 4) -> BriefingView | None:
    """The newest article in depth, plus the headlines of the next few; None for an empty corpus."""
    articles = queries.latest_articles(db, limit=others + 1)
    if not articles:
        return None
    return BriefingView(lead=compose_story(db, articles[0]), others=articles[1:])


def compose_story(
    db: sqlite_utils.Database, article: StoredArticle, facts: int = BRIEFING_FACTS, with_quotes: bool = True
) -> StoryView:
    """One article's best facts and, unless a view has no use for them, its key quotes."""
    return StoryView(
        article=article,
        facts=queries.top_facts(db, article.id, facts),
        quotes=key_quotes(queries.article_quotes(db, article.id)) if with_quotes else [],
    )


def key_quotes(quotes: list[StoredQuote], limit: int = 3) -> list[StoredQuote]:
    """An official's direct quote first, then the interviewed expert's most substantial answer, then others."""
    official = [q for q in quotes if q.kind == "direct" and q.speaker and q.role]
    direct = [q for q in quotes if q.kind == "direct" and q.speaker]
    expert = sorted(
        (q for q in quotes if q.kind == "interview" and q.speaker), key=lambda q: -min(len(q.text), QUOTE_CHARS)
    )
    chosen: list[StoredQuote] = []
    for candidate in [*official[:1], *expert[:1], *direct, *expert[1:]]:
        if candidate not in chosen and len(chosen) < limit:
            chosen.append(candidate)
    return [shorten_quote(q) for q in chosen]


def shorten_quote(quote: StoredQuote, limit: int = QUOTE_CHARS) -> StoredQuote:
    """Keep whole sentences of a long quote, at least the first one, so a briefing never shows half a sentence."""
    if len(quote.text) <= limit:
        return quote
    # Imported here: only a long quote needs the sentence splitter, and `newsbrief search` should not pay for it.
    from briefings.extract.split_sentences import split_sentences

    kept = ""
    for sentence in split_sentences([quote.text]):
        candidate = f"{kept} {sentence.text}".strip()
        if kept and len(candidate) > limit:
            break
        kept = candidate
    return replace(quote, text=kept)


def compose_digest(db: sqlite_utils.Database, after_id: int, limit: int = 8) -> list[StoryView]:
    """Stories added since the article id a reader last saw, newest first, with their two best facts."""
    return [
        compose_story(db, a, facts=2, with_quotes=False)
        for a in queries.latest_articles(db, limit=limit, after_id=after_id)
    ]
