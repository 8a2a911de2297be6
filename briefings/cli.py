"""The `newsbrief` command: the same views the bot offers, in a terminal, and `run` for the bot.

Settings come from flags, the environment and .env, in that order (briefings/settings.py declares them);
the group reads them once into a Settings object and every command gets that object.
A new command is one more `@cli.command()` function below.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource
import sqlite_utils

from briefings.models import LoadReport
from briefings.settings import Settings, SettingsError, specs
from briefings.views.telegram_html import MESSAGE_BREAK, html_to_text

DOTENV = Path(".env")


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: .env fills in what neither a flag nor the environment sets."""
    try:
        cli.main(list(argv) if argv is not None else None, prog_name="newsbrief", default_map=dotenv_defaults(DOTENV))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def dotenv_defaults(path: Path) -> dict[str, str]:
    """The settings a .env file gives, keyed by setting name (click's default_map ranks below the environment)."""
    if not path.is_file():
        return {}
    from dotenv import dotenv_values  # 10 ms of imports, paid only when there is a .env

    values = dotenv_values(path)
    return {s.name: values[s.env] for s in specs() if values.get(s.env)}


def settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One click option per setting, with its environment variable (envvar=)."""
    for spec in reversed(specs()):
        if spec.flag:
            option = click.option(
                spec.flag, spec.name, envvar=spec.env, metavar="VALUE",
                help=f"{spec.meaning} [env {spec.env}; default {spec.default}]",
            )
        else:
            # Environment or .env only (a command line shows in `ps`); click still needs a flag name to read it.
            option = click.option(f"--{spec.name.replace('_', '-')}", spec.name, envvar=spec.env, hidden=True)
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@settings_options
@click.pass_context
def cli(ctx: click.Context, **values: str | None) -> None:
    """News briefings from a corpus of articles, in a terminal or as a Telegram bot."""
    for spec in specs():
        if not spec.flag and ctx.get_parameter_source(spec.name) is ParameterSource.COMMANDLINE:
            # The flag only exists because click reads the environment through one; a command line shows in `ps`.
            fail(f"{spec.env} is not taken from the command line, where `ps` shows it to every user: "
                 f"export {spec.env}=... or put it in .env")
    try:
        ctx.obj = Settings.from_values(values)
    except SettingsError as exc:
        fail(str(exc))


def fail(message: str, status: int = 2) -> NoReturn:
    """One line on standard error and an exit status: what the operator sees instead of a traceback."""
    click.echo(f"newsbrief: {message}", err=True)
    raise SystemExit(status)


format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
    help="plain text, or the Telegram HTML the bot sends",
)


def open_database(settings: Settings) -> sqlite_utils.Database:
    from briefings.store.schema import open_db

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return open_db(settings.db_path)
    except (sqlite3.Error, OSError) as exc:
        fail(f"cannot open the database {settings.db_path}: {exc}")


def loaded_database(settings: Settings) -> sqlite_utils.Database:
    """A command that needs data loads the corpus first when the database is empty."""
    from briefings.store.queries import article_count

    db = open_database(settings)
    if article_count(db) == 0:  # checked here too so that a loaded database never imports the extractor
        from briefings.store.load_corpus import load_if_empty

        click.echo(f"newsbrief: the database is empty; loading {_display(str(settings.corpus_path))}", err=True)
        report = load_if_empty(db, settings.corpus_path)
        if report:
            click.echo(format_report(report), err=True)
    return db


def show(messages: list[str], fmt: str) -> None:
    shown = messages if fmt == "html" else [html_to_text(m) for m in messages]
    click.echo(f"\n{MESSAGE_BREAK}\n".join(shown))


def format_report(report: LoadReport) -> str:
    from briefings.views.render import load_report

    return html_to_text(load_report(report, _display, shown=None))


def _display(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def load(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Load or reload files and folders (default: the corpus folder).

    Incremental: unchanged files are skipped, deleted ones removed; exit status 1 if any file failed.
    """
    from briefings.store.load_corpus import load_corpus

    report = load_corpus(open_database(settings), list(paths) or [settings.corpus_path])
    click.echo(format_report(report))
    raise SystemExit(0 if report.ok else 1)


@cli.command()
@format_option
@click.pass_obj
def brief(settings: Settings, fmt: str) -> None:
    """The current briefing: facts, quotes, source."""
    from briefings.views import render

    show(render.render_briefing(loaded_database(settings)), fmt)


@cli.command()
@format_option
@click.pass_obj
def facts(settings: Settings, fmt: str) -> None:
    """Ranked facts of the newest articles, with figures."""
    from briefings.views import render

    show(render.render_facts(loaded_database(settings)), fmt)


@cli.command()
@format_option
@click.pass_obj
def people(settings: Settings, fmt: str) -> None:
    """People and organisations in the news."""
    from briefings.views import render

    show(render.render_people(loaded_database(settings)), fmt)


@cli.command()
@click.argument("speaker", nargs=-1)
@format_option
@click.pass_obj
def quotes(settings: Settings, speaker: tuple[str, ...], fmt: str) -> None:
    """Key quotes, or every quote of one speaker.

    SPEAKER is part of a name, e.g. `newsbrief quotes peskov`.
    """
    from briefings.views import render

    show(render.render_quotes(loaded_database(settings), " ".join(speaker) or None), fmt)


@cli.command()
@click.argument("words", nargs=-1, required=True)
@format_option
@click.pass_obj
def search(settings: Settings, words: tuple[str, ...], fmt: str) -> None:
    """Full-text search, best matches first."""
    from briefings.views import render

    show(render.render_search(loaded_database(settings), " ".join(words)), fmt)


@cli.command()
@click.argument("article_id", metavar="ID")
@format_option
@click.pass_obj
def article(settings: Settings, article_id: str, fmt: str) -> None:
    """The cleaned full text of one article."""
    from briefings.views import render

    if not article_id.isascii() or not article_id.isdigit():
        fail(f"article ID must be a number, e.g. `newsbrief article 1` (got {article_id!r})")
    messages = render.render_article(loaded_database(settings), int(article_id))
    if messages is None:
        fail(f"no article with ID {article_id}; `newsbrief brief` lists the newest ones", status=1)
    show(messages, fmt)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.pass_obj
def export(settings: Settings, fmt: str) -> None:
    """Every article as extracted, for tooling."""
    from briefings.views.export_json import export_articles

    json.dump(export_articles(loaded_database(settings)), sys.stdout, ensure_ascii=False, indent=2)
    click.echo()


@cli.command()
@click.pass_obj
def run(settings: Settings) -> None:
    """Start the Telegram bot (needs TELEGRAM_BOT_TOKEN)."""
    from bot.main import run as run_bot  # the bot's imports are only paid for by `newsbrief run`

    raise SystemExit(run_bot(settings))


@cli.group()
def sources() -> None:
    """Feeds and pages to fetch: add, list, remove, import, export."""


@sources.command("add")
@click.argument("url")
@click.option("--every", default="30m", show_default=True, help="how often to fetch it, e.g. 30m, 2h, 1d")
@click.pass_obj
def sources_add(settings: Settings, url: str, every: str) -> None:
    """Follow an RSS/Atom feed or an article page (which one is detected by fetching it once)."""
    from briefings.sources.feeds import FeedError
    from briefings.sources.fetch import FetchError
    from briefings.sources.pages import PageError
    from briefings.store.fetch_sources import follow_source
    from briefings.store.sources import SourceError, format_interval, parse_interval

    try:
        interval = parse_interval(every)
        source = follow_source(
            open_database(settings), url, interval, allow_private=settings.allow_private_sources
        )
    except (SourceError, FetchError, FeedError, PageError) as exc:
        fail(f"cannot add {url}: {exc}", status=1)
    title = f" ({source.title})" if source.title else ""
    click.echo(f"added #{source.id}: {source.kind} {source.url}{title}, every {format_interval(source.interval_s)}")


@sources.command("list")
@click.pass_obj
def sources_list(settings: Settings) -> None:
    """Every source with its schedule, last success and last error."""
    from briefings.views import render

    show(render.render_sources(open_database(settings)), "text")


@sources.command("remove")
@click.argument("source_id", metavar="ID")
@click.pass_obj
def sources_remove(settings: Settings, source_id: str) -> None:
    """Stop following a source (its articles stay)."""
    from briefings.store.sources import remove_source

    if not source_id.isascii() or not source_id.isdigit():
        fail(f"source ID must be a number, e.g. `newsbrief sources remove 1` (got {source_id!r})")
    source = remove_source(open_database(settings), int(source_id))
    if source is None:
        fail(f"no source with ID {source_id}; `newsbrief sources list` shows them", status=1)
    click.echo(f"removed #{source.id}: {source.url} (its articles stay)")


@sources.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_obj
def sources_import(settings: Settings, file: Path) -> None:
    """Follow every feed and page of an OPML file (checked, not fetched; `newsbrief fetch` fetches them)."""
    from briefings.sources.fetch import FetchError, check_url
    from briefings.sources.opml import OpmlError, read_opml
    from briefings.store.fetch_sources import utc_now
    from briefings.store.sources import DEFAULT_INTERVAL_S, SourceError, add_source

    try:
        entries = read_opml(file.read_bytes())
    except (OSError, OpmlError) as exc:
        fail(f"cannot import {file}: {exc}", status=1)
    db = open_database(settings)
    added = skipped = 0
    for entry in entries:
        try:
            check_url(entry.url)
            add_source(db, entry.url, entry.kind, entry.title, DEFAULT_INTERVAL_S, utc_now())
            added += 1
        except (SourceError, FetchError) as exc:
            click.echo(f"  skipped {entry.url}: {exc}", err=True)
            skipped += 1
    click.echo(f"imported: {added}, skipped: {skipped}")


@sources.command("export")
@click.pass_obj
def sources_export(settings: Settings) -> None:
    """The sources as OPML, for any feed reader."""
    from briefings.sources.opml import OpmlEntry, write_opml
    from briefings.store.sources import list_sources

    entries = [OpmlEntry(s.url, s.kind, s.title) for s in list_sources(open_database(settings))]
    click.echo(write_opml(entries), nl=False)


@cli.command()
@click.option("--source", "source_id", metavar="ID", help="only this source")
@click.pass_obj
def fetch(settings: Settings, source_id: str | None) -> None:
    """Fetch every source now (or one): new, updated, unchanged or failed per source; exit 1 if any failed."""
    from briefings.store.fetch_sources import fetch_round
    from briefings.store.sources import get_source, list_sources
    from briefings.views import render

    db = open_database(settings)
    if source_id is not None:
        source = get_source(db, int(source_id)) if source_id.isascii() and source_id.isdigit() else None
        if source is None:
            fail(f"no source with ID {source_id}; `newsbrief sources list` shows them", status=1)
        chosen = [source]
    else:
        chosen = list_sources(db)
    reports = fetch_round(db, chosen, allow_private=settings.allow_private_sources)
    show(render.render_fetch_report(reports), "text")
    raise SystemExit(1 if any(r.failed for r in reports) else 0)
