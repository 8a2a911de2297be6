"""Every user-facing text is a template: the bot holds no HTML, and each reply renders to valid Telegram HTML."""

from __future__ import annotations

import ast
import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.commands import visible_to
from briefings.models import LoadReport
from briefings.store.sources import Source
from briefings.store.subscriptions import Subscription
from briefings.views import render
from tests.telegram_html_check import check_telegram_html

REPO = Path(__file__).resolve().parent.parent
SUB = Subscription(chat_id=7, user_id=7, time="07:30", tz="Europe/Madrid", start_date="2026-03-10")
NEXT = datetime(2026, 3, 10, 7, 30)
HOSTILE = "<script>&amp; “x” </b>"
SOURCE = Source(
    id=1, url="https://example.org/rss?a=1&b=<2>", kind="feed", title=HOSTILE, interval_s=1800, etag=None,
    last_modified=None, last_success=None, last_error=None, failures=0, next_fetch="2026-03-10T07:30:00",
)

REPLIES = {
    "start": {"first_name": HOSTILE},
    "help": {"commands": visible_to(True)},
    "search_usage": {},
    "article_usage": {},
    "no_article": {"article_id": 99},
    "subscribe_usage": {},
    "bad_subscribe": {"problem": HOSTILE},
    "subscribed": {"sub": SUB, "next_at": NEXT},
    "settings": {"sub": SUB, "next_at": NEXT},
    "no_subscription": {},
    "unsubscribed": {"ended": True},
    "reload_busy": {},
    "stats": {"articles": 1, "quotes": 2, "subscribers": 3, "digests_today": 4},
    "digest_refused": {"chat_id": 7, "reason": HOSTILE},
    "empty_corpus": {},
    "article_cut": {"hidden": 3},
    "unknown_command": {},
    "plain_text": {},
    "not_admin": {},
    "group_admins_only": {},
    "apology": {},
    "story_usage": {},
    "no_story": {"story_id": 3},
    "addsource_usage": {},
    "bad_source": {"problem": HOSTILE},
    "source_added": {"source": SOURCE},
    "removesource_usage": {},
    "no_source": {"source_id": 4},
    "source_removed": {"source": SOURCE},
}


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_each_reply_is_valid_telegram_html_with_its_arguments_escaped(name: str) -> None:
    text = render.reply(name, **REPLIES[name])
    assert text.strip() and check_telegram_html(text) == []
    assert "<script>" not in text


def test_the_load_report_is_one_template_for_the_terminal_and_the_bot() -> None:
    report = LoadReport(loaded=["a"], unchanged=["b"], failed=[("/srv/corpus/x<1>.txt", "empty file")] * 3)
    for_bot = render.load_report(report, lambda path: Path(path).name, heading=True, shown=2)
    assert check_telegram_html(for_bot) == [] and "/srv" not in for_bot
    assert "loaded: 1\nunchanged: 1\nremoved: 0\nfailed: 3\n  <code>x&lt;1&gt;.txt</code>: empty file" in for_bot
    assert for_bot.endswith("… and 1 more") and "with failures" in for_bot
    assert render.load_report(report, str, shown=None).count("/srv/corpus/") == 3


def test_the_bot_layer_writes_no_html() -> None:
    """Texts live in briefings/views/templates; bot/ passes data to them."""
    found = []
    for path in (REPO / "bot").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if re.search(r"</?(b|i|code|pre|blockquote|a)\b", node.value):
                    found.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    assert found == []


def test_long_quotes_are_expandable_and_short_ones_are_not(db, corpus) -> None:
    from briefings.store.load_corpus import load_corpus

    load_corpus(db, [corpus])
    html = "\n".join(render.render_briefing(db))
    quotes = re.findall(r"<blockquote( expandable)?>(.*?)</blockquote>", html, flags=re.S)
    assert quotes and all(bool(flag) == (len(text) > 280) for flag, text in quotes)
    assert {bool(flag) for flag, _ in quotes} == {True, False}  # the seed has both kinds
    assert check_telegram_html(html) == []
