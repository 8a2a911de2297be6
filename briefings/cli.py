"""The `newsbrief` command: the same views the bot offers, in a terminal."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlite_utils

from briefings import config
from briefings.views import render
from briefings.views.export_json import export_articles
from briefings.store.load_corpus import load_corpus
from briefings.models import LoadReport
from briefings.store.queries import article_count
from briefings.store.schema import open_db
from briefings.views.telegram_html import MESSAGE_BREAK, html_to_text
from briefings.sources.feeds import FeedError
from briefings.sources.fetch import FetchError, check_url
from briefings.sources.opml import OpmlEntry, OpmlError, read_opml, write_opml
from briefings.sources.pages import PageError
from briefings.store.fetch_sources import fetch_round, follow_source, utc_now
from briefings.store.sources import (
    DEFAULT_INTERVAL_S,
    SourceError,
    add_source,
    format_interval,
    get_source,
    list_sources,
    parse_interval,
    remove_source,
)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        from bot.main import run  # the bot's imports are only paid for by `newsbrief run`

        return run()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    db = open_db(config.db_path(args.db))
    corpus = config.corpus_path(args.corpus)
    if args.command == "load":
        report = load_corpus(db, [Path(p) for p in args.paths] or [corpus])
        print(format_report(report))
        return 0 if report.ok else 1
    if args.command in SOURCE_COMMANDS:
        return SOURCE_COMMANDS[args.command](db, args)
    _ensure_loaded(db, corpus)
    return COMMANDS[args.command](db, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbrief", description="News briefings from a corpus of articles.")
    parser.add_argument("--db", help="database file (default: $NEWSBRIEF_DB or data/newsbrief.db)")
    parser.add_argument("--corpus", help="corpus folder (default: $NEWSBRIEF_CORPUS or data/corpus)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = sub.add_parser("load", help="load or reload corpus files and folders (incremental)")
    load.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the corpus folder)")
    for name, help_text in [
        ("brief", "the current briefing"),
        ("facts", "headline facts of the newest articles"),
        ("people", "people and organisations in the news"),
    ]:
        _with_format(sub.add_parser(name, help=help_text))
    _with_format(sub.add_parser("quotes", help="key quotes, or every quote of one speaker")).add_argument(
        "speaker", nargs="*", help="part of a speaker's name, e.g. peskov"
    )
    _with_format(sub.add_parser("search", help="full-text search")).add_argument("words", nargs="+")
    _with_format(sub.add_parser("article", help="the cleaned full text of one article")).add_argument("id")
    export = sub.add_parser("export", help="every article as extracted")
    export.add_argument("--format", choices=["json"], default="json")
    sub.add_parser("run", help="start the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    _source_parsers(sub)
    return parser


def _source_parsers(sub: argparse._SubParsersAction) -> None:
    sources = sub.add_parser("sources", help="feeds and pages to fetch: add, list, remove, import, export")
    actions = sources.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="follow a feed or an article page (detected)")
    add.add_argument("url")
    add.add_argument("--every", default="30m", help="how often to fetch it, e.g. 30m, 2h, 1d (default 30m)")
    actions.add_parser("list", help="every source with its schedule and last error")
    actions.add_parser("remove", help="stop following a source (its articles stay)").add_argument("id")
    actions.add_parser("import", help="follow every feed of an OPML file").add_argument("file")
    actions.add_parser("export", help="the sources as OPML")
    fetch = sub.add_parser("fetch", help="fetch every source now (or one); exit 1 if any failed")
    fetch.add_argument("--source", metavar="ID", help="only this source")


def _with_format(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--format", choices=["html", "text"], default="text", help="Telegram HTML or plain text")
    return parser


def _ensure_loaded(db: sqlite_utils.Database, corpus: Path) -> None:
    """A command that needs data loads the corpus first when the database is empty."""
    if article_count(db) == 0:
        print(f"newsbrief: the database is empty; loading {_display(str(corpus))}", file=sys.stderr)
        report = load_corpus(db, [corpus])
        print(format_report(report), file=sys.stderr)


def format_report(report: LoadReport) -> str:
    lines = [
        f"loaded: {len(report.loaded)}",
        f"unchanged: {len(report.unchanged)}",
        f"removed: {len(report.removed)}",
        f"failed: {len(report.failed)}",
    ]
    lines += [f"  {_display(path)}: {reason}" for path, reason in report.failed]
    return "\n".join(lines)


def _display(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _print_messages(messages: list[str], fmt: str) -> None:
    shown = messages if fmt == "html" else [html_to_text(m) for m in messages]
    print(f"\n{MESSAGE_BREAK}\n".join(shown))


def _view(make: Callable[[sqlite_utils.Database, argparse.Namespace], list[str]]):
    def command(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
        _print_messages(make(db, args), args.format)
        return 0

    return command


def _article(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if not args.id.isdigit():
        print(f"newsbrief: article ID must be a number, e.g. `newsbrief article 1` (got {args.id!r})", file=sys.stderr)
        return 2
    messages = render.render_article(db, int(args.id))
    if messages is None:
        print(f"newsbrief: no article with ID {args.id}; `newsbrief brief` lists the newest ones", file=sys.stderr)
        return 1
    _print_messages(messages, args.format)
    return 0


def _export(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    json.dump(export_articles(db), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _sources(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    return SOURCE_ACTIONS[args.action](db, args)


def _sources_add(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    try:
        interval = parse_interval(args.every)
        source = follow_source(db, args.url, interval, allow_private=config.allow_private_sources())
    except (SourceError, FetchError, FeedError, PageError) as exc:
        print(f"newsbrief: cannot add {args.url}: {exc}", file=sys.stderr)
        return 1
    title = f" ({source.title})" if source.title else ""
    print(f"added #{source.id}: {source.kind} {source.url}{title}, every {format_interval(source.interval_s)}")
    return 0


def _sources_list(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    _print_messages(render.render_sources(db), "text")
    return 0


def _sources_remove(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if not args.id.isdigit():
        print(f"newsbrief: source ID must be a number, e.g. `newsbrief sources remove 1` (got {args.id!r})", file=sys.stderr)
        return 2
    source = remove_source(db, int(args.id))
    if source is None:
        print(f"newsbrief: no source with ID {args.id}; `newsbrief sources list` shows them", file=sys.stderr)
        return 1
    print(f"removed #{source.id}: {source.url} (its articles stay)")
    return 0


def _sources_import(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    try:
        entries = read_opml(Path(args.file).read_bytes())
    except (OSError, OpmlError) as exc:
        print(f"newsbrief: cannot import {args.file}: {exc}", file=sys.stderr)
        return 1
    added = skipped = 0
    for entry in entries:
        try:
            check_url(entry.url)
            add_source(db, entry.url, entry.kind, entry.title, DEFAULT_INTERVAL_S, utc_now())
            added += 1
        except (SourceError, FetchError) as exc:
            print(f"  skipped {entry.url}: {exc}", file=sys.stderr)
            skipped += 1
    print(f"imported: {added}, skipped: {skipped}")
    return 0


def _sources_export(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    print(write_opml([OpmlEntry(s.url, s.kind, s.title) for s in list_sources(db)]), end="")
    return 0


def _fetch(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if args.source is not None:
        source = get_source(db, int(args.source)) if args.source.isdigit() else None
        if source is None:
            print(f"newsbrief: no source with ID {args.source}; `newsbrief sources list` shows them", file=sys.stderr)
            return 1
        chosen = [source]
    else:
        chosen = list_sources(db)
    reports = fetch_round(db, chosen, allow_private=config.allow_private_sources())
    _print_messages(render.render_fetch_report(reports), "text")
    return 1 if any(r.failed for r in reports) else 0


SOURCE_ACTIONS: dict[str, Callable[[sqlite_utils.Database, argparse.Namespace], int]] = {
    "add": _sources_add,
    "list": _sources_list,
    "remove": _sources_remove,
    "import": _sources_import,
    "export": _sources_export,
}
SOURCE_COMMANDS = {"sources": _sources, "fetch": _fetch}  # no corpus load first: they work on sources

COMMANDS: dict[str, Callable[[sqlite_utils.Database, argparse.Namespace], int]] = {
    "brief": _view(lambda db, a: render.render_briefing(db)),
    "facts": _view(lambda db, a: render.render_facts(db)),
    "people": _view(lambda db, a: render.render_people(db)),
    "quotes": _view(lambda db, a: render.render_quotes(db, " ".join(a.speaker) or None)),
    "search": _view(lambda db, a: render.render_search(db, " ".join(a.words))),
    "article": _article,
    "export": _export,
}
