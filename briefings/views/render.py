"""Render the views from the Jinja2 templates into Telegram HTML messages (at most 4096 characters each)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import sqlite_utils
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from briefings.store import queries, story_queries
from briefings.views.compose import compose_briefing, compose_digest, compose_story, compose_story_group, outlet_name
from briefings.store.queries import HIT_END, HIT_START, StoredArticle
from briefings.views.telegram_html import split_messages
from briefings.models import LoadReport, SourceReport
from briefings.store.sources import format_interval, list_sources
from briefings.views.people_list import merge_people
from briefings.views.speaker_list import merge_speakers

ARTICLE_MESSAGES = 12  # at about one message a second per chat, more would flood the reader
PEOPLE_SHOWN = 40
PEOPLE_FETCHED = 200  # one person's forms across articles (`Gov. Ana Ruiz`, `Ana Ruiz`) merge before the cut
FAILURES_SHOWN = 20  # a reload report names this many failed files, then counts the rest


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("briefings.views", "templates"),
        autoescape=True,  # every corpus and user string is escaped; templates hold the only tags
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["source_name"] = source_name
    env.filters["highlight"] = highlight
    env.filters["interval"] = format_interval
    return env


def source_name(article: StoredArticle) -> str:
    return outlet_name(article)


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then bold the matched words that FTS5 marked."""
    return Markup(str(escape(snippet)).replace(HIT_START, "<b>").replace(HIT_END, "</b>"))


def reply(name: str, **context: object) -> str:
    """One of the short replies in templates/replies.html.j2 (a macro per reply), as Telegram HTML."""
    return str(getattr(environment().get_template("replies.html.j2").module, name)(**context))


def load_report(
    report: LoadReport, display: Callable[[str], str], heading: bool = False, shown: int | None = FAILURES_SHOWN
) -> str:
    """What a load did, for `newsbrief load` and /reload alike; `display` names a failed file for its reader."""
    failed = [(display(path), reason) for path, reason in report.failed[:shown]]
    more = len(report.failed) - len(failed)
    return reply("reload_report" if heading else "load_report", report=report, failed=failed, more=more)


def render(template: str, **context: object) -> list[str]:
    return split_messages(environment().get_template(template).render(**context))


def render_briefing(db: sqlite_utils.Database) -> list[str]:
    view = compose_briefing(db)
    return render("briefing.html.j2", view=view) if view else [reply("empty_corpus")]


def render_facts(db: sqlite_utils.Database, articles: int = 5) -> list[str]:
    stories = [compose_story(db, a, facts=8, with_quotes=False) for a in queries.latest_articles(db, limit=articles)]
    return render("facts.html.j2", stories=stories)


def render_quotes(db: sqlite_utils.Database, name: str | None = None) -> list[str]:
    """Quotes of one speaker, or the key quotes of the newest articles; an unknown name lists the speakers."""
    if name:
        found = queries.quotes_by_speaker(db, name)
    else:
        found = [q for a in queries.latest_articles(db, limit=3) for q in compose_story(db, a).quotes]
    titles = queries.article_titles(db, {q.article_id for q in found})
    speakers = [] if found else merge_speakers(queries.speakers(db, limit=200))[:30]
    return render("quotes.html.j2", quotes=found, name=name, speakers=speakers, titles=titles)


def render_people(db: sqlite_utils.Database) -> list[str]:
    return render("people.html.j2", people=merge_people(queries.people(db, limit=PEOPLE_FETCHED), limit=PEOPLE_SHOWN))


def render_search(db: sqlite_utils.Database, words: str) -> list[str]:
    return render("search.html.j2", hits=queries.search(db, words), words=words)


def render_article(db: sqlite_utils.Database, article_id: int) -> list[str] | None:
    """The cleaned full text; a very long one stops after ARTICLE_MESSAGES messages with a note saying so."""
    article = queries.get_article(db, article_id)
    if article is None:
        return None
    messages = render("article.html.j2", article=article)
    if len(messages) > ARTICLE_MESSAGES:
        shown = messages[: ARTICLE_MESSAGES - 1]
        return [*shown, reply("article_cut", hidden=len(messages) - len(shown))]
    return messages


def render_digest(db: sqlite_utils.Database, after_id: int) -> tuple[list[str], int]:
    """The digest of stories newer than `after_id`, and the newest article id it covers."""
    stories = compose_digest(db, after_id)
    newest = max((s.newest_id for s in stories), default=after_id)
    return render("digest.html.j2", stories=stories), newest


def render_story(db: sqlite_utils.Database, story_id: int) -> list[str] | None:
    """A story's articles with their outlets and links, its best facts and its quotes; None if there is no such story."""
    if not story_queries.story_articles(db, story_id, limit=1):
        return None
    return render("story.html.j2", story=compose_story_group(db, story_id))


def lead_article_id(db: sqlite_utils.Database) -> int | None:
    """The article /brief leads with (for its Full article button)."""
    view = compose_briefing(db, others=0)
    return view.lead.article.id if view else None


def render_sources(db: sqlite_utils.Database) -> list[str]:
    return render("sources.html.j2", sources=list_sources(db))


def render_fetch_report(reports: list[SourceReport]) -> list[str]:
    return render("fetch_report.html.j2", reports=reports)
