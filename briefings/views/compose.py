"""Choose what goes into a briefing or a digest: the lead story, its best facts and the quotes worth reading."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import PurePath

import sqlite_utils

from briefings.store import queries, story_queries
from briefings.store.queries import StoredArticle, StoredFact, StoredQuote

BRIEFING_FACTS = 5
_SPARE_FACTS = 3  # read beyond the facts shown, to fill the places of facts the quotes already show
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
QUOTE_CHARS = 420  # a quote in a briefing is cut to whole sentences within this length


@dataclass(frozen=True)
class SourceLink:
    """An outlet's article, linked: `url` is None for corpus files."""

    outlet: str
    url: str | None
    article_id: int


@dataclass(frozen=True)
class StoryQuote:
    """A quote as a story shows it: once, with every outlet that carried it."""

    article_id: int
    sentence_idx: int
    text: str
    speaker: str | None
    role: str | None
    kind: str
    sources: tuple[SourceLink, ...] = ()


@dataclass(frozen=True)
class StoryView:
    article: StoredArticle  # the story's newest article: its title and source lead
    facts: list[StoredFact]
    quotes: list[StoredQuote] | list[StoryQuote]
    also: list[SourceLink] = field(default_factory=list)  # the other outlets that carried the story
    story_id: int | None = None
    newest_id: int = 0  # the highest article id in the story (what a digest has covered)
    articles: list[StoredArticle] = field(default_factory=list)


@dataclass(frozen=True)
class BriefingView:
    lead: StoryView
    others: list[StoredArticle]


def compose_briefing(db: sqlite_utils.Database, others: int = 4, now: datetime | None = None) -> BriefingView | None:
    """The story most outlets carried in the last 24 hours (then the newest) in depth, and the next few
    stories' headlines; None for an empty corpus."""
    stories = story_queries.ranked_stories(db, now or datetime.now(timezone.utc), limit=others + 1)
    if not stories:
        return None
    lead = _news_lead(db, stories)
    heads = [story_queries.story_articles(db, story, limit=1)[0] for story in stories if story != lead]
    return BriefingView(lead=compose_story_group(db, lead), others=heads[:others])


def _news_lead(db: sqlite_utils.Database, stories: list[int]) -> int:
    """The first ranked story, unless it reads as a column or a letter to the reader and a story carried by as many
    outlets reads as news: /brief leads with news."""
    # Imported here: views that never choose a lead (`newsbrief search`) should not load the extraction rules.
    from briefings.extract.facts import reads_like_news

    articles = {story: story_queries.story_articles(db, story) for story in stories}
    outlets = {story: len({outlet_name(a) for a in articles[story]}) for story in stories}
    for story in stories:
        if outlets[story] < outlets[stories[0]]:
            break
        article = articles[story][0]  # newest first, as the story view leads with it
        if reads_like_news(article.title or "", [f.text for f in queries.top_facts(db, article.id, BRIEFING_FACTS)]):
            return story
    return stories[0]


def compose_story_group(
    db: sqlite_utils.Database, story: int, facts: int = BRIEFING_FACTS, with_quotes: bool = True
) -> StoryView:
    """A story across its outlets: the best facts of all its articles, each quote once with every outlet
    that carried it, and the other outlets' links."""
    articles = story_queries.story_articles(db, story)
    lead = articles[0]
    if len(articles) == 1:  # one article: exactly its own view
        single = compose_story(db, lead, facts, with_quotes)
        return replace(single, story_id=story, newest_id=lead.id, articles=articles)
    ids = [a.id for a in articles]
    links = {a.id: source_link(a) for a in articles}
    also: list[SourceLink] = []
    for article in articles[1:]:
        link = links[article.id]
        if link.outlet != links[lead.id].outlet and link.outlet not in {a.outlet for a in also}:
            also.append(link)
    quotes = key_quotes(merge_quotes(story_queries.story_quotes(db, ids), links)) if with_quotes else []
    return StoryView(
        article=lead,
        facts=without_shown_quotes(story_queries.story_facts(db, ids, facts + _SPARE_FACTS), quotes, facts),
        quotes=quotes,
        also=also,
        story_id=story,
        newest_id=max(ids),
        articles=articles,
    )


def outlet_name(article: StoredArticle) -> str:
    """The outlet for fetched articles, the Source header or the file name for corpus files."""
    return article.outlet or article.source or PurePath(article.path).name


def source_link(article: StoredArticle) -> SourceLink:
    return SourceLink(outlet_name(article), article.url, article.id)


def merge_quotes(quotes: list[StoredQuote], links: dict[int, SourceLink]) -> list[StoryQuote]:
    """The same words reported by several outlets become one quote carrying all their sources."""
    merged: dict[str, StoryQuote] = {}
    for q in quotes:
        key = story_queries.fold_text(q.text)
        link = links[q.article_id]
        if key in merged:
            known = merged[key]
            if link.outlet not in {s.outlet for s in known.sources}:
                merged[key] = replace(known, sources=(*known.sources, link), speaker=known.speaker or q.speaker,
                                      role=known.role or q.role)
        else:
            merged[key] = StoryQuote(q.article_id, q.sentence_idx, q.text, q.speaker, q.role, q.kind, (link,))
    return list(merged.values())


def compose_story(
    db: sqlite_utils.Database, article: StoredArticle, facts: int = BRIEFING_FACTS, with_quotes: bool = True
) -> StoryView:
    """One article's best facts and, unless a view has no use for them, its key quotes."""
    quotes = key_quotes(queries.article_quotes(db, article.id)) if with_quotes else []
    return StoryView(
        article=article,
        facts=without_shown_quotes(queries.top_facts(db, article.id, facts + _SPARE_FACTS), quotes, facts),
        quotes=quotes,
    )


def without_shown_quotes(
    facts: list[StoredFact], quotes: Sequence[StoredQuote | StoryQuote], limit: int
) -> list[StoredFact]:
    """The first `limit` facts that are not mostly a quote the view already shows: a sentence is told once."""
    shown = [(q.article_id, q.sentence_idx, story_queries.fold_text(q.text)) for q in quotes]
    kept = []
    for fact in facts:
        quoted = mostly_quoted(fact.text)
        if quoted is not None and any(
            (article, index) == (fact.article_id, fact.sentence_idx)
            or quoted in text
            or (2 * len(text) >= len(quoted) and text in quoted)
            for article, index, text in shown
        ):
            continue
        kept.append(fact)
    return kept[:limit]


def mostly_quoted(text: str) -> str | None:
    """The quoted words of a sentence, folded, when they are most of it, or a third of it that opens the sentence
    or holds every figure (`“We waited 20 years,” said the mayor, who …`); else None."""
    spans = _QUOTED.findall(text)
    quoted = sum(len(s) for s in spans)
    figures_quoted = not any(ch.isdigit() for ch in _QUOTED.sub(" ", text))
    opens = text.lstrip()[:1] in "“\"‘"  # the rest is who said it, however long their description
    if quoted * 2 <= len(text) and not ((figures_quoted or opens) and quoted * 3 > len(text)):
        return None
    return story_queries.fold_text(max(spans, key=len)) or None


def key_quotes(quotes: list[StoredQuote], limit: int = 3) -> list[StoredQuote]:
    """An official's direct quote first, then the interviewed expert's most substantial answer, then others; a
    fragment (`dependent on the future…`) only when nothing that reads whole is left."""
    direct = sorted((q for q in quotes if q.kind == "direct" and q.speaker), key=lambda q: not reads_whole(q.text))
    official = [q for q in direct if q.role and reads_whole(q.text)]
    expert = sorted(
        (q for q in quotes if q.kind == "interview" and q.speaker), key=lambda q: -min(len(q.text), QUOTE_CHARS)
    )
    chosen: list[StoredQuote] = []
    for candidate in [*official[:1], *expert[:1], *direct, *expert[1:]]:
        if candidate not in chosen and len(chosen) < limit:
            chosen.append(candidate)
    return [shorten_quote(q) for q in chosen]


def reads_whole(text: str) -> bool:
    """A quote that stands on its own: it opens with a capital and runs to a few words."""
    letters = text.lstrip(" \"'“‘(…—-.")
    return letters[:1].isupper() and len(text.split()) >= 4


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


def compose_digest(
    db: sqlite_utils.Database, after_id: int, limit: int = 8, now: datetime | None = None
) -> list[StoryView]:
    """One entry per story with articles added since the id a reader last saw, most outlets first, then newest,
    each with its two best facts and the outlets that carried it."""
    stories = story_queries.ranked_stories(db, now or datetime.now(timezone.utc), limit=limit, after_id=after_id)
    return [compose_story_group(db, story, facts=2, with_quotes=False) for story in stories]
