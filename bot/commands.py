"""The command list: one table feeds /help and Telegram's command menus (setMyCommands); texts are in templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    example: str
    admin: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("brief", "the current news briefing", "/brief"),
    Command("facts", "headline facts with their figures", "/facts"),
    Command("quotes", "key quotes, or one speaker's", "/quotes peskov"),
    Command("who", "people and organisations in the news", "/who"),
    Command("search", "search every article", "/search drones Moscow"),
    Command("article", "the full text of an article", "/article 1"),
    Command("story", "one story: its articles, outlets and quotes", "/story 3"),
    Command("subscribe", "a daily digest at your time and zone", "/subscribe 07:30 Europe/Madrid"),
    Command("unsubscribe", "stop the daily digest", "/unsubscribe"),
    Command("settings", "your digest time and zone", "/settings"),
    Command("digest", "your digest right now", "/digest"),
    Command("help", "every command with an example", "/help"),
    Command("reload", "re-read the corpus (admins)", "/reload", admin=True),
    Command("stats", "corpus and delivery figures (admins)", "/stats", admin=True),
    Command("sources", "feeds and pages followed, with their errors (admins)", "/sources", admin=True),
    Command("addsource", "follow a feed or page (admins)", "/addsource https://example.org/rss.xml 30m", admin=True),
    Command("removesource", "stop following a source (admins)", "/removesource 2", admin=True),
)


def menu(is_admin: bool = False) -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands: admin commands only in the admins' own menus."""
    return [(c.name, c.description) for c in visible_to(is_admin)]


def visible_to(is_admin: bool) -> list[Command]:
    """The commands /help lists for this user: admin commands only for admins."""
    return [c for c in COMMANDS if is_admin or not c.admin]
