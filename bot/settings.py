"""Bot configuration from the environment (and a .env file if present)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefings import config
from briefings.store.subscriptions import SubscriptionError, parse_zone

TELEGRAM_API = "https://api.telegram.org/bot"


class SettingsError(ValueError):
    """Configuration that cannot work; the message is the one line shown to the operator."""


@dataclass(frozen=True)
class BotSettings:
    token: str = field(repr=False)  # never printed, not even by repr()
    api_base_url: str = TELEGRAM_API
    admin_ids: frozenset[int] = frozenset()
    db_path: Path = config.DEFAULT_DB
    corpus_path: Path = config.DEFAULT_CORPUS
    default_tz: str = "UTC"
    digest_interval: float = 30.0  # seconds between looks at who is due
    concurrent_updates: int = 8
    digest_senders: int = 8  # Bot instances for digest fan-out (see bot/sender_pool.py)


def load_settings(environ: Mapping[str, str] | None = None) -> BotSettings:
    env = os.environ if environ is None else environ
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), then "
            "`export TELEGRAM_BOT_TOKEN=...` or put it in .env. `newsbrief brief` previews the briefing offline."
        )
    try:
        default_tz = parse_zone(env.get("NEWSBRIEF_DEFAULT_TZ", "UTC") or "UTC")
    except SubscriptionError as exc:
        raise SettingsError(f"NEWSBRIEF_DEFAULT_TZ: {exc}; use an IANA name such as Europe/Madrid") from None
    return BotSettings(
        token=token,
        api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API,
        admin_ids=parse_admin_ids(env.get("NEWSBRIEF_ADMIN_IDS", "")),
        db_path=config.db_path(env.get("NEWSBRIEF_DB")),
        corpus_path=config.corpus_path(env.get("NEWSBRIEF_CORPUS")),
        default_tz=default_tz,
        digest_interval=float(env.get("NEWSBRIEF_DIGEST_INTERVAL", "30")),
    )


def parse_admin_ids(text: str) -> frozenset[int]:
    """Comma-separated numeric user ids; a username here would be a security hole, so it is refused."""
    ids = set()
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(f"NEWSBRIEF_ADMIN_IDS must be numeric Telegram user ids, got {part!r}")
        ids.add(int(part))
    return frozenset(ids)
