"""The public command list: one table feeds /help, /start and Telegram's command menu (setMyCommands)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


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


def menu() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands; admin commands stay out of everyone's menu."""
    return [(c.name, c.description) for c in COMMANDS if not c.admin]


def help_text(is_admin: bool) -> str:
    lines = ["<b>newsbrief commands</b>", ""]
    for c in COMMANDS:
        if c.admin and not is_admin:
            continue
        lines.append(f"/{c.name} — {escape(c.description)}\n    e.g. <code>{escape(c.example)}</code>")
    return "\n".join(lines)


def start_text(first_name: str | None) -> str:
    hello = f"Hello, {escape(first_name)}!" if first_name else "Hello!"
    return (
        f"{hello} I brief you on the news: headline facts, who said what, and the source of each.\n\n"
        "• /brief — the current briefing\n"
        "• /subscribe 08:00 Europe/London — a daily digest at your local time\n"
        "• /help — every command"
    )


UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do, for example /brief."
PLAIN_TEXT = "I answer commands. Try /brief for the news, or /search followed by a few words."
NOT_ADMIN = "Sorry, that command is for the bot's admins."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."
